"""From a case to the document model: what the filings say, in what order, with which footnotes.

Built from fixtures/cases/rustam-norway.json and variations of it; read through the model's
blocks and footnotes, the same words every writer prints.
"""

from __future__ import annotations

import re

import pytest
from expected import EXPECTED, fit
from reading import fold_typography

from docgen.case import load_case
from docgen.model.build import build_document
from docgen.model.kinds import KINDS, CaseLacks
from docgen.model.document import Block, BlockKind, Document, FootnoteRef



def build(data: dict, kind: str, public: bool = False) -> Document:
    return build_document(load_case(data), kind, public=public)


def texts(document: Document, kind: BlockKind | None = None) -> list[str]:
    return [b.text for b in document.blocks if kind is None or b.kind is kind]


def words(document: Document) -> list[str]:
    """The text of each block, a table's cell by cell, leaving out the empty cells."""
    found = []
    for block in document.blocks:
        cells = [Block(BlockKind.PLAIN, cell) for row in block.rows for cell in row]
        found.extend(cell.text for cell in cells if cell.text) if block.rows else found.append(block.text)
    return found


def whole_text(document: Document) -> str:
    return "\n".join([*texts(document), *(note.text for note in document.footnotes)])


def section(document: Document, heading_words: str) -> list:
    """The blocks under the first heading holding ``heading_words``, up to the next heading."""
    blocks = list(document.blocks)
    start = next(i for i, b in enumerate(blocks) if b.kind is BlockKind.HEADING and heading_words in b.text)
    end = next((i for i in range(start + 1, len(blocks)) if blocks[i].kind is BlockKind.HEADING), len(blocks))
    return blocks[start + 1:end]


def calls(document: Document) -> list[int]:
    return [part.number for block in document.blocks for part in block.inlines if isinstance(part, FootnoteRef)]


def with_complainants(data: dict, count: int) -> dict:
    """The case with ``count`` complainants: Rustam and relatives who fled with him."""
    first = data["complainants"][0]
    others = [("Bobur", "Bobur Alisherovich Karimov"), ("Dilnoza", "Dilnoza Rustamovna Yusupova")]
    for number, (pseudonym, legal_name) in enumerate(others[: count - 1], start=2):
        data["complainants"].append(
            {
                "id": f"complainant-{number}",
                "pseudonym": pseudonym,
                "legal_name": legal_name,
                "birth_date": f"19{88 + number}-0{number}-1{number}",
                "nationality": "UZ",
                "sex": "female" if number == 3 else "male",
                "location": first["location"],
            }
        )
    return data


def without_profile(data: dict, state: str = "GB") -> dict:
    """The case against a State docgen has no jurisdiction profile for, with its own authorities."""
    data["respondent_state"] = state
    data["procedural_history"] = [
        {"id": "claim", "kind": "asylum_application", "authority": "Home Office", "reference": "HO/123/2011",
         "filed": "2011-02-01", "decided": "2011-09-01", "notified": "2011-09-05", "outcome": "refused"},
        {"id": "tribunal", "kind": "appeal", "authority": "First-tier Tribunal (Immigration and Asylum Chamber)",
         "reference": "PA/01234/2011", "filed": "2011-09-10", "decided": "2012-06-12", "notified": "2012-06-12",
         "outcome": "dismissed"},
    ]
    data["appeal"]["decision"] = "tribunal"
    return data


# --- the order of the complaint ------------------------------------------------------------------

CAT_SECTIONS = EXPECTED["cat-complaint"].headings


@pytest.mark.parametrize("kind", KINDS)
def test_the_sections_are_the_kinds_in_its_order(rustam, kind):
    headings = texts(build(rustam, kind), BlockKind.HEADING)
    expected = EXPECTED[kind].headings
    assert len(headings) == len(expected), headings
    for heading, words in zip(headings, expected, strict=True):
        assert words.casefold() in heading.casefold(), (heading, words)


def test_the_complaints_request_refers_to_the_section_that_argues_the_risk(rustam):
    document = build(rustam, "cat-complaint")
    headings = texts(document, BlockKind.HEADING)
    # The interim-measures request refers the Committee to the section that argues the risk by
    # its heading, which must exist.
    assert "for the reasons set out below under ‘The complaint’." in next(
        t for t in texts(document) if "irreparable" in t
    )
    assert headings[8].startswith("The complaint") and "article 3" in headings[8]


