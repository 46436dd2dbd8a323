"""Export layers for other departments, straight from the registry.

What to export is a department profile (``resources/profiles/*.toml``), or kinds chosen by
hand, optionally narrowed by ``--where FIELD=VALUE`` conditions and/or a selection
(kind → fids). The matching records are read in bulk, the profile's filters (mount
conditions included) are applied, and the rows go to the format writers of
:mod:`layers.export` with Chinese titles, organisation names and labels beside the codes,
dates as dates and identifiers as text. Coordinates leave in the registry's CRS; the
writers transform them to the target CRS.

>>> result = export_registry(reg, profile="power_supply", out_path="out/")  # doctest: +SKIP
>>> result.counts                                                            # doctest: +SKIP
{'manholes': 47, 'boxes': 9, 'poles': 9}
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from assets.filters import Condition as FilterCondition
from assets.i18n import QT_TRANSLATE_NOOP, translate
from assets.kinds import KIND_NAMES, kind
from assets.progress import check_cancelled, ensure
from layers.export import FORMATS, ExportField, ExportLayer, ExportResult, export_layers
from layers.export.errors import ExportError, UnknownFormat, UnknownOption
from layers.export.profiles import _EXPORT_TYPES, Profile, ProfileField, ProfileLayer, get_profile

from .registry_rows import (ColumnarLayer, LazyColumns, column_values, columns_for, read_matching, settings,
                            sql_source)


class UnknownKind(ExportError):
    text = QT_TRANSLATE_NOOP("Errors", "Unknown asset kind {kind}; known kinds: {known}.")


class UnknownFilterField(ExportError):
    text = QT_TRANSLATE_NOOP("Errors", "{kind} has no field {field}; its fields are: {known}.")


class BadFilterValue(ExportError):
    text = QT_TRANSLATE_NOOP("Errors", "Cannot filter on {field}: {value} is not a valid value of {title}.")


class NothingChosen(ExportError):
    text = QT_TRANSLATE_NOOP("Errors", "Nothing to export: choose an export profile, one or more kinds, or a selection.")  # noqa: E501


class ProfileOrKinds(ExportError):
    text = QT_TRANSLATE_NOOP("Errors", "Choose either an export profile or kinds, not both.")


class FormatNeeded(ExportError):
    text = QT_TRANSLATE_NOOP("Errors", "Choose an export format ({known}): the file name {path} does not say which.")


class NothingMatched(ExportError):
    text = QT_TRANSLATE_NOOP("Errors", "Nothing to export: no asset matches {what}. No file was written.")


@dataclass
class LayerPreview:
    """What one exported layer will hold: for a dialog's preview before anything is written."""

    name: str
    title: str
    kind: str
    fields: list[ExportField]
    count: int


# -- what to export ---------------------------------------------------------------------------
def kind_layer(kind_name: str) -> ProfileLayer:
    """Every field of one kind, under its own names and Chinese titles, no filter."""
    k = kind(kind_name)
    fields = tuple(ProfileField(f.name, f.name, f.label, _EXPORT_TYPES[f.type]) for f in k.fields)
    return ProfileLayer(kind_name, kind_name, k.title("zh_CN"), (), fields, "status")


def resolve_profile(profile, profile_dirs=()) -> Profile | None:
    if profile is None or isinstance(profile, Profile):
        return profile
    return get_profile(str(profile), profile_dirs)


def plan(profile: Profile | None = None, kinds=None, selection: dict | None = None) -> list[ProfileLayer]:
    """The layers an export will write: the profile's, or one per kind (given, or those
    of the selection)."""
    kinds = list(kinds or [])
    if profile is not None and kinds:
        raise ProfileOrKinds()
    for name in [*kinds, *(selection or {})]:
        if name not in KIND_NAMES:
            raise UnknownKind(kind=name, known=", ".join(KIND_NAMES))
    if profile is not None:
        return list(profile.layers)
    if not kinds and selection:
        kinds = [name for name in KIND_NAMES if name in selection]
    if not kinds:
        raise NothingChosen()
    return [kind_layer(name) for name in dict.fromkeys(kinds)]


def parse_where(where, kinds: list[str], organisations: dict[str, str]) -> dict[str, list[FilterCondition]]:
    """``["owner_code=GDGS", ...]`` (or Condition objects) checked against each kind and
    turned into structured conditions per kind. Values may be given as codes or as the
    labels people read (``status=破损``, ``owner_code=县供电公司``)."""
    parsed = [c if isinstance(c, FilterCondition) else
              FilterCondition.from_dict(c) if isinstance(c, dict) else FilterCondition.parse(str(c))
              for c in (where or [])]
    out: dict[str, list[FilterCondition]] = {name: [] for name in kinds}
    for cond in parsed:
        failures = []
        for name in kinds:
            k = kind(name)
            f = k.field_map.get(cond.field)
            if f is None:
                raise UnknownFilterField(kind=k.title(), field=cond.field, known=", ".join(k.field_map))
            value = _filter_value(k, f, cond, organisations)
            if value is _INVALID:
                failures.append(f.title())
                value = cond.value   # valid for another kind in this export: here it matches nothing
            out[name].append(FilterCondition(cond.field, cond.op, value))
        if kinds and len(failures) == len(kinds):
            raise BadFilterValue(field=cond.field, value=cond.value, title=failures[0])
    return out


