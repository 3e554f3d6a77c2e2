"""Waypost's own HTML, set aside while Python-Markdown converts a page.

The sections Waypost writes into pages (and its generated pages) are
Markdown headings, so that they reach the table of contents and search
sections, around blocks of raw HTML. Python-Markdown passes raw HTML
through unchanged, yet parses it twice on the way: MkDocs scans it for
anchor ids and ``md_in_html`` looks inside it for Markdown. That made
converting a concept page twice as slow as converting its prose alone. So
each HTML block is replaced by a placeholder comment, which Markdown
passes through as it is, and put back once the page is HTML; the ids it
holds are added to the page's anchors so that MkDocs still validates links
to them.

Only fragments Waypost renders go through here, never a writer's Markdown:
their HTML blocks are whole block-level elements separated by blank lines,
with no ``markdown`` attribute, which Python-Markdown leaves as they are.
"""

from __future__ import annotations

import re

_PLACEHOLDER = "<!-- waypost:html {page}:{number} -->"
PLACEHOLDER_PATTERN = re.compile(r"<!-- waypost:html (\d+):(\d+) -->")
"""A held block's placeholder: the page sanitiser keeps these while it cleans the writer's HTML around them."""
_ID = re.compile(r'\sid="([^"]+)"')
_BLOCK = re.compile(r"<(?:article|div|form|ol|p|section|table|ul)[\s>]")
"""Block-level elements: Python-Markdown passes a chunk that starts with one through as it is."""


class HtmlStash:
    """HTML blocks held per page, from ``hold`` in the Markdown stage to ``release`` in the HTML stage."""

    def __init__(self) -> None:
        self._pages: dict[str, int] = {}
        self._blocks: dict[int, list[str]] = {}

    def hold(self, page: str, fragment: str) -> str:
        """``fragment`` with each raw HTML block replaced by a placeholder for ``page``."""
        number = self._pages.setdefault(page, len(self._pages))
        blocks = self._blocks.setdefault(number, [])
        chunks = fragment.split("\n\n")
        for index, chunk in enumerate(chunks):
            if _BLOCK.match(chunk) and "markdown=" not in chunk:
                block = chunk.rstrip("\n")  # Markdown drops a block's trailing newlines: so does the stash
                chunks[index] = _PLACEHOLDER.format(page=number, number=len(blocks)) + chunk[len(block) :]
                blocks.append(block)
        return "\n\n".join(chunks)

    def release(self, page: str, html: str) -> tuple[str, set[str]]:
        """The page's HTML with its blocks back in place, and the ids those blocks define."""
        number = self._pages.pop(page, None)
        blocks = self._blocks.pop(number, []) if number is not None else []
        if not blocks:
            return html, set()

        def block(match: re.Match[str]) -> str:
            same_page = int(match.group(1)) == number and int(match.group(2)) < len(blocks)
            return blocks[int(match.group(2))] if same_page else match.group(0)

        ids = {found for text in blocks for found in html_ids(text)}
        return PLACEHOLDER_PATTERN.sub(block, html), ids


def html_ids(html: str) -> set[str]:
    """The ids Waypost's own ``html`` defines (its templates always quote attributes with ``"``)."""
    return set(_ID.findall(html))
