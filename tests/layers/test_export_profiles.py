"""Department export profiles: the built-in files load and validate, bad ones fail
clearly, users copy and override them, and a profile drives an export."""
import datetime as dt
import zipfile

import fiona
import pytest
from export_sample import CODE, OWNER, ROAD, manholes

from layers.export import ExportLayer, export_layers
from layers.export.errors import ProfileError, ProfileNotFound
from layers.export.profiles import copy_profile, get_profile, load_profile, load_profiles

GOOD = """
name = "test_dept"
title = "测试部门"
format = "{fmt}"
crs = "{crs}"
[[layers]]
kind = "{kind}"
filter = [ {{ field = "{field}", op = "{op}", value = {value} }} ]
fields = [ {{ name = "code", output = "code", alias = "标识码" }} ]
"""


def _profile(tmp_path, **changes):
    values = dict(fmt="gpkg", crs="EPSG:4550", kind="manholes", field="subtype", op="=", value='"0105"')
    values.update(changes)
    path = tmp_path / "test_dept.toml"
    path.write_text(GOOD.format(**values), encoding="utf-8")
    return path


def test_builtin_profiles_cover_the_departments():
    profiles = load_profiles()
    assert {"power_supply", "traffic_police", "law_enforcement", "urban_construction_group",
            "construction_service_centre", "civil_affairs", "telecom", "full_registry"} <= set(profiles)
    for p in profiles.values():
        assert p.title and p.source and p.layers
    power = profiles["power_supply"]
    assert power.title == "县供电公司" and power.format == "shp" and power.encoding == "GBK"
    assert [l.kind for l in power.layers] == ["manholes", "boxes", "poles"]
    assert profiles["telecom"].crs == "gcj02" and profiles["law_enforcement"].format == "xlsx"
    assert len(profiles["full_registry"].layers) == 6


def test_filters_match_records_and_mounts():
    power = get_profile("power_supply")
    manhole_layer, box_layer, pole_layer = power.layers
    assert manhole_layer.matches({"subtype": "0105"}) and not manhole_layer.matches({"subtype": "0107"})
    assert box_layer.matches({"subtype": "0134"}) and not box_layer.matches({"subtype": "0115"})
    assert pole_layer.matches({"subtype": "0118"}, mounts=[{"device_type": "street_light", "owner_code": "GDGS"}])
    assert not pole_layer.matches({"subtype": "0118"}, mounts=[{"device_type": "camera", "owner_code": "GAJ"}])
    micro = get_profile("telecom").layers[2]
    assert micro.matches({}, mounts=[{"device_type": "micro_cell", "owner_code": "TTGS"}])


@pytest.mark.parametrize("changes, words", [
    (dict(kind="lamps"), "unknown kind"),
    (dict(field="colour"), "unknown field"),
    (dict(fmt="mif"), "unknown format"),
    (dict(op="like"), "unknown op"),
    (dict(value='"0199"'), "not a subtype"),
    (dict(field="owner_code", value='"GDSG"'), "organisation"),
    (dict(field="mounts.owner_code", value='"GDGS"'), "no mounts"),
    (dict(op="in", value='"0105"'), "list"),
    (dict(fmt="dxf", crs="EPSG:4490"), "projected"),
    (dict(fmt="gpkg", crs="gcj02"), "GCJ-02"),
])
def test_bad_profiles_name_the_problem(tmp_path, changes, words):
    with pytest.raises(ProfileError) as err:
        load_profile(_profile(tmp_path, **changes))
    assert words in err.value.message("en")


def test_bad_option_and_encoding_in_profile(tmp_path):
    path = _profile(tmp_path, fmt="dxf")
    path.write_text(path.read_text(encoding="utf-8") + "\n[options]\ndxf_layer_by = \"road\"\n", encoding="utf-8")
    with pytest.raises(ProfileError) as err:
        load_profile(path)
    assert "dxf_layer_by" in err.value.message("en")
    path = _profile(tmp_path, fmt="shp")
    path.write_text(path.read_text(encoding="utf-8").replace('crs = "EPSG:4550"', 'crs = "EPSG:4550"\nencoding = "big5"'),
                    encoding="utf-8")
    with pytest.raises(ProfileError) as err:
        load_profile(path)
    assert "big5" in err.value.message("en")