def test_interim_measures_come_first_marked_urgent_when_a_removal_is_pending(rustam):
    document = build(rustam, "cat-complaint")
    kinds = [b.kind for b in document.blocks]
    urgent = kinds.index(BlockKind.URGENT)
    first_heading = kinds.index(BlockKind.HEADING)
    assert kinds.index(BlockKind.TITLE) < urgent < first_heading
    assert "interim measures" in document.blocks[urgent].text and "rule 114" in document.blocks[urgent].text
    assert "Uzbekistan" in document.blocks[urgent].text
    assert document.blocks[first_heading].text == "Request for interim measures"
    request = section(document, "interim measures")
    assert request[0].label == "1"
    assert "rule 114" in request[0].text and "not to remove the complainant to Uzbekistan" in request[0].text
    # The date of removal is unknown in the fixture: the request says so.
    assert any("No date of removal has been notified" in b.text for b in request)


def test_a_scheduled_removal_date_is_given(rustam):
    rustam["removal"]["scheduled_date"] = "2012-07-20"
    document = build(rustam, "cat-complaint")
    assert "may be removed to Uzbekistan on 20 July 2012" in document.blocks[
        [b.kind for b in document.blocks].index(BlockKind.URGENT)].text
    assert any(t.startswith("The removal is scheduled for 20 July 2012.") for t in texts(document))
    letter = build(rustam, "appeal-letter")
    assert any("on 20 July 2012" in t for t in texts(letter, BlockKind.URGENT))


@pytest.mark.parametrize("kind", KINDS)
def test_without_a_removal_there_is_no_interim_measures_request_nor_urgent_banner(rustam, kind):
    rustam["removal"] = None
    if KINDS[kind].needs(load_case(rustam).data):  # a request for interim measures itself
        with pytest.raises(CaseLacks) as lacking:
            build(rustam, kind)
        assert list(lacking.value.errors) == ["removal"]
        return
    document = build(rustam, kind)
    assert texts(document, BlockKind.URGENT) == []
    assert not any("interim measures" in h for h in texts(document, BlockKind.HEADING))
    assert "rule 114" not in whole_text(document)
    # The rest is still there, in order.
    if kind == "cat-complaint":
        headings = texts(document, BlockKind.HEADING)
        for heading, words in zip(headings, CAT_SECTIONS[1:], strict=True):
            assert words.casefold() in heading.casefold()


def test_without_a_removal_no_section_is_missing_from_a_sequence(rustam):
    """Headings carry no typed letters, so leaving out interim measures leaves no gap at "A"."""
    rustam["removal"] = None
    headings = texts(build(rustam, "cat-complaint"), BlockKind.HEADING)
    assert headings[0] == "The complainant"
    assert not any(heading[:2] in {f"{letter}." for letter in "ABCDEFGHIJK"} for heading in headings)


def test_the_signature_closes_the_complaint_after_the_annexes(rustam):
    document = build(rustam, "cat-complaint")
    blocks = list(document.blocks)
    annexes = [i for i, b in enumerate(blocks) if b.kind is BlockKind.ITEM and b.label[0].isdigit()]
    tail = [b.text for b in blocks[annexes[-1] + 1:]]
    assert tail == ["Oslo, 10 July 2012", "Signature: ______________________________",
                    "Ingrid Hansen, Nordic Asylum Law Centre, for the complainant"]
    assert all(b.kind is BlockKind.PLAIN for b in blocks[annexes[-1] + 1:])


def test_annexes_are_numbered_and_referred_to_by_their_number(rustam):
    document = build(rustam, "cat-complaint")
    listed = [(b.label, b.text) for b in section(document, "Annexes") if b.kind is BlockKind.ITEM]
    assert [label for label, _ in listed] == ["1.", "2.", "3.", "4."]
    assert listed[0][1] == "Signed authorisation of the representative (2 July 2012)"
    assert listed[2][1].startswith("Statement of Mutabar Tadjibaeva")
    whole = whole_text(document)
    assert "authorisation dated 2 July 2012 is attached (Annex 1)" in whole
    assert "(Annex 3)" in next(t for t in texts(document) if t.startswith("August 2010, Norway."))


