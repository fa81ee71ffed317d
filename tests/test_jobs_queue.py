"""Jobs on the real queue, end to end: a group of 29 as in Abdussamatov, made from the fixture's
case, through `docgen serve` alone (its own worker, this machine's queue) and through Redis with
two `docgen worker` processes, one of them killed mid-batch, and through a `docgen serve` killed
outright mid-batch and started again. Each letter is read: it names its own
person and no other, and none is missing or there twice."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest
from kombu.transport.redis import Channel

from conftest import free_port, running_service
from docgen.batch.queue import current_app
from docgen.batch.worker import worker_command
from groups import legal_name, others_named, person_row, table, HEADERS
from reading import docx_text, pdf_words

pytestmark = pytest.mark.slow

GROUP = 29
BAD_ROWS = [
    {"complainants.0.id": "bad-date", "complainants.0.pseudonym": "Bad date",
     "complainants.0.legal_name": "Bad Date", "complainants.0.nationality": "UZ",
     "procedural_history.1.decided": "2012-02-30"},
    {"complainants.0.id": "nameless", "complainants.0.pseudonym": "Nameless",
     "complainants.0.nationality": "UZ"},
    {"complainants.0.id": "misspelt", "complainants.0.pseudonym": "Misspelt",
     "complainants.0.legal_name": "Mis Spelt", "complainants.0.nationality": "UZ",
     "complainants.0.nickname": "Missy"},
]


def call(base: str, method: str, path: str, body: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(
        base + path, method=method, data=json.dumps(body).encode() if body is not None else None,
        headers={"Content-Type": "application/json"} if body is not None else {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def wait_until(base: str, location: str, done: int | None = None, seconds: float = 300) -> dict:
    """The job's status once ``done`` documents are made (default: all of them)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status, _, body = call(base, "GET", location)
        assert status == 200, body
        job = json.loads(body)
        if job["progress"]["done"] >= (done or job["progress"]["total"]):
            return job
        time.sleep(0.5)
    pytest.fail(f"the job did not get that far in {seconds} s: {job['progress']}")


def fetch(base: str, location: str) -> zipfile.ZipFile:
    status, headers, body = call(base, "GET", f"{location}/result")
    assert status == 200 and headers["Content-Type"] == "application/zip"
    assert call(base, "GET", location)[0] == 404  # kept only until fetched
    return zipfile.ZipFile(io.BytesIO(body)), headers["Content-Disposition"]


def assert_one_letter_each(archive: zipfile.ZipFile, count: int = GROUP) -> None:
    names = archive.namelist()
    assert len(names) == len(set(names)) == count  # none twice
    assert sorted(names) == sorted(f"p{n:02d}-appeal-letter.docx" for n in range(1, count + 1))
    for number in range(1, count + 1):
        text = docx_text(archive.read(f"p{number:02d}-appeal-letter.docx"))
        assert legal_name(number) in text
        assert others_named(text, number, count) == []


def submit_group(base: str, rustam: dict, rows: str) -> str:
    status, headers, body = call(base, "POST", "/api/v1/jobs", {
        "base": rustam, "people": rows, "kind": "appeal-letter", "format": "docx",
        "reference": "charter"})
    assert status == 202, body
    return headers["Location"]


