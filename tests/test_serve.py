"""`docgen serve` as a real server: gunicorn with two workers on a free loopback port."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from docgen.batch import worker
from docgen.web import serve

LEGAL_NAME = "Alisher Bahodirovich Nazarov"


@pytest.fixture
def server(serve_docgen):
    service = serve_docgen(workers=2)
    return service.base, service.process, service.log


def test_serve_renders_a_pdf_and_stops_cleanly(server, fixtures_dir, workers_of):
    base, process, log = server
    assert len(workers_of(process.pid, at_least=2)) == 2

    body = (fixtures_dir / "cases" / "rustam-norway.json").read_bytes()
    request = urllib.request.Request(
        f"{base}/api/v1/documents/cat-complaint?format=pdf&public=0", data=body, method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.status == 200
        assert response.headers["Content-Type"] == "application/pdf"
        assert response.headers["Content-Disposition"] == "attachment; filename=rustam-cat-complaint-2012-07-10.pdf"
        assert response.headers["Cache-Control"] == "no-store"
        assert response.read().startswith(b"%PDF-")

    bad = urllib.request.Request(f"{base}/api/v1/validate", data=b"{", method="POST",
                                 headers={"Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(bad, timeout=10)
    assert refused.value.code == 400
    assert json.load(refused.value)["code"] == "invalid_json"

    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0
    log.seek(0)
    output = log.read()
    assert '"POST /api/v1/documents/cat-complaint" 200' in output  # the access log, without query
    assert "format=pdf" not in output and LEGAL_NAME not in output
    assert "Traceback" not in output


def test_workers_default_to_one_per_core():
    assert serve.options("127.0.0.1", 5000, None)["workers"] == len(os.sched_getaffinity(0))
    assert serve.options("127.0.0.1", 5000, 3)["workers"] == 3


def test_options():
    settings = serve.options("::1", 8080, 2)
    assert settings["bind"] == "[::1]:8080"
    assert serve.options("0.0.0.0", 80, 1)["bind"] == "0.0.0.0:80"
    assert settings["timeout"] >= 60 and settings["worker_class"] == "sync"
    assert "%(q)s" not in settings["access_log_format"] and "%(r)s" not in settings["access_log_format"]


def test_secret_key_is_made_once_for_all_workers():
    environ: dict[str, str] = {}
    serve.share_secret_key(environ)
    key = environ["DOCGEN_SECRET_KEY"]
    assert len(key) >= 64
    serve.share_secret_key(environ)
    assert environ["DOCGEN_SECRET_KEY"] == key  # a second call keeps it


def test_a_secret_key_set_by_the_operator_is_kept():
    environ = {"DOCGEN_SECRET_KEY": "set-by-the-operator"}
    serve.share_secret_key(environ)
    assert environ["DOCGEN_SECRET_KEY"] == "set-by-the-operator"


def test_every_worker_app_uses_the_shared_key(monkeypatch):
    """What each worker's create_app reads is what the master set."""
    monkeypatch.setenv("DOCGEN_SECRET_KEY", "")  # unset for this test, restored after it
    serve.share_secret_key()
    first, second = serve.Service.load(None), serve.Service.load(None)
    assert first.secret_key == second.secret_key == os.environ["DOCGEN_SECRET_KEY"]


def test_the_command_passes_its_options_on(monkeypatch):
    from click.testing import CliRunner

    from docgen.cli import main

    calls = []
    monkeypatch.setattr(serve, "serve", lambda *args: calls.append(args))
    assert CliRunner().invoke(main, ["serve", "--host", "::1", "--port", "8123", "--workers", "3"]).exit_code == 0
    assert CliRunner().invoke(main, ["serve"]).exit_code == 0
    assert calls == [("::1", 8123, 3), ("127.0.0.1", 5000, None)]
    assert CliRunner().invoke(main, ["serve", "--workers", "0"]).exit_code == 2


def test_a_worker_that_ends_leaves_the_services_folder_and_job_worker_to_the_master(tmp_path, monkeypatch):
    # gunicorn forks its workers inside serve()'s with-block; a recycled worker leaves it by
    # SystemExit. Only the master may then stop what the service set up.
    monkeypatch.delenv(serve.MULTIPROCESS_VARIABLE, raising=False)
    stopped = tmp_path / "stopped"

    class Stopped(subprocess.Popen):  # the job worker, which records who stops it
        def terminate(self):
            with stopped.open("a") as file:
                file.write(f"{os.getpid()}\n")
            super().terminate()

    monkeypatch.setattr(subprocess, "Popen", Stopped)
    monkeypatch.setattr(worker, "worker_command", lambda processes=None: ["sleep", "30"])
    master = os.getpid()
    try:
        with serve.metrics_folder(), worker.embedded_worker():
            folder = os.environ[serve.MULTIPROCESS_VARIABLE]
            child = os.fork()
            if child == 0:
                sys.exit(0)  # as gunicorn's worker ends: out through the with-block
            os.waitpid(child, 0)
            assert os.path.isdir(folder) and not stopped.exists()
    except SystemExit:
        if os.getpid() != master:
            os._exit(0)
        raise
    assert stopped.read_text() == f"{master}\n"  # stopped once, by the master
    assert not os.path.exists(folder) and serve.MULTIPROCESS_VARIABLE not in os.environ
