"""The standalone requests for interim measures: the rule 114 request to the Committee speaks
in the words of the complaint's own request, names the removal once, and says how to reach
someone when the removal is carried out; a case without a removal or a contact is refused by
path."""

from __future__ import annotations

import re
from datetime import date

import pytest

from docgen.case import load_case
from docgen.case.addressees import sent_to
from docgen.model import context
from docgen.model.build import NotFinal, build_document
from docgen.model.document import BlockKind, Document
from docgen.model.kinds import CaseLacks
from docgen.render import render, warnings
from reading import assert_error, pdf_page_texts, pdf_words, post_json
from test_law_in_force import signed_today


def build(data: dict, kind: str = "cat-interim-measures", public: bool = False) -> Document:
    return build_document(load_case(data), kind, public=public)


def texts(document: Document, kind: BlockKind | None = None) -> list[str]:
    return [b.text for b in document.blocks if kind is None or b.kind is kind]


def paragraph(document: Document, start: str) -> str:
    return next(text for text in texts(document) if text.startswith(start))


# --- one text with the complaint's request -------------------------------------------------------


def test_the_request_is_the_complaints_in_the_same_words(rustam):
    complaint, request = build(rustam, "cat-complaint"), build(rustam)
    assert texts(complaint, BlockKind.URGENT) == texts(request, BlockKind.URGENT)
    asked = "The complainant asks the Committee, under rule 114"
    assert paragraph(complaint, asked).replace("while this complaint", "while the complaint that will follow") \
        == paragraph(request, asked)
    harm = "If removed, the complainant would face"
    assert paragraph(complaint, harm).replace("for the reasons set out below under ‘The complaint’", "for these reasons") \
        == paragraph(request, harm)
    timing = "No date of removal has been notified"
    # The request says it at the end of its paragraph on the removal.
    assert paragraph(request, "The complainant may be removed to Uzbekistan on the strength").endswith(
        paragraph(complaint, timing))
    # The rule 114 footnote is the complaint's, whichever version of the rules it cites.
    assert complaint.footnotes[0].text == request.footnotes[0].text and "rule 114" in request.footnotes[0].text


def test_the_risk_is_the_complaints_factor_by_factor_in_its_order(rustam):
    """One paragraph for each factor the complaint argues under a heading of its own, in the same
    words and order (General Comment No 4's): the request stays within two pages."""
    complaint, request = build(rustam, "cat-complaint"), build(rustam)
    argued: list[list[str]] = []
    for block in complaint.blocks[[b.text for b in complaint.blocks].index("The complaint: article 3 of the Convention") + 1:]:
        if block.kind is BlockKind.SUBHEADING:
            argued.append([])
        elif block.kind is BlockKind.HEADING:
            break
        elif argued and block.kind is BlockKind.NUMBERED:
            argued[-1].append(block.text)
    # The complaint's argument follows its last factor's (the fixture's three on returnees).
    assert [len(paragraphs) for paragraphs in argued] == [1, 1, 1, 1, 4]
    argued[-1].pop()
    start = [b.text for b in request.blocks].index("The risk") + 1
    risk = [b.text for b in request.blocks[start:start + len(argued)]]
    assert risk == [" ".join(paragraphs) for paragraphs in argued]
    # Each sentence keeps its own footnote, in the complaint's order of sources.
    assert [n.text for n in request.footnotes[2:]] == [
        "ibid para 2.", "ibid.", "ibid.", request.footnotes[5].text, "Cleek (n 2) para 6.",
        request.footnotes[7].text, "Abdussamatov (n 8) para 2.3."]


@pytest.mark.parametrize("signed", ["2012", "today"])
def test_one_or_two_pages(rustam, signed):
    case = rustam if signed == "2012" else signed_today(rustam)
    pages = pdf_page_texts(render(load_case(case), "cat-interim-measures", "pdf"))
    assert len(pages) <= 2
    # The signature is on a page with the request's words, not alone.
    assert "Signature" in pages[-1] and "If removed" in pages[-1]


