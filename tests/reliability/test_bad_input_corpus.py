"""Every file in ../shared/data and every malformed variant from :mod:`corpus` goes through
every importer (ledger/vector import dry-run and committed, reference import, photo
attachment), the package receiver and ``xiucity import --dry-run``. Each ends in a correct
import or a clear, translatable XiuCityError: never another exception, never a hang (a
time limit per call), never a partial write (the registry file is byte-for-byte the same
after a failure) and never a write into the user's folder.

``XIUCITY_CORPUS_VARIANTS=25`` makes more random cuts and byte flips (the long run);
``XIUCITY_CORPUS_SECONDS`` changes the time limit per call."""
from __future__ import annotations

import faulthandler
import hashlib
import os
import re
import shutil
import signal
import sys
import traceback
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest
import shapely

import corpus
from assets.check import check_registry
from assets.errors import XiuCityError
from assets.kinds import KIND_NAMES
from assets.registry import Registry
from layers.sources.errors import LayerChoiceNeeded

ROOT = Path(__file__).resolve().parents[2]
CALL_SECONDS = float(os.environ.get("XIUCITY_CORPUS_SECONDS", "20"))


def _shared_files() -> list[Path]:
    for folder in (ROOT.parent / "shared" / "data", Path("/work/shared/data")):
        if folder.is_dir():
            return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.endswith(("-wal", "-shm", "-journal")))
    return []


SHARED = _shared_files()
# this suite judges exceptions raised inside libraries itself (see no_ignored_exceptions)
pytestmark = pytest.mark.qt_no_exception_capture
VARIANTS = corpus.variants()


class Hang(BaseException):
    """A call ran past its time limit (BaseException: ``except Exception`` in the code under
    test must not swallow it)."""


@contextmanager
def time_limit(seconds: float):
    """Interrupt Python code after ``seconds``; if a C library never returns to Python,
    faulthandler prints every thread's stack and ends the run instead of hanging CI."""
    if not hasattr(signal, "SIGALRM"):  # Windows: no alarm, no guard
        yield
        return

    def alarm(signum, frame):
        raise Hang(f"still running after {seconds:g} s")
    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    faulthandler.dump_traceback_later(seconds * 3, exit=True)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        faulthandler.cancel_dump_traceback_later()
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="session")
def marked_messages() -> set[str]:
    """Source strings marked for translation in the context "Errors" (what lupdate finds)."""
    sys.path.insert(0, str(ROOT / "tools"))
    import translations
    return {text for (context, text) in translations.extract(ROOT) if context == "Errors"}


@pytest.fixture(scope="session")
def corpus_master(small_demo_master, tmp_path_factory):
    """A registry with an open campaign, and the power company's package sent back."""
    from assets.campaigns import create_campaign
    from layers.confirmation_package import write_package
    from tests.confirmation_clerk import fill
    folder = tmp_path_factory.mktemp("corpus")
    path = Path(shutil.copy(small_demo_master, folder / "master.gpkg"))
    with Registry.open(path) as reg:
        campaign = create_campaign(reg, "坏输入", ["manholes"], ["GDGS"], "2099-12-31")
        info = write_package(reg, campaign.campaign_id, "GDGS", folder / "GDGS.xlsx", gpkg=False)
        xy = _free_spots(reg, 6)
        existing = reg.query("manholes", limit=1)[0].code
    returned = fill(info.path, folder / "GDGS_back.xlsx", lambda code: "是")
    return path, corpus.Context(xy=xy, existing_code=existing, package=returned)


def _free_spots(reg, n: int, spacing: float = 5.0) -> np.ndarray:
    rng = np.random.default_rng(3)
    area = reg.area()
    pts = [reg.points(k) for k in KIND_NAMES]
    tree = shapely.STRtree(shapely.points(np.concatenate([p["x"] for p in pts]), np.concatenate([p["y"] for p in pts])))
    x0, y0, x1, y1 = area.bounds
    out: list = []
    while len(out) < n:
        x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        p = shapely.Point(x, y)
        if area.contains(p) and not len(tree.query(p, predicate="dwithin", distance=spacing)) \
                and all(np.hypot(x - a, y - b) > spacing for a, b in out):
            out.append((round(x, 3), round(y, 3)))
    return np.array(out)


