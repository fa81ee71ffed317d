"""The JSON API through Flask's test client: every status it answers, its one error shape,
the token, the security headers, and what it must never do (log a case, show a traceback)."""

from __future__ import annotations

import io
import json
import logging
import re
import zipfile

import pytest
from expected import EXPECTED
from flask import Blueprint

from docgen.case import CaseInvalid, load_case
from docgen.render import FORMATS, KINDS
from docgen.web import create_app
from reading import assert_error, post_json

LEGAL_NAME = "Alisher Bahodirovich Nazarov"  # rustam-norway.json, never in a public edition
PASSPORT = "AB7734120"
FACT = "child slave labour in the Uzbek cotton harvest"  # from its first event


# --- 200: the documents -------------------------------------------------------------------


def read_docx_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml").decode("utf-8")


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("format", list(FORMATS))
def test_render_each_document_in_each_format(client, rustam, kind, format):
    response = post_json(client, f"/api/v1/documents/{kind}?format={format}", rustam)
    assert response.status_code == 200
    assert response.content_type == FORMATS[format].media_type
    # What and whose, by the pseudonym and the signature date: never by the legal name.
    assert response.headers["Content-Disposition"] == f"attachment; filename=rustam-{kind}-2012-07-10.{format}"
    if format == "pdf":
        assert response.data.startswith(b"%PDF-")
    elif format == "docx":
        assert EXPECTED[kind].facts[0] in read_docx_xml(response.data)
    else:
        assert EXPECTED[kind].facts[0] in response.get_data(as_text=True)


def test_format_defaults_to_pdf(client, minimal):
    response = post_json(client, "/api/v1/documents/cat-complaint", minimal)
    assert response.status_code == 200
    assert response.data.startswith(b"%PDF-")
    assert response.headers["Content-Disposition"] == "attachment; filename=a-cat-complaint.pdf"


@pytest.mark.parametrize("value", ["1", "true", "yes"])
def test_public_edition_leaves_out_the_identity(client, rustam, value):
    response = post_json(client, f"/api/v1/documents/cat-complaint?format=html&public={value}", rustam)
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == "attachment; filename=rustam-cat-complaint-public-2012-07-10.html"
    html = response.get_data(as_text=True)
    assert FACT in html and "Rustam" in html
    assert LEGAL_NAME not in html and PASSPORT not in html


def test_full_edition_names_the_person_but_not_in_the_file_name(client, rustam):
    response = post_json(client, "/api/v1/documents/appeal-letter?format=html&public=0", rustam)
    assert LEGAL_NAME in response.get_data(as_text=True)
    disposition = response.headers["Content-Disposition"]
    assert disposition == "attachment; filename=rustam-appeal-letter-2012-07-10.html"
    assert not {"alisher", "nazarov"} & set(re.split(r"[-=. ]", disposition.lower()))


# --- 200: validate, the list of documents, health ------------------------------------------


def test_validate_a_valid_case_returns_its_warnings(client, rustam):
    response = post_json(client, "/api/v1/validate", rustam)
    assert response.status_code == 200
    body = response.get_json()
    assert body == {"valid": True, "warnings": load_case(rustam).warnings}
    assert body["warnings"]  # the fixture has warnings; an empty list would prove nothing


def test_validate_names_a_source_superseded_before_the_signature_date(client, rustam):
    rustam["signature"]["date"] = None  # signed today: CO/5 (2020) has replaced the fixture's CO/3
    warnings = post_json(client, "/api/v1/validate", rustam).get_json()["warnings"]
    (superseded,) = [w for w in warnings if w["path"] == "sources.2"]
    assert superseded["message"].startswith("CAT/C/UZB/CO/3 was superseded by CAT/C/UZB/CO/5 (")


def test_validate_warns_of_a_court_application_the_case_does_not_list(client, rustam):
    rustam["interim_measures"] = {"application": "lodged", "application_reference": "12345/12"}
    warnings = post_json(client, "/api/v1/validate", rustam).get_json()["warnings"]
    (lodged,) = [w for w in warnings if w["path"] == "interim_measures.application"]
    assert "(application no. 12345/12), but other_procedures does not list it" in lodged["message"]
    assert "article 22(5)(a) of the Convention against Torture" in lodged["message"]


def test_validate_the_minimal_case(client, minimal):
    response = post_json(client, "/api/v1/validate", minimal)
    assert response.status_code == 200
    assert response.get_json()["valid"] is True


def test_list_of_documents(client):
    response = client.get("/api/v1/documents")
    assert response.status_code == 200
    assert response.get_json() == {"documents": [
        {"kind": kind.id, "title": kind.title, "formats": ["docx", "pdf", "html"],
         "languages": list(kind.languages), "public_edition": True}
        for kind in KINDS.values()
    ]}


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


