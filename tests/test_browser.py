"""The form in a real browser: Debian's Chromium, driven by Playwright, against the real service.

The service runs as it would in production (`docgen serve`, as a subprocess on a free loopback
port), with its Content-Security-Policy, so the script and the preview are tested under it.
Screenshots go to tests/artifacts/ (not committed), to be looked at.
"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import docx
import pypdf
import pytest
from playwright.sync_api import Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
FACT = "The complainant was tortured in police custody."


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _command(port: int) -> list[str]:
    docgen = Path(sys.executable).with_name("docgen")
    has_serve = subprocess.run([str(docgen), "serve", "--help"], capture_output=True).returncode == 0
    if has_serve:
        return [str(docgen), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"]
    flask = Path(sys.executable).with_name("flask")
    return [str(flask), "--app", "docgen.web:create_app", "run", "--host", "127.0.0.1", "--port", str(port)]


@pytest.fixture(scope="module")
def server():
    port = _free_port()
    process = subprocess.Popen(_command(port), cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, env=dict(os.environ, PYTHONUNBUFFERED="1"))
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(url + "/", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode(errors="replace") if process.poll() is not None else ""
                    pytest.fail(f"the service did not start: {output[-2000:]}")
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), "Chromium is missing: run .ci/setup (Debian's chromium package)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True,
                                  base_url=server)
    page = context.new_page()
    page.console_messages = []  # type: ignore[attr-defined]
    page.on("console", lambda message: page.console_messages.append(message.text))
    page.on("pageerror", lambda error: page.console_messages.append(f"page error: {error}"))
    yield page
    context.close()


def field(page: Page, name: str):
    return page.locator(f'[name="{name}"]')


def test_fill_fix_and_download_in_a_browser(page: Page, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto("/")
    expect(page.locator("h1")).to_have_text("The case")
    page.screenshot(path=ARTIFACTS / "form.png", full_page=True)

    # A small case, as fixtures/cases/minimal.json, with one mistake: 30 February.
    field(page, "complainants.0.pseudonym").fill("A.")
    field(page, "complainants.0.legal_name").fill("Aziz Example")
    field(page, "complainants.0.id").fill("a")
    field(page, "complainants.0.birth_date").fill("1986-02-30")
    field(page, "complainants.0.nationality").fill("UZ")
    field(page, "respondent_state").fill("NO")
    field(page, "country_of_origin").fill("UZ")
    field(page, "events.0.date").fill("2011")
    field(page, "events.0.category").select_option("torture")
    field(page, "events.0.description").fill(FACT)
    field(page, "claims.0.instrument").select_option("CAT")
    field(page, "claims.0.article").fill("3")

    # Rows added by the script, without a round trip: a source, then a citation of it.
    page.evaluate("window.noReload = true")
    page.get_by_role("button", name="Add a source", exact=True).click()
    field(page, "sources.0.id").fill("eurasianet-2012")
    field(page, "sources.0.type").select_option("article-newspaper")
    field(page, "sources.0.title").fill("Uzbekistan: Asylum Seeker Fears Deportation From Norway")
    field(page, "sources.0.container-title").fill("Eurasianet")
    field(page, "sources.0.issued.date-parts").fill("2012-07-09")
    page.locator("#field-events\\.0\\.sources > button.add").click()
    citation = field(page, "events.0.sources.0.source")
    expect(citation).to_be_focused()
    citation.select_option("eurasianet-2012")
    field(page, "events.0.sources.0.pinpoint").fill("para 2")
    assert page.evaluate("window.noReload") is True

    page.get_by_role("button", name="Check and preview").first.click()
    summary = page.locator("#form-errors")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    birth = field(page, "complainants.0.birth_date")
    expect(birth).to_have_value("1986-02-30")
    expect(birth).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#field-complainants\\.0\\.birth_date-error")).to_contain_text("does not exist")
    # Everything else typed is still there.
    expect(field(page, "complainants.0.legal_name")).to_have_value("Aziz Example")
    expect(field(page, "events.0.description")).to_have_value(FACT)
    expect(field(page, "events.0.sources.0.source")).to_have_value("eurasianet-2012")
    expect(field(page, "sources.0.title")).to_have_value("Uzbekistan: Asylum Seeker Fears Deportation From Norway")
    expect(page.locator(".section-nav a[href='#section-people'] .count")).to_have_text("1 to fix")
    page.screenshot(path=ARTIFACTS / "errors.png")

    # The summary's link takes the keyboard to the field; fix it there.
    summary.get_by_role("link").first.click()
    expect(birth).to_be_focused()
    page.screenshot(path=ARTIFACTS / "error-field.png")
    birth.fill("1986-03-14")
    page.keyboard.press("Enter")  # the form's default button is "Check and preview"

    expect(page.locator("h1")).to_have_text("The documents are ready")
    expect(page.locator("iframe.preview").first).to_be_hidden()  # rendered only when opened
    page.locator("details.preview > summary").first.click()
    preview = page.frame_locator("iframe.preview").first
    expect(preview.locator("body")).to_contain_text("tortured in police custody")
    frame = page.frames[1]
    assert "Serif" in frame.evaluate("getComputedStyle(document.documentElement).fontFamily")
    page.screenshot(path=ARTIFACTS / "result.png")

    with page.expect_download() as pdf_download:
        page.locator("button[value='cat-complaint.pdf']").click()
    assert pdf_download.value.suggested_filename == "cat-complaint.pdf"
    pdf_path = tmp_path / "complaint.pdf"
    pdf_download.value.save_as(pdf_path)
    pdf_text = "".join(p.extract_text() for p in pypdf.PdfReader(pdf_path).pages)
    assert "tortured in police custody" in " ".join(pdf_text.split())

    with page.expect_download() as docx_download:
        page.locator("button[value='appeal-letter.docx']").click()
    docx_path = tmp_path / "appeal.docx"
    docx_download.value.save_as(docx_path)
    document = docx.Document(io.BytesIO(docx_path.read_bytes()))
    assert "Aziz Example" in "\n".join(p.text for p in document.paragraphs)

    refused = [m for m in page.console_messages if "Content Security Policy" in m or "page error" in m]
    assert refused == []


def test_rows_are_added_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False, base_url=server)
    page = context.new_page()
    try:
        page.goto("/")
        field(page, "events.0.description").fill(FACT)
        page.get_by_role("button", name="Add an event").click()
        expect(field(page, "events.1.description")).to_be_visible()
        expect(field(page, "events.1.date")).to_be_focused()
        expect(field(page, "events.0.description")).to_have_value(FACT)
        page.get_by_role("button", name="Remove event 1").click()
        expect(field(page, "events.1.description")).to_have_count(0)
        expect(field(page, "events.0.description")).to_have_value("")
    finally:
        context.close()
