"""Limits: what no request may make docgen do, however large, deep or slow it is.

- A body is refused past MAX_CONTENT_LENGTH (413), also when it comes in chunks without a length.
- JSON nested 100,000 deep, and JSON just under the limit built to be expensive (100,000 list
  items, 150,000 keys, two megabytes in one field), get a clear 400 or 422 that names the field,
  in bounded time and memory (tracemalloc's peak), with a short answer.
- A render that runs past its time budget (RENDER_TIMEOUT) is stopped and answered with a 503
  in the error shape, or a page for the form, instead of holding its worker.

The 413 of a body with a length, and JSON that the parser refuses as too deep, are pinned in
test_api.py; these tests add what it does not cover.
"""

from __future__ import annotations

import http.client
import json
import signal
import threading
import time
import tracemalloc
from unittest.mock import ANY
from urllib.parse import urlsplit

import pytest
from expected import KINDS

from docgen.web import budget, create_app
from reading import FormClient, assert_error, fields_of, post_json

LIMIT = 2 * 1024 * 1024  # MAX_CONTENT_LENGTH, as the README documents it

# An invalid request, however large, is answered within these, and briefly. The time is the
# process's CPU time, which other work on the machine does not stretch as it does the clock's.
MOST_SECONDS = 3.0
MOST_PEAK = 64 * 1024 * 1024  # tracemalloc's peak: about 30 times the largest body
MOST_ANSWER = 10_000  # bytes of error body


def measured(client, url, body):
    """(response, CPU seconds, peak bytes traced) for one POST of ``body`` as JSON."""
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    assert len(data) < LIMIT, "the point is a body the size limit lets through"
    tracemalloc.start()
    started = time.process_time()
    try:
        response = post_json(client, url, data)
        return response, time.process_time() - started, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def assert_cheap(response, seconds, peak, status, code, paths):
    body = assert_error(response, status, code)
    assert list(body.get("errors", {})) == paths
    assert len(response.data) < MOST_ANSWER
    assert seconds < MOST_SECONDS
    assert peak < MOST_PEAK, f"{peak / 1e6:.0f} MB traced"
    return body


# --- Deep and large JSON -------------------------------------------------------------------------

DEPTH = 100_000


