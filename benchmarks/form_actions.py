"""What a lawyer does to get both PDFs of one case, on the one-page form that came before the
interview (commit b7f1b73) and on the interview of this checkout: the "before" and "after" of
README's table ("The web form"), reproducible.

Both forms are filled by the filler of tests/test_browser.py, so both are counted by one rule:
each field filled, choice made, box ticked, "More" opened or button pressed is one action;
characters are those typed. The sources are imported from a CSL-JSON file, as Zotero exports
them, on both. On the one-page form the ids are typed and rows added with "Add" (it made
neither); annexes are filled first, since the rows above refer to them. The interview is filled
as the browser test fills it: citations typed in brackets, one box per step for the checked
pinpoints.

The case is benchmarks/data/form-actions-case.json: the example case (fixtures/cases/
rustam-norway.json) without the fields the one-page form did not have yet, so that both forms
are given the same case. The old form runs from `git archive b7f1b73` of this repository, under
Flask's development server, with this checkout's virtualenv; the interview under `docgen serve`.

    .venv/bin/python -m benchmarks.form_actions            # both forms (two Chromium runs)
    .venv/bin/python -m benchmarks.form_actions --only old # or --only interview

Needs Debian's /usr/bin/chromium (.ci/setup) and the test extras (Playwright).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASE = Path(__file__).resolve().parent / "data" / "form-actions-case.json"
ONE_PAGE_FORM = "b7f1b73"  # the last commit with the one-page form

sys.path.insert(0, str(ROOT / "tests"))
import test_browser as filler  # noqa: E402  (the browser test's filler and counting rule)
from playwright.sync_api import expect, sync_playwright  # noqa: E402


@contextmanager
def _one_page_form(tmp: Path):
    """The form of commit b7f1b73, from `git archive` of this repository."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ONE_PAGE_FORM], check=True,
                             capture_output=True).stdout
    tree = tmp / "one-page-form"
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(tree, filter="data")
    # Its templates, not this checkout's: the installed package maps docgen.templates here.
    (tree / "docgen" / "templates").symlink_to("../templates")
    env = dict(os.environ, PYTHONPATH=str(tree))  # its docgen before this checkout's
    command = [sys.executable, "-m", "flask", "--app", "docgen.web:create_app", "run",
               "--host", "127.0.0.1", "--port", str(filler._free_port())]
    with filler.serving(command, cwd=tree, env=env) as url:
        yield url


@contextmanager
def _interview():
    with filler.serving(filler._command(filler._free_port())) as url:
        yield url


def _download_both(page, counter) -> None:
    for kind in ("cat-complaint", "appeal-letter"):
        with page.expect_download():
            counter.click(page.locator(f"button[value='{kind}.pdf']"))


def fill_one_page_form(page, case: dict, sources_file: Path) -> filler.Counter:
    counter = filler.Counter()
    page.locator("#field-_csl_file").set_input_files(sources_file)
    counter.count("import sources")
    counter.click(page.get_by_role("button", name="Import sources", exact=True), "import sources")
    filler.fill_values(page, counter, case, {"annexes"}, type_ids=True)
    rest = {key for key in case if key not in ("sources", "annexes")}
    filler.fill_values(page, counter, case, rest, type_ids=True)
    counter.click(page.get_by_role("button", name="Check and preview").first)
    expect(page.locator("h1")).to_have_text("The documents are ready", timeout=120_000)
    _download_both(page, counter)
    return counter


def fill_the_interview(page, case: dict, sources_file: Path, artifacts: Path) -> filler.Counter:
    counter = filler.Counter()

    class NoAxe:  # counts, not accessibility: the browser test checks that
        pages = 0

        def check(self, page, name) -> None:
            pass

    filler.ARTIFACTS = artifacts  # its screenshots, not the test's
    filler.fill_interview(page, counter, NoAxe(), filler.cited_in_brackets(case), sources_file,
                          checked=case)
    _download_both(page, counter)
    return counter


def measure(which: str, case: dict) -> dict:
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        tmp = Path(scratch)
        sources_file = tmp / "zotero.json"
        sources_file.write_text(json.dumps(case["sources"]))
        browser = playwright.chromium.launch(executable_path=filler.CHROMIUM, args=filler.CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
            if which == "old":
                with _one_page_form(tmp) as url:
                    page.goto(url + "/")
                    counter = fill_one_page_form(page, case, sources_file)
            else:
                with _interview() as url:
                    page.goto(url + "/")
                    counter = fill_the_interview(page, case, sources_file, tmp)
        finally:
            browser.close()
    return {"actions": counter.actions, "characters": counter.characters, "by_kind": counter.by_kind,
            "already_as_wanted_not_counted": counter.as_shown}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=("old", "interview"))
    parser.add_argument("--case", type=Path, default=CASE)
    arguments = parser.parse_args()
    case = json.loads(arguments.case.read_text())
    labels = {"old": f"one-page form ({ONE_PAGE_FORM})", "interview": "the interview (this checkout)"}
    for which in [arguments.only] if arguments.only else ["old", "interview"]:
        print(json.dumps({"form": labels[which], **measure(which, case)}, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
