"""The bad-input corpus: good deliveries written the ways surveyors and utilities write
them, and malformed variants of each (cut short, bytes flipped, wrong encodings, NaN and
huge coordinates, the wrong CRS, duplicate codes, hostile zips, empty files, missing
shapefile parts, fake workbooks, tampered confirmation packages).

The good deliveries are in :mod:`corpus_bases`, the ways of spoiling them in
:mod:`corpus_mutations`; this module lists the cases. A :class:`Variant` is only a recipe until
:meth:`Variant.make` writes it into a folder, so pytest can list the cases at collection
time and each case gets a fresh file.
``XIUCITY_CORPUS_VARIANTS=n`` asks for ``n`` random cuts and ``n`` random byte flips of
every base file (default 2; 25 or more for a long run before a release)."""
from __future__ import annotations

import os
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from corpus_bases import (BASES, Context, geojson, kml, kml_text, kmz, ledger_csv, ledger_xlsx, lonlat, photos,
                          shapefile)
from corpus_mutations import (BAD_NUMBERS, LAUGHS, TREES, XXE, bad_photos, coords_csv, cpg, csv_bytes, cut,
                              cut_photo, duplicate_codes, empty_folder, flipped, gbk_csv, gbk_named_zip,
                              gpkg_bad_blobs, gpkg_unknown_srs, header_edit, kml_declared, lying_zip,
                              many_entries, meta_set, mixed_encoding_csv, mojibake_csv, mounts_csv,
                              package_edit, photo_files, ratio, retyped_photo, rows_edit, sheet_drop,
                              shp_garbage, shp_huge, shp_wrong_prj, without, write, xlsx_bomb, xlsx_nan,
                              zip_bomb, zip_entries)

RANDOM_VARIANTS = int(os.environ.get("XIUCITY_CORPUS_VARIANTS", "2"))


@dataclass
class Variant:
    name: str
    make: Callable[[Path, Context], Path]
    options: dict = field(default_factory=dict)   # import options a user would give (crs, encoding)
    kind: str = "manholes"

    def __repr__(self) -> str:
        return self.name



