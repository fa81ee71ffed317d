"""Jurisdiction profiles: a State's authorities, remedies, provisions and deadlines, as data.

Each profile is `templates/jurisdictions/<ISO code>.toml`. It is checked against the schema
below when it is loaded, so that a missing or misspelt key fails at once, naming the key, not
later on the one branch of a template that reads it. The case's legal checks (which remedies a
complaint must account for) and the documents read the same loaded profile.
"""

from __future__ import annotations

import tomllib
from functools import cache

from marshmallow import Schema, ValidationError, fields, validate

from docgen.case.schema import PROTECTION_GROUNDS, STEP_KINDS
from docgen.paths import TEMPLATES_DIR


class ProfileInvalid(ValueError):
    """A profile in templates/jurisdictions/ does not have the shape the documents need."""


class _Profile(Schema):
    """Every key required unless said otherwise; unknown keys refused (marshmallow's default)."""


def _words(**kwargs) -> fields.String:
    return fields.String(required=True, validate=validate.Length(min=1), **kwargs)


class AuthoritySchema(_Profile):
    name = _words()
    short = _words()


class AppealSchema(_Profile):
    # Lodged with the authority that decided (a key of [authorities]), which sends it on.
    lodged_with = _words()
    deadline = _words()  # in words, as the letter says it
    deadline_days = fields.Integer(required=True, validate=validate.Range(min=1))
    provision = _words()
    # What a late appeal relies on to be heard all the same.
    late_provision = _words()


class ReversalSchema(_Profile):
    addressed_to = _words()
    name = _words()
    provision = _words()
    form_provision = _words()
    # The day the provision on a request's form came into force: a letter signed earlier cites none.
    form_provision_from = fields.Date(required=True)


class SuspensionSchema(_Profile):
    name = _words()
    provisions = fields.List(_words(), required=True, validate=validate.Length(min=1))


class ProtectionSchema(_Profile):
    # The provision for each ground a letter may claim, keyed as in PROTECTION_GROUNDS.
    grounds = fields.Dict(keys=fields.String(validate=validate.OneOf(PROTECTION_GROUNDS)),
                          values=_words(), required=True,
                          validate=validate.Length(min=len(PROTECTION_GROUNDS)))
    refoulement = _words()
    # Protection that arises from the applicant's own acts after leaving the country.
    sur_place = _words()
    sur_place_rule = _words()


class RemedySchema(_Profile):
    """A remedy a complaint to an international body must say was tried, or why not."""

    # The procedural steps that count as having tried it.
    kinds = fields.List(fields.String(validate=validate.OneOf(STEP_KINDS)), required=True,
                        validate=validate.Length(min=1))
    name = _words()


class JurisdictionSchema(_Profile):
    # The languages (BCP 47) its authorities accept a letter in: the letter is warned about in others.
    accepts = fields.List(fields.String(validate=validate.Length(min=2)), required=True,
                          validate=validate.Length(min=1))
    authorities = fields.Dict(keys=fields.String(), values=fields.Nested(AuthoritySchema),
                              required=True)
    appeal = fields.Nested(AppealSchema, required=True)
    reversal = fields.Nested(ReversalSchema, required=True)
    suspension = fields.Nested(SuspensionSchema, required=True)
    protection = fields.Nested(ProtectionSchema, required=True)
    remedies = fields.List(fields.Nested(RemedySchema), load_default=list)


def check_profile(data: dict, name: str) -> dict:
    """A profile as read from its TOML file, checked; ProfileInvalid names each key that is wrong."""
    # The [languages.*] tables are the same words again: jurisdiction() checks them merged in.
    data = {key: value for key, value in data.items() if key != "languages"}
    try:
        profile = JurisdictionSchema().load(data)
    except ValidationError as error:
        raise ProfileInvalid(f"templates/jurisdictions/{name}: {error.messages}") from None
    for key in (profile["appeal"]["lodged_with"], profile["reversal"]["addressed_to"]):
        if key not in profile["authorities"]:
            raise ProfileInvalid(f"templates/jurisdictions/{name}: no authority {key!r} under [authorities]")
    return profile


# Keys that name, count or classify rather than say something: the same in every language.
_NOT_WORDS = frozenset({"accepts", "lodged_with", "addressed_to", "deadline_days", "kinds",
                        "form_provision_from"})


@cache
def jurisdiction(state: str, language: str = "en") -> dict | None:
    """The profile of the respondent State in ``language``, or None when docgen has none in it.

    The file's words are English; its [languages.<code>] tables give every word again in another
    language (ProfileInvalid names any left out, so no English is left in another language's letter).
    """
    path = TEMPLATES_DIR / "jurisdictions" / f"{state}.toml"
    if not path.exists():
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ProfileInvalid(f"templates/jurisdictions/{path.name}: {error}") from None
    return profile_in(data, language, path.name)


def profile_in(data: dict, language: str, name: str) -> dict | None:
    """A profile as read from its file, checked, with ``language``'s words; None without them."""
    translations = data.get("languages", {})
    if language == "en":
        return check_profile(data, name)
    if language not in translations:
        return None
    missing = _word_paths(check_profile(data, name)) - _word_paths(translations[language])
    if missing:
        raise ProfileInvalid(f"templates/jurisdictions/{name}: [languages.{language}] lacks "
                             f"{', '.join(sorted(missing))}")
    return check_profile(_merged(data, translations[language]), f"{name} [languages.{language}]")


def _word_paths(table: dict, prefix: str = "") -> set[str]:
    paths: set[str] = set()
    for key, value in table.items():
        if key in _NOT_WORDS:
            continue
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            paths |= _word_paths(value, path + ".")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for index, item in enumerate(value):
                paths |= _word_paths(item, f"{path}.{index}.")
        else:
            paths.add(path)
    return paths


def _merged(base: dict, words: dict) -> dict:
    """The profile with a language's words in place of the English; lists are replaced whole."""
    merged = dict(base)
    for key, value in words.items():
        merged[key] = _merged(base[key], value) if isinstance(value, dict) and key in base else value
    return merged
