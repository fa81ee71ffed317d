"""Valid cases made from the case schema itself (hypothesis strategies), not from an example.

`cases()` walks `docgen.case.schema.CaseSchema` field by field, so a field added to the schema is
generated without a change here. Each example is made in one of three shapes:

- "longest": every field present, every text at its maximum length;
- "absent": every optional part left out, every list at its least;
- "random": any mix, text of any Unicode the schema accepts (right-to-left, emoji, format
  characters, private use, unassigned code points);

and `cases(bound="events")` puts the list at that path (a top-level list, or a dotted path such
as "events.sources") at its bound, its items as small as the schema allows, so that no case of
thousands of full-length items has to be rendered.

The cross-field rules (ids unique, references that exist, dates in order) are met by `repair`,
which changes only ids, references and dates (and titles an annex without a document); what the schema alone cannot say is thereby made
true, and `load_case` must then accept every example: a case it refused would be a bug here.
"""

from __future__ import annotations

import string
from datetime import date
from typing import Any

import pycountry
from hypothesis import strategies as st
from marshmallow import fields, validate

from docgen.case.csl import DateParts, Scalar
from docgen.case.fields import BoundedDict, Country, Date, Id, SourceId, Text, Time
from docgen.case.schema import AppealErrorSchema, CaseSchema

SHAPES = ("longest", "absent", "random")

COUNTRIES = sorted(country.alpha_2 for country in pycountry.countries)
# What the schema's Text accepts: any code point but controls (tab and newline aside),
# surrogates, U+FFFE/U+FFFF and the bidi overrides.
_CHARACTERS = st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff\u202d\u202e")
# Runs of text with the words, scripts and marks that stretch a layout: the longest text is made
# of them, so that it is long in words as well as in characters.
_STRETCHES = (
    "Pneumonoultramicroscopicsilicovolcanoconiosis", "Республика Узбекистан ", "مرحبا بالعالم ",
    "שלום עולם ", "👨\u200d👩\u200d👧🇳🇴 ", "e\u0301a\u0308 ", "{{ x }} {% if %} <b>&amp; ",
    "\u202bdcba\u202c \u2067rtl\u2069 ", "W", "m ",
)
_ID_CHARACTERS = string.ascii_letters + string.digits + "_.:-"


def text(field: Text, shape: str) -> st.SearchStrategy[str]:
    """A value the field accepts: at its maximum length ("longest"), or random text."""
    most = field.max_length
    if shape == "longest":
        return st.sampled_from(_STRETCHES).map(lambda stretch: _fill(stretch, most, field.multiline))
    alphabet = st.one_of(_CHARACTERS, st.sampled_from("\n\t " if field.multiline else "\t "))
    return st.text(alphabet, min_size=1, max_size=min(most, 80)).map(
        lambda value: value.replace("\r", "")).filter(
        lambda value: value.strip() and (field.multiline or "\n" not in value))


