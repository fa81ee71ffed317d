"""The reference data the templates draw on, kept in files beside them in templates/: where
filings are sent (the Committee, the European Court). The authorities they cite are in
`authorities.py`; the profiles of respondent States in `docgen.case.jurisdictions`, which the
case's legal checks read too."""

from __future__ import annotations

import tomllib
from functools import cache

from docgen.paths import TEMPLATES_DIR


@cache
def committee() -> dict:
    """Where complaints to the Committee against Torture are sent."""
    return tomllib.loads((TEMPLATES_DIR / "committee.toml").read_text(encoding="utf-8"))


@cache
def court() -> dict:
    """How requests for interim measures reach the European Court of Human Rights."""
    return tomllib.loads((TEMPLATES_DIR / "echr.toml").read_text(encoding="utf-8"))
