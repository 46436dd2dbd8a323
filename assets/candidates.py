"""Who may own an asset, and why: the evidence a campaign uses to decide which
organisation's package lists which asset (data minimisation: nobody sees more).

Rules are data (``resources/confirmation.toml``): the recorded owner, the words on a cover,
the owners of devices mounted on a pole or in a cabinet name specific organisations; only
when none of those names anyone does the subtype's usual owner count, and when even that is
empty every invited organisation is asked ("owner unknown, in scope").
"""
from __future__ import annotations

import tomllib
from functools import lru_cache

import resources

from .geopackage import q
from .i18n import current_language
from .schema import MOUNTS

RECORDED, INSCRIPTION, MOUNT, SUBTYPE, UNKNOWN = "recorded_owner", "inscription", "mount_owner", "subtype", "unknown_owner"


@lru_cache(maxsize=1)
def rules() -> dict:
    with open(resources.path("confirmation.toml"), "rb") as f:
        return tomllib.load(f)


def inscription_owners(text: str | None) -> list[str]:
    """Organisations named by a cover inscription; the most specific matching word wins."""
    if not text:
        return []
    matches = [orgs for word, orgs in rules()["inscription_owners"].items() if word and word in text]
    if not matches:
        return []
    fewest = min(len(m) for m in matches)
    out: list[str] = []
    for m in matches:
        if len(m) == fewest:
            out += [o for o in m if o not in out]
    return out


def subtype_owners(kind_name: str, subtype: str | None) -> list[str]:
    return list(rules().get("subtype_owners", {}).get(kind_name, {}).get(subtype or "", []))


def reason_text(reason: str, inscription: str | None = None, language: str | None = None) -> str:
    """The hint shown beside an asset in a package (Chinese unless asked otherwise)."""
    spec = rules()["reasons"][reason]
    text = spec["label_en"] if (language or "zh_CN") == "en" else spec["label"]
    return text.format(inscription=inscription or "")


def candidates_for(kind_name: str, values: dict, mount_owners: list[str], invited: list[str]) -> dict[str, list[str]]:
    """Invited organisation → reasons it is asked about this asset (empty: nobody is)."""
    found: dict[str, list[str]] = {}

    def add(org, reason):
        if org:
            found.setdefault(org, [])
            if reason not in found[org]:
                found[org].append(reason)

    add(values.get("owner_code"), RECORDED)
    for org in inscription_owners(values.get("inscription")):
        add(org, INSCRIPTION)
    for org in mount_owners:
        add(org, MOUNT)
    if not found:
        for org in subtype_owners(kind_name, values.get("subtype")):
            add(org, SUBTYPE)
    if not found:
        for org in invited:
            add(org, UNKNOWN)
    return {org: reasons for org, reasons in found.items() if org in invited}


def mount_owners_by_host(conn, host_uuids: list[str]) -> dict[str, list[str]]:
    """Host UUID → owners of the devices mounted on it, in mount order."""
    out: dict[str, list[str]] = {}
    for start in range(0, len(host_uuids), 500):
        chunk = host_uuids[start:start + 500]
        rows = conn.execute(f"SELECT host_uuid, owner_code FROM {q(MOUNTS)} WHERE host_uuid IN "
                            f"({','.join('?' * len(chunk))}) AND owner_code IS NOT NULL ORDER BY id", chunk)
        for host, owner in rows:
            lst = out.setdefault(host, [])
            if owner not in lst:
                lst.append(owner)
    return out


def decision_of(text) -> str | None:
    """'yes' / 'no' / 'unsure' for what a clerk typed, None for a blank cell, '?' for
    anything else."""
    if text is None or str(text).strip() == "":
        return None
    wanted = str(text).strip().upper()
    for code, words in rules()["decisions"].items():
        if wanted in {w.upper() for w in words}:
            return code
    return "?"


def decision_words() -> list[str]:
    """What the drop-down offers, in order: 是, 否, 不确定."""
    return [words[0] for words in rules()["decisions"].values()]


def decision_label(code: str | None) -> str:
    if code is None:
        return ""
    words = rules()["decisions"].get(code)
    if not words:
        return code
    return code if current_language() == "en" else words[0]
