"""The interview in a real browser: Debian's Chromium, driven by Playwright, against the real service.

The service runs as it would in production (`docgen serve`, as a subprocess on a free loopback
port), with its Content-Security-Policy, so the script and the preview are tested under it.
axe-core (bundled by axe-playwright-python, no download) checks every page shown. Screenshots go
to tests/artifacts/ (not committed), to be looked at; so does actions.json, the count of what a
lawyer does to get both PDFs of the example case (README, "The web form").
"""

from __future__ import annotations

import io
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import docx
import pypdf
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect, sync_playwright

from docgen.web.form import autofill, formdata
from docgen.web.form.layout import SECTIONS

pytestmark = pytest.mark.slow  # Chromium through Playwright

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


@contextmanager
def serving(command: list[str], *, cwd: Path = ROOT, env: dict[str, str] | None = None):
    """A web service started by ``command`` (with ``--port`` given in it), its address while it
    runs; stopped after. Also benchmarks/form_actions.py's."""
    port = command[command.index("--port") + 1]
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               env=dict(env or os.environ, PYTHONUNBUFFERED="1"))
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
def server():
    with serving(_command(_free_port())) as url:
        yield url


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


def heading(page: Page) -> str:
    return page.locator("h1").inner_text()


class Axed:
    """Runs axe-core on each page it is shown and keeps what it found."""

    def __init__(self) -> None:
        self.axe = Axe()
        self.found: dict[str, list[str]] = {}
        self.pages = 0

    def check(self, page: Page, name: str) -> None:
        results = self.axe.run(page)
        self.pages += 1
        violations = results.response["violations"]
        if violations:
            self.found[name] = [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in violations]


class Counter:
    """What a person does: each field filled, choice made, box ticked or button pressed is one
    action; characters are those typed into text inputs."""

    def __init__(self) -> None:
        self.actions = 0
        self.characters = 0
        # Where the actions go, to see what to take out: by kind and by step.
        self.by_kind: dict[str, int] = {}
        self.by_step: dict[str, int] = {}
        self.step = ""
        self.as_shown = 0  # boxes and choices the page already showed as wanted: not actions

    def count(self, kind: str) -> None:
        self.actions += 1
        self.by_kind[kind] = self.by_kind.get(kind, 0) + 1
        self.by_step[self.step] = self.by_step.get(self.step, 0) + 1

    def click(self, locator, kind: str = "button") -> None:
        locator.click()
        self.count(kind)

    def reveal(self, page: Page, locator) -> None:
        """Opens the "More" part that holds ``locator`` (one click), if it is closed."""
        if locator.is_visible():
            return
        summary = locator.evaluate_handle(
            "e => { const d = e.closest('details'); return d && !d.open ? d.querySelector('summary') : null; }")
        element = summary.as_element()
        if element is not None:
            element.click()
            self.count("open a More part")


# Values a new row already holds: nobody types them.
def _is_default(name: str, value: str) -> bool:
    node = formdata.node_at(name)
    initial = formdata.initial(node) if node is not None else None
    return initial is not None and formdata.leaf_text(initial) == value


def _made_by_docgen(name: str) -> bool:
    """Ids of rows, which the interview makes (author-year and the like)."""
    segments = name.split(".")
    return len(segments) == 3 and segments[2] == "id" and segments[1].isdigit()


def fill_values(page: Page, counter: Counter, case: dict, roots, *, type_ids: bool) -> None:
    """Fills the inputs for the case's values under ``roots`` as a person would: rows added with
    the add buttons, "More" parts opened when needed, references chosen from their lists."""
    for name, value in formdata.case_to_fields(case).items():
        if name.split(".")[0] not in roots or _is_default(name, value) or value == "":
            continue
        if _made_by_docgen(name) and not type_ids:
            continue
        _make_rows(page, counter, name)
        element = field(page, name)
        counter.reveal(page, element)
        tag = element.evaluate("e => e.tagName")
        kind = element.get_attribute("type")
        refers = element.get_attribute("data-refers-to")
        if tag != "SELECT" and kind != "checkbox" and element.input_value() == value:
            continue  # filled in already from an earlier answer
        if (kind == "checkbox" and element.is_checked() == (value == "true")) or (
                tag == "SELECT" and not refers and element.input_value() == value):
            # Ticked or chosen already as the case wants it: nobody touches it. (Until this
            # was seen, each was counted as an action; actions.json says how many.)
            counter.as_shown += 1
            continue
        if tag == "SELECT" and refers:
            # Chosen by what it refers to, whatever id docgen gave it.
            index = [row.get("id") for row in case[refers]].index(value)
            element.select_option(index=index + 1)
        elif tag == "SELECT":
            element.select_option(value)
        elif kind == "checkbox":
            element.set_checked(value == "true")
        else:
            element.fill(value)
            counter.characters += len(value)
        counter.count("cite" if ".sources." in name else "value")


