"""Where docgen finds its own files: the document templates and their assets.

`templates/` sits at the top of the repository so that a lawyer finds it; the package build maps
it into the installed package as `docgen.templates`, so an installed docgen finds the same files.
"""

from importlib.resources import files
from pathlib import Path

TEMPLATES_DIR = Path(str(files("docgen.templates")))
