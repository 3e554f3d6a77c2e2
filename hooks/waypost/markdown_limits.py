"""Shape limits on Markdown bodies, so that no file can stall or crash the site build.

Python-Markdown scans to the end of a paragraph for each bracket or tag
opening left unclosed there, so its time grows with their number times the
paragraph's length (8,000 stray ``[`` in one paragraph took 10 s here, 50
stray ``<a`` in each paragraph of a 512 KiB file a minute). It recurses once
per level of nested emphasis or lists: about 1,000 levels of ``*a`` or 600
of list indentation end in a RecursionError, a traceback instead of a
build. Prose comes nowhere near these shapes, so the limits sit far below
the failures and far above real writing; at the limits, the worst 512 KiB
file measured here converts in a few seconds.

Blocks are the runs of lines between blank lines, outside code blocks.
"""

from __future__ import annotations

import re

from waypost.markdown_code import mask_code
from waypost.policy import Finding

RULE = "markdown-too-complex"
MAX_BLOCK_CHARS = 20_000
"""A paragraph, list or table without a blank line: a table of 200 rows fits."""
MAX_UNCLOSED = 50
"""``[``, ``(`` or tag-like ``<`` left open, added up over the blocks of a body."""
MAX_EMPHASIS_DEPTH = 20
"""Levels of emphasis (``*``, ``_``) opened inside each other."""
MAX_INDENT = 100
"""Columns of indentation of one line: 25 levels of nested lists."""

_OPENERS = {"[": re.compile(r"\["), "(": re.compile(r"\("), "<": re.compile(r"<[A-Za-z/!?]")}
_CLOSERS = {"[": "]", "(": ")", "<": ">"}
_LITERAL = {"[": "'\\['", "(": "'\\('", "<": "'&lt;'"}
_EMPHASIS_RUN = re.compile(r"\*+|_+")
_DEEP_INDENT = re.compile(rf"(?m)^[ \t]{{{MAX_INDENT + 1},}}")
_HINT = "split it with blank lines, or put it in a fenced code block if it is code"


def check_markdown_limits(markdown: str) -> list[Finding]:
    """Findings at the line where each offending block (or line) starts; each limit is reported once."""
    if _plainly_within_limits(markdown):
        return []
    findings: list[Finding] = []
    unclosed = dict.fromkeys(_OPENERS, 0)
    first_unclosed: dict[str, int] = {}
    for line, block in _blocks(mask_code(markdown)):
        if len(block) > MAX_BLOCK_CHARS:
            message = f"block is {len(block):,} characters long; the limit is {MAX_BLOCK_CHARS:,}"
            findings.append(Finding(line, 1, RULE, message, _HINT))
        for opening, pattern in _OPENERS.items():
            closers = block.count(_CLOSERS[opening])
            if block.count(opening) > closers:  # cheap first: most blocks close all they open
                excess = len(pattern.findall(block)) - closers
                if excess > 0:
                    unclosed[opening] += excess
                    first_unclosed.setdefault(opening, line)
        # Depth is at most the number of marks; most blocks have far fewer than the limit.
        if block.count("*") + block.count("_") > MAX_EMPHASIS_DEPTH:
            depth = emphasis_depth(block)
            if depth > MAX_EMPHASIS_DEPTH:
                message = f"emphasis is nested {depth} levels deep; the limit is {MAX_EMPHASIS_DEPTH}"
                findings.append(Finding(line, 1, RULE, message, "close each '*' or '_' before opening the next"))
        for match in _DEEP_INDENT.finditer(block):
            indent = len(match.group(0))
            offset = block.count("\n", 0, match.start())
            message = f"line is indented by {indent} columns; the limit is {MAX_INDENT}"
            findings.append(Finding(line + offset, 1, RULE, message, "nest lists and quotes less deeply"))
    for opening, count in unclosed.items():
        if count > MAX_UNCLOSED:
            closing = _CLOSERS[opening]
            findings.append(
                Finding(
                    first_unclosed[opening],
                    1,
                    RULE,
                    f"the body leaves {count:,} '{opening}' without a '{closing}' (from this block on); "
                    f"the limit is {MAX_UNCLOSED}",
                    f"close them, or write {_LITERAL[opening]} for a literal '{opening}'",
                )
            )
    return findings


def _plainly_within_limits(markdown: str) -> bool:
    """Whether the whole body is too short and has too few marks for any limit, code included: most bodies."""
    return (
        len(markdown) <= MAX_BLOCK_CHARS
        and all(markdown.count(opening) <= MAX_UNCLOSED for opening in _OPENERS)
        and markdown.count("*") + markdown.count("_") <= MAX_EMPHASIS_DEPTH
        and not _DEEP_INDENT.search(markdown)
    )


def emphasis_depth(block: str) -> int:
    """How deeply emphasis opens inside emphasis, reading runs of ``*`` and ``_`` the way Markdown flanks them."""
    depth = deepest = 0
    for run in _EMPHASIS_RUN.finditer(block):
        before = block[run.start() - 1] if run.start() else " "
        after = block[run.end()] if run.end() < len(block) else " "
        if run.group(0)[0] == "_" and before.isalnum() and after.isalnum():
            continue  # snake_case: Markdown reads no emphasis inside a word with underscores
        if not before.isspace():
            depth = max(0, depth - 1)  # closes (or, inside a word, closes and reopens)
        if not after.isspace():
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _blocks(text: str) -> list[tuple[int, str]]:
    """Each run of non-blank lines with the 1-based line it starts on."""
    blocks: list[tuple[int, str]] = []
    lines: list[str] = []
    start = 1
    for number, line in enumerate([*text.split("\n"), ""], start=1):
        if line.strip():
            if not lines:
                start = number
            lines.append(line)
        elif lines:
            blocks.append((start, "\n".join(lines)))
            lines = []
    return blocks