def _make_rows(page: Page, counter: Counter, name: str) -> None:
    segments = name.split(".")
    for position, segment in enumerate(segments):
        if not segment.isdigit():
            continue
        row = ".".join(segments[:position + 1])
        if page.locator(f'[name^="{row}."], [name="{row}"]').count():
            continue
        add = page.locator(f'button[value="add:{".".join(segments[:position])}"]')
        counter.reveal(page, add)
        counter.click(add, "add a row")


# The text of a fact that its citations are typed into, in brackets.
_CITING_TEXT = ("description", "summary", "reason", "text")


def cited_in_brackets(case: dict) -> dict:
    """``case`` as a lawyer types it: each fact's sources and annexes in brackets at the end of
    its words ("… [eurasianet-2012, para 2; hrw-2011; decision-refusing-the]") rather than picked
    row by row. Annexes by the short references docgen gives them (the fixture's own are typed
    by nobody)."""
    given = {"annexes": [{k: v for k, v in annex.items() if k != "id"} for annex in case.get("annexes", [])]}
    autofill.fill_ids(given)
    annex_ids = {annex["id"]: made["id"] for annex, made in zip(case.get("annexes", []), given["annexes"])}

    def walk(value):
        if isinstance(value, list):
            return [walk(item) for item in value]
        if not isinstance(value, dict):
            return value
        row = {key: walk(item) for key, item in value.items()}
        cited = row.get("sources") or []
        annexes = row.get("annexes") or []
        text = next((key for key in _CITING_TEXT if isinstance(row.get(key), str)), None)
        if (cited or annexes) and text and all(isinstance(c, dict) and "source" in c for c in cited):
            inside = [c["source"] + (f", {c['pinpoint']}" if c.get("pinpoint") else "") for c in cited]
            inside += [annex_ids[annex] for annex in annexes]
            row[text] = f"{row[text]} [{'; '.join(inside)}]"
            row.pop("sources", None)
            row.pop("annexes", None)
        return row

    return {key: (value if key == "sources" else walk(value)) for key, value in case.items()}


def _checked_pinpoints(case: dict, roots) -> bool:
    """Whether the case's citations under ``roots`` are marked checked (and there are some)."""
    found = [value for name, value in formdata.case_to_fields({r: case[r] for r in roots if r in case}).items()
             if name.endswith(".verified")]
    return bool(found) and all(value == "true" for value in found)


def same_case(made: dict, meant: dict) -> None:
    """Asserts that the interview made the case ``meant``, whatever ids docgen gave its rows."""
    renamed = {}
    for key in ("complainants", "procedural_history", "annexes", "sources"):
        for row, wanted in zip(made.get(key, []), meant.get(key, [])):
            renamed[row["id"]] = wanted["id"]
    text = json.dumps(made, ensure_ascii=False)
    if renamed:
        pattern = "|".join(json.dumps(ident) for ident in sorted(renamed, key=len, reverse=True))
        text = re.sub(pattern, lambda m: json.dumps(renamed[json.loads(m.group(0))]), text)
    compact = lambda case: formdata.fields_to_case(formdata.case_to_fields(case))  # noqa: E731
    made, meant = compact(json.loads(text)), compact(meant)
    differing = {name: (value, formdata.case_to_fields(meant).get(name))
                 for name, value in formdata.case_to_fields(made).items()
                 if formdata.case_to_fields(meant).get(name) != value}
    missing = set(formdata.case_to_fields(meant)) - set(formdata.case_to_fields(made))
    assert (differing, missing) == ({}, set())


def fill_interview(page: Page, counter: Counter, axed: Axed, case: dict, sources_file: Path | None,
                   *, on_step=None, checked: dict | None = None) -> list[str]:
    """Goes through the interview from its first step to the result page; the steps seen. A step
    whose citations ``checked`` (the case meant) marks checked gets its box ticked."""
    seen = []
    while True:
        step = page.locator("form#case-form").get_attribute("data-step")
        seen.append(step)
        counter.step = step
        axed.check(page, step)
        page.screenshot(path=ARTIFACTS / f"step-{len(seen):02d}-{step}.png", full_page=True)
        if step == "review":
            break
        section = next((s for s in SECTIONS if s.id == step), None)
        if step == "sources" and sources_file is not None:
            page.locator("#field-_csl_file").set_input_files(sources_file)
            counter.count("import sources")
            counter.click(page.get_by_role("button", name="Import sources", exact=True), "import sources")
            fill_values(page, counter, case, {"annexes"}, type_ids=False)
        else:
            fill_values(page, counter, case, set(section.roots), type_ids=False)
        if on_step:
            on_step(step)
        box = page.locator("#field-_checked")
        if checked is not None and box.count() and _checked_pinpoints(checked, section.roots):
            counter.click(box, "tick: pinpoints checked")
        counter.click(page.locator(".step-buttons button.primary"), "continue")
        expect(page.locator("form#case-form")).not_to_have_attribute("data-step", step)
    counter.click(page.get_by_role("button", name="Make the documents").last)
    expect(page.locator("h1")).to_have_text("The documents are ready")
    return seen