def test_facts_are_in_date_order_whatever_the_order_of_the_case(rustam):
    rustam["events"].reverse()
    rustam["events"].insert(2, {"date": "2011-03-05", "place": "Oslo", "category": "sur_place",
                                "description": "He spoke at a demonstration outside the Uzbek embassy."})
    case = load_case(rustam)
    document = build_document(case, "cat-complaint")
    facts = [b for b in section(document, "facts")]
    assert all(b.kind is BlockKind.NUMBERED for b in facts)
    by_description = {e["description"]: e["date"] for e in case.data["events"]}
    dates = [next(d for text, d in by_description.items()
                  if fold_typography(text.rstrip(".")) in fold_typography(b.text)) for b in facts]
    assert len(facts) == len(case.data["events"])
    assert [d.sort_key for d in dates] == sorted(d.sort_key for d in dates)
    # Events of the same date keep the order the case gives them (here reversed).
    assert [b.text.split(".")[0] for b in facts] == [
        "In or before 2006, Uzbekistan", "In or before 2006, Uzbekistan", "2006", "August 2010, Norway", "5 March 2011, Oslo",
        "12 June 2012, Oslo",
    ]
    assert facts[0].text.endswith("imprisoned and tortured for founding it.") and "Movement for Freedom" in facts[1].text
    # Each fact carries its source.
    assert all(isinstance(b.content[-1], FootnoteRef) for b in facts if "demonstration" not in b.text)


def test_the_article_3_argument_goes_risk_factor_by_risk_factor_in_general_comment_order(rustam):
    rustam["risk_factors"].reverse()
    document = build(rustam, "cat-complaint")
    argument = section(document, "article 3")
    assert [b.text for b in argument if b.kind is BlockKind.SUBHEADING] == [
        "Past torture",
        "Political activity in the country of origin",
        "Political activity abroad",
        "A consistent pattern of gross violations of human rights",
        "The treatment of persons returned",
    ]
    # Each subheading is followed by the factor it names.
    after = {argument[i].text: argument[i + 1].text for i, b in enumerate(argument) if b.kind is BlockKind.SUBHEADING}
    assert after["Past torture"].startswith("He was imprisoned and tortured")
    assert after["Political activity abroad"].startswith("Since August 2010 he has worked as webmaster of Jarayon")
    assert argument[0].text.startswith("Article 3 of the Convention prohibits")
    assert argument[-1].text.startswith("Taken together")


def test_exhaustion_lists_each_domestic_step_and_why_the_pending_one_is_ineffective(rustam):
    steps = [b.text for b in section(build(rustam, "cat-complaint"), "Exhaustion")]
    assert steps[0].startswith("The complainant applied for asylum to the Norwegian immigration authorities. "
                               "The outcome of the application is not known.")
    # The outcome is said of the step, not by naming the authority a second time.
    assert steps[1].startswith("The complainant appealed to the Immigration Appeals Board (UNE). The appeal was "
                               "refused on 12 June 2012 (reference 12/01234-5); the decision "
                               "was notified on 12 June 2012.")
    assert steps[2].startswith("On 10 July 2012, the complainant asked the Immigration Appeals Board (UNE) to "
                               "reverse its decision. It is pending and does not suspend the removal.")
    assert "cannot prevent the removal" in steps[3] and "article 22(5)(b)" in steps[3]
    # Whether the courts were tried is not in the case: the draft says what is missing, and the
    # conclusion that remedies are exhausted is not reached.
    assert steps[4].startswith("[To be completed before filing: whether the complainant brought an action "
                               "against the State before the Norwegian courts")
    assert "exhausted all available" not in " ".join(steps)


# --- numbering and footnotes --------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_numbered_paragraphs_run_from_1_to_n(rustam, kind):
    labels = [b.label for b in build(rustam, kind).blocks if b.kind is BlockKind.NUMBERED]
    assert len(labels) >= EXPECTED[kind].numbered
    assert labels == [str(n) for n in range(1, len(labels) + 1)]


@pytest.mark.parametrize("kind", KINDS)
def test_every_footnote_is_called_once_in_order(rustam, kind):
    document = build(rustam, kind)
    assert len(document.footnotes) >= EXPECTED[kind].footnotes
    assert [note.number for note in document.footnotes] == list(range(1, len(document.footnotes) + 1))
    assert calls(document) == [note.number for note in document.footnotes]