def test_serve_alone_makes_a_group_and_reports_its_bad_rows(tmp_path, rustam):
    env = {"DOCGEN_JOB_DIR": str(tmp_path / "jobs")}
    with running_service(tmp_path, workers=1, env=env) as service:
        location = submit_group(service.base, rustam, table(GROUP, extra_rows=BAD_ROWS))
        job = wait_until(service.base, location)
        assert job["state"] == "done" and job["progress"] == {"done": GROUP, "total": GROUP}
        refused = {(f["row"], f["path"]) for f in job["failures"]}
        first_bad = GROUP + 2
        assert refused == {(first_bad, "procedural_history.1.decided"),
                           (first_bad + 1, "complainants.0.legal_name"),
                           (1, "complainants.0.nickname"), (first_bad + 2, "complainants.0.nickname")}
        archive, disposition = fetch(service.base, location)
        assert disposition == "attachment; filename=charter.zip"
        assert_one_letter_each(archive)

        # A few as PDF, from a list of cases.
        cases = []
        for number in (3, 17):
            case = json.loads(json.dumps(rustam))
            case["complainants"][0] = dict(zip([h.split(".")[-1] for h in HEADERS[:4]],
                                               person_row(number)[:4]))
            cases.append({"case": case, "kind": "appeal-letter", "format": "pdf"})
        status, headers, body = call(service.base, "POST", "/api/v1/jobs", {"items": cases})
        assert status == 202, body
        wait_until(service.base, headers["Location"])
        archive, _ = fetch(service.base, headers["Location"])
        assert sorted(archive.namelist()) == ["p03-appeal-letter.pdf", "p17-appeal-letter.pdf"]
        for number in (3, 17):
            words = pdf_words(archive.read(f"p{number:02d}-appeal-letter.pdf"))
            assert legal_name(number) in words and others_named(words, number) == []
        assert not list((tmp_path / "jobs" / "jobs").iterdir())  # fetched: nothing left behind
    assert service.process.returncode == 0


def test_serve_killed_outright_mid_batch_finishes_the_job_when_started_again(tmp_path, rustam):
    env = {"DOCGEN_JOB_DIR": str(tmp_path / "jobs")}
    with running_service(tmp_path, workers=1, env=env) as service:
        location = submit_group(service.base, rustam, table(GROUP))
        wait_until(service.base, location, done=2)
        # The service, its job worker and the worker's render processes, at once: the messages
        # the worker had taken from this machine's queue die with it.
        os.killpg(service.process.pid, signal.SIGKILL)
        service.process.wait()
    with running_service(tmp_path, workers=1, env=env) as service:
        job = wait_until(service.base, location, seconds=180)
        assert job["failures"] == [] and job["progress"] == {"done": GROUP, "total": GROUP}
        archive, _ = fetch(service.base, location)
        assert_one_letter_each(archive)


@contextlib.contextmanager
def redis_server(folder: Path):
    executable = shutil.which("redis-server")
    if executable is None:
        pytest.fail("redis-server is not installed: .ci/setup installs it")
    port = free_port()
    log = (folder / "redis.log").open("w")
    process = subprocess.Popen(
        [executable, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(folder)], stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    import redis

    client = redis.Redis(port=port)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail("redis-server did not start")
                time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0", client
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@contextlib.contextmanager
def workers(count: int, env: dict[str, str], folder: Path, name: str = "worker"):
    environment = {**{k: v for k, v in os.environ.items() if not k.startswith("DOCGEN_")}, **env}
    started = []
    try:
        for number in range(count):
            log = (folder / f"{name}-{number}.log").open("w")
            started.append(subprocess.Popen(worker_command(1), env=environment, stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True))
        yield started
    finally:
        for process in started:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for process in started:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def lock_seconds(env: dict[str, str]) -> int:
    options = current_app(env).conf.broker_transport_options
    return options.get("unacked_mutex_expire", Channel.unacked_mutex_expire)


def test_redis_and_two_workers_one_killed_mid_batch_lose_nothing(tmp_path, rustam):
    with redis_server(tmp_path) as (url, client):
        env = {"DOCGEN_REDIS_URL": url, "DOCGEN_JOB_REDELIVERY": "6"}
        with running_service(tmp_path, workers=1, env=env) as service, \
                workers(1, env, tmp_path, "doomed") as (doomed,):
            location = submit_group(service.base, rustam, table(GROUP))
            wait_until(service.base, location, done=2)  # alone so far: it holds the next one
            with workers(1, env, tmp_path, "survivor") as (survivor,):
                os.killpg(doomed.pid, signal.SIGKILL)  # the worker and its render process, at once
                doomed.wait()
                # The worst moment to die: holding the lock under which workers look for the
                # messages of dead ones, left in Redis as kombu's lock sets it.
                client.set(Channel.unacked_mutex_key, "the-doomed-worker", ex=lock_seconds(env))
                job = wait_until(service.base, location, seconds=120)
                assert job["failures"] == [] and survivor.poll() is None
                archive, _ = fetch(service.base, location)
                assert_one_letter_each(archive)
        assert not client.keys("docgen:job:*")  # fetched: nothing of the job left in Redis
