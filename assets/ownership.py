"""Ownership states (确权状态) and how they move: organisations' answers become claims,
claims become states, the bureau approves, closes and assigns.

States (vocabulary ``ownership``): 未确权 unconfirmed → 待认领 offered → 已认领 claimed →
已确权 confirmed; 有争议 disputed when two or more claim; 无主 ownerless when nobody claimed by
the deadline; 已移交 transferred when the bureau assigns. The allowed moves are data
(``resources/confirmation.toml``, ``[states]``). Every decision writes history.
"""
from __future__ import annotations

import datetime as dt

from .campaign_tables import CAMPAIGNS, CLAIMS, RECEIPTS, OwnershipChange, TableRows
from .campaigns import (Campaign, CampaignError, claims, get_campaign, parse_date, require_open, scope_assets,
                        UnknownOrganisation)
from .candidates import rules
from .commands import Composite
from .errors import XiuCityError
from .i18n import QT_TRANSLATE_NOOP
from .store import now_iso, today as _today
from .vocabularies import vocabulary

OPEN_STATES = ("offered", "claimed", "disputed")


class OwnershipTransitionError(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "{code}: the ownership state cannot change from {before} to {after}.")


class DeadlineNotReached(CampaignError):
    text = QT_TRANSLATE_NOOP(
        "Errors", "The deadline of campaign {campaign} is {deadline}; it cannot be closed before then.")


def states() -> list[str]:
    return vocabulary("ownership").codes()


def state_label(code: str | None, language: str | None = None) -> str:
    return vocabulary("ownership").text(code, language)


def can_move(before: str, after: str) -> bool:
    return after == before or after in rules()["states"].get(before, [])


def check_move(code: str, before: str, after: str) -> None:
    if not can_move(before, after):
        raise OwnershipTransitionError(code=code, before=state_label(before), after=state_label(after))


def settle(current: str, owner: str | None, claimants: list[str]) -> tuple[str, str | None]:
    """The state an open asset takes from the organisations that claim it (是):
    one → claimed by it; two or more → disputed (owner unchanged); none → offered again.

    >>> settle("offered", None, ["LTGS"])
    ('claimed', 'LTGS')
    >>> settle("offered", "LTGS", ["LTGS", "DXGS"])
    ('disputed', 'LTGS')
    >>> settle("claimed", "LTGS", [])
    ('offered', 'LTGS')
    """
    if current not in OPEN_STATES:
        return current, owner
    if len(claimants) == 1:
        return "claimed", claimants[0]
    if len(claimants) > 1:
        return "disputed", owner
    return "offered", owner


def _change(asset: dict, state: str, owner: str | None) -> tuple | None:
    before = {"ownership": asset["ownership"], "owner_code": asset["owner_code"]}
    after = {"ownership": state, "owner_code": owner}
    if before == after:
        return None
    check_move(asset["code"], asset["ownership"], state)
    keys = [k for k in after if before[k] != after[k]]
    return (asset["kind"], asset["uuid"], asset["code"], {k: before[k] for k in keys} | {"change_date": asset.get("change_date")},
            {k: after[k] for k in keys} | {"change_date": _today()})


def _with_dates(reg, assets: list[dict]) -> list[dict]:
    """Current change_date of the assets (the stale check compares it too)."""
    from .geopackage import q
    from .kinds import kind
    out = []
    for kind_name in {a["kind"] for a in assets}:
        group = [a for a in assets if a["kind"] == kind_name]
        dates = {}
        uuids = [a["uuid"] for a in group]
        for start in range(0, len(uuids), 500):
            chunk = uuids[start:start + 500]
            dates.update(reg.conn.execute(f"SELECT uuid, change_date FROM {q(kind(kind_name).table)} "
                                          f"WHERE uuid IN ({','.join('?' * len(chunk))})", chunk).fetchall())
        out += [a | {"change_date": dates.get(a["uuid"])} for a in group]
    return out


