"""OSCOLA footnotes and bibliography entries (docgen.model.citations).

Sources the project relies on (the reference case) carry their real details; the others are
invented and only exercise the forms.
"""

from __future__ import annotations

import pytest

from docgen.model.citations import Citations, bibliography_entry
from docgen.model.document import Text


def day(y, m=None, d=None):
    return {"date-parts": [[part for part in (y, m, d) if part is not None]]}


SOURCES = {
    "abdussamatov": {
        "id": "abdussamatov", "type": "legal_case",
        "title": "Abdussamatov and 28 others v Kazakhstan", "title-short": "Abdussamatov",
        "authority": "Committee against Torture", "number": "CAT/C/48/D/444/2010",
        "issued": day(2012, 6, 1),
    },
    "cat-co-uzb-4": {
        "id": "cat-co-uzb-4", "type": "report",
        "author": [{"literal": "Committee against Torture"}],
        "title": "Concluding Observations on the Fourth Periodic Report of Uzbekistan",
        "number": "CAT/C/UZB/CO/4", "issued": day(2013, 12, 10),
    },
    "cat-gc4": {
        "id": "cat-gc4", "type": "report", "author": [{"literal": "Committee against Torture"}],
        "title": "General Comment No 4 (2017) on the Implementation of Article 3 of the Convention"
                 " in the Context of Article 22",
        "title-short": "General Comment No 4", "number": "CAT/C/GC/4", "issued": day(2018, 9, 4),
    },
    "cleek": {
        "id": "cleek", "type": "article-newspaper",
        "author": [{"family": "Cleek", "given": "Ashley"}],
        "title": "Uzbekistan: Asylum Seeker Fears Deportation From Norway",
        "container-title": "Eurasianet", "publisher": "Eurasianet", "issued": day(2012, 7, 9),
        "URL": "https://eurasianet.org/uzbekistan-asylum-seeker-fears-deportation-from-norway",
        "accessed": day(2026, 11, 27),
    },
    "hrw": {
        "id": "hrw", "type": "report", "author": [{"literal": "Human Rights Watch"}],
        "title": "“No One Left to Witness”: Torture, the Failure of Habeas Corpus, and the"
                 " Silencing of Lawyers in Uzbekistan",
        "title-short": "No One Left to Witness", "publisher": "Human Rights Watch",
        "issued": day(2011, 12, 13),
    },
    "rapporteur": {
        "id": "rapporteur", "type": "report",
        "author": [{"given": "Theo", "non-dropping-particle": "van", "family": "Boven"}],
        "title": "Report of the Special Rapporteur on the Question of Torture: Mission to"
                 " Uzbekistan",
        "number": "E/CN.4/2003/68/Add.2", "issued": day(2003),
    },
    "ngo-report": {
        "id": "ngo-report", "type": "report", "author": [{"literal": "Example Watch"}],
        "title": "Returned to Risk", "publisher": "Example Press", "number": "Report No 12",
        "issued": day(2015, 3),
    },
    "othman": {
        "id": "othman", "type": "legal_case", "title": "Othman (Abu Qatada) v United Kingdom",
        "authority": "European Court of Human Rights", "number": "8139/09",
        "issued": day(2012, 1, 17),
    },
    "chahal": {
        "id": "chahal", "type": "legal_case", "title": "Chahal v United Kingdom",
        "authority": "European Court of Human Rights", "container-title": "EHRR",
        "volume": "23", "page": "413", "issued": day(1997),
    },
    "domestic": {
        "id": "domestic", "type": "legal_case", "title": "A v Immigration Appeals Board",
        "authority": "Oslo District Court", "number": "12-000000TVI-OTIR/05",
        "issued": day(2013, 3, 1),
    },
    "print-news": {
        "id": "print-news", "type": "article-newspaper",
        "author": [{"family": "Roe", "given": "John"}], "title": "Deportation Flight Leaves Oslo",
        "container-title": "The Example Times", "publisher-place": "London",
        "issued": day(2012, 7, 10), "page": "5",
    },
    "webpage": {
        "id": "webpage", "type": "webpage", "title": "Country Report: Uzbekistan",
        "container-title": "Example NGO", "issued": day(2020, 5, 5),
        "URL": "https://example.org/uzbekistan", "accessed": day(2026, 6, 1),
    },
    "blog": {
        "id": "blog", "type": "post-weblog", "author": [{"family": "Doe", "given": "Jane"}],
        "title": "Interim Measures and Removal", "container-title": "Example Blog",
        "issued": day(2020, 3, 3), "URL": "https://blog.example.org/im",
        "accessed": day(2026, 4, 1),
    },
    "journal": {
        "id": "journal", "type": "article-journal",
        "author": [{"family": "Doe", "given": "Jane"}],
        "title": "Diplomatic Assurances and Non-Refoulement",
        "container-title": "Example Journal of Refugee Law", "volume": "12", "issue": "3",
        "page": "101-120", "issued": day(2010, 5),
    },
    "journal-no-volume": {
        "id": "journal-no-volume", "type": "article-journal",
        "author": [{"family": "Roe", "given": "Richard"}], "title": "Sur Place Claims",
        "container-title": "Example LR", "page": "44", "issued": day(2010),
    },
    "nowak": {
        "id": "nowak", "type": "book",
        "author": [{"family": "Nowak", "given": "Manfred"},
                   {"family": "McArthur", "given": "Elizabeth"}],
        "title": "The United Nations Convention Against Torture: A Commentary",
        "publisher": "OUP", "publisher-place": "Oxford", "issued": day(2008),
    },
    "edited-book": {
        "id": "edited-book", "type": "book", "editor": [{"family": "Doe", "given": "Jane"}],
        "title": "Refugee Law", "edition": "2", "publisher": "Example Press",
        "issued": day(2015),
    },
    "chapter": {
        "id": "chapter", "type": "chapter", "author": [{"family": "Roe", "given": "John"}],
        "title": "Torture and Return",
        "editor": [{"family": "Doe", "given": "Jane"}, {"family": "Roe", "given": "Richard"}],
        "container-title": "Refugee Law", "publisher": "Example Press", "issued": day(2015),
        "page": "40-60",
    },
    "cat": {
        "id": "cat", "type": "treaty",
        "title": "Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or"
                 " Punishment",
        "title-short": "CAT", "issued": day(1984, 12, 10), "event-date": day(1987, 6, 26),
        "volume": "1465",
        "container-title": "UNTS", "page": "85",
    },
    "hra": {
        "id": "hra", "type": "legislation", "title": "Human Rights Act 1998",
        "title-short": "HRA 1998",
    },
    "thesis": {
        "id": "thesis", "type": "thesis", "author": [{"family": "Doe", "given": "Jane"}],
        "title": "Removal to Torture", "publisher": "Example University", "issued": day(2015),
    },
    "four-authors": {
        "id": "four-authors", "type": "book",
        "author": [{"family": name, "given": "A"} for name in ("Ash", "Birch", "Cedar", "Deal")],
        "title": "Joint Work", "publisher": "Example Press", "issued": day(2001),
    },
}

