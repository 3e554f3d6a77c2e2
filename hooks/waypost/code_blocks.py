"""Which lines of a Markdown body the site renders as code blocks, fenced or indented.

The answers follow the site's Markdown (Python-Markdown 3 with the
extensions of mkdocs.yml) and lean one way: a line counts as code only
where Python-Markdown certainly prints it as escaped text. Anything this
module cannot be sure of is left to the checks, which may then report
too much but never miss markup that runs.

Fenced blocks are whatever pymdownx.superfences takes for one. It finds
them in one pass over the lines before any other parsing, at any
indentation, in lists, admonitions and quotes, and whether a fence counts
hangs on its opening line's options and on the prefix of every line in
it. So superfences itself is asked: its own preprocessor runs over the
body and notes where each fence lies. Only in the commonest bodies, where
every line that looks like a fence is indented by spaces alone and has at
most a language and a title after the backticks or tildes, are fences
found here, by superfences' rules for such lines (the property tests hold
the two to the same answers): asking superfences would cost more than the
rest of the check. A fence it takes can be undone later: a block that
starts indented becomes code, and superfences then puts back the fences
of that whole block as text; those after the code's lines are read as
Markdown again. So a fence counts only where no line before it in its
block can start code.

Indented code blocks are decided by Python-Markdown's block parser: a
block (the lines between blank lines) indented by four spaces is code
after a paragraph, a heading, a quote or other code, but the body of an
admonition or a details block after one, and a list item's text after a
list. That reading is followed here for the page itself and, nested, for
the bodies of admonitions and details blocks, which are parsed as pages
of their own. Indented text after a list, in a quote, or after anything
not followed here is left to the checks; so is every indented line of a
body with a raw HTML block, whose extent only Python-Markdown's HTML
parser knows.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterator
from typing import Any, cast

from markdown import Markdown
from markdown.extensions.admonition import AdmonitionProcessor

TAB_LENGTH = 4
"""Python-Markdown's: the indentation of code blocks and of admonition bodies, and the width of a tab."""
_TAB = " " * TAB_LENGTH
_MAX_NESTING = 8
"""Admonitions in admonitions followed here: far fewer than Python-Markdown nests, and far more than pages use."""

_RAW_HTML_LINE = re.compile(r"\n {0,3}(?:</?[A-Za-z]|<!|<\?)")
"""A line that starts with a tag, a comment, a declaration or a processing instruction, which makes Python-Markdown
pass the block raw (found after a line break: patterns that start with plain text are searched faster)."""
_MAY_START_INDENTED_CODE = re.compile(r"\n[ \t]*(?:\n(?: {4}| {0,3}\t)|(?:!!!|\?\?\?)[^\n]*\n(?: {8}| *\t))")
"""A blank line and a line indented by a tab's width, or an admonition's or details block's title and a line
indented by two (with a tab: maybe) under it. It starts with a line break: patterns that start with plain text
are searched several times faster."""
_SPACES_ONLY_LINE = re.compile(r"\n +(?=\n)")
_SIMPLE_FENCE = re.compile(r' *(?P<fence>`{3,}|~{3,})[ \t]*(?:\.?[\w#.+-]+)?(?:[ \t]+title="[^"]*")?[ \t]*')
"""A fence line indented by spaces only, with at most a language and a title: superfences takes it as it stands."""
_LOOKS_LIKE_FENCE = re.compile(r"\n[ >]*(?:```|~~~)[^\n]*")
"""Any line superfences may read as a fence's first or last line (after the indentation and quote marks it allows)."""
_DETAILS = re.compile(
    r'(?:^|\n)\?{3}(\+)? ?(?:([\w\-]+(?: +[\w\-]+)*?)?(?: +"(.*?)")|([\w\-]+(?: +[\w\-]+)*?)) *(?:\n|$)'
)
"""pymdownx.details' first line (its ``DetailsProcessor.START``, copied: importing pymdownx.details takes 30 ms)."""
_MAY_BE_INDENTED = re.compile(r"[ >*+\-\d.]*? {4}")
"""A line that is indented, maybe behind quote marks or list markers: in a quote or a list item it may start
indented after them."""
_NOT_FOLLOWED = re.compile(r" {0,3}(?:[*+-] +|\d+\. +|!!!|\?\?\?|\[[^\]]*\]:)")
"""A line that makes its block (or a part of it) a list, an admonition, a details block or a reference definition,
after which Python-Markdown may read an indented block as their content, or as anything but code."""


