"""The layout of the code is the picture of the architecture: imports point one way.

The contracts are import-linter's, in pyproject.toml ([tool.importlinter]): it follows imports
however indirect, which a hand-written walk of each file's import statements did not.
"""

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "docgen"


def lint(config: Path) -> int:
    """import-linter's exit status for ``config``, run in a process of its own: it configures
    logging as it starts (dictConfig), which would switch off the loggers other tests watch."""
    command = [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; "
               "sys.exit(lint_imports_command())", "--config", str(config), "--no-cache"]
    return subprocess.run(command, cwd=ROOT, capture_output=True, timeout=300).returncode


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