CAT_TITLE = SOURCES["cat"]["title"]
HRW_TITLE = SOURCES["hrw"]["title"]


def first_note(source_id, pinpoint=None):
    citations = Citations(SOURCES)
    citations.add([(source_id, pinpoint)])
    return citations.footnotes[0]


def italics(runs):
    return [run.text for run in runs if run.italic]


def text(runs):
    return "".join(run.text for run in runs)


FULL_FORMS = [
    ("abdussamatov", "para 13.7",
     "Abdussamatov and 28 others v Kazakhstan (1 June 2012) Communication No 444/2010,"
     " UN Doc CAT/C/48/D/444/2010, para 13.7.",
     ["Abdussamatov and 28 others v Kazakhstan"]),
    ("cat-co-uzb-4", "para 7",
     "Committee against Torture, ‘Concluding Observations on the Fourth Periodic Report of"
     " Uzbekistan’ (10 December 2013) UN Doc CAT/C/UZB/CO/4, para 7.", []),
    ("cat-gc4", "para 11",
     "Committee against Torture, ‘General Comment No 4 (2017) on the Implementation of Article 3"
     " of the Convention in the Context of Article 22’ (4 September 2018) UN Doc CAT/C/GC/4,"
     " para 11.", []),
    ("cleek", "para 2",
     "Ashley Cleek, ‘Uzbekistan: Asylum Seeker Fears Deportation From Norway’ (Eurasianet,"
     " 9 July 2012) <https://eurasianet.org/uzbekistan-asylum-seeker-fears-deportation-from-norway>"
     " accessed 27 November 2026, para 2.", []),
    ("hrw", None, f"Human Rights Watch, {HRW_TITLE} (Human Rights Watch 2011).", [HRW_TITLE]),
    ("rapporteur", "para 68",
     "Theo van Boven, ‘Report of the Special Rapporteur on the Question of Torture: Mission to"
     " Uzbekistan’ (2003) UN Doc E/CN.4/2003/68/Add.2, para 68.", []),
    ("ngo-report", "para 3",
     "Example Watch, Returned to Risk (Example Press, Report No 12, 2015) para 3.",
     ["Returned to Risk"]),
    ("othman", "para 187",
     "Othman (Abu Qatada) v United Kingdom App no 8139/09 (ECtHR, 17 January 2012), para 187.",
     ["Othman (Abu Qatada) v United Kingdom"]),
    ("chahal", "para 80", "Chahal v United Kingdom (1997) 23 EHRR 413, para 80.",
     ["Chahal v United Kingdom"]),
    ("domestic", "para 4",
     "A v Immigration Appeals Board 12-000000TVI-OTIR/05 (Oslo District Court, 1 March 2013),"
     " para 4.", ["A v Immigration Appeals Board"]),
    ("print-news", None,
     "John Roe, ‘Deportation Flight Leaves Oslo’ The Example Times (London, 10 July 2012) 5.",
     ["The Example Times"]),
    ("webpage", None,
     "‘Country Report: Uzbekistan’ (Example NGO, 5 May 2020) <https://example.org/uzbekistan>"
     " accessed 1 June 2026.", []),
    ("blog", "para 5",
     "Jane Doe, ‘Interim Measures and Removal’ (Example Blog, 3 March 2020)"
     " <https://blog.example.org/im> accessed 1 April 2026, para 5.", []),
    ("journal", "105",
     "Jane Doe, ‘Diplomatic Assurances and Non-Refoulement’ (2010) 12(3) Example Journal of"
     " Refugee Law 101, 105.", []),
    ("journal-no-volume", "50", "Richard Roe, ‘Sur Place Claims’ [2010] Example LR 44, 50.", []),
    ("nowak", "127",
     "Manfred Nowak and Elizabeth McArthur, The United Nations Convention Against Torture:"
     " A Commentary (OUP 2008) 127.",
     ["The United Nations Convention Against Torture: A Commentary"]),
    ("edited-book", None, "Jane Doe (ed), Refugee Law (2nd edn, Example Press 2015).",
     ["Refugee Law"]),
    ("chapter", "45",
     "John Roe, ‘Torture and Return’ in Jane Doe and Richard Roe (eds), Refugee Law"
     " (Example Press 2015) 45.", ["Refugee Law"]),
    ("cat", "art 3",
     f"{CAT_TITLE} (adopted 10 December 1984, entered into force 26 June 1987) 1465 UNTS 85 (CAT)"
     " art 3.", []),
    ("hra", "s 6", "Human Rights Act 1998 (HRA 1998), s 6.", []),
    ("thesis", None, "Jane Doe, ‘Removal to Torture’ (Example University, 2015).", []),
    ("four-authors", None, "A Ash and others, Joint Work (Example Press 2001).", ["Joint Work"]),
]


