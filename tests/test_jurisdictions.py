"""Jurisdiction profiles are checked against their schema when they load, not when a template
happens to read the key that is missing."""

from __future__ import annotations

import tomllib

import pytest

from docgen.case.jurisdictions import ProfileInvalid, check_profile, jurisdiction
from docgen.paths import TEMPLATES_DIR

PROFILES = sorted((TEMPLATES_DIR / "jurisdictions").glob("*.toml"))


def test_there_is_a_profile_to_check():
    assert [path.stem for path in PROFILES] == ["NO"]


@pytest.mark.parametrize("path", PROFILES, ids=lambda path: path.stem)
def test_every_profile_loads(path):
    profile = jurisdiction(path.stem)
    assert profile["authorities"][profile["appeal"]["lodged_with"]]["short"]
    assert set(profile["protection"]["grounds"]) == {"refugee", "serious_harm"}


@pytest.fixture
def norway() -> dict:
    return tomllib.loads((TEMPLATES_DIR / "jurisdictions" / "NO.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("remove", "named"),
    [(("appeal", "deadline_days"), "deadline_days"), (("reversal", "form_provision"), "form_provision"),
     (("suspension",), "suspension"), (("protection", "grounds", "serious_harm"), "grounds"),
     (("authorities", "appeals", "short"), "short")],
)
def test_a_missing_key_fails_at_load_naming_it(norway, remove, named):
    *parents, last = remove
    target = norway
    for key in parents:
        target = target[key]
    del target[last]
    with pytest.raises(ProfileInvalid, match=named):
        check_profile(norway, "NO.toml")


def test_an_unknown_key_or_authority_fails_at_load(norway):
    norway["appeal"]["deadline_weeks"] = 3
    with pytest.raises(ProfileInvalid, match="deadline_weeks"):
        check_profile(norway, "NO.toml")
    del norway["appeal"]["deadline_weeks"]
    norway["reversal"]["addressed_to"] = "tribunal"
    with pytest.raises(ProfileInvalid, match="no authority 'tribunal'"):
        check_profile(norway, "NO.toml")