def test_broken_toml_is_a_profile_error(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("name = \n", encoding="utf-8")
    with pytest.raises(ProfileError):
        load_profiles([tmp_path])


def test_copy_edit_and_override(tmp_path):
    path = copy_profile("power_supply", "power_gis", tmp_path)
    assert "县供电公司" in path.read_text(encoding="utf-8")   # comments and text kept
    path.write_text(path.read_text(encoding="utf-8").replace('format = "shp"', 'format = "gpkg"')
                    .replace('encoding = "GBK"\n', ""), encoding="utf-8")
    profiles = load_profiles([tmp_path])
    assert profiles["power_gis"].format == "gpkg" and profiles["power_supply"].format == "shp"
    with pytest.raises(ProfileError):
        copy_profile("power_supply", "power_gis", tmp_path)
    with pytest.raises(ProfileNotFound):
        copy_profile("no_such", "x", tmp_path)


def test_output_name_pattern():
    when = dt.datetime(2026, 11, 28, 9, 30)
    assert get_profile("power_supply").output_name(when) == "power_supply_20261128.shp"
    assert get_profile("law_enforcement").output_name(when) == "户外广告台账_20261128.xlsx"


def _layer_for(profile_layer, sample: ExportLayer) -> ExportLayer:
    """What the lead's registry side will do: filter records, rename fields."""
    keep = [i for i, r in enumerate(sample.rows) if profile_layer.matches({**r, "ownership": "unconfirmed"})]
    rows = [profile_layer.output_row(sample.rows[i]) for i in keep]
    return ExportLayer(profile_layer.name, profile_layer.title, profile_layer.export_fields(), rows,
                       sample.x[keep], sample.y[keep], sample.crs, {"by": profile_layer.style_by})


def test_power_profile_drives_a_gbk_shapefile(tmp_path):
    profile = get_profile("power_supply")
    sample = manholes()
    sample.rows[4]["subtype"] = "0107"   # a telecom cover: not the power company's
    layer = _layer_for(profile.layers[0], sample)
    result = export_layers([layer], profile.format, tmp_path / profile.output_name(), crs=profile.crs,
                           encoding=profile.encoding, metadata={"profile": profile.name}, **profile.options)
    with fiona.open(result.paths[0]) as src:
        features = list(src)
    assert len(features) == 4 and features[0].properties["code"] == CODE
    assert features[0].properties["owner"] == "GDGS" and features[0].properties["road"] == ROAD
    assert (tmp_path / "power_supply_{}.cpg".format(dt.date.today().strftime("%Y%m%d"))).exists()


def test_telecom_profile_drives_a_gcj02_kmz(tmp_path):
    profile = get_profile("telecom")
    sample = manholes()
    for row in sample.rows:
        row["subtype"] = "0107"
        row["owner_name"] = OWNER
    layer = _layer_for(profile.layers[0], sample)
    result = export_layers([layer], profile.format, tmp_path / "t", crs=profile.crs)
    assert result.crs == "GCJ-02"
    with zipfile.ZipFile(result.paths[0]) as z:
        text = z.read("doc.kml").decode("utf-8")
    assert text.count("<Placemark>") == 5 and "通信井盖" in text and CODE in text


_SAMPLE_VALUES = {"text": "迎宾路", "integer": 7, "real": 1.5, "date": dt.date(2026, 5, 1), "boolean": True}


@pytest.mark.parametrize("name", sorted(load_profiles()))
def test_every_builtin_profile_exports(tmp_path, name):
    profile = get_profile(name)
    sample = manholes(3)
    layers = []
    for pl in profile.layers:
        fields = pl.export_fields()
        rows = [{f.name: (CODE if f.name == "code" else _SAMPLE_VALUES[f.type]) for f in fields} for _ in range(3)]
        layers.append(ExportLayer(pl.name, pl.title, fields, rows, sample.x, sample.y, 4550,
                                  {"by": pl.style_by} if pl.style_by else None))
    result = export_layers(layers, profile.format, tmp_path / profile.output_name(), crs=profile.crs,
                           encoding=profile.encoding, metadata={"profile": profile.name}, **profile.options)
    assert result.counts == {pl.name: 3 for pl in profile.layers}
    assert all(p.exists() and p.stat().st_size > 0 for p in result.paths)
