"""Rules that span fields (docgen.case.rules) and the partial dates they compare (dates.py).

Every rule is broken by one change to a valid case, and the error must sit at the path of the field
to fix; beside it, the nearest case that keeps the rule passes.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from docgen.case import load_case, rules
from docgen.case.dates import PartialDate, Precision, parse_date
from refusals import assert_only_error, errors_of




def step(**fields) -> dict:
    """A procedural step with what the schema requires and the dates given."""
    return {"id": "asylum-1", "kind": "asylum_application", "authority": "UDI", **fields}


# --- Ids are unique within each part ------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "duplicate", "message"),
    [
        ("complainants.1", None, "Duplicate id 'rustam': complainants.0 has it already."),
        ("procedural_history.2.id", "asylum-1",
         "Duplicate id 'asylum-1': procedural_history.0 has it already."),
        ("annexes.3.id", "authorisation", "Duplicate id 'authorisation': annexes.0 has it"),
        ("sources.4", None, "Duplicate id 'eurasianet-2012': sources.0 has it"),
    ],
)
def test_duplicate_id_refused(rustam, edit, path, duplicate, message):
    if duplicate is None:  # a second complainant or source, a copy of the first
        part = path.split(".")[0]
        edit(rustam, path, dict(rustam[part][0]))
        path += ".id"
    else:
        edit(rustam, path, duplicate)
    assert_only_error(rustam, path, message)


def test_distinct_ids_pass(rustam):
    rustam["complainants"].append({**rustam["complainants"][0], "id": "rustam-brother"})
    load_case(rustam)


def test_the_same_id_in_two_parts_passes(rustam, edit):
    # Ids name things within their part: an annex and a complainant may share one.
    edit(rustam, "annexes.3.id", "rustam")
    load_case(rustam)


def test_each_later_duplicate_names_the_first(minimal):
    person = minimal["complainants"][0]
    minimal["complainants"] = [dict(person), dict(person), dict(person)]
    assert errors_of(minimal) == {
        "complainants.1.id": ["Duplicate id 'a': complainants.0 has it already."],
        "complainants.2.id": ["Duplicate id 'a': complainants.0 has it already."],
    }


# --- References point at something that exists -------------------------------------------------


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("events.0.sources.0.source", "eurasianet",
         "No source has the id 'eurasianet': add it under sources."),
        ("risk_factors.3.sources.1.source", "hrw-2012", "No source has the id 'hrw-2012'"),
        ("procedural_history.1.sources.0.source", "Eurasianet-2012",
         "No source has the id 'Eurasianet-2012'"),
        ("events.0.sources.0.source", "rustam", "No source has the id 'rustam'"),
        ("events.3.annexes.0", "statement", "No annex has the id 'statement': add it under"),
        ("risk_factors.2.annexes.0", "tadjibaeva", "No annex has the id 'tadjibaeva'"),
        ("procedural_history.1.annexes.0", "decision", "No annex has the id 'decision'"),
        ("events.3.annexes.0", "eurasianet-2012", "No annex has the id 'eurasianet-2012'"),
        ("representative.authorisation.annex", "authorisation-form",
         "No annex has the id 'authorisation-form'"),
    ],
)
def test_reference_to_nothing_refused(rustam, edit, path, value, message):
    edit(rustam, path, value)
    assert_only_error(rustam, path, message)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("events.0.sources.0.source", "hrw-2011"),
        ("events.3.annexes.0", "eurasianet-copy"),
        ("representative.authorisation.annex", "decision-2012"),
    ],
)
def test_reference_to_something_that_exists_passes(rustam, edit, path, value):
    load_case(edit(rustam, path, value))


# --- The respondent State is not the country of origin ------------------------------------------


@pytest.mark.parametrize(("state", "origin"), [("NO", "NO"), ("uz", "UZ"), ("GB", " gb")])
def test_respondent_state_equal_to_country_of_origin_refused(minimal, state, origin):
    minimal.update(respondent_state=state, country_of_origin=origin)
    assert_only_error(minimal, "country_of_origin", "Is the same as the respondent State")


def test_different_states_pass(minimal):
    minimal.update(respondent_state="KZ", country_of_origin="UZ")
    load_case(minimal)


# --- The representative's authorisation ----------------------------------------------------------

REPRESENTATIVE = {"name": "Ingrid Hansen", "organisation": "Nordic Asylum Law Centre"}


@pytest.mark.parametrize(
    ("authorisation", "error"),
    [
        ({"status": "unobtainable"},
         ("representative.authorisation.reason", "Say why the authorisation cannot be obtained")),
        ({"status": "unobtainable", "annex": "authorisation"},
         ("representative.authorisation.reason", "Say why")),
        ({"status": "unobtainable", "reason": "The complainant is held incommunicado."}, None),
        ({"status": "attached"},
         ("representative.authorisation.annex", "Name the annex that holds the signed")),
        ({"status": "attached", "reason": "Signed in detention.", "date": "2012-07-02"},
         ("representative.authorisation.annex", "Name the annex")),
        ({"status": "attached", "annex": "authorisation"}, None),
        ({"status": "attached", "annex": "signed-form"},
         ("representative.authorisation.annex", "No annex has the id 'signed-form'")),
        ({"status": "to_follow"}, None),
        ({"status": "to_follow", "date": "2012-07"}, None),
    ],
)
def test_authorisation(minimal, authorisation, error):
    minimal["annexes"] = [{"id": "authorisation", "title": "Signed authorisation"}]
    minimal["representative"] = {**REPRESENTATIVE, "authorisation": authorisation}
    if error is None:
        load_case(minimal)
    else:
        assert_only_error(minimal, *error)


def test_a_case_without_representative_needs_no_authorisation(minimal):
    assert load_case(minimal).data["representative"] is None


# --- Dates in order: birth before everything else -----------------------------------------------


def test_event_before_birth_refused(minimal, edit):
    edit(minimal, "complainants.0.birth_date", "2012-03-14")
    assert_only_error(
        minimal, "events.0.date", "Is before the birth date in complainants.0 (2012-03-14)."
    )


def test_event_before_the_birth_of_a_second_complainant_refused(rustam):
    rustam["complainants"].append(
        {"id": "brother", "pseudonym": "B.", "legal_name": "B. Example", "nationality": "UZ",
         "birth_date": "2008-01-01"}
    )
    errors = errors_of(rustam)
    # The 2006 events (0, 1, 2) are before the brother's birth; August 2010 and 2012 are not.
    assert set(errors) == {"events.0.date", "events.1.date", "events.2.date"}
    assert errors["events.0.date"] == ["Is before the birth date in complainants.1 (2008-01-01)."]


def test_events_after_birth_pass(rustam):
    assert load_case(rustam).data["complainants"][0]["birth_date"] == PartialDate(1986, 3, 14)


@pytest.mark.parametrize(
    ("since", "refused"),
    [("1985", True), ("1986-03-13", True), ("1986-02", True),
     ("1986", False), ("1986-03", False), ("1986-03-14", False), ("2012-06-12", False)],
)
def test_location_since_before_birth(rustam, edit, since, refused):
    edit(rustam, "complainants.0.location.since", since)
    if refused:
        assert_only_error(rustam, "complainants.0.location.since", "Is before the person's birth")
    else:
        load_case(rustam)


# Certain-only comparisons: a date known to the year or the month is a span, and a case is refused
# only when every day of one span is before every day of the other.
PARTIAL = [
    # (birth, event, refused)
    ("2006", "2006-05", False),
    ("2006-05", "2006", False),
    ("2006-05-14", "2006-05", False),
    ("2006-05", "2006-05-14", False),
    ("2006-05-14", "2006", False),
    ("2006", "2006-01-01", False),
    ("2006-05-14", "2006-05-14", False),
    ("2006-05-14", "2006-05-13", True),
    ("2006-06", "2006-05-31", True),
    ("2006-06", "2006-05", True),
    ("2007", "2006-12-31", True),
    ("2007-01-01", "2006", True),
    ("2007", "2006", True),
]


@pytest.mark.parametrize(("birth", "event", "refused"), PARTIAL)
def test_birth_and_event_compared_only_when_certain(minimal, edit, birth, event, refused):
    edit(minimal, "complainants.0.birth_date", birth)
    edit(minimal, "events.0.date", event)
    if refused:
        assert_only_error(minimal, "events.0.date", "Is before the birth date")
    else:
        load_case(minimal)


# --- Dates in order: filed, then decided, then notified -----------------------------------------


@pytest.mark.parametrize(
    ("dates", "error"),
    [
        ({"filed": "2012-06-10", "decided": "2012-06-01"},
         ("procedural_history.0.decided", "Is before the date filed (2012-06-10)")),
        ({"decided": "2012-06-12", "notified": "2012-06-11"},
         ("procedural_history.0.notified", "Is before the date decided (2012-06-12)")),
        ({"filed": "2012-06-10", "notified": "2012-06-01"},
         ("procedural_history.0.notified", "Is before the date filed (2012-06-10)")),
        ({"filed": "2012-06-10", "decided": "2012-06-12", "notified": "2012-06-11"},
         ("procedural_history.0.notified", "Is before the date decided")),
        ({"filed": "2012-07", "decided": "2012-06-30"},
         ("procedural_history.0.decided", "Is before the date filed (2012-07)")),
        ({"filed": "2013", "decided": "2012"},
         ("procedural_history.0.decided", "Is before the date filed (2013)")),
        ({"filed": "2012-06-10", "decided": "2012-06-12", "notified": "2012-06-12"}, None),
        ({"filed": "2012-06-12", "decided": "2012-06-12", "notified": "2012-06-12"}, None),
        ({"filed": "2012-06", "decided": "2012-06-01"}, None),
        ({"filed": "2012-06-02", "decided": "2012-06"}, None),
        ({"filed": "2006", "decided": "2006-01-01", "notified": "2006"}, None),
        ({"decided": "2012"}, None),
        ({}, None),
    ],
)
def test_procedural_dates_in_order(minimal, dates, error):
    minimal["procedural_history"] = [step(outcome="refused", **dates)]
    if error is None:
        load_case(minimal)
    else:
        assert_only_error(minimal, *error)


def test_each_step_is_checked_with_its_own_path(rustam, edit):
    edit(rustam, "procedural_history.2.decided", "2012-07-02")  # filed 2012-07-03
    assert_only_error(rustam, "procedural_history.2.decided", "Is before the date filed")


def test_notified_before_filed_refused_when_the_decision_date_is_partial(minimal):
    minimal["procedural_history"] = [
        step(filed="2012-06-10", decided="2012", notified="2012-06-01", outcome="refused")
    ]
    assert_only_error(minimal, "procedural_history.0.notified", "Is before the date filed")


# --- Dates in order: nothing but the removal is in the future -----------------------------------

NEXT_YEAR = str(date.today().year + 1)
TOMORROW = (date.today() + timedelta(days=1)).isoformat()


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("events.0.date", NEXT_YEAR),
        ("events.0.date", TOMORROW),
        ("complainants.0.location.since", TOMORROW),
        ("procedural_history.2.filed", NEXT_YEAR),
        ("procedural_history.1.decided", "2999-01-01"),
    ],
)
def test_date_in_the_future_refused(rustam, edit, path, value):
    edit(rustam, path, value)
    if path == "procedural_history.1.decided":
        rustam["procedural_history"][1].pop("notified")  # else notified is before decided too
    assert_only_error(rustam, path, f"Is in the future ({value}): only the removal date may be.")


def test_birth_date_in_the_future_refused(minimal, edit):
    edit(minimal, "complainants.0.birth_date", NEXT_YEAR)
    errors = errors_of(minimal)
    assert f"Is in the future ({NEXT_YEAR}): only the removal date may be." in errors[
        "complainants.0.birth_date"
    ]


@pytest.mark.parametrize(
    "value",
    [
        date.today().isoformat(),
        date.today().strftime("%Y-%m"),
        str(date.today().year),  # may still be in the past: not certainly future
    ],
)
def test_date_that_may_be_today_passes(minimal, edit, value):
    load_case(edit(minimal, "events.0.date", value))


@pytest.mark.parametrize("value", [TOMORROW, NEXT_YEAR, "2999-12-31"])
def test_removal_date_may_be_in_the_future(rustam, edit, value):
    load_case(edit(rustam, "removal.scheduled_date", value))


def test_the_future_is_measured_from_the_day_of_checking(rustam):
    data = load_case(rustam).data  # the request for reversal was filed on 10 July 2012
    before = rules.check(data, today=date(2012, 7, 9))
    assert before["procedural_history.2.filed"] == [
        "Is in the future (2012-07-10): only the removal date may be."
    ]
    assert "procedural_history.2.filed" not in rules.check(data, today=date(2012, 7, 10))


# --- Several rules at once ----------------------------------------------------------------------


def test_every_broken_rule_is_listed_at_once(rustam, edit):
    edit(rustam, "sources.1.id", "eurasianet-2012")
    edit(rustam, "events.3.annexes.0", "statement")
    edit(rustam, "country_of_origin", "NO")
    edit(rustam, "events.4.date", "2999")
    assert set(errors_of(rustam)) >= {
        "sources.1.id", "events.3.annexes.0", "country_of_origin", "events.4.date",
    }


# --- PartialDate --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "parsed", "precision", "long_form"),
    [
        ("2006", PartialDate(2006), Precision.YEAR, "2006"),
        ("2010-08", PartialDate(2010, 8), Precision.MONTH, "August 2010"),
        ("2012-06-12", PartialDate(2012, 6, 12), Precision.DAY, "12 June 2012"),
        ("2012-07-01", PartialDate(2012, 7, 1), Precision.DAY, "1 July 2012"),
    ],
)
def test_partial_date_parses_and_writes(text, parsed, precision, long_form):
    value = PartialDate.parse(text)
    assert value == parsed
    assert value.precision is precision
    assert value.isoformat() == str(value) == text
    assert value.long_form() == long_form


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2012", date(2012, 1, 1), date(2012, 12, 31)),
        ("2012-02", date(2012, 2, 1), date(2012, 2, 29)),
        ("2011-02", date(2011, 2, 1), date(2011, 2, 28)),
        ("2012-04", date(2012, 4, 1), date(2012, 4, 30)),
        ("2012-06-12", date(2012, 6, 12), date(2012, 6, 12)),
    ],
)
def test_partial_date_spans(text, earliest, latest):
    value = PartialDate.parse(text)
    assert (value.earliest, value.latest) == (earliest, latest)


@pytest.mark.parametrize(
    ("first", "second", "before", "after"),
    [
        ("2006", "2006-05", False, False),
        ("2006-05", "2006-05-14", False, False),
        ("2006", "2007", True, False),
        ("2007", "2006-12-31", False, True),
        ("2006-05-31", "2006-06", True, False),
        ("2006-05-14", "2006-05-14", False, False),
    ],
)
def test_partial_dates_compare_only_when_certain(first, second, before, after):
    one, other = PartialDate.parse(first), PartialDate.parse(second)
    assert one.is_before(other) is before
    assert one.is_after(other) is after
    assert other.is_after(one) is before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2012-13", "there is no month 13"),
        ("2012-02-30", "2012-02-30 does not exist"),
        ("1899-12-31", "the year is before 1900"),
        ("12-06-2012", "write YYYY-MM-DD, YYYY-MM or YYYY"),
        ("2012-06-12 ", "write YYYY-MM-DD"),
        ("20120612", "write YYYY-MM-DD"),
    ],
)
def test_partial_date_refuses(text, message):
    with pytest.raises(ValueError, match=message):
        PartialDate.parse(text)


# --- A source dated after the signature date ----------------------------------------------------


@pytest.mark.parametrize(
    ("signed", "issued", "refused"),
    [("2012-07-10", [2012, 7, 10], False), ("2012-07-10", [2013, 12, 10], True),
     ("2012-07", [2012, 7, 31], False), ("2012-07-10", [2012, 8], True),
     (None, [2999], True), (None, [2013, 12, 10], False)],
)
def test_source_dated_after_the_signature_date_refused(rustam, edit, signed, issued, refused):
    edit(rustam, "signature.date", signed)
    edit(rustam, "sources.2.issued", {"date-parts": [issued]})
    if not refused:
        load_case(rustam)
        return
    assert_only_error(rustam, "sources.2.issued", "The source 'cat-co-uzb-3' is dated")
    message = errors_of(rustam)["sources.2.issued"][0]
    assert ("after the signature date" if signed else "after today") in message
    assert "a filing can cite only what existed when it was signed" in message


# --- Approximate dates (issue 10) ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored", "words", "when", "earliest", "latest"),
    [
        ("2006~", "2006~", "around 2006", "around 2006", date(2005, 1, 1), date(2007, 12, 31)),
        ("circa 2006", "2006~", "around 2006", "around 2006", date(2005, 1, 1), date(2007, 12, 31)),
        ("c. 2010-08", "2010-08~", "around August 2010", "around August 2010",
         date(2009, 8, 1), date(2011, 8, 31)),
        ("../2006", "../2006", "in or before 2006", "in or before 2006", date.min, date(2006, 12, 31)),
        ("Before 2006", "../2006", "in or before 2006", "in or before 2006", date.min,
         date(2006, 12, 31)),
        ("before 2012-06-12", "../2012-06-12", "on or before 12 June 2012",
         "on or before 12 June 2012", date.min, date(2012, 6, 12)),
        ("2006/..", "2006/..", "in or after 2006", "in or after 2006", date(2006, 1, 1), date.max),
        ("after 2006", "2006/..", "in or after 2006", "in or after 2006", date(2006, 1, 1), date.max),
        ("2006/2008", "2006/2008", "between 2006 and 2008", "between 2006 and 2008",
         date(2006, 1, 1), date(2008, 12, 31)),
        ("between 2006-03 and 2008", "2006-03/2008", "between March 2006 and 2008",
         "between March 2006 and 2008", date(2006, 3, 1), date(2008, 12, 31)),
        ("2006-2008", "2006/2008", "between 2006 and 2008", "between 2006 and 2008",
         date(2006, 1, 1), date(2008, 12, 31)),
        ("2012-06-12", "2012-06-12", "12 June 2012", "on 12 June 2012", date(2012, 6, 12),
         date(2012, 6, 12)),
        ("2012-06", "2012-06", "June 2012", "in June 2012", date(2012, 6, 1), date(2012, 6, 30)),
    ],
)
def test_approximate_dates_parse_store_and_read(minimal, edit, typed, stored, words, when, earliest, latest):
    value = load_case(edit(minimal, "events.0.date", typed)).data["events"][0]["date"]
    assert (value.isoformat(), value.long_form(), value.when()) == (stored, words, when)
    assert (value.earliest, value.latest) == (earliest, latest)
    assert parse_date(stored) == value  # what docgen stores reads back as the same date


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2008/2006", "the range 2008/2006 ends before it begins"),
        ("around 2012-13", "there is no month 13"),
        ("before 1899", "the year is before 1900"),
        ("sometime in 2006", 'or an approximate date: "circa 2006"'),
        ("2006?", 'or an approximate date'),
        ("../..", "or an approximate date"),
    ],
)
def test_approximate_dates_refused_with_the_reason(minimal, edit, typed, message):
    assert_only_error(edit(minimal, "events.0.date", typed), "events.0.date", message)


@pytest.mark.parametrize("path", ["signature.date", "removal.scheduled_date",
                                  "complainants.0.location.since"])
def test_dates_a_filing_states_must_be_exact(rustam, edit, path):
    assert_only_error(edit(rustam, path, "circa 2012"), path, "write YYYY-MM-DD, YYYY-MM or YYYY")


@pytest.mark.parametrize(
    ("birth", "event", "error"),
    [
        ("1986", "before 2006", None),  # may be in 1990: not certainly out of order
        ("1986", "../1985", "Is before the birth date"),  # certainly before the birth
        ("1986", "circa 1985", None),  # around 1985 may be 1986
        ("1986", "circa 1984", "Is before the birth date"),
        ("circa 1986", "1985", None),
        ("after 1986", "1985", "Is before the birth date"),
        ("between 1984 and 1986", "1985", None),
        ("1986", "1980/1985", "Is before the birth date"),
    ],
)
def test_approximate_dates_in_order_by_their_bounds(minimal, edit, birth, event, error):
    edit(minimal, "complainants.0.birth_date", birth)
    edit(minimal, "events.0.date", event)
    if error is None:
        load_case(minimal)
    else:
        assert_only_error(minimal, "events.0.date", error)


@pytest.mark.parametrize(
    ("dates", "error"),
    [
        ({"filed": "circa 2006", "decided": "2006-01-05"}, None),
        ({"filed": "before 2006", "decided": "2005"}, None),
        ({"filed": "after 2006", "decided": "2005"}, ("procedural_history.0.decided", "Is before the date filed")),
        ({"filed": "2006", "decided": "2006/2007", "notified": "../2006"}, None),
    ],
)
def test_approximate_procedural_dates_in_order(minimal, dates, error):
    minimal["procedural_history"] = [step(outcome="refused", **dates)]
    if error is None:
        load_case(minimal)
    else:
        assert_only_error(minimal, *error)


def test_an_approximate_date_is_in_the_future_only_when_all_of_it_is(minimal, edit):
    load_case(edit(minimal, "events.0.date", f"before {NEXT_YEAR}"))
    load_case(edit(minimal, "events.0.date", f"circa {NEXT_YEAR}"))
    assert_only_error(edit(minimal, "events.0.date", f"after {NEXT_YEAR}"), "events.0.date",
                      "Is in the future")


def test_a_chronology_puts_before_ahead_of_and_after_behind_the_year_it_names():
    typed = ["after 2006", "2007", "2006", "before 2006", "circa 2006", "2005"]
    ordered = sorted((parse_date(text) for text in typed), key=lambda value: value.sort_key)
    assert [str(value) for value in ordered] == ["2005", "../2006", "2006", "2006~", "2006/..", "2007"]
