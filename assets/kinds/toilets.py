"""公厕."""
from __future__ import annotations

from .base import AssetKind


class Toilets(AssetKind):
    pass
