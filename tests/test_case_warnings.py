"""Legal warnings (docgen.case.warnings): checks that do not stop drafting but must be seen.

Each warning is raised by one change to a quiet case (a valid case that gives no warning), and is
absent from the nearest case that does not call for it.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from docgen.case import load_case
from docgen.case.dates import PartialDate
from docgen.case.warnings import court_request_warnings, legal_warnings


@pytest.fixture
def quiet(minimal) -> dict:
    """The minimal case with its one fact sourced: valid, and without any warning."""
    minimal["sources"] = [
        {"id": "hrw-2011", "type": "report", "title": "No One Left to Witness",
         "author": [{"literal": "Human Rights Watch"}], "issued": {"date-parts": [[2011, 12, 13]]}}
    ]
    minimal["events"][0]["sources"] = [{"source": "hrw-2011", "pinpoint": "p 12"}]
    # Norway's courts are accounted for, so that a recorded step warns of nothing else.
    minimal["remedies_not_used"] = [{"kind": "judicial_review", "reason": "It would not stop the removal."}]
    minimal["appeal"] = {"protection_grounds": ["serious_harm"]}
    return minimal


def warnings_of(case: dict) -> list[dict[str, str]]:
    return load_case(case).warnings


def only_warning(case: dict) -> dict[str, str]:
    warnings = warnings_of(case)
    assert len(warnings) == 1, warnings
    return warnings[0]


def test_quiet_case_has_no_warning(quiet):
    assert warnings_of(quiet) == []


def test_warnings_name_a_path_and_say_what_it_means(rustam):
    warnings = warnings_of(rustam)
    assert warnings
    for warning in warnings:
        assert set(warning) == {"path", "message"}
        assert warning["path"] and warning["message"]


def test_a_case_with_every_warning_is_still_valid(rustam, edit):
    edit(rustam, "respondent_state", "GB")
    rustam["other_procedures"] = [{"body": "ECtHR", "status": "pending", "same_matter": True}]
    edit(rustam, "removal.scheduled_date", "2012-07-20")
    del rustam["sources"][0]["accessed"]
    del rustam["events"][0]["sources"]
    edit(rustam, "risk_factors.3.sources.0.verified", False)
    edit(rustam, "sources.0.accessed", {"date-parts": [[2012, 7, 11]]})
    paths = {warning["path"] for warning in warnings_of(rustam)}
    assert {
        "respondent_state",
        "procedural_history.0.outcome",
        "other_procedures.0.same_matter",
        "procedural_history.2.outcome",
        "removal.scheduled_date",
        "risk_factors.3.sources.0.verified",
        "events.0.sources",
    } <= paths


# --- Article 22: the respondent State must accept individual complaints -------------------------


@pytest.mark.parametrize(
    ("state", "name"),
    [("UZ", "Uzbekistan"), ("GB", "The United Kingdom"), ("US", "The United States"), ("CN", "China")],
)
def test_state_without_article_22_declaration_warned(quiet, state, name):
    quiet.update(respondent_state=state, country_of_origin="TJ")
    warning = only_warning(quiet)
    assert warning["path"] == "respondent_state"
    assert warning["message"].startswith(f"{name} has not declared under article 22")
    assert "cannot receive a complaint" in warning["message"]


@pytest.mark.parametrize(("state", "name"), [("IT", "Italy"), ("BR", "Brazil"), ("UA", "Ukraine")])
def test_state_not_in_the_table_warned_as_unknown(quiet, state, name):
    quiet["respondent_state"] = state
    warning = only_warning(quiet)
    assert warning["path"] == "respondent_state"
    assert f"docgen does not know whether {name} has accepted" in warning["message"]
    assert "UN Treaty Collection" in warning["message"]


@pytest.mark.parametrize("state", ["NO", "SE", "KZ", "CH", "de"])
def test_state_with_article_22_declaration_not_warned(quiet, state):
    quiet["respondent_state"] = state
    assert warnings_of(quiet) == []


# --- The same matter before another international body ------------------------------------------


@pytest.mark.parametrize(
    ("body", "status", "same_matter", "warned"),
    [
        ("ECtHR", "pending", True, True),
        ("HRC", "decided", True, True),
        ("ECtHR", "withdrawn", True, False),
        ("ECtHR", "inadmissible", True, False),
        ("ECtHR", "pending", False, False),
        ("WGAD", "decided", False, False),
        ("CAT", "pending", True, False),  # the Committee's own procedure is not "another procedure"
    ],
)
def test_same_matter_before_another_body(quiet, body, status, same_matter, warned):
    quiet["other_procedures"] = [{"body": body, "status": status, "same_matter": same_matter}]
    if not warned:
        assert warnings_of(quiet) == []
        return
    warning = only_warning(quiet)
    assert warning["path"] == "other_procedures.0.same_matter"
    assert f"The same matter is {status} before {body}" in warning["message"]
    assert "article 22(5)(a)" in warning["message"]


# --- A domestic step without a final outcome ----------------------------------------------------

STEP = {"id": "appeal-1", "kind": "appeal", "authority": "Immigration Appeals Board (UNE)"}


@pytest.mark.parametrize(
    ("outcome", "warned"),
    [("pending", True), (None, True),  # left out, a step is pending
     ("refused", False), ("dismissed", False), ("inadmissible", False), ("granted", False)],
)
def test_pending_domestic_step(quiet, outcome, warned):
    quiet["procedural_history"] = [{"id": "asylum-1", "kind": "asylum_application",
                                    "authority": "UDI", "outcome": "refused"},
                                   dict(STEP) if outcome is None else {**STEP, "outcome": outcome}]
    if not warned:
        assert warnings_of(quiet) == []
        return
    warning = only_warning(quiet)
    assert warning["path"] == "procedural_history.1.outcome"
    assert "No final outcome yet: domestic remedies may not be exhausted" in warning["message"]


# --- The removal date has passed ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("scheduled", "warned"),
    [
        ("2012-07-20", True),
        ("2012-07", True),
        ("2012", True),
        ((date.today() - timedelta(days=1)).isoformat(), True),
        (date.today().isoformat(), False),
        (date.today().strftime("%Y-%m"), False),
        ((date.today() + timedelta(days=1)).isoformat(), False),
        (None, False),
    ],
)
def test_removal_date_past(quiet, scheduled, warned):
    quiet["removal"] = {"scheduled_date": scheduled, "destination": "UZ"}
    if not warned:
        assert warnings_of(quiet) == []
        return
    warning = only_warning(quiet)
    assert warning["path"] == "removal.scheduled_date"
    assert f"The removal date ({scheduled}) has passed" in warning["message"]
    assert "still in Norway" in warning["message"]


def test_no_removal_no_warning(quiet):
    assert load_case(quiet).data["removal"] is None
    assert warnings_of(quiet) == []


@pytest.mark.parametrize(
    ("scheduled", "today", "warned"),
    [
        ("2012-07-20", date(2012, 7, 20), False),
        ("2012-07-20", date(2012, 7, 21), True),
        ("2012-07", date(2012, 7, 31), False),
        ("2012-07", date(2012, 8, 1), True),
    ],
)
def test_removal_date_past_is_measured_from_the_day_of_checking(quiet, scheduled, today, warned):
    quiet["removal"] = {"scheduled_date": "2999", "destination": "UZ"}
    data = load_case(quiet).data
    data["removal"]["scheduled_date"] = PartialDate.parse(scheduled)
    paths = [warning["path"] for warning in legal_warnings(data, today=today)]
    assert paths == (["removal.scheduled_date"] if warned else [])


# --- Online sources: URL and access date --------------------------------------------------------

URL = "https://eurasianet.org/uzbekistan-asylum-seeker-fears-deportation-from-norway"
ACCESSED = {"date-parts": [[2026, 11, 27]]}


@pytest.mark.parametrize(
    ("item", "paths"),
    [
        ({"type": "article-newspaper", "URL": URL}, ["sources.1.accessed"]),
        ({"type": "article-newspaper", "URL": URL, "accessed": ACCESSED}, []),
        ({"type": "webpage"}, ["sources.1.URL", "sources.1.accessed"]),
        ({"type": "post-weblog", "accessed": ACCESSED}, ["sources.1.URL"]),
        ({"type": "article-magazine", "URL": URL}, ["sources.1.accessed"]),
        ({"type": "post", "URL": URL, "accessed": ACCESSED}, []),
        ({"type": "report", "URL": URL}, ["sources.1.accessed"]),  # anything read online
        ({"type": "report", "URL": URL, "accessed": ACCESSED}, []),
        ({"type": "report"}, []),
        ({"type": "legal_case", "number": "CAT/C/48/D/444/2010"}, []),
    ],
    ids=lambda value: "-".join(value) if isinstance(value, dict) else None,
)
def test_online_source(quiet, item, paths):
    quiet["sources"].append({"id": "online", "title": "Uzbekistan: Asylum Seeker", **item})
    warnings = warnings_of(quiet)
    assert [warning["path"] for warning in warnings] == paths
    messages = " ".join(warning["message"] for warning in warnings)
    if "sources.1.accessed" in paths:
        assert "An online source should give the date it was accessed" in messages
    if "sources.1.URL" in paths:
        assert "An online source should give its URL" in messages


# --- Pinpoints still to be checked --------------------------------------------------------------


def cite(case: dict, part: str, citation: dict) -> dict:
    """Makes ``citation`` the only source of the first item of ``part``, creating the item."""
    if part == "risk_factors":
        case["risk_factors"] = [{"factor": "past_torture", "description": "Tortured in 2011."}]
    elif part == "procedural_history":
        case["procedural_history"] = [{**STEP, "outcome": "refused"}]
    case[part][0]["sources"] = [citation]
    return case


@pytest.mark.parametrize("part", ["events", "risk_factors", "procedural_history"])
def test_unverified_pinpoint_warned(quiet, part):
    cite(quiet, part, {"source": "hrw-2011", "pinpoint": "p 27", "verified": False})
    warning = only_warning(quiet)
    assert warning["path"] == f"{part}.0.sources.0.verified"
    assert "The pinpoint p 27 in 'hrw-2011' is not verified" in warning["message"]
    assert "check it against the source before filing" in warning["message"]


@pytest.mark.parametrize("part", ["events", "risk_factors", "procedural_history"])
@pytest.mark.parametrize("citation", [{"pinpoint": "p 27", "verified": True}, {"pinpoint": "p 27"}])
def test_verified_pinpoint_not_warned(quiet, part, citation):
    cite(quiet, part, {"source": "hrw-2011", **citation})
    assert warnings_of(quiet) == []


def test_each_unverified_pinpoint_warned_at_its_own_path(rustam, edit):
    edit(rustam, "risk_factors.3.sources.0.verified", False)
    edit(rustam, "risk_factors.4.sources.0.verified", False)
    paths = [w["path"] for w in warnings_of(rustam) if w["path"].endswith(".verified")]
    assert "risk_factors.3.sources.0.verified" in paths
    assert "risk_factors.4.sources.0.verified" in paths
    assert "risk_factors.3.sources.1.verified" not in paths


def test_unverified_citation_without_pinpoint_reads_well(quiet):
    cite(quiet, "events", {"source": "hrw-2011", "verified": False})
    message = only_warning(quiet)["message"]
    assert "  " not in message and "pinpoint  in" not in message


# --- Facts without a source ---------------------------------------------------------------------


def test_fact_without_source_warned(quiet):
    del quiet["events"][0]["sources"]
    warning = only_warning(quiet)
    assert warning["path"] == "events.0.sources"
    assert "No source or annex supports this fact" in warning["message"]


def test_fact_with_an_empty_source_list_warned(quiet):
    quiet["events"].append({**quiet["events"][0], "sources": [], "annexes": []})
    assert only_warning(quiet)["path"] == "events.1.sources"


def test_fact_supported_by_an_annex_only_not_warned(quiet):
    quiet["annexes"] = [{"id": "medical-report", "title": "Istanbul Protocol medical report"}]
    quiet["events"][0] = {**quiet["events"][0], "sources": [], "annexes": ["medical-report"]}
    assert warnings_of(quiet) == []


def test_minimal_fixture_warns_of_its_unsourced_fact(minimal):
    assert [w["path"] for w in warnings_of(minimal)] == ["events.0.sources"]


# --- What the exhaustion of domestic remedies still lacks ----------------------------------------


def test_a_step_of_unknown_outcome_is_warned(quiet):
    quiet["procedural_history"] = [{**STEP, "outcome": "not_known"}]
    warning = only_warning(quiet)
    assert warning["path"] == "procedural_history.0.outcome"
    assert "The outcome is not known" in warning["message"]


def test_norways_courts_must_be_accounted_for_once_a_step_is_recorded(quiet):
    del quiet["remedies_not_used"]
    assert warnings_of(quiet) == []  # no step recorded: nothing to account for yet
    quiet["procedural_history"] = [{**STEP, "outcome": "refused"}]
    warning = only_warning(quiet)
    assert warning["path"] == "remedies_not_used"
    assert "temporary injunction (midlertidig forføyning)" in warning["message"]
    quiet["procedural_history"].append({**STEP, "id": "court", "kind": "interim_relief",
                                        "authority": "Oslo District Court", "outcome": "refused"})
    assert warnings_of(quiet) == []


# --- An access date after the signature date ----------------------------------------------------


@pytest.mark.parametrize(
    ("signed", "accessed", "warned"),
    [("2012-07-10", [2012, 7, 10], False), ("2012-07-10", [2012, 7, 11], True),
     ("2012-07", [2012, 7, 31], False), ("2012", [2013, 1, 1], True),
     (None, [2999, 1, 1], True), (None, [2012, 7, 10], False)],
)
def test_access_date_after_the_signature_date(quiet, signed, accessed, warned):
    quiet["sources"][0].update(URL=URL, accessed={"date-parts": [accessed]})
    quiet["signature"] = {"date": signed}
    if not warned:
        assert warnings_of(quiet) == []
        return
    warning = only_warning(quiet)
    assert warning["path"] == "sources.0.accessed"
    assert "after " + ("the signature date" if signed else "today") in warning["message"]


def test_an_appeal_letter_to_norway_names_the_ground_of_protection_claimed(quiet):
    quiet["procedural_history"] = [{**STEP, "outcome": "refused"}]
    assert warnings_of(quiet) == []
    quiet["appeal"]["protection_grounds"] = []
    warning = only_warning(quiet)
    assert warning["path"] == "appeal.protection_grounds"
    quiet["respondent_state"] = "SE"  # no profile: the letter names no provision to choose
    assert "appeal.protection_grounds" not in [w["path"] for w in warnings_of(quiet)]


def test_activity_after_leaving_not_argued_is_warned(quiet):
    """The letter states the rule on activity abroad (utl s 28 fourth paragraph) only where the
    case argues it; a case with such activity and no argument is told so."""
    quiet["procedural_history"] = [{**STEP, "outcome": "refused"}]
    quiet["events"][0]["category"] = "sur_place"
    warning = only_warning(quiet)
    assert warning["path"] == "appeal.sur_place"
    assert "section 28 fourth paragraph of the Immigration Act" in warning["message"]
    quiet["appeal"]["sur_place"] = "It is not an offence in Norway and was not done to obtain a permit."
    assert warnings_of(quiet) == []


@pytest.mark.parametrize("signed, newer", [
    ("2012-07-10", None),  # CAT/C/UZB/CO/3 was the latest on the fixture's own date
    ("2015-03-01", "CAT/C/UZB/CO/4"),
    (None, "CAT/C/UZB/CO/5"),  # signed today
])
def test_a_source_superseded_before_the_signature_date_is_warned(rustam, signed, newer):
    """The user's own concluding observations are matched to docgen's authorities by symbol."""
    rustam["signature"]["date"] = signed
    warned = [w for w in warnings_of(rustam) if w["path"] == "sources.2"]
    if newer is None:
        assert warned == []
        return
    (warning,) = warned
    assert warning["message"].startswith(f"CAT/C/UZB/CO/3 was superseded by {newer} (")
    assert "cite the version in force then" in warning["message"]


def test_a_source_docgen_has_no_versions_of_is_not_warned(rustam):
    rustam["signature"]["date"] = None
    rustam["sources"][2]["number"] = "CAT/C/XYZ/CO/1"
    rustam["sources"][2]["id"] = "own-co"
    for item in rustam["risk_factors"]:
        for citation in item["sources"]:
            if citation["source"] == "cat-co-uzb-3":
                citation["source"] = "own-co"
    assert not [w for w in warnings_of(rustam) if w["path"] == "sources.2"]


# --- The same matter before the Committee and the European Court of Human Rights ----------------

# Article 22(5)(a) of the Convention against Torture, as the warnings quote it.
SAME_MATTER = ("‘the same matter has not been, and is not being, examined under another procedure of "
               "international investigation or settlement’ (article 22(5)(a) of the Convention against Torture)")


def test_an_application_to_the_court_that_the_case_does_not_list_is_warned(quiet):
    quiet["interim_measures"] = {"application": "lodged", "application_reference": "12345/12"}
    warning = only_warning(quiet)
    assert warning["path"] == "interim_measures.application"
    assert warning["message"].startswith(
        "An application has been lodged with the European Court of Human Rights (application no. 12345/12), "
        "but other_procedures does not list it")
    assert SAME_MATTER in warning["message"] and "List the application under other_procedures" in warning["message"]


@pytest.mark.parametrize("change", ["listed", "not lodged", "no complaint"])
def test_an_application_to_the_court_is_not_warned_when_the_complaint_can_say_so(quiet, change):
    quiet["interim_measures"] = {"application": "lodged"}
    if change == "listed":  # the complaint names it, and the user says it is another matter
        quiet["other_procedures"] = [{"body": "ECtHR", "status": "pending", "same_matter": False}]
    elif change == "not lodged":
        quiet["interim_measures"] = {"application": "to_follow"}
    else:  # the case makes no complaint to the Committee
        quiet["claims"] = [{"instrument": "ECHR", "article": "3"}]
    assert warnings_of(quiet) == []


def test_a_request_to_the_court_is_told_of_the_committee_only_where_the_case_complains_to_it(quiet):
    """The case alone cannot show a Rule 39 request: the document that makes one says it."""
    case = load_case(quiet)
    (warning,) = court_request_warnings(case.data)
    assert warning["path"] == "other_procedures" and SAME_MATTER in warning["message"]
    assert warning["message"].startswith("This request puts the matter before the European Court of Human Rights")
    quiet["other_procedures"] = [{"body": "ECtHR", "status": "pending", "same_matter": True}]
    assert court_request_warnings(load_case(quiet).data) == []
    quiet["other_procedures"] = []
    quiet["claims"] = [{"instrument": "ECHR", "article": "3"}]
    assert court_request_warnings(load_case(quiet).data) == []