_INVALID = object()


def _filter_value(k, f, cond: FilterCondition, organisations: dict[str, str]):
    value = cond.value
    if cond.op in ("contains", "startswith", "is null", "not null") or value is None:
        return value
    if f.type in ("vocab", "subtype"):
        vocab = k.subtypes if f.type == "subtype" else f.vocabulary()
        entry = vocab.lookup(value) if vocab is not None else None
        return entry.code if entry else (value if vocab is None else _INVALID)
    if f.type == "org":
        text = str(value).strip()
        if text in organisations:
            return text
        by_name = {name: code for code, name in organisations.items()}
        return by_name.get(text, _INVALID)
    if f.type == "text":
        return value
    try:
        coerced = f.coerce(value)
    except (TypeError, ValueError):
        return _INVALID
    return int(coerced) if isinstance(coerced, bool) else coerced   # booleans are stored 0/1


# -- reading ----------------------------------------------------------------------------------
def build_layers(reg, layers: list[ProfileLayer], *, where=None, selection: dict | None = None,
                 values: str | None = None, progress=None, lazy: bool = False) -> list[ExportLayer]:
    """The export tables of ``layers`` filled from the registry (coordinates in ``reg.crs``).

    ``lazy``: read only which records match and where they are; each layer says where its
    values lie (``source``, for writers that copy inside SQLite) and reads them when first
    asked for, while ``reg`` is still open."""
    progress = ensure(progress)
    values = _values_mode(values)
    organisations = {o["code"]: o["name"] for o in reg.organisations()}
    conditions = parse_where(where, list(dict.fromkeys(l.kind for l in layers)), organisations)
    out = []
    for layer in layers:
        progress.advance(0, translate("Export", "Reading {title}…", title=layer.title))
        check_cancelled(progress)
        columns = columns_for(layer, values, organisations)
        fids = None if selection is None else selection.get(layer.kind, ())
        sources = list(dict.fromkeys(c.source for c in columns))
        style = {"by": layer.style_by} if layer.style_by else None
        fields = [c.field for c in columns]
        if not lazy:
            data = read_matching(reg, layer, conditions[layer.kind], fids, sources, progress)
            out.append(ColumnarLayer.from_columns(layer.name, layer.title, fields, column_values(data, columns),
                                                  data["x"], data["y"], reg.crs, style))
            continue
        data = read_matching(reg, layer, conditions[layer.kind], fids, [], progress)

        def load(layer=layer, fids=fids, sources=sources, columns=columns):
            # the same query again, now with every column: the same records in the same order
            return column_values(read_matching(reg, layer, conditions[layer.kind], fids, sources, progress), columns)

        out.append(ColumnarLayer.from_columns(layer.name, layer.title, fields,
                                              LazyColumns([f.name for f in fields], load), data["x"], data["y"],
                                              reg.crs, style, sql_source(reg, layer.kind, data["fid"], columns)))
    return out


def preview(reg, *, profile=None, kinds=None, where=None, selection: dict | None = None,
            values: str | None = None, profile_dirs=()) -> list[LayerPreview]:
    """Fields and feature counts per layer, without writing anything (reads only the
    columns the filters need)."""
    prof = resolve_profile(profile, profile_dirs)
    layers = plan(prof, kinds, selection)
    values = _values_mode(values)
    organisations = {o["code"]: o["name"] for o in reg.organisations()}
    conditions = parse_where(where, list(dict.fromkeys(l.kind for l in layers)), organisations)
    out = []
    for layer in layers:
        fids = None if selection is None else selection.get(layer.kind, ())
        data = read_matching(reg, layer, conditions[layer.kind], fids, [], ensure(None))
        fields = [c.field for c in columns_for(layer, values, organisations)]
        out.append(LayerPreview(layer.name, layer.title, layer.kind, fields, len(data["fid"])))
    return out


def _values_mode(values: str | None) -> str:
    opts = settings()["values"]
    values = values or opts["default"]
    if values not in opts["modes"]:
        raise UnknownOption(option="values", value=values, known="values=" + "|".join(opts["modes"]))
    return values


