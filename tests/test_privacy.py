"""Nothing of a case is logged, and the public edition keeps nothing that identifies the person.

Logs: a case whose names, facts, addresses and numbers are canary strings goes through every
path (documents in each format and edition, validation, an invalid case, a body that is not JSON
or is too large, a render stopped by its budget, a render that fails, the form) with every
logger at DEBUG: root, flask, werkzeug, weasyprint, fontTools, gunicorn and docgen's own. No
canary may appear in any log line, in the test client (caplog) or on the stderr of the real
`docgen serve`. test_api.py and test_form.py check a few paths at the root logger's DEBUG; these
add the libraries' own loggers, the failures and the real server.

Public edition: test_public_edition.py checks the example case and the identity typed into its
facts, rendered directly. This adds, through the API, an identity in canary strings typed into
every kind of free text (facts, sources' titles and authors, annexes, pinpoints, grounds,
remedies) in the spellings a caseworker uses, with the birth date also written the ways dates
are written in the countries these cases come from and go to (23.07.1991, 23/07/1991...),
checked in every part of the DOCX package, the PDF's text, strings and metadata, and the HTML.
"""

from __future__ import annotations

import http.client
import json
import logging
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from expected import KINDS

from docgen.languages import LANGUAGES
from docgen.web import create_app
from reading import (
    FormClient, assert_error, docx_everything, edit_path, fields_of, normalise, pdf_reader,
    pdf_strings, pdf_words, post_json,
)

RUSTAM = Path(__file__).resolve().parent.parent / "fixtures" / "cases" / "rustam-norway.json"
WITHHELD = LANGUAGES["en"].withheld

LEGAL_NAME = "Quillon Vexmarovich Zarkhanov"
BIRTH = "1991-07-23"
PASSPORT = "ZX9988776"
NATIONAL_ID = "NID445566771"
HOME = ("Vexmarveien 17B", "0482 Oslo")

# What no log line may hold: the identity, and a fact of the case.
CANARIES = {
    "legal name": "Zarkhanov", "given name": "Quillon", "patronymic": "Vexmarovich",
    "birth date": BIRTH, "passport": PASSPORT, "national id": NATIONAL_ID,
    "address": "Vexmarveien", "fact": "canaryfact", "place": "Canarytown", "source": "Canarysource",
    "representative": "Canaryadvocate", "pseudonym": "Kanarek",
}

# The birth date as people write it, each of which the public edition must withhold.
BIRTH_SPELLINGS = ["1991-07-23", "23 July 1991", "23.07.1991", "23/07/1991", "23-07-1991",
                   "07/23/1991", "July 23, 1991", "23 Jul 1991", "1991/07/23", "23.7.1991"]


def canary_case() -> dict:
    """The example case with the identity and the facts made of canary strings, the identity
    also typed into free text all over it."""
    case = json.loads(RUSTAM.read_text(encoding="utf-8"))
    person = case["complainants"][0]
    person.update({
        "legal_name": LEGAL_NAME, "pseudonym": "Kanarek", "birth_date": BIRTH,
        "birth_place": "Canarytown, Uzbekistan", "address": "\n".join(HOME),
        "contact": "canaryfact@example.org",
        "identity_documents": [{"kind": "passport", "number": PASSPORT, "issued_by": "Uzbekistan"},
                               {"kind": "national identity card", "number": NATIONAL_ID}],
    })
    case["representative"]["name"] = "Ingrid Canaryadvocate"
    spellings = iter(BIRTH_SPELLINGS * 3)
    for index, event in enumerate(case["events"]):
        event["description"] = (f"canaryfact {index}: {LEGAL_NAME}, born {next(spellings)} "
                                f"(passport {PASSPORT}), was held; ZARKHANOV's cellmates, and "
                                f"quillon himself, say so.")
        event["place"] = "Canarytown"
    for risk in case["risk_factors"]:
        risk["description"] = f"Mr Zarkhanov, born {next(spellings)}, ID {NATIONAL_ID}, at risk."
    case["procedural_history"][0]["summary"] = f"Quillon Zarkhanov (born {next(spellings)}) applied."
    source = case["sources"][0]
    source["title"] = f"Canarysource: {LEGAL_NAME} fears deportation, born {next(spellings)}"
    source["author"] = [{"family": "Zarkhanov", "given": "Quillon"}]
    case["events"][0]["sources"][0]["pinpoint"] = f"para 2 (passport {PASSPORT})"
    case["annexes"][0]["title"] = f"Passport {PASSPORT} of Quillon Vexmarovich Zarkhanov"
    case["annexes"][0]["description"] = f"Born {next(spellings)}, {HOME[0]}, {HOME[1]}"
    case["remedies_sought"][0] = f"Not to remove Mr Zarkhanov, born {next(spellings)}, to Uzbekistan."
    case["appeal"]["errors"][0] = f"The decision misreads the passport {PASSPORT} of Vexmarovich."
    case["appeal"]["personal_circumstances"] = f"He lives at {HOME[0]} with Quillon's brother."
    # Printed by every document, the urgent requests too, which leave out the facts and annexes.
    case["removal"]["details"] = (f"{LEGAL_NAME} (passport {PASSPORT}), born "
                                  f"{', '.join(BIRTH_SPELLINGS)}, is held for removal.")
    return case


