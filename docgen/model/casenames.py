"""Case names in the text, in italics: OSCOLA italicises the name of a case wherever it stands.

A footnote's case names are set by the citation style (citations.py); a name the user typed in
the case's own sentences ("the Committee's decision in Abdussamatov and 28 others v Kazakhstan")
is found here, after the text is parsed, when it is the title or short title of one of the
case's sources of a case type (CSL `legal_case`). Only such names are italicised: a pattern
such as "X v Y" would also catch names of parties and places. The match runs on the model's
plain text, so a name is data throughout (writers escape it like any other run) and all three
writers print the same italics.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from docgen.model.document import Block, Inline, Text, merge_runs
from docgen.model.markup import typeset

CASE_TYPES = frozenset({"legal_case"})


def case_names(sources: Iterable[dict]) -> tuple[str, ...]:
    """The titles and short titles of the case's sources that are cases, as the text sets them
    (curly quotes, dashes), longest first so that a full name wins over its short form."""
    names = {typeset([Text(name)])[0].text
             for source in sources if source.get("type") in CASE_TYPES
             for name in (source.get("title"), source.get("title-short")) if name and name.strip()}
    return tuple(sorted(names, key=len, reverse=True))


def italicise(blocks: Sequence[Block], names: Sequence[str]) -> tuple[Block, ...]:
    """``blocks`` with each of ``names`` in italics wherever it stands as words of its own."""
    if not names:
        return tuple(blocks)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")
    return tuple(replace(block, content=_runs(block.content, pattern),
                         rows=tuple(tuple(_runs(cell, pattern) for cell in row) for row in block.rows))
                 for block in blocks)


def _runs(parts: Sequence[Inline], pattern: re.Pattern) -> tuple[Inline, ...]:
    runs: list[Inline] = []
    for part in parts:
        if not isinstance(part, Text) or part.italic:
            runs.append(part)
            continue
        start = 0
        for match in pattern.finditer(part.text):
            runs.append(Text(part.text[start:match.start()], bold=part.bold))
            runs.append(Text(match.group(), italic=True, bold=part.bold))
            start = match.end()
        runs.append(Text(part.text[start:], bold=part.bold))
    return merge_runs(runs)
