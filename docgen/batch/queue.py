"""The job queue: Celery, with a broker in a folder on this machine by default and Redis when
DOCGEN_REDIS_URL is set; the same task either way, run by `docgen worker` (which `docgen serve`
starts for itself when there is no Redis).

One message per document, carrying only the job's id and the item's index: the case stays in
the store (docgen.batch.store), never in the broker or a log. A message is acknowledged after
its document is kept (late acknowledgement): a render process that dies is replaced and its
document given again at once; a worker killed whole leaves its messages unacknowledged in
Redis, where the other workers take them back after DOCGEN_JOB_REDELIVERY seconds; on this
machine's queue, the next worker to start gives them again (give_again_unfinished). An item given
twice is made once into the result, as the store keeps the first document of each item.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
import uuid
from collections.abc import Iterable
from functools import cache
from typing import Any

from celery import Celery
from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import setup_logging
from kombu.transport import filesystem
from kombu.utils.json import dumps

from docgen import logs
from docgen.batch import store as stores
from docgen.batch.items import Item, make

QUEUE = "docgen"
TASK = "docgen.make_document"
#: A document that takes longer is recorded as failed; the largest case's PDF takes seconds.
TIME_LIMIT = 120
DEFAULT_REDELIVERY = 300

log = logging.getLogger(__name__)


def redelivery(environ: Any = os.environ) -> int:
    """DOCGEN_JOB_REDELIVERY: the seconds after which a document taken by a worker that has not
    acknowledged it is given to another (Redis only; longer than any document takes)."""
    value = environ.get("DOCGEN_JOB_REDELIVERY", "")
    return int(value) if value.strip().isdigit() and int(value) > 0 else DEFAULT_REDELIVERY


class _FolderChannel(filesystem.Channel):
    """kombu's folder broker writes a message file in place, so a worker listing the folder at
    that instant could take it while still empty: here it is written aside and renamed in whole."""

    def _put(self, queue, payload, **kwargs):
        handle, aside = tempfile.mkstemp(dir=self.data_folder_out, prefix=".sending-")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(dumps(payload))
        name = f"{int(round(time.monotonic() * 1000))}_{uuid.uuid4()}.{queue}.msg"  # as kombu names it
        os.rename(aside, os.path.join(self.data_folder_out, name))


class FolderTransport(filesystem.Transport):
    Channel = _FolderChannel


@cache
def celery_app(redis_url: str | None, folder: str, redeliver: int) -> Celery:
    app = Celery("docgen", set_as_current=False)
    if redis_url:
        look_every = max(1, min(10, redeliver // 2))
        broker = {"broker_url": redis_url, "broker_transport_options": {
            "visibility_timeout": redeliver,
            # Look for messages of dead workers every few seconds, not every 100 (kombu's default).
            "unacked_restore_interval": look_every,
            "unacked_restore_throttle": 1,
            # The lock a worker holds while it looks: a worker killed holding it would otherwise
            # stop every other from looking for kombu's default 300 s. Two workers looking at
            # once is safe, as each message is taken back in a transaction that watches it.
            "unacked_mutex_expire": look_every,
        }}
    else:
        messages = os.path.join(folder, "queue")
        for part in ("messages", "control"):
            os.makedirs(os.path.join(messages, part), exist_ok=True)
        broker = {"broker_url": "filesystem://localhost/", "broker_transport": f"{__name__}:FolderTransport",
                  "broker_transport_options": {
                      "data_folder_in": os.path.join(messages, "messages"),
                      "data_folder_out": os.path.join(messages, "messages"),
                      "control_folder": os.path.join(messages, "control"),
                      "polling_interval": 0.2,
                  }}
    app.conf.update(
        **broker,
        task_default_queue=QUEUE,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        # Two documents reserved per render process: with one, a process that finished waited for
        # the worker's next look at the queue (0.2 s on the folder broker): benchmarks/README.md.
        worker_prefetch_multiplier=2,
        task_ignore_result=True,
        task_serializer="json",
        accept_content=["json"],
        task_soft_time_limit=TIME_LIMIT,
        worker_send_task_events=False,
        worker_enable_remote_control=False,
        broker_connection_retry_on_startup=True,
        # WeasyPrint's caches grow with the fonts and images it meets: a fresh process now and then.
        worker_max_tasks_per_child=500,
    )
    app.task(name=TASK, ignore_result=True)(make_document)
    return app


def current_app(environ: Any = os.environ) -> Celery:
    return celery_app(environ.get("DOCGEN_REDIS_URL") or None, str(stores.job_folder(environ)),
                      redelivery(environ))


def enqueue(job: str, count: int, environ: Any = os.environ) -> None:
    _send(job, range(count), environ)


def _send(job: str, indexes: Iterable[int], environ: Any) -> None:
    app = current_app(environ)
    with app.producer_or_acquire() as producer:
        for index in indexes:
            app.send_task(TASK, args=[job, index], queue=QUEUE, producer=producer)


def give_again_unfinished(environ: Any = os.environ) -> None:
    """On this machine's queue, the items of the jobs not yet finished are given again as a
    worker starts. A worker killed outright (SIGKILL, the machine's power) takes with it the
    messages it had taken, since the folder broker deletes a message as it hands it over and
    cannot take it back; those items would wait until their job expired. Giving an item twice
    is safe: the first document kept is the item's, and a later delivery finds it and stops
    (make_document). What it may cost is an item made twice at once, when a worker still alive
    (another `docgen worker` on the same folder) is making it: one of the two is thrown away.
    Redis takes back a dead worker's messages itself (DOCGEN_JOB_REDELIVERY)."""
    if environ.get("DOCGEN_REDIS_URL"):
        return
    kept = stores.FolderStore(stores.job_folder(environ), stores.ttl(environ))
    for job, indexes in kept.unfinished().items():
        _send(job, indexes, environ)


@cache
def _store() -> stores.Store:
    return stores.store()  # one per worker process, made after the fork


def make_document(job: str, index: int) -> None:
    """The task: make item ``index`` of ``job`` and keep it, unless it is kept already."""
    kept = _store()
    if kept.has_document(job, index):
        return  # made on an earlier delivery whose acknowledgement was lost
    raw = kept.item(job, index)
    if raw is None:
        return  # the job was deleted or has expired
    try:
        data = make(Item.from_json(raw))
    except SoftTimeLimitExceeded:
        kept.put_failure(job, index, {"message": f"Took longer than {TIME_LIMIT} seconds to make."})
    except Exception as error:  # a fault in docgen: recorded, never its message (it may quote the case)
        log.error("%s making a document of a batch", error.__class__.__name__)
        kept.put_failure(job, index, {"message": "Could not be made: a fault in docgen "
                                                 f"({error.__class__.__name__}); please report it."})
    else:
        kept.put_document(job, index, data)


def worker_argv(processes: int | None) -> list[str]:
    from docgen.batch.pool import cores

    return ["worker", "--pool=prefork", f"--concurrency={processes or cores()}", f"--queues={QUEUE}",
            # Job ids are what opens a job: no log line names a task, only warnings and errors.
            "--loglevel=WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat",
            f"--hostname=docgen-{os.getpid()}@%h"]


def run_worker(processes: int | None) -> None:
    # The worker's lines (Celery's, the libraries', Python's warnings) in docgen's format, from
    # the first one; Celery leaves logging alone when setup_logging has a receiver.
    logs.configure_every_logger()
    setup_logging.connect(_keep_docgens_logging, weak=False)
    give_again_unfinished()
    current_app().start(["--quiet", *worker_argv(processes)])  # quiet: without Celery's banner


def _keep_docgens_logging(**_: Any) -> None:
    logs.configure_every_logger()