def test_the_example_case_through_the_interview(page: Page, tmp_path):
    """The fixture's case typed in as a lawyer would, with a reload half-way and a mistake
    fixed; axe on every page; both PDFs downloaded under names that say what and whose."""
    ARTIFACTS.mkdir(exist_ok=True)
    meant = json.loads((ROOT / "fixtures/cases/rustam-norway.json").read_text())
    case = cited_in_brackets(meant)
    sources_file = tmp_path / "zotero.json"
    sources_file.write_text(json.dumps(case["sources"]))
    counter, axed = Counter(), Axed()
    dialogs = []

    def leave(dialog):
        dialogs.append(dialog.type)
        dialog.accept()

    page.on("dialog", leave)
    page.goto("/")
    expect(page.locator("h1")).to_have_text("Before you start")

    def on_step(step: str) -> None:
        if step == "complainants":
            # A mistake first: the step is checked when left, and keeps what was typed.
            birth = field(page, "complainants.0.birth_date")
            birth.fill("1986-02-30")
            page.locator(".step-buttons button.primary").click()
            expect(page.locator("#form-errors")).to_be_focused()
            expect(birth).to_have_attribute("aria-invalid", "true")
            expect(page.locator("#field-complainants\\.0\\.birth_date-error")).to_contain_text("does not exist")
            expect(field(page, "complainants.0.legal_name")).to_have_value(case["complainants"][0]["legal_name"])
            axed.check(page, "complainants with an error")
            page.screenshot(path=ARTIFACTS / "errors.png", full_page=True)
            page.locator("#form-errors a").first.click()
            expect(birth).to_be_focused()
            birth.fill("1986-03-14")
        if step == "events":
            # Enter moves to the next field, not to another page.
            place = field(page, "events.0.date")
            place.focus()
            page.keyboard.press("Enter")
            expect(field(page, "events.0.category")).to_be_focused()
            # A reload half-way: the tab's draft brings everything back, after asking.
            page.reload()
            expect(page.locator("form#case-form")).to_have_attribute("data-step", "events")
            # The draft comes back through the server, which reads the brackets typed so far.
            expect(field(page, "events.4.description")).to_have_value(meant["events"][4]["description"])
            expect(field(page, "events.4.sources.0.source")).to_have_value("eurasianet-2012")
            assert "beforeunload" in dialogs
            # The source picker offers the sources added first, by author-year id and title.
            options = page.locator("#source-list option")
            assert "eurasianet-2012" in options.evaluate_all("os => os.map(o => o.value)")
            expect(field(page, "events.0.sources.0.source")).to_have_attribute("list", "source-list")

    seen = fill_interview(page, counter, axed, case, sources_file, on_step=on_step, checked=meant)
    assert seen == [*[s.id for s in SECTIONS], "review"]
    # Nothing typed was lost or misread: the case made is the fixture's (ids aside).
    same_case(json.loads(page.locator("#case-carrier input[name='_case']").get_attribute("value")), meant)

    expect(page.locator("iframe.preview").first).to_be_hidden()  # rendered only when opened
    page.locator("details.preview > summary").first.click()
    preview = page.frame_locator("iframe.preview").first
    expect(preview.locator("body")).to_contain_text("Movement for Freedom")
    axed.check(page, "result")
    page.screenshot(path=ARTIFACTS / "result.png", full_page=True)

    for kind in ("cat-complaint", "appeal-letter"):
        with page.expect_download() as download:
            counter.click(page.locator(f"button[value='{kind}.pdf']"))
        assert download.value.suggested_filename == f"rustam-{kind}-2012-07-10.pdf"
        path = tmp_path / f"{kind}.pdf"
        download.value.save_as(path)
        text = " ".join("".join(p.extract_text() for p in pypdf.PdfReader(path).pages).split())
        assert "Movement for Freedom" in text

    (ARTIFACTS / "actions.json").write_text(json.dumps(
        {"actions": counter.actions, "characters": counter.characters, "by_kind": counter.by_kind,
         "by_step": counter.by_step, "already_as_wanted_not_counted": counter.as_shown,
         "pages_checked_by_axe": axed.pages}))
    assert axed.found == {}
    refused = [m for m in page.console_messages if "Content Security Policy" in m or "page error" in m]
    assert refused == []


