"""Command-line verbs of ownership confirmation (确权): campaigns, packages for the
utilities, their returned workbooks, the bureau's decisions, status and ledgers.

A thin shell over :mod:`assets.campaigns`, :mod:`assets.ownership` and the package and
ledger writers in :mod:`layers`; organisations may be named by code or Chinese name."""
from __future__ import annotations

from pathlib import Path

import click

from assets.campaigns import campaign_status, create_campaign, get_campaign, list_campaigns, scope_assets
from assets.ownership import approve, close_campaign, resolve, state_label
from assets.registry import Registry

from .cli_support import TerminalProgress, emit_json, fail, friendly_errors, tr
from .confirm_arguments import campaign_area, kind_names, organisation_code, organisation_codes

ANSWERS = ("yes", "no", "unsure", "blank")
STATUS_COLUMNS = ("offered", "returned", "claimed", "rejected", "unsure", "pending", "owned")

REGISTRY = click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
AS_JSON = click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")


def _campaign_option(func):
    return click.option("--campaign", "-c", "campaign", required=True,
                        help="Campaign identifier (e.g. 2026-001) or its exact name.")(func)


def campaign_id(reg, text: str) -> str:
    """A campaign by identifier or, failing that, by its exact name."""
    text = str(text).strip()
    named = [c.campaign_id for c in list_campaigns(reg) if c.name == text]
    if len(named) == 1 and not any(c.campaign_id == text for c in list_campaigns(reg)):
        return named[0]
    return get_campaign(reg, text).campaign_id  # raises CampaignNotFound in the user's words


def answer_label(key: str) -> str:
    return {"yes": tr("yes"), "no": tr("no"), "unsure": tr("unsure"), "blank": tr("blank")}[key]


def column_label(key: str) -> str:
    return {"offered": tr("offered"), "returned": tr("returned"), "claimed": tr("claimed"),
            "rejected": tr("rejected"), "unsure": tr("unsure"), "pending": tr("pending"),
            "owned": tr("owned")}[key]


def campaign_state_label(status: str) -> str:
    return tr("open") if status == "open" else tr("closed")


def report_data(reg, report) -> dict:
    return {"received": True, "package_id": report.package_id, "campaign_id": report.campaign_id,
            "org_code": report.org_code, "org_name": reg.organisation_name(report.org_code),
            "version": report.version, "rows": report.rows, "answers": report.answers,
            "changed": report.changed, "states": report.states, "duplicate": report.duplicate,
            "problems": report.problem_messages}


def echo_report(data: dict) -> None:
    click.echo(tr("Received the package of {org} (campaign {campaign}, version {version}): {rows} rows.",
                  org=data["org_name"], campaign=data["campaign_id"], version=data["version"], rows=data["rows"]))
    click.echo(tr("Answers: {answers}",
                  answers="，".join(f"{answer_label(k)} {data['answers'].get(k, 0)}" for k in ANSWERS)))
    if data["duplicate"]:
        click.echo(tr("These answers were received before; nothing was changed."))
    else:
        click.echo(tr("Answers different from those stored: {n}", n=data["changed"]))
        if data["states"]:
            click.echo(tr("New states: {states}",
                          states="，".join(f"{state_label(s)} {n}" for s, n in data["states"].items())))
    if data["problems"]:
        click.echo(tr("Rows left out ({n}):", n=len(data["problems"])))
        for message in data["problems"]:
            click.echo(f"  - {message}")


