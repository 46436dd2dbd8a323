"""The organisations a new registry starts with (owners, maintainers, departments)."""
from __future__ import annotations

import tomllib

import resources


def default_organisations() -> list[dict]:
    with open(resources.path("organisations.toml"), "rb") as f:
        return tomllib.load(f)["organisations"]
