"""Who may make docgen work: the API's token and the form's CSRF token, refused before any work.

test_api.py pins the 401s (missing, malformed and wrong tokens on every route, in the error shape,
before the body's size, syntax or type is looked at) and test_form.py the 400 of a form post
without a CSRF token. These add the proof that a refused request does no work (the case is not
loaded, nothing is rendered, the body is not even read, by the test client or by docgen serve),
and the CSRF cases a cross-site attack would use: a token from another session or another
service.
"""

from __future__ import annotations

import json
import re
import socket
import time
from urllib.parse import urlsplit

import pytest

from docgen.web import create_app
from reading import FormClient, assert_error, fields_of, post_json

TOKEN = "s3cret-token-for-tests"
WRONG = [None, "Bearer", "Bearer wrong-token", f"Basic {TOKEN}", f"Bearer {TOKEN} extra"]
ROUTES = [("post", "/api/v1/validate"), ("post", "/api/v1/documents/cat-complaint?format=pdf"),
          ("get", "/api/v1/documents")]


class Untouchable:
    """A request body (50 MB unless said) that fails the test if anyone reads it (the test
    client may seek to its end to learn its length)."""

    def __init__(self, size: int = 50 * 1024 * 1024):
        self.size = size
        self.reads = 0
        self.position = 0

    def read(self, *args):
        self.reads += 1
        raise AssertionError("the body of a refused request was read")

    readline = readinto = read

    def seek(self, offset, whence=0):
        self.position = offset + (self.size if whence == 2 else 0)
        return self.position

    def tell(self):
        return self.position


@pytest.fixture
def no_work(monkeypatch):
    """Fails the test if the API loads a case, prepares a writer or renders."""
    def forbidden(name):
        def call(*args, **kwargs):
            raise AssertionError(f"{name} was called for a refused request")
        return call

    for name in ("load_case", "prepare"):
        monkeypatch.setattr(f"docgen.web.api.{name}", forbidden(name))
    monkeypatch.setattr("docgen.web.cache.render", forbidden("render"))


@pytest.fixture
def locked():
    return create_app({"TESTING": True, "API_TOKEN": TOKEN}).test_client()


@pytest.mark.parametrize("authorization", WRONG)
@pytest.mark.parametrize("method, url", ROUTES)
def test_a_refused_request_does_no_work_and_reads_no_body(locked, no_work, method, url, authorization):
    body = Untouchable()
    headers = {"Content-Type": "application/json"}
    if authorization is not None:
        headers["Authorization"] = authorization
    response = locked.open(url, method=method.upper(), input_stream=body, headers=headers)
    assert_error(response, 401)
    assert body.reads == 0


def test_the_right_token_does_the_work(locked, rustam):
    """The control: with the token, the body is read (the untouchable one too), the case loaded
    and rendered."""
    body = Untouchable(size=1_000)
    locked.open("/api/v1/validate", method="POST", input_stream=body,
                headers={"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"})
    assert body.reads > 0
    response = post_json(locked, "/api/v1/documents/cat-complaint?format=docx", rustam,
                         headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200 and response.data.startswith(b"PK")


def test_the_api_answers_no_cross_origin_request(locked, rustam):
    """A page elsewhere cannot use the API through a visitor's browser: a JSON body or a token
    needs a CORS preflight, which gets no Access-Control-Allow-* answer; the one body a page may
    send without asking (text/plain) is refused."""
    preflight = locked.open("/api/v1/validate", method="OPTIONS", headers={
        "Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type"})
    assert not [name for name in preflight.headers.keys() if name.lower().startswith("access-control-")]
    simple = locked.post("/api/v1/validate", data=json.dumps(rustam), content_type="text/plain",
                         headers={"Origin": "https://elsewhere.example",
                                  "Authorization": f"Bearer {TOKEN}"})
    assert_error(simple, 415)
    assert "Access-Control-Allow-Origin" not in simple.headers


# --- The real service: a refused request is answered before its body is sent ---------------------


@pytest.fixture(scope="module")
def locked_service(serve_docgen):
    return serve_docgen(workers=1, env={"DOCGEN_API_TOKEN": TOKEN})


@pytest.mark.parametrize("authorization", ["", "Authorization: Bearer wrong-token\r\n"])
def test_docgen_serve_refuses_before_reading_the_body(locked_service, authorization):
    """The request announces 50 MB and sends none of it: were the body read, the worker would
    wait for it until gunicorn's timeout; the 401 comes at once."""
    parts = urlsplit(locked_service.base)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as connection:
        started = time.monotonic()
        connection.sendall((
            "POST /api/v1/documents/cat-complaint?format=pdf HTTP/1.1\r\n"
            f"Host: {parts.netloc}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {50 * 1024 * 1024}\r\n{authorization}\r\n").encode())
        answer = b""
        while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
            chunk = connection.recv(65536)
            if not chunk:
                break
            answer += chunk
    assert time.monotonic() - started < 5
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 401")
    code = "token_required" if not authorization else "token_invalid"
    assert json.loads(body)["code"] == code


# --- The form: CSRF -------------------------------------------------------------------------------


@pytest.fixture
def form_app():
    return create_app({"TESTING": True, "SECRET_KEY": "this-service"})


@pytest.fixture
def form_no_work(monkeypatch):
    """Fails the test if the form loads a case or renders a document."""
    def forbidden(*args, **kwargs):
        raise AssertionError("a refused form post did work")

    for name in ("load_case", "prepare"):
        monkeypatch.setattr(f"docgen.web.form.routes.{name}", forbidden)
    monkeypatch.setattr("docgen.web.cache.render", forbidden)


def token_of(client) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get("/").text).group(1)


def test_a_token_from_another_session_is_refused(form_app, form_no_work, rustam):
    """What a cross-site form would carry: a valid token, but the attacker's, from their own
    session, sent with the visitor's cookie."""
    attacker, visitor = form_app.test_client(), form_app.test_client()
    stolen = token_of(attacker)
    token_of(visitor)  # the visitor has a session of their own
    for path, data in (("/", {**fields_of(rustam), "_action": "check"}),
                       ("/download", {"_case": json.dumps(rustam), "file": "cat-complaint.pdf"})):
        response = visitor.post(path, data={**data, "csrf_token": stolen})
        assert response.status_code == 400 and "expired" in response.text


def test_a_token_signed_by_another_service_is_refused(form_app, form_no_work, rustam):
    other = create_app({"TESTING": True, "SECRET_KEY": "another-service"}).test_client()
    forged = token_of(other)
    client = form_app.test_client()
    token_of(client)
    response = client.post("/download", data={"_case": json.dumps(rustam), "file": "cat-complaint.pdf",
                                              "csrf_token": forged})
    assert response.status_code == 400


def test_without_a_token_the_form_does_no_work(form_app, form_no_work, rustam):
    client = form_app.test_client()
    token_of(client)
    for path, data in (("/", {**fields_of(rustam), "_action": "check"}),
                       ("/", {**fields_of(rustam), "_action": "save"}),
                       ("/download", {"_case": json.dumps(rustam), "file": "documents.zip"})):
        assert client.post(path, data=data).status_code == 400


def test_with_its_own_token_the_form_works(form_app, rustam):
    """The control: the same posts with the session's own token are answered."""
    form = FormClient(form_app.test_client())
    assert form.post(fields_of(rustam)).status_code == 200
    response = form.post({"_case": json.dumps(rustam), "file": "cat-complaint.docx"}, action="",
                         path="/download")
    assert response.status_code == 200 and response.data.startswith(b"PK")
