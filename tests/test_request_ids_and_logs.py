"""Failures are visible, cases are not: a request id on every answer, and a fault logged with
its id, route, document kind and format, exception type and stack, and nothing of the case.

The fault tests put a canary word into every free-text field of the example case, make each
writer fail (monkeypatch) with an exception whose message quotes the case, and read the log in
both formats: the canary must not be in it, and the answer is the API's 500 with the id.
"""

from __future__ import annotations

import json
import logging
import re

import pytest
from reading import assert_error, edit_path, post_json

from docgen.case.fields import Text
from docgen.render import FORMATS, KINDS
from docgen import logs
from docgen.web.form import formdata

CANARY = "Kanarienvogel"


def string_paths(value, prefix=""):
    if isinstance(value, dict):
        return [p for key, child in value.items() for p in string_paths(child, f"{prefix}{key}.")]
    if isinstance(value, list):
        return [p for index, child in enumerate(value) for p in string_paths(child, f"{prefix}{index}.")]
    return [prefix[:-1]] if isinstance(value, str) else []


@pytest.fixture
def canary_case(rustam):
    """The example case with the canary in every free-text field (and nothing else changed)."""
    for path in string_paths(rustam):
        if isinstance(formdata.node_at(path), Text):
            edit_path(rustam, path, f"{CANARY} {path}")
    return rustam


class Lines(logging.Handler):
    """docgen's log as both formats would print it."""

    def __init__(self):
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)

    def plain(self) -> str:
        return "\n".join(logs.Plain().format(record) for record in self.records)

    def json(self) -> list[dict]:
        return [json.loads(logs.JsonLines().format(record)) for record in self.records]


@pytest.fixture
def logged():
    handler = Lines()
    logger = logging.getLogger(logs.LOGGER)
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


# --- Request ids -----------------------------------------------------------------------------


def test_every_answer_has_a_request_id(client, minimal):
    ok = post_json(client, "/api/v1/validate", minimal)
    page = client.get("/")
    missing = client.get("/api/v1/nothing-here")
    ids = [response.headers["X-Request-ID"] for response in (ok, page, missing)]
    assert all(re.fullmatch(r"[0-9a-f]{32}", id) for id in ids) and len(set(ids)) == 3
    assert assert_error(missing, 404)["request_id"] == ids[2]


@pytest.mark.parametrize("given", ["f3a1c2e4-5b6d-4e7f-8a9b-0c1d2e3f4a5b", "Root=1-67891233-abcdef012345678912345678",
                                   "nginx.0123456789abcdef"])
def test_a_proxys_request_id_is_kept(client, given):
    response = post_json(client, "/api/v1/validate", {}, headers={"X-Request-ID": given})
    assert response.headers["X-Request-ID"] == given
    assert assert_error(response, 422)["request_id"] == given


@pytest.mark.parametrize("given", ["short", "x" * 129, "has spaces in it", "Alisher Nazarov, born 1991",
                                   "<script>alert(1)</script>", "line\\nbreak-0123456789", ""])
def test_a_request_id_that_is_no_plain_token_is_replaced(client, given):
    response = post_json(client, "/api/v1/validate", {}, headers={"X-Request-ID": given})
    assert re.fullmatch(r"[0-9a-f]{32}", response.headers["X-Request-ID"])


# --- A fault in each writer --------------------------------------------------------------------

# Where each writer is made to fail: a function of its own module, called with the document.
FAULTS = {"docx": "docgen.writers.docx._block_context", "html": "docgen.writers.html._context",
          "pdf": "docgen.writers.pdf._metadata"}


def test_every_format_has_a_fault_to_inject():
    assert set(FAULTS) == set(FORMATS)


@pytest.mark.parametrize("format", sorted(FAULTS))
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_writers_fault_is_logged_with_where_and_never_what(client, canary_case, logged,
                                                             monkeypatch, kind, format):
    def fail(document, *args, **kwargs):
        raise RuntimeError(f"cannot write {document}")  # the message quotes the whole case

    monkeypatch.setattr(FAULTS[format], fail)
    response = post_json(client, f"/api/v1/documents/{kind}?format={format}", canary_case,
                         headers={"X-Request-ID": "req-0123456789"})
    body = assert_error(response, 500, "internal_error")
    assert body["request_id"] == "req-0123456789" and "req-0123456789" in body["message"]
    assert CANARY not in response.text

    [line] = logged.json()
    assert line["level"] == "error" and line["request_id"] == "req-0123456789"
    assert line["route"] == "/api/v1/documents/<kind>" and line["method"] == "POST"
    assert (line["kind"], line["format"], line["edition"]) == (kind, format, "full")
    assert line["exception"] == "builtins.RuntimeError"
    innermost = line["stack"][-1]
    assert innermost["function"] == "fail" and innermost["file"].endswith("test_request_ids_and_logs.py")
    assert any(frame["file"].endswith("docgen/render.py") for frame in line["stack"])
    plain = logged.plain()
    assert "req-0123456789" in plain and "RuntimeError" in plain and "in fail" in plain
    for text in (plain, json.dumps(logged.json())):
        assert CANARY not in text and "cannot write" not in text


def test_a_fault_in_the_forms_download_is_logged_the_same_way(app, canary_case, logged, monkeypatch):
    from reading import FormClient

    monkeypatch.setattr(FAULTS["docx"], lambda document, *a, **k: 1 / 0)
    client = app.test_client()
    form = FormClient(client)
    response = client.post("/download", data={"file": "cat-complaint.docx", "_case": json.dumps(canary_case),
                                              "csrf_token": form.token})
    assert response.status_code == 500
    assert response.headers["X-Request-ID"] in response.text and CANARY not in response.text
    [line] = logged.json()
    assert (line["route"], line["kind"], line["format"]) == ("/download", "cat-complaint", "docx")
    assert line["exception"] == "builtins.ZeroDivisionError"
    assert CANARY not in logged.plain()


def test_a_library_traceback_in_the_plain_log_has_no_message(logged):
    try:
        raise ValueError(f"{CANARY} typed by a user")
    except ValueError:
        logging.getLogger(logs.LOGGER).exception("a library logs what it caught")
    assert "ValueError" in logged.plain() and CANARY not in logged.plain()


# --- The format ------------------------------------------------------------------------------


@pytest.mark.parametrize("setting, expected", [("json", logs.JsonLines), ("JSON", logs.JsonLines),
                                               ("plain", logs.Plain), ("", logs.Plain)])
def test_the_log_format_is_chosen_by_docgen_log_format(monkeypatch, setting, expected):
    monkeypatch.setenv("DOCGEN_LOG_FORMAT", setting)
    assert type(logs.formatter()) is expected
    assert logs.gunicorn_config()["formatters"]["docgen"]["()"].endswith(expected.__name__)
