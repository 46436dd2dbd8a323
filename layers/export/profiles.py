"""Department export profiles: which kinds, which records (a structured filter), which
fields under which names, and the format, CRS, encoding and file name each department
wants. Data in ``resources/profiles/*.toml``; users edit copies (:func:`copy_profile`)
kept in their own folder and passed as ``extra_dirs``.

A filter is a list of conditions, all of which must hold::

    filter = [ { field = "subtype", op = "in", value = ["0116", "0134"] } ]

``field`` is a field of the kind (resources/kinds/common.toml and <kind>.toml) or
``mounts.<field>`` (resources/kinds/mounts.toml): true when ANY device mounted on the
pole/box satisfies it, e.g. ``{ field = "mounts.owner_code", op = "=", value = "GDGS" }``."""
from __future__ import annotations

import datetime as dt
import re
import string
import tomllib
from dataclasses import dataclass
from pathlib import Path

import resources
from assets.kinds import KIND_NAMES, kind, mount_fields
from assets.kinds.base import load_toml

from .errors import ProfileError, ProfileExists, ProfileNameInvalid, ProfileNotFound, UnknownOption
from .table import ExportField

OPS = ("=", "!=", "in", "startswith")
MOUNT_PREFIX = "mounts."
PLACEHOLDERS = {"profile", "title", "date", "time", "ext"}
_EXPORT_TYPES = {"text": "text", "vocab": "text", "org": "text", "subtype": "text",
                 "integer": "integer", "real": "real", "date": "date", "boolean": "boolean"}
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Condition:
    field: str
    op: str
    value: object

    @property
    def on_mounts(self) -> bool:
        return self.field.startswith(MOUNT_PREFIX)

    def test(self, value) -> bool:
        if self.op == "=":
            return value == self.value
        if self.op == "!=":
            return value != self.value
        if self.op == "in":
            return value in self.value
        return value is not None and str(value).startswith(str(self.value))

    def matches(self, record: dict, mounts: list[dict] = ()) -> bool:
        if self.on_mounts:
            name = self.field[len(MOUNT_PREFIX):]
            return any(self.test(m.get(name)) for m in mounts)
        return self.test(record.get(self.field))


@dataclass(frozen=True)
class ProfileField:
    name: str        # field in the registry
    output: str      # column name in the exported file
    alias: str       # title shown to people (Chinese)
    type: str        # export type: text|integer|real|date|boolean


@dataclass(frozen=True)
class ProfileLayer:
    name: str        # the exported layer's name (table, file or sheet key); the kind by default
    kind: str
    title: str
    filter: tuple[Condition, ...]
    fields: tuple[ProfileField, ...]
    style_by: str | None = None

    def matches(self, record: dict, mounts: list[dict] = ()) -> bool:
        """Whether a registry record (and its mounts) belongs in this layer."""
        return all(c.matches(record, mounts) for c in self.filter)

    def export_fields(self) -> list[ExportField]:
        return [ExportField(f.output, f.alias, f.type) for f in self.fields]

    def output_row(self, record: dict) -> dict:
        """A registry record renamed to the profile's output names."""
        return {f.output: record.get(f.name) for f in self.fields}


@dataclass(frozen=True)
class Profile:
    name: str
    title: str
    description: str
    source: str
    format: str
    crs: str | int
    encoding: str | None
    file_name: str
    layers: tuple[ProfileLayer, ...]
    options: dict
    path: Path | None = None

    def output_name(self, when: dt.datetime | None = None) -> str:
        """The file name the pattern gives, e.g. ``power_supply_20261128.shp``."""
        when = when or dt.datetime.now()
        return self.file_name.format(profile=self.name, title=self.title, date=when.strftime("%Y%m%d"),
                                     time=when.strftime("%H%M%S"), ext=self.format)


def builtin_dir() -> Path:
    return resources.path("profiles")


