"""How docgen changes a WeasyPrint function: once per process, and only in the version the change
was checked with (byte for byte and page by page, in tests/test_pdf_writer.py and
tests/test_footnote_pages.py); another version lays out as WeasyPrint alone does until checked."""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from types import ModuleType

CHECKED = "70."

_patching = threading.Lock()


def patch(weasyprint: ModuleType, module: str, name: str,
          replacement: Callable[[Callable], Callable]) -> bool:
    """Put ``replacement(original)`` in place of ``module.name``; True if it is in place."""
    if not weasyprint.__version__.startswith(CHECKED):
        return False
    owner = importlib.import_module(module)
    with _patching:
        original = getattr(owner, name)
        if not hasattr(original, "__wrapped__"):  # in place already: a second install changes nothing
            patched = replacement(original)
            patched.__wrapped__ = original
            setattr(owner, name, patched)
    return True