@pytest.mark.parametrize("body", [
    "[" * DEPTH + "]" * DEPTH,
    '{"a":' * DEPTH + "1" + "}" * DEPTH,
    '{"complainants": ' + '[{"x":' * (DEPTH // 2) + "1" + "}]" * (DEPTH // 2) + "}",
], ids=["arrays", "objects", "inside-a-case"])
@pytest.mark.parametrize("url", ["/api/v1/validate", "/api/v1/documents/cat-complaint?format=pdf"])
def test_json_nested_100000_deep_is_a_clear_400(client, url, body):
    response, seconds, peak = measured(client, url, body)
    answer = assert_cheap(response, seconds, peak, 400, "invalid_json", [])
    assert "nested too deeply" in answer["message"]


def many_events(rustam, count, event):
    rustam["events"] = [event] * count
    return rustam


# Each body is under the size limit and each used to cost seconds to minutes, hundreds of
# megabytes and megabytes of answer (see the commits that bound lists, mappings, unknown fields
# and CSL flags); each is now one message at the path of the part that is too large.
EXPENSIVE = {
    "thousands of valid events": (
        lambda rustam: many_events(rustam, 5_000, rustam["events"][0]), ["events"]),
    "100,000 empty events": (lambda rustam: many_events(rustam, 100_000, {}), ["events"]),
    "300,000 empty complainants": (
        lambda rustam: {**rustam, "complainants": [{}] * 300_000}, ["complainants"]),
    "150,000 unknown fields": (lambda rustam: {f"k{i}": 0 for i in range(150_000)}, ["case"]),
    "100,000 unknown fields in a complainant": (
        lambda rustam: {**rustam, "complainants": [{f"k{i}": 0 for i in range(100_000)}]},
        ["complainants.0"]),
    "120,000 custom keys in a source": (
        lambda rustam: {**rustam, "sources": [{**rustam["sources"][0],
                                                "custom": {f"k{i}": [] for i in range(120_000)}}]},
        ["sources.0.custom"]),
    "two megabytes in one field": (
        # As long as the limit lets through beside the rest of the case, whatever its length.
        lambda rustam: {**rustam, "remedies_sought": ["x" * (LIMIT - len(json.dumps(rustam)) - 1_000)]},
        ["remedies_sought.0"]),
    "a list 900 deep in a CSL flag": (
        lambda rustam: {**rustam, "sources": [{**rustam["sources"][0], "issued": {
            "date-parts": [[2012, 7, 9]], "circa": json.loads("[" * 900 + "]" * 900)}}]},
        ["sources.0.issued.circa"]),
    "a list of 900,000 numbers": (lambda rustam: "[" + "0," * 899_999 + "0]", ["case"]),
}


@pytest.mark.parametrize("name", list(EXPENSIVE))
@pytest.mark.parametrize("url", ["/api/v1/validate",
                                 "/api/v1/documents/cat-complaint?format=pdf&public=1"])
def test_large_json_under_the_limit_is_a_clear_422_in_bounded_time_and_memory(client, rustam, url, name):
    make, paths = EXPENSIVE[name]
    response, seconds, peak = measured(client, url, make(rustam))
    assert_cheap(response, seconds, peak, 422, "invalid_case", paths)


def test_five_hundred_events_are_the_documented_bound(client, rustam):
    assert post_json(client, "/api/v1/validate", many_events(rustam, 500, rustam["events"][0])).status_code == 200
    body = assert_error(post_json(client, "/api/v1/validate", many_events(rustam, 501, rustam["events"][0])), 422)
    assert body["errors"] == {"events": ["Must have between 1 and 500 items."]}


def test_a_few_unknown_fields_are_still_named_one_by_one(client, minimal):
    minimal["complainants"][0].update({f"nick{i}": "R." for i in range(20)})
    body = assert_error(post_json(client, "/api/v1/validate", minimal), 422)
    assert sorted(body["errors"]) == sorted(f"complainants.0.nick{i}" for i in range(20))


# --- The render's time budget ---------------------------------------------------------------------

TINY = 0.05  # seconds: far less than any PDF takes


@pytest.fixture
def hurried(app):
    """The app with a budget no PDF can keep."""
    app.config["RENDER_TIMEOUT"] = TINY
    return app


def alarm_state():
    return signal.getsignal(signal.SIGALRM), signal.getitimer(signal.ITIMER_REAL)


@pytest.mark.parametrize("kind", KINDS)
def test_a_render_past_its_budget_is_stopped_and_answered_503(hurried, rustam, kind):
    before = alarm_state()
    started = time.perf_counter()
    response = post_json(hurried.test_client(), f"/api/v1/documents/{kind}?format=pdf", rustam)
    seconds = time.perf_counter() - started
    body = assert_error(response, 503, "render_timeout")
    assert "0.05 seconds" in body["message"] and "nothing of it was kept" in body["message"]
    assert seconds < TINY + 1.0  # stopped, not left to finish
    assert response.headers["Cache-Control"] == "no-store"
    assert alarm_state() == before  # the alarm is disarmed and the handler given back


def test_after_a_stopped_render_the_next_one_is_whole(hurried, rustam):
    """Stopping WeasyPrint in the middle leaves nothing behind that changes the next PDF."""
    client = hurried.test_client()
    hurried.config["RENDER_TIMEOUT"] = 60
    before = post_json(client, "/api/v1/documents/cat-complaint?format=pdf", rustam)
    stopped = []
    # Each body indented differently: the same case in bytes the render cache has not seen.
    for indent, seconds in enumerate((0.01, 0.05, 0.12, 0.2)):  # stopped in different stages
        hurried.config["RENDER_TIMEOUT"] = seconds
        status = post_json(client, "/api/v1/documents/cat-complaint?format=pdf",
                           json.dumps(rustam, indent=indent)).status_code
        assert status in (200, 503)
        stopped.append(status == 503)
    assert sum(stopped) >= 2
    hurried.config["RENDER_TIMEOUT"] = 60
    after = post_json(client, "/api/v1/documents/cat-complaint?format=pdf", json.dumps(rustam, indent=9))
    assert before.status_code == after.status_code == 200
    assert after.data == before.data


def test_validation_and_quick_renders_are_not_timed(hurried, rustam):
    client = hurried.test_client()
    assert post_json(client, "/api/v1/validate", rustam).status_code == 200
    hurried.config["RENDER_TIMEOUT"] = 0  # no budget at all
    assert post_json(client, "/api/v1/documents/cat-complaint?format=pdf", rustam).status_code == 200


def test_the_form_says_so_in_a_page_and_keeps_the_case(hurried, rustam):
    form = FormClient(hurried.test_client())
    response = form.post({"_case": json.dumps(rustam), "file": "cat-complaint.pdf"}, action="",
                         path="/download")
    assert response.status_code == 503 and response.mimetype == "text/html"
    assert "took longer than the 0.05 seconds" in response.text
    assert "Back to the form with this case" in response.text
    assert "Traceback" not in response.text


def test_the_previews_are_timed_too(hurried, rustam):
    hurried.config["RENDER_TIMEOUT"] = 0.001  # the previews are HTML, quicker than a PDF
    response = FormClient(hurried.test_client()).post({"_case": json.dumps(rustam), "kind": "cat-complaint"},
                                                      action="", path="/preview")
    assert response.status_code == 503 and "took longer than" in response.text
    assert "Back to the form with this case" in response.text


def test_outside_the_main_thread_there_is_no_budget(rustam):
    """Signals are the main thread's: a threaded server renders without the budget."""
    app = create_app({"TESTING": True, "API_TOKEN": None, "RENDER_TIMEOUT": TINY})
    statuses = []
    thread = threading.Thread(target=lambda: statuses.append(
        post_json(app.test_client(), "/api/v1/documents/cat-complaint?format=pdf", rustam).status_code))
    thread.start()
    thread.join(timeout=60)
    assert statuses == [200]


@pytest.mark.parametrize("value, seconds", [(None, budget.DEFAULT_SECONDS), ("", budget.DEFAULT_SECONDS),
                                            ("0", 0), ("2.5", 2.5), ("90", 90)])
def test_the_budget_comes_from_the_environment(monkeypatch, value, seconds):
    if value is None:
        monkeypatch.delenv("DOCGEN_RENDER_TIMEOUT", raising=False)
    else:
        monkeypatch.setenv("DOCGEN_RENDER_TIMEOUT", value)
    assert create_app({"TESTING": True}).config["RENDER_TIMEOUT"] == seconds


@pytest.mark.parametrize("value", ["soon", "-1", "nan"])
def test_a_budget_that_is_not_a_number_of_seconds_stops_the_start(monkeypatch, value):
    monkeypatch.setenv("DOCGEN_RENDER_TIMEOUT", value)
    with pytest.raises(ValueError):
        create_app({"TESTING": True})


def test_the_default_budget_is_under_gunicorns_worker_timeout():
    from docgen.web import serve

    assert 0 < budget.DEFAULT_SECONDS < serve.TIMEOUT


# --- In the real service --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def service(serve_docgen):
    """`docgen serve` with one worker and a budget no PDF of the example case can keep."""
    return serve_docgen(workers=1, env={"DOCGEN_RENDER_TIMEOUT": str(TINY)})


def send(base, path, body, *, chunked=False):
    """POST ``body`` (bytes, or a list of byte strings to send in chunks, with Transfer-Encoding:
    chunked and no Content-Length) as JSON: (status, the JSON answer)."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.request("POST", path, body=iter(body) if chunked else body, encode_chunked=chunked,
                           headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        return response.status, json.loads(response.read())
    finally:
        connection.close()


def test_a_sync_worker_stops_a_long_render_and_goes_on(service, fixtures_dir, workers_of):
    """The budget holds in gunicorn's sync worker; the worker answers and lives on."""
    (worker,) = workers_of(service.process.pid, at_least=1)
    case = (fixtures_dir / "cases" / "rustam-norway.json").read_bytes()
    started = time.monotonic()
    status, body = send(service.base, "/api/v1/documents/cat-complaint?format=pdf", case)
    assert (status, body["code"]) == (503, "render_timeout")
    assert time.monotonic() - started < 10
    assert send(service.base, "/api/v1/validate", case) == (200, {"valid": True, "warnings": ANY})
    assert workers_of(service.process.pid, at_least=1) == [worker]  # the same worker, not a new one
    assert "Traceback" not in service.output()


def test_a_body_in_chunks_over_the_limit_is_a_413(service):
    """Without a Content-Length there is nothing to refuse early: the limit holds as the body is
    read (it used to be cut at the limit and parsed: a 400 'not valid JSON at column 2097153')."""
    numbers = [b"[", *(b"0," * 500 for _ in range(LIMIT // 1000 + 10)), b"0]"]
    status, body = send(service.base, "/api/v1/validate", numbers, chunked=True)
    assert (status, body["code"], body["status"]) == (413, "payload_too_large", 413)


@pytest.mark.parametrize("padding", [0, 1])
def test_a_body_in_chunks_at_the_limit_is_read_whole(service, fixtures_dir, padding):
    """Exactly the limit is allowed; one byte more is not."""
    case = (fixtures_dir / "cases" / "rustam-norway.json").read_bytes()
    whole = case + b" " * (LIMIT - len(case) + padding)
    status, body = send(service.base, "/api/v1/validate",
                        [whole[i:i + 65536] for i in range(0, len(whole), 65536)], chunked=True)
    assert (status, body.get("valid"), body.get("code")) == (
        (200, True, None) if padding == 0 else (413, None, "payload_too_large"))


class _SlowToCollect:
    """An object whose finaliser is busy when the alarm rings: Python swallows what it raises."""

    def __del__(self):
        end = time.perf_counter() + 0.1
        while time.perf_counter() < end:
            pass


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_budget_whose_alarm_is_swallowed_still_stops_the_render():
    """Seen in CI: the alarm landed in a garbage-collector callback, was printed and ignored, and
    the render ran on to a 200. The alarm rings again until it lands where it stops the work."""
    started = time.perf_counter()
    with pytest.raises(budget.RenderTimeout):
        with budget.time_limit(0.02):
            _SlowToCollect()  # dropped at once: its __del__ runs, and the first ring lands in it
            end = time.perf_counter() + 2
            while time.perf_counter() < end:
                pass
    assert time.perf_counter() - started < 1


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_render_that_ends_between_a_swallowed_ring_and_the_next_is_still_stopped():
    """Seen in CI: the ring landed in a garbage-collector callback and the previews were done
    before it rang again, so a render past its budget came back 200. Past the budget is a 503,
    wherever the alarm lands."""
    with pytest.raises(budget.RenderTimeout):
        with budget.time_limit(0.02):
            _SlowToCollect()  # the first ring lands in its __del__ and is swallowed


def test_an_alarm_delivered_after_the_block_leaves_no_timer_behind():
    """Python runs a signal's handler between bytecodes, so a ring that fell due just before the
    block ended can run after it: it must neither raise nor arm the clock again, or a timer would
    ring later with nobody to stop it (a whole test run was once ended by a stray SIGALRM)."""
    before = alarm_state()
    with budget.time_limit(60):
        late_handler = signal.getsignal(signal.SIGALRM)
    assert late_handler(signal.SIGALRM, None) is None
    assert alarm_state() == before
