"""Headings in a concept's or exercise's body that its page makes itself.

The page's title is its one ``#`` heading: the theme prints it only when the
body has no ``<h1>``, so a ``# Heading`` in the body takes its place, below the
summary the page opens with. The page also adds sections of its own ("Try
this", "Related journeys"...): a writer's heading of the same name is a second
entry of that name in the table of contents, and a second anchor for it.
"""

from __future__ import annotations

import re

from waypost.markdown_code import mask_code
from waypost.problems import Position, Problem, warning
from waypost.sources import Document, Kind

GENERATED_HEADINGS = ("Your checklist", "Try this", "Concepts it practises", "Related concepts", "Related journeys")
"""The sections ``content_bottom.html.j2`` and ``content_links.html.j2`` add (a test keeps them the same)."""

_NAMES = "(?i:" + "|".join(map(re.escape, GENERATED_HEADINGS)) + ")"
_MAY_BE_REPORTED = re.compile(
    r"\n {0,3}(?:#(?:[ \t]|\n)|#{2,6}[ \t]+"
    + _NAMES
    + r"|=+[ \t]*(?:\n|$)|"
    + _NAMES
    + r"[ \t]*\n {0,3}-+[ \t]*(?:\n|$))"
)
"""A line that may be a '#' heading, a generated section's heading or a '=' underline, code or not (searched for
after a line break: patterns that start with plain text are searched several times faster)."""
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_CLOSING = re.compile(r"(?:[ \t]+#+)?(?:[ \t]*\{[^}]*\})?[ \t]*$")
"""What may follow a heading's text: closing '#'s, an attribute list such as ``{#my-id}``."""


def heading_problems(doc: Document) -> list[Problem]:
    """A warning at each heading of the body that the page makes itself: the title, a generated section."""
    if doc.kind not in (Kind.CONCEPT, Kind.EXERCISE) or not _MAY_BE_REPORTED.search("\n" + doc.body):
        return []  # most bodies: '##' headings of their own names only, so nothing to mask and read
    generated = {title.casefold(): title for title in GENERATED_HEADINGS}
    problems = []
    lines = mask_code(doc.body).split("\n")
    for number, (level, text) in _headings(lines):
        where = Position(doc.body_line + number, 1)
        if level == 1:
            problems.append(
                warning(
                    doc.path,
                    where,
                    "body-heading",
                    "a '#' heading in the body takes the place of the page's title heading, below its summary",
                    "the page's heading is its 'title'; start the body's headings at '##'",
                )
            )
        elif text.casefold() in generated:
            problems.append(
                warning(
                    doc.path,
                    where,
                    "body-heading",
                    f"'{generated[text.casefold()]}' is a section the page adds itself",
                    "give this section another name",
                )
            )
    return problems


def _headings(lines: list[str]) -> list[tuple[int, tuple[int, str]]]:
    """(line index, (level, text)) of each ATX heading and each setext one ('=' level 1, '-' level 2)."""
    found = []
    for number, line in enumerate(lines):
        atx = _ATX.match(line)
        if atx:
            found.append((number, (len(atx.group(1)), _CLOSING.sub("", atx.group(2) or ""))))
        elif number and lines[number - 1].strip() and not _ATX.match(lines[number - 1]):
            underline = _SETEXT.match(line)
            if underline:
                found.append((number - 1, (1 if underline.group(1)[0] == "=" else 2, lines[number - 1].strip())))
    return found
