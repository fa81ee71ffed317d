"""Where a job's items and documents sit until the job is fetched or expires: a private folder on
this machine (the default, beside the embedded queue), or Redis (with DOCGEN_REDIS_URL, so that
workers on other machines can write what the web service reads).

Each document is written once, under the job's id and the item's index: a second write of the
same item (an item given again to another worker after its first worker was killed) changes
nothing, so no document is in a result twice. Everything of a job expires DOCGEN_JOB_TTL seconds
after it was made, fetched or not.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any

DEFAULT_TTL = 3600


def ttl(environ: Any = os.environ) -> int:
    """DOCGEN_JOB_TTL: the seconds a job and its documents are kept (default one hour)."""
    value = environ.get("DOCGEN_JOB_TTL", "")
    return int(value) if value.strip().isdigit() and int(value) > 0 else DEFAULT_TTL


def job_folder(environ: Any = os.environ) -> Path:
    """DOCGEN_JOB_DIR, or a folder of this user's in the system's temporary folder."""
    return Path(environ.get("DOCGEN_JOB_DIR") or Path(tempfile.gettempdir()) / f"docgen-jobs-{os.getuid()}")


class Store(ABC):
    """A job is its description (`meta`: reference, item count, the failures found on submission,
    when it expires), its items, and per item either a document or a failure."""

    @abstractmethod
    def create(self, job: str, meta: dict, items: list[dict]) -> None: ...

    @abstractmethod
    def meta(self, job: str) -> dict | None:
        """The job's description, or None when there is no such job (or it expired)."""

    @abstractmethod
    def item(self, job: str, index: int) -> dict | None: ...

    @abstractmethod
    def put_document(self, job: str, index: int, data: bytes) -> bool:
        """Keeps the item's document unless one is kept already; whether this call wrote it."""

    @abstractmethod
    def put_failure(self, job: str, index: int, failure: dict) -> None: ...

    @abstractmethod
    def has_document(self, job: str, index: int) -> bool: ...

    @abstractmethod
    def document(self, job: str, index: int) -> bytes | None: ...

    @abstractmethod
    def finished(self, job: str) -> tuple[set[int], dict[int, dict]]:
        """The indexes of the documents made, and the failures by index."""

    @abstractmethod
    def delete(self, job: str) -> None: ...


