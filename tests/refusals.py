"""How the case tests read a refusal: the errors load_case gives, and a refusal of one field."""

from __future__ import annotations

import pytest

from docgen.case import CaseInvalid, load_case


def errors_of(data) -> dict[str, list[str]]:
    with pytest.raises(CaseInvalid) as raised:
        load_case(data)
    return raised.value.errors


def assert_only_error(data, path: str, message: str) -> None:
    """The case is refused for one field only, ``path``, with ``message`` among its messages."""
    errors = errors_of(data)
    assert list(errors) == [path], errors
    assert any(message in text for text in errors[path]), errors[path]