def code_block_lines(markdown: str) -> set[int]:
    """0-based numbers of the lines of ``markdown`` that are code blocks, fences included."""
    # A one-character search first: it is several times faster, and most bodies have no backtick or tilde.
    may_fence = ("`" in markdown and "```" in markdown) or ("~" in markdown and "~~~" in markdown)
    if not (may_fence or _may_start_indented_code(markdown)) or not same_lines_as_python_markdown(markdown):
        return set()
    text = normalised(markdown)
    lines = text.split("\n")
    fences = find_fences(lines, text) if may_fence else []
    if "    " not in text:
        return {number for fence in fences for number in fence}  # no line indented: no code block to undo a fence
    return read_blocks(lines, fences, text)


def _may_start_indented_code(markdown: str) -> bool:
    """Whether a line could start an indented code block: a quick test that spares most bodies the block parse.

    Such a line is indented by a tab's width and comes first or after a blank line, or is indented by two
    under an admonition or details title (the first line of its body: code in the body). Admonitions of one
    paragraph and lists with their text indented by two spaces, as most pages have, hold neither.
    """
    return _MAY_START_INDENTED_CODE.search("\n\n" + markdown) is not None  # as if after a blank line: first


def same_lines_as_python_markdown(markdown: str) -> bool:
    """False if Python-Markdown would see other lines: it also ends one at a lone carriage return.

    It drops the STX and ETX control characters too, which it keeps for itself. Bodies read from files hold
    none of these (the loader normalises line ends); one that does is best checked whole.
    """
    return "\r" not in markdown and "\x02" not in markdown and "\x03" not in markdown


def normalised_lines(markdown: str) -> list[str]:
    """The lines as Python-Markdown's first preprocessor leaves them: tabs expanded, lines of spaces emptied.

    There are as many as in ``markdown``, in the same order, so a line number here is a line number in the file.
    """
    return normalised(markdown).split("\n")


def normalised(markdown: str) -> str:
    """``markdown`` as Python-Markdown's first preprocessor leaves it (see ``normalised_lines``)."""
    source = markdown.expandtabs(TAB_LENGTH) if "\t" in markdown else markdown
    if " \n" in source or source.endswith(" "):  # Python-Markdown adds line breaks: the last line too ends in one
        source = _SPACES_ONLY_LINE.sub("\n", source + "\n")[:-1]
    return source


def has_raw_html_line(text: str, code: set[int]) -> bool:
    """Whether a line outside code starts raw HTML (a tag, a comment…), which Python-Markdown passes through."""
    text = "\n" + text  # the first line too comes after a line break
    return any(text.count("\n", 0, match.start()) not in code for match in _RAW_HTML_LINE.finditer(text))


# Fenced blocks ---------------------------------------------------------------


def find_fences(lines: list[str], text: str | None = None) -> list[range]:
    """The line numbers of each fenced block that superfences takes, fences included, in order.

    ``text`` is the lines joined, if the caller has it.
    """
    fence_like = _fence_like_lines("\n".join(lines) if text is None else text)
    if all(_SIMPLE_FENCE.fullmatch(lines[number]) for number in fence_like):
        return _simple_fences(lines, fence_like)
    return _FenceFinder.shared().fences(lines)


def _fence_like_lines(text: str) -> list[int]:
    """The numbers of the lines superfences may read as a fence's first or last line."""
    text = "\n" + text  # the first line too comes after a line break
    numbers = []
    number = position = 0
    for match in _LOOKS_LIKE_FENCE.finditer(text):
        number += text.count("\n", position, match.start())
        position = match.start()
        numbers.append(number)
    return numbers


def _simple_fences(lines: list[str], fence_like: list[int] | None = None) -> list[range]:
    """Fences when every fence-like line is simple (see ``_SIMPLE_FENCE``), found as superfences finds them.

    A fence line opens a fence. Until a line with the same run alone, as indented as the first, closes it,
    each line must be blank or indented as far, by spaces: a line that is not, or that has a quote mark in
    that indentation, ends the fence, which is then no fence (nor is one never closed). The line that ends
    a fence, closing it or not, opens none.
    """
    fences = []
    after = 0  # the first line that may open a fence
    for start in _fence_like_lines("\n".join(lines)) if fence_like is None else fence_like:
        if start < after:
            continue
        opening = _SIMPLE_FENCE.fullmatch(lines[start])
        assert opening is not None, "every fence-like line is simple here"
        indent = len(lines[start]) - len(lines[start].lstrip(" "))
        end, closed = _fence_end(lines, start, opening.group("fence"), indent)
        if closed:
            fences.append(range(start, end + 1))
        after = end + 1
    return fences


