"""Jurisdiction profiles are checked against their schema when they load, not when a template
happens to read the key that is missing."""

from __future__ import annotations

import tomllib

import pytest

from docgen.case.jurisdictions import ProfileInvalid, check_profile, jurisdiction, profile_in
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


def test_the_norwegian_words_are_norways_own_and_every_word_is_given():
    profile = jurisdiction("NO", "nb")
    assert profile["authorities"]["first_instance"]["name"] == "Utlendingsdirektoratet"
    assert profile["authorities"]["appeals"]["name"] == "Utlendingsnemnda"
    assert profile["appeal"]["provision"] == "forvaltningsloven §§ 28, 29 og 32"
    assert profile["suspension"]["name"] == "begjæring om utsatt iverksetting"
    assert profile["appeal"]["deadline_days"] == jurisdiction("NO")["appeal"]["deadline_days"]
    assert jurisdiction("NO", "ru") is None


def test_a_language_that_leaves_a_word_in_english_fails_at_load(norway):
    del norway["languages"]["nb"]["reversal"]["form_provision"]
    with pytest.raises(ProfileInvalid, match="reversal.form_provision"):
        profile_in(norway, "nb", "NO.toml")
