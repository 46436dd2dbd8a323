"""Symbology as data: ``resources/symbology.toml`` loaded, checked and turned into styles.

Qt-free on purpose (numpy and the standard library only), so it could move to ``layers``
if the command line ever draws maps.
"""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

import numpy as np

import resources

from .errors import SymbologyInvalid
from .symbol_style import SHAPES, SymbolStyle

#: The ways the map can colour assets; ``kind`` keeps each kind's own colour.
COLOURINGS = ("kind", "subtype", "status", "owner", "ownership")
_COLOUR = re.compile(r"^#([0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")


class Symbology:
    """Symbols, colours and level-of-detail thresholds for the map.

    Examples
    --------
    >>> s = Symbology.default()
    >>> s.kind_style("manholes").shape
    'circle'
    >>> cats, styles, codes = s.categorise("poles", "status", ["intact", "damaged", "intact"])
    >>> cats.tolist(), codes
    ([1, 0, 1], ['damaged', 'intact'])
    """

    def __init__(self, spec: dict, path: Path | str = "<memory>"):
        self.spec = spec
        self.path = str(path)
        self._check()

    # -- loading ----------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path | str) -> "Symbology":
        try:
            with open(path, "rb") as f:
                return cls(tomllib.load(f), path)
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise SymbologyInvalid(path=str(path), detail=str(e)) from e

    @classmethod
    def default(cls) -> "Symbology":
        return _default()

    def _fail(self, detail: str):
        raise SymbologyInvalid(path=self.path, detail=detail)

    def _check(self) -> None:
        for section in ("canvas", "level_of_detail", "labels", "highlight", "density", "kinds", "palette"):
            if not isinstance(self.spec.get(section), dict):
                self._fail(f"missing section [{section}]")
        for name, entry in self.spec["kinds"].items():
            if entry.get("shape") not in SHAPES:
                self._fail(f"kinds.{name}: unknown shape {entry.get('shape')!r} (known: {', '.join(SHAPES)})")
            self._colour(entry.get("fill"), f"kinds.{name}.fill")
            self._colour(entry.get("stroke"), f"kinds.{name}.stroke")
        for section in ("status", "ownership"):
            for code, colour in self.spec.get(section, {}).items():
                self._colour(colour, f"{section}.{code}")
        for i, colour in enumerate(self.spec["palette"].get("colours", [])):
            self._colour(colour, f"palette.colours[{i}]")
        if not self.spec["palette"].get("colours"):
            self._fail("palette.colours is empty")
        ramp = self.spec["density"].get("ramp", [])
        if len(ramp) < 2:
            self._fail("density.ramp needs at least two colours")
        for i, colour in enumerate(ramp):
            self._colour(colour, f"density.ramp[{i}]")
        for key in ("density_threshold", "density_cell_px", "label_threshold"):
            value = self.spec["level_of_detail"].get(key)
            if not isinstance(value, int) or value < 1:
                self._fail(f"level_of_detail.{key} must be a positive whole number, not {value!r}")

    def _colour(self, value, where: str) -> str:
        if not isinstance(value, str) or not _COLOUR.match(value):
            self._fail(f"{where}: {value!r} is not a colour like \"#1f5fbf\"")
        return value

    # -- numbers --------------------------------------------------------------------------
    @property
    def background(self) -> str:
        return self.spec["canvas"].get("background", "#ffffff")

    @property
    def symbol_size_px(self) -> float:
        return float(self.spec["canvas"].get("symbol_size_px", 12))

    @property
    def screen_dpi_fallback(self) -> float:
        return float(self.spec["canvas"].get("screen_dpi_fallback", 96))

    @property
    def density_threshold(self) -> int:
        return self.spec["level_of_detail"]["density_threshold"]

    @property
    def density_cell_px(self) -> int:
        return self.spec["level_of_detail"]["density_cell_px"]

    @property
    def label_threshold(self) -> int:
        return self.spec["level_of_detail"]["label_threshold"]

    @property
    def label_max_scale(self) -> float:
        """Point labels (identifiers) only when the map is finer than 1:N."""
        return float(self.spec["level_of_detail"].get("label_max_scale", 2500))

    @property
    def reference_label_max_scale(self) -> float:
        return float(self.spec["level_of_detail"].get("reference_label_max_scale", 10000))

    @property
    def labels(self) -> dict:
        return self.spec["labels"]

    @property
    def density_ramp(self) -> list[str]:
        return list(self.spec["density"]["ramp"])

    @property
    def density_alpha(self) -> int:
        return int(self.spec["density"].get("alpha", 220))

    # -- styles ---------------------------------------------------------------------------
    def kinds(self) -> list[str]:
        return list(self.spec["kinds"])

    def kind_style(self, kind: str) -> SymbolStyle:
        try:
            entry = self.spec["kinds"][kind]
        except KeyError:
            self._fail(f"no symbol for kind {kind!r}")
        return SymbolStyle(
            shape=entry["shape"], fill=entry["fill"], stroke=entry["stroke"],
            stroke_width=float(entry.get("stroke_width", 1.2)),
            size_px=self.symbol_size_px * float(entry.get("size", 1.0)),
        )

    def kind_z(self, kind: str) -> float:
        """Drawing order of a kind's layer (higher on top)."""
        return float(self.spec["kinds"].get(kind, {}).get("z", 0))

    def highlight_style(self) -> SymbolStyle:
        h = self.spec["highlight"]
        return SymbolStyle(
            shape=h.get("shape", "ring"), fill=h.get("fill", "#00000000"), stroke=h.get("stroke", "#ff1744"),
            stroke_width=float(h.get("stroke_width", 2.5)),
            size_px=self.symbol_size_px * float(h.get("scale", 1.7)),
        )

    def reference_style(self, name: str) -> dict:
        """Pen and fill of a reference layer (roads, river, subdistricts, grids)."""
        return dict(self.spec.get("reference", {}).get(name, {"stroke": "#808080", "width": 1.0}))

    def categorise(self, kind: str, colouring: str, values) -> tuple[np.ndarray, dict[int, SymbolStyle], list[str]]:
        """Turn one attribute column into per-point categories and their symbols.

        Parameters
        ----------
        kind : the asset kind (gives the symbol shape).
        colouring : one of :data:`COLOURINGS`.
        values : codes per point (status codes, owner codes, ...); ignored for ``"kind"``.

        Returns
        -------
        categories : int32 array, one per point.
        styles : category → :class:`SymbolStyle`.
        codes : the code of each category (``""`` for missing values).
        """
        base = self.kind_style(kind)
        if colouring not in COLOURINGS:
            self._fail(f"unknown colouring {colouring!r} (known: {', '.join(COLOURINGS)})")
        if colouring == "kind":
            n = len(values) if values is not None else 0
            return np.zeros(n, np.int32), {0: base}, [kind]
        text = np.array(["" if v is None else str(v) for v in values], dtype=str)
        codes, categories = np.unique(text, return_inverse=True)
        codes = [str(c) for c in codes]
        table = self.spec.get(colouring, {}) if colouring in ("status", "ownership") else {}
        palette = self.spec["palette"]["colours"]
        missing = self.spec["palette"].get("missing", "#d0d0d0")
        styles: dict[int, SymbolStyle] = {}
        n_open = 0
        for i, code in enumerate(codes):
            if not code:
                colour = missing
            elif code in table:
                colour = table[code]
            else:
                colour = palette[n_open % len(palette)]
                n_open += 1
            styles[i] = base.with_fill(colour)
        return categories.astype(np.int32), styles, codes


@lru_cache(maxsize=1)
def _default() -> Symbology:
    return Symbology.load(resources.path("symbology.toml"))