def confirm_commands(cli: click.Group) -> None:
    @cli.group()
    def confirm():
        """Ownership confirmation (确权): campaigns, packages, answers, decisions, ledgers.

        \b
        Example:
          xiucity confirm campaign new town.gpkg --name 第一批井盖 --kinds manholes --orgs 县供电公司,LTGS --deadline 2026-12-31
          xiucity confirm status town.gpkg --campaign 2026-001
        """

    @confirm.group()
    def campaign():
        """Create, list and close confirmation campaigns.

        \b
        Example:
          xiucity confirm campaign list town.gpkg
        """

    @campaign.command("new")
    @REGISTRY
    @click.option("--name", "-n", required=True, help="The campaign's name.")
    @click.option("--kinds", "-k", default="", help="Kinds, comma-separated (manholes, poles, boxes or 检查井…); "
                                                    "default: all that can be confirmed.")
    @click.option("--area", "-a", default=None,
                  help="Subdistrict names or codes, 15-digit grid codes, or a WKT polygon in the registry's CRS.")
    @click.option("--orgs", "-o", required=True, help="Invited organisations: codes or Chinese names, comma-separated.")
    @click.option("--deadline", "-d", required=True, help="Last day for answers, YYYY-MM-DD.")
    @AS_JSON
    @friendly_errors
    def campaign_new(path, name, kinds, area, orgs, deadline, as_json):
        """Start a campaign: offer every unconfirmed asset in the area to the organisations
        the evidence names (未确权 → 待认领).

        \b
        Example:
          xiucity confirm campaign new town.gpkg --name 2026年第一批 --kinds manholes,poles --area 阜昌街道 --orgs GDGS,县联通公司 --deadline 2026-12-31
        """
        with Registry.open(path) as reg:
            c = create_campaign(reg, name, kind_names(kinds), organisation_codes(reg, orgs), deadline,
                                campaign_area(reg, area))
            status = campaign_status(reg, c.campaign_id)
        if as_json:
            emit_json(status)
            return
        click.echo(tr("Created campaign {campaign} {name}: {n} assets offered, deadline {deadline}.",
                      campaign=c.campaign_id, name=c.name, n=status["assets"], deadline=c.deadline))
        for org, o in status["orgs"].items():
            click.echo(f"  {o['name']}（{org}）  {tr('offered')} {o['offered']}")

    @campaign.command("list")
    @REGISTRY
    @AS_JSON
    @friendly_errors
    def campaign_list(path, as_json):
        """The registry's campaigns with their state, deadline and organisations.

        \b
        Example:
          xiucity confirm campaign list town.gpkg --json
        """
        with Registry.open(path, readonly=True) as reg:
            rows = []
            for c in list_campaigns(reg):
                rows.append({**c.to_row(), "kinds": c.kinds, "orgs": c.orgs, "area": c.area,
                             "org_names": [reg.organisation_name(o) for o in c.orgs],
                             "assets": len(scope_assets(reg, c.campaign_id))})
        if as_json:
            emit_json(rows)
            return
        if not rows:
            click.echo(tr("No confirmation campaign yet."))
        for r in rows:
            click.echo(f"{r['campaign_id']}  {r['name']}  {campaign_state_label(r['status'])}  "
                       f"{tr('deadline')} {r['deadline']}  {tr('{n} assets', n=r['assets'])}  "
                       f"{'、'.join(r['org_names'])}")

    @campaign.command("close")
    @REGISTRY
    @click.argument("campaign_ref", metavar="CAMPAIGN")
    @click.option("--force", is_flag=True, help="Close before the deadline.")
    @friendly_errors
    def campaign_close(path, campaign_ref, force):
        """End a campaign: assets nobody claimed become ownerless (无主). Refused before
        the deadline unless --force.

        \b
        Example:
          xiucity confirm campaign close town.gpkg 2026-001 --force
        """
        with Registry.open(path) as reg:
            cid = campaign_id(reg, campaign_ref)
            result = close_campaign(reg, cid, force=force)
        click.echo(tr("Closed campaign {campaign}; {n} assets nobody claimed are now ownerless.",
                      campaign=cid, n=result["ownerless"]))

    @confirm.command()
    @REGISTRY
    @_campaign_option
    @click.option("--org", "-g", required=True, help="Organisation code or Chinese name.")
    @click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, path_type=Path),
                  help="The workbook to write (.xlsx); a .gpkg of the same assets is written beside it.")
    @click.option("--pdf", is_flag=True, help="Also write a printable map (.pdf).")
    @friendly_errors
    def package(path, campaign, org, output, pdf):
        """Write an organisation's confirmation package (确权包) for its clerk to fill.

        \b
        Example:
          xiucity confirm package town.gpkg --campaign 2026-001 --org 县供电公司 -o 供电公司确权包.xlsx --pdf
        """
        from layers.confirmation_package import write_package
        if output.suffix.lower() != ".xlsx":
            output = output.with_suffix(".xlsx")
        with Registry.open(path) as reg:
            code = organisation_code(reg, org)
            progress = TerminalProgress(tr("Writing the package"))
            info = write_package(reg, campaign_id(reg, campaign), code, output, pdf=pdf, progress=progress)
            progress.close()
            name = reg.organisation_name(code)
        click.echo(tr("Wrote the package of {org} to {path}: {n} assets (version {version}).",
                      org=name, path=info.path, n=info.n_assets, version=info.version))
        for extra in (info.gpkg_path, info.pdf_path):
            if extra:
                click.echo(f"  {extra}")

    @confirm.command()
    @REGISTRY
    @click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
    @click.option("--accept-valid-rows", is_flag=True,
                  help="Take the good rows of a package with row problems and report the rest.")
    @AS_JSON
    @friendly_errors
    def receive(path, file, accept_valid_rows, as_json):
        """Receive a returned package: check it and record the organisation's answers.
        Exits non-zero (and changes nothing) when the package is refused.

        \b
        Example:
          xiucity confirm receive town.gpkg 供电公司确权包_已填.xlsx --accept-valid-rows
        """
        from layers.package_receipt import PackageRowsInvalid, receive_package
        with Registry.open(path) as reg:
            progress = TerminalProgress(tr("Checking the package"))
            try:
                report = receive_package(reg, file, accept_valid_rows=accept_valid_rows, progress=progress)
            except PackageRowsInvalid as error:
                progress.close()
                problems = [p.message() for p in error.problems]
                if as_json:
                    emit_json({"received": False, "error": str(error), "problems": problems})
                else:
                    for message in problems:
                        click.echo(f"  - {message}")
                    click.echo(tr("To take the good rows and leave these out, add --accept-valid-rows."))
                fail(str(error))
            progress.close()
            data = report_data(reg, report)
        if as_json:
            emit_json(data)
        else:
            echo_report(data)

    @confirm.command("approve")
    @REGISTRY
    @_campaign_option
    @click.option("--org", "-g", default=None, help="Only this organisation's claims (code or Chinese name).")
    @friendly_errors
    def approve_cmd(path, campaign, org):
        """Approve claims in bulk: 已认领 → 已确权.

        \b
        Example:
          xiucity confirm approve town.gpkg --campaign 2026-001 --org GDGS
        """
        with Registry.open(path) as reg:
            code = organisation_code(reg, org) if org else None
            n = approve(reg, campaign_id(reg, campaign), code)
        click.echo(tr("Approved {n} claims (now confirmed).", n=n))

    @confirm.command("resolve")
    @REGISTRY
    @click.argument("code")
    @click.option("--owner", required=True, help="The organisation the bureau assigns it to (code or Chinese name).")
    @click.option("--note", default=None, help="Why, for the history (e.g. the meeting that decided).")
    @friendly_errors
    def resolve_cmd(path, code, owner, note):
        """Assign an asset (a dispute settled, an ownerless asset handed over): → 已移交.

        \b
        Example:
          xiucity confirm resolve town.gpkg 2103230107000012 --owner 县联通公司 --note 协调会决定
        """
        with Registry.open(path) as reg:
            org = organisation_code(reg, owner)
            asset = resolve(reg, code, org, note=note)
            name = reg.organisation_name(org)
        click.echo(tr("{code} assigned to {org} ({state}).", code=asset.code, org=name,
                      state=state_label(asset["ownership"])))

    @confirm.command()
    @REGISTRY
    @_campaign_option
    @AS_JSON
    @friendly_errors
    def status(path, campaign, as_json):
        """Where a campaign stands: per organisation offered / returned / claimed / rejected /
        unsure / pending / owned, the states, the disputed and the ownerless assets.

        \b
        Example:
          xiucity confirm status town.gpkg --campaign 2026-001 --json
        """
        with Registry.open(path, readonly=True) as reg:
            data = campaign_status(reg, campaign_id(reg, campaign))
            names = {o["code"]: o["name"] for o in reg.organisations()}
        if as_json:
            emit_json(data)
            return
        c = data["campaign"]
        click.echo(f"{c['campaign_id']}  {c['name']}  {campaign_state_label(c['status'])}  "
                   f"{tr('deadline')} {c['deadline']}  {tr('{n} assets', n=data['assets'])}")
        click.echo(tr("States: {states}", states="，".join(f"{state_label(s)} {n}" for s, n in data["states"].items())))
        click.echo("\t".join([tr("Organisation"), *[column_label(k) for k in STATUS_COLUMNS]]))
        for org, o in data["orgs"].items():
            click.echo("\t".join([f"{o['name']}（{org}）", *[str(o[k]) for k in STATUS_COLUMNS]]))
        click.echo(tr("Disputed ({n}):", n=len(data["disputed"])))
        for d in data["disputed"]:
            click.echo(f"  {d['code']}  " + "、".join(names.get(o, o) for o in d["claimants"]))
        click.echo(tr("Ownerless ({n}):", n=len(data["ownerless"])))
        for d in data["ownerless"]:
            click.echo(f"  {d['code']}")

    @confirm.command()
    @REGISTRY
    @_campaign_option
    @click.option("--org", "-g", default=None, help="The organisation whose ledger to write (code or Chinese name).")
    @click.option("--summary", is_flag=True, help="Write the campaign summary instead of one organisation's ledger.")
    @click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, path_type=Path),
                  help="The file to write: .xlsx or .pdf.")
    @friendly_errors
    def ledger(path, campaign, org, summary, output):
        """Write an organisation's ownership ledger (确权清单) to sign, or the campaign summary.

        \b
        Example:
          xiucity confirm ledger town.gpkg --campaign 2026-001 --org GDGS -o 供电公司确权清单.pdf
          xiucity confirm ledger town.gpkg --campaign 2026-001 --summary -o 汇总.xlsx
        """
        from layers.ownership_ledger import write_campaign_summary, write_ledger
        if bool(org) == bool(summary):
            fail(tr("Give --org for an organisation's ledger or --summary for the campaign summary."))
        with Registry.open(path, readonly=True) as reg:
            cid = campaign_id(reg, campaign)
            if summary:
                written = write_campaign_summary(reg, cid, output)
            else:
                written = write_ledger(reg, cid, organisation_code(reg, org), output)
        click.echo(tr("Wrote {path}", path=written))

    del confirm, campaign, campaign_new, campaign_list, campaign_close, package, receive, approve_cmd, resolve_cmd
    del status, ledger

