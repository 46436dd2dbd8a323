"""From a delivered table's columns and values to registry fields and codes.

:func:`propose_mapping` matches headers (标识码, 权属单位, Owner, 杆高(m) …) to a kind's
fields by their names, labels and the synonyms in ``resources/import/field_synonyms.toml``.
:func:`map_record` turns one source row into registry values: organisation names become
codes, vocabulary and subtype labels become codes, and a manhole's inscription suggests its
subtype and owner (``resources/import/value_mappings.toml``). A user's choices are kept
as a :class:`MappingTemplate` file (TOML or JSON) and reused for the next delivery.
"""
from __future__ import annotations

import json
import re
import tomllib
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

import resources
from assets.errors import XiuCityError
from assets.i18n import QT_TRANSLATE_NOOP
from assets.kinds import kind
from assets.organisations import default_organisations
from assets.vocabularies import vocabulary

from .sources.coordinates import find_coordinate_columns
from .sources.table import normalise_header

MOUNTS = "mounts"  # pseudo-field: a column listing the devices on a pole or in a box


class MappingError(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "Cannot map the delivered values: {detail}")


class UnknownDeviceType(MappingError):
    text = QT_TRANSLATE_NOOP("Errors", "Unknown device type “{value}” in the mounts “{mounts}”.")


class TemplateError(MappingError):
    text = QT_TRANSLATE_NOOP("Errors", "{path} is not a usable import template: {detail}")


def _load(name: str) -> dict:
    with open(resources.path("import", name), "rb") as f:
        return tomllib.load(f)


@lru_cache(maxsize=1)
def _synonyms() -> dict:
    return _load("field_synonyms.toml")


@lru_cache(maxsize=1)
def _values() -> dict:
    return _load("value_mappings.toml")


@lru_cache(maxsize=None)
def _header_table(kind_name: str) -> dict[str, str]:
    """normalised header → field name, most specific first (kind synonyms beat common ones)."""
    k = kind(kind_name)
    table: dict[str, str] = {}
    specific = _synonyms().get(kind_name, {})
    for f in k.editable_fields + tuple(x for x in k.fields if x.name == "code"):
        for text in (f.name, f.label, f.label_en, *specific.get(f.name, [])):
            table.setdefault(normalise_header(text), f.name)
    if k.has_mounts:
        for text in specific.get(MOUNTS, []):
            table.setdefault(normalise_header(text), MOUNTS)
    for name, texts in _synonyms()["common"].items():
        if name in k.field_map:
            for text in texts:
                table.setdefault(normalise_header(text), name)
    return table


def propose_mapping(columns: list[str], kind_name: str) -> dict[str, str]:
    """``{source column: registry field}`` for the headers that are recognised; each field
    is used once (the first column wins) and coordinate columns are left out."""
    table = _header_table(kind_name)
    x, y, wkt = find_coordinate_columns(list(columns))
    skip = {x, y, wkt}
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for column in columns:
        if column in skip:
            continue
        target = table.get(normalise_header(column))
        if target and target not in used:
            mapping[column] = target
            used.add(target)
    return mapping


# -- organisations -------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _default_organisations() -> tuple[dict, ...]:
    return tuple(default_organisations())


def _norm(text: object) -> str:
    return normalise_header(text).replace("(", "").replace(")", "")


def organisation_code(text: object, organisations=None) -> str | None:
    """The code of the organisation named ``text`` by code, Chinese or English name
    (full-width brackets and spacing ignored), or None."""
    if text is None or str(text).strip() == "":
        return None
    wanted = _norm(re.sub(r"[（(]", "(", re.sub(r"[）)]", ")", str(text))))
    for org in organisations or _default_organisations():
        names = (org.get("code"), org.get("name"), org.get("name_en"))
        if any(n and _norm(re.sub(r"[（(]", "(", re.sub(r"[）)]", ")", n))) == wanted for n in names):
            return org["code"]
    return None


# -- values --------------------------------------------------------------------------------
def _convert(k, fieldname: str, value, organisations):
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    f = k.field_map.get(fieldname)
    if f is None:
        return value
    if f.type == "org":
        return organisation_code(value, organisations) or str(value).strip()
    if f.type == "vocab" and f.vocab:
        entry = vocabulary(f.vocab).lookup(str(value))
        return entry.code if entry else value
    if f.type == "subtype":
        entry = k.subtypes.lookup(str(value))
        return entry.code if entry else value
    return value


def owner_for_inscription(kind_name: str, inscription: str | None) -> str | None:
    """The organisation code an inscription suggests (电力 → GDGS), or None."""
    rules = _values().get(kind_name, {}).get("owner_by_inscription", {})
    text = (inscription or "").strip()
    best = None
    for mark, code in rules.items():
        if mark in text and (best is None or len(mark) > len(best[0])):
            best = (mark, code)
    return best[1] if best else None


def map_record(row: dict, mapping: dict[str, str], kind_name: str, *,
               values: dict[str, dict] | None = None, organisations=None) -> dict:
    """Registry values for one source row.

    ``values`` holds the user's own value mappings, ``{field: {source value: target}}``,
    applied before the built-in conversions. The mounts pseudo-field is parsed into a list
    of (device type, owner) pairs."""
    k = kind(kind_name)
    values = values or {}
    record: dict = {}
    for column, target in mapping.items():
        raw = row.get(column)
        own = values.get(target, {})
        if raw is not None and str(raw).strip() in own:
            raw = own[str(raw).strip()]
        if target == MOUNTS:
            record[MOUNTS] = parse_mounts(raw, organisations=organisations) if raw else []
            continue
        record[target] = _convert(k, target, raw, organisations)
    inscription = record.get("inscription")
    if inscription and hasattr(k, "subtype_for_inscription") and not record.get("subtype"):
        subtype = k.subtype_for_inscription(str(inscription))
        if subtype:
            record["subtype"] = subtype
    if inscription and not record.get("owner_code") and "owner_code" in k.field_map:
        owner = owner_for_inscription(kind_name, str(inscription))
        if owner:
            record["owner_code"] = owner
    return record


