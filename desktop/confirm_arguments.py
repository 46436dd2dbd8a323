"""What a person types or picks when running a confirmation campaign, turned into what the
core takes: organisations by code or Chinese name, kinds by table name or label, an area
by subdistrict name or code, grid code or WKT. Shared by the command line and the window;
no Qt here.

>>> from assets.registry import Registry
>>> reg = Registry.create("/tmp/doc_confirm_args.gpkg", overwrite=True)
>>> organisation_codes(reg, "县供电公司, LTGS")
['GDGS', 'LTGS']
>>> kind_names("检查井,poles")
['manholes', 'poles']
>>> reg.close()
"""
from __future__ import annotations

from assets.campaigns import confirmable_kinds
from assets.errors import XiuCityError
from assets.i18n import QT_TRANSLATE_NOOP
from assets.kinds import find_kind

SEPARATORS = (",", "，", "、", ";", "；")


class ConfirmArgumentError(XiuCityError):
    pass


class OrganisationNotKnown(ConfirmArgumentError):
    text = QT_TRANSLATE_NOOP("Errors", "No organisation is called {org}; use its code or full name (e.g. {example}).")


class OrganisationAmbiguous(ConfirmArgumentError):
    text = QT_TRANSLATE_NOOP("Errors", "{org} could mean several organisations: {names}; use the code.")


class KindNotKnown(ConfirmArgumentError):
    text = QT_TRANSLATE_NOOP("Errors", "{kind} is not an asset kind that can be confirmed; kinds that can: {kinds}.")


class SubdistrictNotKnown(ConfirmArgumentError):
    text = QT_TRANSLATE_NOOP("Errors", "There is no subdistrict {name} in the registry; subdistricts: {names}.")


def split_list(text) -> list[str]:
    """``"a, b、c"`` → ``["a", "b", "c"]``; lists pass through (items stripped)."""
    if text is None:
        return []
    if isinstance(text, (list, tuple)):
        items = [str(t) for t in text]
    else:
        text = str(text)
        for sep in SEPARATORS[1:]:
            text = text.replace(sep, SEPARATORS[0])
        items = text.split(SEPARATORS[0])
    return [i.strip() for i in items if i and i.strip()]


def organisation_code(reg, text: str) -> str:
    """The code of the organisation named by ``text``: its code (any case), its full
    Chinese or English name, or a part of the Chinese name that names exactly one."""
    wanted = str(text).strip()
    orgs = reg.organisations()
    for o in orgs:
        if wanted.upper() == o["code"].upper() or wanted in (o["name"], o["name_en"]):
            return o["code"]
    # "供电公司" for 县供电公司: people drop the 县 prefix
    partial = [o for o in orgs if wanted and wanted in o["name"]]
    if len(partial) == 1:
        return partial[0]["code"]
    if len(partial) > 1:
        raise OrganisationAmbiguous(org=wanted, names="、".join(f"{o['name']}（{o['code']}）" for o in partial))
    example = next((f"{o['code']} / {o['name']}" for o in orgs if o.get("role") == "utility"), "GDGS")
    raise OrganisationNotKnown(org=wanted, example=example)


def organisation_codes(reg, text) -> list[str]:
    codes = []
    for item in split_list(text):
        code = organisation_code(reg, item)
        if code not in codes:
            codes.append(code)
    return codes


def kind_names(text) -> list[str]:
    """Kind names from table names or Chinese/English labels; empty → every confirmable kind."""
    ok = confirmable_kinds()
    names = []
    for item in split_list(text):
        k = find_kind(item)
        if k is None or k.name not in ok:
            raise KindNotKnown(kind=item, kinds="、".join(f"{n}（{find_kind(n).title('zh_CN')}）" for n in ok))
        if k.name not in names:
            names.append(k.name)
    return names


def subdistricts(reg) -> list[dict]:
    """The registry's subdistricts (code, name), in their stored order."""
    return [attrs for _geom, attrs in reg.reference("subdistricts")]


def campaign_area(reg, text):
    """``None``/empty → everywhere; WKT (starts with a letter, e.g. ``POLYGON``) as is;
    otherwise a list of subdistrict names or codes (9 digits) and grid codes (15 digits)."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    if isinstance(text, str) and text.strip()[:1].isascii() and text.strip()[:1].isalpha():
        return text.strip()
    known = subdistricts(reg)
    by_name = {s["name"]: s["code"] for s in known}
    codes = []
    for item in split_list(text):
        if item.isdigit():
            codes.append(item)
        elif item in by_name:
            codes.append(by_name[item])
        else:
            raise SubdistrictNotKnown(name=item, names="、".join(s["name"] for s in known) or "—")
    return codes