# --- 422: an invalid case, every field by its path -----------------------------------------


@pytest.mark.parametrize("path, value, expected", [
    ("complainants.0.birth_date", "14 March 1986", "complainants.0.birth_date"),
    ("events", ..., "events"),
    ("respondent_state", "XX", "respondent_state"),
    ("events.0.category", "gossip", "events.0.category"),
    ("complainants.0.nickname", "R.", "complainants.0.nickname"),
    ("events.0.sources.0.source", "nowhere", "events.0.sources.0.source"),
])
@pytest.mark.parametrize("url", ["/api/v1/validate", "/api/v1/documents/cat-complaint?format=docx"])
def test_invalid_case_names_each_field_by_its_path(client, rustam, edit, url, path, value, expected):
    response = post_json(client, url, edit(rustam, path, value))
    body = assert_error(response, 422, "invalid_case")
    assert list(body["errors"]) == [expected]
    assert body["errors"][expected] and all(isinstance(m, str) for m in body["errors"][expected])
    assert body["warnings"] == []


def test_invalid_case_errors_are_those_of_load_case(client, load_fixture, fixtures_dir):
    """The API adds nothing and loses nothing: each invalid fixture, the same errors."""
    names = sorted(json.loads((fixtures_dir / "invalid" / "expected.json").read_text()))
    assert names
    for name in names:
        data = load_fixture(f"invalid/{name}")
        with pytest.raises(CaseInvalid) as invalid:
            load_case(data)
        body = assert_error(post_json(client, "/api/v1/validate", data), 422, "invalid_case")
        assert body["errors"] == invalid.value.errors, name


@pytest.mark.parametrize("body", ["[]", '"a case"', "null", "42"])
def test_json_that_is_not_an_object_is_an_invalid_case(client, body):
    assert assert_error(post_json(client, "/api/v1/validate", body), 422)["errors"] == {
        "case": ["Must be a JSON object holding the case."]
    }


# --- 400: not JSON, or a wrong parameter ---------------------------------------------------


@pytest.mark.parametrize("body", [
    "", "{", '{"complainants": [}', "{'single': 'quotes'}", b"\xff\xfe\x00garbage",
    "[" * 100_000,  # deeper than Python's parser goes: RecursionError, not a 500
    '{"n": ' + "9" * 5000 + "}",  # longer than Python will turn into an int
])
@pytest.mark.parametrize("url", ["/api/v1/validate", "/api/v1/documents/cat-complaint"])
def test_malformed_json_is_a_bad_request(client, url, body):
    assert_error(post_json(client, url, body), 400, "invalid_json")


@pytest.mark.parametrize("query, named", [
    ("format=odt", "format"),
    ("format=PDF", "format"),
    ("format=", "format"),
    ("public=maybe", "public"),
    ("public=", "public"),
    ("formt=pdf", "formt"),
])
def test_a_wrong_query_parameter_is_named(client, minimal, query, named):
    body = assert_error(post_json(client, f"/api/v1/documents/cat-complaint?{query}", minimal),
                        400, "invalid_parameter")
    assert list(body["errors"]) == [named]
    assert named in body["message"]


# --- 404, 405, 413, 415 --------------------------------------------------------------------


def test_unknown_document_kind(client, minimal):
    body = assert_error(post_json(client, "/api/v1/documents/eviction-notice", minimal), 404,
                        "unknown_document")
    assert "cat-complaint" in body["message"]


def test_unknown_url_under_api_is_json(client):
    assert_error(client.get("/api/v2/documents"), 404, "not_found")


def test_pages_keep_their_own_errors(client):
    """The JSON shape is the API's; a page's 404 is for a person."""
    response = client.get("/no-such-page")
    assert response.status_code == 404 and response.mimetype == "text/html"


def test_wrong_method_is_json_and_says_what_is_allowed(client):
    response = client.get("/api/v1/validate")
    assert_error(response, 405, "method_not_allowed")
    assert "POST" in response.headers["Allow"]


def test_body_over_the_limit_is_refused(app, minimal):
    app.config["MAX_CONTENT_LENGTH"] = 300
    response = post_json(app.test_client(), "/api/v1/validate", minimal)
    assert_error(response, 413, "payload_too_large")


def test_default_limit_refuses_a_body_over_two_megabytes(client):
    body = '{"remedies_sought": ["' + "x" * (2 * 1024 * 1024) + '"]}'
    assert_error(post_json(client, "/api/v1/documents/cat-complaint", body), 413)


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded",
                                          "multipart/form-data; boundary=x"])
