"""No request can make docgen fetch, read or run anything: not while it renders, and not in the
files it gives back.

A case whose fields carry every way HTML and CSS have of loading something (img, link, CSS url()
and @import, iframe, object, embed, svg image, base, meta refresh, file:// URLs), all aimed at a
canary server listening on loopback or at /etc/passwd, is rendered through the API in every
format, both documents and both editions. Then:

- the canary received no request, and WeasyPrint's logger (which logs a refused fetch rather
  than raising) recorded no attempt;
- no line of /etc/passwd is in any output;
- the files themselves load nothing when opened: the HTML has no element or attribute that
  fetches, links only to its own footnotes; the DOCX has no external relationship or field code;
  the PDF has no URI, launch, JavaScript, remote go-to or embedded file.

The control, that the canary and the log watch do see a fetch when one is made, is
test_pdf_writer.py::test_the_canary_and_the_log_watch_do_see_a_fetch.
"""

from __future__ import annotations

import io
import json
import logging
import re
import zipfile
from pathlib import Path

import pytest
from expected import KINDS
from lxml import html as lxml_html

from reading import (
    FormClient, docx_everything, docx_parts, fields_of, listening_canary, pdf_names, pdf_strings,
    pdf_words, post_json, weasyprint_logs,
)

FORMATS = ("docx", "pdf", "html")
PASSWD = Path("/etc/passwd")


def loaders(url: str) -> list[str]:
    """Each way of making a renderer or a reader load something, aimed at ``url``."""
    return [
        f'<img src="{url}/img.png" srcset="{url}/srcset.png 2x">',
        f'<link rel="stylesheet" href="{url}/link.css">',
        f"<style>@import url('{url}/import.css'); p {{ background: url({url}/css-url.png) }}</style>",
        f"@import url({url}/bare-import.css); url({url}/bare-url.png)",
        f'<p style="background-image: url({url}/inline.png)">styled</p>',
        '<img src="file:///etc/passwd"> file:///etc/passwd <link href="file:///etc/passwd">',
        f'<iframe src="{url}/iframe.html"></iframe><frame src="{url}/frame.html">',
        f'<object data="{url}/object.bin"></object><embed src="{url}/embed.swf">',
        f'<svg><image href="{url}/svg.png"/></svg><video poster="{url}/poster.png"></video>',
        f'<base href="{url}/base/"><meta http-equiv="refresh" content="0; url={url}/refresh">',
        f'<script src="{url}/script.js"></script> javascript:fetch("{url}/js")',
        f'<a href="{url}/link">a link</a> {url}/plain-url',
    ]


@pytest.fixture(scope="module")
def passwd_lines() -> list[str]:
    lines = [line for line in PASSWD.read_text().splitlines() if line.strip()] if PASSWD.exists() else []
    return lines + ["root:x:0:0"]


def hostile_case(case: dict, url: str) -> dict:
    """The example case with the loaders in the fields every part of a filing prints: facts,
    risks, sources (titles, authors, URL), annexes, names, addresses, the representative (the
    documents' author property) and the signature."""
    found = loaders(url)
    pick = lambda index: found[index % len(found)]  # noqa: E731
    for index, event in enumerate(case["events"]):
        event["description"] = " ".join(found)
        event["place"] = pick(index)[:200]
    for index, risk in enumerate(case["risk_factors"]):
        risk["description"] = pick(index + 3)
    for index, source in enumerate(case["sources"]):
        source["title"] = pick(index)[:1000]
        source["container-title"] = pick(index + 5)[:1000]
        source["URL"] = f"{url}/source-{index}"
        source["author"] = [{"literal": pick(index + 7)[:1000]}]
    for index, annex in enumerate(case["annexes"]):
        annex["title"] = pick(index + 2)[:1000]
    person = case["complainants"][0]
    person["legal_name"] = pick(0)[:200]
    person["pseudonym"] = pick(1)[:200]
    person["address"] = "\n".join(found[:3])[:1000]
    person["birth_place"] = pick(5)[:200]
    case["representative"]["name"] = pick(2)[:200]
    case["representative"]["organisation"] = pick(3)[:200]
    case["representative"]["address"] = pick(6)[:1000]
    case["signature"]["place"] = pick(4)[:200]
    case["appeal"]["errors"] = found[:5]
    case["remedies_sought"] = found[5:8]
    return case


@pytest.fixture(scope="module")
def rendered(canary_module, rustam_module):
    """{(kind, format, public): bytes}, made while the canary listened and the log was watched."""
    from docgen.web import create_app

    url, hits = canary_module
    client = create_app({"TESTING": True, "API_TOKEN": None}).test_client()
    case = hostile_case(rustam_module, url)
    files = {}
    with weasyprint_logs() as logs:
        for kind in KINDS:
            for format in FORMATS:
                for public in (False, True):
                    response = post_json(client, f"/api/v1/documents/{kind}?format={format}"
                                                 f"&public={int(public)}", case)
                    assert response.status_code == 200, response.get_json()
                    files[kind, format, public] = response.data
    return files, hits, logs, url


RUSTAM = Path(__file__).resolve().parent.parent / "fixtures" / "cases" / "rustam-norway.json"


