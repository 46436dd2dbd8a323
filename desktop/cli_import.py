"""``xiucity import``: bring what surveyors and utilities deliver into the registry, and
``xiucity import-report``: the reports kept with the registry. A thin shell over
:mod:`layers.importer`, :mod:`layers.reference_import` and :mod:`layers.photo_store`."""
from __future__ import annotations

from pathlib import Path

import click

from assets.errors import XiuCityError
from assets.i18n import QT_TRANSLATE_NOOP
from assets.import_report import list_reports, load_report
from assets.registry import Registry
from assets.staging import ON_DUPLICATE

from .cli_support import TerminalProgress, emit_json, friendly_errors, tr

# rows refused for these reasons were left out by the user's choice, not for a fault
_BY_CHOICE = {"duplicate_position", "duplicate_code", "duplicate_in_file", "unchanged"}
_SHOWN_FINDINGS = 20


class NothingImported(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "Nothing was imported: {summary}")


def _print_report(report, as_json: bool) -> None:
    if as_json:
        emit_json(report.to_dict())
        return
    for warning in report.warnings:
        click.echo(f"! {warning}")
    findings = report.findings
    for item in findings[:_SHOWN_FINDINGS]:
        click.echo(f"  {item['message']}")
    if len(findings) > _SHOWN_FINDINGS:
        click.echo("  " + tr("… and {n} more findings (export the report with --report FILE).",
                             n=len(findings) - _SHOWN_FINDINGS))
    prefix = tr("Dry run, nothing written") + ": " if report.dry_run else ""
    click.echo(prefix + report.summary())


def _failed(report) -> bool:
    """Nothing taken although rows were refused for faults: a failed import."""
    if report.imported or report.updated or not report.read:
        return False
    return any(item["blocking"] and item["reason"] not in _BY_CHOICE for item in report.findings)


def import_commands(cli: click.Group) -> None:
    @cli.command("import")
    @click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
    @click.argument("source", type=click.Path(path_type=Path))
    @click.option("--layer", help="Layer, sheet or zip entry to read when the file holds several.")
    @click.option("--kind", help="manholes, poles, boxes, billboards, toilets, trees (or 检查井, 杆件 …); "
                                 "roads, subdistricts, communities, grids, rivers replace a reference layer. "
                                 "Without it, a column naming each row's kind is used.")
    @click.option("--template", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                  help="A saved mapping template (TOML or JSON).")
    @click.option("--crs", help="Coordinate system of the file: EPSG:n or gcj02 (高德/腾讯 picks).")
    @click.option("--encoding", help="Text encoding of the file, e.g. GBK.")
    @click.option("--on-duplicate", type=click.Choice(ON_DUPLICATE), default="skip", show_default=True,
                  help="Rows that repeat an asset (already in the registry, or an earlier row of the file): skip them, update the first, or insert anyway.")
    @click.option("--subtype", help="Subtype for rows that give none (e.g. 0402 for street trees).")
    @click.option("--allow-outside", is_flag=True, help="Also take rows outside the registry's area.")
    @click.option("--attach-photos", is_flag=True,
                  help="SOURCE is a folder of geotagged photos: attach each to the nearest asset.")
    @click.option("--within", type=float, default=None, help="Distance in metres for --attach-photos (default 15).")
    @click.option("--dry-run", is_flag=True, help="Check everything and report; write nothing.")
    @click.option("--report", "report_out", type=click.Path(dir_okay=False, path_type=Path),
                  help="Also write the report here (.json, or .csv for Excel).")
    @click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
    @friendly_errors
    def import_(path, source, layer, kind, template, crs, encoding, on_duplicate, subtype, allow_outside,
                attach_photos, within, dry_run, report_out, as_json):
        """Import a delivered file (CSV/Excel ledger, Shapefile, GeoPackage, GeoJSON, KML,
        DXF, zip) or a folder of geotagged photos into the registry. Rows are checked first
        (position, area, values, identifiers, duplicates); the import is one transaction
        and its report is kept with the registry.

        \b
        Examples:
          xiucity import town.gpkg 井盖台账.xlsx --kind 检查井 --dry-run
          xiucity import town.gpkg points.csv --kind manholes --crs gcj02 --on-duplicate update
          xiucity import town.gpkg 街道.shp --kind subdistricts --encoding GBK
          xiucity import town.gpkg photos/ --kind trees --subtype 0402
          xiucity import town.gpkg photos/ --attach-photos --within 15
        """
        from layers.importer import import_file
        from layers.photo_store import attach_photos as attach_to_assets
        from layers.reference_import import REFERENCE_KINDS, import_reference
        progress = TerminalProgress(tr("Importing"), enabled=not as_json)
        with Registry.open(path) as reg:
            try:
                if attach_photos:
                    report = attach_to_assets(reg, source, kind=kind, within=within, crs=crs, dry_run=dry_run,
                                           progress=progress)
                elif kind in REFERENCE_KINDS:
                    report = import_reference(reg, source, kind, layer=layer, crs=crs, encoding=encoding,
                                              allow_outside=allow_outside, dry_run=dry_run, progress=progress)
                else:
                    report = import_file(reg, source, kind=kind, layer=layer, template=template, crs=crs,
                                         encoding=encoding, on_duplicate=on_duplicate, subtype=subtype,
                                         allow_outside=allow_outside, dry_run=dry_run, progress=progress)
            finally:
                progress.close()
        if report_out:
            report.write(report_out)
        _print_report(report, as_json)
        if _failed(report):  # the report is out (stdout); the one-line reason goes to stderr
            raise NothingImported(summary=report.summary())

    @cli.command("import-report")
    @click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
    @click.argument("ref", required=False)
    @click.option("--output", type=click.Path(dir_okay=False, path_type=Path),
                  help="Write the report here (.json, or .csv with a BOM for Excel).")
    @click.option("--json", "as_json", is_flag=True)
    @friendly_errors
    def import_report(path, ref, output, as_json):
        """List the import reports kept in a registry, or show/export one (by id or "last").

        \b
        Examples:
          xiucity import-report town.gpkg
          xiucity import-report town.gpkg last --output 导入报告.csv
        """
        with Registry.open(path, readonly=True) as reg:
            if ref is None and output is None:
                reports = list_reports(reg)
                if as_json:
                    emit_json(reports)
                    return
                if not reports:
                    click.echo(tr("No import reports yet."))
                for r in reports:
                    click.echo(f"{r['report_id'][:8]}  {r['at']}  {r['who'] or '-'}  {r['source']}  "
                               f"{r['read']}/{r['imported']}/{r['updated']}/{r['skipped']}")
                return
            report = load_report(reg, ref or "last")
        if output:
            report.write(output)
            click.echo(tr("Report written to {path}", path=output))
            return
        _print_report(report, as_json)

    del import_, import_report


