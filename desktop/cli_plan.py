"""Command-line verbs for pole and box merge planning (多杆合一、多箱合一): plan an area,
cut the plan into batches, edit groups, write batch reports, apply and revert batches."""
from __future__ import annotations

from pathlib import Path

import click

from assets import merge_plans as mp
from assets.registry import Registry

from .cli_support import TerminalProgress, emit_json, fail, friendly_errors, tr


def _summary_lines(stats: dict) -> list[str]:
    lines = [tr("{before} → {after} ({reduction}% fewer); {groups} groups, {moved} devices move, {blocked} groups wait for ownership confirmation",
                before=stats["before"]["total"], after=stats["after"]["total"], reduction=stats["reduction_pct"],
                groups=stats["groups"], moved=stats["devices_moved"], blocked=stats["blocked_groups"])]
    if "components" in stats:
        lines.append(tr("Components proven optimal: {optimal} of {n}; gap to the lower bound: {gap} hosts",
                        optimal=stats["components_optimal"], n=stats["components"], gap=stats["gap_hosts"]))
    cost = stats["cost_cny"]
    lines.append(tr("Cost estimate: {low} – {high} CNY", low=f"{cost['low']:,.0f}", high=f"{cost['high']:,.0f}"))
    if stats["owners_cosign"]:
        lines.append(tr("Owners who must co-sign: {owners}", owners=", ".join(stats["owners_cosign"])))
    return lines


def _plan_verb(kind: str):
    @click.argument("path", type=click.Path(path_type=Path))
    @click.option("--rules", "rules_path", type=click.Path(dir_okay=False, path_type=Path),
                  help="Rules file (TOML); default resources/rules/merge.toml.")
    @click.option("--area", help="Subdistrict code or name, WKT polygon, polygon file (WKT/GeoJSON) "
                                 "or comma-separated asset codes.")
    @click.option("--name", help="Name of the plan.")
    @click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
    @friendly_errors
    def verb(path, rules_path, area, name, as_json):
        progress = TerminalProgress(tr("Planning"), enabled=not as_json)
        with Registry.open(path) as reg:
            plan_id = mp.create_plan(reg, kind, name or "", rules=rules_path, area=area, progress=progress)
            progress.close()
            stats = mp.plan_stats(reg, plan_id)
        if as_json:
            emit_json(stats)
            return
        click.echo(tr("Plan {plan} made", plan=plan_id))
        for line in _summary_lines(stats):
            click.echo("  " + line)
    return verb