@pytest.mark.parametrize("kind", KINDS)
def test_footnotes_follow_oscola_ibid_and_cross_references(rustam, kind):
    notes = build(rustam, kind).footnotes
    by_number = {note.number: note.text for note in notes}
    for note in notes:
        assert note.text.endswith(".") and not note.text.endswith(".."), note  # OSCOLA 1.1
        if note.text.startswith("ibid"):
            # ibid stands for the one source of the note just before.
            before = by_number[note.number - 1]
            assert ";" not in before, (note, before)
        for short, first in re.findall(r"(?:^|; )([^;]+?) \(n (\d+)\)", note.text):
            first = int(first)
            assert first < note.number
            # "(n N)" points to the note where the source is cited in full (beside, perhaps,
            # other sources cited short)...
            target = by_number[first]
            full = [part for part in target.split("; ") if short in part]
            assert full and not full[0].startswith("ibid") and "(n " not in full[0], (note, target)
            # ...and is ibid when that note, citing this source alone, is the one just before
            # (unless it cites the whole source after a place in it, which "ibid." would not say).
            if first == note.number - 1 and ";" not in note.text and not note.text.endswith(f"(n {first})."):
                assert ";" in target, (note.text, target)
    assert any(note.text.startswith("ibid") for note in notes)
    if any("(n " in citation for citation in EXPECTED[kind].citations):  # a source cited apart
        assert any(re.search(r"\(n \d+\)", note.text) for note in notes)


def test_complaint_footnotes_in_full_then_short_then_ibid(rustam):
    notes = build(rustam, "cat-complaint").footnotes
    text = {note.number: note.text for note in notes}
    assert text[1] == "Committee against Torture, ‘Rules of Procedure’ (February 2011) UN Doc CAT/C/3/Rev.5, rule 114."
    assert text[3] == (
        "Ashley Cleek, ‘Uzbekistan: Asylum Seeker Fears Deportation From Norway’ (Eurasianet, 9 July 2012) "
        "<https://eurasianet.org/uzbekistan-asylum-seeker-fears-deportation-from-norway> accessed 10 July 2012, paras 1–2."
    )
    assert text[4] == "ibid para 1."
    assert text[5] == "Convention against Torture art 22(5)(b)."
    assert text[6] == "Cleek (n 3) para 2."
    assert text[12].endswith("UN Doc A/53/44, annex IX.")  # General Comment No 1, in force in 2012
    # The decision is cited as a whole for what the Committee found, and by paragraph for the facts.
    assert text[18] == (
        "Cleek (n 3) para 5; Abdussamatov and 28 others v Kazakhstan (1 June 2012) Communication No 444/2010, "
        "UN Doc CAT/C/48/D/444/2010."
    )
    assert text[19] == "Abdussamatov (n 18) para 2.3."
    # Case names and the titles of NGO reports are italic; UN documents and articles are quoted.
    italic = [part.text for note in notes for part in note.content if part.italic]
    assert italic == [
        "‘No One Left to Witness’: Torture, the Failure of Habeas Corpus, and the Silencing of Lawyers in Uzbekistan",
        "Abdussamatov and 28 others v Kazakhstan",
        "Abdussamatov",
    ]


def test_appeal_letter_cites_the_decision_short_after_its_first_full_citation(rustam):
    rustam["appeal"]["new_evidence"].append({
        "description": "The decision of the Committee against Torture in Abdussamatov.",
        "available_from": "2012-07-11",  # the day the final text was distributed
        "sources": [{"source": "abdussamatov", "pinpoint": "para 1.1"}]})
    notes = [note.text for note in build(rustam, "appeal-letter").footnotes]
    first = next(n for n, text in enumerate(notes, 1) if "Abdussamatov and 28 others v Kazakhstan" in text)
    assert "Abdussamatov and 28 others v Kazakhstan (1 June 2012) Communication No 444/2010" in notes[first - 1]
    cleek = next(n for n, text in enumerate(notes, 1) if text.startswith("Ashley Cleek"))
    assert notes[-2] == f"Cleek (n {cleek}) para 5; Abdussamatov (n {first})."
    assert notes[-1] == f"Abdussamatov (n {first}) para 2.3."


# --- several complainants ------------------------------------------------------------------------


def test_three_complainants_are_each_listed_and_the_complaint_speaks_in_the_plural(rustam):
    document = build(with_complainants(rustam, 3), "cat-complaint")
    names = ["Alisher Bahodirovich Nazarov", "Bobur Alisherovich Karimov", "Dilnoza Rustamovna Yusupova"]
    assert f"{names[0]}; {names[1]}; {names[2]} v Norway" in texts(document, BlockKind.PLAIN)
    assert texts(document, BlockKind.HEADING)[1] == "The complainants"
    people = section(document, "complainants")
    assert [b.text for b in people if b.kind is BlockKind.SUBHEADING] == names
    for name in names:
        assert f"Name: {name}" in [b.text for b in people]
    assert "Date and place of birth: 12 February 1990" in [b.text for b in people]
    whole = whole_text(document)
    for plural in ("The complainants ask the Committee", "not to remove them to Uzbekistan",
                   "The complainants are represented by", "The complainants claim that Norway",
                   "The complainants applied for asylum", "for the complainants"):
        assert plural in whole, plural
    for singular in ("The complainant asks the Committee", "The complainant is represented",
                     "The complainant has therefore", "for the complainant\n"):
        assert singular not in whole + "\n", singular
    # Each who asks for confidentiality asks in a paragraph of their own.
    confidentiality = [b.text for b in section(document, "Confidentiality")]
    assert [t.split(" asks ")[0] for t in confidentiality] == names
    assert [re.search(r"name ‘([^’]+)’", t).group(1) for t in confidentiality] == ["Rustam", "Bobur", "Dilnoza"]


