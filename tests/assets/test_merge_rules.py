"""Merge rules: the shipped file loads, overrides apply, bad values fail clearly."""
import pytest

from assets.merge_rules import MergeRulesError, MergeRulesNotFound, load_rules
from assets.vocabularies import vocabulary


def test_shipped_rules_cover_every_listed_device_type():
    rules = load_rules()
    for code in ("street_light", "vehicle_signal", "ped_signal", "traffic_sign", "camera",
                 "guidance_screen", "road_name_plate", "place_name_plate", "micro_cell", "other"):
        assert code in rules.devices
    assert rules.device("vehicle_signal").anchor and rules.device("vehicle_signal").max_move_m == 2.0
    assert rules.device("traffic_sign").max_move_m == 50.0
    assert rules.device("power_line") == rules.device("other")  # unknown to the rules: fallback
    assert rules.never_merge_structures == {"mast", "trolley_bus", "overhead_line"}
    assert rules.never_merge_height_m == 15.0
    assert rules.spacing_m == {"branch": 30.0, "main": 35.0, "secondary": 35.0}
    assert rules.costs["box_relocation"] == (60000.0, 86000.0)
    assert not rules.boxes.combine_powered_with_passive
    assert set(rules.band_order) == set(vocabulary("band").codes())


def test_every_number_in_the_rules_file_names_its_source():
    from resources import path
    lines = path("rules", "merge.toml").read_text(encoding="utf-8").splitlines()
    # Device limits carry their source on the line itself.
    for line in lines:
        if line.startswith(("max_move_m", "max_across_m")):
            assert "#" in line and ("domain.md" in line or "placeholder" in line), line


def test_overrides_merge_into_the_file():
    rules = load_rules(overrides={"devices": {"camera": {"max_move_m": 25}}, "bands": {"capacity": {"top": 4}}})
    assert rules.device("camera").max_move_m == 25.0
    assert rules.device("camera").bands == ("top", "middle")  # untouched keys stay
    assert rules.band_capacity["top"] == 4 and rules.band_capacity["upper"] == 2


@pytest.mark.parametrize("overrides, words", [
    ({"devices": {"camera": {"max_move_m": -1}}}, "devices.camera.max_move_m"),
    ({"devices": {"camera": {"max_move_m": "far"}}}, "expected a number"),
    ({"devices": {"camera": {"bands": ["roof"]}}}, "devices.camera.bands"),
    ({"devices": {"spaceship": {"max_move_m": 1, "bands": ["top"]}}}, "unknown device type"),
    ({"devices": {"camera": {"anchor": "yes"}}}, "true or false"),
    ({"bands": {"capacity": {"top": 2.5}}}, "bands.capacity.top"),
    ({"bands": {"order": ["top", "top"]}}, "bands.order"),
    ({"poles": {"never_merge_structures": ["tower"]}}, "never_merge_structures"),
    ({"spacing_m": {"highway": 40}}, "unknown road class"),
    ({"boxes": {"owners_per_cabinet": 6}}, "cannot exceed"),
    ({"costs": {"remove_pole": [3000, 1000]}}, "costs.remove_pole"),
])
def test_bad_values_fail_with_the_key_named(overrides, words):
    with pytest.raises(MergeRulesError) as info:
        load_rules(overrides=overrides)
    assert words in info.value.message("en")


def test_missing_or_broken_file(tmp_path):
    with pytest.raises(MergeRulesNotFound):
        load_rules(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[poles\n", encoding="utf-8")
    with pytest.raises(MergeRulesNotFound):
        load_rules(bad)
    empty = tmp_path / "empty.toml"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(MergeRulesError) as info:
        load_rules(empty)
    assert "poles" in info.value.message("en")