def _fence_end(lines: list[str], start: int, fence: str, indent: int) -> tuple[int, bool]:
    """The line that ends the simple fence opened at ``start``, and whether it closes it (see ``_simple_fences``)."""
    for number in range(start + 1, len(lines)):
        line = lines[number]
        if not line.strip():
            continue
        prefix = line[:indent]
        prefix = prefix[: len(prefix) - len(prefix.lstrip(" >"))]  # the indentation superfences looks at
        if ">" in prefix or len(prefix) < indent:
            return number, False
        if line[len(prefix) :].rstrip(" \t") == fence:
            return number, True
    return len(lines), False


class _FenceFinder:
    """pymdownx.superfences' own preprocessor, set up as the site's, noting where the fences it takes lie.

    One is shared, for one thread at a time: the checker and the build read bodies one after the other.
    """

    @staticmethod
    @functools.cache
    def shared() -> _FenceFinder:
        return _FenceFinder()  # built once: loading the extensions takes tens of milliseconds

    def __init__(self) -> None:
        self._markdown = Markdown(extensions=["attr_list", "pymdownx.superfences"])
        self._preprocessor = cast(Any, self._markdown.preprocessors["fenced_code_block"])
        self._found: list[range] = []
        self._preprocessor._store = self._note  # what superfences calls with each fence it takes
        default_fence = self._preprocessor.extension.superfences[0]
        default_fence["formatter"] = functools.partial(self._format, default_fence["formatter"])

    def fences(self, lines: list[str]) -> list[range]:
        self._markdown.reset()
        self._found = []
        self._preprocessor.run([*lines, "", ""])  # the two empty lines Python-Markdown adds to every text
        return self._found

    def _note(self, source: str, code: str, start: int, end: int) -> None:
        """Called by superfences for each fence it takes, once formatted: lines ``start`` to ``end - 1``."""
        self._found.append(range(start, end))

    @staticmethod
    def _format(highlight: Callable[..., str], **fence: Any) -> str:
        """The site's highlighter, only for fences that number or mark lines (``linenums``, ``hl_lines``).

        superfences has validated the options already, but the highlighter reads those numbers with ``int``,
        which fails on one of thousands of digits, and a fence whose highlighting fails is printed as text.
        Other fences it highlights without fail, and Pygments would take most of the time of the search.
        """
        options = fence["options"]
        return highlight(**fence) if "linenums" in options or "hl_lines" in options else ""


# Blocks: indented code, and the fences it undoes -------------------------------


def read_blocks(lines: list[str], fences: list[range], text: str | None = None) -> set[int]:
    """The lines of indented code blocks and of the fences that stay fences, as the block parser takes them.

    superfences leaves each fence as one placeholder line for the block parser. When a block that starts
    indented becomes code, superfences puts back every fence of that block as its text: those among the
    code's indented lines are code still, those after them are read as Markdown again. The page and the
    bodies of its admonitions are followed block by block; elsewhere (lists, quotes, blocks not followed)
    ``_Page.fences_kept`` decides. ``text`` is the lines joined, if the caller has it.
    """
    page = _Page(lines, fences)
    code: set[int] = set()
    if has_raw_html_line("\n".join(lines) if text is None else text, {n for fence in fences for n in fence}):
        for start, end in page.blocks():  # where raw HTML ends only its HTML parser knows: no indented code
            page.fences_kept(start, end, 0, code)
        return code
    top = _Container(page, indent=0)
    for start, end in page.blocks():
        top.parse(start, end, code)
    return code


