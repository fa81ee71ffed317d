"""A filing cites the law in force on its signature date, and says nothing the case did not give.

The fixture is signed on 10 July 2012; the same case signed on 28 November 2026 (with the 2012
concluding observations replaced by the 2020 ones, as a filing of that date would cite) must cite
the other set. Both are read back from the PDF and DOCX files a lawyer would send.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from docgen.case import load_case
from docgen.case.authorities import AuthoritiesInvalid, _check, authorities, families, in_force
from docgen.render import render
from reading import docx_footnotes, pdf_page_texts

RUSTAM = Path(__file__).resolve().parent.parent / "fixtures" / "cases" / "rustam-norway.json"

# What each date cites, and the words of the test of risk in force then.
IN_2012 = ("CAT/C/3/Rev.5", "A/53/44, annex IX", "CAT/C/UZB/CO/3", "personal and present")
TODAY = ("CAT/C/3/Rev.6", "CAT/C/GC/4", "CAT/C/UZB/CO/5", "foreseeable, personal, present and real")
# The documents that argue the law, and which of each set they cite: the letter does not cite the
# rules of procedure. (The chronology cites only the case's own sources.)
CITED_BY = {"cat-complaint": slice(None), "appeal-letter": slice(1, None)}


def signed_today(case: dict) -> dict:
    today = copy.deepcopy(case)
    today["signature"]["date"] = "2026-11-28"
    today["sources"] = [s for s in today["sources"] if s["id"] != "cat-co-uzb-3"] + [{
        "id": "cat-co-uzb-5", "type": "report", "author": [{"literal": "Committee against Torture"}],
        "title": "Concluding Observations on the Fifth Periodic Report of Uzbekistan",
        "title-short": "Concluding Observations on Uzbekistan (2020)", "number": "CAT/C/UZB/CO/5",
        "issued": {"date-parts": [[2020, 1, 14]]}}]
    factor = next(r for r in today["risk_factors"] if r["factor"] == "pattern_of_violations")
    factor["description"] = ("In its concluding observations on Uzbekistan of 2020, the Committee against Torture "
                             "regretted reports that prosecutors and judges tend to disregard and decline to "
                             "investigate allegations that confessions were obtained through torture.")
    factor["sources"] = [{"source": "cat-co-uzb-5", "pinpoint": "para 8"}]
    return today


@pytest.fixture(scope="module")
def cases() -> dict[str, dict]:
    fixture = json.loads(RUSTAM.read_text(encoding="utf-8"))
    return {"2012": fixture, "today": signed_today(fixture)}


def whole(text: str) -> str:
    """The text with its line breaks and hyphenation undone, so that a phrase can be searched."""
    return re.sub(r"\s+", " ", text.replace("/\n", "/"))


@pytest.mark.parametrize("kind", list(CITED_BY))
@pytest.mark.parametrize("signed", ["2012", "today"])
def test_each_date_cites_its_own_set_and_not_the_others(cases, kind, signed):
    case = load_case(cases[signed])
    own, other = (IN_2012, TODAY) if signed == "2012" else (TODAY, IN_2012)
    pdf = whole("\n".join(pdf_page_texts(render(case, kind, "pdf"))))
    docx = whole(" ".join(text for _, text in docx_footnotes(render(case, kind, "docx"))))
    for text in (pdf, docx):
        for cited in own[:3][CITED_BY[kind]]:
            assert cited in text, (kind, signed, cited)
        for not_cited in other[:3]:
            assert not_cited not in text, (kind, signed, not_cited)
    assert own[3] in pdf
    assert other[3] not in pdf


def test_the_fixture_as_it_was_refused_names_the_late_sources(cases):
    from docgen.case import CaseInvalid

    broken = copy.deepcopy(cases["2012"])
    broken["sources"][2]["number"] = "CAT/C/UZB/CO/4"
    broken["sources"][2]["issued"] = {"date-parts": [[2013, 12, 10]]}
    with pytest.raises(CaseInvalid) as refused:
        load_case(broken)
    assert list(refused.value.errors) == ["sources.2.issued"]
    assert "'cat-co-uzb-3' is dated 10 December 2013, after the signature date (10 July 2012)" in \
        refused.value.errors["sources.2.issued"][0]


@pytest.mark.parametrize(
    ("family", "day", "version"),
    [("cat-gc", "1997-11-21", "cat-gc1"), ("cat-gc", "2017-12-05", "cat-gc1"),
     ("cat-gc", "2017-12-06", "cat-gc4"), ("cat-rules", "2012-07-10", "cat-rules-rev5"),
     ("cat-rules", "2014-01-01", "cat-rules-rev6"), ("cat-co-uzb", "2013-12-09", "cat-co-uzb-3"),
     ("cat-co-uzb", "2020-01-14", "cat-co-uzb-5"), ("cat", "2012-07-10", "cat")],
)
def test_a_family_resolves_to_the_version_in_force(family, day, version):
    from datetime import date

    assert in_force(family, date.fromisoformat(day)) == version


def test_every_version_says_what_it_replaced_both_ways():
    for versions in families().values():
        for before, after in zip(versions, versions[1:]):
            assert before["custom"]["replaced-by"] == after["id"]
            assert after["custom"]["replaces"] == before["id"]
        assert "replaces" not in versions[0]["custom"] and "replaced-by" not in versions[-1]["custom"]


def test_a_broken_chain_fails_when_the_authorities_load():
    broken = copy.deepcopy(authorities())
    del broken["cat-gc4"]["custom"]["replaces"]
    broken["cat-gc1"]["custom"]["replaced-by"] = "cat-gc9"
    with pytest.raises(AuthoritiesInvalid, match="cat-gc1: replaced-by 'cat-gc9'"):
        _check(broken)
