"""Command-line verbs about the registry itself: init, demo, info, check, history."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from assets.check import check_registry
from assets.errors import RegistryExists
from assets.i18n import current_language
from assets.kinds import kind
from assets.registry import Registry

from .cli_support import TerminalProgress, emit_json, fail, friendly_errors, tr


def _epsg(text: str) -> int:
    text = str(text).strip().upper()
    if text.startswith("EPSG:"):
        text = text[5:]
    if not text.isdigit():
        raise click.BadParameter(tr("expected EPSG:<number>, e.g. EPSG:4550"))
    return int(text)


def registry_info(registry: Registry) -> dict:
    from pyproj import CRS, Transformer
    counts = registry.counts()
    extent = registry.extent()
    lonlat = None
    if extent:
        t = Transformer.from_crs(registry.crs, 4490, always_xy=True)
        (x0, x1), (y0, y1) = t.transform([extent[0], extent[2]], [extent[1], extent[3]])
        lonlat = [round(x0, 6), round(y0, 6), round(x1, 6), round(y1, 6)]
    return {
        "path": str(registry.path),
        "registry_id": registry.registry_id,
        "schema_version": registry.schema_version,
        "crs": f"EPSG:{registry.crs}",
        "crs_name": CRS.from_epsg(registry.crs).name,
        "region": registry.region,
        "code_scheme": registry.code_scheme,
        "kinds": {name: {"title": kind(name).title(), "count": n} for name, n in counts.items()},
        "total": sum(counts.values()),
        "extent": list(extent) if extent else None,
        "extent_lonlat": lonlat,
        "reference_layers": {name: registry.conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
                             for name in ("roads", "rivers", "subdistricts", "communities", "grids")},
        "organisations": len(registry.organisations()),
        "readonly": registry.readonly,
    }


def registry_commands(cli: click.Group) -> None:
    @cli.command()
    @click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
    @click.option("--crs", default="EPSG:4550", show_default=True, help="Working CRS (projected, metres).")
    @click.option("--region", default="210323", show_default=True, help="6-digit administrative code.")
    @click.option("--code-scheme", type=click.Choice(["legacy16", "gbt47678"]), default="legacy16",
                  show_default=True, help="Identifier scheme: 16-digit legacy or 17-digit 2026.")
    @friendly_errors
    def init(path, crs, region, code_scheme):
        """Create an empty registry.

        \b
        Example:
          xiucity init registry.gpkg --crs EPSG:4550 --region 210323
        """
        if not (region.isdigit() and len(region) == 6):
            fail(tr("The region must be a 6-digit administrative code, e.g. 210323."))
        with Registry.create(path, crs=_epsg(crs), region=region, code_scheme=code_scheme):
            pass
        click.echo(tr("Created registry {path}", path=path))

    @cli.command()
    @click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
    @click.option("--size", default="county", show_default=True,
                  help="small (~2k assets), county (~20k) or a number of assets.")
    @click.option("--seed", type=int, default=None, help="Random seed (same seed, same town).")
    @click.option("--crs", default="EPSG:4550", show_default=True)
    @click.option("--force", is_flag=True, help="Replace the file if it exists.")
    @friendly_errors
    def demo(path, size, seed, crs, force):
        """Create the demo town: a plausible 岫岩 county town with all six kinds of assets.

        \b
        Example:
          xiucity demo demo.gpkg --size small
        """
        from assets.demo_town import build_demo, target_count
        try:
            target_count(size)
        except ValueError:
            fail(tr("Unknown size {size}: use small, county or a number.", size=size))
        if path.exists() and not force:
            raise RegistryExists(path=str(path))
        progress = TerminalProgress(tr("Building the demo town"))
        size_value = int(size) if str(size).isdigit() else size
        with build_demo(path, size_value, seed, crs=_epsg(crs), overwrite=force, progress=progress) as reg:
            progress.close()
            total = sum(reg.counts().values())
        click.echo(tr("Created the demo town in {path}: {n} assets", path=path, n=total))

    @cli.command()
    @click.argument("path", type=click.Path(path_type=Path))
    @click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
    @friendly_errors
    def info(path, as_json):
        """Kinds with counts, CRS, extent and schema version of a registry.

        \b
        Example:
          xiucity info demo.gpkg --json
        """
        with Registry.open(path, readonly=True) as reg:
            data = registry_info(reg)
        if as_json:
            emit_json(data)
            return
        click.echo(f"{tr('Registry')}: {data['path']}")
        click.echo(f"{tr('CRS')}: {data['crs']} ({data['crs_name']})")
        click.echo(f"{tr('Region')}: {data['region']}   {tr('Identifier scheme')}: {data['code_scheme']}   "
                   f"{tr('Schema version')}: {data['schema_version']}")
        for name, entry in data["kinds"].items():
            click.echo(f"  {entry['title']:<8}{entry['count']:>10}")
        click.echo(f"  {tr('Total'):<8}{data['total']:>10}")
        if data["extent"]:
            x0, y0, x1, y1 = data["extent"]
            click.echo(f"{tr('Extent')}: {x0:.1f}, {y0:.1f} — {x1:.1f}, {y1:.1f}")

    @cli.command()
    @click.argument("path", type=click.Path(path_type=Path))
    @click.option("--quick", is_flag=True, help="SQLite quick_check instead of the full integrity check.")
    @click.option("--json", "as_json", is_flag=True)
    @friendly_errors
    def check(path, quick, as_json):
        """Check a registry: SQLite integrity, GeoPackage structure, spatial index, identifiers.
        Exits non-zero when anything is wrong.

        \b
        Example:
          xiucity check demo.gpkg
        """
        with Registry.open(path, readonly=True) as reg:
            findings = check_registry(reg, full=not quick)
        bad = [f for f in findings if not f.ok]
        if as_json:
            emit_json({"ok": not bad, "findings": [f.to_dict() for f in findings]})
        else:
            for f in findings:
                click.echo(f"{'✓' if f.ok else '✗'} {f.message()}")
            click.echo(tr("All checks passed.") if not bad else tr("{n} problems found.", n=len(bad)))
        sys.exit(1 if bad else 0)

    @cli.command()
    @click.argument("path", type=click.Path(path_type=Path))
    @click.argument("code")
    @click.option("--json", "as_json", is_flag=True)
    @friendly_errors
    def history(path, code, as_json):
        """The change history of one asset, by identifier or UUID.

        \b
        Example:
          xiucity history demo.gpkg 2103230118000001
        """
        with Registry.open(path, readonly=True) as reg:
            entries = reg.history(code)
        if as_json:
            emit_json(entries)
            return
        for e in entries:
            change = e["after"] if e["after"] is not None else e["before"]
            click.echo(f"{e['at']}  {e['who'] or '-'}  {e['action']}  {_summary(change)}")

    del init, demo, info, check, history


def _summary(change) -> str:
    if not isinstance(change, dict):
        return ""
    skip = {"mounts", "uuid", "fid"}
    items = [f"{k}={v}" for k, v in change.items() if k not in skip and v not in (None, "")]
    text = ", ".join(items)
    return text if len(text) < 160 else text[:157] + "…"


_ = current_language
