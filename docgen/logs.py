"""What a line of docgen's log looks like: plain, or JSON lines with DOCGEN_LOG_FORMAT=json (for
Loki, ELK and the like), the same in every process docgen runs: `docgen serve`'s workers
(gunicorn's own lines included), the job workers, any other WSGI server.

The people in these cases are in danger, so a log line holds nothing of a case: a traceback is
printed as file, line and function only, never its message, source lines or local values (each
can quote what a person typed). What a request's fault adds is in docgen.web.faults.
"""

from __future__ import annotations

import json
import logging
import os
import time
import traceback
from typing import Any

LOGGER = "docgen"
FORMAT_VARIABLE = "DOCGEN_LOG_FORMAT"
# The fields of a record that docgen.web.faults.fault adds and the formatters print.
FIELDS = ("request_id", "method", "route", "kind", "format", "edition", "exception", "stack")


def log_format() -> str:
    """"json" when DOCGEN_LOG_FORMAT says so, else "plain"."""
    return "json" if os.environ.get(FORMAT_VARIABLE, "").strip().lower() == "json" else "plain"


class JsonLines(logging.Formatter):
    """One JSON object per line: time, level, logger, message and docgen's fields."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
                    + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update({name: getattr(record, name) for name in FIELDS if hasattr(record, name)})
        return json.dumps(line, ensure_ascii=False)


class Plain(logging.Formatter):
    """A line to read: time, level, message, docgen's fields as name=value, then the stack."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s [%(levelname)s] %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        # The traceback of a library's logger.exception() as file, line and function only: its
        # message and source lines (which logging keeps formatted in record.exc_text once any
        # handler has printed it) can quote a case.
        bare = logging.makeLogRecord({**record.__dict__, "exc_info": None, "exc_text": None})
        line = super().format(bare)
        extra = " ".join(f"{name}={getattr(record, name)}" for name in FIELDS[:-1]
                         if getattr(record, name, None) is not None)
        if extra:
            line += " " + extra
        for frame in getattr(record, "stack", None) or ():
            line += f"\n    at {frame['file']}:{frame['line']} in {frame['function']}"
        if record.exc_info and record.exc_info[2] is not None:
            for frame in stack(record.exc_info[1]):
                line += f"\n    at {frame['file']}:{frame['line']} in {frame['function']}"
            line += f"\n{record.exc_info[0].__name__}"
        return line


def formatter() -> logging.Formatter:
    return JsonLines() if log_format() == "json" else Plain()


def configure() -> None:
    """docgen's logger writes to standard error in the chosen format (once per process)."""
    logger = logging.getLogger(LOGGER)
    if not any(getattr(handler, "_docgen", False) for handler in logger.handlers):
        handler = logging.StreamHandler()
        handler._docgen = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    for handler in logger.handlers:
        if getattr(handler, "_docgen", False):
            handler.setFormatter(formatter())


def gunicorn_config() -> dict[str, Any]:
    """gunicorn's logconfig_dict: its error and access logs on standard error and standard
    output in the same format as docgen's own lines."""
    style = {"()": f"{__name__}.{'JsonLines' if log_format() == 'json' else 'Plain'}"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"docgen": style},
        "handlers": {
            "error": {"class": "logging.StreamHandler", "formatter": "docgen", "stream": "ext://sys.stderr"},
            "access": {"class": "logging.StreamHandler", "formatter": "docgen", "stream": "ext://sys.stdout"},
        },
        # gunicorn merges this over its defaults one level deep: its root refers to its handlers.
        # Libraries' warnings only (WeasyPrint says much at INFO).
        "root": {"level": "WARNING", "handlers": ["error"]},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["error"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["access"], "propagate": False},
        },
    }


def configure_every_logger() -> None:
    """Every logger of a process that is not gunicorn's (a job worker: Celery's and the
    libraries' lines, and Python's warnings) writes at WARNING and above in docgen's format, and
    docgen's own logger as configure() sets it."""
    handler = logging.StreamHandler()
    handler.setFormatter(formatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING)
    logging.captureWarnings(True)
    # A logger that passes nothing on and has no handler (billiard's) writes here too.
    logging.lastResort = handler
    configure()


def stack(error: BaseException) -> list[dict[str, Any]]:
    """Where ``error`` happened, innermost last: file, line and function of each frame."""
    return [{"file": frame.filename, "line": frame.lineno, "function": frame.name}
            for frame in traceback.extract_tb(error.__traceback__)]
