"""The decision an appeal letter challenges, which the letter's template and its needs both read."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from docgen.case.schema import REFUSALS


def decision_appealed(data: Mapping[str, Any]) -> dict | None:
    """The step the appeal letter challenges: the one named, or else the latest refusal."""
    steps = data["procedural_history"]
    if data["appeal"]["decision"]:
        return next(step for step in steps if step["id"] == data["appeal"]["decision"])
    refusals = [step for step in steps if step["outcome"] in REFUSALS]
    return refusals[-1] if refusals else None
