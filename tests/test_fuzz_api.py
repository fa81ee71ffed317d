"""The API fuzzed from its own OpenAPI description (schemathesis): whatever is sent, no 5xx, and
every answer is one the description promises (status code, content type, headers, body schema).

Requests are generated for every operation of /api/openapi.json, valid and invalid: bodies from
the Case schema and mutations of it, wrong types, missing and unknown fields, odd query values,
unknown document kinds, missing or broken tokens. The app has a token set, so that the check
that an operation described as secured does refuse a request without one (ignored_auth) runs.

Left out: positive_data_acceptance, which expects every body valid by the JSON Schema to be
accepted: the Case schema cannot say what the cross-field rules check (dates in order, sources
and annexes that exist), so a schema-valid case may rightly get a 422.

A CI run generates a few dozen requests per operation with a fixed seed. DOCGEN_FUZZ_EXAMPLES=<n>
generates n per operation with a random seed; DOCGEN_FUZZ_FULL=1 adds schemathesis's coverage
phase (every boundary of every field: some 5,500 requests per operation, minutes).
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from docgen.web import create_app

pytestmark = pytest.mark.slow  # hundreds of generated requests

TOKEN = "fuzz-token"
EXAMPLES = int(os.environ.get("DOCGEN_FUZZ_EXAMPLES", "0"))
FULL = bool(os.environ.get("DOCGEN_FUZZ_FULL"))

app = create_app({"TESTING": True, "API_TOKEN": TOKEN})
schema = schemathesis.openapi.from_wsgi(
    "/api/openapi.json", app,
    config=schemathesis.Config.from_dict({"phases": {"coverage": {"enabled": FULL}}}),
)


@schema.parametrize()
@settings(max_examples=EXAMPLES or 40, deadline=None, derandomize=not (EXAMPLES or FULL),
          suppress_health_check=list(HealthCheck))
def test_the_api_answers_as_described_and_never_fails(case):
    response = case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"},
                                      excluded_checks=[positive_data_acceptance])
    assert response.status_code < 500
