"""What the service has done, for Prometheus: `GET /metrics` in its text format.

- docgen_renders_total{kind, format, edition, outcome}: documents made ("ok"), refused because
  the case lacks what the kind needs ("refused"), stopped by the render budget ("timeout") or
  failed ("error");
- docgen_render_seconds{kind, format, edition}: how long each render took (histogram);
- docgen_validation_failures_total{field}: invalid cases by the top-level field of each error
  ("events", "complainants"; "unknown" for a field docgen does not know, whose name a user
  typed);
- docgen_requests_in_flight: requests being answered now;
- docgen_render_budget_expiries_total: requests stopped by DOCGEN_RENDER_TIMEOUT.

Labels are only names docgen defines (kinds, formats, the schema's fields): never case text.

Under `docgen serve` each gunicorn worker is a process of its own: prometheus_client's
multiprocess mode adds their counts up. serve.py sets PROMETHEUS_MULTIPROC_DIR (a folder it
makes and removes) before it forks the workers, and marks each worker dead as it exits; outside
it (the test client, another WSGI server) the counts are the process's own.

prometheus_client reads that variable once, when it is imported, and every import of docgen.web
imports it, before serve.py can set the variable. So the series are made here at their first use
in a process (a worker's first request, after the fork), and the way their values are kept (in
the process, or in the folder's files) is chosen then, from the variable as it is at that moment:
import order does not matter.

The route is guarded by a bearer token like the API: DOCGEN_METRICS_TOKEN when set, else
DOCGEN_API_TOKEN when set, else open (listen on loopback, or behind the proxy, then).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask import Blueprint, Flask, Response, current_app, g, has_request_context
from prometheus_client import (
    CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest, multiprocess, values,
)

from docgen.case.schema import CaseSchema
from docgen.model.kinds import CaseLacks
from docgen.web.budget import STOPPED
from docgen.web.tokens import require_bearer

MULTIPROCESS_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"

_CASE_FIELDS = frozenset(field.data_key or name for name, field in CaseSchema().fields.items())


@dataclass(frozen=True)
class Series:
    """The service's series, all in one registry of their own (so that they can be made again
    when the folder changes, which only tests do)."""

    folder: str | None  # PROMETHEUS_MULTIPROC_DIR when they were made
    registry: CollectorRegistry
    renders: Counter
    render_seconds: Histogram
    validation_failures: Counter
    in_flight: Gauge
    budget_expiries: Counter

    @classmethod
    def made_for(cls, folder: str | None) -> Series:
        # The value class is prometheus_client's choice between process memory and the folder's
        # files, which it makes once, on import (see the module's docstring): made again here.
        values.ValueClass = values.get_value_class()
        registry = CollectorRegistry()
        return cls(
            folder, registry,
            renders=Counter("docgen_renders", "Documents rendered, by outcome.",
                            ["kind", "format", "edition", "outcome"], registry=registry),
            render_seconds=Histogram("docgen_render_seconds", "Time to render one document.",
                                     ["kind", "format", "edition"], registry=registry,
                                     buckets=(0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 45, 60)),
            validation_failures=Counter("docgen_validation_failures",
                                        "Invalid cases, by the top-level field of each error.",
                                        ["field"], registry=registry),
            in_flight=Gauge("docgen_requests_in_flight", "Requests being answered.",
                            multiprocess_mode="livesum", registry=registry),
            budget_expiries=Counter("docgen_render_budget_expiries",
                                    "Requests whose rendering was stopped by DOCGEN_RENDER_TIMEOUT.",
                                    registry=registry),
        )


_made: Series | None = None
_making = threading.Lock()


def series() -> Series:
    """This process's series, made at the first use, and again if the folder has changed."""
    global _made
    folder = os.environ.get(MULTIPROCESS_VARIABLE) or None
    with _making:
        if _made is None or _made.folder != folder:
            _made = Series.made_for(folder)
        return _made


bp = Blueprint("metrics", __name__)


@contextmanager
def rendering(kind: str, format: str, *, public: bool) -> Iterator[None]:
    """Around one render: counts it by outcome, times it, and names it for the fault log."""
    labels = {"kind": kind, "format": format, "edition": "public" if public else "full"}
    if has_request_context():
        g.rendering = labels
    started = time.perf_counter()
    outcome = "error"
    try:
        yield
        outcome = "ok"
    except CaseLacks:
        outcome = "refused"
        raise
    except STOPPED:
        outcome = "timeout"
        series().budget_expiries.inc()
        raise
    finally:
        series().renders.labels(**labels, outcome=outcome).inc()
        if outcome == "ok":
            series().render_seconds.labels(**labels).observe(time.perf_counter() - started)


def validation_failed(errors: dict[str, list[str]]) -> None:
    """Counts an invalid case once per top-level field its errors name."""
    fields = {path.split(".", 1)[0] for path in errors}
    for field in {field if field in _CASE_FIELDS or field == "case" else "unknown" for field in fields}:
        series().validation_failures.labels(field=field).inc()


@bp.get("/metrics")
def scrape() -> Response:
    require_bearer(current_app.config.get("METRICS_TOKEN") or current_app.config.get("API_TOKEN"))
    made = series()
    if made.folder:  # every worker's files, this one's included
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry, path=made.folder)
    else:
        registry = made.registry
    return Response(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)


def _request_started() -> None:
    g.in_flight = series().in_flight
    g.in_flight.inc()


def _request_ended(error: BaseException | None) -> None:
    if (in_flight := g.pop("in_flight", None)) is not None:
        in_flight.dec()


def init_app(app: Flask) -> None:
    app.before_request_funcs.setdefault(None, []).insert(0, _request_started)
    app.teardown_request(_request_ended)
    app.register_blueprint(bp)
