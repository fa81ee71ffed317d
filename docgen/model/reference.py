"""The reference data the templates draw on, kept in files beside them in templates/: the
authorities they cite, where filings are sent, and the profiles of respondent States."""

from __future__ import annotations

import json
import tomllib
from functools import cache

from docgen.paths import TEMPLATES_DIR


@cache
def authorities() -> dict[str, dict]:
    """The sources the templates themselves cite (the Convention, General Comment No 4...)."""
    items = json.loads((TEMPLATES_DIR / "authorities.json").read_text(encoding="utf-8"))
    return {item["id"]: item for item in items}


@cache
def committee() -> dict:
    """Where complaints to the Committee against Torture are sent."""
    return tomllib.loads((TEMPLATES_DIR / "committee.toml").read_text(encoding="utf-8"))


@cache
def jurisdiction(state: str) -> dict | None:
    """The profile of the respondent State's authorities and law, or None when docgen has none."""
    path = TEMPLATES_DIR / "jurisdictions" / f"{state}.toml"
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else None