# --- Logs --------------------------------------------------------------------------------------

LOGGERS = ["", "flask", "flask.app", "werkzeug", "weasyprint", "weasyprint.progress", "fontTools",
           "gunicorn", "gunicorn.error", "gunicorn.access", "docgen", "docgen.web"]


@pytest.fixture
def all_logs(caplog):
    """Every logger at DEBUG, every record kept (with its traceback, if it has one)."""
    for name in LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def assert_nothing_logged(text: str) -> None:
    folded = text.casefold()
    found = [label for label, canary in CANARIES.items() if canary.casefold() in folded]
    assert found == [], f"logged: {found}"


def logged(caplog) -> str:
    """All that was logged: each record's message, its arguments and traceback, as formatted."""
    parts = [caplog.text]
    for record in caplog.records:
        parts.append(record.getMessage())
        parts.append(repr(record.args))
        parts.append(record.exc_text or "")
    return "\n".join(parts)


def test_the_api_logs_nothing_of_a_case_whatever_happens(app, all_logs, monkeypatch):
    case = canary_case()
    client = app.test_client()
    statuses = []
    for kind in KINDS:
        for format in ("pdf", "docx", "html"):
            for public in (0, 1):
                url = f"/api/v1/documents/{kind}?format={format}&public={public}"
                statuses.append(post_json(client, url, case).status_code)
    statuses.append(post_json(client, "/api/v1/validate", case).status_code)
    invalid = edit_path(canary_case(), "complainants.0.nationality", "Canarytown")
    invalid["complainants"][0]["canaryfact"] = LEGAL_NAME  # an unknown field, named by a canary
    statuses.append(post_json(client, "/api/v1/validate", invalid).status_code)
    statuses.append(post_json(client, "/api/v1/documents/cat-complaint", invalid).status_code)
    statuses.append(post_json(client, "/api/v1/validate", json.dumps(case)[:-10]).status_code)
    statuses.append(post_json(client, "/api/v1/validate", json.dumps(case) + " " * 3_000_000).status_code)
    # Rendered above, so kept by the render cache: the same case spaced otherwise is not.
    unseen = json.dumps(case, indent=1)
    app.config["RENDER_TIMEOUT"] = 0.01
    statuses.append(post_json(client, "/api/v1/documents/cat-complaint?format=pdf", unseen).status_code)
    app.config["RENDER_TIMEOUT"] = 60

    def fails(case, kind, **edition):  # a bug deep in the render, quoting the case
        raise ValueError(f"cannot lay out {case.data['complainants'][0]['legal_name']} "
                         f"born {case.data['complainants'][0]['birth_date']}: {case.data}")

    monkeypatch.setattr("docgen.render.build_document", fails)
    statuses.append(post_json(client, "/api/v1/documents/appeal-letter?format=docx", unseen).status_code)
    renders = len(KINDS) * 3 * 2  # every kind, format and edition, then the validation
    assert statuses == [200] * (renders + 1) + [422, 422, 400, 413, 503, 500]
    assert "ValueError" in all_logs.text  # the control: the failure was logged, by its class
    assert_nothing_logged(logged(all_logs))


