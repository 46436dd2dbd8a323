"""The ``gui`` verb: open a registry in the window, or render it once to a PNG."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli_support import fail, friendly_errors, tr


def gui_commands(cli: click.Group) -> None:
    @cli.command()
    @click.argument("path", type=click.Path(path_type=Path))
    @click.option("--screenshot", type=click.Path(dir_okay=False, path_type=Path),
                  help="Render the main window once to this PNG and exit.")
    @click.option("--size", default="1600x1000", show_default=True, help="Window size for --screenshot.")
    @friendly_errors
    def gui(path, screenshot, size):
        """Open a registry in the XiuCity window.

        \b
        Examples:
          xiucity gui demo.gpkg
          xiucity gui demo.gpkg --screenshot shot.png --size 1600x1000
        """
        try:
            w, h = (int(v) for v in size.lower().split("x"))
        except ValueError:
            fail(tr("The size must look like 1600x1000."))
        from assets.registry import Registry
        Registry.open(path, readonly=True).close()  # a clear error before any window appears
        from .launch import launch
        sys.exit(launch(path=path, screenshot=screenshot, size=(w, h)))

    del gui
