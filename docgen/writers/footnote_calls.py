"""WeasyPrint 70 keeps each footnote on the page of its call.

When a line overflows the page where widows and orphans forbid breaking before it, WeasyPrint
moves the page's last footnotes to the next page to make room for the line (layout/block.py,
`_linebox_layout`), even footnotes called in an earlier paragraph, whose calls stay on this page:
the complaint's note 10 printed a page after 'representative.10'. Here such a layout is done
again with the paragraph's widows set so high that it cannot be split there: the paragraph moves
to the next page instead, as a lawyer's word processor moves it, and every note stays with its
call. A note called in the paragraph itself may still move with its line, as WeasyPrint does."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

from docgen.writers.weasyprint_patch import patch


class _EarlierNoteMoved(Exception):
    """A layout moved a footnote called before the paragraph being laid out."""


def install(weasyprint: ModuleType) -> bool:
    """Keep each footnote on the page of its call (see the module's docstring); True if in place."""
    return patch(weasyprint, "weasyprint.layout.block", "_linebox_layout", _keeping_notes_with_calls)


def _keeping_notes_with_calls(lay_out: Callable) -> Callable:
    def _linebox_layout(context, box, index, child, new_children, *rest):
        earlier = list(context.current_page_footnotes)
        if not earlier:
            return lay_out(context, box, index, child, new_children, *rest)
        saved = (list(context.footnotes), list(context.reported_footnotes), len(new_children))
        report = context.report_footnote
        own = vars(context).get("report_footnote")  # a wrapping layout's, when nested

        def report_only_own(footnote):
            if footnote in earlier:
                raise _EarlierNoteMoved
            report(footnote)

        context.report_footnote = report_only_own
        try:
            return lay_out(context, box, index, child, new_children, *rest)
        except _EarlierNoteMoved:
            pass
        finally:
            if own is None:
                del context.report_footnote
            else:
                context.report_footnote = own
        context.footnotes[:], context.reported_footnotes[:] = saved[0], saved[1]
        context.current_page_footnotes[:] = earlier
        context._update_footnote_area()
        del new_children[saved[2]:]
        widows = box.style["widows"]
        box.style["widows"] = 10 ** 6  # no break inside the paragraph on this page
        try:
            return lay_out(context, box, index, child, new_children, *rest)
        finally:
            box.style["widows"] = widows

    return _linebox_layout
