"""Reading docgen's output back as a reader or another program sees it: DOCX, PDF and HTML;
and talking to docgen as its clients do.

Shared by the end-to-end tests (test_documents, test_public_edition, test_cli_render, the API,
form, hostile-input, fetch, privacy, limits and auth tests). They read the files docgen writes,
never its intermediate state, so a writer that drops or garbles a word fails them. Also here:
a case changed at one path (edit_path), what a render tried to load (a canary server, since
WeasyPrint logs a refused fetch rather than raising, and a watch on its logger), the API's one
error shape (assert_error), and the form posted as a browser posts it (FormClient).
"""

from __future__ import annotations

import contextlib
import html
import http.server
import io
import json
import logging
import re
import shutil
import subprocess
import threading
import zipfile
from collections.abc import Iterable, Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import docx
from markdown_it.rules_core.replacements import replace_rare
from markdown_it.token import Token
from lxml import etree
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject

from docgen.languages import LANGUAGES
from docgen.model.document import Block, BlockKind, Footnote, FootnoteRef, Text
from docgen.web.form import formdata
from docgen.web.errors import ErrorSchema

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}

# --- Cases -------------------------------------------------------------------------------------


def edit_path(data: Any, path: str, value: Any) -> Any:
    """Sets the value at a dotted path ("complainants.0.birth_date") and returns ``data``.

    ``...`` (Ellipsis) as the value deletes the key instead, for "a required field is missing";
    an index one past the end of a list appends. Every parent on the path must exist.
    """
    *parents, last = path.split(".")
    target = data
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    if isinstance(target, list):
        key = int(last)
        if value is ...:
            del target[key]
        elif key == len(target):
            target.append(value)
        else:
            target[key] = value
    elif value is ...:
        del target[last]
    else:
        target[last] = value
    return data


# --- DOCX -------------------------------------------------------------------------------------


def docx_document(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def docx_parts(data: bytes) -> dict[str, str]:
    """Every part of the package, as text: XML parts, relationships, docProps, all of it."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name).decode("utf-8") for name in zf.namelist()}


def docx_everything(data: bytes) -> str:
    """All the package says: each part's raw XML, then its words with the tags taken out (so a
    name split across runs is whole again) and entities decoded."""
    pieces = []
    for xml in docx_parts(data).values():
        pieces.append(xml)
        pieces.append(html.unescape(re.sub(r"<[^>]+>", "", xml)))
    return "\n".join(pieces)


def docx_text(data: bytes) -> str:
    """The words of the body and the footnotes as Word shows them, one paragraph a line: runs
    joined, w:tab a tab, w:br a line break, entities decoded."""
    lines = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for part in ("word/document.xml", "word/footnotes.xml"):
            root = etree.fromstring(zf.read(part))
            for paragraph in root.iter(f"{W}p"):
                pieces = []
                for node in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br"):
                    pieces.append(node.text or "" if node.tag == f"{W}t" else
                                  "\t" if node.tag == f"{W}tab" else "\n")
                lines.append("".join(pieces))
    return "\n".join(lines)


def docx_footnotes(data: bytes) -> list[tuple[int, str]]:
    """(id, text) of the footnotes in word/footnotes.xml, without Word's two separators."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("word/footnotes.xml"))
    return [
        (int(note.get(f"{W}id")), "".join(note.xpath(".//w:t/text()", namespaces=NS)))
        for note in root.iterfind("w:footnote", NS)
        if note.get(f"{W}type") is None
    ]


def docx_footnote_calls(data: bytes) -> list[int]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    return [int(ref.get(f"{W}id")) for ref in root.iterfind(".//w:footnoteReference", NS)]


def docx_expected_text(block: Block) -> str:
    """A block's paragraph text in Word: list labels are typed with a tab, paragraph numbers are
    Word's numbering and not text, footnote calls are not text."""
    text = block.text
    if block.kind is BlockKind.ITEM and block.label is not None:
        return f"{block.label}\t{text}"
    return text


