"""Component identifiers (标识码).

Legacy scheme (GB/T 30428.2, default): 6-digit administrative code + 2-digit major class +
2-digit minor class + 6-digit serial = 16 digits, e.g. ``2103230101000001``.
The 2026 scheme (GB/T 47678.5-2026, (check)): 6 + 2 + 3 + 6 = 17 digits, with 5-digit type
codes; its code table was not found, so the 3-digit minor code is the 2-digit one with a
leading zero until the county supplies the table (``resources/code_schemes.toml``).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

import resources

from .errors import XiuCityError
from .i18n import QT_TRANSLATE_NOOP


class CodeError(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "Identifier {code} is not valid: {reason}")


class SerialsExhausted(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "No serial numbers left for prefix {prefix}.")


@dataclass(frozen=True)
class CodeScheme:
    name: str
    label: str
    minor_digits: int
    serial_digits: int
    type_map: dict

    @property
    def length(self) -> int:
        return 6 + 2 + self.minor_digits + self.serial_digits

    def type_code(self, subtype: str) -> str:
        """The class part of an identifier for a 4-digit subtype code."""
        if subtype in self.type_map:
            return self.type_map[subtype]
        major, minor = subtype[:2], subtype[2:]
        return major + minor.rjust(self.minor_digits, "0")

    def prefix(self, region: str, subtype: str) -> str:
        return region + self.type_code(subtype)

    def make(self, prefix: str, serial: int) -> str:
        if serial >= 10 ** self.serial_digits:
            raise SerialsExhausted(prefix=prefix)
        return prefix + str(serial).rjust(self.serial_digits, "0")

    def split(self, code: str) -> tuple[str, int]:
        """(prefix, serial) of a well-formed code; raises CodeError otherwise."""
        if not re.fullmatch(r"[0-9]+", code or ""):
            raise CodeError(code=code, reason=QT_TRANSLATE_NOOP("Errors", "digits only"))
        if len(code) != self.length:
            raise CodeError(code=code, reason=f"{len(code)} ≠ {self.length}")
        cut = self.length - self.serial_digits
        return code[:cut], int(code[cut:])


@lru_cache(maxsize=1)
def schemes() -> dict[str, CodeScheme]:
    with open(resources.path("code_schemes.toml"), "rb") as f:
        data = tomllib.load(f)
    return {
        name: CodeScheme(name, spec["label"], spec["minor_digits"], spec["serial_digits"], spec.get("type_map", {}))
        for name, spec in data.items()
    }


def scheme(name: str) -> CodeScheme:
    try:
        return schemes()[name]
    except KeyError:
        raise CodeError(code=name, reason=QT_TRANSLATE_NOOP("Errors", "unknown identifier scheme")) from None
