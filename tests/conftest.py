"""Fixtures shared by the test modules: the case files in fixtures/ and a way to change one field.

Each case fixture is a fresh deep copy, so a test may change it freely without touching another.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


@cache
def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """The folder `fixtures/` at the top of the repository."""
    return FIXTURES


@pytest.fixture
def load_fixture():
    """load_fixture("cases/minimal.json"): a fresh copy of the JSON of a file under fixtures/."""
    return lambda relative: copy.deepcopy(_read_json(FIXTURES / relative))


@pytest.fixture
def rustam(load_fixture) -> dict:
    """The complete example case (fixtures/cases/rustam-norway.json), valid, yours to change."""
    return load_fixture("cases/rustam-norway.json")


@pytest.fixture
def minimal(load_fixture) -> dict:
    """The least a valid case needs (fixtures/cases/minimal.json), yours to change."""
    return load_fixture("cases/minimal.json")


def edit_path(data: Any, path: str, value: Any) -> Any:
    """Sets the value at a dotted path ("complainants.0.birth_date") and returns ``data``.

    ``...`` (Ellipsis) as the value deletes the key instead, for "a required field is missing";
    an index one past the end of a list appends. Every parent on the path must exist.
    """
    *parents, last = path.split(".")
    target = data
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    if isinstance(target, list):
        key = int(last)
        if value is ...:
            del target[key]
        elif key == len(target):
            target.append(value)
        else:
            target[key] = value
    elif value is ...:
        del target[last]
    else:
        target[last] = value
    return data


@pytest.fixture
def edit():
    """edit(case, "complainants.0.birth_date", "2012"): one change to a case, `...` to delete."""
    return edit_path


@pytest.fixture
def app():
    """The web app (form and API) in testing mode, without an API token."""
    from docgen.web import create_app

    return create_app({"TESTING": True, "API_TOKEN": None})


@pytest.fixture
def client(app):
    return app.test_client()