class _Page:
    """The body's lines as the block parser gets them: a fence is one line, as superfences' placeholder is.

    Blocks are ranges of these lines. A line in an admonition's body is read from the column where the
    body starts (the admonition's ``indent``), rather than copied without its indentation.
    """

    def __init__(self, lines: list[str], fences: list[range]) -> None:
        self.lines = lines
        self.fences: list[int] = []
        """The lines here that stand for a fence, in order."""
        self._fence_lines: dict[int, range] = {}
        self._source: list[int] | None = None
        """The body's line number of each line here, if a fence has made them differ."""
        if fences:
            self._stand_in_for(fences)

    def _stand_in_for(self, fences: list[range]) -> None:
        """Make each fence one line, its first line's indentation and a placeholder."""
        texts: list[str] = []
        source: list[int] = []
        after = 0  # the line after the last fence
        for fence in fences:
            texts += self.lines[after : fence.start]
            source += range(after, fence.start)
            first = self.lines[fence.start]
            indentation = first[: len(first) - len(first.lstrip(" >"))]  # quote marks too, as superfences keeps them
            self.fences.append(len(texts))
            self._fence_lines[len(texts)] = fence
            texts.append(f"{indentation}\x02fence\x03")
            source.append(fence.start)
            after = fence.stop
        texts += self.lines[after:]
        source += range(after, len(self.lines))
        self.lines, self._source = texts, source

    def numbers(self, line: int) -> range:
        """The body's line numbers that a line here stands for."""
        if line in self._fence_lines:
            return self._fence_lines[line]
        number = line if self._source is None else self._source[line]
        return range(number, number + 1)

    def blocks(self) -> Iterator[tuple[int, int]]:
        """Start and end of each run of lines between blank ones: the blocks the parser takes one by one."""
        start = None
        for index, text in enumerate(self.lines):
            if text and start is None:
                start = index
            elif not text and start is not None:
                yield start, index
                start = None
        if start is not None:
            yield start, len(self.lines)

    def has_fence(self, start: int, end: int) -> bool:
        """Whether a line from ``start`` to ``end`` stands for a fence."""
        if not self.fences:
            return False
        index = bisect.bisect_left(self.fences, start)
        return index < len(self.fences) and self.fences[index] < end

    def indented(self, line: int, indent: int) -> bool:
        """Whether the line is indented by a tab's width more than ``indent``, where its container's lines start."""
        return self.lines[line].startswith(_TAB, indent)

    def fences_kept(self, start: int, end: int, indent: int, code: set[int]) -> None:
        """Add the lines of the fences in a block that no code block can undo: those before any line that may be
        indented.

        A block may yet be split (a heading's line ends a paragraph, a list or a quote parses its own blocks),
        and a part that starts indented becomes code and undoes the fences after its indented lines. Only a
        line that is indented, maybe behind quote marks or list markers, can start such a part.
        """
        if not self.has_fence(start, end):
            return
        for line in range(start, end):
            if line in self._fence_lines:
                code.update(self._fence_lines[line])
            if _MAY_BE_INDENTED.match(self.lines[line], indent):
                return


class _Container:
    """The page, an admonition or a details block: where Python-Markdown parses blocks, and what it parsed last there.

    ``last`` is what decides how an indented block goes on:

    - ``None``: nothing yet, or an element after which an indented block is code (a paragraph,
      a heading, a table, a quote, code, an admonition's title);
    - a ``_Container``: an admonition or details block, whose body the indented block continues;
    - ``_Container.UNSURE``: a list, whose item the indented block continues, or a block not followed here;
    - a ``range`` of lines: a block to read for ``None`` or ``UNSURE`` if an indented block follows it (most
      blocks are followed by one that is not indented, and need not be read).
    """

    UNSURE = "unsure"

    def __init__(self, page: _Page, indent: int) -> None:
        self.page = page
        self.indent = indent
        """The column where the lines of its blocks start."""
        self.last: _Container | range | str | None = None

    def parse(self, start: int, end: int, code: set[int]) -> None:
        """Read one block (lines without a blank one) the way Python-Markdown's processors take it, adding its code."""
        page = self.page
        while start < end:
            first = page.lines[start]
            if first.startswith(_TAB, self.indent):
                if self._last_is_unsure():  # a list item goes on (the whole block), or something not followed
                    page.fences_kept(start, end, self.indent, code)
                    return
                indented_end = self._indented_end(start, end)
                if isinstance(self.last, _Container):  # the admonition before goes on
                    self.last.parse(start, indented_end, code)
                else:  # a code block, or more of the one before
                    for line in range(start, indented_end):
                        code.update(page.numbers(line))
                    if page.has_fence(indented_end, end):
                        self.last = _Container.UNSURE  # fences after the code are text again: not followed
                        return
                start = indented_end
            elif first.startswith(("!!!", "???"), self.indent) and self._opens_admonition(first):
                body_end = self._indented_end(start + 1, end)  # the first line is the title
                self.last = _Container(page, self.indent + TAB_LENGTH)
                self.last.parse(start + 1, body_end, code)
                start = body_end  # the rest, not indented, is a new block
            else:
                self.last = range(start, end)
                page.fences_kept(start, end, self.indent, code)
                return

    def _last_is_unsure(self) -> bool:
        if isinstance(self.last, range):
            lines = self.page.lines
            unsure = any(_NOT_FOLLOWED.match(lines[line], self.indent) for line in self.last)
            self.last = _Container.UNSURE if unsure else None
        return self.last == _Container.UNSURE

    def _indented_end(self, start: int, end: int) -> int:
        """Where the lines indented by a tab's width from ``start`` end (Python-Markdown's ``detab``)."""
        for line in range(start, end):
            if not self.page.indented(line, self.indent):
                return line
        return end

    def _opens_admonition(self, line: str) -> bool:
        """Whether the line starts an admonition or a details block (the patterns stop at the end of the line)."""
        if self.indent >= _MAX_NESTING * TAB_LENGTH:
            return False
        text = line[self.indent :]
        return AdmonitionProcessor.RE.match(text) is not None or _DETAILS.match(text) is not None