def test_a_removal_without_a_date_is_said_once(rustam):
    document = build(rustam)
    assert texts(document, BlockKind.URGENT) == [
        "URGENT: request for interim measures under rule 114 of the Committee’s rules of procedure. "
        "The complainant may be removed to Uzbekistan."]
    assert " ".join(texts(document)).count("No date of removal has been notified") == 1


def test_a_date_and_time_of_removal_are_given_once(rustam):
    rustam["removal"]["scheduled_date"] = "2012-07-20"
    rustam["removal"]["scheduled_time"] = "06:30"
    document = build(rustam)
    assert texts(document, BlockKind.URGENT) == [
        "URGENT: request for interim measures under rule 114 of the Committee’s rules of procedure. "
        "The complainant may be removed to Uzbekistan on 20 July 2012 at 06:30."]
    whole = " ".join(texts(document))
    assert whole.count("20 July 2012") == 1 and "No date of removal" not in whole
    # What the case says of the removal is still there, once.
    assert whole.count("The complainant is detained for the purpose of removal") <= 1


def test_who_is_at_risk_and_where_held(rustam):
    document = build(rustam)
    assert texts(document, BlockKind.ITEM) == [
        "Alisher Bahodirovich Nazarov, born on 14 March 1986, a national of Uzbekistan: detained, "
        "Oslo, Norway, since 12 June 2012"]
    public = build(rustam, public=True)
    assert texts(public, BlockKind.ITEM)[0].startswith("Rustam (pseudonym), a national of Uzbekistan: detained")
    rustam["complainants"][0]["location"] = {"kind": "at_liberty", "place": "Bergen", "country": "NO"}
    assert texts(build(rustam), BlockKind.ITEM)[0].endswith("a national of Uzbekistan: at liberty, Bergen, Norway")
    rustam["complainants"][0]["location"] = {"kind": "unknown"}
    assert texts(build(rustam), BlockKind.ITEM)[0].endswith("a national of Uzbekistan: whereabouts unknown")
    assert "Present whereabouts: unknown" in texts(build(rustam, "cat-complaint"), BlockKind.ITEM)


def test_the_decision_and_the_remedies_that_do_not_suspend_removal(rustam):
    document = build(rustam)
    assert any("on the strength of the decision of the Immigration Appeals Board (UNE) of 12 June 2012"
               in text and "(Annex 2)" in text for text in texts(document))
    assert paragraph(document, "The complainant may be removed to Uzbekistan on the strength").endswith(
        "The request for reversal pending before the Immigration Appeals Board (UNE) does not suspend the removal. "
        "No date of removal has been notified, so the removal may take place before the Committee could act on a "
        "later request.")
    # Only the annexes it relies on, under their numbers in the case.
    assert [t for t in texts(document, BlockKind.PLAIN) if t.startswith("Enclosed")] == [
        "Enclosed: Annex 2, Decision refusing the third application for asylum (12 June 2012); Annex 3, Statement "
        "of Mutabar Tadjibaeva confirming his employment by Jarayon since August 2010, with copies "
        "of e-mails (July 2012)."]


@pytest.mark.parametrize("state, reference, words", [
    ("to_follow", None, "will follow as soon as possible"),
    ("attached", None, "is attached to this request"),
    ("lodged", "CAT/123/2012", "already submitted to the Committee (reference CAT/123/2012)"),
])
def test_what_follows_the_request(rustam, state, reference, words):
    rustam["interim_measures"] = {"complaint": state, "complaint_reference": reference}
    document = build(rustam)
    assert sum(words in text for text in texts(document)) == 1


def test_the_representative_is_reachable_on_a_number_that_does_not_break(rustam):
    document = build(rustam)
    contact = ("Contact at the time of removal: Ingrid Hansen, Nordic Asylum Law Centre, telephone "
               "+47\u00a022\u00a000\u00a000\u00a000, email ingrid.hansen@example.org")
    # Under the banner, before the title: the first thing the Section reads after "URGENT".
    plain = texts(document, BlockKind.PLAIN)
    assert plain.index(contact) == 1 and [b.kind for b in document.blocks][2] is BlockKind.PLAIN


# --- what the request needs ----------------------------------------------------------------------