def _fill(stretch: str, most: int, multiline: bool) -> str:
    """``stretch`` repeated to exactly ``most`` characters, with a letter at each end so that
    nothing is trimmed, and line breaks now and then in text that may have them."""
    if multiline:
        stretch = stretch + "\n"
    body = (stretch * (most // len(stretch) + 1))[: most - 2]
    return f"A{body}Z"


def identifier(shape: str) -> st.SearchStrategy[str]:
    if shape == "longest":
        return st.text(st.sampled_from(_ID_CHARACTERS), min_size=63, max_size=63).map(lambda s: "a" + s)
    return st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9_.:-]{0,20}\Z")


def source_id(shape: str) -> st.SearchStrategy[str]:
    if shape == "longest":
        return st.just("http://zotero.org/users/1/items/" + "K" * 168)
    return st.text(_CHARACTERS.filter(lambda c: not c.isspace()), min_size=1, max_size=30)


def partial_date(first: int = 1940, last: int = 2025) -> st.SearchStrategy[str]:
    day = st.dates(min_value=date(first, 1, 1), max_value=date(last, 12, 31))
    return st.one_of(day.map(lambda d: d.isoformat()), day.map(lambda d: d.isoformat()[:7]),
                     day.map(lambda d: d.isoformat()[:4]))


def _choices(field: fields.Field) -> tuple[str, ...] | None:
    for validator in field.validators:
        if isinstance(validator, validate.OneOf):
            return tuple(validator.choices)
    return None


def _bounds(field: fields.List) -> tuple[int, int]:
    least, most = 0, getattr(field, "most", 10)
    for validator in field.validators:
        if isinstance(validator, validate.Length):
            least = validator.min or 0
            most = min(most, validator.max or most)
    return least, most


def _value(draw, field: fields.Field, shape: str, path: str, bound: str | None) -> Any:
    """A value for one field of the schema."""
    if isinstance(field, Text):
        return draw(text(field, shape))
    if isinstance(field, Id):
        return draw(identifier(shape))
    if isinstance(field, SourceId):
        return draw(source_id(shape))
    if isinstance(field, Date):
        return draw(partial_date(1900, 1935) if path.endswith("birth_date") else partial_date())
    if isinstance(field, Time):
        return f"{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}"
    if isinstance(field, Country):
        return draw(st.sampled_from(COUNTRIES))
    if isinstance(field, fields.Email):
        most = next(v.max for v in field.validators if isinstance(v, validate.Length))
        if shape == "longest":  # a local part of 64 (RFC 5321's most), labels of 63, to the bound
            domain_length = most - 65 - len(".no")
            labels = ["b" * 63] * (domain_length // 64) + ["b" * (domain_length % 64)]
            return "a" * 64 + "@" + ".".join(label for label in labels if label) + ".no"
        return draw(st.emails().filter(lambda address: len(address) <= most))
    if isinstance(field, fields.Url):
        if shape == "longest":
            return "https://example.org/" + "p" * 1_980
        return draw(st.sampled_from(["https://example.org/", "http://x.no/a?b=c#d"]))
    if isinstance(field, fields.Boolean):
        return draw(st.booleans())
    if isinstance(field, fields.Nested) and field.nested is AppealErrorSchema and shape == "random" and draw(st.booleans()):
        return draw(text(field.schema.fields["text"], shape))  # its text alone, as older case files write it
    if isinstance(field, fields.Nested):
        return _object(draw, field.schema, shape, path, bound)
    if isinstance(field, BoundedDict):
        size = field.most if shape == "longest" else draw(st.integers(0, 3))
        keys = [f"key{index}" for index in range(size)]
        return {key: draw(text(field.value_field, shape)) for key in keys}
    if isinstance(field, fields.List):
        least, most = _bounds(field)
        if path == bound:
            size, shape = most, "absent"
        elif shape == "absent":
            size = least
        elif shape == "longest":
            size = max(least, 1)
        else:
            size = draw(st.integers(least, min(most, least + 2)))
        return [_value(draw, field.inner, shape, path, bound) for _ in range(size)]
    if isinstance(field, DateParts):
        return [[draw(st.integers(1900, 2025)), draw(st.integers(1, 12)), draw(st.integers(1, 28))]]
    if isinstance(field, Scalar):
        return draw(st.one_of(st.booleans(), st.integers(0, 9), st.just("circa")))
    choices = _choices(field)
    if choices:
        return draw(st.sampled_from(choices))
    raise TypeError(f"casegen does not know how to make a {type(field).__name__} ({path})")


def _object(draw, schema, shape: str, path: str, bound: str | None) -> dict:
    made = {}
    for name, field in schema.fields.items():
        key = field.data_key or name
        inner = f"{path}.{key}" if path else key
        present = field.required or inner == bound or (bound or "").startswith(inner + ".")
        if not present and shape != "absent":
            present = shape == "longest" or draw(st.booleans())
        if present:
            made[key] = _value(draw, field, shape, inner, bound)
    return made


@st.composite
def cases(draw, shape: str | None = None, bound: str | None = None) -> dict:
    """A case that load_case accepts (see the module's docstring)."""
    shape = shape or draw(st.sampled_from(SHAPES))
    return repair(_object(draw, CaseSchema(), shape, "", bound))


def list_paths(schema=None, prefix: str = "") -> list[str]:
    """The dotted path of every list in the schema ("events", "events.sources", ...)."""
    found = []
    for name, field in (schema or CaseSchema()).fields.items():
        path = f"{prefix}{field.data_key or name}"
        inner = field.inner if isinstance(field, fields.List) else field
        if isinstance(field, fields.List):
            found.append(path)
        if isinstance(inner, fields.Nested):
            found.extend(list_paths(inner.schema, path + "."))
    return found


# --- What the schema alone cannot say ------------------------------------------------------------

_IDENTIFIED = ("complainants", "procedural_history", "annexes", "sources")
_CITING = ("events", "risk_factors", "procedural_history", "remedies_not_used")


def repair(case: dict) -> dict:
    """Makes ids unique, references point at what exists, and dates fall in order."""
    for part in _IDENTIFIED:
        seen: set[str] = set()
        for index, item in enumerate(case.get(part, [])):
            if item["id"] in seen:
                item["id"] = f"n{index}-{item['id']}"[: 200 if part == "sources" else 64]
            seen.add(item["id"])
    for annex in case.get("annexes", []):
        if not annex.get("title") and not annex.get("document"):
            annex["title"] = "Decision of the Immigration Appeals Board"  # a title, or a document docgen makes
    sources = [source["id"] for source in case.get("sources", [])]
    annexes = [annex["id"] for annex in case.get("annexes", [])]
    citing = [item for part in _CITING for item in case.get(part, [])]
    citing += [item for part in ("errors", "new_evidence") for item in (case.get("appeal") or {}).get(part, [])
               if isinstance(item, dict)]  # an error may be its text alone
    for item in citing:
        if "sources" in item:
            item["sources"] = [dict(citation, source=sources[n % len(sources)])
                               for n, citation in enumerate(item["sources"])] if sources else []
        if "annexes" in item:
            item["annexes"] = [annexes[n % len(annexes)] for n in range(len(item["annexes"]))] if annexes else []
    representative = case.get("representative")
    if representative:
        authorisation = representative["authorisation"]
        if authorisation.get("annex") and authorisation["annex"] not in annexes or (
                authorisation["status"] == "attached" and not authorisation.get("annex")):
            if annexes:
                authorisation["annex"] = annexes[0]
            else:
                authorisation.pop("annex", None)
                if authorisation["status"] == "attached":
                    authorisation["status"] = "to_follow"
        if authorisation["status"] == "unobtainable" and not authorisation.get("reason"):
            authorisation["reason"] = "The complainant is detained without access to counsel."
    appeal = case.get("appeal")
    if appeal and appeal.get("decision"):
        steps = [step["id"] for step in case.get("procedural_history", [])]
        if steps:
            appeal["decision"] = steps[0]
        else:
            del appeal["decision"]
    assurances = case.get("diplomatic_assurances")
    if assurances and assurances["given"] and not assurances.get("description"):
        assurances["description"] = "The Prosecutor-General wrote that he would not be ill-treated."
    if appeal and appeal.get("protection_grounds"):
        appeal["protection_grounds"] = list(dict.fromkeys(appeal["protection_grounds"]))
    # A source cannot be dated after the signature date (today, when there is none).
    signed = (case.get("signature") or {}).get("date") or date.today().isoformat()
    latest = [int(part) for part in signed.split("-")]
    for source in case.get("sources", []):
        parts = (source.get("issued") or {}).get("date-parts")
        if parts and [int(n) for n in parts[0]][: len(latest)] > latest:
            source["issued"]["date-parts"] = [latest]
    removal = case.get("removal")
    if removal and removal.get("scheduled_time") and len(removal.get("scheduled_date") or "") != 10:
        del removal["scheduled_time"]  # a time needs the full date it is on
    if case["respondent_state"] == case["country_of_origin"]:
        case["country_of_origin"] = "UZ" if case["respondent_state"] != "UZ" else "NO"
    for step in case.get("procedural_history", []):
        stages = [name for name in ("filed", "decided", "notified") if name in step]
        ordered = sorted((step[name] for name in stages), key=_earliest)
        step.update(zip(stages, ordered))
    return case


def _earliest(value: str) -> str:
    return value + "-01-01"[len(value) - 4:] if len(value) < 10 else value
