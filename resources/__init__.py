"""Data only: vocabularies, rules, profiles, translations, the demo town's definition.

This file exists so the folder installs as package data; it holds no logic beyond
telling where the data is.
"""
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def path(*parts: str) -> Path:
    """The path of a resource file, e.g. ``path("kinds", "poles.toml")``."""
    return ROOT.joinpath(*parts)