def test_three_complainants_in_the_appeal_letter(rustam):
    document = build(with_complainants(rustam, 3), "appeal-letter")
    concerning = [t for t in texts(document, BlockKind.PLAIN) if t.startswith("Concerning:")]
    assert concerning == [
        "Concerning: Alisher Bahodirovich Nazarov, born on 14 March 1986, national of Uzbekistan",
        "Concerning: Bobur Alisherovich Karimov, born on 12 February 1990, national of Uzbekistan",
        "Concerning: Dilnoza Rustamovna Yusupova, born on 13 March 1991, national of Uzbekistan",
    ]
    whole = whole_text(document)
    assert "the applicants may be removed to Uzbekistan" in whole
    assert "The applicants rely on article 3" in whole
    assert "for the applicants" in whole


def test_three_complainants_in_the_public_edition_are_their_pseudonyms(rustam):
    document = build(with_complainants(rustam, 3), "cat-complaint", public=True)
    assert "Rustam; Bobur; Dilnoza v Norway" in texts(document, BlockKind.PLAIN)
    whole = whole_text(document)
    for part in ("Nazarov", "Karimov", "Yusupova", "Alisherovich", "Rustamovna"):
        assert part not in whole


def test_several_complainants_are_nationals_in_the_plural(rustam):
    summary = section(build(with_complainants(rustam, 3), "appeal-letter"), "Summary")[0].text
    assert summary.startswith("The applicants, nationals of Uzbekistan, face a real risk")


# --- the appeal letter and the jurisdiction profile ------------------------------------------------


def test_norway_request_for_reversal_goes_to_une_under_section_35_with_section_90(rustam):
    assert rustam["appeal"]["kind"] == "reversal"
    document = build(rustam, "appeal-letter")
    blocks = texts(document)
    assert blocks[0] == "Oslo, 10 July 2012"
    assert blocks[1] == "To: Immigration Appeals Board (UNE)"
    assert texts(document, BlockKind.TITLE) == ["Request for reversal and request for deferred implementation"]
    asks = section(document, "What we ask")
    assert asks[0].text == "On behalf of the applicant, we ask the Immigration Appeals Board:"
    assert (asks[1].label, asks[2].label) == ("(a)", "(b)")
    assert asks[1].text.startswith("to suspend the removal of the applicant to Uzbekistan until this "
                                   "request for reversal has been finally decided (section 90 of the Immigration "
                                   "Act and section 42 of the Public Administration Act)")
    assert asks[2].text.startswith("to reverse the decision of 12 June 2012")
    assert "section 28 first paragraph (a) of the Immigration Act" in asks[2].text
    assert "section 28 first paragraph (b) of the Immigration Act" in asks[2].text
    assert asks[3].text.startswith("This request is made under section 35 of the Public Administration Act, "
                                   "against the final decision of the Immigration Appeals Board.")
    assert "section 16-14 of the Immigration Regulations" not in asks[3].text  # in force from 2018
    assert "29 and 32 of the Public Administration Act" not in whole_text(document)
    assert ("Decision challenged: decision of the Immigration Appeals Board (UNE) of 12 June 2012, "
            "reference 12/01234-5, notified on 12 June 2012") in blocks


def test_norway_appeal_goes_to_udi_under_the_appeal_provisions(rustam):
    rustam["appeal"]["kind"] = "appeal"
    document = build(rustam, "appeal-letter")
    assert texts(document)[1] == "To: Directorate of Immigration (UDI)"
    assert texts(document, BlockKind.TITLE) == ["Appeal and request for deferred implementation"]
    asks = section(document, "What we ask")
    assert asks[0].text == "On behalf of the applicant, we ask the Directorate of Immigration:"
    assert "until this appeal has been finally decided (section 90 of the Immigration Act" in asks[1].text
    assert asks[2].text.startswith("to quash the decision of 12 June 2012")
    # Notified on 12 June 2012, signed on 10 July: the three weeks ended on 3 July.
    assert asks[3].text == (
        "This appeal is lodged with the Directorate of Immigration, which made the decision, under sections 28, "
        "29 and 32 of the Public Administration Act. The time limit is three weeks from the day the notification of the decision reached "
        "the applicant. The decision was notified on 12 June 2012, so the time limit ended on 3 July 2012.")
    assert asks[4].text.startswith("The appeal should be heard although it is lodged after the time limit "
                                   "(section 31 of the Public Administration Act). [To be completed")
    assert "section 35" not in whole_text(document)


