"""Where the code is in Markdown, so that checks on prose can skip it.

``mask_code`` blanks out fenced code blocks and inline code spans, keeping
every other character where it was, so that positions found in the masked
text are positions in the file. It is deliberately conservative: text is
masked only where Python-Markdown certainly renders it as escaped code.

- A fence that is never closed is not code: Python-Markdown prints it as
  text, and the HTML after it as HTML. Only fences at the start of a line
  count, closed by the same run of backticks or tildes (pymdownx's
  superfences ignores an indented fence at the top level and a longer
  closing fence); fences indented inside lists are left unmasked.
- Python-Markdown pairs backticks across a whole paragraph, and a stray
  backtick (or an unclosed fence) shifts every pair after it. So spans are
  masked only in a paragraph whose backtick runs pair up one after the
  other, each pair of equal length on one line, with no backslash before
  any of them; in any other paragraph nothing is masked.
- Once a body holds a raw HTML block (a line that starts with a tag, a
  comment, a declaration or a processing instruction), whose content
  Python-Markdown passes through untouched even between backticks, no code
  span is masked at all.

Erring this way can only report too much, never hide markup that runs.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^(`{3,}|~{3,})")
_BACKTICKS = re.compile(r"`+")
_RAW_HTML_BLOCK = re.compile(r" {0,3}(?:</?[A-Za-z]|<!|<\?)")
"""A tag, a comment, a declaration or a processing instruction: each makes Python-Markdown pass the block raw."""


def mask_code(markdown: str) -> str:
    """``markdown`` with code replaced by spaces; line breaks and offsets are kept."""
    if "`" not in markdown and "~~~" not in markdown:
        return markdown
    lines = markdown.split("\n")
    fenced = fenced_lines(lines)
    for number in fenced:
        lines[number] = " " * len(lines[number])
    if not _has_raw_html_block(lines, fenced):
        for block in _paragraphs(lines, fenced):
            _mask_spans(lines, block)
    return "\n".join(lines)


def has_raw_html_block(markdown: str) -> bool:
    """Whether a line outside fenced code starts raw HTML (a tag, a comment…), which Python-Markdown passes through."""
    lines = markdown.split("\n")
    return _has_raw_html_block(lines, fenced_lines(lines) if ("```" in markdown or "~~~" in markdown) else set())


def _has_raw_html_block(lines: list[str], fenced: set[int]) -> bool:
    return any(_RAW_HTML_BLOCK.match(line) for number, line in enumerate(lines) if number not in fenced)


def fenced_lines(lines: list[str]) -> set[int]:
    """0-based numbers of the lines of closed fenced code blocks, fences included."""
    inside: set[int] = set()
    start: int | None = None
    fence = ""
    for number, line in enumerate(lines):
        opening = _FENCE.match(line)
        if start is None:
            if opening:
                start, fence = number, opening.group(1)
        elif opening and opening.group(1) == fence and _bare(line):
            inside.update(range(start, number + 1))
            start = None
    return inside


def _bare(line: str) -> bool:
    """A closing fence carries nothing after its backticks or tildes."""
    return not line.strip().strip(line.strip()[0])


def _paragraphs(lines: list[str], fenced: set[int]) -> list[list[int]]:
    """Line numbers of each run of non-blank lines outside fences."""
    blocks: list[list[int]] = [[]]
    for number, line in enumerate(lines):
        if number in fenced or not line.strip():
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append(number)
    return [b for b in blocks if b]


def _mask_spans(lines: list[str], block: list[int]) -> None:
    """Mask the block's code spans if its backticks pair up without doubt (see the module docstring)."""
    runs = [(number, m.start(), m.end()) for number in block for m in _BACKTICKS.finditer(lines[number])]
    if not runs or len(runs) % 2:
        return
    for number, start, _ in runs:
        if start and lines[number][start - 1] == "\\":
            return
    pairs = list(zip(runs[::2], runs[1::2], strict=True))
    if any(o[0] != c[0] or o[2] - o[1] != c[2] - c[1] for o, c in pairs):
        return
    for (number, start, _), (_, _, end) in pairs:
        line = lines[number]
        lines[number] = line[:start] + " " * (end - start) + line[end:]
