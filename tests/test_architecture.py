"""The layout of the code is the picture of the architecture: imports point one way.

The contracts are import-linter's, in pyproject.toml ([tool.importlinter]): it follows imports
however indirect, which a hand-written walk of each file's import statements did not.
"""

import os
import tomllib
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "docgen"


def lint(config: Path) -> int:
    previous = os.getcwd()
    os.chdir(ROOT)  # import-linter finds docgen from the working directory
    try:
        return lint_imports(config_filename=str(config), no_cache=True, no_logo=True)
    finally:
        os.chdir(previous)


def test_imports_point_one_way():
    assert lint(ROOT / "pyproject.toml") == 0


def test_a_broken_contract_is_reported(tmp_path):
    """The control: an import that exists (the web service loads cases) breaks a contract."""
    config = tmp_path / "broken.toml"
    config.write_text(
        '[tool.importlinter]\nroot_packages = ["docgen"]\n\n[[tool.importlinter.contracts]]\n'
        'name = "The web knows no case"\ntype = "forbidden"\nsource_modules = ["docgen.web"]\n'
        'forbidden_modules = ["docgen.case"]\n'
    )
    assert lint(config) == 1


def test_every_subpackage_is_installed():
    """pyproject lists packages by hand (templates/ is mapped in); a new one must be added."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in PACKAGE.rglob("__init__.py")
    } | {"docgen.templates"}
    assert found == listed