def test_a_body_not_sent_as_json_is_refused(client, minimal, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    response = client.post("/api/v1/validate", data=json.dumps(minimal), headers=headers)
    assert_error(response, 415, "unsupported_media_type")


def test_json_with_a_charset_is_json(client, minimal):
    response = client.post("/api/v1/validate", data=json.dumps(minimal),
                           headers={"Content-Type": "application/json; charset=utf-8"})
    assert response.status_code == 200


# --- 401: the token ------------------------------------------------------------------------

TOKEN = "s3cret-token-for-tests"


@pytest.fixture
def locked(app):
    app.config["API_TOKEN"] = TOKEN
    return app.test_client()


@pytest.mark.parametrize("authorization, code", [
    (None, "token_required"),
    ("", "token_required"),
    ("Bearer", "token_required"),
    (f"Basic {TOKEN}", "token_required"),
    (TOKEN, "token_required"),
    ("Bearer wrong-token", "token_invalid"),
    (f"Bearer {TOKEN}x", "token_invalid"),
    (f"Bearer {TOKEN[:-1]}", "token_invalid"),
    ("Bearer t\u00f6ken", "token_invalid"),
])
@pytest.mark.parametrize("method, url", [
    ("post", "/api/v1/validate"),
    ("post", "/api/v1/documents/cat-complaint?format=pdf"),
    ("get", "/api/v1/documents"),
])
def test_without_the_right_token_nothing_is_done(locked, minimal, method, url, authorization, code):
    headers = {"Authorization": authorization} if authorization is not None else {}
    response = getattr(locked, method)(url, json=minimal, headers=headers)
    assert_error(response, 401, code)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("scheme", ["Bearer", "bearer", "BEARER"])
def test_the_right_token_opens_the_api(locked, minimal, scheme):
    headers = {"Authorization": f"{scheme} {TOKEN}"}
    assert locked.post("/api/v1/validate", json=minimal, headers=headers).status_code == 200
    response = locked.post("/api/v1/documents/cat-complaint?format=docx", json=minimal, headers=headers)
    assert response.status_code == 200


@pytest.mark.parametrize("body, content_type", [
    ("x" * (3 * 1024 * 1024), "application/json"),  # would be 413
    ("{", "application/json"),  # would be 400
    ("{}", "text/plain"),  # would be 415
])
def test_the_token_is_checked_before_the_body(locked, body, content_type):
    response = locked.post("/api/v1/documents/cat-complaint", data=body, content_type=content_type)
    assert_error(response, 401, "token_required")


def test_the_token_is_compared_in_constant_time(locked, minimal, monkeypatch):
    import docgen.web.tokens

    compared = []
    real = docgen.web.tokens.hmac.compare_digest
    monkeypatch.setattr(docgen.web.tokens.hmac, "compare_digest",
                        lambda a, b: compared.append((a, b)) or real(a, b))
    locked.post("/api/v1/validate", json=minimal, headers={"Authorization": "Bearer nope"})
    assert compared == [(b"nope", TOKEN.encode())]


@pytest.mark.parametrize("url", ["/api/openapi.json", "/api/docs", "/healthz"])
def test_the_description_and_health_need_no_token(locked, url):
    assert locked.get(url).status_code == 200


def test_token_from_the_environment(monkeypatch, minimal):
    monkeypatch.setenv("DOCGEN_API_TOKEN", TOKEN)
    client = create_app({"TESTING": True}).test_client()
    assert_error(client.post("/api/v1/validate", json=minimal), 401)
    headers = {"Authorization": f"Bearer {TOKEN}"}
    assert client.post("/api/v1/validate", json=minimal, headers=headers).status_code == 200


# --- 500: a bug still answers in the shape, and logs nothing of the case ------------------


@pytest.fixture
def broken(app):
    """An app with routes that fail the way a bug would, quoting case facts in the error."""
    probe = Blueprint("probe", __name__)

    @probe.get("/api/v1/broken")
    def api_broken():
        raise ValueError(f"cannot place {LEGAL_NAME}")

    @probe.get("/page-broken")
    def page_broken():
        raise KeyError(LEGAL_NAME)

    app.register_blueprint(probe)
    return app.test_client()


def test_an_unexpected_error_in_the_api_is_a_clean_500(broken, caplog):
    with caplog.at_level(logging.DEBUG):
        response = broken.get("/api/v1/broken")
    body = assert_error(response, 500, "internal_error")
    assert LEGAL_NAME not in response.get_data(as_text=True) and "Traceback" not in body["message"]
    assert "ValueError" in caplog.text and "/api/v1/broken" in caplog.text
    assert LEGAL_NAME not in caplog.text


def test_an_unexpected_error_in_a_page_shows_no_traceback(broken, caplog):
    with caplog.at_level(logging.DEBUG):
        response = broken.get("/page-broken")
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    assert "Traceback" not in text and LEGAL_NAME not in text
    assert "KeyError" in caplog.text and LEGAL_NAME not in caplog.text


def test_a_failing_render_is_a_500_that_logs_no_case(client, rustam, monkeypatch, caplog):
    def fail(case, kind, format, **edition):
        raise RuntimeError(case.data["complainants"][0]["legal_name"])

    monkeypatch.setattr("docgen.web.cache.render", fail)
    with caplog.at_level(logging.DEBUG):
        response = post_json(client, "/api/v1/documents/cat-complaint", rustam)
    assert_error(response, 500, "internal_error")
    assert "RuntimeError" in caplog.text and LEGAL_NAME not in caplog.text


def test_nothing_of_the_case_is_logged(client, rustam, edit, caplog):
    with caplog.at_level(logging.DEBUG):
        post_json(client, "/api/v1/documents/cat-complaint?format=pdf", rustam)
        post_json(client, "/api/v1/validate", edit(rustam, "complainants.0.birth_date", "soon"))
        post_json(client, "/api/v1/validate", json.dumps(rustam)[:-1])
    for text in (LEGAL_NAME, PASSPORT, FACT, "Rustam"):
        assert text not in caplog.text


# --- The error shape everywhere ------------------------------------------------------------


def test_every_error_has_the_one_shape(app, minimal):
    """One function builds every error body: whatever goes wrong, the same three keys."""
    client = app.test_client()
    cases = [
        (client.post("/api/v1/validate", data="{", content_type="application/json"), 400),
        (client.post("/api/v1/documents/cat-complaint?format=x", json=minimal), 400),
        (client.post("/api/v1/documents/none", json=minimal), 404),
        (client.get("/api/nothing-here"), 404),
        (client.delete("/api/v1/documents"), 405),
        (client.post("/api/v1/validate", data="{}"), 415),
        (client.post("/api/v1/validate", json={"language": "xx"}), 422),
        (client.post("/api/v1/validate", data="{" * 3_000_000, content_type="application/json"), 413),
    ]
    app.config["API_TOKEN"] = TOKEN
    cases.append((client.get("/api/v1/documents"), 401))
    for response, status in cases:
        assert_error(response, status)


# --- Headers -------------------------------------------------------------------------------


def csp(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return {name: value for name, _, value in
            (directive.strip().partition(" ") for directive in policy.split(";"))}


def test_security_headers_on_every_kind_of_response(client, minimal):
    responses = {
        "json": client.get("/api/v1/documents"),
        "error": client.get("/api/nowhere"),
        "docs": client.get("/api/docs"),
        "spec": client.get("/api/openapi.json"),
        "health": client.get("/healthz"),
        "page": client.get("/"),
        "page-404": client.get("/no-such-page"),
        "document": post_json(client, "/api/v1/documents/cat-complaint?format=html", minimal),
    }
    for name, response in responses.items():
        headers = response.headers
        assert headers["X-Content-Type-Options"] == "nosniff", name
        assert headers["Referrer-Policy"] == "no-referrer", name
        assert headers["X-Frame-Options"] == "DENY", name
        policy = csp(response)
        assert policy["script-src"] == "'self'", name
        assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'", name
        assert policy["frame-ancestors"] == "'none'" and policy["base-uri"] == "'none'", name
        assert policy["form-action"] == "'self'", name
        assert "unsafe-inline" not in policy["script-src"], name
        expected_style = "'self' 'unsafe-inline'" if name == "document" else "'self'"
        assert policy["style-src"] == expected_style, name


@pytest.mark.parametrize("url, body", [
    ("/api/v1/documents/cat-complaint?format=pdf", "valid"),
    ("/api/v1/documents/cat-complaint?format=html", "valid"),
    ("/api/v1/validate", "valid"),
    ("/api/v1/validate", "invalid"),
])
def test_responses_carrying_case_data_are_never_stored(client, minimal, edit, url, body):
    if body == "invalid":
        edit(minimal, "complainants.0.nationality", "ZZ")
    response = post_json(client, url, minimal)
    assert response.headers["Cache-Control"] == "no-store"


def test_csrf_protects_the_pages_but_not_the_api(app, minimal):
    """The form's posts need a CSRF token (Flask-WTF); scripts use the API with a bearer token."""
    assert "csrf" in app.extensions
    probe = Blueprint("csrf_probe", __name__)
    probe.add_url_rule("/csrf-probe", "post", lambda: "done", methods=["POST"])
    app.register_blueprint(probe)
    client = app.test_client()
    assert client.post("/csrf-probe", data={"a": "b"}).status_code == 400
    assert post_json(client, "/api/v1/validate", minimal).status_code == 200
