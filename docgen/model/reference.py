"""The reference data the templates draw on, kept in files beside them in templates/: where
filings are sent. The authorities they cite are in `authorities.py`; the profiles of respondent
States in `docgen.case.jurisdictions`, which the case's legal checks read too."""

from __future__ import annotations

import tomllib
from functools import cache

from docgen.paths import TEMPLATES_DIR


@cache
def committee() -> dict:
    """Where complaints to the Committee against Torture are sent."""
    return tomllib.loads((TEMPLATES_DIR / "committee.toml").read_text(encoding="utf-8"))