def variants() -> list[Variant]:
    """Every case of the corpus, good bases first."""
    out = [Variant(f"good-{name}", make) for name, make in BASES.items()]
    out.append(Variant("good-photos", photos, TREES, kind="trees"))
    fractions = [0.0, 0.03, 0.5, 0.97] + [random.Random(i).uniform(0.05, 0.99) for i in range(RANDOM_VARIANTS)]
    for name in BASES:
        out += [Variant(f"cut-{name}-{f:.2f}", cut(name, f)) for f in fractions]
        out += [Variant(f"flip-{name}-{s}", flipped(name, s)) for s in range(RANDOM_VARIANTS)]
    for part in (".dbf", ".shx", ".prj", ".cpg"):
        out += [Variant(f"cut-shp{part}-{f:.2f}", cut("shp", f, part)) for f in (0.0, 0.4)]
        out += [Variant(f"flip-shp{part}-{s}", flipped("shp", s, part)) for s in range(RANDOM_VARIANTS)]
    out += [
        # encodings
        Variant("csv-gbk-no-bom", gbk_csv),
        Variant("csv-gbk-said-utf8", gbk_csv, {"encoding": "UTF-8"}),
        Variant("csv-utf8-said-gbk", ledger_csv, {"encoding": "GBK"}),
        Variant("csv-unknown-encoding-name", ledger_csv, {"encoding": "klingon-8"}),
        Variant("csv-utf16", lambda f, c: ledger_csv(f, c, encoding="utf-16")),
        Variant("csv-mojibake", mojibake_csv),
        Variant("csv-mixed-utf8-gbk", mixed_encoding_csv),
        Variant("shp-gbk-cpg-says-utf8", shp_garbage(".cpg", b"UTF-8")),
        Variant("shp-utf8-cpg-says-gbk", lambda f, c: cpg(shapefile(f, c, encoding="UTF-8"), b"936")),
        Variant("shp-cpg-nonsense", shp_garbage(".cpg", b"\xff\xfe\x00klingon")),
        Variant("shp-gbk-said-utf8", shapefile, {"encoding": "UTF-8"}),
        Variant("kml-declares-gbk-is-utf8", kml_declared('<?xml version="1.0" encoding="GBK"?>', "utf-8")),
        Variant("kml-declares-unknown", kml_declared('<?xml version="1.0" encoding="klingon"?>', "utf-8")),
        # coordinates
        *[Variant(f"csv-coords-{a}-{b}", coords_csv([(a, b)])) for a, b in BAD_NUMBERS],
        Variant("csv-coords-text", coords_csv([("东经", "北纬"), ("123°17′", "40°17′N"), ("1,2,3", "--")])),
        Variant("csv-lonlat-said-4550", lambda f, c: ledger_csv(f, c, coords=[
            (f"{a:.8f}", f"{b:.8f}") for a, b in zip(*lonlat(c.xy))]), {"crs": "EPSG:4550"}),
        Variant("csv-metres-said-4326", ledger_csv, {"crs": "EPSG:4326"}),
        Variant("csv-said-unknown-crs", ledger_csv, {"crs": "EPSG:999999"}),
        Variant("csv-said-nonsense-crs", ledger_csv, {"crs": "+proj=nonsense"}),
        Variant("csv-british-grid", lambda f, c: ledger_csv(f, c, coords=[("533000", "179000")] * 6)),
        Variant("xlsx-nan-huge-formula", xlsx_nan),
        Variant("geojson-nan-huge", lambda f, c: geojson(f, c, coords=[[float("nan"), 1], [1e300, 1e300],
                                                                         [1e308, -1e308], [0, 0]])),
        Variant("geojson-string-coords", lambda f, c: geojson(f, c, coords=[["a", "b"], [], [1], [None, None]])),
        Variant("kml-nan-huge", lambda f, c: kml(f, c, coords=["nan,nan", "1e300,1e300", "inf,-inf", "1e309,5",
                                                                "x,y", ""])),
        Variant("shp-wrong-prj", shp_wrong_prj),
        Variant("shp-huge", shp_huge),
        Variant("gpkg-unknown-srs", gpkg_unknown_srs),
        Variant("gpkg-bad-blobs", gpkg_bad_blobs),
        # the mounts column of a pole ledger (type@owner;...)
        Variant("csv-mounts-garbage", mounts_csv(["飞碟@县供电公司", "路灯@@;;@", "@县供电公司", ";；、|", "摄像头＠" * 500,
                                                   "路灯@不存在的单位;camera@县公安局（交警）"]), kind="poles"),
        # codes
        Variant("csv-duplicate-codes", duplicate_codes),
        Variant("csv-duplicate-codes-update", duplicate_codes, {"on_duplicate": "update"}),
        Variant("csv-duplicate-codes-insert", duplicate_codes, {"on_duplicate": "insert"}),
        # archives
        Variant("zip-dotdot", zip_entries({"../逃出.csv": csv_bytes})),
        Variant("zip-deep-dotdot", zip_entries({"a/b/../../../逃出.csv": csv_bytes})),
        Variant("zip-absolute", zip_entries({"/tmp/逃出.csv": csv_bytes})),
        Variant("zip-backslash", zip_entries({"..\\逃出.csv": csv_bytes})),
        Variant("zip-drive-letter", zip_entries({"C:/逃出.csv": csv_bytes})),
        Variant("zip-bomb", zip_bomb),
        Variant("zip-bad-crc", lying_zip),
        Variant("zip-many-entries", many_entries),
        Variant("zip-nested-only", zip_entries({"里面.zip": lambda c: b"PK\x05\x06" + bytes(18)})),
        Variant("zip-readme-only", zip_entries({"说明.txt": "只有说明"})),
        Variant("zip-two-layers", zip_entries({"a.csv": csv_bytes, "b/b.csv": csv_bytes})),
        Variant("zip-gbk-names", gbk_named_zip),
        Variant("kmz-bad-inner-doc", lambda f, c: kmz(f, c, doc=b"\x00\x01 not xml at all")),
        Variant("kmz-cut-inner-doc", lambda f, c: kmz(f, c, doc=kml_text(c).encode()[:300])),
        Variant("kmz-no-kml", lambda f, c: kmz(f, c, doc=b"<kml/>", name="doc.txt")),
        Variant("kmz-dotdot", lambda f, c: kmz(f, c, name="../doc.kml")),
        Variant("kmz-entity-bomb", lambda f, c: kmz(f, c, doc=LAUGHS)),
        Variant("kml-entity-bomb", write("井盖.kml", LAUGHS)),
        Variant("kml-external-entity", write("井盖.kml", XXE)),
        Variant("kml-deep-nesting", write("井盖.kml", "<kml>" + "<Folder>" * 5000 + "</Folder>" * 5000 + "</kml>")),
        # wrong or empty files
        *[Variant(f"empty{s}", write(f"空{s}", b"")) for s in (".csv", ".txt", ".xlsx", ".shp", ".gpkg", ".geojson",
                                                                  ".json", ".kml", ".kmz", ".dxf", ".zip", ".gpx")],
        Variant("xlsx-is-csv", lambda f, c: Path(shutil.copy(ledger_csv(f, c), f / "台账.xlsx"))),
        Variant("csv-is-xlsx", lambda f, c: Path(shutil.copy(ledger_xlsx(f, c), f / "台账.csv"))),
        Variant("gpkg-is-csv", lambda f, c: Path(shutil.copy(ledger_csv(f, c), f / "台账.gpkg"))),
        Variant("kml-is-xlsx", lambda f, c: Path(shutil.copy(ledger_xlsx(f, c), f / "台账.kml"))),
        Variant("dxf-is-kml", lambda f, c: Path(shutil.copy(kml(f, c), f / "台账.dxf"))),
        Variant("xlsx-bomb", xlsx_bomb),
        Variant("xlsx-zip-of-junk", zip_entries({"xl/workbook.xml": b"<junk", "[Content_Types].xml": b"?"},
                                                 name="台账.xlsx")),
        Variant("csv-only-header", write("台账.csv", "标识码,X,Y\n")),
        Variant("csv-binary", write("台账.csv", bytes(range(256)) * 8)),
        Variant("csv-nul-bytes", write("台账.csv", "标识码,X,Y\n\x00\x00,523000,4460000\n")),
        Variant("csv-one-huge-field", write("台账.csv", "标识码,X,Y\n" + "\"" + "长" * 300_000 + "\",1,2\n")),
        Variant("shp-without-dbf", without("shp", ".dbf")),
        Variant("shp-without-shx", without("shp", ".shx")),
        Variant("shp-without-prj", without("shp", ".prj")),
        # photos
        Variant("photos-zero-denominator", bad_photos({1: "N", 2: (ratio(40, 0), ratio(0, 0), ratio(0, 0)),
                                                        3: "E", 4: (123, 17, 0)}), TREES, kind="trees"),
        Variant("photos-huge-degrees", bad_photos({1: "N", 2: (1e300, 0, 0), 3: "E", 4: (1e300, 0, 0)}), TREES,
                kind="trees"),
        # PIL writes big-endian TIFF: tag, type (5 = rational), count, offset
        Variant("photos-text-tags", retyped_photo(b"\x00\x02\x00\x05", b"\x00\x02\x00\x02"), TREES, kind="trees"),
        Variant("photos-undefined-tags", retyped_photo(b"\x00\x04\x00\x05", b"\x00\x04\x00\x07"), TREES, kind="trees"),
        Variant("photos-huge-count", retyped_photo(b"\x00\x02\x00\x05\x00\x00\x00\x03",
                                                    b"\x00\x02\x00\x05\x7f\xff\xff\xff"), TREES, kind="trees"),
        Variant("photos-cut-jpeg", cut_photo, TREES, kind="trees"),
        Variant("photos-fake-jpeg", photo_files({"假.jpg": b"not a jpeg", "空.jpeg": b""}), TREES, kind="trees"),
        Variant("photos-empty-folder", empty_folder, TREES, kind="trees"),
        # confirmation packages
        Variant("package-signature-altered", package_edit(meta_set("signature", "0" * 64))),
        Variant("package-meta-altered", package_edit(meta_set("org_code", "DXGS"))),
        Variant("package-version-text", package_edit(meta_set("version", "第二版"))),
        Variant("package-registry-altered", package_edit(meta_set("registry_id", None))),
        Variant("package-format-altered", package_edit(meta_set("format", 3.5))),
        Variant("package-meta-sheet-deleted", package_edit(sheet_drop("META_SHEET"))),
        Variant("package-data-sheet-deleted", package_edit(sheet_drop("SHEET"))),
        Variant("package-rows-edited", package_edit(rows_edit)),
        Variant("package-header-edited", package_edit(header_edit)),
    ]
    return out
