"""GET /metrics: Prometheus's text format, counts that match the traffic, guarded by a token.

The counts are read before and after known traffic (the test process's registry is shared by
every app made in it). The last test scrapes a real `docgen serve` with two workers, whose
counts prometheus_client's multiprocess mode adds up.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families
from reading import assert_error, post_json

from docgen.web import create_app


def samples(text: str) -> dict[tuple[str, frozenset], float]:
    """Every sample of a scrape by (name, labels)."""
    return {(sample.name, frozenset(sample.labels.items())): sample.value
            for family in text_string_to_metric_families(text) for sample in family.samples}


def value(scrape: dict, name: str, **labels) -> float:
    return scrape.get((name, frozenset(labels.items())), 0.0)


def scrape(client, **headers) -> dict:
    response = client.get("/metrics", headers=headers)
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    return samples(response.text)


def test_renders_validation_failures_and_durations_are_counted(client, rustam, minimal):
    before = scrape(client)
    for _ in range(2):
        assert post_json(client, "/api/v1/documents/appeal-letter?format=html&public=1", rustam).status_code == 200
    assert post_json(client, "/api/v1/documents/cat-complaint?format=docx", minimal).status_code == 200
    del minimal["events"]
    minimal["nickname"] = "Alisher"  # a field docgen does not know: counted as "unknown"
    assert post_json(client, "/api/v1/validate", minimal).status_code == 422
    after = scrape(client)

    html = {"kind": "appeal-letter", "format": "html", "edition": "public"}
    assert value(after, "docgen_renders_total", **html, outcome="ok") - value(before, "docgen_renders_total", **html, outcome="ok") == 2
    docx = {"kind": "cat-complaint", "format": "docx", "edition": "full"}
    assert value(after, "docgen_renders_total", **docx, outcome="ok") - value(before, "docgen_renders_total", **docx, outcome="ok") == 1
    assert value(after, "docgen_render_seconds_count", **html) - value(before, "docgen_render_seconds_count", **html) == 2
    for field in ("events", "unknown"):
        assert (value(after, "docgen_validation_failures_total", field=field)
                - value(before, "docgen_validation_failures_total", field=field)) == 1
    assert not any("nickname" in str(labels) or "Alisher" in str(labels) for _, labels in after)
    assert value(after, "docgen_requests_in_flight") == 1  # the scrape itself


def test_a_render_past_its_budget_is_counted(rustam):
    client = create_app({"TESTING": True, "API_TOKEN": None, "RENDER_TIMEOUT": 0.001}).test_client()
    before = scrape(client)
    assert post_json(client, "/api/v1/documents/cat-complaint?format=docx", rustam).status_code == 503
    after = scrape(client)
    labels = {"kind": "cat-complaint", "format": "docx", "edition": "full", "outcome": "timeout"}
    assert value(after, "docgen_renders_total", **labels) - value(before, "docgen_renders_total", **labels) == 1
    assert value(after, "docgen_render_budget_expiries_total") - value(before, "docgen_render_budget_expiries_total") == 1


@pytest.mark.parametrize("config, token", [({"API_TOKEN": "api-token"}, "api-token"),
                                           ({"API_TOKEN": "api-token", "METRICS_TOKEN": "metrics"}, "metrics"),
                                           ({"METRICS_TOKEN": "metrics"}, "metrics")])
def test_metrics_are_guarded_by_a_token_when_one_is_set(config, token):
    client = create_app({"TESTING": True, "API_TOKEN": None, **config}).test_client()
    assert_error(client.get("/metrics"), 401, "token_required")
    assert_error(client.get("/metrics", headers={"Authorization": "Bearer wrong"}), 401, "token_invalid")
    scrape(client, Authorization=f"Bearer {token}")


# --- A real service: two workers, counts added up ------------------------------------------------


def _post(base: str, path: str, body: bytes) -> int:
    request = urllib.request.Request(f"{base}{path}", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.slow
@pytest.mark.xfail(reason="Known defect, open in issue 13: importing docgen.web.serve loads "
                   "prometheus_client before PROMETHEUS_MULTIPROC_DIR is set, so a real docgen serve "
                   "scrapes empty; setting it earlier in the CLI gave 500s under the fault test's load")
def test_two_workers_counts_add_up_in_one_scrape(serve_docgen, fixtures_dir, workers_of):
    folders = set(Path("/tmp").glob("docgen-metrics-*"))
    service = serve_docgen(workers=2, env={"DOCGEN_METRICS_TOKEN": "scrape", "DOCGEN_LOG_FORMAT": "json"})
    assert len(workers_of(service.process.pid, at_least=2)) == 2
    case = (fixtures_dir / "cases" / "rustam-norway.json").read_bytes()
    renders = [_post(service.base, "/api/v1/documents/cat-complaint?format=html", case) for _ in range(6)]
    invalid = [_post(service.base, "/api/v1/validate", b'{"events": []}') for _ in range(4)]
    assert renders == [200] * 6 and invalid == [422] * 4

    request = urllib.request.Request(f"{service.base}/metrics", headers={"Authorization": "Bearer scrape"})
    with urllib.request.urlopen(request, timeout=10) as response:
        scraped = samples(response.read().decode())
    labels = {"kind": "cat-complaint", "format": "html", "edition": "full"}
    assert value(scraped, "docgen_renders_total", **labels, outcome="ok") == 6
    assert value(scraped, "docgen_render_seconds_count", **labels) == 6
    assert value(scraped, "docgen_validation_failures_total", field="events") == 4
    assert value(scraped, "docgen_validation_failures_total", field="complainants") == 4
    assert value(scraped, "docgen_requests_in_flight") == 1

    assert service.stop() == 0
    lines = [line for line in service.output().splitlines() if line.strip()]
    assert lines and all(json.loads(line)["message"] for line in lines)  # gunicorn's lines too
    assert set(Path("/tmp").glob("docgen-metrics-*")) == folders  # its folder is removed