# -- what every call must end in ---------------------------------------------------------------
def _fingerprint(path: Path) -> str:
    h = hashlib.sha256()
    for part in (path, path.with_name(path.name + "-wal")):
        if part.exists():
            h.update(part.read_bytes())
    return h.hexdigest()


_SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")  # come and go while anyone (other test runs too) reads a GeoPackage


def _folder_state(path: Path) -> dict:
    folder = path if path.is_dir() else path.parent
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.endswith(_SQLITE_SIDE_FILES)}


def _assert_clear(error: XiuCityError, marked: set[str], where: str) -> None:
    placeholders = re.findall(r"\{\w+\}", type(error).text)
    for language in ("en", None):
        text = error.message(language)
        assert text.strip(), f"{where}: empty message from {type(error).__name__}"
        assert "Traceback" not in text and len(text) < 1500, f"{where}: {text!r}"
        assert not [p for p in placeholders if p in text], f"{where}: placeholders left in {text!r}"
    assert type(error).text in marked, f"{where}: {type(error).__name__}'s text is not marked for translation"


C_CALLBACK = "<a callback from C, no Python frames>"


@contextmanager
def no_ignored_exceptions(where: str):
    """Fail on "Exception ignored in ..." (an exception in a callback, e.g. fiona's GDAL error
    handler decoding a message): it is a crash the library swallowed, sometimes the last
    thing printed before a segmentation fault."""
    ignored = []
    previous = sys.unraisablehook, sys.excepthook

    def note(exc_type, exc_value, where_):
        if issubclass(exc_type, UnicodeDecodeError) and ("fiona" in where_ or where_ == C_CALLBACK):
            # fiona 1.10 decodes GDAL's messages strictly; GDAL cuts a quoted snippet of a
            # damaged file at a byte count, mid-character in Chinese text. Only noise on
            # stderr once the file was refused (the reader still raises SourceDamaged);
            # layers.sources.gdal_guard keeps the case that crashed (a GeoPackage) from GDAL.
            return
        ignored.append(f"{exc_type.__name__}: {exc_value} in {where_}")
    sys.unraisablehook = lambda u: note(u.exc_type, u.exc_value, f"{u.err_msg or ''} {u.object!r}")
    sys.excepthook = lambda exc_type, value, tb: note(exc_type, value, "".join(traceback.format_tb(tb)) or C_CALLBACK)
    try:
        yield
    finally:
        sys.unraisablehook, sys.excepthook = previous
        if ignored:
            pytest.fail(f"{where}: exceptions ignored inside a library: {ignored[:3]}")


def _outcome(call, where: str, marked: set[str]):
    """The call's result, or the XiuCityError it raised; anything else fails the test."""
    try:
        with no_ignored_exceptions(where), time_limit(CALL_SECONDS):
            return call()
    except XiuCityError as error:
        _assert_clear(error, marked, where)
        return error
    except Hang as hang:
        pytest.fail(f"{where}: hang ({hang})\n{traceback.format_exc()}")
    except Exception:  # the very thing this suite exists to catch
        pytest.fail(f"{where}: crashed instead of a clear message\n{traceback.format_exc()}")


def _entry_points(source: Path, options: dict, kind: str):
    """(name, call(reg), writes) for every importer and the package receiver."""
    from layers.importer import import_file
    from layers.package_receipt import receive_package
    from layers.photo_store import attach_photos
    from layers.reference_import import import_reference
    from layers.sources import list_layers
    yield "list layers", lambda reg: list_layers(source), False  # the import wizard's first look
    yield "import --dry-run", lambda reg: import_file(reg, source, kind=kind, dry_run=True, **options), False
    yield "import --dry-run, kinds from a column", lambda reg: import_file(reg, source, dry_run=True, **options), False
    yield "import", lambda reg: import_file(reg, source, kind=kind, allow_outside=True, **options), True
    yield "reference import", lambda reg: import_reference(
        reg, source, "roads", allow_outside=True, **{k: v for k, v in options.items() if k in ("crs", "encoding")}), True
    yield "attach photos", lambda reg: attach_photos(reg, source, crs=options.get("crs")), True
    yield "receive package", lambda reg: receive_package(reg, source), True