@pytest.mark.parametrize("change, path", [
    (lambda case: case.update(removal=None), "removal"),
    (lambda case: case["representative"].update(phone=None, email=None), "representative.phone"),
    (lambda case: case.update(representative=None), "complainants.0.contact"),
])
def test_a_case_without_what_the_request_needs_is_refused_by_path(rustam, change, path):
    change(rustam)
    if path == "complainants.0.contact":
        rustam["complainants"][0]["contact"] = None
    with pytest.raises(CaseLacks) as lacking:
        build(rustam)
    assert list(lacking.value.errors) == [path]


def test_the_api_refuses_a_request_without_a_removal_with_422(client, rustam):
    rustam["removal"] = None
    body = assert_error(post_json(client, "/api/v1/documents/cat-interim-measures?format=pdf", rustam),
                        422, "case_incomplete")
    assert list(body["errors"]) == ["removal"]


def test_a_time_needs_a_full_date(rustam):
    from docgen.case import CaseInvalid

    rustam["removal"]["scheduled_time"] = "06:30"
    with pytest.raises(CaseInvalid) as invalid:
        load_case(rustam)
    assert list(invalid.value.errors) == ["removal.scheduled_time"]
    rustam["removal"]["scheduled_time"] = "6.30"
    with pytest.raises(CaseInvalid) as invalid:
        load_case(rustam)
    assert "HH:MM" in invalid.value.errors["removal.scheduled_time"][0]


# --- the request to the European Court of Human Rights under Rule 39 ---------------------------


def echr(data: dict, public: bool = False) -> Document:
    return build(data, "echr-rule-39", public)


def test_marked_as_the_practice_direction_asks(rustam):
    document = echr(rustam)
    assert texts(document, BlockKind.URGENT) == ["Rule 39 – Urgent"]
    plain = texts(document, BlockKind.PLAIN)
    assert ("Person to contact (name and contact details): Ingrid Hansen, Nordic Asylum Law Centre, "
            "telephone +47\u00a022\u00a000\u00a000\u00a000, email ingrid.hansen@example.org") in plain
    assert ("Scheduled date and time of removal and destination: not notified, so removal may take "
            "place at any time; destination Uzbekistan") in plain
    # The marking comes before the title, on the face of the request.
    kinds = [b.kind for b in document.blocks]
    assert kinds.index(BlockKind.URGENT) < kinds.index(BlockKind.TITLE)


def test_the_scheduled_date_and_time(rustam):
    rustam["removal"].update(scheduled_date="2012-07-20", scheduled_time="06:30")
    assert ("Scheduled date and time of removal and destination: 20 July 2012 at 06:30; destination "
            "Uzbekistan") in texts(echr(rustam), BlockKind.PLAIN)


def test_sent_by_the_courts_channel_of_the_signature_date_never_by_email(rustam):
    """Signed 10 July 2012: the dedicated fax line of May 2010, not today's Rule 39 Site."""
    first = texts(echr(rustam), BlockKind.PLAIN)[:2]
    assert first == ["To: European Court of Human Rights, Council of Europe, 67075 Strasbourg Cedex, France",
                     "By fax to +33\u00a03\u00a088\u00a041\u00a039\u00a000, or by post"]
    rustam["signature"]["date"] = None  # signed today
    first = texts(echr(rustam), BlockKind.PLAIN)[:2]
    assert first[1] == ("By the ECHR Rule 39 Site, https://r39.echr.coe.int, or by fax to "
                        "+33\u00a03\u00a090\u00a021\u00a043\u00a050 or +33\u00a03\u00a088\u00a041\u00a039\u00a000, "
                        "or by post")
    assert not any("email" in line.casefold() for line in first)


def test_a_date_before_any_channel_docgen_knows_is_left_to_complete(rustam, monkeypatch):
    # The case's sources are of 2012, so the Court's channel of 2009 is asked for directly.
    monkeypatch.setattr(context, "sent_to", lambda record, on: sent_to(record, date(2009, 6, 1)))
    first = texts(echr(rustam), BlockKind.PLAIN)[0]
    assert first == ("To: European Court of Human Rights [To be completed before filing: the address at which "
                     "the European Court of Human Rights received filings on 10 July 2012.]")
    assert "+33" not in " ".join(texts(echr(rustam)))


