"""Zip and KMZ deliveries: layer choice, empty archives, path escapes and zip bombs."""
import zipfile

import pytest

from layers import safe_archive
from layers.sources import list_layers, read_source
from layers.sources.errors import (ArchiveRatioTooHigh, ArchiveTooLarge, EmptyArchive, LayerChoiceNeeded,
                                   LayerNotFound, SourceDamaged, UnsafeArchive)


def test_zip_with_two_shapefiles_needs_a_layer_choice(shared_data):
    path = shared_data / "pyshp_tests/blockgroups_multishapefile.zip"
    assert list_layers(path) == ["blockgroups", "blockgroups2"]
    with pytest.raises(LayerChoiceNeeded) as err:
        read_source(path)
    assert err.value.layers == ["blockgroups", "blockgroups2"]
    table = read_source(path, layer="blockgroups2")
    assert table.layer == "blockgroups2" and len(table) == 663
    with pytest.raises(LayerNotFound):
        read_source(path, layer="nope")


def test_zip_with_shapefile_in_subfolder(shared_data):
    table = read_source(shared_data / "pyshp_tests/REL.zip")
    assert len(table) == 1 and table.crs.to_epsg() == 31287
    assert table.path.endswith("REL.zip")


def test_empty_zip_is_a_clear_error(shared_data):
    with pytest.raises(EmptyArchive) as err:
        read_source(shared_data / "pyshp_tests/empty_zipfile.zip")
    assert "empty_zipfile.zip" in str(err.value)


@pytest.mark.parametrize("entry", ["../evil.csv", "/etc/evil.csv", "a/../../evil.csv", "C:/evil.csv", "..\\evil.csv"])
def test_entries_escaping_the_folder_are_refused(tmp_path, entry):
    path = tmp_path / "bad.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("ok.csv", "x,y\n1,2\n")
        zf.writestr(entry, "x,y\n1,2\n")
    with pytest.raises(UnsafeArchive):
        read_source(path)
    assert not (tmp_path.parent / "evil.csv").exists()


def test_zip_bomb_ratio_refused(tmp_path):
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("big.csv", b"0" * (64 * 1024 * 1024))  # ~1000:1 with deflate
    with pytest.raises(ArchiveRatioTooHigh):
        read_source(path)


def test_declared_size_over_limit_refused(tmp_path, monkeypatch):
    path = tmp_path / "big.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("a.csv", b"x,y\n" + b"1,2\n" * 300_000)
    lim = dict(safe_archive.limits())
    lim["max_total_mb"] = 1
    monkeypatch.setattr(safe_archive, "limits", lambda: lim)
    with pytest.raises(ArchiveTooLarge):
        read_source(path)


class _GbkName(zipfile.ZipInfo):
    """An entry named the way Chinese Windows zips name them: GBK bytes, no UTF-8 flag."""

    def _encodeFilenameFlags(self):
        return self.filename.encode("gbk"), self.flag_bits


def test_gbk_entry_names_are_decoded(tmp_path):
    path = tmp_path / "台账.zip"
    info = _GbkName("井盖.csv")
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(info, "编号,经度,纬度\nA1,123.28,40.29\n".encode("gbk"))
    assert list_layers(path) == []
    table = read_source(path)
    assert table.layer == "井盖.csv" and table.rows[0]["编号"] == "A1"


def test_archive_that_lies_about_its_sizes(tmp_path):
    """An entry whose directory says 10 bytes but inflates to megabytes is not written out."""
    path = tmp_path / "liar.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.csv", b"x,y\n" + b"1,2\n" * 500_000)
    data = bytearray(path.read_bytes())
    real = (2_000_004).to_bytes(4, "little")
    fake = (10).to_bytes(4, "little")
    assert data.count(real) == 2  # local header and central directory
    path.write_bytes(bytes(data).replace(real, fake))
    with pytest.raises(SourceDamaged):
        read_source(path)


def test_workbook_bomb_refused_before_opening(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/sharedStrings.xml", b" " * (64 * 1024 * 1024))
    with pytest.raises(ArchiveRatioTooHigh):
        read_source(path)
