"""What a left-button click or drag on the map does."""
from __future__ import annotations

from enum import Enum


class MapTool(str, Enum):
    """Map tool modes. Shift+drag selects a rectangle in every mode."""

    PAN = "pan"              # drag pans; click reports a position
    SELECT = "select"        # click picks one asset, drag selects a rectangle
    IDENTIFY = "identify"    # click picks one asset to show its attributes
    ADD_POINT = "add_point"  # click adds a point there
    MOVE = "move"            # drag a selected point to move it; elsewhere drag pans