class FolderStore(Store):
    """jobs/<id>/meta.json, items/<i>.json, documents/<i>, failures/<i>.json in a folder only
    this user can read; a job's folder is removed when it expires, on the next use of the store."""

    def __init__(self, folder: Path, seconds: int) -> None:
        self.jobs = folder / "jobs"
        self.seconds = seconds
        self.jobs.mkdir(parents=True, exist_ok=True)
        os.chmod(self.jobs, 0o700)  # the cases inside are for this user only

    def _job(self, job: str) -> Path:
        return self.jobs / job

    def create(self, job: str, meta: dict, items: list[dict]) -> None:
        self.sweep()
        folder = self._job(job)
        for part in ("items", "documents", "failures"):
            (folder / part).mkdir(parents=True)
        for index, item in enumerate(items):
            (folder / "items" / f"{index}.json").write_text(json.dumps(item), encoding="utf-8")
        _write_once(folder / "meta.json", json.dumps(meta).encode())

    def meta(self, job: str) -> dict | None:
        self.sweep()
        try:
            return json.loads((self._job(job) / "meta.json").read_text(encoding="utf-8"))
        except (FileNotFoundError, NotADirectoryError):
            return None

    def item(self, job: str, index: int) -> dict | None:
        try:
            return json.loads((self._job(job) / "items" / f"{index}.json").read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None

    def put_document(self, job: str, index: int, data: bytes) -> bool:
        folder = self._job(job) / "documents"
        return folder.is_dir() and _write_once(folder / str(index), data)

    def put_failure(self, job: str, index: int, failure: dict) -> None:
        folder = self._job(job) / "failures"
        if folder.is_dir():
            _write_once(folder / f"{index}.json", json.dumps(failure).encode())

    def has_document(self, job: str, index: int) -> bool:
        return (self._job(job) / "documents" / str(index)).exists()

    def document(self, job: str, index: int) -> bytes | None:
        try:
            return (self._job(job) / "documents" / str(index)).read_bytes()
        except FileNotFoundError:
            return None

    def finished(self, job: str) -> tuple[set[int], dict[int, dict]]:
        folder = self._job(job)
        made = {int(path.name) for path in (folder / "documents").glob("[0-9]*")}
        failed = {int(path.stem): json.loads(path.read_text(encoding="utf-8"))
                  for path in (folder / "failures").glob("[0-9]*.json")}
        return made, failed

    def delete(self, job: str) -> None:
        shutil.rmtree(self._job(job), ignore_errors=True)

    def unfinished(self) -> dict[str, list[int]]:
        """The items, by job, that have neither a document nor a failure, in the jobs that have
        not expired (a job still being created has no meta.json yet, and is left out)."""
        found = {}
        for folder in self.jobs.iterdir():
            meta = self.meta(folder.name)
            if meta is None or meta["expires"] < time.time():
                continue
            made, failed = self.finished(folder.name)
            if waiting := sorted(set(range(meta["total"])) - made - set(failed)):
                found[folder.name] = waiting
        return found

    def sweep(self) -> None:
        """Removes the jobs older than the time they are kept."""
        deadline = time.time() - self.seconds
        for folder in self.jobs.iterdir():
            try:
                if folder.stat().st_mtime < deadline:
                    shutil.rmtree(folder, ignore_errors=True)
            except FileNotFoundError:  # removed by another process meanwhile
                continue


def _write_once(path: Path, data: bytes) -> bool:
    """Writes ``path`` whole or not at all, and only if it does not exist: the data go to a
    temporary file first, then a hard link gives them the name, which fails if the name is taken."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".writing-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.link(temporary, path)
        return True
    except FileExistsError:
        return False
    finally:
        os.unlink(temporary)


class RedisStore(Store):
    """Hashes docgen:job:<id>:{meta,items,documents,failures}; each expires with the job."""

    def __init__(self, url: str, seconds: int) -> None:
        import redis  # only with DOCGEN_REDIS_URL

        self.redis = redis.Redis.from_url(url)
        self.seconds = seconds

    @staticmethod
    def _key(job: str, part: str) -> str:
        return f"docgen:job:{job}:{part}"

    def create(self, job: str, meta: dict, items: list[dict]) -> None:
        with self.redis.pipeline() as pipe:
            pipe.set(self._key(job, "meta"), json.dumps(meta), ex=self.seconds)
            pipe.hset(self._key(job, "items"),
                      mapping={str(index): json.dumps(item) for index, item in enumerate(items)})
            pipe.expire(self._key(job, "items"), self.seconds)
            pipe.execute()

    def meta(self, job: str) -> dict | None:
        raw = self.redis.get(self._key(job, "meta"))
        return json.loads(raw) if raw else None

    def item(self, job: str, index: int) -> dict | None:
        raw = self.redis.hget(self._key(job, "items"), str(index))
        return json.loads(raw) if raw else None

    def _put_once(self, job: str, part: str, index: int, data: bytes) -> bool:
        left = self.redis.ttl(self._key(job, "meta"))
        if left is None or left <= 0:
            return False  # deleted or expired: nothing to add to
        with self.redis.pipeline() as pipe:
            pipe.hsetnx(self._key(job, part), str(index), data)
            pipe.expire(self._key(job, part), left)
            written, _ = pipe.execute()
        return bool(written)

    def put_document(self, job: str, index: int, data: bytes) -> bool:
        return self._put_once(job, "documents", index, data)

    def put_failure(self, job: str, index: int, failure: dict) -> None:
        self._put_once(job, "failures", index, json.dumps(failure).encode())

    def has_document(self, job: str, index: int) -> bool:
        return bool(self.redis.hexists(self._key(job, "documents"), str(index)))

    def document(self, job: str, index: int) -> bytes | None:
        return self.redis.hget(self._key(job, "documents"), str(index))

    def finished(self, job: str) -> tuple[set[int], dict[int, dict]]:
        made = {int(key) for key in self.redis.hkeys(self._key(job, "documents"))}
        failed = {int(key): json.loads(value)
                  for key, value in self.redis.hgetall(self._key(job, "failures")).items()}
        return made, failed

    def delete(self, job: str) -> None:
        self.redis.delete(*(self._key(job, part) for part in ("meta", "items", "documents", "failures")))


def store(environ: Any = os.environ) -> Store:
    """The store this service and its workers share: Redis when DOCGEN_REDIS_URL is set."""
    url = environ.get("DOCGEN_REDIS_URL")
    if url:
        return RedisStore(url, ttl(environ))
    return FolderStore(job_folder(environ), ttl(environ))