def test_the_form_logs_nothing_of_a_case_whatever_happens(all_logs):
    app = create_app({"TESTING": True, "SECRET_KEY": "test"})
    form = FormClient(app.test_client())
    case = canary_case()
    statuses = [form.post(fields_of(case)).status_code]
    statuses.append(form.post({**fields_of(case), "complainants.0.birth_date": "Canarytown"}).status_code)
    for file in ("cat-complaint.pdf", "appeal-letter-public.docx", "documents.zip"):
        statuses.append(form.post({"_case": json.dumps(case), "file": file}, action="", path="/download").status_code)
    statuses.append(form.post({"_case": json.dumps(case), "kind": "cat-complaint"}, action="",
                              path="/preview").status_code)
    statuses.append(form.post({}, "open", files={"_case_file": (json.dumps(case)[:-5].encode(), "case.json")}).status_code)
    statuses.append(form.client.post("/", data=fields_of(case)).status_code)  # no CSRF token
    app.config["RENDER_TIMEOUT"] = 0.01  # a file not made above, so not in the render cache
    statuses.append(form.post({"_case": json.dumps(case), "file": "cat-complaint-public.pdf"}, action="",
                              path="/download").status_code)
    assert statuses == [200, 422, 200, 200, 200, 200, 400, 400, 503]
    assert_nothing_logged(logged(all_logs))


# --- Logs of the real service, everything at DEBUG ---------------------------------------------

# `docgen serve` with every logger at DEBUG on stderr, gunicorn's too: what an operator who turns
# logging all the way up would see.
DEBUG_SERVE = f"""
import logging, sys
logging.basicConfig(level=logging.DEBUG, stream=sys.stderr,
                    format="%(name)s %(levelname)s %(message)s")
for name in {LOGGERS!r}:
    logging.getLogger(name).setLevel(logging.DEBUG)
from docgen.web import serve
options = serve.options
def debug_options(*args):
    settings = options(*args)
    logging_config = {{**settings["logconfig_dict"], "root": {{"level": "DEBUG", "handlers": ["error"]}}}}
    return {{**settings, "loglevel": "debug", "logconfig_dict": logging_config}}
serve.options = debug_options
from docgen.cli import main
main(["serve", *sys.argv[1:]])
"""


@pytest.fixture(scope="module")
def debug_service(serve_docgen):
    return serve_docgen(workers=1, command=[sys.executable, "-c", DEBUG_SERVE],
                        env={"DOCGEN_RENDER_TIMEOUT": "10"})


