"""No render done twice: a repeated request of the API or the form gets what this worker rendered
a moment ago, and only within the same API token or browser session (docgen/web/cache.py)."""

from __future__ import annotations

import io
import json
import zipfile
from collections import Counter
from dataclasses import replace

import pytest

from docgen import render as render_module
from docgen.case import load_case
from docgen.web import create_app
from docgen.web.cache import RenderCache
from reading import FormClient, fields_of, pdf_words, post_json

URL = "/api/v1/documents/cat-complaint"


@pytest.fixture
def writes(monkeypatch) -> Counter:
    """Counts each call of a writer, by format: a render that reaches WeasyPrint or docxtpl."""
    calls: Counter = Counter()
    for name, format in list(render_module.FORMATS.items()):
        def counted(document, _write=format.write, _name=name):
            calls[_name] += 1
            return _write(document)
        monkeypatch.setitem(render_module.FORMATS, name, replace(format, write=counted))
    return calls


@pytest.fixture
def tokened():
    return create_app({"TESTING": True, "API_TOKEN": "first-token"})


def test_the_same_request_again_is_not_rendered_again(client, rustam, writes):
    first = post_json(client, f"{URL}?format=pdf", rustam)
    second = post_json(client, f"{URL}?format=pdf", rustam)
    assert first.status_code == second.status_code == 200
    assert writes == {"pdf": 1}
    assert second.data == first.data and "Nazarov" in pdf_words(second.data)
    assert second.headers["Content-Disposition"] == first.headers["Content-Disposition"]


@pytest.mark.parametrize("query", ["format=docx", "format=pdf&public=true", "format=html"])
def test_another_format_or_edition_is_rendered(client, rustam, writes, query):
    post_json(client, f"{URL}?format=pdf", rustam)
    response = post_json(client, f"{URL}?{query}", rustam)
    assert response.status_code == 200
    assert sum(writes.values()) == 2


def test_another_document_or_case_is_rendered(client, rustam, writes, edit):
    post_json(client, f"{URL}?format=docx", rustam)
    post_json(client, "/api/v1/documents/appeal-letter?format=docx", rustam)
    changed = post_json(client, f"{URL}?format=docx", edit(rustam, "complainants.0.legal_name", "Other Name"))
    assert changed.status_code == 200
    assert writes == {"docx": 3}


def test_the_same_case_with_another_token_is_rendered_again(tokened, rustam, writes):
    client = tokened.test_client()
    for token in ("first-token", "first-token"):
        assert post_json(client, f"{URL}?format=docx", rustam,
                         headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert writes == {"docx": 1}
    tokened.config["API_TOKEN"] = "second-token"  # the service restarted with another token
    assert post_json(client, f"{URL}?format=docx", rustam,
                     headers={"Authorization": "Bearer second-token"}).status_code == 200
    assert writes == {"docx": 2}


def test_a_refused_request_never_reaches_the_cache(tokened, rustam, writes):
    client = tokened.test_client()
    post_json(client, f"{URL}?format=docx", rustam, headers={"Authorization": "Bearer first-token"})
    refused = post_json(client, f"{URL}?format=docx", rustam, headers={"Authorization": "Bearer wrong"})
    assert refused.status_code == 401 and not refused.data.startswith(b"PK")
    assert writes == {"docx": 1}


def test_a_cache_of_zero_bytes_renders_every_time(rustam, writes):
    client = create_app({"TESTING": True, "API_TOKEN": None, "RENDER_CACHE_BYTES": 0}).test_client()
    for _ in range(2):
        assert post_json(client, f"{URL}?format=docx", rustam).status_code == 200
    assert writes == {"docx": 2}


# --- The form ----------------------------------------------------------------------------------


def result_case(response) -> str:
    from lxml import html as lxml_html

    return lxml_html.fromstring(response.data).xpath("//input[@name='_case']")[0].get("value")


def test_the_result_page_renders_nothing_and_each_preview_once(app, rustam, writes):
    form = FormClient(app.test_client())
    result = form.post(fields_of(rustam))
    assert result.status_code == 200 and "The documents are ready" in result.text
    assert writes == {}
    case = result_case(result)
    for _ in range(2):
        preview = form.post({"_case": case, "kind": "cat-complaint"}, action="", path="/preview")
        assert preview.status_code == 200 and "Movement for Freedom" in preview.text
    assert writes == {"html": 1}


def test_the_zip_reuses_the_downloads_before_it(app, rustam, writes):
    form = FormClient(app.test_client())
    case = result_case(form.post(fields_of(rustam)))
    responses = {}
    for file in ("cat-complaint.pdf", "cat-complaint.docx", "documents.zip", "cat-complaint.pdf"):
        responses[file] = response = form.post({"_case": case, "file": file}, action="", path="/download")
        assert response.status_code == 200, file
    in_zip = Counter(name.rpartition(".")[2]
                     for name in zipfile.ZipFile(io.BytesIO(responses["documents.zip"].data)).namelist())
    assert in_zip["pdf"] >= 2 and in_zip == Counter(pdf=in_zip["pdf"], docx=in_zip["pdf"])
    # The ZIP rendered only the documents other than the complaint; the second PDF nothing.
    assert writes == in_zip


def test_another_browser_session_renders_its_own(app, rustam, writes):
    case = json.dumps(rustam)
    for _ in range(2):
        form = FormClient(app.test_client())  # a new browser: a new session
        assert form.post({"_case": case, "file": "cat-complaint.docx"}, action="",
                         path="/download").status_code == 200
    assert writes == {"docx": 2}


# --- The bound ---------------------------------------------------------------------------------


def test_the_cache_stays_within_its_bound(rustam, writes):
    case = load_case(rustam)
    first = render_module.render(case, "cat-complaint", "docx")
    cache = RenderCache(max_bytes=2 * len(first) + 100, seconds=600)
    for number in range(5):
        cache.render("scope", str(number).encode(), case, "cat-complaint", "docx")
        assert cache.bytes_held <= cache.max_bytes
    assert cache.bytes_held >= len(first)  # the newest are kept
    cache.render("scope", b"4", case, "cat-complaint", "docx")  # the newest: still there
    assert writes == {"docx": 6}
    cache.render("scope", b"0", case, "cat-complaint", "docx")  # the oldest: gone
    assert writes == {"docx": 7}


def test_a_render_larger_than_the_cache_is_not_kept(rustam, writes):
    case = load_case(rustam)
    cache = RenderCache(max_bytes=100, seconds=600)
    for _ in range(2):
        cache.render("scope", b"case", case, "cat-complaint", "docx")
    assert writes == {"docx": 2} and cache.bytes_held == 0


def test_a_render_is_kept_only_for_its_time(rustam, writes):
    case = load_case(rustam)
    now = [1000.0]
    cache = RenderCache(max_bytes=10**7, seconds=600, timer=lambda: now[0])
    cache.render("scope", b"case", case, "cat-complaint", "docx")
    now[0] += 601
    assert cache.bytes_held == 0
    cache.render("scope", b"case", case, "cat-complaint", "docx")
    assert writes == {"docx": 2}

