"""The layout of the code is the picture of the architecture: imports point one way."""

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "docgen"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize(
    "folder, forbidden",
    [
        ("model", ("flask", "marshmallow", "docgen.web", "docgen.writers", "docgen.cli")),
        ("writers", ("flask", "marshmallow", "docgen.web", "docgen.case", "docgen.cli")),
        ("case", ("flask", "docgen.web", "docgen.model", "docgen.writers", "docgen.cli")),
        ("batch", ("flask", "docgen.web")),
        ("bundle", ("flask", "marshmallow", "docgen.web", "docgen.cli")),
    ],
)
def test_imports_point_one_way(folder, forbidden):
    offenders = {
        f"{path.relative_to(ROOT)} imports {module}"
        for path in (PACKAGE / folder).rglob("*.py")
        for module in imported_modules(path)
        if any(module == name or module.startswith(name + ".") for name in forbidden)
    }
    assert not offenders


def test_every_subpackage_is_installed():
    """pyproject lists packages by hand (templates/ is mapped in); a new one must be added."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in PACKAGE.rglob("__init__.py")
    } | {"docgen.templates"}
    assert found == listed