# -- mounts --------------------------------------------------------------------------------
def device_type_code(text: str) -> str | None:
    """The device_type code for a code, label or common synonym (摄像头 → camera)."""
    entry = vocabulary("device_type").lookup(text)
    if entry:
        return entry.code
    synonyms = {_norm(k): v for k, v in _values()["device_type_synonyms"].items()}
    return synonyms.get(_norm(text))


def parse_mounts(text: str, *, organisations=None) -> list[tuple[str, str | None]]:
    """``"street_light@县供电公司;camera@县公安局（交警）"`` →
    ``[("street_light", "GDGS"), ("camera", "GAJ")]``.

    Devices may be named by code or Chinese/English label; owners by code or name (an
    owner not in the list is returned as written, so the user can add it; a missing owner
    is None). An unknown device type raises :class:`UnknownDeviceType`."""
    syntax = _values()["mounts_syntax"]
    items = re.split("|".join(map(re.escape, syntax["item_separators"])), str(text or ""))
    owner_split = "|".join(map(re.escape, syntax["owner_separators"]))
    out: list[tuple[str, str | None]] = []
    for item in items:
        if not item.strip():
            continue
        device, *rest = re.split(owner_split, item, maxsplit=1)
        code = device_type_code(device.strip())
        if code is None:
            raise UnknownDeviceType(value=device.strip(), mounts=str(text))
        owner = rest[0].strip() if rest else ""
        out.append((code, (organisation_code(owner, organisations) or owner) if owner else None))
    return out


# -- templates -----------------------------------------------------------------------------
@dataclass
class MappingTemplate:
    """What a user decided for one kind of delivery, saved to reuse next time."""

    kind: str
    columns: dict[str, str] = field(default_factory=dict)         # source column → field
    values: dict[str, dict] = field(default_factory=dict)         # field → {source value: target}
    crs: str | None = None
    x_column: str | None = None
    y_column: str | None = None
    encoding: str | None = None
    layer: str | None = None


def save_template(template: MappingTemplate, path: str | Path) -> None:
    """Write ``template`` as TOML (``.toml``) or JSON (any other suffix)."""
    path = Path(path)
    data = {k: v for k, v in asdict(template).items() if v not in (None, {}, [])}
    text = _to_toml(data) if path.suffix.casefold() == ".toml" else json.dumps(data, ensure_ascii=False, indent=2)
    path.write_text(text, encoding="utf-8")


def load_template(path: str | Path) -> MappingTemplate:
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
        data = tomllib.loads(raw) if path.suffix.casefold() == ".toml" else json.loads(raw)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise TemplateError(path=str(path), detail=str(exc)) from None
    if not isinstance(data, dict) or "kind" not in data:
        raise TemplateError(path=str(path), detail="kind")
    known = MappingTemplate.__dataclass_fields__
    unknown = set(data) - set(known)
    if unknown:
        raise TemplateError(path=str(path), detail=", ".join(sorted(unknown)))
    try:
        kind(data["kind"])
    except (KeyError, TypeError):  # TypeError: a list or table where a kind's name belongs
        raise TemplateError(path=str(path), detail=str(data["kind"])) from None
    if data.get("crs") is not None and isinstance(data["crs"], (str, int)):
        data["crs"] = str(data["crs"])
    wrong = _misshapen(data)
    if wrong:  # a template edited by hand: say which entry, instead of failing mid-import
        raise TemplateError(path=str(path), detail=wrong)
    return MappingTemplate(**data)


def _misshapen(data: dict) -> str | None:
    """The first template entry whose value has the wrong shape, or None."""
    def text_map(value):
        return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
    if not isinstance(data["kind"], str):
        return "kind"
    if not text_map(data.get("columns", {})):
        return "columns"
    values = data.get("values", {})
    if not (isinstance(values, dict) and all(isinstance(v, dict) for v in values.values())):
        return "values"
    for name in ("crs", "x_column", "y_column", "encoding", "layer"):
        if data.get(name) is not None and not isinstance(data[name], str):
            return name
    return None


def _to_toml(data: dict) -> str:
    """TOML for a flat dict of scalars plus tables of scalars or of tables of scalars (all a
    template needs). Strings are written as JSON strings, which are valid TOML basic strings."""
    def scalar(v):
        return json.dumps(v, ensure_ascii=False) if isinstance(v, str) else ("true" if v is True else "false" if v is False else repr(v))

    def key(k):
        return json.dumps(str(k), ensure_ascii=False)

    lines = [f"{key(k)} = {scalar(v)}" for k, v in data.items() if not isinstance(v, dict)]
    for name, table in data.items():
        if not isinstance(table, dict):
            continue
        flat = {k: v for k, v in table.items() if not isinstance(v, dict)}
        lines += ["", f"[{key(name)}]"] + [f"{key(k)} = {scalar(v)}" for k, v in flat.items()]
        for sub, inner in table.items():
            if isinstance(inner, dict):
                lines += ["", f"[{key(name)}.{key(sub)}]"] + [f"{key(k)} = {scalar(v)}" for k, v in inner.items()]
    return "\n".join(lines) + "\n"