@pytest.mark.parametrize("state", ["GB", "SE"])
@pytest.mark.parametrize("appeal_kind", ["appeal", "reversal"])
def test_without_a_profile_the_letter_names_the_authority_that_decided(rustam, state, appeal_kind):
    without_profile(rustam, state)
    rustam["appeal"]["kind"] = appeal_kind
    document = build(rustam, "appeal-letter")
    blocks = texts(document)
    assert blocks[1] == "To: the First-tier Tribunal (Immigration and Asylum Chamber)"
    assert blocks[2] == (
        "Decision challenged: decision of the First-tier Tribunal (Immigration and Asylum Chamber) "
        "of 12 June 2012, reference PA/01234/2011, notified on 12 June 2012"
    )
    title = "Appeal" if appeal_kind == "appeal" else "Request for reconsideration"
    assert texts(document, BlockKind.TITLE) == [f"{title} and request to suspend removal"]
    asks = section(document, "What we ask")
    assert asks[0].text == "On behalf of the applicant, we ask:"
    assert asks[1].text.endswith("has been finally decided; and")
    assert asks[2].text == ("to reverse" if appeal_kind == "reversal" else "to quash") + (
        " the decision of 12 June 2012 and to grant the applicant protection.")
    whole = whole_text(document)
    for norwegian in ("UNE", "UDI", "Immigration Appeals Board", "Directorate of Immigration",
                      "Public Administration Act", "Immigration Act", "deferred implementation"):
        assert norwegian not in whole, norwegian
    # The legal grounds stand without a national statute.
    grounds = section(document, "Legal grounds")[0].text
    assert grounds.endswith("would be threatened.")


def test_without_a_refusal_or_its_reference_the_letter_is_refused_by_path(rustam):
    """A letter must identify the decision it challenges (fvl s 32, utlendingsforskriften s 16-14)."""
    del rustam["procedural_history"][1]["reference"]
    with pytest.raises(CaseLacks) as lacking:
        build(rustam, "appeal-letter")
    assert list(lacking.value.errors) == ["procedural_history.1.reference"]
    for step in rustam["procedural_history"]:
        step["outcome"] = "pending"
        step["decided"] = step["notified"] = None
    rustam["appeal"]["decision"] = None
    with pytest.raises(CaseLacks) as lacking:
        build(rustam, "appeal-letter")
    assert list(lacking.value.errors) == ["appeal.decision"]
    build(rustam, "cat-complaint")  # the complaint needs neither


def test_country_names_read_as_a_sentence_needs_them(rustam):
    rustam["respondent_state"] = "NL"
    rustam["country_of_origin"] = rustam["removal"]["destination"] = "CD"
    for person in rustam["complainants"]:
        person["nationality"] = "CD"
    whole = whole_text(build(rustam, "cat-complaint"))
    assert "brought against the Netherlands" in whole
    assert "removed to the Democratic Republic of the Congo" in whole


# --- wording that reads as a filing ---------------------------------------------------------------


def variants():
    yield "rustam", lambda data: data
    yield "no removal", lambda data: {**data, "removal": None}
    yield "three complainants", lambda data: with_complainants(data, 3)
    yield "no profile", lambda data: without_profile(data, "SE")
    yield "minimal", None


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("variant", [name for name, _ in variants()])
def test_no_template_artefacts_in_the_text(rustam, minimal, kind, variant):
    change = dict(variants())[variant]
    data = fit(kind, minimal if change is None else change(rustam))
    for public in (False, True):
        document = build(data, kind, public=public)
        for text in [*words(document), *(note.text for note in document.footnotes)]:
            assert text.strip() == text and text, repr(text)
            for artefact in ("None", "  ", " .", " ,", " ;", "..", ",,", "{{", "}}", "{%", "%}", "{^", "\\",
                             "the the ", "()", "[]"):
                assert artefact not in text, (artefact, text)


# --- case text is words, never code --------------------------------------------------------------