@pytest.mark.parametrize(("source_id", "pinpoint", "expected", "italic"), FULL_FORMS,
                         ids=[row[0] for row in FULL_FORMS])
def test_first_citation_is_the_full_form(source_id, pinpoint, expected, italic):
    note = first_note(source_id, pinpoint)
    assert note.text == expected
    assert italics(note.content) == italic


def test_case_name_is_its_own_italic_run():
    assert first_note("abdussamatov", "para 13.7").content == (
        Text("Abdussamatov and 28 others v Kazakhstan", italic=True),
        Text(" (1 June 2012) Communication No 444/2010, UN Doc CAT/C/48/D/444/2010, para 13.7."),
    )


SHORT_FORMS = [
    ("abdussamatov", "para 13.9", "Abdussamatov (n 1) para 13.9.", ["Abdussamatov"]),
    ("othman", "para 190", "Othman (Abu Qatada) v United Kingdom (n 1) para 190.",
     ["Othman (Abu Qatada) v United Kingdom"]),
    ("cat-gc4", "para 45", "General Comment No 4 (n 1) para 45.", []),
    ("cleek", "para 4", "Cleek (n 1) para 4.", []),
    ("hrw", "p 12", "No One Left to Witness (n 1) p 12.", ["No One Left to Witness"]),
    ("rapporteur", "para 70", "van Boven (n 1) para 70.", []),
    ("cat-co-uzb-4", None, "Committee against Torture (n 1).", []),
    ("webpage", None, "‘Country Report: Uzbekistan’ (n 1).", []),
    ("nowak", "130", "Nowak and McArthur (n 1) 130.", []),
    ("edited-book", "7", "Doe (n 1) 7.", []),
    ("four-authors", "9", "Ash and others (n 1) 9.", []),
    ("cat", "art 22", "CAT art 22.", []),
    ("hra", "s 3", "HRA 1998, s 3.", []),
]