def send(base, method, path, body=b"", content_type="application/json", length=None):
    """The status of one request; ``length`` claims a Content-Length other than the body's
    (a body too large is announced, not sent: the service refuses it before reading)."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    try:
        connection.putrequest(method, path)
        connection.putheader("Content-Type", content_type)
        connection.putheader("Content-Length", str(len(body) if length is None else length))
        connection.endheaders(body)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def test_the_real_service_logs_nothing_of_a_case_at_debug(debug_service):
    case = json.dumps(canary_case()).encode()
    large = canary_case()
    large["events"] = [dict(large["events"][i % 5], description=f"canaryfact {i} {LEGAL_NAME} "
                            + "word " * 300) for i in range(500)]
    base = debug_service.base
    statuses = [
        send(base, "POST", "/api/v1/documents/cat-complaint?format=pdf", case),
        send(base, "POST", "/api/v1/documents/appeal-letter?format=pdf&public=1", case),
        send(base, "POST", "/api/v1/documents/cat-complaint?format=docx&public=1", case),
        send(base, "POST", "/api/v1/documents/appeal-letter?format=html", case),
        send(base, "POST", "/api/v1/validate", case),
        send(base, "POST", "/api/v1/validate", case.replace(b'"NO"', b'"Canarytown"', 1)),
        send(base, "POST", "/api/v1/validate", case[:-10]),
        send(base, "POST", "/api/v1/validate", case[:1000], length=3_000_000),
        send(base, "POST", "/api/v1/validate", case, content_type="text/plain"),
        send(base, "POST", "/api/v1/documents/cat-complaint?format=pdf", json.dumps(large).encode()),
        send(base, "POST", f"/api/v1/documents/{LEGAL_NAME.replace(' ', '-')}", case),
    ]
    assert statuses == [200, 200, 200, 200, 200, 422, 400, 413, 415, 503, 404]
    output = debug_service.output()
    assert "[DEBUG]" in output and "weasyprint" in output  # the control: everything was logged
    assert_nothing_logged(output.replace(LEGAL_NAME.replace(" ", "-"), ""))  # the URL aside:
    assert "Traceback" not in output


def test_the_access_log_names_a_document_kind_but_not_the_case(debug_service):
    """The path is logged: a kind of document, never a person (a path holding a name was sent
    on purpose above, and it is the one thing of it logged, as an operator's log of a 404)."""
    output = debug_service.output()
    assert '"POST /api/v1/documents/cat-complaint" 200' in output
    assert "format=pdf" not in output and "public=1" not in output


# --- The public edition -------------------------------------------------------------------------

IDENTIFYING = {"legal name": LEGAL_NAME, "given name": "Quillon", "patronymic": "Vexmarovich",
               "surname": "Zarkhanov", "passport": PASSPORT, "national id": NATIONAL_ID,
               "home": HOME[0], **{f"birth date {spelling}": spelling for spelling in BIRTH_SPELLINGS}}


def everything(data: bytes, format: str) -> str:
    if format == "docx":
        return normalise(docx_everything(data))  # every part, docProps included
    if format == "pdf":
        return normalise(pdf_words(data) + "\n" + pdf_strings(data))  # text, metadata, XMP
    return normalise(data.decode("utf-8"))


def traces(text: str) -> list[str]:
    folded = text.casefold()
    return [label for label, value in IDENTIFYING.items() if value.casefold() in folded]


@pytest.fixture(scope="module")
def editions():
    client = create_app({"TESTING": True, "API_TOKEN": None}).test_client()
    case = canary_case()
    files = {}
    for kind in KINDS:
        for format in ("docx", "pdf", "html"):
            for public in (False, True):
                response = post_json(client, f"/api/v1/documents/{kind}?format={format}&public={int(public)}", case)
                assert response.status_code == 200, response.get_json()
                files[kind, format, public] = response.data
    return files


@pytest.mark.parametrize("format", ["docx", "pdf", "html"])
@pytest.mark.parametrize("kind", KINDS)
def test_the_full_edition_carries_the_identity_typed_everywhere(editions, kind, format):
    """The control: what the public edition must lose is in the full one."""
    found = set(traces(everything(editions[kind, format, False], format)))
    assert {"legal name", "passport", "birth date 23.07.1991", "birth date 23/07/1991"} <= found


@pytest.mark.parametrize("format", ["docx", "pdf", "html"])
@pytest.mark.parametrize("kind", KINDS)
def test_the_public_edition_has_no_trace_of_it(editions, kind, format):
    public = everything(editions[kind, format, True], format)
    assert traces(public) == []
    assert WITHHELD in public and "Kanarek" in public


@pytest.mark.parametrize("kind", KINDS)
def test_the_public_editions_properties_are_clean(editions, kind):
    from reading import docx_document

    props = docx_document(editions[kind, "docx", True]).core_properties
    values = " ".join(str(getattr(props, name) or "") for name in (
        "title", "author", "subject", "keywords", "comments", "last_modified_by", "category",
        "identifier", "content_status", "version"))
    reader = pdf_reader(editions[kind, "pdf", True])
    info = " ".join(str(value) for value in (reader.metadata or {}).values())
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert traces(values + info + xmp) == []
    assert "Canaryadvocate" in info and "Canaryadvocate" in values  # the properties were read


def test_the_file_name_never_names_the_person(editions):
    client = create_app({"TESTING": True, "API_TOKEN": None}).test_client()
    response = post_json(client, "/api/v1/documents/cat-complaint?format=pdf&public=1", canary_case())
    # The pseudonym and the signature date, never the legal name (issue 10: files of different
    # clients must not overwrite each other).
    assert response.headers["Content-Disposition"] == "attachment; filename=kanarek-cat-complaint-public-2012-07-10.pdf"


def test_an_invalid_case_answers_with_paths_not_the_identity(client):
    case = canary_case()
    case["complainants"][0]["birth_date"] = "born " + BIRTH  # invalid: not a date
    body = assert_error(post_json(client, "/api/v1/validate", case), 422)
    assert list(body["errors"]) == ["complainants.0.birth_date"]
    assert traces(json.dumps(body)) == []