@pytest.mark.parametrize("kind", ["cat-complaint", "cat-interim-measures"])
def test_the_committees_address_of_the_signature_date(rustam, kind):
    """Signed 10 July 2012, before the first address docgen knows (August 2012): no later
    address is printed, and the lawyer is told to complete it."""
    first = next(block for block in build(rustam, kind).blocks if block.kind is BlockKind.PLAIN)
    assert first.text == ("To: Committee against Torture [To be completed before filing: the address at which the "
                          "Committee against Torture received filings on 10 July 2012.]")
    # What docgen knows, and where, is the lawyer's review note, not the filing's words.
    assert [(mark.path, mark.note) for mark in first.marks] == [(
        "templates/committee.toml", "docgen knows where the Committee against Torture received filings only "
        "from 21 August 2012: give the address in use on the signature date.")]
    assert "petitions@ohchr.org" not in " ".join(texts(build(rustam, kind)))
    rustam["signature"]["date"] = "2012-09-03"
    assert texts(build(rustam, kind), BlockKind.PLAIN)[0] == (
        "To: Petitions Unit, Office of the United Nations High Commissioner for Human Rights, United Nations "
        "Office at Geneva, 1211 Geneva 10, Switzerland")
    rustam["signature"]["date"] = None  # signed today
    assert texts(build(rustam, kind), BlockKind.PLAIN)[0] == (
        "To: Petitions and Urgent Actions Section, Office of the United Nations High Commissioner for Human "
        "Rights, United Nations Office at Geneva, 8-14 avenue de la Paix, 1211 Geneva 10, Switzerland; "
        "petitions@ohchr.org")


def test_the_rules_of_court_in_force_on_the_signature_date(rustam):
    notes = [note.text for note in echr(rustam).footnotes]  # signed 10 July 2012
    assert notes[0] == "European Court of Human Rights, Rules of Court (1 April 2011 edition) r 39."
    assert not any("2024" in note for note in notes)
    rustam["signature"]["date"] = "2024-04-02"
    assert echr(rustam).footnotes[0].text == "European Court of Human Rights, Rules of Court (28 March 2024 edition) r 39."
    rustam["signature"]["date"] = "2024-03-27"
    assert "(18 October 2021 edition) r 39." in echr(rustam).footnotes[0].text


def test_the_convention_in_oscola_form(rustam):
    notes = [note.text for note in echr(rustam).footnotes]
    assert ("Convention for the Protection of Human Rights and Fundamental Freedoms (European Convention "
            "on Human Rights, as amended) (adopted 4 November 1950, entered into force 3 September 1953) "
            "213 UNTS 221 (ECHR) art 3.") in notes
    assert notes[-1] == "ECHR art 34."


def test_articles_2_and_3_when_both_are_claimed(rustam):
    assert any(h == "The risk under Article 3 of the Convention" for h in texts(echr(rustam), BlockKind.HEADING))
    rustam["claims"].append({"instrument": "ECHR", "article": "2"})
    document = echr(rustam)
    assert "The risk under Articles 2 and 3 of the Convention" in texts(document, BlockKind.HEADING)
    assert "contrary to Article 3 of the Convention, and a real risk to life, contrary to Article 2." \
        in paragraph(document, "If removed")


def test_the_domestic_decisions_and_their_suspensive_effect(rustam):
    document = echr(rustam)
    assert any(text.endswith("Lodging the appeal did not suspend the removal.") for text in texts(document))
    assert "It is pending and does not suspend the removal." in paragraph(document, "On 10 July 2012")
    assert paragraph(document, "The decision of the Immigration Appeals Board (UNE) of 12 June 2012") \
        .endswith("is the final decision on which the removal rests: no remedy now pending suspends it.")


@pytest.mark.parametrize("state, reference, words", [
    ("to_follow", None, "The applicant will lodge an application under Article 34 of the Convention as soon as possible."),
    ("lodged", "12345/12", "The applicant has lodged an application under Article 34 of the Convention (application no. 12345/12)."),
])
def test_whether_an_application_has_been_or_will_be_lodged(rustam, state, reference, words):
    rustam["interim_measures"] = {"application": state, "application_reference": reference}
    assert words in texts(echr(rustam))


