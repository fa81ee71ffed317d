"""WeasyPrint's footnote area, with each footnote laid out once per page instead of once for
every footnote added after it.

WeasyPrint 70 decides where a page ends by asking, for each footnote called on it, whether the
footnote area still fits: `LayoutContext._update_footnote_area` lays out the whole area again,
every footnote already in it from scratch, each time one is added (and the area once more for
the page itself). A page with k footnotes lays out 1 + 2 + ... + k + k footnotes: the CAT
complaint's 18 footnotes are laid out 97 times, a third of the time of its PDF.

Every layout of one footnote on one page is the same computation: the same box, the same width,
the same position (the footnotes before it are the same), the same margins. So the first is
kept and the later ones are copies of it. Only what cannot change the result is kept:

- per page: the store belongs to the page's footnote area and goes with it, so no layout is
  carried from one page, or one pass over the pages, to another;
- per input: the footnote's element, its position, the width it is laid out in, the space below
  it, the margins collapsing into it, whether the page is empty so far, the page number and
  whether the page break was forced are the key; a layout asked with anything else (resumed,
  fragmented, with a first-line style or positioned boxes to collect) is done as WeasyPrint
  always does it;
- only footnotes whose layout touches nothing outside themselves: every box in the normal flow
  (no floats, positioned or running boxes) and no footnote called inside. Floats on the page
  around the area also send a footnote the ordinary way.

The PDFs are byte for byte those of WeasyPrint alone (tests/test_pdf_writer.py compares them on
documents with footnotes in every place: many on one line, one longer than a page, in a table,
moved to the next page). Like every change docgen makes to WeasyPrint, it is put in place only
for the version it was checked with (docgen/writers/weasyprint_patch.py).
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

from docgen.writers.weasyprint_patch import patch


def install(weasyprint: ModuleType) -> bool:
    """Keep footnote layouts within a page (see the module's docstring); True if in place."""
    return patch(weasyprint, "weasyprint.layout.block", "block_level_layout", _keeping_layouts)


def _keeping_layouts(lay_out: Callable) -> Callable:
    from weasyprint.formatting_structure.boxes import Box, FootnoteAreaBox

    def self_contained(box, context) -> bool:
        """Whether ``box`` is one of the page's footnotes and touches nothing outside itself."""
        return (box.element is not None
                and any(box.element is note.element and type(box) is type(note)
                        for note in context.current_page_footnotes)
                and all(isinstance(inner, Box) and inner.is_in_normal_flow()
                        and getattr(inner, "footnote", None) is None
                        for inner in box.descendants(placeholders=True)))

    def block_level_layout(context, box, bottom_space, skip_stack, containing_block,
                           page_is_empty=True, absolute_boxes=None, fixed_boxes=None,
                           adjoining_margins=None, first_letter_style=None,
                           first_line_style=None, discard=False, max_lines=None):
        arguments = (context, box, bottom_space, skip_stack, containing_block, page_is_empty,
                     absolute_boxes, fixed_boxes, adjoining_margins, first_letter_style,
                     first_line_style, discard, max_lines)
        if (type(containing_block) is not FootnoteAreaBox or skip_stack is not None
                or first_letter_style or first_line_style or discard or max_lines is not None
                or absolute_boxes or fixed_boxes or context.excluded_shapes):
            return lay_out(*arguments)
        store = _page_store(context)
        if (contained := store.get(box.element)) is None:
            contained = store[box.element] = self_contained(box, context)
        if not contained:
            return lay_out(*arguments)
        key = (box.element, box.position_x, box.position_y, bottom_space,
               containing_block.width, page_is_empty, tuple(adjoining_margins or ()),
               context.forced_break, context.current_page)
        if key not in store:
            store[key] = lay_out(*arguments)
        new_box, resume_at, next_page, margins, collapsing_through, lines = store[key]
        # Copies: the caller moves the boxes it gets and appends to the margins.
        return (new_box.deepcopy() if new_box is not None else None, resume_at,
                dict(next_page), list(margins), collapsing_through, lines)

    return block_level_layout


def _page_store(context) -> dict:
    """What is kept for the page being laid out: a new store with each footnote area."""
    area, store = getattr(context, "_docgen_footnote_layouts", (None, None))
    if area is not context.current_footnote_area:
        store = {}
        context._docgen_footnote_layouts = (context.current_footnote_area, store)
    return store
