"""What every export does: the metadata sidecar, checksums, progress and cancelling,
and clear errors for bad input."""
import hashlib
import json

import numpy as np
import pytest
from export_sample import manholes, poles

from assets.errors import Cancelled, XiuCityError
from assets.progress import RecordingProgress
from layers.export import FORMATS, ExportField, ExportLayer, export_layers
from layers.export.errors import BadExportTable, UnknownFormat


def test_every_format_is_registered():
    assert set(FORMATS) == {"gpkg", "shp", "geojson", "kml", "kmz", "dxf", "csv", "xlsx", "fgb"}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_sidecar_and_checksums(tmp_path, fmt):
    meta = {"registry": "岫岩.xcreg", "profile": "供电公司", "filter": [{"field": "owner_code", "op": "=", "value": "GDGS"}]}
    result = export_layers([manholes(), poles()], fmt, tmp_path / f"out.{fmt}", metadata=meta)
    doc = json.loads(result.sidecar.read_text(encoding="utf-8"))
    assert doc["format"] == fmt and doc["registry"] == "岫岩.xcreg" and doc["profile"] == "供电公司"
    assert [(l["name"], l["count"]) for l in doc["layers"]] == [("manholes", 5), ("poles", 3)]
    assert doc["crs"] == result.crs and doc["written_at"]
    for entry in doc["files"]:
        path = result.sidecar.parent / entry["path"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"]
    assert len(doc["files"]) == len(result.paths)


def test_progress_counts_features_and_cancel_stops(tmp_path):
    progress = RecordingProgress()
    export_layers([manholes(), poles()], "geojson", tmp_path / "a", progress=progress)
    assert progress.total == 8 and progress.done == 8
    big = manholes(30_000)
    with pytest.raises(Cancelled):
        export_layers([big], "gpkg", tmp_path / "b.gpkg", progress=RecordingProgress(cancel_after=1))
    assert not (tmp_path / "b.gpkg").exists() and not (tmp_path / "b.gpkg.part").exists()


def test_unknown_format(tmp_path):
    with pytest.raises(UnknownFormat) as err:
        export_layers([manholes()], "mif", tmp_path / "x.mif")
    assert "gpkg" in err.value.message("en")


def test_bad_tables_are_clear_errors(tmp_path):
    layer = manholes()
    layer.x = layer.x[:3]
    with pytest.raises(BadExportTable):
        export_layers([layer], "csv", tmp_path / "x.csv")
    layer = manholes()
    layer.rows[2]["cover_size_mm"] = "七百"
    with pytest.raises(BadExportTable) as err:
        export_layers([layer], "gpkg", tmp_path / "x.gpkg")
    assert "row 3" in err.value.message("en") and "井盖尺寸(mm)" in err.value.message("en")
    with pytest.raises(BadExportTable):
        export_layers([], "gpkg", tmp_path / "x.gpkg")
    with pytest.raises(BadExportTable):
        export_layers([manholes(), manholes()], "gpkg", tmp_path / "x.gpkg")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_empty_layer_writes_a_valid_empty_file(tmp_path, fmt):
    empty = ExportLayer("trees", "行道树", [ExportField("code", "标识码")], [], np.empty(0), np.empty(0), crs=4550)
    result = export_layers([empty], fmt, tmp_path / f"e.{fmt}")
    assert result.counts == {"trees": 0} and all(p.exists() for p in result.paths)


def test_unwritable_destination_is_a_user_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(XiuCityError):
        export_layers([manholes()], "gpkg", blocker / "sub" / "x.gpkg")


def test_codes_that_arrive_as_numbers_are_written_as_digits(tmp_path):
    layer = manholes()
    layer.rows[0]["code"] = 2103230105000001.0      # from a spreadsheet cell
    layer.rows[1]["code"] = np.int64(2103230105000002)
    path = export_layers([layer], "csv", tmp_path / "m.csv").paths[0]
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[1].startswith("2103230105000001,") and lines[2].startswith("2103230105000002,")


def test_unknown_option_is_refused(tmp_path):
    from layers.export.errors import UnknownOption
    with pytest.raises(UnknownOption) as err:
        export_layers([manholes()], "dxf", tmp_path / "m.dxf", dxf_layer_by="owners")
    assert "dxf_layer_by=kind|owner" in err.value.message("en")


@pytest.mark.parametrize("fmt", ["csv", "kml", "geojson", "shp", "xlsx"])
def test_cancel_leaves_previous_export_untouched(tmp_path, fmt):
    first = export_layers([manholes()], fmt, tmp_path / f"m.{fmt}")
    before = {p: p.read_bytes() for p in first.paths}
    with pytest.raises(Cancelled):
        export_layers([manholes(12_000)], fmt, tmp_path / f"m.{fmt}", progress=RecordingProgress(cancel_after=1))
    assert {p: p.read_bytes() for p in first.paths} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([p.name for p in first.paths] + [first.sidecar.name])


def test_nan_numbers_are_written_as_missing(tmp_path):
    layer = manholes()
    layer.rows[0]["height_diff_mm"] = float("nan")
    path = export_layers([layer], "geojson", tmp_path / "m.geojson").paths[0]
    text = path.read_text(encoding="utf-8")
    doc = json.loads(text, parse_constant=lambda c: pytest.fail(f"{c} is not JSON"))
    assert doc["features"][0]["properties"]["height_diff_mm"] is None
    assert doc["features"][1]["properties"]["height_diff_mm"] == -11.5


def test_infinite_number_is_a_clear_error(tmp_path):
    layer = manholes()
    layer.rows[3]["height_diff_mm"] = float("inf")
    with pytest.raises(BadExportTable) as err:
        export_layers([layer], "xlsx", tmp_path / "m.xlsx")
    assert "row 4" in err.value.message("en")