@pytest.mark.parametrize("state, signed, party", [
    ("NO", "2012-07-10", True), ("US", "2012-07-10", False),
    ("RU", "2012-07-10", True), ("RU", "2022-09-16", False),
])
def test_only_against_a_party_to_the_convention_on_the_signature_date(rustam, state, signed, party):
    rustam["respondent_state"], rustam["signature"]["date"] = state, signed
    case = load_case(rustam)
    warned = [w for w in case.warnings if w["path"] == "respondent_state" and "European Convention" in w["message"]]
    if party:
        assert echr(rustam).blocks and not warned
        return
    with pytest.raises(CaseLacks) as lacking:
        echr(rustam)
    assert list(lacking.value.errors) == ["respondent_state"]
    assert "is not on" in lacking.value.errors["respondent_state"][0]
    # The case claims under the Convention, so its warnings say so too.
    assert len(warned) == 1 and "is not a party to the European Convention" in warned[0]["message"]


def test_a_pending_step_is_named_in_words_in_every_urgent_request(rustam):
    """Not by its field's value: 'The reversal request', 'The other pending before' no more."""
    request = " ".join(texts(build(rustam)))
    assert ("The request for reversal pending before the Immigration Appeals Board (UNE) does not suspend "
            "the removal.") in request
    assert "reversal request" not in request
    rustam["procedural_history"].append({**rustam["procedural_history"][2], "id": "court", "kind": "other",
                                         "authority": "Oslo District Court", "summary": None})
    assert ("The application pending before the Oslo District Court does not suspend the removal."
            in " ".join(texts(build(rustam))))
    appeal = next(step for step in rustam["procedural_history"] if step["kind"] == "appeal")
    appeal["kind"] = "judicial_review"
    assert "Lodging the application for judicial review did not suspend the removal." in \
        " ".join(texts(echr(rustam)))


# --- the Rule 39 request against the Practice Direction, and the complaint beside it ------------


def printed(data: dict, kind: str = "echr-rule-39") -> str:
    """The words of the PDF the lawyer signs."""
    return pdf_words(render(load_case(data), kind, "pdf"))


def test_a_request_under_the_2024_rules_says_why_the_risk_is_imminent(rustam):
    """Rule 39(1) as amended from 28 March 2024; the 2011 edition that the fixture's date takes
    did not say so, and its request does not."""
    assert "imminent" not in printed(rustam) and "r 39(1)" not in printed(rustam)
    rustam["signature"]["date"] = "2026-11-29"
    rustam["removal"].update(scheduled_date="2026-12-03", scheduled_time="06:30")
    words = printed(rustam)
    assert ("The risk is imminent: the applicant is to be removed on 3 December 2026 at 06:30. Once he is "
            "removed, the harm could not be undone. Rule 39(1) provides for interim measures in cases of "
            "imminent risk of irreparable harm to a Convention right.") in words
    assert [note.text for note in echr(rustam).footnotes][:2] == [
        "European Court of Human Rights, Rules of Court (28 March 2024 edition) r 39.", "ibid r 39(1)."]
    rustam["removal"].update(scheduled_date=None, scheduled_time=None)
    assert "no date of removal has been notified, so the applicant may be removed at any time." in printed(rustam)


def test_a_person_to_contact_without_a_telephone_number_is_left_to_complete(rustam):
    rustam["representative"]["phone"] = None
    marking = paragraph(echr(rustam), "Person to contact")
    assert marking.endswith("email ingrid.hansen@example.org [To be completed before filing: a telephone "
                            "number at which the person to contact can be reached.]")
    assert [mark.path for mark in next(b for b in echr(rustam).blocks if b.text == marking).marks] == [
        "representative.phone"]
    with pytest.raises(NotFinal) as refused:
        build_document(load_case(rustam), "echr-rule-39", final=True)
    assert "representative.phone" in refused.value.errors


