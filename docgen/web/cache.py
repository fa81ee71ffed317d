"""Renders kept for the request that asks for them again: the form's downloads after its
previews, the ZIP after the PDF, a script sending the same case twice.

A worker keeps what it rendered in its own memory, never on disk and never shared with another
process, bounded in bytes (least recently used out first) and in time (RENDER_CACHE_SECONDS after
the render, whatever its use). The key is a hash of everything a render depends on: the case as
sent (the API's body, byte for byte; the form's case as canonical JSON), the document, its
language, the format, the edition and docgen's version; and of who sent it: the API's bearer token, or the
form's browser session. A request never gets a render made for another token or session, so
nobody can learn from the time of an answer whether someone else sent the same case.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import threading
import time

from cachetools import TTLCache
from flask import current_app, request, session

from docgen.case import Case
from docgen.render import render
from docgen.version import docgen_version

DEFAULT_SECONDS = 600
# The form session's own random id, in Flask's signed session cookie.
_SESSION_KEY = "render_scope"


class RenderCache:
    def __init__(self, max_bytes: int, seconds: float, timer=time.monotonic) -> None:
        self._renders: TTLCache | None = (
            TTLCache(maxsize=max_bytes, ttl=seconds, timer=timer, getsizeof=len)
            if max_bytes > 0 else None)
        self._lock = threading.Lock()  # cachetools' caches are not safe for threads

    @property
    def bytes_held(self) -> int:
        with self._lock:
            if self._renders is None:
                return 0
            self._renders.expire()
            return int(self._renders.currsize)

    @property
    def max_bytes(self) -> int:
        return int(self._renders.maxsize) if self._renders is not None else 0

    def render(self, scope: str, sent: bytes, case: Case, kind: str, format: str, *,
               public: bool = False, final: bool = False, language: str | None = None) -> bytes:
        """docgen.render.render(case, kind, format), or what it gave for the same ``sent`` bytes
        of the same ``scope`` (cache.scope()) a moment ago."""
        if self._renders is None:
            return render(case, kind, format, public=public, final=final, language=language)
        key = _key(scope, sent, kind, format, public, final, language)
        with self._lock:
            self._renders.expire()  # so that nothing outlives its time in an idle worker's memory
            data = self._renders.get(key)
        if data is None:
            data = render(case, kind, format, public=public, final=final, language=language)
            if len(data) <= self._renders.maxsize:
                with self._lock:
                    self._renders[key] = data
        return data


def _key(scope: str, sent: bytes, kind: str, format: str, public: bool, final: bool,
         language: str | None) -> bytes:
    digest = hashlib.sha256()
    for part in (scope.encode(), docgen_version().encode(), kind.encode(), format.encode(),
                 b"public" if public else b"full", b"final" if final else b"draft",
                 (language or "").encode(), sent):  # "": the case's own, which ``sent`` holds
        digest.update(len(part).to_bytes(8, "big"))  # each part's length: no two keys run together
        digest.update(part)
    return digest.digest()


def init_app(app) -> None:
    app.extensions["docgen.render_cache"] = RenderCache(
        app.config["RENDER_CACHE_BYTES"], app.config["RENDER_CACHE_SECONDS"])


def renders() -> RenderCache:
    return current_app.extensions["docgen.render_cache"]


def api_scope() -> str:
    """The API's requests are scoped by the bearer token they show (none when none is set)."""
    _, _, given = request.headers.get("Authorization", "").partition(" ")
    return "api:" + hashlib.sha256(given.strip().encode()).hexdigest()


def form_scope() -> str:
    """The form's requests by their browser session: a random id kept in the session cookie."""
    if _SESSION_KEY not in session:
        session[_SESSION_KEY] = secrets.token_hex(16)
    return "form:" + session[_SESSION_KEY]


def canonical(case_json: dict) -> bytes:
    """The form's case as bytes that do not depend on the order its inputs were sent in."""
    return json.dumps(case_json, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