HOSTILE = [
    "{{ 7*7 }}",
    "{% for x in range(3) %}x{% endfor %}",
    '{{ cite("cat") }}',
    "{^1}",
    "<script>alert(1)</script>",
    "{{ case.complainants[0].legal_name }}",
    "{{ ''.__class__.__mro__ }}",
    "**not bold** # not a heading",
]

# Where the case's text goes: (path, how the field is set).
FIELDS = [
    "events.0.description", "events.0.place", "risk_factors.0.description", "remedies_sought.0",
    "annexes.0.title", "procedural_history.1.summary", "procedural_history.1.reference",
    "claims.0.description", "removal.details", "representative.organisation", "signature.place",
    "appeal.errors.0.text", "appeal.personal_circumstances", "appeal.new_evidence.0.why_new",
    "sources.0.title",
]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("hostile", HOSTILE)
def test_template_code_and_markup_in_the_case_are_printed_literally(rustam, edit, kind, hostile):
    baseline = build(rustam, kind)
    placed = {}
    for number, path in enumerate(FIELDS):
        value = f"field{number} {hostile} end{number}"
        edit(rustam, path, value)
        placed[path] = value
    document = build(rustam, kind)
    whole = fold_typography(whole_text(document))
    used = [path for path, value in placed.items() if fold_typography(value) in whole]
    # Every field the document prints shows the value as typed (and typeset).
    for path, value in placed.items():
        marker = value.split()[0] + " "
        if marker in whole:
            assert fold_typography(value) in whole, (path, value)
    assert len(used) >= EXPECTED[kind].printed_fields, used
    # Nothing was evaluated, and the text gained no footnote and no block.
    assert "49" not in whole_text(baseline) and "49" not in whole
    assert "xxx" not in whole
    assert whole.count("Alisher Bahodirovich Nazarov") == whole_text(baseline).count("Alisher Bahodirovich Nazarov")
    assert len(document.footnotes) == len(baseline.footnotes)
    assert calls(document) == calls(baseline)
    assert [(b.kind, b.label) for b in document.blocks] == [(b.kind, b.label) for b in baseline.blocks]


# --- approximate dates (issue 10) ----------------------------------------------------------------


def test_approximate_dates_are_written_as_approximate_in_both_documents(rustam):
    rustam["events"][2]["date"] = "2006/2007"
    rustam["events"][3]["date"] = "circa 2010-08"
    rustam["complainants"][0]["birth_date"] = "circa 1986"
    rustam["procedural_history"][1]["decided"] = "2012-06~"
    complaint, letter = build(rustam, "cat-complaint"), build(rustam, "appeal-letter")
    for document in (complaint, letter):
        facts = [t for t in texts(document, BlockKind.NUMBERED)
                 if any(words in t for words in ("he founded a non-governmental", "imprisoned and tortured for",
                                                  "He fled Uzbekistan", "He began working"))]
        assert [fact.split(".")[0] for fact in facts] == [
            "In or before 2006, Uzbekistan", "In or before 2006, Uzbekistan",
            "Between 2006 and 2007", "Around August 2010, Norway",
        ]
        assert any("The appeal was refused around June 2012 (reference" in t for t in texts(document))
    assert "Date and place of birth: around 1986, Tashkent" in whole_text(complaint)
    assert "born around 1986, national of" in whole_text(letter)
    assert "decision of the Immigration Appeals Board (UNE) made around June 2012, reference" in whole_text(letter)


def test_approximate_dates_in_the_pdf(rustam):
    from reading import pdf_words

    from docgen.render import render
    rustam["events"][2]["date"] = "2006/2007"
    words = pdf_words(render(load_case(rustam), "cat-complaint", "pdf"))
    assert "In or before 2006, Uzbekistan. Before he fled, he founded" in words
    assert "Between 2006 and 2007. He fled Uzbekistan" in words


# --- the appeal letter argues from the case ------------------------------------------------------


def test_the_letter_never_calls_the_applicant_the_complainant(rustam):
    whole = whole_text(build(rustam, "appeal-letter"))
    assert "complainant" not in whole.casefold()
    assert "the applicant" in whole


def test_the_letter_addresses_activity_after_leaving_under_section_28_fourth_paragraph(rustam):
    grounds = [b.text for b in section(build(rustam, "appeal-letter"), "Legal grounds")]
    sur_place = next(t for t in grounds if "since leaving Uzbekistan" in t)
    assert "Under section 28 fourth paragraph of the Immigration Act, " in sur_place
    assert sur_place.endswith("nothing suggests that its main purpose was to obtain a residence permit: it "
                              "is employment that the editor of the website confirms, and it began four years "
                              "after he fled Uzbekistan.")
    # The provision is stated only with the case's argument under it, never on its own.
    rustam["appeal"]["sur_place"] = None
    assert "fourth paragraph" not in whole_text(build(rustam, "appeal-letter"))