def load_profiles(extra_dirs=()) -> dict[str, Profile]:
    """Every profile: the built-in ones, then those in ``extra_dirs`` (a user's copy with
    the same name replaces the built-in one). Raises :class:`ProfileError` for a bad file."""
    profiles: dict[str, Profile] = {}
    for folder in (builtin_dir(), *map(Path, extra_dirs)):
        for path in sorted(Path(folder).glob("*.toml")):
            profile = load_profile(path)
            profiles[profile.name] = profile
    return profiles


def load_profile(path: Path) -> Profile:
    path = Path(path)
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ProfileError(profile=path.name, detail=str(exc)) from None
    return parse_profile(data, path)


def parse_profile(data: dict, path: Path | None = None) -> Profile:
    label = str(data.get("name") or (path.stem if path else "?"))

    def fail(detail: str):
        raise ProfileError(profile=label, detail=detail)

    for key in ("name", "title", "format", "layers"):
        if key not in data:
            fail(f"missing '{key}'")
    if not _NAME.match(str(data["name"])):
        fail(f"name {data['name']!r} must be letters, digits and _ (it names files)")
    from . import FORMATS   # here, not at import time: the package imports this module
    fmt = str(data["format"]).lower()
    writer = FORMATS.get(fmt)
    if writer is None:
        fail(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    crs = data.get("crs", writer.default_crs or 4550)
    _check_crs(crs, writer, fail)
    encoding = data.get("encoding")
    if encoding is not None and writer.name in ("csv", "shp"):
        from . import _encoding
        from .errors import UnsupportedEncoding
        try:
            _encoding(writer, encoding)
        except UnsupportedEncoding as exc:
            fail(exc.message("en"))
    elif encoding is not None and str(encoding).replace("-", "").lower() != "utf8":
        fail(f"{writer.title} is always UTF-8; remove encoding = {encoding!r}")
    file_name = str(data.get("file_name", "{profile}_{date}.{ext}"))
    used = {name for _, name, _, _ in string.Formatter().parse(file_name) if name}
    if used - PLACEHOLDERS:
        fail(f"file_name uses unknown {{{', '.join(sorted(used - PLACEHOLDERS))}}}; "
             f"known: {', '.join(sorted(PLACEHOLDERS))}")
    if not isinstance(data["layers"], list) or not data["layers"]:
        fail("no [[layers]]")
    layers = tuple(_parse_layer(spec, i, fail) for i, spec in enumerate(data["layers"], start=1))
    names = [layer.name for layer in layers]
    if len(set(names)) != len(names):
        fail("two layers have the same name; give one a name = \"...\" of its own")
    options = dict(data.get("options", {}))
    from . import check_options
    try:
        check_options(options)
    except UnknownOption as exc:
        fail(exc.message("en"))
    return Profile(str(data["name"]), str(data["title"]), str(data.get("description", "")),
                   str(data.get("source", "")), fmt, crs, encoding, file_name, layers, options, path)


def _check_crs(crs, writer, fail) -> None:
    """The same checks export_layers makes, reported as a profile problem."""
    from . import _target
    from .errors import UnsupportedCrs
    try:
        _target(writer, crs, [])
    except UnsupportedCrs as exc:
        fail(exc.message("en"))


def _parse_layer(spec: dict, index: int, fail) -> ProfileLayer:
    kind_name = spec.get("kind")
    if kind_name not in KIND_NAMES:
        fail(f"layer {index}: unknown kind {kind_name!r}; known: {', '.join(KIND_NAMES)}")
    k = kind(kind_name)
    fields = k.field_map
    conditions = tuple(_parse_condition(c, k, index, fail) for c in spec.get("filter", []))
    wanted = spec.get("fields", "all")
    if wanted == "all":
        wanted = [{"name": f.name} for f in k.fields]
    out: list[ProfileField] = []
    for entry in wanted:
        entry = {"name": entry} if isinstance(entry, str) else dict(entry)
        name = entry.get("name")
        if name not in fields:
            fail(f"layer {index} ({kind_name}): unknown field {name!r}")
        f = fields[name]
        out.append(ProfileField(name, str(entry.get("output", name)), str(entry.get("alias", f.label)),
                                _EXPORT_TYPES[f.type]))
    outputs = [f.output for f in out]
    if len(set(outputs)) != len(outputs):
        fail(f"layer {index} ({kind_name}): two fields have the same output name")
    style_by = spec.get("style_by", "status")
    if style_by is not None and style_by not in outputs:
        style_by = None
    name = str(spec.get("name", kind_name))
    if not _NAME.match(name):
        fail(f"layer {index}: name {name!r} must be letters, digits and _")
    return ProfileLayer(name, kind_name, str(spec.get("title", k.title("zh_CN"))), conditions, tuple(out), style_by)


def _parse_condition(spec: dict, k, index: int, fail) -> Condition:
    if not isinstance(spec, dict) or set(spec) != {"field", "op", "value"}:
        fail(f"layer {index}: a condition needs exactly field, op and value: {spec!r}")
    name, op, value = spec["field"], spec["op"], spec["value"]
    if op not in OPS:
        fail(f"layer {index}: unknown op {op!r}; known: {', '.join(OPS)}")
    if op == "in" and not isinstance(value, list):
        fail(f"layer {index}: op 'in' needs a list value for {name}")
    if name.startswith(MOUNT_PREFIX):
        if not k.has_mounts:
            fail(f"layer {index}: {k.name} have no mounts, so {name} cannot be used")
        by_name = {f.name: f for f in mount_fields()}
        field = by_name.get(name[len(MOUNT_PREFIX):])
    else:
        field = k.field_map.get(name)
    if field is None:
        fail(f"layer {index} ({k.name}): unknown field {name!r} in filter")
    for v in (value if isinstance(value, list) else [value]):
        problem = _value_problem(field, k, v, op)
        if problem:
            fail(f"layer {index} ({k.name}): {name} {op} {v!r}: {problem}")
    return Condition(name, op, tuple(value) if isinstance(value, list) else value)


def _value_problem(field, k, value, op: str) -> str | None:
    """Catch typos in filter values against the vocabularies, subtypes and organisations."""
    if op == "startswith":
        return None
    if field.type == "subtype" and value not in k.subtypes:
        return f"not a subtype of {k.name} ({', '.join(k.subtypes.codes())})"
    if field.type == "vocab" and field.vocabulary() is not None and value not in field.vocabulary():
        return f"not in vocabulary {field.vocab} ({', '.join(field.vocabulary().codes())})"
    if field.type == "org" and value not in _organisation_codes():
        return "not an organisation code of resources/organisations.toml"
    return None


def _organisation_codes() -> set[str]:
    return {o["code"] for o in load_toml("organisations.toml")["organisations"]}


def get_profile(name: str, extra_dirs=()) -> Profile:
    profiles = load_profiles(extra_dirs)
    if name not in profiles:
        raise ProfileNotFound(profile=name, known=", ".join(sorted(profiles)))
    return profiles[name]


def copy_profile(name: str, new_name: str, folder, extra_dirs=()) -> Path:
    """Copy profile ``name`` (comments and all) to ``folder/<new_name>.toml`` under the new
    name, for a user to edit; the copy is validated before it is returned."""
    source = get_profile(name, extra_dirs)
    if not _NAME.match(new_name):
        raise ProfileNameInvalid(profile=new_name)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{new_name}.toml"
    if target.exists():
        raise ProfileExists(profile=new_name, path=target)
    text = source.path.read_text(encoding="utf-8")
    text, n = re.subn(r'(?m)^name\s*=\s*"[^"]*"', f'name = "{new_name}"', text, count=1)
    if n != 1:
        raise ProfileError(profile=name, detail="no top-level name line to rename")
    target.write_text(text, encoding="utf-8")
    load_profile(target)
    return target
