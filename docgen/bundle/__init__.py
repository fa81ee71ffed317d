"""The filing bundle: a document, the index of its annexes and the annexes themselves, stamped,
in one PDF (see `assemble`); the annexes are the user's PDFs, checked and cleaned (`annexes`), or documents docgen makes
from the same case (`made`)."""

from docgen.bundle.annexes import AnnexError
from docgen.bundle.assemble import ANNEX_PATH, BUNDLED, Bundle, BundleInvalid, bundle_filename, make_bundle

__all__ = ["ANNEX_PATH", "BUNDLED", "AnnexError", "Bundle", "BundleInvalid", "bundle_filename", "make_bundle"]