@pytest.fixture(scope="module")
def rustam_module() -> dict:
    return json.loads(RUSTAM.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def canary_module():
    """The canary for the whole module: every render of it is heard by the same listener."""
    with listening_canary() as heard:
        yield heard


# --- While rendering ---------------------------------------------------------------------------


def test_the_canary_hears_nothing(rendered):
    _, hits, _, _ = rendered
    assert hits == []


def test_weasyprint_attempted_no_fetch(rendered):
    _, _, logs, url = rendered
    port = url.rsplit(":", 1)[1]
    assert logs.messages(logging.WARNING) == []
    messages = logs.messages(logging.DEBUG)
    assert messages  # the control: the watch was on while WeasyPrint worked
    for message in messages:
        # Its progress, and only that: "Step 1 - Fetching and parsing HTML - HTML string" is
        # the document itself; a fetch, refused or not, is logged with its URL.
        assert re.fullmatch(r"Step \d - [A-Za-z ]+( - (HTML string|CSS string|Page \d+))?", message), message
        assert port not in message and "passwd" not in message


@pytest.mark.parametrize("format", FORMATS)
def test_no_local_file_is_read_into_a_document(rendered, passwd_lines, format):
    files, _, _, _ = rendered
    for (kind, fmt, public), data in files.items():
        if fmt != format:
            continue
        if format == "docx":
            text = docx_everything(data)
        elif format == "pdf":
            text = pdf_words(data) + pdf_strings(data)
        else:
            text = data.decode("utf-8")
        for line in passwd_lines:
            assert line not in text, (kind, public, line)


def test_the_hostile_text_is_in_the_documents_as_words(rendered):
    """The control: the loaders did reach the documents, as text."""
    files, _, _, url = rendered
    # Typeset as OSCOLA sets quotation marks: the straight quotes typed become single curly ones.
    assert f"<img src=‘{url}/img.png’" in docx_everything(files["cat-complaint", "docx", False])
    assert "&lt;iframe src=" in files["cat-complaint", "html", False].decode("utf-8")
    assert "<iframe" in re.sub(r"\s", "", pdf_words(files["cat-complaint", "pdf", False]))


# --- In the files given back ---------------------------------------------------------------------

# Elements and attributes with which a page loads something when it is opened.
FETCHING_ELEMENTS = ("img", "link", "script", "iframe", "frame", "object", "embed", "video",
                     "audio", "source", "image", "base", "svg", "picture", "track", "input")
FETCHING_ATTRIBUTES = ("src", "srcset", "data", "poster", "background", "action", "formaction",
                       "xlink:href", "ping", "manifest")


def assert_page_loads_nothing(page: str, url: str) -> None:
    root = lxml_html.fromstring(page)
    assert root.xpath(" | ".join(f"//{name}" for name in FETCHING_ELEMENTS)) == []
    assert root.xpath("//meta[@http-equiv]") == []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        assert not set(FETCHING_ATTRIBUTES) & set(element.attrib), element.tag
        assert "url(" not in (element.get("style") or "")
        href = element.get("href")
        assert href is None or href.startswith("#"), href  # its own footnotes only
    for style in root.xpath("//style"):
        css = style.text or ""
        assert "@import" not in css and url not in css and not re.search(r"url\((?!data:)", css)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("public", [False, True])
def test_the_html_loads_nothing_when_opened(rendered, kind, public):
    files, _, _, url = rendered
    assert_page_loads_nothing(files[kind, "html", public].decode("utf-8"), url)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("public", [False, True])
def test_the_docx_loads_nothing_when_opened(rendered, kind, public):
    files, _, _, url = rendered
    data = files[kind, "docx", public]
    for name, xml in docx_parts(data).items():
        if name.endswith(".rels"):
            assert 'TargetMode="External"' not in xml, name
        # Field codes other than the footer's page numbers (INCLUDEPICTURE, INCLUDETEXT,
        # HYPERLINK...), linked or embedded objects, chunks of other files, a template to
        # attach: what Word would fetch or run.
        codes = re.findall(r"<w:instrText[^>]*>([^<]*)<", xml) + re.findall(r'w:instr="([^"]*)"', xml)
        assert {code.strip() for code in codes} <= {"PAGE", "NUMPAGES"}, (name, codes)
        for element in ("w:object", "o:OLEObject", "w:altChunk", "w:subDoc", "w:attachedTemplate",
                        "v:imagedata", "a:blip"):
            assert f"<{element}" not in xml, (name, element)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert not [n for n in archive.namelist() if n.startswith(("word/media/", "word/embeddings/"))]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("public", [False, True])
def test_the_pdf_loads_and_runs_nothing_when_opened(rendered, kind, public):
    files, _, _, _ = rendered
    names = pdf_names(files[kind, "pdf", public])
    for action in ("/URI", "/Launch", "/JavaScript", "/JS", "/GoToR", "/GoToE", "/SubmitForm",
                   "/ImportData", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia", "/OpenAction",
                   "/AA", "/AcroForm", "/XFA"):
        assert action not in names, action


def test_the_forms_previews_load_nothing(canary, rustam):
    """The result page's previews (POST /preview, shown in a sandboxed frame) load nothing."""
    from docgen.web import create_app

    url, hits = canary
    form = FormClient(create_app({"TESTING": True, "SECRET_KEY": "test"}).test_client())
    response = form.post(fields_of(hostile_case(rustam, url)))
    assert response.status_code == 200
    case = lxml_html.fromstring(response.data).xpath("//input[@name='_case']")[0].get("value")
    for kind in KINDS:
        preview = form.post({"_case": case, "kind": kind}, action="", path="/preview").text
        assert "&lt;img src=" in preview  # the control: the text is there, as text
        assert_page_loads_nothing(preview.replace('<link rel="stylesheet" href="/preview.css">', ""), url)
    assert hits == []
