"""GET /metrics: Prometheus's text format, counts that match the traffic, guarded by a token.

The counts are read before and after known traffic (the test process's registry is shared by
every app made in it). The last test scrapes a real `docgen serve` with two workers, whose
counts prometheus_client's multiprocess mode adds up.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from prometheus_client import CollectorRegistry, multiprocess
from prometheus_client.parser import text_string_to_metric_families
from reading import assert_error, post_json

from docgen.web import create_app, serve


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


def test_a_folder_named_after_the_import_still_gets_the_counts(tmp_path):
    """What `docgen serve` does: docgen.web (and prometheus_client) imported first, the folder
    named after; the counts must land in the folder's files, where the scrape of every worker
    reads them."""
    count = ("import os, sys\n"
             "from docgen.web import metrics\n"
             "os.environ['PROMETHEUS_MULTIPROC_DIR'] = sys.argv[1]\n"
             "metrics.validation_failed({'events.0.date': ['Not a date.']})\n")
    environment = {key: value for key, value in os.environ.items() if key != "PROMETHEUS_MULTIPROC_DIR"}
    subprocess.run([sys.executable, "-c", count, str(tmp_path)], env=environment, check=True)
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=str(tmp_path))
    assert registry.get_sample_value("docgen_validation_failures_total", {"field": "events"}) == 1


def test_the_service_folder_and_its_variable_go_when_it_stops():
    """The variable must not outlive the folder in the process that ran `docgen serve` (a test
    that runs the command in its own process): a later service would inherit a folder that is
    gone, and every worker's first count would fail."""
    environ: dict[str, str] = {}
    with serve.metrics_folder(environ):
        folder = Path(environ["PROMETHEUS_MULTIPROC_DIR"])
        assert folder.is_dir()
    assert environ == {} and not folder.exists()
    with serve.metrics_folder(environ := {"PROMETHEUS_MULTIPROC_DIR": "/var/lib/docgen-metrics"}):
        pass
    assert environ == {"PROMETHEUS_MULTIPROC_DIR": "/var/lib/docgen-metrics"}  # the operator's own


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
def test_two_workers_counts_add_up_in_one_scrape(serve_docgen, fixtures_dir, workers_of, tmp_path):
    # A temporary folder of the service's own: /tmp is shared with every other service running.
    service = serve_docgen(workers=2, env={"DOCGEN_METRICS_TOKEN": "scrape", "DOCGEN_LOG_FORMAT": "json",
                                           "TMPDIR": str(tmp_path)})
    assert len(workers_of(service.process.pid, at_least=2)) == 2
    assert len(list(tmp_path.glob("docgen-metrics-*"))) == 1
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
    assert list(tmp_path.glob("docgen-metrics-*")) == []  # its folder is removed