def record_decisions(reg, campaign: Campaign, org: str, decisions: list[dict], receipt: dict) -> dict:
    """Store one organisation's answers from a returned package and settle the states, in
    one transaction (one undo step). ``decisions``: dicts with kind, uuid, code, decision
    ('yes'/'no'/'unsure'), comment. Answers equal to what is stored change nothing.
    Returns counts: decided, changed, and per new state."""
    require_open(campaign)
    stored = {(c["asset_uuid"]): c for c in claims(reg, campaign.campaign_id) if c["org_code"] == org}
    received = receipt["received"]
    put, history = [], []
    for d in decisions:
        old = stored.get(d["uuid"])
        comment = d.get("comment") or None
        if old and old["decision"] == d["decision"] and (old["comment"] or None) == comment:
            continue
        put.append({"campaign_id": campaign.campaign_id, "asset_uuid": d["uuid"], "kind": d["kind"],
                    "code": d["code"], "org_code": org, "decision": d["decision"], "comment": comment,
                    "package_id": receipt["package_id"], "received": received})
        history.append(("claim_decision", d["kind"], d["uuid"], d["code"],
                        {"org": org, "decision": old["decision"], "comment": old["comment"]} if old else None,
                        {"org": org, "decision": d["decision"], "comment": comment},
                        f"{campaign.campaign_id} {receipt['package_id']}"))
    commands = [TableRows(CLAIMS, put=put, history=history)] if put else []
    counts: dict = {"decided": len(decisions), "changed": len(put)}
    if put:
        touched = {p["asset_uuid"] for p in put}
        yes: dict[str, list] = {}
        for c in claims(reg, campaign.campaign_id):
            if c["asset_uuid"] in touched and c["org_code"] != org and c["decision"] == "yes":
                yes.setdefault(c["asset_uuid"], []).append(c["org_code"])
        for p in put:
            if p["decision"] == "yes":
                yes.setdefault(p["asset_uuid"], []).append(org)
        assets = _with_dates(reg, [a for a in scope_assets(reg, campaign.campaign_id) if a["uuid"] in touched])
        rows = []
        for a in assets:
            state, owner = settle(a["ownership"], a["owner_code"], sorted(yes.get(a["uuid"], [])))
            change = _change(a, state, owner)
            if change:
                rows.append(change)
                counts[state] = counts.get(state, 0) + 1
        if rows:
            commands.append(OwnershipChange(rows, "claim", f"{campaign.campaign_id} {receipt['package_id']}"))
    commands.append(TableRows(RECEIPTS, put=[receipt]))
    reg.execute(Composite(commands, "receive_package"))
    return counts


def close_campaign(reg, campaign_id: str, today: str | dt.date | None = None, *, force: bool = False) -> dict:
    """End a campaign: assets nobody claimed become 无主 ownerless (owner cleared); claimed and
    disputed ones wait for :func:`approve` and :func:`resolve`. Refused before the
    deadline unless ``force``. Returns the number of assets made ownerless."""
    campaign = get_campaign(reg, campaign_id)
    require_open(campaign)
    day = parse_date(today or dt.date.today())
    if day < campaign.deadline and not force:
        raise DeadlineNotReached(campaign=campaign.campaign_id, deadline=campaign.deadline)
    yes = {c["asset_uuid"] for c in claims(reg, campaign_id) if c["decision"] == "yes"}
    assets = _with_dates(reg, [a for a in scope_assets(reg, campaign_id)
                               if a["ownership"] == "offered" and a["uuid"] not in yes])
    rows = [c for c in (_change(a, "ownerless", None) for a in assets) if c]
    row = campaign.to_row() | {"status": "closed", "closed": day}
    commands = [TableRows(CAMPAIGNS, put=[row])]
    if rows:
        commands.append(OwnershipChange(rows, "ownerless", f"{campaign.campaign_id} {campaign.name}"))
    reg.execute(Composite(commands, "close_campaign"))
    return {"ownerless": len(rows)}


def approve(reg, campaign_id: str, org: str | None = None, codes=None) -> int:
    """Bureau approval in bulk: claimed → 已确权 confirmed (all, one organisation's, or the
    given codes). Returns how many were confirmed."""
    campaign = get_campaign(reg, campaign_id)
    wanted = set(codes) if codes else None
    assets = [a for a in scope_assets(reg, campaign_id) if a["ownership"] == "claimed"
              and (org is None or a["owner_code"] == org) and (wanted is None or a["code"] in wanted)]
    rows = [c for c in (_change(a, "confirmed", a["owner_code"]) for a in _with_dates(reg, assets)) if c]
    if rows:
        reg.execute(OwnershipChange(rows, "confirm", f"{campaign.campaign_id} {campaign.name}"))
    return len(rows)


def resolve(reg, code: str, owner: str, note: str | None = None):
    """The bureau assigns an asset (a dispute settled, an ownerless asset handed over):
    → 已移交 transferred with ``owner``. Returns the updated asset."""
    if owner not in reg.organisation_codes():
        raise UnknownOrganisation(org=owner)
    asset = reg.get(code)
    current = {"kind": asset.kind, "uuid": asset.uuid, "code": asset.code, "ownership": asset["ownership"],
               "owner_code": asset["owner_code"], "change_date": asset["change_date"]}
    change = _change(current, "transferred", owner)
    if change:
        reg.execute(OwnershipChange([change], "transfer", note))
    return reg.get(asset.uuid, asset.kind)


__all__ = ["states", "state_label", "can_move", "settle", "record_decisions", "close_campaign", "approve",
           "resolve", "OwnershipTransitionError", "DeadlineNotReached", "now_iso"]
