import pytest

from assets.errors import ValidationError
from assets.kinds import KIND_NAMES, all_kinds, find_kind, kind, mount_kind
from assets.vocabularies import vocabulary

STANDARD = ["code", "name", "dept_code", "owner_code", "maintainer_code", "grid_code", "subdistrict_code",
            "community_code", "status", "init_date", "change_date", "source", "remarks", "accuracy"]


def test_six_kinds_with_standard_attributes_and_gb_codes():
    assert KIND_NAMES == ("manholes", "poles", "boxes", "billboards", "toilets", "trees")
    for k in all_kinds():
        names = [f.name for f in k.fields]
        assert all(s in names for s in STANDARD), k.name
        for entry in k.subtypes.entries:
            assert len(entry.code) == 4 and entry.code.isdigit()
            assert entry.label and entry.label_en
    assert kind("manholes").subtypes.get("0105").label == "电力井盖"
    assert kind("poles").subtypes.get("0701").label == "综合杆"
    assert kind("toilets").subtypes.codes() == ["0301"]


def test_kind_specific_fields_exist():
    expect = {
        "manholes": ["inscription", "cover_material", "cover_size_mm", "load_class", "anti_fall_net", "height_diff_mm"],
        "poles": ["height_m", "material", "road", "side", "abandoned"],
        "boxes": ["width_mm", "depth_mm", "height_mm", "powered"],
        "billboards": ["permit_no", "permit_expiry", "area_m2", "size_class", "safety_class", "last_check",
                       "next_check", "illuminated"],
        "toilets": ["toilet_type", "grade", "hours", "barrier_free", "signage"],
        "trees": ["species", "dbh_cm", "height_m", "crown_m", "vigour", "health", "heritage_grade", "vacant"],
    }
    for name, fields in expect.items():
        assert set(fields) <= set(kind(name).field_map), name


def test_labels_follow_the_language():
    k = kind("poles")
    assert k.title() == "杆件"
    assert k.title("en") == "Poles"
    assert k.field("height_m").title("en") == "Height (m)"
    assert vocabulary("ownership").text("disputed") == "有争议"
    assert find_kind("检查井").name == "manholes" and find_kind("Street trees").name == "trees"


def test_clean_fills_defaults_and_accepts_labels_for_codes():
    values = kind("poles").clean({"subtype": "路灯杆", "height_m": "9.5", "material": "钢"})
    assert values["subtype"] == "0118"
    assert values["height_m"] == 9.5
    assert values["material"] == "steel"
    assert values["status"] == "intact" and values["accuracy"] == "A"


def test_validation_reports_every_problem_in_chinese():
    with pytest.raises(ValidationError) as err:
        kind("poles").clean({"subtype": "9999", "height_m": 99, "material": "cheese", "bogus": 1})
    fields = {p.field for p in err.value.problems}
    assert fields == {"subtype", "height_m", "material", "bogus"}
    assert "杆高(m)" in str(err.value)


def test_required_subtype_and_bad_dates():
    with pytest.raises(ValidationError):
        kind("trees").clean({"species": "国槐"})
    with pytest.raises(ValidationError):
        kind("billboards").clean({"subtype": "0307", "last_check": "not a date"})
    assert kind("billboards").clean({"subtype": "0307", "last_check": "2026年3月1日"})["last_check"] == "2026-03-01"


def test_derived_values():
    bb = kind("billboards")
    assert bb.clean({"subtype": "0307", "width_m": 5, "height_m": 2.5})["size_class"] == "large"
    assert bb.clean({"subtype": "0307", "width_m": 2, "height_m": 1.5})["size_class"] == "medium"
    assert bb.clean({"subtype": "0307", "width_m": 1.5, "height_m": 1})["size_class"] == "small"
    assert bb.clean({"subtype": "0307", "last_check": "2026-01-10"})["next_check"] == "2027-01-10"
    trees = kind("trees")
    old = trees.clean({"subtype": "0402", "age_years": 320})
    assert old["heritage_grade"] == "2" and old["subtype"] == "0401"
    assert kind("manholes").clean({"inscription": "电力"})["subtype"] == "0105"
    assert kind("boxes").clean({"subtype": "0115"})["powered"] is False
    assert kind("manholes").settlement(-20) == "repair" and kind("manholes").settlement(8) == "watch"


def test_vacant_tree_site_has_no_tree():
    with pytest.raises(ValidationError):
        kind("trees").clean({"subtype": "0402", "vacant": True, "species": "国槐"})


def test_mounts_are_validated_like_a_kind():
    m = mount_kind()
    assert m.clean({"device_type": "路灯", "band": "top"}, partial=True)["device_type"] == "street_light"
    with pytest.raises(ValidationError):
        m.clean({"device_type": "teleporter"}, partial=True)
