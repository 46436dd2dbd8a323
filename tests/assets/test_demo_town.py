"""The demo town looks like a real county town: densities, spacing, crowding at crossings."""
import numpy as np
import pytest
import shapely

from assets.demo_town import config, generate
from assets.organisations import default_organisations


@pytest.fixture(scope="module")
def county():
    town, assets = generate("county", seed=2026)
    data = {k: assets.build(k, lambda x, y: (x, y)) for k in assets.kinds()}
    return town, data


def _gaps(values):
    v = np.sort(np.asarray(values))
    return np.diff(v)


def test_same_seed_same_town_other_seed_other_town():
    _, a = generate("small", seed=3)
    _, b = generate("small", seed=3)
    _, c = generate("small", seed=4)
    ca, xa, ya, _ = a.build("poles", lambda x, y: (x, y))
    cb, xb, yb, _ = b.build("poles", lambda x, y: (x, y))
    assert np.array_equal(xa, xb) and ca["subtype"] == cb["subtype"]
    xc = c.build("poles", lambda x, y: (x, y))[1]
    assert len(xc) != len(xa) or not np.allclose(xc, xa)


@pytest.mark.parametrize("size, low, high", [("small", 1700, 2400), ("county", 17000, 23000), (50_000, 45_000, 55_000)])
def test_sizes(size, low, high):
    _, assets = generate(size, seed=1)
    assert low <= assets.count() <= high
    assert set(assets.kinds()) == {"manholes", "poles", "boxes", "billboards", "toilets", "trees"}


def test_named_roads(county):
    town, _ = county
    names = {r.name: r for r in town.roads}
    assert names["迎宾路"].horizontal and names["迎宾路"].road_class == "main"
    assert not names["山城路"].horizontal
    assert abs(names["迎宾路"].position) < 1 and abs(names["山城路"].position) < 1  # the town's axes


def _side(data, kind, road, subtype, side_value=None):
    cols, x, y, _ = data[kind]
    sel = (np.array(cols["road"]) == road) & (np.array(cols["subtype"]) == subtype)
    if side_value is not None:
        sel &= np.array(cols["side"], dtype=object) == side_value
    return x[sel], y[sel]


def test_street_lights_every_30_to_35_m(county):
    _, data = county
    x, _ = _side(data, "poles", "迎宾路", "0118", "left")
    gaps = _gaps(x)
    regular = gaps[gaps < 40]  # longer gaps are crossings and the bridge
    assert 30 <= np.median(regular) <= 35
    assert np.mean((regular >= 29.9) & (regular <= 35.1)) > 0.9


def test_trees_every_5_to_8_m_with_gaps(county):
    _, data = county
    cols, x, y, _ = data["trees"]
    street = np.array(cols["subtype"]) == "0402"
    vacant = np.array(cols["vacant"])[street].astype(bool)
    assert 0.02 < vacant.mean() < 0.07
    on_road = street & (np.array(cols["road"]) == "迎宾路") & (y > 0)
    gaps = _gaps(x[on_road])
    assert 5 <= np.median(gaps[gaps < 10]) <= 8


def test_poles_crowd_at_signalised_intersections(county):
    town, data = county
    cols, x, y, _ = data["poles"]
    non_lights = np.array(cols["subtype"]) != "0118"
    crossings = [(v.position, h.position) for h in town.roads if h.horizontal and h.road_class != "branch"
                 for v in town.roads if not v.horizontal and v.road_class != "branch"]
    crossings = [c for c in crossings if not town.in_river(np.array([c[0]]), np.array([c[1]])).any()]
    centres = shapely.points(crossings)
    near = shapely.dwithin(shapely.points(x, y)[:, None], centres[None, :], 60).any(axis=1)
    per_crossing = (near & non_lights).sum() / len(crossings)
    assert per_crossing >= 10  # signals, ped signals, signs, cameras, plates around one crossing
    area_near = len(crossings) * np.pi * 60 ** 2
    density_near = near.sum() / area_near
    density_far = (~near).sum() / (town.width * town.height - area_near)
    assert density_near > 5 * density_far