@pytest.mark.parametrize(("source_id", "pinpoint", "expected", "italic"), SHORT_FORMS,
                         ids=[row[0] for row in SHORT_FORMS])
def test_later_citation_is_the_short_form(source_id, pinpoint, expected, italic):
    citations = Citations(SOURCES)
    citations.add([(source_id, "para 1")])
    other = "thesis" if source_id != "thesis" else "blog"
    citations.add([(other, None)])
    assert citations.add([(source_id, pinpoint)]) == 3
    note = citations.footnotes[2]
    assert note.text == expected
    assert italics(note.content) == italic


def test_cross_reference_points_to_the_first_full_citation_not_the_latest():
    citations = Citations(SOURCES)
    for cites in (
        [("hrw", None)], [("cleek", "para 1")], [("abdussamatov", "para 13.7")],
        [("cleek", "para 2")], [("abdussamatov", None)], [("cleek", "para 3")],
    ):
        citations.add(cites)
    assert citations.footnotes[5].text == "Cleek (n 2) para 3."


@pytest.mark.parametrize(("first", "then", "expected"), [
    ("para 2", "para 4", "ibid para 4."),  # another place in it
    ("para 2", "para 2", "ibid."),  # the same place (SOAS's OSCOLA guide: "ibid." alone)
    (None, None, "ibid."),
    # The whole source after one place in it: not "ibid.", which would say that place.
    ("para 2", None, "Cleek (n 1)."),
])
def test_ibid_for_the_same_single_source_as_the_note_before(first, then, expected):
    citations = Citations(SOURCES)
    citations.add([("cleek", first)])
    citations.add([("cleek", then)])
    assert citations.footnotes[1].content == (Text(expected),)


def test_ibid_follows_ibid_and_short_forms():
    citations = Citations(SOURCES)
    for cites in ([("cleek", "para 1")], [("hrw", None)], [("cleek", "para 2")],
                  [("cleek", "para 3")], [("cleek", "para 4")]):
        citations.add(cites)
    assert [note.text for note in citations.footnotes[2:]] == [
        "Cleek (n 1) para 2.", "ibid para 3.", "ibid para 4.",
    ]


def test_no_ibid_after_a_note_citing_two_sources():
    citations = Citations(SOURCES)
    citations.add([("cleek", "paras 5-6"), ("abdussamatov", "para 13.7")])
    citations.add([("abdussamatov", "para 13.9")])
    assert citations.footnotes[1].text == "Abdussamatov (n 1) para 13.9."


def test_no_ibid_for_a_note_citing_two_sources_after_one_of_them():
    citations = Citations(SOURCES)
    citations.add([("cleek", "para 1")])
    citations.add([("cleek", "para 2"), ("hrw", None)])
    assert citations.footnotes[1].text.startswith("Cleek (n 1) para 2; Human Rights Watch, ")


def test_no_ibid_for_a_different_source():
    citations = Citations(SOURCES)
    citations.add([("cleek", "para 1")])
    citations.add([("hrw", None)])
    assert citations.footnotes[1].text == f"Human Rights Watch, {HRW_TITLE} (Human Rights Watch 2011)."


def test_several_sources_in_one_note_are_joined_by_semicolons():
    citations = Citations(SOURCES)
    citations.add([("abdussamatov", "para 13.7")])
    number = citations.add([("cat-co-uzb-4", "para 7"), ("hrw", None), ("abdussamatov", "para 9")])
    note = citations.footnotes[1]
    assert number == note.number == 2
    assert note.text == (
        "Committee against Torture, ‘Concluding Observations on the Fourth Periodic Report of"
        f" Uzbekistan’ (10 December 2013) UN Doc CAT/C/UZB/CO/4, para 7; Human Rights Watch,"
        f" {HRW_TITLE} (Human Rights Watch 2011); Abdussamatov (n 1) para 9."
    )
    assert italics(note.content) == [HRW_TITLE, "Abdussamatov"]
    citations.add([("hrw", "p 3")])
    assert citations.footnotes[2].text == "No One Left to Witness (n 2) p 3."