def _run_everything(registry_path: Path, source: Path, options: dict, kind: str, marked: set[str]) -> dict:
    """{entry point: its result or the XiuCityError it raised}."""
    from layers.importer import import_file
    seen = _folder_state(source)
    outcomes = {}
    for name, call, writes in _entry_points(source, options, kind):
        before = _fingerprint(registry_path)
        with Registry.open(registry_path) as reg:
            counts = reg.counts()
            result = _outcome(lambda: call(reg), f"{name} {source.name}", marked)
            if isinstance(result, LayerChoiceNeeded) and name == "import --dry-run":
                for layer in result.layers:  # each layer of a multi-layer file, too
                    _outcome(lambda: import_file(reg, source, kind=kind, layer=layer, dry_run=True, **options),
                             f"{name} {source.name} layer {layer}", marked)
            failed = isinstance(result, XiuCityError)
            if not failed and writes:
                bad = [f.message("en") for f in check_registry(reg) if not f.ok]
                assert not bad, f"{name} {source.name} left the registry unsound: {bad}"
                if name == "import":
                    added = sum(reg.counts().values()) - sum(counts.values())
                    assert added == result.imported, f"{name} {source.name}: report says {result.imported}, {added} added"
        if failed or not writes or (hasattr(result, "dry_run") and result.dry_run):
            assert _fingerprint(registry_path) == before, f"{name} {source.name} changed the registry and failed"
        outcomes[name] = result
    assert _folder_state(source) == seen, f"{source} was changed by reading it"
    return outcomes


def _cli_dry_run(registry_path: Path, source: Path, options: dict, kind: str) -> None:
    from click.testing import CliRunner
    from desktop.cli import cli
    args = ["import", str(registry_path), str(source), "--kind", kind, "--dry-run"]
    for key in ("crs", "encoding", "subtype"):
        if key in options:
            args += [f"--{key}", options[key]]
    with time_limit(CALL_SECONDS):
        result = CliRunner().invoke(cli, args)
    assert result.exit_code in (0, 1), (result.exit_code, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output, result.output
    assert result.exit_code == 0 or result.output.strip(), "the command failed without saying why"


@pytest.mark.parametrize("source", SHARED, ids=[p.relative_to(p.parents[1]).as_posix() for p in SHARED])
def test_shared_data_file(source, corpus_master, marked_messages, tmp_path):
    registry = Path(shutil.copy(corpus_master[0], tmp_path / "registry.gpkg"))
    _run_everything(registry, source, {}, "manholes", marked_messages)
    _cli_dry_run(registry, source, {}, "manholes")


@pytest.mark.parametrize("variant", VARIANTS, ids=[v.name for v in VARIANTS])
def test_generated_variant(variant, corpus_master, marked_messages, tmp_path):
    master, context = corpus_master
    registry = Path(shutil.copy(master, tmp_path / "registry.gpkg"))
    folder = tmp_path / "交付"
    folder.mkdir()
    source = variant.make(folder, context)
    outcomes = _run_everything(registry, source, variant.options, variant.kind, marked_messages)
    _cli_dry_run(registry, source, variant.options, variant.kind)
    if variant.name == "good-package":  # the bases themselves must go in whole
        assert outcomes["receive package"].rows > 0 and not outcomes["receive package"].problems, outcomes
    elif variant.name.startswith("good-"):
        report = outcomes["import"]
        assert report.imported == report.read > 0, {k: str(v) for k, v in outcomes.items()}
