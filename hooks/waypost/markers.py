"""Markers a hand-written page uses to place Waypost's blocks, and the check that each one is written right.

The build replaces each marker, written exactly so, with its block; a
marker spelt otherwise would stay an invisible HTML comment, and the
block would be missing without a word.
"""

from __future__ import annotations

import re

from waypost.markdown_code import mask_code
from waypost.problems import Position, Problem, error
from waypost.sources import Document, Kind
from waypost.suggest import closest

CARDS_MARKER = "<!-- waypost:journey-cards -->"
"""Where a hand-written page (the home page) shows the journey cards."""
RECOMMENDED_MARKER = "<!-- waypost:recommended -->"
"""Where a hand-written page shows the learner's remembered recommendation."""
MARKERS = (CARDS_MARKER, RECOMMENDED_MARKER)

_LOOKS_LIKE_MARKER = re.compile(r"<!--\s*waypost\s*:.*?-->", re.IGNORECASE | re.DOTALL)


def marker_problems(doc: Document) -> list[Problem]:
    """An error at each comment that looks like a Waypost marker but is not one the build replaces."""
    if "waypost" not in doc.body.lower():
        return []
    text = mask_code(doc.body)
    problems = []
    for match in _LOOKS_LIKE_MARKER.finditer(text):
        written = match.group()
        if written in MARKERS and doc.kind is Kind.PAGE:
            continue
        before = text[: match.start()]
        where = Position(doc.body_line + before.count("\n"), match.start() - (before.rfind("\n") + 1) + 1)
        if written in MARKERS:
            message, hint = f"{written} works on hand-written pages only", "move it to a page such as content/index.md"
        else:
            meant = closest(" ".join(written.split()).lower(), MARKERS)
            message = f"{written} is not a marker the build knows: the page would show nothing here"
            hint = f"write {meant}" if meant else f"the markers are {' and '.join(MARKERS)}"
        problems.append(error(doc.path, where, "unknown-marker", message, hint))
    return problems
