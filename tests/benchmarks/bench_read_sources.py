"""How long reading a delivered ledger or layer takes (run on demand, not collected):

    /work/venv/bin/python tests/benchmarks/bench_read_sources.py [rows]
"""
import sys
import tempfile
import time
from pathlib import Path

import fiona
import numpy as np
from shapely.geometry import Point, mapping

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from layers.sources import read_source  # noqa: E402


def main(n: int = 100_000) -> None:
    rng = np.random.default_rng(1)
    e = 500_000 + rng.uniform(0, 10_000, n)
    north = 4_460_000 + rng.uniform(0, 10_000, n)
    with tempfile.TemporaryDirectory() as folder:
        csv_path = Path(folder) / "井盖.csv"
        with open(csv_path, "w", encoding="utf-8-sig") as f:
            f.write("编号,井盖标识,权属单位,X坐标,Y坐标\n")
            for i in range(n):
                f.write(f"JG{i:06d},电力,县供电公司,{north[i]:.3f},{e[i]:.3f}\n")
        gpkg = Path(folder) / "井盖.gpkg"
        schema = {"geometry": "Point", "properties": {"编号": "str", "权属单位": "str"}}
        with fiona.open(gpkg, "w", driver="GPKG", schema=schema, crs="EPSG:4550") as c:
            c.writerecords({"geometry": mapping(Point(e[i], north[i])),
                            "properties": {"编号": f"JG{i:06d}", "权属单位": "县供电公司"}} for i in range(n))
        for path in (csv_path, gpkg):
            t0 = time.perf_counter()
            table = read_source(path)
            print(f"{path.suffix}: {n} rows in {time.perf_counter() - t0:.2f} s (swapped={table.xy_swapped})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
