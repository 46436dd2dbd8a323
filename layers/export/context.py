"""What every format writer receives besides the layers: where the output goes, the CRS,
the text encoding, options and progress."""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

from assets.progress import Progress, check_cancelled

from .errors import ExportWriteFailed
from .table import ExportLayer
from .target import Target


@dataclass
class WriteContext:
    target: Target
    encoding: str | None
    progress: Progress
    options: dict = field(default_factory=dict)
    done: int = 0

    def advance(self, n: int, message: str | None = None) -> None:
        """Count ``n`` more features written; stop here if the user cancelled."""
        self.done += n
        self.progress.advance(self.done, message)
        check_cancelled(self.progress)


def layer_paths(layers: list[ExportLayer], out_path: Path, extension: str) -> list[Path]:
    """File per layer for one-layer-per-file formats: the given path for a single layer,
    else a folder named like the path holding ``<layer name>.<ext>`` files."""
    if len(layers) == 1:
        return [with_extension(out_path, extension)]
    folder = out_path.with_suffix("") if out_path.suffix.lower() == "." + extension else out_path
    make_folder(folder)
    return [folder / f"{layer.name}.{extension}" for layer in layers]


def with_extension(path: Path, extension: str) -> Path:
    return path if path.suffix.lower() == "." + extension else path.with_name(path.name + "." + extension)


def make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportWriteFailed(path=str(folder), detail=exc.strerror or str(exc)) from None


def remove_existing(path: Path) -> None:
    """Writers replace an existing file (the caller has already asked the user)."""
    try:
        if path.exists():
            path.unlink()
    except OSError as exc:
        raise ExportWriteFailed(path=str(path), detail=exc.strerror or str(exc)) from None


@dataclass(frozen=True)
class Writer:
    """One export format: how to write it and what it can carry.

    ``default_crs`` None means the layers' own CRS; ``one_file`` formats hold all layers
    in one file, the others write one file per layer (a folder when there are several)."""

    name: str
    title: str
    extension: str
    write: str               # "module:function" in this package; imported when first used so
                             # importing layers.export does not load ezdxf, openpyxl and fiona
    one_file: bool
    default_crs: int | None = None
    encodings: tuple[str, ...] = ("UTF-8",)
    gcj02: bool = False
    geographic_only: bool = False
    projected_only: bool = False
    copies_sqlite: bool = False   # copies layers with a SqliteSource inside SQLite (table.py)

    def writer(self):
        """The function ``(layers, out_path, ctx) -> list[Path]`` that writes this format."""
        module, function = self.write.split(":")
        return getattr(importlib.import_module(f"{__package__}.{module}"), function)

    def output_path(self, out_path: Path, layers: list[ExportLayer]) -> Path:
        """Where the sidecar is named after: the file, or the folder of per-layer files."""
        if self.one_file or len(layers) == 1:
            return with_extension(out_path, self.extension)
        return out_path.with_suffix("") if out_path.suffix.lower() == "." + self.extension else out_path