def test_notes_are_numbered_in_order_and_sources_listed_by_first_citation():
    citations = Citations(SOURCES)
    numbers = [citations.add(cites) for cites in (
        [("cleek", "para 1")], [("cat-gc4", "para 11"), ("cleek", "para 2")],
        [("abdussamatov", None)], [("cat-gc4", None)],
    )]
    assert numbers == [1, 2, 3, 4]
    assert [note.number for note in citations.footnotes] == [1, 2, 3, 4]
    assert citations.cited_ids() == ("cleek", "cat-gc4", "abdussamatov")


def test_every_note_ends_with_one_full_stop():
    sources = {
        "dotted": {"id": "dotted", "type": "webpage", "title": "Returns to Uzbekistan.",
                   "container-title": "Example NGO"},
        "asking": {"id": "asking", "type": "book", "title": "Is It Torture?"},
        **SOURCES,
    }
    citations = Citations(sources)
    citations.add([("dotted", None)])
    citations.add([("cleek", "para 4.")])
    citations.add([("asking", None)])
    for source_id, _, _, _ in FULL_FORMS:
        citations.add([(source_id, None)])
    assert citations.footnotes[0].text == "‘Returns to Uzbekistan.’ (Example NGO)."
    assert citations.footnotes[1].text.endswith("accessed 27 November 2026, para 4.")
    assert citations.footnotes[2].text == "Is It Torture?"
    for note in citations.footnotes[3:]:
        assert note.text.endswith(".") and not note.text.endswith(".."), note.text
        assert note.content[-1] == Text(".") or not note.content[-1].italic


def test_the_full_stop_after_an_italic_title_is_roman():
    note = first_note("hrw")
    assert note.content[-1] == Text(" (Human Rights Watch 2011).")
    sources = {"book": {"id": "book", "type": "book", "title": "Refugee Law"}}
    citations = Citations(sources)
    citations.add([("book", None)])
    assert citations.footnotes[0].content == (Text("Refugee Law", italic=True), Text("."))


def test_bibliography_entries_end_without_a_full_stop():
    assert text(bibliography_entry({**SOURCES["thesis"], "title": "Removal."})).endswith("2015)")


@pytest.mark.parametrize(("typed", "printed"), [
    ("paras 1-2", "paras 1–2"), ("pp 12 - 14", "pp 12–14"), ("paras 13.2-13.4", "paras 13.2–13.4"),
    ("paras 5--6", "paras 5–6"), ("paras 5–6", "paras 5–6"), ("art 1(c)", "art 1(c)"),
    ("Annex A-1", "Annex A-1"),
])
def test_ranges_in_pinpoints_take_an_en_dash(typed, printed):
    citations = Citations(SOURCES)
    citations.add([("cleek", typed)])
    citations.add([("cleek", "para 9")])
    citations.add([("cleek", typed)])
    assert citations.footnotes[0].text.endswith(f"accessed 27 November 2026, {printed}.")
    assert citations.footnotes[2].text == f"ibid {printed}."


def test_quotation_marks_in_notes_are_oscola_curly_single():
    item = {"id": "q", "type": "report", "author": [{"literal": "Example Watch"}],
            "title": "\"We Live in Fear\": Rustam's 'Case' -- and Others", "publisher": "EW",
            "issued": day(2011)}
    note = first_note_of({"q": item}, "q")
    assert note.content[:2] == (
        Text("Example Watch, "),
        Text("‘We Live in Fear’: Rustam’s ‘Case’ – and Others", italic=True),
    )


def test_treaties_give_adoption_and_entry_into_force():
    item = {**SOURCES["cat"], "event-date": None}
    assert first_note_of({"cat": item}, "cat").text == f"{CAT_TITLE} (adopted 10 December 1984) 1465 UNTS 85 (CAT)."
    assert first_note("cat").text == (
        f"{CAT_TITLE} (adopted 10 December 1984, entered into force 26 June 1987) 1465 UNTS 85 (CAT).")


def first_note_of(sources, source_id):
    citations = Citations(sources)
    citations.add([(source_id, None)])
    return citations.footnotes[0]


