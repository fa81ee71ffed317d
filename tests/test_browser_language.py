"""In Chromium: the language chosen beside a document on the result page is the language of its
preview, fetched again by preview.js when the choice changes (under the app's CSP), and is still
chosen after a trip back to edit the case."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
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
