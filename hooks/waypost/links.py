"""Links by id in Markdown: ``[text](concept:what-is-prompting)``.

Writers link to content by id so that links survive moves and read well in
GitHub's preview. The checker reports ids that name nothing, with their
line; the build rewrites each link to the target page's Markdown file,
which MkDocs then turns into a relative URL and validates like any link.
Links inside code (fenced blocks and inline spans) are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

KINDS = ("concept", "exercise", "journey")
_INLINE = re.compile(r"\]\(\s*<?(?P<kind>concept|exercise|journey):(?P<id>[^)\s#>]*)(?P<anchor>#[^)\s>]*)?>?")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(?P<kind>concept|exercise|journey):(?P<id>[^\s#>]*)(?P<anchor>#\S*)?")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


@dataclass(frozen=True)
class IdLink:
    kind: str
    id: str
    anchor: str
    line: int
    """1-based line within the Markdown text."""
    column: int
    """1-based column where ``kind:`` starts."""
    start: int
    """Offset of ``kind:`` in the line."""
    end: int
    """Offset just past the id and anchor."""


def find_id_links(markdown: str) -> list[IdLink]:
    """Every link by id outside code, in reading order."""
    found: list[IdLink] = []
    fence: str | None = None
    for number, line in enumerate(markdown.split("\n"), start=1):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        visible = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
        for pattern in (_INLINE, _REFERENCE):
            for match in pattern.finditer(visible):
                start = match.start("kind")
                end = match.end("anchor") if match.group("anchor") else match.end("id")
                found.append(
                    IdLink(
                        kind=match.group("kind"),
                        id=match.group("id"),
                        anchor=match.group("anchor") or "",
                        line=number,
                        column=start + 1,
                        start=start,
                        end=end,
                    )
                )
    return found


def rewrite_id_links(markdown: str, target_for: Callable[[IdLink], str | None]) -> str:
    """Replace each link by id with ``target_for(link)``; None leaves it as written."""
    lines = markdown.split("\n")
    by_line: dict[int, list[IdLink]] = {}
    for link in find_id_links(markdown):
        by_line.setdefault(link.line, []).append(link)
    for number, links in by_line.items():
        line = lines[number - 1]
        for link in sorted(links, key=lambda item: item.start, reverse=True):
            target = target_for(link)
            if target is not None:
                line = line[: link.start] + target + link.anchor + line[link.end :]
        lines[number - 1] = line
    return "\n".join(lines)
