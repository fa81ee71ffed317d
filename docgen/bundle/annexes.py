"""The annexes a user uploads into a filing bundle: checked, and copied without active content.

An annex is the user's own PDF and is trusted no further than its pages' appearance: it is
refused when it cannot be used as it is (not a PDF, damaged, encrypted, too large), and what a
viewer would run or follow (JavaScript, launch and other actions, links, form fields, embedded
files, the document's open action) is left behind, because only its pages are copied, and of
their annotations only those that show a mark on the page (comments, highlights, stamps),
without any action. Nothing is written to disk; the bytes given are never kept.
"""

from __future__ import annotations

import io
import math
import zlib
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, NameObject, RectangleObject

MEGABYTE = 1024 * 1024
MAX_ANNEX_BYTES = 15 * MEGABYTE
MAX_ANNEXES_BYTES = 40 * MEGABYTE
MAX_ANNEX_PAGES = 300
# Each page gets a stamp that WeasyPrint lays out: about 25 ms a page on one core.
MAX_ANNEXES_PAGES = 500
# A page smaller than this a side (in points: 2.5 cm) is no page of a document, and leaves the
# stamp no room.
_SMALLEST_PAGE = 72
_CENTIMETRE = 72 / 2.54
# How much of a page's content stream is inflated to check it, and in what steps.
_CONTENT_LIMIT = 16 * MEGABYTE
_CHUNK = MEGABYTE

# Annotations that only show a mark on the page; every other kind (Link, Widget, Screen, Movie,
# Sound, RichMedia, FileAttachment, 3D...) can act, play, open or fetch, and is dropped.
_MARKS = frozenset({"/Text", "/FreeText", "/Line", "/Square", "/Circle", "/Polygon", "/PolyLine",
                    "/Highlight", "/Underline", "/Squiggly", "/StrikeOut", "/Stamp", "/Caret",
                    "/Ink", "/Popup"})
# Entries of an annotation that act or point elsewhere.
_ACTING = ("/A", "/AA", "/Parent", "/IRT", "/RT")
# Entries of a page that act (/AA) or tie it to the rest of its file (article threads).
_PAGE_ACTING = ("/AA", "/B")


class AnnexError(ValueError):
    """An annex that cannot go into the bundle; the message says why, for the person who chose it."""


@dataclass(frozen=True)
class Annex:
    """An annex ready for the bundle: a PDF that pypdf wrote from the pages of the upload."""

    pdf: bytes
    pages: int


def read_annex(data: bytes) -> Annex:
    """The annex in ``data``, its pages copied without active content; AnnexError when unusable."""
    if len(data) > MAX_ANNEX_BYTES:
        raise AnnexError(f"It is {len(data) / MEGABYTE:.1f} MB; an annex may be at most "
                         f"{MAX_ANNEX_BYTES // MEGABYTE} MB. Reduce its size (scan at 150-200 dpi, in grey).")
    if b"%PDF-" not in data[:1024]:
        raise AnnexError("It is not a PDF: attach the annex as a PDF file.")
    if b"%%EOF" not in data[-2048:]:
        # pypdf would read what it can of the rest, and the annex would be filed cut short.
        raise AnnexError("It is incomplete: the file ends before the PDF does (cut short in a "
                         "download or a copy?). Attach the whole file.")
    try:
        reader = PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
    except Exception:  # pypdf raises many kinds of error on a damaged file; each means the same
        raise AnnexError("It is damaged: it cannot be read as a PDF. Open it and save or print it "
                         "to a new PDF.") from None
    if encrypted:
        raise AnnexError("It is encrypted (protected by a password or against changes): save or "
                         "print it to a new PDF without protection, then attach that.")
    try:
        pages = len(reader.pages)
    except Exception:
        raise AnnexError("It is damaged: its pages cannot be read. Open it and save or print it "
                         "to a new PDF.") from None
    if pages == 0:
        raise AnnexError("It has no pages.")
    if pages > MAX_ANNEX_PAGES:
        raise AnnexError(f"It has {pages} pages; an annex may have at most {MAX_ANNEX_PAGES}. "
                         "Split it into several annexes.")
    _check_pages(reader)
    try:
        return Annex(_copy_pages(reader), pages)
    except Exception:
        raise AnnexError("It is damaged: its pages cannot be copied. Open it and save or print it "
                         "to a new PDF.") from None


