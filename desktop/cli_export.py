"""Command-line verbs for exporting layers to other departments: ``export`` and ``profiles``."""
from __future__ import annotations

from pathlib import Path

import click

from assets.kinds import KIND_NAMES
from assets.registry import Registry
from layers.export import FORMATS
from layers.export.sidecar import SIDECAR_SUFFIX

from .cli_support import TerminalProgress, emit_json, fail, friendly_errors, tr
from .user_folders import profile_folder

_VALUES = ("both", "labels", "codes")


def profile_rows() -> list[dict]:
    """Every export profile with what a user picks it by; ``user`` marks the user's own
    copies (in :func:`desktop.user_folders.profile_folder`)."""
    from layers.export.profiles import builtin_dir, load_profiles
    builtin = builtin_dir().resolve()
    return [{"name": p.name, "title": p.title, "format": p.format, "crs": str(p.crs),
             "encoding": p.encoding or "UTF-8", "kinds": list(dict.fromkeys(layer.kind for layer in p.layers)),
             "layers": [layer.name for layer in p.layers], "description": p.description,
             "user": Path(p.path).resolve().parent != builtin, "file": str(p.path)}
            for p in load_profiles([profile_folder()]).values()]


def export_commands(cli: click.Group) -> None:
    @cli.command("export")
    @click.argument("path", type=click.Path(path_type=Path))
    @click.option("--profile", "profile", metavar="NAME", help="A department profile (see: xiucity profiles).")
    @click.option("--kind", "kinds", multiple=True, type=click.Choice(KIND_NAMES), help="Kind to export (repeatable).")
    @click.option("--format", "fmt", type=click.Choice(list(FORMATS)),
                  help="Output format; default: the profile's, else from the file name.")
    @click.option("-o", "--output", "output", required=True, type=click.Path(),
                  help="Output file, or an existing folder (the profile names the file).")
    @click.option("--crs", help="Target CRS: EPSG:4550, EPSG:4490, EPSG:4326, gcj02 ...")
    @click.option("--encoding", help="Shapefile: UTF-8 or GBK; CSV: UTF-8 (with BOM) or GBK.")
    @click.option("--where", "where", multiple=True, metavar="FIELD=VALUE",
                  help="Only assets where FIELD=VALUE (also !=, >=, <=, >, <, ~ for 'contains'); repeatable.")
    @click.option("--values", type=click.Choice(_VALUES), default=None,
                  help="Coded fields: both (codes and names, default), labels or codes.")
    @click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
    @friendly_errors
    def export(path, profile, kinds, fmt, output, crs, encoding, where, values, as_json):
        """Export layers for another department from the registry PATH.

        \b
        Examples:
          xiucity export town.gpkg --profile power_supply -o out/
          xiucity export town.gpkg --kind poles --kind boxes --format gpkg -o poles.gpkg
          xiucity export town.gpkg --kind manholes --where owner_code=GDGS --format csv -o gdgs.csv
        """
        from layers.registry_export import export_registry
        if bool(profile) == bool(kinds):
            fail(tr("Give either --profile NAME or one or more --kind."))
        progress = TerminalProgress(tr("Exporting"), enabled=not as_json)
        try:
            with Registry.open(path, readonly=True) as reg:
                result = export_registry(reg, profile=profile, kinds=list(kinds) or None, where=list(where),
                                         fmt=fmt, out_path=output, crs=crs, encoding=encoding, values=values,
                                         progress=progress, profile_dirs=[profile_folder()])
        finally:
            progress.close()
        data = {"format": result.format, "crs": result.crs, "encoding": result.encoding,
                "counts": result.counts, "total": result.total, "files": [str(p) for p in result.paths],
                "sidecar": str(result.sidecar) if result.sidecar else None}
        if as_json:
            emit_json(data)
            return
        # the file, or the folder of per-layer files: what the sidecar is named after
        main = str(result.sidecar)[:-len(SIDECAR_SUFFIX)] if result.sidecar else result.paths[0]
        click.echo(tr("Exported {n} assets to {path} ({format}, {crs})", n=result.total, path=main,
                      format=FORMATS[result.format].title, crs=result.crs))
        for name, n in result.counts.items():
            click.echo(f"  {name}: {n}")

    @cli.group("profiles", invoke_without_command=True)
    @click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
    @click.pass_context
    @friendly_errors
    def profiles(ctx, as_json):
        """List the department export profiles: name, title, format, CRS, encoding, kinds.
        Profiles marked * are your own copies.

        \b
        Examples:
          xiucity profiles --json
          xiucity profiles copy power_supply power_supply_2027
        """
        if ctx.invoked_subcommand is not None:
            return
        rows = profile_rows()
        if as_json:
            emit_json(rows)
            return
        for r in rows:
            mark = "*" if r["user"] else " "
            click.echo(f"{mark}{r['name']:<28} {r['title']:<16} {r['format']:<8} {r['crs']:<10} {r['encoding']:<6} "
                       f"{', '.join(r['kinds'])}")

    @profiles.command("copy")
    @click.argument("name")
    @click.argument("new_name")
    @friendly_errors
    def copy(name, new_name):
        """Copy profile NAME to your own profile NEW_NAME, to edit in a text editor; it is
        then offered beside the built-in ones (the same name replaces a built-in one).

        \b
        Example:
          xiucity profiles copy power_supply power_supply_2027
        """
        from layers.export.profiles import copy_profile
        path = copy_profile(name, new_name, profile_folder(), [profile_folder()])
        click.echo(tr("Copied to {path}; edit it, then export with --profile {name}", path=path, name=new_name))