def test_counts_owners_and_defects(county):
    _, data = county
    assert 20 <= len(data["toilets"][1]) <= 30
    known = {o["code"] for o in default_organisations()}
    for kind, (cols, *_rest) in data.items():
        owners = {o for o in cols.get("owner_code", []) if o}
        assert owners <= known, kind
    mcols = data["manholes"][0]
    owners = np.array(mcols["owner_code"], dtype=object)
    assert 0.02 < np.mean(owners == None) < 0.07  # noqa: E711
    assert "damaged" in mcols["status"]
    assert (np.array(mcols["height_diff_mm"]) < -15).mean() > 0.02
    pcols = data["poles"][0]
    assert 0 < sum(bool(a) for a in pcols["abandoned"] if a is not None)
    assert {"0118", "0210", "0209", "0136", "0213", "0117"} <= set(pcols["subtype"])
    assert {"0214", "0116", "0115", "0711"} <= set(data["boxes"][0]["subtype"])
    boards = data["billboards"][0]["road"]
    commercial = set(config()["town"]["commercial_roads"])
    assert set(boards) <= commercial


def test_mounts_carry_devices_of_owners(county):
    _, data = county
    mounts = data["poles"][3]
    types = {m["device_type"] for _, m in mounts}
    assert {"street_light", "vehicle_signal", "traffic_sign", "camera", "road_name_plate"} <= types
    assert {m["owner_code"] for _, m in mounts} >= {"FWZX", "GAJ", "MZJ"}


def test_registry_assets_sit_in_their_grid_and_not_in_the_river(small_demo):
    grids = {a["code"]: g for g, a in small_demo.reference("grids")}
    river = small_demo.reference("rivers")[0][0]
    for kind in ("poles", "trees", "manholes"):
        for asset in small_demo.query(kind, limit=150):
            code = asset.values["grid_code"]
            assert len(code) == 15 and code.startswith("210323")
            assert grids[code].buffer(0.01).contains(shapely.Point(asset.x, asset.y))
            assert not river.contains(shapely.Point(asset.x, asset.y))


def test_demo_registry_opens_in_other_gis_software(small_demo_master):
    """GDAL's validator and fiona see a valid GeoPackage with every layer, its count,
    its CRS and its Chinese text."""
    import subprocess
    import sys

    import fiona

    from assets.kinds import KIND_NAMES
    from assets.registry import Registry
    result = subprocess.run([sys.executable, "-m", "osgeo_utils.samples.validate_gpkg", str(small_demo_master)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    with Registry.open(small_demo_master, readonly=True) as reg:
        counts = reg.counts()
    layers = set(fiona.listlayers(small_demo_master))
    assert set(KIND_NAMES) <= layers and {"roads", "rivers", "subdistricts", "grids", "history"} <= layers
    for name in KIND_NAMES:
        with fiona.open(small_demo_master, layer=name) as src:
            assert len(src) == counts[name], name
            assert src.crs.to_epsg() == 4550
    with fiona.open(small_demo_master, layer="roads") as src:
        assert "迎宾路" in {f["properties"]["name"] for f in src}
    with fiona.open(small_demo_master, layer="subdistricts") as src:
        assert {f["properties"]["name"] for f in src} <= {"阜昌街道", "兴隆街道", "雅河街道"}
    with fiona.open(small_demo_master, layer="poles") as src:
        roads = {f["properties"]["road"] for f in src}
        assert "迎宾路" in roads or "山城路" in roads


def test_every_asset_has_a_status_and_an_ownership_state(small_demo):
    from assets.filters import Condition
    for name in ("poles", "manholes", "trees", "boxes"):
        assert small_demo.count(name, where=[Condition("status", "is null")]) == 0, name
        assert small_demo.count(name, where=[Condition("ownership", "is null")]) == 0, name
