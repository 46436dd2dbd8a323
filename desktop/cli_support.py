"""What every command-line verb shares: messages in the user's language, a terminal
progress bar, one-line errors instead of tracebacks."""
from __future__ import annotations

import functools
import json
import sqlite3
import sys

import click

from assets.errors import XiuCityError
from assets.i18n import translate


def tr(text: str, **values) -> str:
    return translate("CLI", text, **values)


def fail(message: str, code: int = 1):
    click.echo(f"{tr('Error')}: {message}", err=True)
    sys.exit(code)


def friendly_errors(func):
    """Turn every error a user can meet into one line and a non-zero exit."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except XiuCityError as error:
            fail(str(error))
        except sqlite3.DatabaseError as error:
            fail(tr("The registry could not be read: {detail}", detail=error))
        except OSError as error:
            fail(tr("File error: {detail}", detail=error))
        except KeyboardInterrupt:
            fail(tr("Interrupted."), 130)
    return wrapper


def emit_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


class TerminalProgress:
    """The core's Progress protocol as a click progress bar on stderr."""

    def __init__(self, label: str, enabled: bool = True):
        self.label = label
        self.enabled = enabled and sys.stderr.isatty()
        self.bar = None
        self.done = 0

    def set_total(self, total):
        if self.enabled and total and self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()

    def advance(self, done, message=None):
        if self.bar is not None and done > self.done:
            self.bar.update(done - self.done)
        self.done = done

    def cancelled(self) -> bool:
        return False

    def close(self):
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