def test_the_provision_on_a_reversal_requests_form_is_cited_only_once_in_force(rustam):
    """Utlendingsforskriften s 16-14 came into force on 1 June 2018: a 2012 request cites none."""
    asks = [b.text for b in section(build(rustam, "appeal-letter"), "What we ask")]
    assert "16-14" not in " ".join(asks)
    assert asks[3].endswith("A request for reversal does not by itself stop the removal, which is why the "
                            "request for deferred implementation is made with it.")
    rustam["signature"]["date"] = "2018-06-01"
    asks = [b.text for b in section(build(rustam, "appeal-letter"), "What we ask")]
    assert ("It is written in English and identifies the decision it asks to be reversed, as section 16-14 "
            "of the Immigration Regulations requires.") in asks[3]


def test_evidence_is_new_only_when_it_arose_after_the_decision(rustam):
    rustam["appeal"]["new_evidence"].append({
        "description": "The decision of the Committee against Torture in Abdussamatov and 28 others v Kazakhstan.",
        "available_from": "2012-06-01", "sources": [{"source": "abdussamatov", "pinpoint": "para 1.1"}]})
    document = build(rustam, "appeal-letter")
    new = [b.text for b in section(document, "New evidence")]
    old = [b.text for b in section(document, "Evidence the decision did not take into account")]
    assert any("Tadjibaeva" in t for t in new) and not any("Abdussamatov" in t for t in new)
    assert any("Abdussamatov" in t for t in old)


def test_a_late_appeal_gives_the_ground_on_which_it_may_still_be_heard(rustam):
    rustam["appeal"]["kind"] = "appeal"
    rustam["appeal"]["late_reason"] = "He was held without access to a lawyer until 5 July 2012."
    asks = [b.text for b in section(build(rustam, "appeal-letter"), "What we ask")]
    assert asks[4] == ("The appeal should be heard although it is lodged after the time limit (section 31 of "
                       "the Public Administration Act). He was held without access to a lawyer until 5 July 2012.")
    rustam["procedural_history"][1]["notified"] = "2012-06-19"  # signed on the last day of the three weeks
    asks = [b.text for b in section(build(rustam, "appeal-letter"), "What we ask")]
    assert asks[3].endswith("so the time limit ends on 10 July 2012, and this appeal is within it.")
    assert not any("after the time limit" in t for t in asks)


def test_the_letter_does_not_list_its_own_request_as_history(rustam):
    own = "asked the Immigration Appeals Board (UNE) to reverse its decision"
    assert own not in whole_text(build(rustam, "appeal-letter"))
    assert own in whole_text(build(rustam, "cat-complaint"))
    rustam["signature"]["date"] = "2012-07-11"  # a letter after the request: history again
    assert own in whole_text(build(rustam, "appeal-letter"))


def test_remedies_are_concluded_exhausted_only_when_the_listed_facts_support_it(rustam):
    conclusion = "The complainant has therefore exhausted all available and effective domestic remedies."

    def exhaustion_text() -> list[str]:
        return [b.text for b in section(build(rustam, "cat-complaint"), "Exhaustion")]

    rustam["procedural_history"][0]["outcome"] = "refused"
    assert conclusion not in exhaustion_text()  # the courts are not accounted for
    rustam["remedies_not_used"] = [{
        "kind": "interim_relief",
        "reason": "No court could decide before the removal, which has no notified date."}]
    steps = exhaustion_text()
    assert steps[-1] == conclusion
    assert any(t.startswith("The complainant did not bring an action against the State before the "
                            "Norwegian courts") for t in steps)
    rustam["procedural_history"][2]["suspensive_effect"] = None  # it may suspend the removal
    assert conclusion not in exhaustion_text()


def test_the_public_confidentiality_request_does_not_repeat_the_pseudonym_as_a_new_name(rustam):
    private = section(build(rustam, "cat-complaint"), "Confidentiality")[0].text
    public = section(build(rustam, "cat-complaint", public=True), "Confidentiality")[0].text
    assert "and to use the name ‘Rustam’ instead" in private
    assert public.startswith("Rustam asks the Committee not to disclose his name or any detail that could "
                             "identify him in its decision. His family")
