"""The OpenAPI document and the page made from it: valid OpenAPI 3.1, true to the routes, and
true to the case schema (the fixtures validate against it; schema-level mistakes do not)."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import jsonschema_rs
import pytest
import schemathesis

from docgen.case.schema import CaseSchema
from docgen.render import FORMATS, KINDS
from docgen.web.errors import ErrorSchema

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
# Served by the API blueprints but not part of the API: the docs page's stylesheet.
NOT_DESCRIBED = {"/api/docs.css"}


@pytest.fixture
def spec(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    return response.get_json()


def case_validator(spec) -> jsonschema_rs.Validator:
    root = {"$schema": DRAFT_2020_12, "$ref": "#/components/schemas/Case",
            "components": spec["components"]}
    return jsonschema_rs.Draft202012Validator(root)


def test_is_valid_openapi_3_1(spec):
    assert spec["openapi"].startswith("3.1")
    schemathesis.openapi.from_dict(spec).validate()
    broken = copy.deepcopy(spec)
    broken["paths"]["/api/v1/validate"]["post"]["responses"] = "none"
    with pytest.raises(jsonschema_rs.ValidationError):  # the check is a real one
        schemathesis.openapi.from_dict(broken).validate()


def test_every_schema_is_valid_json_schema(spec):
    schemas = spec["components"]["schemas"]
    assert {"Case", "Complainant", "Event", "CslItem", "Error"} <= schemas.keys()
    for name, schema in schemas.items():
        jsonschema_rs.meta.validate({"$schema": DRAFT_2020_12, **schema})


def test_describes_every_route_of_the_api(app, spec):
    routes = {
        (re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule), method.lower())
        for rule in app.url_map.iter_rules()
        if (rule.rule.startswith("/api/") or rule.rule == "/healthz") and rule.rule not in NOT_DESCRIBED
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    described = {(path, method) for path, operations in spec["paths"].items() for method in operations}
    assert routes == described


def test_render_operation(spec):
    operation = spec["paths"]["/api/v1/documents/{kind}"]["post"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert parameters["kind"]["in"] == "path" and parameters["kind"]["schema"]["enum"] == list(KINDS)
    assert parameters["format"]["in"] == "query"
    assert parameters["format"]["schema"]["enum"] == list(FORMATS)
    assert parameters["public"]["schema"]["type"] == "boolean"
    assert operation["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Case"}
    responses = operation["responses"]
    assert set(responses) == {"200", "400", "401", "404", "413", "415", "422", "500", "503"}
    assert set(responses["200"]["content"]) == {
        "application/pdf", "text/html",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
    for status in set(responses) - {"200"}:
        assert responses[status]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/Error"}
    assert operation["security"] == [{"bearer": []}]
    scheme = spec["components"]["securitySchemes"]["bearer"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")


def test_validate_operation(spec):
    operation = spec["paths"]["/api/v1/validate"]["post"]
    assert operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/Case")
    assert set(operation["responses"]) == {"200", "400", "401", "413", "415", "422", "500"}
    ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
    result = spec["components"]["schemas"][ok["$ref"].rsplit("/", 1)[-1]]
    assert set(result["properties"]) == {"valid", "warnings"}


def test_error_schema_is_the_marshmallow_one(spec):
    error = spec["components"]["schemas"]["Error"]
    assert set(error["properties"]) == set(ErrorSchema().fields)
    assert set(error["required"]) == {"code", "status", "message"}


def test_case_schema_has_every_field_of_the_marshmallow_schema(spec):
    case = spec["components"]["schemas"]["Case"]
    fields = CaseSchema().fields
    assert set(case["properties"]) == {field.data_key or name for name, field in fields.items()}
    assert set(case["required"]) == {name for name, field in fields.items() if field.required}
    assert case["additionalProperties"] is False


def test_docgen_fields_carry_their_rules(spec):
    schemas = spec["components"]["schemas"]
    complainant = schemas["Complainant"]["properties"]
    assert complainant["pseudonym"]["maxLength"] == 200 and complainant["pseudonym"]["minLength"] == 1
    assert complainant["id"]["pattern"]
    assert "string" in complainant["birth_date"]["type"] and complainant["birth_date"]["pattern"]
    assert complainant["nationality"]["pattern"] == "^[A-Za-z]{2}$"
    assert schemas["CslItem"]["properties"]["custom"]["maxProperties"] == 20
    assert "maxLength" not in schemas["CslItem"]["properties"]["custom"]


@pytest.mark.parametrize("name", ["minimal.json", "rustam-norway.json"])
def test_the_fixtures_are_valid_cases_by_the_spec(spec, load_fixture, name):
    errors = [error.message for error in case_validator(spec).iter_errors(load_fixture(f"cases/{name}"))]
    assert errors == []


def test_an_appeal_error_is_valid_as_text_or_as_an_object_citing_sources(spec, rustam):
    validator = case_validator(spec)
    rustam["appeal"]["errors"] = ["The decision overlooks his torture.", *rustam["appeal"]["errors"]]
    assert [error.message for error in validator.iter_errors(rustam)] == []
    for wrong in ("", 12, {"text": "x", "pinpoint": "para 2"}):
        rustam["appeal"]["errors"][0] = wrong
        assert not validator.is_valid(rustam), wrong


@pytest.mark.parametrize("name", [
    "bad-date.json", "csl-unknown-type.json", "empty-complainants.json", "list-too-long.json",
    "missing-required-field.json", "not-in-enumeration.json", "text-too-long.json",
    "unknown-field.json", "wrong-type.json",
])
def test_mistakes_a_schema_can_see_are_invalid_by_the_spec(spec, load_fixture, name):
    assert not case_validator(spec).is_valid(load_fixture(f"invalid/{name}"))


# --- The page -------------------------------------------------------------------------------


@pytest.fixture
def page(client):
    response = client.get("/api/docs")
    assert response.status_code == 200 and response.mimetype == "text/html"
    return response.get_data(as_text=True)


def test_docs_page_lists_endpoints_parameters_and_statuses(page, spec):
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            assert f"{method.upper()} {path}" in page
            assert f'id="{operation["operationId"]}"' in page
    for name in ("kind", "format", "public"):
        assert f"<code>{name}</code>" in page
    for status in ("200", "400", "401", "404", "413", "415", "422", "500"):
        assert f"<td>{status}</td>" in page


def test_docs_page_describes_the_case_schema(page, spec):
    for name, schema in spec["components"]["schemas"].items():
        assert f'id="schema-{name}"' in page
        for field in schema["properties"]:
            assert f"<code>{field}</code>" in page, (name, field)
    assert "at most 500 items" in page  # events
    assert 'href="#schema-Complainant"' in page


def test_docs_page_runs_no_script_and_fetches_nothing_elsewhere(client, page):
    assert "<script" not in page.lower()
    assert " style=" not in page and "<style" not in page
    for url in re.findall(r'(?:src|href)="([^"]*)"', page):
        assert url.startswith(("#", "/api/")), url
    stylesheet = client.get("/api/docs.css")
    assert stylesheet.status_code == 200 and stylesheet.mimetype == "text/css"


def test_readme_documents_every_route_and_status(spec):
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Web service and API", 1)[1].split("\n## ", 1)[0]
    statuses = {status for operations in spec["paths"].values()
                for operation in operations.values() for status in operation["responses"]}
    for status in statuses | {"405"}:
        assert f"\n| {status} |" in section, status
    for path, operations in spec["paths"].items():
        for method in operations:
            assert f"{method.upper()} {path}" in section or path in section, path