def test_the_final_domestic_decision_must_accompany_the_request(rustam):
    assert "Annex 2: Decision refusing the third application for asylum (12 June 2012)" in printed(rustam)
    rustam["procedural_history"][1]["annexes"] = []  # the appeal refused by UNE, with its decision
    words = printed(rustam)
    assert ("Documents enclosed Annex 3: Statement of Mutabar Tadjibaeva" in words
            and "[To be completed before filing: a copy of the decision of the Immigration Appeals Board (UNE) "
                "of 12 June 2012, which must accompany this request.]" in words)
    with pytest.raises(NotFinal) as refused:
        build_document(load_case(rustam), "echr-rule-39", final=True)
    assert "procedural_history.1.annexes" in refused.value.errors


def test_the_request_names_a_complaint_to_the_committee(rustam):
    assert "Other international procedures" not in printed(rustam)
    rustam["other_procedures"] = [{"body": "CAT", "reference": "444/2012", "status": "pending", "same_matter": True}]
    words = printed(rustam)
    assert "Other international procedures" in words
    assert ("A communication has been brought before the Committee against Torture (reference 444/2012). "
            "It is pending. It concerns the same matter as this request.") in words


def test_the_request_tells_its_maker_of_the_committee(rustam):
    """The fixture complains to the Committee (a CAT claim) and lists no procedure before the Court."""
    told = [w for w in warnings(load_case(rustam), "echr-rule-39") if w["path"] == "other_procedures"]
    assert len(told) == 1 and "article 22(5)(a) of the Convention against Torture" in told[0]["message"]
    assert not [w for w in warnings(load_case(rustam), "cat-complaint") if w["path"] == "other_procedures"]
    rustam["other_procedures"] = [{"body": "ECtHR", "status": "pending", "same_matter": True}]
    assert not [w for w in warnings(load_case(rustam), "echr-rule-39") if w["path"] == "other_procedures"]


def test_the_complaint_never_says_no_other_procedure_once_an_application_is_lodged(rustam):
    alone = "The same matter has not been and is not being examined under another procedure"
    assert alone in printed(rustam, "cat-complaint")
    rustam["interim_measures"] = {"application": "lodged", "application_reference": "12345/12"}
    words = printed(rustam, "cat-complaint")
    assert alone not in words
    assert re.search(r"Other international procedures (\d+\. )?An application has been lodged with the "
                     r"European Court of Human Rights \(application no\. 12345/12\)\. \[To be completed before "
                     r"filing: whether it concerns the same matter as this complaint\.\]", words)
    with pytest.raises(NotFinal) as refused:
        build_document(load_case(rustam), "cat-complaint", final=True)
    assert "other_procedures" in refused.value.errors
    # Listed, the application is the complaint's own words, and no bracket is left.
    rustam["other_procedures"] = [{"body": "ECtHR", "reference": "12345/12", "status": "pending", "same_matter": True}]
    words = printed(rustam, "cat-complaint")
    assert "A communication has been brought before the ECtHR (reference 12345/12); its status is: pending. " \
           "It concerns the same matter." in words
    assert "whether it concerns the same matter" not in words


@pytest.mark.parametrize("language, alone, lodged", [
    ("fr", "La même question n’a pas été examinée",
     "Une requête a été introduite devant la Cour européenne des droits de l’homme (requête n°\u00a012345/12)."),
    ("es", "La misma cuestión no ha sido, ni está siendo, examinada",
     "Se ha presentado una demanda ante el Tribunal Europeo de Derechos Humanos (demanda n.º 12345/12)."),
    ("ru", "Этот же вопрос не рассматривался",
     "В Европейский суд по правам человека подана жалоба (жалоба №\u00a012345/12)."),
])
def test_the_complaint_in_each_language_names_the_application_lodged(rustam, language, alone, lodged):
    def whole() -> tuple[str, list[str]]:
        document = build_document(load_case(rustam), "cat-complaint", language=language)
        return " ".join(texts(document)), [mark.path for block in document.blocks for mark in block.marks]
    words, marked = whole()
    assert alone in words and lodged not in words and "other_procedures" not in marked
    rustam["interim_measures"] = {"application": "lodged", "application_reference": "12345/12"}
    words, marked = whole()
    assert alone not in words and lodged in words and "other_procedures" in marked