@pytest.mark.parametrize(("issued", "expected"), [
    (day(2012), "(2012)"),
    (day(2012, 7), "(July 2012)"),
    (day(2012, 7, 9), "(9 July 2012)"),
    ({"date-parts": [[2012, 7], [2012, 8]]}, "(July 2012)"),
    ({"literal": "Summer 2012"}, "(Summer 2012)"),
])
def test_dates_are_as_precise_as_the_source(issued, expected):
    sources = {"doc": {**SOURCES["cat-co-uzb-4"], "issued": issued}}
    citations = Citations(sources)
    citations.add([("doc", None)])
    assert f"Uzbekistan’ {expected} UN Doc CAT/C/UZB/CO/4" in citations.footnotes[0].text


def test_books_and_journals_give_the_year_only():
    sources = {"book": {**SOURCES["nowak"], "issued": day(2008, 5, 1)},
               "article": {**SOURCES["journal"], "issued": day(2010, 5, 2)}}
    citations = Citations(sources)
    citations.add([("book", None)])
    citations.add([("article", None)])
    assert citations.footnotes[0].text.endswith("(OUP 2008).")
    assert "(2010) 12(3)" in citations.footnotes[1].text


BIBLIOGRAPHY = [
    ("cleek",
     "Cleek A, ‘Uzbekistan: Asylum Seeker Fears Deportation From Norway’ (Eurasianet,"
     " 9 July 2012) <https://eurasianet.org/uzbekistan-asylum-seeker-fears-deportation-from-norway>"
     " accessed 27 November 2026", []),
    ("abdussamatov",
     "Abdussamatov and 28 others v Kazakhstan (1 June 2012) Communication No 444/2010,"
     " UN Doc CAT/C/48/D/444/2010", []),
    ("cat-gc4",
     "Committee against Torture, ‘General Comment No 4 (2017) on the Implementation of Article 3"
     " of the Convention in the Context of Article 22’ (4 September 2018) UN Doc CAT/C/GC/4", []),
    ("hrw", f"Human Rights Watch, {HRW_TITLE} (Human Rights Watch 2011)", [HRW_TITLE]),
    ("rapporteur",
     "van Boven T, ‘Report of the Special Rapporteur on the Question of Torture: Mission to"
     " Uzbekistan’ (2003) UN Doc E/CN.4/2003/68/Add.2", []),
    ("nowak",
     "Nowak M and McArthur E, The United Nations Convention Against Torture: A Commentary"
     " (OUP 2008)", ["The United Nations Convention Against Torture: A Commentary"]),
    ("chapter",
     "Roe J, ‘Torture and Return’ in Jane Doe and Richard Roe (eds), Refugee Law"
     " (Example Press 2015)", ["Refugee Law"]),
    ("edited-book", "Doe J (ed), Refugee Law (2nd edn, Example Press 2015)", ["Refugee Law"]),
]


@pytest.mark.parametrize(("source_id", "expected", "italic"), BIBLIOGRAPHY,
                         ids=[row[0] for row in BIBLIOGRAPHY])
def test_bibliography_entry(source_id, expected, italic):
    entry = bibliography_entry(SOURCES[source_id])
    assert text(entry) == expected
    assert italics(entry) == italic


@pytest.mark.parametrize(("given", "initials"), [
    ("H. L. A.", "HLA"), ("William H", "WH"), ("Jean-Paul", "J-P"), ("", ""),
])
def test_bibliography_initials(given, initials):
    item = {"type": "book", "author": [{"family": "Hart", "given": given}], "title": "T"}
    assert text(bibliography_entry(item)) == f"Hart {initials}".strip() + ", T"


def test_unknown_source_raises_key_error_and_leaves_the_notes_alone():
    citations = Citations(SOURCES)
    citations.add([("cleek", "para 1")])
    with pytest.raises(KeyError):
        citations.add([("hrw", None), ("no-such-source", None)])
    assert len(citations.footnotes) == 1
    assert citations.cited_ids() == ("cleek",)
    assert citations.add([("hrw", None)]) == 2


def test_a_note_without_sources_is_refused():
    with pytest.raises(ValueError):
        Citations(SOURCES).add([])


def test_text_is_returned_as_given():
    item = {"type": "webpage", "title": "<b>{{ 7*7 }}</b> & Co", "container-title": "A & B"}
    assert text(bibliography_entry(item)) == "‘<b>{{ 7*7 }}</b> & Co’ (A & B)"
