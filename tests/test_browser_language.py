"""In Chromium: the language chosen beside a document on the result page is the language of its
preview, fetched again by preview.js when the choice changes (under the app's CSP), and is still
chosen after a trip back to edit the case."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from test_bundle import annex_pdf
from test_browser import browser, page, server  # noqa: F401  (the fixtures, shared)

pytestmark = pytest.mark.slow  # Chromium through Playwright

RUSTAM = Path(__file__).resolve().parent.parent / "fixtures" / "cases" / "rustam-norway.json"


def test_the_preview_follows_the_language_chosen_beside_the_document(page: Page):
    page.goto("/")
    page.locator("[name='_case_file']").set_input_files(RUSTAM)
    page.locator("button[name='_action'][value='open']").click()
    page.locator(".step-buttons button[value='make']").click()
    expect(page.locator("h1")).to_have_text("The documents are ready")
    letter = page.locator("section.document", has=page.locator("#language-appeal-letter"))
    letter.locator("#language-appeal-letter").select_option("nb")
    letter.locator("details.preview > summary").click()
    frame = page.frame_locator("section.document:has(#language-appeal-letter) iframe.preview")
    expect(frame.locator("body")).to_contain_text("Hva vi ber om")
    letter.locator("#language-appeal-letter").select_option("en")  # asked for again, in English
    expect(frame.locator("body")).to_contain_text("What we ask")
    expect(frame.locator("body")).not_to_contain_text("Hva vi ber om")
    # The choice outlives a trip back to edit the case: Norwegian again when the documents are made.
    letter.locator("#language-appeal-letter").select_option("nb")
    page.locator("button[name='_action'][value='edit']").click()
    page.locator(".step-buttons button[value='make']").click()
    expect(page.locator("h1")).to_have_text("The documents are ready")
    expect(page.locator("#language-appeal-letter")).to_have_value("nb")
    assert [m for m in page.console_messages if "error" in m.lower()] == []


def test_the_bundle_is_in_the_language_chosen_beside_its_document(page: Page, tmp_path):
    annex = tmp_path / "decision.pdf"
    annex.write_bytes(annex_pdf("Decision"))
    page.goto("/")
    page.locator("[name='_case_file']").set_input_files(RUSTAM)
    page.locator("button[name='_action'][value='open']").click()
    page.locator(".step-buttons button[value='make']").click()
    page.locator("#language-appeal-letter").select_option("nb")
    page.locator("#bundle-document").select_option("appeal-letter")
    page.locator("input[name='annexes.decision-2012']").set_input_files(annex)
    # A preview opened meanwhile is asked for without the annex (it goes with the bundle only).
    letter = page.locator("section.document", has=page.locator("#language-appeal-letter"))
    with page.expect_request("**/preview") as preview:
        letter.locator("details.preview > summary").click()
    assert b"annexes.decision-2012" not in preview.value.post_data_buffer
    frame = page.frame_locator("section.document:has(#language-appeal-letter) iframe.preview")
    expect(frame.locator("body")).to_contain_text("Hva vi ber om")
    with page.expect_download() as download:
        page.locator("button[formaction='/bundle']").click()
    assert download.value.suggested_filename == "rustam-klage-med-vedlegg-nb-2012-07-10.pdf"
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(Path(download.value.path()).read_bytes())).pages]
    assert any(text.startswith("Vedleggsliste") for text in pages)
    assert "Vedlegg 2 — side 1 av 1" in pages[-1] and "Decision, sheet 1" in pages[-1]
    assert [m for m in page.console_messages if "error" in m.lower()] == []