def plan_commands(cli: click.Group) -> None:
    @cli.group()
    def plan():
        """Pole and box merge planning (多杆合一、多箱合一) in batches.

        \b
        Examples:
          xiucity plan poles town.gpkg --area 210323001 --name 阜昌街道
          xiucity plan batch town.gpkg MP001 --road 迎宾路 --name 迎宾路一期
          xiucity plan report town.gpkg MB001 -o 迎宾路.xlsx
          xiucity plan apply town.gpkg MB001
          xiucity plan revert town.gpkg MB001
        """

    plan.command("poles", help=tr_help(
        "Plan which devices move onto which poles and which poles go.\n\n\b\nExample:\n"
        "  xiucity plan poles town.gpkg --area 210323001 --name 阜昌街道"))(_plan_verb("poles"))
    plan.command("boxes", help=tr_help(
        "Plan which compartments move into which integrated cabinets.\n\n\b\nExample:\n"
        "  xiucity plan boxes town.gpkg --area 兴隆街道"))(_plan_verb("boxes"))

    @plan.command()
    @click.argument("path", type=click.Path(path_type=Path))
    @click.argument("plan_id", metavar="PLAN")
    @click.option("--road", help="Groups whose host stands on this road.")
    @click.option("--subdistrict", help="Groups whose host lies in this subdistrict (code or name).")
    @click.option("--polygon", type=click.Path(dir_okay=False, path_type=Path),
                  help="Groups whose host lies in this polygon (WKT or GeoJSON file).")
    @click.option("--codes", help="Groups involving these asset codes (comma-separated).")
    @click.option("--name", required=True, help="Name of the batch.")
    @click.option("--phase", type=int, help="Order of the batch (main roads first).")
    @click.option("--json", "as_json", is_flag=True)
    @friendly_errors
    def batch(path, plan_id, road, subdistrict, polygon, codes, name, phase, as_json):
        """Cut a batch out of a plan by road, subdistrict, polygon or codes.

        \b
        Example:
          xiucity plan batch town.gpkg MP001 --road 迎宾路 --name 迎宾路一期
        """
        if polygon is not None and not polygon.is_file():
            fail(tr("Polygon file {path} does not exist.", path=polygon))
        with Registry.open(path) as reg:
            batch_id = mp.create_batch(reg, plan_id, name, road=road, subdistrict=subdistrict,
                                       polygon=str(polygon) if polygon else None,
                                       codes=[c for c in (codes or "").split(",") if c.strip()] or None, phase=phase)
            stats = mp.batch_stats(reg, batch_id)
        if as_json:
            emit_json(stats)
            return
        click.echo(tr("Batch {batch} made", batch=batch_id))
        for line in _summary_lines(stats):
            click.echo("  " + line)

    @plan.command()
    @click.argument("path", type=click.Path(path_type=Path))
    @click.argument("batch_id", metavar="BATCH")
    @click.argument("phase", type=int)
    @friendly_errors
    def phase(path, batch_id, phase):
        """Put a batch at PHASE in its plan's order of works (1 = first); the others follow.

        \b
        Example:
          xiucity plan phase town.gpkg MB003 1
        """
        with Registry.open(path) as reg:
            order = mp.set_batch_phase(reg, batch_id, phase)
        click.echo(tr("Order of works: {order}", order=" → ".join(order)))

    @plan.command()
    @click.argument("path", type=click.Path(path_type=Path))
    @click.argument("ref", metavar="PLAN|BATCH")
    @click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
                  help="Report file: .xlsx, .pdf or .gpkg.")
    @friendly_errors
    def report(path, ref, output):
        """Write a plan's or batch's report: XLSX (tables and sign-off sheet), PDF (map,
        tables, sign-off blocks) or GeoPackage (hosts, removed poles, move lines).

        \b
        Example:
          xiucity plan report town.gpkg MB001 -o 迎宾路.pdf
        """
        from layers.merge_report_files import write_merge_report
        with Registry.open(path, readonly=True) as reg:
            written = write_merge_report(reg, ref, output)
        click.echo(tr("Report written to {path}", path=written))

    @plan.command()
    @click.argument("path", type=click.Path(path_type=Path))
    @click.argument("batch_id", metavar="BATCH")
    @click.option("--json", "as_json", is_flag=True)
    @friendly_errors
    def apply(path, batch_id, as_json):
        """Apply a batch to the registry in one step: removed poles marked 移除, hosts become
        综合杆/综合设备箱, devices move onto them. Refused while ownership is unconfirmed.

        \b
        Example:
          xiucity plan apply town.gpkg MB001
        """
        with Registry.open(path) as reg:
            stats = mp.apply_batch(reg, batch_id)
        if as_json:
            emit_json(stats)
            return
        click.echo(tr("Batch {batch} applied", batch=batch_id))
        for line in _summary_lines(stats):
            click.echo("  " + line)

    @plan.command()
    @click.argument("path", type=click.Path(path_type=Path))
    @click.argument("batch_id", metavar="BATCH")
    @friendly_errors
    def revert(path, batch_id):
        """Take an applied batch back exactly; refused once those assets were changed again.

        \b
        Example:
          xiucity plan revert town.gpkg MB001
        """
        with Registry.open(path) as reg:
            mp.revert_batch(reg, batch_id)
        click.echo(tr("Batch {batch} reverted", batch=batch_id))

    @plan.command()
    @click.argument("path", type=click.Path(path_type=Path))
    @click.argument("batch_id", metavar="BATCH")
    @friendly_errors
    def done(path, batch_id):
        """Record that an applied batch is carried out in the field; it can no longer be reverted.

        \b
        Example:
          xiucity plan done town.gpkg MB001
        """
        with Registry.open(path) as reg:
            mp.mark_batch_executed(reg, batch_id)
        click.echo(tr("Batch {batch} marked as carried out", batch=batch_id))

    @plan.command()
    @click.argument("path", type=click.Path(path_type=Path))
    @click.argument("plan_id", metavar="PLAN")
    @click.option("--json", "as_json", is_flag=True)
    @friendly_errors
    def show(path, plan_id, as_json):
        """Every group of a plan: host, removed poles, devices moved, batch.

        \b
        Example:
          xiucity plan show town.gpkg MP001 --json
        """
        with Registry.open(path, readonly=True) as reg:
            plan_row = mp.get_plan(reg, plan_id)
            groups = mp.plan_groups(reg, plan_id)
            stats = mp.plan_stats(reg, plan_id)
            batches = mp.list_batches(reg, plan_id)
        if as_json:
            emit_json({"plan": {k: plan_row[k] for k in ("plan_id", "name", "kind", "created", "area", "state")},
                       "stats": stats, "batches": batches, "groups": groups})
            return
        click.echo(f"{plan_row['plan_id']}  {plan_row['name']}  ({plan_row['kind']})")
        for line in _summary_lines(stats):
            click.echo("  " + line)
        for g in groups:
            moved = sum(mp.moved(m) for m in g["moves"])
            removed = ",".join(r["code"] for r in g["removed"]) or "-"
            flag = tr("blocked") if g["blocked"] else ""
            click.echo(f"{g['group_no']:>5}  {g['host_code']}  {tr('removed')}: {removed}  "
                       f"{tr('moved')}: {moved}  {g['batch_id'] or ''} {flag}".rstrip())

    @plan.command("list")
    @click.argument("path", type=click.Path(path_type=Path))
    @click.option("--json", "as_json", is_flag=True)
    @friendly_errors
    def list_(path, as_json):
        """Plans and batches of a registry.

        \b
        Example:
          xiucity plan list town.gpkg
        """
        with Registry.open(path, readonly=True) as reg:
            plans = mp.list_plans(reg)
            batches = mp.list_batches(reg)
        if as_json:
            emit_json({"plans": plans, "batches": batches})
            return
        for p in plans:
            click.echo(f"{p['plan_id']}  {p['kind']}  {p['name']}  {p['created']}")
        for b in batches:
            click.echo(f"  {b['batch_id']}  {b['plan_id']}  {b['name']}  {b['state']}")

    @plan.command()
    @click.argument("path", type=click.Path(path_type=Path))
    @click.argument("plan_id", metavar="PLAN")
    @click.argument("device", metavar="MOUNT_UUID")
    @click.argument("group", type=int)
    @friendly_errors
    def move(path, plan_id, device, group):
        """Move one device (by its mount UUID) to another group; refused if it breaks a rule.

        \b
        Example:
          xiucity plan move town.gpkg MP001 6f1c…-… 12
        """
        with Registry.open(path) as reg:
            mp.move_device(reg, plan_id, device, group)
        click.echo(tr("Device moved to group {group}", group=group))

    @plan.command()
    @click.argument("path", type=click.Path(path_type=Path))
    @click.argument("plan_id", metavar="PLAN")
    @click.argument("group", type=int)
    @click.argument("codes", nargs=-1, required=True)
    @friendly_errors
    def split(path, plan_id, group, codes):
        """Keep removed poles of a group: the first becomes a new group's host.

        \b
        Example:
          xiucity plan split town.gpkg MP001 12 2103230118000042
        """
        with Registry.open(path) as reg:
            new = mp.split_group(reg, plan_id, group, list(codes))
        click.echo(tr("New group {group}", group=new["group_no"]))

    @plan.command()
    @click.argument("path", type=click.Path(path_type=Path))
    @click.argument("plan_id", metavar="PLAN")
    @click.argument("group", type=int)
    @click.argument("other", type=int)
    @friendly_errors
    def join(path, plan_id, group, other):
        """Join group OTHER into GROUP (its host is removed); refused if a device breaks a rule.

        \b
        Example:
          xiucity plan join town.gpkg MP001 12 13
        """
        with Registry.open(path) as reg:
            mp.join_groups(reg, plan_id, group, other)
        click.echo(tr("Group {other} joined into {group}", other=other, group=group))

    del batch, report, apply, revert, done, show, list_, move, split, join


def tr_help(text: str) -> str:
    """Help texts stay English in the source; click shows them as written."""
    return text
