"""How stored values read to a person: vocabulary codes, subtypes and organisation codes
become their labels, booleans 是/否, numbers without float noise. Shared by the table, the
form, the mounts table and the history view so they all say the same thing."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from assets.fields import Field


# fields that hold the code of a reference-layer area, and that layer
AREA_LAYERS = {"subdistrict_code": "subdistricts", "community_code": "communities"}


class ValueLabels:
    """Labels for one registry's values (organisation names come from the registry).

    Parameters
    ----------
    registry
        An open :class:`assets.registry.Registry`; only read from.
    """

    def __init__(self, registry):
        self.registry = registry
        self._orgs: dict[str, str] | None = None
        self._areas: dict[str, dict[str, str]] = {}

    def organisations(self) -> dict[str, str]:
        """code → name, in the registry's order."""
        if self._orgs is None:
            self._orgs = {o["code"]: o["name"] for o in self.registry.organisations()}
        return self._orgs

    def area_names(self, field: Field) -> dict[str, str]:
        """code → name of the subdistricts or communities a ``*_code`` field refers to,
        from the registry's reference layers (empty for other fields, or none loaded)."""
        layer = AREA_LAYERS.get(field.name)
        if layer is None:
            return {}
        if layer not in self._areas:
            self._areas[layer] = {a["code"]: a["name"] for _, a in self.registry.reference(layer)
                                  if a.get("code") and a.get("name")}
        return self._areas[layer]

    def forget(self) -> None:
        """Drop cached organisation and area names (after they were changed)."""
        self._orgs = None
        self._areas = {}

    def choices(self, kind, field: Field) -> list[tuple[str, str]]:
        """``(code, text)`` for every value a coded field may take. Subtypes and
        organisations read "code label" (``0118 路灯杆``, ``GDGS 县供电公司``: codes people
        know and type); vocabulary codes are internal words (``surveyed``), so only their
        label is shown."""
        if field.type == "vocab":
            vocab = field.vocabulary()
            return [(e.code, e.text()) for e in vocab.entries] if vocab else []
        if field.type == "subtype":
            return [(e.code, f"{e.code} {e.text()}") for e in kind.subtypes.entries]
        if field.type == "org":
            return [(code, f"{code} {name}") for code, name in self.organisations().items()]
        return [(code, f"{code} {name}") for code, name in sorted(self.area_names(field).items())]

    def text(self, kind, field: Field, value) -> str:
        """The label a person reads for ``value`` of ``field``."""
        if value is None or value == "":
            return ""
        if field.type == "vocab":
            vocab = field.vocabulary()
            return vocab.text(value) if vocab else str(value)
        if field.type == "subtype":
            return kind.subtypes.text(value)
        if field.type == "org":
            return self.organisations().get(value, str(value))
        if field.type == "boolean":
            yes = value in (True, 1, "1", "true")
            return (QCoreApplication.translate("ValueLabels", "Yes") if yes
                    else QCoreApplication.translate("ValueLabels", "No"))
        if field.type == "real":
            return number_text(value)
        return self.area_names(field).get(value, str(value))


def number_text(value) -> str:
    """A real number as surveyors write it: 12 not 12.0, 11.4 not 11.399999."""
    try:
        return f"{float(value):.6g}"
    except (TypeError, ValueError):
        return str(value)
