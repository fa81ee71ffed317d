"""The web form's path as a person walks it, in server time: check the case (the result page),
look at the previews, download the complaint as PDF, then as DOCX, then both documents in a ZIP.

Each walk is a new browser session (a new test client, so a new session and CSRF token) posting
the fixture as the form's inputs, through Flask's test client in this process: what is timed is
the server's work for each request (CPU time of this process, and wall clock), without a network.
One untimed walk first, so that imports and first-use costs are not counted.
"""

from __future__ import annotations

import html
import re
import statistics
import time
from collections import Counter
from dataclasses import replace

from benchmarks.common import Stats, fixture_data, heading

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
CARRIED = re.compile(r'name="_case" value="([^"]*)"')


class Session:
    """One browser session on the form: posts as a browser does, CSRF token included."""

    def __init__(self, app) -> None:
        self.client = app.test_client()
        self.token = CSRF.search(self.client.get("/").text).group(1)

    def post(self, path: str, fields: dict[str, str]):
        response = self.client.post(path, data={**fields, "csrf_token": self.token},
                                    content_type="multipart/form-data")
        assert response.status_code == 200, (path, response.status_code)
        return response


def form_fields(case: dict) -> dict[str, str]:
    """The case as a browser sends the form's inputs: unticked checkboxes are not sent."""
    from docgen.web.form import formdata

    return {k: v for k, v in formdata.case_to_fields(case).items()
            if not (v == "false" and formdata.is_checkbox(formdata.node_at(k)))}


def walk(app, fields: dict[str, str]) -> dict[str, tuple[float, float]]:
    """One walk of the path: each step's (CPU seconds, wall seconds)."""
    from docgen.render import KINDS

    session = Session(app)
    steps: dict[str, tuple[float, float]] = {}

    def step(name: str, path: str, sent: dict[str, str]):
        cpu, wall = time.process_time(), time.perf_counter()
        response = session.post(path, sent)
        steps[name] = (time.process_time() - cpu, time.perf_counter() - wall)
        return response

    result = step("check (the result page)", "/", {**fields, "_action": "check"})
    case = {"_case": html.unescape(CARRIED.search(result.text).group(1))}
    if "form.preview" in app.view_functions:  # previews rendered when looked at, not with the page
        cpu, wall = 0.0, 0.0
        for kind in KINDS:
            step("preview", "/preview", {**case, "kind": kind})
            cpu, wall = cpu + steps["preview"][0], wall + steps["preview"][1]
        steps["preview"] = (cpu, wall)
    else:
        steps["preview"] = (0.0, 0.0)  # part of the result page
    step("complaint PDF", "/download", {**case, "file": "cat-complaint.pdf"})
    step("complaint DOCX", "/download", {**case, "file": "cat-complaint.docx"})
    step("ZIP of both documents", "/download", {**case, "file": "documents.zip"})
    return steps


def run(quick: bool) -> dict[str, Stats]:
    from docgen.web import create_app

    walks = 5 if quick else 15
    heading(f"6. The form's path, server time: check -> previews -> PDF -> DOCX -> ZIP "
            f"(Flask test client, a new session per walk, median of {walks} walks)")
    app = create_app({"TESTING": True, "SECRET_KEY": "benchmark", "API_TOKEN": None})
    fields = form_fields(fixture_data())
    walk(app, fields)  # untimed: imports, WeasyPrint's first use, compiled templates
    renders = _count_renders()
    walk(app, fields)
    print("  renders in one walk: " + ", ".join(f"{n} {format.upper()}" for format, n in sorted(renders.items())))
    cpu: dict[str, list[float]] = {}
    wall: dict[str, list[float]] = {}
    for _ in range(walks):
        steps = walk(app, fields)
        steps["the whole path"] = (sum(c for c, _ in steps.values()), sum(w for _, w in steps.values()))
        for name, (c, w) in steps.items():
            cpu.setdefault(name, []).append(c)
            wall.setdefault(name, []).append(w)
    for name in cpu:
        print(f"  {name:26} CPU median {statistics.median(cpu[name]) * 1e3:7.1f} ms"
              f"   wall median {statistics.median(wall[name]) * 1e3:7.1f} ms")
    return {name: Stats.of(values) for name, values in cpu.items()}


def _count_renders() -> Counter:
    """Counts each writer's calls from now on in this process: what the walk rendered, not
    what it took from the render cache. Repeatable where times on a busy machine are not."""
    from docgen import render

    calls: Counter = Counter()
    for name, format in list(render.FORMATS.items()):
        def counted(document, _write=format.write, _name=name):
            calls[_name] += 1
            return _write(document)
        render.FORMATS[name] = replace(format, write=counted)
    return calls
