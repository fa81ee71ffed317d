"""docgen's version, as installed: the API describes it, and cached renders are keyed by it (a
new docgen never hands out what an older one made)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


def docgen_version() -> str:
    try:
        return version("docgen")
    except PackageNotFoundError:
        return "0"
