"""Where the code is in Markdown, so that checks on prose can skip it.

``mask_code`` blanks out code blocks (fenced and indented) and inline code
spans, keeping every other character where it was, so that positions found
in the masked text are positions in the file. It is deliberately
conservative: text is masked only where Python-Markdown certainly renders
it as escaped code.

- Code blocks are the lines that ``code_blocks`` finds the way the site's
  Markdown does: fences as pymdownx.superfences takes them (a fence never
  closed is not code: Python-Markdown prints it as text, and the HTML
  after it as HTML), indented blocks where Python-Markdown's block parser
  makes code of them, and not where they go on with an admonition or a
  list item.
- Python-Markdown pairs backticks across a whole paragraph, and a stray
  backtick (or an unclosed fence) shifts every pair after it. So spans are
  masked only in a paragraph whose backtick runs pair up one after the
  other, each pair of equal length on one line, with no backslash before
  any of them; in any other paragraph nothing is masked.
- A body with a carriage return or the STX or ETX control characters is
  not masked at all: Python-Markdown would see other lines in it.
- Once a body holds a raw HTML block (a line that starts with a tag, a
  comment, a declaration or a processing instruction), whose content
  Python-Markdown passes through untouched even between backticks, no code
  span is masked at all.

Erring this way can only report too much, never hide markup that runs.
"""

from __future__ import annotations

import functools
import re

from waypost.code_blocks import code_block_lines, has_raw_html_line, same_lines_as_python_markdown

_BACKTICKS = re.compile(r"`+")


@functools.lru_cache(maxsize=8)
def mask_code(markdown: str) -> str:
    """``markdown`` with code replaced by spaces; line breaks and offsets are kept.

    Cached: the content policy, the Markdown limits, the link and the heading
    checks each ask it of the same body, one after the other.
    """
    code = code_block_lines(markdown)
    if (not code and "`" not in markdown) or not same_lines_as_python_markdown(markdown):
        return markdown  # no code; or lines that Python-Markdown would break elsewhere, so paragraphs are unsure
    lines = markdown.split("\n")
    for number in code:
        lines[number] = " " * len(lines[number])
    if not has_raw_html_line(markdown, code):
        for block in _paragraphs(lines, code):
            _mask_spans(lines, block)
    return "\n".join(lines)


def has_raw_html_block(masked: str) -> bool:
    """Whether a line starts raw HTML (a tag, a comment…), which Python-Markdown passes through.

    ``masked`` comes from ``mask_code``: its code blocks are blank already.
    """
    return has_raw_html_line(masked, code=set())


def _paragraphs(lines: list[str], code: set[int]) -> list[list[int]]:
    """Line numbers of each run of non-blank lines outside code blocks."""
    blocks: list[list[int]] = [[]]
    for number, line in enumerate(lines):
        if number in code or not line.strip():
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