def _check_pages(reader: PdfReader) -> None:
    """AnnexError naming the first page that could not be filed as it is shown: without a
    size (the bundle would fail on it), smaller than a page of a document or turned by other
    than quarter turns (the stamp would land off it or askew), or with a drawing that cannot
    be decompressed (pypdf reads it as blank, logging the error: it would be filed empty)."""
    for number, page in enumerate(reader.pages, start=1):
        try:
            left, bottom, right, top = _corners(page.cropbox)  # the media box when it has none
            _corners(page.mediabox)
            rotation = page.rotation
        except Exception:
            raise AnnexError(f"It is damaged: page {number} has no readable size. Open it and save "
                             "or print it to a new PDF.") from None
        if rotation % 90:
            raise AnnexError(f"It is damaged: page {number} is turned by {rotation} degrees, and a PDF "
                             "page may only be turned by quarter turns. Print it to a new PDF.")
        if min(right - left, top - bottom) < _SMALLEST_PAGE:
            raise AnnexError(f"Page {number} is {(right - left) / _CENTIMETRE:.1f} × "
                             f"{(top - bottom) / _CENTIMETRE:.1f} cm: too small for a page of a "
                             "document. Print it to a new PDF on A4 or Letter paper.")
        _check_drawing(page, number)


def _corners(box) -> tuple[float, float, float, float]:
    """A page box as left, bottom, right, top: PDF gives a rectangle by any two opposite corners."""
    x1, y1, x2, y2 = (float(value) for value in box)
    if not all(math.isfinite(value) for value in (x1, y1, x2, y2)):
        raise ValueError(box)
    return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)


def _check_drawing(page, number: int) -> None:
    """Only the page's own content streams are read (small: a scan's is a line that draws its
    image), up to _CONTENT_LIMIT each; images are copied as they are. pypdf keeps a stream's
    encoded bytes in `_data` and has no public way to read them undecoded."""
    try:
        contents = page.get("/Contents")
        contents = contents.get_object() if contents is not None else None
        streams = contents if isinstance(contents, ArrayObject) else [contents] if contents else []
        for stream in streams:
            stream = stream.get_object()
            if stream.get("/Filter") in ("/FlateDecode", ArrayObject([NameObject("/FlateDecode")])):
                _inflate(stream._data)
    except Exception:
        raise AnnexError(f"It is damaged: page {number} cannot be read (its content is corrupt) "
                         "and would be filed blank. Open it and save or print it to a new PDF.") from None


def _inflate(data: bytes) -> None:
    """zlib.error when ``data`` is not a whole deflate stream up to its first _CONTENT_LIMIT bytes
    of output; bytes after the stream's end are allowed, as pypdf allows them."""
    inflater, made = zlib.decompressobj(), 0
    while data and made < _CONTENT_LIMIT and not inflater.eof:
        made += len(inflater.decompress(data, _CHUNK))
        data = inflater.unconsumed_tail


def _copy_pages(reader: PdfReader) -> bytes:
    writer = PdfWriter()
    for page in reader.pages:
        # Cleaned before it is copied: the writer copies whatever the page refers to.
        for key in _PAGE_ACTING:
            page.pop(NameObject(key), None)
        _keep_marks(page)
        # Its boxes by their lower left and upper right corners, where the stamp is placed from.
        page.mediabox = RectangleObject(_corners(page.mediabox))
        if "/CropBox" in page:
            page.cropbox = RectangleObject(_corners(page.cropbox))
        copied = writer.add_page(page)
        # A page turned by /Rotate is turned in its content instead, so that the stamp laid
        # over it later stands upright at the top of the page as it is read.
        if copied.rotation % 360:
            copied.transfer_rotation_to_content()
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _keep_marks(page) -> None:
    annotations = page.get("/Annots")
    if annotations is None:
        return
    kept = ArrayObject()
    for reference in annotations.get_object():
        annotation = reference.get_object()
        if annotation.get("/Subtype") in _MARKS:
            for key in _ACTING:
                annotation.pop(NameObject(key), None)
            kept.append(reference)
    if kept:
        page[NameObject("/Annots")] = kept
    else:
        del page[NameObject("/Annots")]
