"""Symbology is data: every kind has its own symbol; a broken file says what is wrong."""
from __future__ import annotations

import numpy as np
import pytest

from assets.kinds import KIND_NAMES
from assets.vocabularies import vocabulary
from desktop.map.errors import SymbologyInvalid
from desktop.map.scale_bar_item import length_text, nice_length
from desktop.map.symbology import COLOURINGS, Symbology


def test_every_asset_kind_has_a_distinct_symbol():
    s = Symbology.default()
    assert set(s.kinds()) == set(KIND_NAMES)
    looks = {(s.kind_style(k).shape, s.kind_style(k).fill) for k in KIND_NAMES}
    assert len(looks) == len(KIND_NAMES)
    assert s.kind_style("manholes").shape == "circle"
    assert s.kind_style("toilets").shape == "wc"


def test_status_and_ownership_colours_cover_their_vocabularies():
    s = Symbology.default()
    for colouring in ("status", "ownership"):
        codes = vocabulary(colouring).codes()
        cats, styles, got = s.categorise("poles", colouring, codes)
        assert got == sorted(codes)
        fills = {styles[c].fill for c in cats}
        assert len(fills) == len(codes), f"two {colouring} values share a colour"
        assert {styles[c].shape for c in cats} == {"ring_dot"}


def test_open_codes_take_palette_colours_and_missing_values_grey():
    s = Symbology.default()
    cats, styles, codes = s.categorise("boxes", "owner", ["GDGS", None, "LTGS", "GDGS", ""])
    assert codes == ["", "GDGS", "LTGS"]
    assert cats.tolist() == [1, 0, 2, 1, 0]
    assert styles[0].fill == s.spec["palette"]["missing"]
    assert styles[1].fill != styles[2].fill
    cats, styles, codes = s.categorise("trees", "kind", np.array(["a", "b"]))
    assert cats.tolist() == [0, 0] and codes == ["trees"]
    with pytest.raises(SymbologyInvalid):
        s.categorise("trees", "height", ["x"])
    assert set(COLOURINGS) == {"kind", "subtype", "status", "owner", "ownership"}


def test_a_broken_symbology_file_is_reported(tmp_path):
    good = Symbology.default().path
    text = open(good, encoding="utf-8").read()
    bad = tmp_path / "symbology.toml"
    bad.write_text(text.replace('shape = "circle"', 'shape = "star"', 1), encoding="utf-8")
    with pytest.raises(SymbologyInvalid) as err:
        Symbology.load(bad)
    assert "star" in err.value.message("en") and str(bad) in err.value.message("en")
    bad.write_text(text.replace('fill = "#7a5c3a"', 'fill = "brown"'), encoding="utf-8")
    with pytest.raises(SymbologyInvalid):
        Symbology.load(bad)
    bad.write_text("[canvas\n", encoding="utf-8")
    with pytest.raises(SymbologyInvalid):
        Symbology.load(bad)
    with pytest.raises(SymbologyInvalid):
        Symbology.load(tmp_path / "missing.toml")


def test_scale_bar_lengths_are_round():
    assert [nice_length(v) for v in (730, 199, 0.8, 1000, 4999)] == [500, 100, 0.5, 1000, 2000]
    assert nice_length(0) == 0
    assert [length_text(v) for v in (500, 2000, 0.5)] == ["500 m", "2 km", "0.5 m"]
