"""The chronology: every event and every dated step, in date order, with sources and annexes,
read from the model and from the DOCX and PDF it makes."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from docgen.case import load_case
from docgen.model.build import build_document
from docgen.model.document import BlockKind, FootnoteRef
from docgen.render import render
from docx.oxml.ns import qn

from reading import docx_document, pdf_page_texts, pdf_words

RUSTAM = Path(__file__).resolve().parent.parent / "fixtures" / "cases" / "rustam-norway.json"


@pytest.fixture
def case_data() -> dict:
    return json.loads(RUSTAM.read_text(encoding="utf-8"))


def table_of(data: dict, public: bool = False):
    document = build_document(load_case(data), "chronology", public=public)
    (table,) = [block for block in document.blocks if block.kind is BlockKind.TABLE]
    return document, table


def rows(table) -> list[list[str]]:
    """Each row's cells, read as words (a short date is held on one line by no-break spaces:
    see test_a_short_date_is_held_on_one_line_and_a_long_range_may_break)."""
    return [line.replace("\u00a0", " ").split("\t") for line in table.text.split("\n")[1:]]


def test_the_fixtures_events_and_steps_in_date_order_with_annexes(case_data):
    _, table = table_of(case_data)
    assert table.text.split("\n")[0] == "Date\tEvent or step of the proceedings\tAnnex"
    assert [(date, annex) for date, _, annex in rows(table)] == [
        # Approximate dates as the facts print them, capitalised at the head of a cell.
        ("In or before 2006", ""), ("In or before 2006", ""), ("2006", ""), ("August 2010", "3"),
        ("12 June 2012", "2"), ("12 June 2012", ""), ("12 June 2012", "2"), ("10 July 2012", ""),
        ("Not given", ""),
    ]
    events = [what for _, what, _ in rows(table)]
    assert events[3].startswith("Norway: He began working as webmaster of Jarayon")
    assert events[5] == "Appeal refused by the Immigration Appeals Board (UNE) (reference 12/01234-5)."
    assert events[6] == "Decision of the Immigration Appeals Board (UNE) on the appeal notified (reference 12/01234-5)."
    assert events[7] == ("Request for reversal lodged with the Immigration Appeals Board (UNE). "
                         "Pending; it does not suspend the removal.")
    # A step without any date comes last, with what is known of it.
    assert events[8] == ("Application for asylum lodged with the Norwegian immigration authorities. "
                         "Its outcome is not known.")


def test_each_event_cites_its_sources_in_its_cell(case_data):
    document, table = table_of(case_data)
    cited = [[part.number for part in row[1] if isinstance(part, FootnoteRef)] for row in table.rows[1:]]
    assert cited[:3] == [[1], [2], [3]]
    notes = [note.text for note in document.footnotes]
    assert notes[0].startswith("Ashley Cleek, ‘Uzbekistan: Asylum Seeker Fears Deportation From Norway’ "
                               "(Eurasianet, 9 July 2012)") and notes[0].endswith("para 2.")
    assert notes[1] == "ibid."  # the same place as the note before


def test_dates_known_to_the_year_or_month_stand_at_their_earliest_day(case_data):
    case_data["events"] = [
        {**case_data["events"][0], "date": "2012-06-20", "description": "Day in June."},
        {**case_data["events"][0], "date": "2012", "description": "Some time in 2012."},
        {**case_data["events"][0], "date": "2012-06", "description": "Some time in June."},
        {**case_data["events"][0], "date": "2012-01-01", "description": "New year's day."},
        {**case_data["events"][0], "date": "2011-12-31", "description": "The day before."},
    ]
    case_data["procedural_history"], case_data["appeal"]["decision"] = [], None
    _, table = table_of(case_data)
    assert [what.split(": ", 1)[-1] for _, what, _ in rows(table)] == [
        "The day before.", "New year’s day.", "Some time in 2012.", "Some time in June.", "Day in June."]


def test_a_step_gives_a_row_for_each_date_it_has_and_its_sources_and_annexes_once(case_data):
    step = case_data["procedural_history"][1]
    step.update(filed="2012-05-02", decided="2012-06-12", notified="2012-06-14",
                sources=[{"source": "eurasianet-2012", "pinpoint": "para 3"}])
    document, table = table_of(case_data)
    mine = [(date, what, annex) for date, what, annex in rows(table) if "(reference 12/01234-5)" in what]
    assert mine == [
        ("2 May 2012", "Appeal lodged with the Immigration Appeals Board (UNE) (reference 12/01234-5).", ""),
        ("12 June 2012", "Appeal refused by the Immigration Appeals Board (UNE) (reference 12/01234-5).", ""),
        ("14 June 2012", "Decision of the Immigration Appeals Board (UNE) on the appeal notified (reference 12/01234-5).", "2"),
    ]
    notified = next(row for row in table.rows if "notified" in "".join(getattr(p, "text", "") for p in row[1]))
    assert isinstance(notified[1][-1], FootnoteRef)
    assert document.footnotes[notified[1][-1].number - 1].text == "ibid para 3."


def test_a_planned_removal_closes_the_chronology(case_data):
    case_data["removal"]["scheduled_date"] = "2012-07-20"
    _, table = table_of(case_data)
    assert rows(table)[-2] == ["20 July 2012", "Removal to Uzbekistan planned.", ""]
    assert rows(table)[-1][0] == "Not given"


def test_the_public_edition_names_the_pseudonym(case_data):
    document, _ = table_of(case_data, public=True)
    plain = [block.text for block in document.blocks if block.kind is BlockKind.PLAIN]
    pseudonym = case_data["complainants"][0]["pseudonym"]
    assert plain[0] == f"{pseudonym}, national of Uzbekistan"
    assert "Nazarov" not in "\n".join(block.text for block in document.blocks)


def test_the_docx_is_one_word_table_and_the_pdf_prints_every_row(case_data):
    case = load_case(case_data)
    _, table = table_of(case_data)
    word = docx_document(render(case, "chronology", "docx"))
    (word_table,) = word.tables
    assert word_table.style.name == "Filing Table"
    assert [[cell.text for cell in row.cells] for row in word_table.rows] == [
        line.split("\t") for line in table.text.split("\n")]
    words = pdf_words(render(case, "chronology", "pdf"))
    assert re.search(r"Date Event or step of the proceedings Annex In or before 2006 Uzbekistan: Before he fled", words)
    assert "10 July 2012 Request for reversal lodged with the Immigration Appeals Board (UNE)." in words


def test_an_event_without_a_source_is_marked_in_its_own_row(case_data):
    """A draft marks an unsourced event where the lawyer reads it: its row, highlighted, with the
    note under its words (PDF) and a Word comment around that row alone (DOCX); not a list of
    field paths above the table, nor a comment on the whole table."""
    case_data["events"].append({"date": "2009~", "category": "threat", "description": "His brother was questioned."})
    case = load_case(case_data)
    _, table = table_of(case_data)
    (mark,) = table.marks
    assert (mark.path, rows(table)[mark.row - 1][:2]) == (
        "events.5.sources", ["Around 2009", "His brother was questioned."])
    words = pdf_words(render(case, "chronology", "pdf"))
    assert re.search(r"Around 2009 His brother was questioned\. To verify: No source or annex supports this "
                     r"fact: every factual claim should be footnoted\. \[events\.5\.sources\] August 2010", words)
    word = docx_document(render(case, "chronology", "docx"))
    body = word.element.body
    (marked,) = [row for row in body.iter(qn("w:tr")) if row.findall(".//" + qn("w:commentRangeStart"))]
    assert "".join(t.text for t in marked.iter(qn("w:t"))) == "Around\u00a02009His brother was questioned."
    assert len(marked.findall(".//" + qn("w:commentRangeEnd"))) == 1
    highlighted = [row for row in body.iter(qn("w:tr")) if row.findall(".//" + qn("w:highlight"))]
    assert highlighted == [marked]


def test_a_long_chronology_repeats_its_header_and_splits_no_row(case_data):
    """Sixty rows run over several pages: each page starts with the header row, and each row is
    whole on one page (its date, its first words and its last)."""
    filler = "What happened that day, in enough words to fill two or three lines of the middle column. "
    case_data["events"] += [
        {"date": f"{2000 + i // 12}-{i % 12 + 1:02d}-{i % 27 + 1:02d}", "category": "other",
         "description": f"Event {i} began. {filler * (1 + i % 3)}Event {i} ended.",
         "sources": [{"source": "eurasianet-2012", "pinpoint": f"para {i % 6 + 1}"}]}
        for i in range(51)]
    pdf = render(load_case(case_data), "chronology", "pdf")
    pages = [re.sub(r"\s+", " ", page) for page in pdf_page_texts(pdf)]
    table_pages = [page for page in pages if re.search(r"Event \d+ began\.", page)]
    assert len(table_pages) > 3
    for page in table_pages:
        assert page.count("Date Event or step of the proceedings Annex") == 1
    assert pages[0].index("Date Event or step") < pages[0].index("Event 0 began")
    for page in table_pages[1:]:
        assert page.startswith("Date Event or step of the proceedings Annex")
    for i, event in enumerate(case_data["events"][-51:]):
        (page,) = [page for page in pages if f"Event {i} began." in page]
        day = date.fromisoformat(event["date"])
        assert f"{day.day} {day:%B %Y} Event {i} began." in page and f"Event {i} ended." in page, i
    rows_printed = sum(len(re.findall(r"Event \d+ began\.", page)) for page in pages)
    assert rows_printed == 51


def test_a_longer_approximate_date_keeps_a_column_wide_enough_to_read_in_word(case_data):
    """A date of more than twenty characters ("Between 2007 and 2008") made the Word table's date
    column share the width with the events by length: some 500 twips, a letter or two a line."""
    case_data["events"].append({"date": "between 2007 and 2008", "category": "threat",
                                "description": "Letters were sent.",
                                "sources": [{"source": "eurasianet-2012", "pinpoint": "para 2"}]})
    word = docx_document(render(load_case(case_data), "chronology", "docx"))
    widths = [int(column.get(qn("w:w"))) for column in word.element.body.iter(qn("w:gridCol"))]
    date, event, annex = widths
    # Room for "In or before 2006" on one line (11-point Liberation Serif: under 130 twips a
    # character, 200 of padding), and the events still the widest column.
    assert date >= len("In or before 2006") * 130 + 200
    assert event > date > annex


def test_filed_alone_it_says_on_which_day_it_was_prepared_and_by_whom(case_data):
    """'Pending' is true on a day: the chronology says which, as the signature gives it."""
    words = pdf_words(render(load_case(case_data), "chronology", "pdf"))
    assert ("Respondent State: Norway. Removal to: Uzbekistan. Prepared on 10 July 2012 by Ingrid Hansen, "
            "Nordic Asylum Law Centre. Date Event or step") in words
    case_data["signature"]["date"], case_data["representative"] = None, None
    document, _ = table_of(case_data)
    assert not any(block.text.startswith("Prepared") for block in document.blocks)


def test_a_short_date_is_held_on_one_line_and_a_long_range_may_break(case_data):
    """The date column is no wider than its short dates need: a long approximate range breaks
    between its words rather than widening the column at the events' expense (it was kept on
    one line, and took half the table's width)."""
    case_data["events"].append({"date": "between 2006-09-12 and 2008-10-15", "category": "threat",
                                "description": "Letters were sent.",
                                "sources": [{"source": "eurasianet-2012", "pinpoint": "para 2"}]})
    _, table = table_of(case_data)
    dates = [line.split("\t")[0] for line in table.text.split("\n")[1:]]
    assert "In\u00a0or\u00a0before\u00a02006" in dates and "12\u00a0June\u00a02012" in dates
    assert "Between 12 September 2006 and 15 October 2008" in dates
    page = PdfReader(io.BytesIO(render(load_case(case_data), "chronology", "pdf"))).pages[0]
    starts = {}

    def where(text, cm, tm, font, size):
        for words in ("Letters were sent", "He fled Uzbekistan"):
            if text.startswith(words):
                starts[words] = cm[4] + tm[4] * cm[0]

    page.extract_text(visitor_text=where)
    width = float(page.mediabox.width)
    # The events' column starts where it does for the short dates, a third of the way across.
    assert starts["Letters were sent"] == pytest.approx(starts["He fled Uzbekistan"])
    assert starts["Letters were sent"] < width / 3
