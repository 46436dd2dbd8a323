"""Run the benchmarks on demand and print figures beside anchors measured in the same run.

    python tests/benchmarks/run.py [--sizes 100000,1000000] [--only NAME] --json OUT [--markdown REPORT.md]

Each ``bench_<name>.py`` beside this file offers ``run(sizes, workdir) -> list[record]``.
"""
from __future__ import annotations

import argparse
import importlib
import json
import platform
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

from records import markdown, table  # noqa: E402


def machine() -> dict:
    return {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
            "when": time.strftime("%Y-%m-%d %H:%M:%S")}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000,1000000", help="comma-separated feature counts")
    parser.add_argument("--only", action="append", help="run only these benchmarks (e.g. registry)")
    parser.add_argument("--json", dest="json_out", help="write the records as JSON here")
    parser.add_argument("--markdown", dest="md_out", help="write the report as a Markdown table here")
    parser.add_argument("--workdir", help="keep the files made here (default: a temporary folder)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    # every bench_<name>.py that offers run(); the others are standalone scripts
    names = args.only or sorted(p.stem[len("bench_"):] for p in HERE.glob("bench_*.py")
                                if "\ndef run(" in p.read_text(encoding="utf-8"))
    workdir = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="xiucity-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    records = []
    for name in names:
        module = importlib.import_module(f"bench_{name}")
        print(f"== {name} ({', '.join(map(str, sizes))})", file=sys.stderr, flush=True)
        records.extend(module.run(sizes, workdir))
    print(table(records))
    info = machine()
    if args.json_out:
        Path(args.json_out).write_text(json.dumps({"machine": info, "records": records}, ensure_ascii=False,
                                                  indent=2), encoding="utf-8")
    if args.md_out:
        Path(args.md_out).write_text(markdown(records, info), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