def libreoffice_pdf(docx_bytes: bytes, folder: Path, name: str = "document") -> bytes:
    """The DOCX converted by LibreOffice headless, with a profile of its own in ``folder``."""
    soffice = shutil.which("soffice")
    assert soffice, "soffice (LibreOffice) is not installed; .ci/setup installs it"
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / f"{name}.docx"
    source.write_bytes(docx_bytes)
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(folder), str(source)],
        capture_output=True, text=True, timeout=180,
    )
    pdf = folder / f"{name}.pdf"
    # soffice exits 0 even when it could not read the file: the PDF is the only proof.
    assert result.returncode == 0 and pdf.exists() and pdf.stat().st_size > 0, result.stderr
    return pdf.read_bytes()


# --- PDF --------------------------------------------------------------------------------------

# The page footer in any language docgen writes: "Page 3 of 12", "Стр. 3 из 12".
FOOTER = re.compile("^(?:" + "|".join(rf"{re.escape(language.page)}\d+{re.escape(language.page_of)}\d+"
                                      for language in LANGUAGES.values()) + ")$")


def pdf_reader(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(data))


def pdf_page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in pdf_reader(data).pages]


def pdf_words(data: bytes) -> str:
    """The text of every page, whitespace made single spaces."""
    return normalise(" ".join(pdf_page_texts(data)))


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def fold_typography(text: str) -> str:
    """Text with what the typographer may set (see docgen.model.markup) folded to one form,
    to compare typed text with printed text: every quotation mark and apostrophe to ', every
    run of dashes to -, ellipses and runs of ?, ! and commas as markdown-it sets them. Whether
    a quote opens or closes, or "--" becomes a dash, depends on the text around a value."""
    token = Token("text", "", 0, content=text)
    replace_rare([token])
    return re.sub(r"[-‐–—]+", "-", re.sub(r"[\"'‘’“”]", "'", token.content))


def pdf_strings(data: bytes) -> str:
    """Every string and stream the file holds apart from page text: the info dictionary, XMP,
    outlines, structure tree, names. Page text is glyph codes there; read it with pdf_words."""
    reader = pdf_reader(data)
    found: list[str] = []
    seen: set[tuple[int, int]] = set()

    def visit(node) -> None:
        if isinstance(node, IndirectObject):
            if (node.idnum, node.generation) in seen:
                return
            seen.add((node.idnum, node.generation))
            node = node.get_object()
        if isinstance(node, StreamObject):
            try:
                raw = node.get_data()
            except Exception:  # an image or font filter pypdf cannot decode: not text
                raw = b""
            found.append(raw.decode("latin-1"))
            if raw.startswith(b"\xfe\xff"):
                found.append(raw.decode("utf-16-be", errors="replace"))
        if isinstance(node, DictionaryObject):
            for key, value in node.items():
                if key not in ("/Parent", "/P"):
                    visit(value)
        elif isinstance(node, ArrayObject):
            for value in node:
                visit(value)
        elif isinstance(node, str):
            found.append(str(node))

    visit(reader.trailer)
    metadata = reader.metadata or {}
    found.extend(str(value) for value in metadata.values())
    return "\n".join(found)


def pdf_names(data: bytes) -> set[str]:
    """Every name the file uses, as a dictionary key or a value: "/URI", "/Launch", "/JS"...
    (object streams decoded), to find what a reader would act on when the file is opened."""
    reader = pdf_reader(data)
    names: set[str] = set()
    seen: set[tuple[int, int]] = set()
    stack = [reader.trailer]
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            if (node.idnum, node.generation) in seen:
                continue
            seen.add((node.idnum, node.generation))
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            names.update(str(key) for key in node)
            stack.extend(value for key, value in node.items() if key not in ("/Parent", "/P"))
        elif isinstance(node, ArrayObject):
            stack.extend(node)
        elif isinstance(node, NameObject):
            names.add(str(node))
    return names


