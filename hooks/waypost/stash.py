"""Waypost's own HTML, set aside while Python-Markdown converts a page, and while search reads it.

Generated pages (journeys, indexes) are Markdown headings, so that they
reach the table of contents and search sections, around blocks of raw HTML.
Python-Markdown passes raw HTML through unchanged, yet parses it twice on
the way: MkDocs scans it for anchor ids and ``md_in_html`` looks inside it
for Markdown. That made converting a page twice as slow as converting its
prose alone. So each HTML block is replaced by a placeholder comment, which
Markdown passes through as it is, and put back once the page is HTML; the
ids it holds are added to the page's anchors so that MkDocs still validates
links to them.

A block whose opening tag says ``data-search-exclude`` (the journey map,
the "Mark as done" box, the links at the foot of concept and exercise
pages) stays out a little longer: until Material's search plugin has read
the page. Search would skip such a block's text anyway, but not the
headings inside it, each of which would become an empty search result; and
the plugin's pure-Python HTML parser does not walk through it (a journey
map is most of its page's elements).

Only fragments Waypost renders go through here, never a writer's Markdown:
their HTML blocks are whole block-level elements separated by blank lines,
with no ``markdown`` attribute, which Python-Markdown leaves as they are.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

_PLACEHOLDER = "<!-- waypost:html {page}:{number} -->"
PLACEHOLDER_PATTERN = re.compile(r"<!-- waypost:html (\d+):(\d+) -->")
"""A held block's placeholder: the page sanitiser keeps these while it cleans the HTML around them."""
_ID = re.compile(r'\sid="([^"]+)"')
_BLOCK = re.compile(r"<(?:article|div|form|ol|p|section|table|ul)[\s>]")
"""Block-level elements: Python-Markdown passes a chunk that starts with one through as it is."""
_SEARCH_EXCLUDED = re.compile(r"<[^>]*\sdata-search-exclude[\s>=]")
"""A block whose opening tag excludes it from search (Material's attribute)."""


@dataclass
class _Held:
    number: int
    blocks: list[str] = field(default_factory=list)
    late: set[int] = field(default_factory=set)
    """The blocks that wait for search: their numbers in ``blocks``."""


class HtmlStash:
    """HTML blocks held per page: ``hold`` in the Markdown stage, ``release`` in the HTML stage,
    ``release_late`` once search has read the page."""

    def __init__(self) -> None:
        self._pages: dict[str, _Held] = {}
        self._numbers = itertools.count()
        """Each page's placeholders carry a number no other page of the build has."""

    def hold(self, page: str, fragment: str, only_late: bool = False) -> str:
        """``fragment`` with each raw HTML block (or, with ``only_late``, each search-excluded one) held."""
        held = self._held(page)
        chunks = fragment.split("\n\n")
        for index, chunk in enumerate(chunks):
            lead = chunk[: len(chunk) - len(chunk.lstrip("\n"))]  # a third newline before the block
            if not _BLOCK.match(chunk, len(lead)) or "markdown=" in chunk:
                continue
            late = _SEARCH_EXCLUDED.match(chunk, len(lead)) is not None
            if only_late and not late:
                continue
            block = chunk[len(lead) :].rstrip("\n")  # Markdown drops a block's trailing newlines: so does the stash
            placeholder = _PLACEHOLDER.format(page=held.number, number=len(held.blocks))
            chunks[index] = lead + placeholder + chunk[len(lead) + len(block) :]
            if late:
                held.late.add(len(held.blocks))
            held.blocks.append(block)
        return "\n\n".join(chunks)

    def hold_late(self, page: str, html: str) -> str:
        """``html`` held whole until search has read the page (``release_late``): search never sees it.

        For a fragment that goes straight into a page's HTML, so it need not be split into blocks for Markdown.
        """
        if not html.strip():
            return html
        held = self._held(page)
        held.late.add(len(held.blocks))
        held.blocks.append(html)
        return _PLACEHOLDER.format(page=held.number, number=len(held.blocks) - 1)

    def _held(self, page: str) -> _Held:
        """The page's held blocks, begun on its first ``hold``."""
        return self._pages.get(page) or self._pages.setdefault(page, _Held(next(self._numbers)))

    def release(self, page: str, html: str) -> tuple[str, set[str]]:
        """The page's HTML with its blocks back in place but the late ones, and the ids those blocks define.

        The late ones are cleaned meanwhile (``late_blocks``, then ``replace_late``): their ids are known then.
        """
        held = self._pages.get(page)
        if held is None or not held.blocks:
            self._pages.pop(page, None)
            return html, set()
        if not held.late:
            del self._pages[page]
        early = [text for number, text in enumerate(held.blocks) if number not in held.late]
        ids = {found for text in early for found in html_ids(text)}
        return self._put_back(held, html, lambda number: number not in held.late), ids

    def late_blocks(self, page: str) -> dict[int, str]:
        """The page's blocks that wait for search, by number, to be cleaned before they join it (``replace_late``)."""
        held = self._pages.get(page)
        return {number: held.blocks[number] for number in held.late} if held else {}

    def replace_late(self, page: str, blocks: dict[int, str]) -> None:
        """Blocks from ``late_blocks``, cleaned, in place of the held ones."""
        if blocks:
            held = self._pages[page]
            for number, block in blocks.items():
                held.blocks[number] = block

    def release_late(self, page: str, html: str) -> tuple[str, int]:
        """The page's HTML with its late blocks back in place: call it once search has read the page.

        Also how many late blocks found no placeholder: something between the two
        stages (a plugin that strips HTML comments) removed it, and the block is lost.
        """
        held = self._pages.pop(page, None)
        if held is None:
            return html, 0
        found: set[int] = set()
        html = self._put_back(held, html, lambda number: number in held.late, found)
        return html, len(held.late - found)

    @staticmethod
    def _put_back(held: _Held, html: str, wanted: Callable[[int], bool], found: set[int] | None = None) -> str:
        def block(match: re.Match[str]) -> str:
            number = int(match.group(2))
            ours = int(match.group(1)) == held.number and number < len(held.blocks)
            if not (ours and wanted(number)):
                return match.group(0)
            if found is not None:
                found.add(number)
            return held.blocks[number]

        return PLACEHOLDER_PATTERN.sub(block, html)


def html_ids(html: str) -> set[str]:
    """The ids Waypost's own ``html`` defines (its templates always quote attributes with ``"``)."""
    return set(_ID.findall(html))
