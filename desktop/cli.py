"""The command line: a thin shell over the registry's functions.

Every verb has an example in its help; ``--json`` gives output for scripts. Qt is only
imported by the verbs that open a window, so the command line works on a server."""
from __future__ import annotations

import os
import sys

import click

from assets.i18n import set_language

from .cli_confirm import confirm_commands
from .cli_export import export_commands
from .cli_gui import gui_commands
from .cli_import import import_commands
from .cli_plan import plan_commands
from .cli_registry import registry_commands


def _set_language(ctx, param, value):
    if value:
        set_language("en" if value.lower().startswith("en") else "zh_CN")
    return value


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--lang", callback=_set_language, expose_value=False, is_eager=True,
              help="Interface language: zh_CN (default) or en.")
@click.option("--demo", is_flag=True, help="Open the demo town (created on first use).")
@click.option("--selftest", is_flag=True, help="Check this installation and print a report.")
@click.version_option(package_name="xiucity")
@click.pass_context
def cli(ctx, demo, selftest):
    """XiuCity (绣城): the county's street-asset registry.

    \b
    Examples:
      xiucity demo town.gpkg --size small
      xiucity info town.gpkg --json
      xiucity --demo
    """
    if ctx.invoked_subcommand is not None:
        return
    if selftest:
        from .selftest import run_selftest
        sys.exit(run_selftest())
    from .launch import launch
    sys.exit(launch(demo=demo))


registry_commands(cli)
plan_commands(cli)
confirm_commands(cli)
export_commands(cli)
gui_commands(cli)
import_commands(cli)


def main() -> None:
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    cli(prog_name="xiucity")


if __name__ == "__main__":
    main()