def split_page(text: str, footnotes: Sequence[Footnote]) -> tuple[str, list[tuple[int, str]], str | None]:
    """A page's text as (body, [(number, text of its footnote area)], footer line).

    A footnote starts on a line that begins with its number and the first words of its text;
    anything else starting with a number ("2011 was detained") is body text.
    """
    lines = text.split("\n")
    footer = None
    if lines and FOOTER.match(lines[-1].strip()):
        footer = lines.pop().strip()
    starts: list[tuple[int, int]] = []  # (line index, footnote number)
    for index, line in enumerate(lines):
        match = re.match(r"(\d+)\s+(.*)", line)
        if not match:
            continue
        number = int(match.group(1))
        if not 1 <= number <= len(footnotes):
            continue
        start = normalise(footnotes[number - 1].text)[:12].casefold()
        following = normalise(" ".join([match.group(2), *lines[index + 1:index + 3]])).casefold()
        if following.startswith(start):
            starts.append((index, number))
    if not starts:
        return "\n".join(lines), [], footer
    # The footnote area is the run of notes at the foot; a note line in the middle of the body
    # would be a writer's bug, which the order checks then catch.
    first = starts[0][0]
    notes = []
    for (index, number), following in zip(starts, [*starts[1:], (len(lines), None)]):
        notes.append((number, "\n".join(lines[index:following[0]])))
    return "\n".join(lines[:first]), notes, footer


def pdf_sections(data: bytes, footnotes: Sequence[Footnote]):
    """(body text of all pages, [(footnote number, its text)] in page order, [footer lines]).

    A footnote that runs on to the next page (Word and LibreOffice do that) continues at the top
    of that page's footnote area, in lines without a number: they are found by completing the
    note's text, and taken out of the body.
    """
    bodies, notes, footers = [], [], []
    for text in pdf_page_texts(data):
        body, page_notes, footer = split_page(text, footnotes)
        if notes and not _complete(notes[-1], footnotes):
            number, begun = notes[-1]
            lines = body.split("\n")
            for count in range(1, len(lines) + 1):
                candidate = (number, begun + "\n" + "\n".join(lines[-count:]))
                if _complete(candidate, footnotes):
                    notes[-1] = candidate
                    body = "\n".join(lines[:-count])
                    break
        bodies.append(body)
        notes.extend(page_notes)
        footers.append(footer)
    return "\n".join(bodies), notes, footers


def _complete(note: tuple[int, str], footnotes: Sequence[Footnote]) -> bool:
    number, text = note
    pattern = rf"{number}\s+" + text_pattern(footnotes[number - 1].content)
    return re.fullmatch(pattern, text.strip()) is not None


# --- matching model text in laid-out text ---------------------------------------------------

# After these a line may break without a hyphen being added (UAX #14 break opportunities).
_BREAK_AFTER = "-/–—"


def text_pattern(parts: Iterable[Text | FootnoteRef | str]) -> str:
    """A regex for the words of ``parts`` as a laid-out page prints them: any run of whitespace
    may be a line break or justified spacing; a word may break at a line end only after a hyphen
    or slash it has, or with a hyphen the layout adds; a footnote call prints its number."""
    pattern: list[str] = []
    for part in parts:
        if isinstance(part, FootnoteRef):
            pattern.append(re.escape(str(part.number)))
            continue
        text = part if isinstance(part, str) else part.text
        for index, char in enumerate(text):
            following = text[index + 1] if index + 1 < len(text) else ""
            if char.isspace():
                if not (pattern and pattern[-1] == r"\s+"):
                    pattern.append(r"\s+")
                continue
            pattern.append(re.escape(char))
            if char in _BREAK_AFTER:
                pattern.append(r"\n?")
            elif char.isalnum() and following.isalnum():
                pattern.append(r"(?:-\n)?")
    return "".join(pattern)


def printed_label(block: Block) -> str | None:
    """The label a page prints before a block: "12." for numbered paragraph 12, "(a)", "–"."""
    if block.label is None:
        return None
    if block.kind is BlockKind.NUMBERED and not block.label.endswith("."):
        return f"{block.label}."
    return block.label


def block_pattern(block: Block, gap: str = r"\s+") -> str:
    """The block with its printed label; ``gap`` is what separates them (HTML: nothing). A
    table's cells, row by row, each cell's words whole (a page draws cell after cell)."""
    if block.kind is BlockKind.TABLE:
        return r"\s*".join(text_pattern(cell) for row in block.rows for cell in row if cell)
    label = printed_label(block)
    prefix = re.escape(label) + gap if label else ""
    return prefix + text_pattern(block.content)