# -- writing ----------------------------------------------------------------------------------
def export_registry(reg, *, profile=None, kinds=None, where=None, selection: dict | None = None,
                    fmt: str | None = None, out_path, crs=None, encoding: str | None = None,
                    values: str | None = None, progress=None, profile_dirs=()) -> ExportResult:
    """Export from the registry ``reg`` to ``out_path``.

    Parameters
    ----------
    profile : a profile name (or :class:`Profile`) from ``resources/profiles`` or ``profile_dirs``.
    kinds : kind names, when no profile is used (every field of each kind).
    where : ``["owner_code=GDGS", "status!=removed"]`` or ``assets.filters.Condition`` objects;
        all must hold, on every layer.
    selection : ``{kind: fids}``; only these assets (and, with a profile, only those of
        them its filters accept). Layers left empty are not written.
    fmt : a key of ``layers.export.FORMATS``; default: the profile's, else from ``out_path``.
    out_path : the file to write, or a folder (existing, or ending in ``/``) to write the
        profile's file name in.
    crs, encoding : default: the profile's (when its format is used), else the format's.
    values : ``both`` (codes and names, default), ``labels`` or ``codes`` for coded fields.

    Raises
    ------
    XiuCityError
        Unknown profile, kind, field, format or value; :class:`NothingMatched` when no
        asset matches (nothing is written then).
    """
    with _bulk_allocation():
        return _export(reg, profile, kinds, where, selection, fmt, out_path, crs, encoding, values,
                       ensure(progress), profile_dirs)


@contextmanager
def _bulk_allocation():
    """Pause Python's cyclic garbage collector while millions of values are read and
    written: they hold no cycles, yet every few thousand new objects the collector walks
    all of them again (measured: 35-45% of a 100k export). Reference counting still frees
    everything; the collector's previous state is restored afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _export(reg, profile, kinds, where, selection, fmt, out_path, crs, encoding, values, progress,
            profile_dirs) -> ExportResult:
    prof = resolve_profile(profile, profile_dirs)
    layers_plan = plan(prof, kinds, selection)
    writer = _writer(fmt, prof, out_path)
    values = _values_mode(values)
    when = dt.datetime.now().astimezone()
    built = build_layers(reg, layers_plan, where=where, selection=selection, values=values, progress=progress,
                         lazy=writer.copies_sqlite)
    if selection is not None:
        built = [layer for layer in built if len(layer)]
    if not built or not any(len(layer) for layer in built):
        raise NothingMatched(what=describe(prof, layers_plan, where, selection))
    check_cancelled(progress)
    own = prof is not None and prof.format == writer.name
    metadata = {
        "registry": {"path": str(Path(reg.path).resolve()), "id": reg.registry_id, "crs": f"EPSG:{reg.crs}"},
        "profile": {"name": prof.name, "title": prof.title} if prof else None,
        "filter": {"where": [_condition_text(c) for c in (where or [])],
                   "kinds": [layer.kind for layer in layers_plan],
                   "selection": ({k: len(v) for k, v in selection.items()} if selection is not None else None)},
        "exported_at": when.isoformat(timespec="seconds"),
        "values": values,
    }
    return export_layers(built, writer.name, _output_path(out_path, prof, writer, when),
                         crs=crs if crs is not None else (prof.crs if own else None),
                         encoding=encoding if encoding is not None else (prof.encoding if own else None),
                         progress=progress, metadata=metadata, **(prof.options if prof else {}))


def _writer(fmt, prof: Profile | None, out_path):
    if fmt is not None:
        writer = FORMATS.get(str(fmt).lower().lstrip("."))
        if writer is None:
            raise UnknownFormat(fmt=fmt, known=", ".join(FORMATS))
        return writer
    if prof is not None:
        return FORMATS[prof.format]
    suffix = Path(out_path).suffix.lower().lstrip(".")
    for writer in FORMATS.values():
        if suffix == writer.extension:
            return writer
    raise FormatNeeded(known=", ".join(FORMATS), path=str(out_path))


def _output_path(out_path, prof: Profile | None, writer, when: dt.datetime) -> Path:
    out = Path(out_path)
    folder = str(out_path).endswith(("/", os.sep))   # "out/": a folder, made if needed
    if not (out.is_dir() or folder):
        return out
    if prof is not None:
        return out / dataclasses.replace(prof, format=writer.extension).output_name(when)
    return out / f"xiucity_{when:%Y%m%d}.{writer.extension}"


def _condition_text(cond) -> str:
    if isinstance(cond, FilterCondition):
        return f"{cond.field}{cond.op}{cond.value}"
    return str(cond)


def describe(prof: Profile | None, layers: list[ProfileLayer], where, selection) -> str:
    """What was asked for, in a few words, for messages."""
    parts = [prof.title if prof else "、".join(kind(layer.kind).title() for layer in layers)]
    parts += [_condition_text(c) for c in (where or [])]
    if selection is not None:
        parts.append(translate("Export", "the selection ({n} assets)", n=sum(len(v) for v in selection.values())))
    return ", ".join(parts)


__all__ = ["BadFilterValue", "FormatNeeded", "LayerPreview", "NothingChosen", "NothingMatched", "ProfileOrKinds",
           "UnknownFilterField", "UnknownKind", "build_layers", "export_registry", "kind_layer", "parse_where",
           "plan", "preview"]
