"""Links in Markdown: by id, ``[text](concept:what-is-prompting)``, and by path, ``![map](map.png)``.

Writers link to content by id so that links survive moves and read well in
GitHub's preview. The checker reports ids that name nothing, with their
line; the build rewrites each link to the target page's Markdown file,
which MkDocs then turns into a relative URL and validates like any link.
Links by path (to an image, a hand-written page) are found for the checker
alone, which looks for their files as MkDocs will. Links inside code
(code blocks and inline spans) and inside HTML comments (a writer's notes,
which readers never see) are left alone.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape

from waypost.markdown_code import mask_code

KINDS = ("concept", "exercise", "journey")
_INLINE = re.compile(r"\]\(\s*<?(?P<kind>concept|exercise|journey):(?P<id>[^)\s#>]*)(?P<anchor>#[^)\s>]*)?>?")
_REFERENCE = re.compile(
    r"(?m)^ {0,3}\[(?!\^)[^\]]+\]:\s*<?(?P<kind>concept|exercise|journey):(?P<id>[^\s#>]*)(?P<anchor>#\S*)?"
)
_MAY_LINK = re.compile(r"(?:concept|exercise|journey):")
_DESTINATION = r"(?:<(?P<angle>[^<>\n]*)>|(?P<bare>(?:[^()\s]|\([^()\s]*\))+))"
"""A link destination as CommonMark reads it: in angle brackets, or without spaces, with balanced parentheses."""
_PATH_INLINE = re.compile(r"\]\(\s*" + _DESTINATION)
_PATH_REFERENCE = re.compile(r"(?m)^ {0,3}\[(?!\^)[^\]]+\]:[ \t]*" + _DESTINATION)
"""A reference definition; ``[^1]: text`` is a footnote, not a link."""
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:|//")
"""What starts a link to another site (``https:``, ``//host``) or to content by id (``concept:``)."""
_URL_NOISE = str.maketrans("", "", "\t\n\r")
_MAY_LINK_BY_PATH = re.compile(r"\](?:\(\s*|:[ \t]*)<?(?![A-Za-z][A-Za-z0-9+.\-]*:|#|//)")
"""A destination that does not start like a URL or an anchor: maybe a link by path (or from the site's root).
It starts with a plain ``]`` so that the search skips ahead fast (prose is long, links are few)."""
_NEWLINE = re.compile(r"\n")
_SPACED_ID = re.compile(r"[ \t]+(?P<id>[^\s()<>\"'#]+)")
"""What follows ``kind:`` when a space comes first: the id the writer meant, which the space keeps out of the link."""


_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _mask_comments(text: str) -> str:
    """``text`` with HTML comments blanked out, line breaks and offsets kept (an unclosed one is not a comment)."""
    if "<!--" not in text:
        return text
    return _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


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
    spaced: str = ""
    """With no id: the word after spaces that follow ``kind:``, as in ``concept: what-is-prompting``,
    the id the writer meant. Python-Markdown keeps the space in an inline link's address and reads no
    reference definition so written (CommonMark makes no link at all): either way the link names nothing."""


def find_id_links(markdown: str) -> list[IdLink]:
    """Every link by id outside code, in reading order.

    Code is found by ``mask_code``, the same reading of code blocks and
    code spans as the content policy's: a fence never closed is not code,
    so links after it are links (and are rewritten, and checked).
    """
    if not _MAY_LINK.search(markdown):
        return []  # the common case for prose: nothing to look at
    text = _mask_comments(mask_code(markdown))
    line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
    found: list[IdLink] = []
    for pattern in (_INLINE, _REFERENCE):
        for match in pattern.finditer(text):
            offset = match.start("kind")
            number = bisect.bisect_right(line_starts, offset)
            line_start = line_starts[number - 1]
            start = offset - line_start
            end = (match.end("anchor") if match.group("anchor") else match.end("id")) - line_start
            kind, item_id, anchor = match.group("kind"), match.group("id"), match.group("anchor") or ""
            spaced = _SPACED_ID.match(text, match.end("id")) if not item_id and not anchor else None
            found.append(
                IdLink(kind, item_id, anchor, number, start + 1, start, end, spaced.group("id") if spaced else "")
            )
    return sorted(found, key=lambda link: (link.line, link.start))


@dataclass(frozen=True)
class PathLink:
    target: str
    """The destination as written: a path relative to the page, maybe with a query or an anchor."""
    line: int
    """1-based line within the Markdown text."""
    column: int
    """1-based column where the destination starts."""


def find_path_links(markdown: str) -> list[PathLink]:
    """Every link and image by relative path outside code, in reading order.

    Not these: links by id, links to other sites and links to an anchor of
    the page itself. Absolute paths (``/img/map.png``) are: MkDocs leaves
    them as written, and the checker says so.
    """
    if not _MAY_LINK_BY_PATH.search(markdown):
        return []  # the common case: prose with links by id and to other sites, if any
    text = _mask_comments(mask_code(markdown))
    line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
    found = []
    for pattern in (_PATH_INLINE, _PATH_REFERENCE):
        for match in pattern.finditer(text):
            group = "angle" if match.group("angle") is not None else "bare"
            target = match.group(group)
            # As a browser reads it: entities decoded, tabs and line breaks dropped (``java&#9;script:``).
            read = unescape(target).translate(_URL_NOISE) if "&" in target else target
            if not (is_path(read) or is_absolute_path(read)):
                continue
            offset = match.start(group)
            number = bisect.bisect_right(line_starts, offset)
            found.append(PathLink(target, number, offset - line_starts[number - 1] + 1))
    return sorted(found, key=lambda link: (link.line, link.column))


def is_path(url: str) -> bool:
    """Whether ``url`` (as a browser reads it) is a relative path: not empty, not an anchor of the page
    itself, not an absolute path (``is_absolute_path``) and not a link to another site or by id."""
    return bool(url) and not url.startswith(("#", "/", "\\")) and not _SCHEME.match(url)


def is_absolute_path(url: str) -> bool:
    """Whether ``url`` is a path from the site's root (``/img/map.png``), not to another site (``//host``)."""
    return url.startswith("/") and not url.startswith("//")


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