def find_in_order(text: str, patterns: Sequence[str], flags: int = 0) -> list[int]:
    """The indexes of the patterns NOT found in ``text`` one after the other (each searched
    after the end of the one before): empty when every one is there in order."""
    missing, position = [], 0
    for index, pattern in enumerate(patterns):
        match = re.compile(pattern, flags).search(text, position)
        if match is None:
            missing.append(index)
        else:
            position = match.end()
    return missing


# --- HTML -------------------------------------------------------------------------------------


class _Words(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script", "head"):
            self._skip += 1
        elif tag in ("p", "h1", "h2", "h3", "li", "div", "footer", "br"):
            self.words.append("\n")

    def handle_endtag(self, tag):
        if tag in ("style", "script", "head"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.words.append(data)


def html_words(page: bytes) -> str:
    """The text of a page's body as a browser shows it, paragraphs on lines of their own."""
    parser = _Words()
    parser.feed(page.decode("utf-8"))
    parser.close()
    return "".join(parser.words)


# --- Logs and requests: what a render tried to load -------------------------------------------


@contextlib.contextmanager
def listening_canary():
    """A tiny HTTP server on a free loopback port that records every request it gets:
    with listening_canary() as (base URL, list of the paths requested)."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's naming)
            hits.append(self.path)
            body = b"body { color: red }"
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_POST = do_HEAD = do_GET  # noqa: N815

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class Records(logging.Handler):
    """Every record a logger passes on, whatever its level."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)

    def messages(self, level=logging.WARNING) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno >= level]


@contextlib.contextmanager
def weasyprint_logs():
    """with weasyprint_logs() as logs: everything the `weasyprint` logger says, at DEBUG and up."""
    logger = logging.getLogger("weasyprint")
    handler, level = Records(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


# --- API responses ----------------------------------------------------------------------------


def post_json(client, url, body, **kwargs):
    """POST ``body`` (a value, or JSON already as text or bytes) as application/json."""
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(url, data=data, content_type="application/json", **kwargs)


def assert_error(response, status, code=None):
    """The pinned error shape: JSON with code, status (= the HTTP status), message and the
    request id of the X-Request-ID header."""
    assert response.status_code == status
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert ErrorSchema().validate(body) == {}
    assert ({"code", "status", "message", "request_id"} <= body.keys()
            <= {"code", "status", "message", "errors", "warnings", "request_id"})
    assert body["request_id"] == response.headers["X-Request-ID"]
    assert body["status"] == status
    assert isinstance(body["code"], str) and body["code"]
    assert isinstance(body["message"], str) and body["message"]
    if code:
        assert body["code"] == code
    return body


# --- The form, as a browser posts it ------------------------------------------------------------


class FormClient:
    """Posts to the form the way a browser does, CSRF token included."""

    def __init__(self, client) -> None:
        self.client = client
        self.token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/").text).group(1)

    def post(self, fields: dict | list, action: str = "check", files: dict | None = None, path: str = "/"):
        data = list(fields.items()) if isinstance(fields, dict) else list(fields)
        data = [(k, v) for k, v in data if k != "csrf_token"] + [("csrf_token", self.token)]
        if action:
            data.append(("_action", action))
        payload: dict = {}
        for key, value in data:
            payload.setdefault(key, []).append(value)
        for key, (content, name) in (files or {}).items():
            payload[key] = (io.BytesIO(content), name)
        return self.client.post(path, data=payload, content_type="multipart/form-data")

    def open(self, case: dict):
        """The form filled with ``case``, as "Open case" fills it."""
        return self.post({}, "open", files={"_case_file": (json.dumps(case).encode(), "case.json")})


def fields_of(case: dict) -> dict[str, str]:
    """A case as the values of its inputs, unticked checkboxes left out as a browser does."""
    return {k: v for k, v in formdata.case_to_fields(case).items()
            if not (v == "false" and formdata.is_checkbox(formdata.node_at(k)))}