def test_one_complainant_no_removal_no_appeal_sees_fewer_steps(page: Page):
    minimal = json.loads((ROOT / "fixtures/cases/minimal.json").read_text())
    counter, axed = Counter(), Axed()
    page.goto("/")
    for question in ("several", "removal", "appeal"):
        page.locator(f"#field-_plan\\.{question}-no").check()
    seen = fill_interview(page, counter, axed, minimal, None)
    assert "removal" not in seen and "appeal" not in seen
    assert len(seen) == len(SECTIONS) + 1 - 2
    assert axed.found == {}
    with page.expect_download() as download:
        page.locator("button[value='cat-complaint.docx']").click()
    assert download.value.suggested_filename == "a-cat-complaint.docx"
    document = docx.Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert "Aziz Example" in "\n".join(p.text for p in document.paragraphs)


def test_at_phone_width_nothing_covers_a_control(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=server)
    page = context.new_page()
    axed = Axed()
    try:
        page.goto("/")
        page.locator(".step-buttons button.primary").click()  # the countries left out: errors
        expect(page.locator("#form-errors")).to_be_visible()
        expect(page.locator("details.steps-list")).not_to_have_attribute("open", "")
        page.screenshot(path=ARTIFACTS / "phone-errors.png", full_page=True)
        axed.check(page, "phone, errors")
        covered = page.evaluate("""() => {
            const out = [];
            for (const el of document.querySelectorAll('input, select, textarea, button, summary, a')) {
                const box = el.getBoundingClientRect();
                if (!box.width || !box.height || el.closest('template') || !el.checkVisibility()) continue;
                if (el.classList.contains('default-action') || el.closest('.skip-link, .skip-link *') || el.matches('.skip-link')) continue;
                el.scrollIntoView({block: 'center'});
                const b = el.getClientRects()[0];  // a link's first line, when it wraps
                const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
                const label = el.labels && [...el.labels].some(l => l.contains(hit));
                if (!(hit === el || el.contains(hit) || label)) out.push(el.name || el.id || el.textContent.trim());
                if (b.right > window.innerWidth + 1) out.push('too wide: ' + (el.name || el.id));
            }
            return out;
        }""")
        assert covered == [], covered[:8]
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert axed.found == {}
    finally:
        context.close()


def test_without_javascript_a_step_at_a_time(browser, server):
    context = browser.new_context(java_script_enabled=False, base_url=server)
    page = context.new_page()
    try:
        page.goto("/")
        page.locator("details.steps-list summary").click()
        page.get_by_role("button", name="Events", exact=True).click()
        expect(page.locator("h1")).to_have_text("Events")
        field(page, "events.0.description").fill(FACT)
        page.get_by_role("button", name="Add an event").click()
        expect(field(page, "events.1.description")).to_be_visible()
        expect(field(page, "events.1.date")).to_be_focused()
        expect(field(page, "events.0.description")).to_have_value(FACT)
        page.get_by_role("button", name="Remove event 1").click()
        expect(field(page, "events.1.description")).to_have_count(0)
        expect(field(page, "events.0.description")).to_have_value("")
        # Enter presses the step's own button: the step is checked, not a row added.
        field(page, "events.0.place").fill("Tashkent") if field(page, "events.0.place").is_visible() else None
        field(page, "events.0.description").fill(FACT)
        field(page, "events.0.date").press("Enter")
        expect(page.locator("#form-errors")).to_be_visible()
        expect(field(page, "events.0.description")).to_have_value(FACT)
        expect(field(page, "events.1.description")).to_have_count(0)
    finally:
        context.close()


def test_enter_on_a_picker_suggestion_chooses_it_and_stays(page: Page):
    """A source is picked from the picker's suggestions with the keyboard: Enter on a part of a
    reference takes the suggestion and neither moves on nor sends the step; Enter again, on the
    reference chosen, moves on. (Headless Chromium shows no list of suggestions, so ArrowDown
    highlights nothing here; where a browser shows its list, Enter on a highlighted line is the
    browser's own and never reaches the page's handler.)"""
    page.goto("/")
    page.get_by_role("button", name="Sources and annexes", exact=True).click()
    field(page, "_quick").fill("CAT/C/48/D/444/2010")
    page.get_by_role("button", name="Add source", exact=True).click()
    page.get_by_role("button", name="Events", exact=True).click()
    picker = field(page, "events.0.sources.0.source")
    picker.click()
    page.keyboard.type("cat-c")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(picker).to_have_value("cat-c-48-d-444-2010")
    expect(picker).to_be_focused()
    expect(page.locator("form#case-form")).to_have_attribute("data-step", "events")
    page.keyboard.press("Enter")
    expect(field(page, "events.0.sources.0.pinpoint")).to_be_focused()
    expect(page.locator("form#case-form")).to_have_attribute("data-step", "events")
