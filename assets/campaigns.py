"""Confirmation campaigns (确权批次): which kinds, where, which organisations are asked, by
when. Creating one offers every unconfirmed asset in scope (未确权 → 待认领) to the
organisations the evidence names (:mod:`assets.candidates`), one history row per asset.

>>> from assets.registry import Registry
>>> from assets.campaigns import create_campaign
>>> reg = Registry.create("/tmp/doc_campaign.gpkg", overwrite=True)
>>> _ = reg.add("manholes", {"subtype": "0105", "inscription": "电力"}, 523800.0, 4461760.0)
>>> c = create_campaign(reg, "迎宾路井盖", ["manholes"], ["GDGS"], "2026-12-31")
>>> c.campaign_id[:5], reg.query("manholes")[0]["ownership"]
('2026-', 'offered')
>>> reg.close()
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

import shapely

from . import geopackage as gpkg
from .campaign_tables import (CAMPAIGNS, CANDIDATES, CLAIMS, PACKAGES, RECEIPTS, SCOPE, OwnershipChange,
                              TableRows, ensure_tables, select, tables_exist)
from .candidates import candidates_for, mount_owners_by_host
from .commands import Composite
from .errors import XiuCityError
from .geopackage import q
from .i18n import QT_TRANSLATE_NOOP
from .kinds import KIND_NAMES, all_kinds, kind
from .store import now_iso, today


class CampaignError(XiuCityError):
    pass


class CampaignNotFound(CampaignError):
    text = QT_TRANSLATE_NOOP("Errors", "There is no confirmation campaign {campaign}.")


class KindNotConfirmable(CampaignError):
    text = QT_TRANSLATE_NOOP("Errors", "{kind} cannot be confirmed; kinds that can: {kinds}.")


class UnknownOrganisation(CampaignError):
    text = QT_TRANSLATE_NOOP("Errors", "Organisation {org} is not in the registry.")


class NoOrganisations(CampaignError):
    text = QT_TRANSLATE_NOOP("Errors", "Invite at least one organisation to the campaign.")


class BadDeadline(CampaignError):
    text = QT_TRANSLATE_NOOP("Errors", "The deadline {deadline} is not a date (YYYY-MM-DD).")


class BadArea(CampaignError):
    text = QT_TRANSLATE_NOOP("Errors", "The campaign area is not understood: {detail}")


class EmptyCampaign(CampaignError):
    text = QT_TRANSLATE_NOOP(
        "Errors", "No unconfirmed asset in this area can be offered to the invited organisations; no campaign was made.")


class CampaignClosed(CampaignError):
    text = QT_TRANSLATE_NOOP("Errors", "Campaign {campaign} was closed on {date}; nothing was changed.")


@dataclass
class Campaign:
    campaign_id: str
    name: str
    kinds: list
    orgs: list
    deadline: str
    area: dict = field(default_factory=dict)
    status: str = "open"
    created: str | None = None
    created_by: str | None = None
    closed: str | None = None

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @classmethod
    def from_row(cls, row: dict) -> "Campaign":
        return cls(row["campaign_id"], row["name"], json.loads(row["kinds"]), json.loads(row["orgs"]),
                   row["deadline"], json.loads(row["area"] or "{}"), row["status"], row["created"],
                   row["created_by"], row["closed"])

    def to_row(self) -> dict:
        return {"campaign_id": self.campaign_id, "name": self.name, "kinds": json.dumps(self.kinds),
                "area": json.dumps(self.area, ensure_ascii=False), "orgs": json.dumps(self.orgs),
                "deadline": self.deadline, "status": self.status, "created": self.created,
                "created_by": self.created_by, "closed": self.closed}


# -- arguments ---------------------------------------------------------------------------
def parse_date(value, error=BadDeadline) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise error(deadline=str(value)) from None


def normalise_area(area) -> dict:
    """``None`` (everywhere), a WKT polygon, a list of subdistrict (9-digit) and grid
    (15-digit) codes, or a dict with ``subdistricts``, ``grids``, ``wkt``. Codes add up;
    a polygon narrows."""
    if area is None:
        return {}
    if isinstance(area, str):
        area = {"wkt": area} if area.strip()[:1].isalpha() else {"codes": [c for c in area.replace(",", " ").split()]}
    if isinstance(area, (list, tuple)):
        area = {"codes": list(area)}
    if not isinstance(area, dict):
        raise BadArea(detail=str(area))
    out = {"subdistricts": [str(c) for c in area.get("subdistricts", [])],
           "grids": [str(c) for c in area.get("grids", [])]}
    for code in area.get("codes", []):
        code = str(code).strip()
        if len(code) == 9 and code.isdigit():
            out["subdistricts"].append(code)
        elif len(code) == 15 and code.isdigit():
            out["grids"].append(code)
        else:
            raise BadArea(detail=code)
    if area.get("wkt"):
        try:
            geom = shapely.from_wkt(area["wkt"])
        except Exception:  # shapely raises its own GEOSException for bad text
            raise BadArea(detail=str(area["wkt"])[:80]) from None
        if geom.geom_type not in ("Polygon", "MultiPolygon") or geom.is_empty:
            raise BadArea(detail=str(area["wkt"])[:80])
        out["wkt"] = shapely.to_wkt(geom, rounding_precision=3)
    return {k: v for k, v in out.items() if v}


def confirmable_kinds() -> list[str]:
    return [k.name for k in all_kinds() if k.confirmable]


def _check_kinds(kinds) -> list[str]:
    names = [kinds] if isinstance(kinds, str) else list(kinds or confirmable_kinds())
    ok = confirmable_kinds()
    for name in names:
        if name not in ok:
            raise KindNotConfirmable(kind=name, kinds="、".join(ok))
    return names


# -- scope -------------------------------------------------------------------------------
def _scope_rows(reg, kind_name: str, area: dict) -> list[dict]:
    """Unconfirmed, not removed assets of one kind inside the area."""
    k = kind(kind_name)
    cols = ["uuid", "code", "subtype", "owner_code"] + (["inscription"] if "inscription" in k.field_map else [])
    where, params = ["ownership = 'unconfirmed'", "status IS NOT 'removed'"], []
    codes = []
    if area.get("subdistricts"):
        codes.append(f"subdistrict_code IN ({','.join('?' * len(area['subdistricts']))})")
        params += area["subdistricts"]
    if area.get("grids"):
        codes.append(f"grid_code IN ({','.join('?' * len(area['grids']))})")
        params += area["grids"]
    if codes:
        where.append("(" + " OR ".join(codes) + ")")
    rows = reg.conn.execute(f"SELECT geom, {', '.join(q(c) for c in cols)} FROM {q(k.table)} "
                            f"WHERE {' AND '.join(where)} ORDER BY fid", params).fetchall()
    if area.get("wkt") and rows:
        polygon = shapely.from_wkt(area["wkt"])
        x, y = gpkg.decode_points([r[0] for r in rows])
        inside = shapely.contains_xy(polygon, x, y)
        rows = [r for r, keep in zip(rows, inside) if keep]
    return [dict(zip(cols, r[1:])) for r in rows]


def _next_id(reg, day: str) -> str:
    year = day[:4]
    taken = {r["campaign_id"] for r in select(reg.conn, CAMPAIGNS)}
    n = 1
    while f"{year}-{n:03d}" in taken:
        n += 1
    return f"{year}-{n:03d}"


def create_campaign(reg, name: str, kinds, orgs, deadline, area=None) -> Campaign:
    """Make a campaign and offer its assets (未确权 → 待认领) in one undoable step.

    Parameters
    ----------
    name : the campaign's name (e.g. "2026年第一批检查井确权").
    kinds : kind names (``"manholes"``, ``"poles"``, ``"boxes"``); empty → all confirmable.
    orgs : organisation codes invited (e.g. ``["GDGS", "LTGS"]``).
    deadline : last day for answers (date or ``"YYYY-MM-DD"``).
    area : see :func:`normalise_area`.
    """
    kinds = _check_kinds(kinds)
    orgs = [str(o).strip() for o in ([orgs] if isinstance(orgs, str) else orgs or [])]
    if not orgs:
        raise NoOrganisations()
    known = reg.organisation_codes()
    for org in orgs:
        if org not in known:
            raise UnknownOrganisation(org=org)
    deadline = parse_date(deadline)
    area = normalise_area(area)
    ensure_tables(reg)
    day = today()
    campaign = Campaign(_next_id(reg, day), str(name).strip() or _next_id(reg, day), kinds, orgs, deadline, area,
                        "open", now_iso(), reg.who)
    scope, candidates, offers = [], [], []
    for kind_name in kinds:
        rows = _scope_rows(reg, kind_name, area)
        mounts = mount_owners_by_host(reg.conn, [r["uuid"] for r in rows]) if kind(kind_name).has_mounts else {}
        for row in rows:
            found = candidates_for(kind_name, row, mounts.get(row["uuid"], []), orgs)
            if not found:
                continue
            base = {"campaign_id": campaign.campaign_id, "asset_uuid": row["uuid"]}
            scope.append({**base, "kind": kind_name, "code": row["code"]})
            candidates += [{**base, "org_code": org, "reason": ",".join(reasons)} for org, reasons in found.items()]
            offers.append((kind_name, row["uuid"], row["code"], {"ownership": "unconfirmed"},
                           {"ownership": "offered"}))
    if not scope:
        raise EmptyCampaign()
    note = f"{campaign.campaign_id} {campaign.name}"
    reg.execute(Composite([TableRows(CAMPAIGNS, put=[campaign.to_row()]), TableRows(SCOPE, put=scope),
                           TableRows(CANDIDATES, put=candidates), OwnershipChange(offers, "offer", note)],
                          "create_campaign"))
    return campaign


def list_campaigns(reg) -> list[Campaign]:
    return [Campaign.from_row(r) for r in select(reg.conn, CAMPAIGNS)]


def get_campaign(reg, campaign_id: str) -> Campaign:
    rows = select(reg.conn, CAMPAIGNS, "campaign_id = ?", (str(campaign_id),))
    if not rows:
        raise CampaignNotFound(campaign=str(campaign_id))
    return Campaign.from_row(rows[0])


def require_open(campaign: Campaign) -> None:
    if not campaign.is_open:
        raise CampaignClosed(campaign=campaign.campaign_id, date=campaign.closed or "")


# -- reading the campaign's assets ----------------------------------------------------------
def scope_assets(reg, campaign_id: str, org: str | None = None) -> list[dict]:
    """The campaign's assets with their current state: kind, uuid, code, ownership,
    owner_code (and, with ``org``, only that organisation's candidates with its reasons)."""
    out = []
    for kind_name in KIND_NAMES:
        table = q(kind(kind_name).table)
        if org is None:
            rows = reg.conn.execute(
                f"SELECT s.asset_uuid, t.code, t.ownership, t.owner_code, NULL FROM {SCOPE} s "
                f"JOIN {table} t ON t.uuid = s.asset_uuid WHERE s.campaign_id = ? AND s.kind = ? ORDER BY s.id",
                (campaign_id, kind_name))
        else:
            rows = reg.conn.execute(
                f"SELECT s.asset_uuid, t.code, t.ownership, t.owner_code, c.reason FROM {SCOPE} s "
                f"JOIN {CANDIDATES} c ON c.campaign_id = s.campaign_id AND c.asset_uuid = s.asset_uuid "
                f"JOIN {table} t ON t.uuid = s.asset_uuid WHERE s.campaign_id = ? AND s.kind = ? "
                "AND c.org_code = ? ORDER BY s.id", (campaign_id, kind_name, org))
        out += [{"kind": kind_name, "uuid": u, "code": c, "ownership": o, "owner_code": w, "reason": r}
                for u, c, o, w, r in rows]
    return out


def claims(reg, campaign_id: str) -> list[dict]:
    return select(reg.conn, CLAIMS, "campaign_id = ?", (campaign_id,))


def _filter(campaign_id: str | None, org: str | None) -> tuple[str, list]:
    where, params = ["1"], []
    for column, value in (("campaign_id", campaign_id), ("org_code", org)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    return " AND ".join(where), params


def issued_packages(reg, campaign_id: str | None = None, org: str | None = None) -> list[dict]:
    return select(reg.conn, PACKAGES, *_filter(campaign_id, org))


def issued_package(reg, package_id: str) -> dict | None:
    rows = select(reg.conn, PACKAGES, "package_id = ?", (package_id,)) if tables_exist(reg) else []
    return rows[0] if rows else None


def receipts(reg, campaign_id: str | None = None, org: str | None = None) -> list[dict]:
    return select(reg.conn, RECEIPTS, *_filter(campaign_id, org))


def record_package(reg, row: dict) -> None:
    """Remember an issued package (its id, version and the rows it carries), so that a
    returned copy can be checked cell by cell. Not an undo step: it is a fact."""
    reg.execute(TableRows(PACKAGES, put=[row]), undoable=False)


def next_package_version(reg, campaign_id: str, org: str) -> int:
    return 1 + max([p["version"] for p in issued_packages(reg, campaign_id, org)] or [0])


def campaign_status(reg, campaign_id: str) -> dict:
    """Counts a bureau clerk follows: states of the campaign's assets, per organisation
    offered / returned / claimed / rejected / unsure / pending, the disputed assets with
    their claimants and the ownerless ones."""
    campaign = get_campaign(reg, campaign_id)
    assets = scope_assets(reg, campaign_id)
    states: dict[str, int] = {}
    for a in assets:
        states[a["ownership"]] = states.get(a["ownership"], 0) + 1
    all_claims = claims(reg, campaign_id)
    by_asset: dict[str, list] = {}
    for c in all_claims:
        by_asset.setdefault(c["asset_uuid"], []).append(c)
    orgs = {}
    for org in campaign.orgs:
        offered = reg.conn.execute(f"SELECT count(*) FROM {CANDIDATES} WHERE campaign_id = ? AND org_code = ?",
                                   (campaign_id, org)).fetchone()[0]
        mine = [c for c in all_claims if c["org_code"] == org]
        counts = {d: sum(1 for c in mine if c["decision"] == d) for d in ("yes", "no", "unsure")}
        orgs[org] = {"name": reg.organisation_name(org), "offered": offered,
                     "packages": len(issued_packages(reg, campaign_id, org)),
                     "receipts": len(receipts(reg, campaign_id, org)), "returned": len(mine),
                     "claimed": counts["yes"], "rejected": counts["no"], "unsure": counts["unsure"],
                     "pending": offered - counts["yes"] - counts["no"],
                     "owned": sum(1 for a in assets if a["owner_code"] == org
                                  and a["ownership"] in ("claimed", "confirmed", "transferred"))}
    disputed = [{"code": a["code"], "kind": a["kind"], "uuid": a["uuid"],
                 "claimants": sorted(c["org_code"] for c in by_asset.get(a["uuid"], []) if c["decision"] == "yes")}
                for a in assets if a["ownership"] == "disputed"]
    ownerless = [{"code": a["code"], "kind": a["kind"], "uuid": a["uuid"]}
                 for a in assets if a["ownership"] == "ownerless"]
    return {"campaign": campaign.to_row() | {"kinds": campaign.kinds, "orgs": campaign.orgs, "area": campaign.area},
            "assets": len(assets), "states": states, "orgs": orgs, "disputed": disputed, "ownerless": ownerless}


def package_candidates(reg, campaign_id: str, org: str) -> list[tuple]:
    """What one organisation's package lists: (Asset, reasons, earlier decision or None,
    earlier comment) for its candidates still open (待认领, 已认领, 有争议). Assets settled
    for someone else are never included."""
    from .ownership import OPEN_STATES
    mine = [a for a in scope_assets(reg, campaign_id, org) if a["ownership"] in OPEN_STATES]
    earlier = {c["asset_uuid"]: c for c in claims(reg, campaign_id) if c["org_code"] == org}
    out = []
    for kind_name in KIND_NAMES:
        group = [a for a in mine if a["kind"] == kind_name]
        if not group:
            continue
        table = q(kind(kind_name).table)
        fids = {}
        uuids = [a["uuid"] for a in group]
        for start in range(0, len(uuids), 500):
            chunk = uuids[start:start + 500]
            fids.update(reg.conn.execute(f"SELECT uuid, fid FROM {table} WHERE uuid IN "
                                         f"({','.join('?' * len(chunk))})", chunk).fetchall())
        assets = {a.uuid: a for a in reg.assets_by_fid(kind_name, [fids[u] for u in uuids if u in fids])}
        for a in group:
            if a["uuid"] in assets:
                c = earlier.get(a["uuid"])
                out.append((assets[a["uuid"]], (a["reason"] or "").split(","),
                            c["decision"] if c else None, c["comment"] if c else None))
    return out
