"""Loading and validating a case: the single door through which case data enters docgen."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from marshmallow import ValidationError

from docgen.case.schema import CaseSchema
from docgen.case.warnings import legal_warnings

__all__ = ["Case", "CaseInvalid", "load_case", "CaseSchema"]


@dataclass(frozen=True)
class Case:
    """A validated case: `data` is what the schema loaded, `warnings` what a lawyer should see."""

    data: dict[str, Any]
    warnings: list[dict[str, str]] = field(default_factory=list)


class CaseInvalid(Exception):
    """The case cannot be used; `errors` maps each field's path to what is wrong with it."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(f"{len(errors)} field(s) invalid")
        self.errors = errors


def load_case(data: Any) -> Case:
    """Validates raw case data (as parsed from JSON); raises CaseInvalid listing the problems.

    Every field error is listed at once; the rules across fields (dates in order, references)
    run once the fields themselves are valid, since they cannot compare values that are not.
    """
    if not isinstance(data, dict):
        raise CaseInvalid({"case": ["Must be a JSON object holding the case."]})
    try:
        loaded = CaseSchema().load(data)
    except ValidationError as error:
        raise CaseInvalid(flatten(error.messages)) from None
    return Case(loaded, legal_warnings(loaded))


def flatten(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """Turns marshmallow's nested messages into {"complainants.0.birth_date": ["..."]}."""
    if isinstance(messages, list) and all(isinstance(item, str) for item in messages):
        return {prefix or "case": list(messages)}
    if isinstance(messages, str):
        return {prefix or "case": [messages]}
    flat: dict[str, list[str]] = {}
    items = messages.items() if isinstance(messages, dict) else enumerate(messages)
    for key, value in items:
        path = prefix if key == "_schema" else ".".join(filter(None, (prefix, str(key))))
        for sub_path, texts in flatten(value, path).items():
            flat.setdefault(sub_path, []).extend(texts)
    return flat
