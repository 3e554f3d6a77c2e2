"""Reading content files: bytes to text, front matter to data, with positions.

Nothing here trusts the file. Every way a file can be unreadable (too large,
not UTF-8, empty, front matter missing or unclosed, YAML that is malformed,
uses tabs, anchors, custom tags or duplicate keys, or nests too deep) ends
in a ``Problem`` with a line and column, never in an exception.

YAML is read through the C parser's event stream rather than PyYAML's
constructor: we build the values ourselves so that each one keeps its
position, duplicate keys are caught instead of silently overwritten, and
nothing recurses on the input's nesting depth.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from waypost.problems import Position, Problem, error

MAX_FILE_BYTES = 512 * 1024
"""Content files are prose, not data dumps; anything larger is a mistake."""
MAX_DEPTH = 16
"""Our schemas nest four levels deep; more is a mistake or an attack."""

PathKey = str | int
JsonPath = tuple[PathKey, ...]

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_TAG + t for t in ("null", "bool", "int", "float", "str")}
_EXPLICIT_TAGS_ALLOWED = _PLAIN_TAGS | {_TAG + "seq", _TAG + "map"}
_SURPRISING_NUMBER = re.compile(r"[-+]?(?:0[0-7]+|0[xob]|[0-9.]*_|[0-9][0-9_]*:)")
"""Octal (010 is 8), hexadecimal or binary, digits with '_' (4_0 is 40), and base 60 (1:30 is 90)."""
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
"""C0 control characters but tab, line feed, form feed and carriage return; and DEL."""
_HEADING = re.compile(r"#{1,6}\s")
_TRAILING_COMMENT = re.compile(r"([ \t]+)#(.*)")
_CLOSING_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_QUOTED = frozenset("'\"|>")
_MAY_NOT_BE_TEXT = frozenset("yYnNtTfFoO~+-.0123456789<=")
"""First characters of plain scalars that YAML 1.1 may read as a bool, null, number or date."""


class Kind(enum.Enum):
    """The kinds of content file, with the folder each lives in."""

    CONCEPT = "concept"
    EXERCISE = "exercise"
    JOURNEY = "journey"
    PAGE = "page"
    """A hand-written Markdown page: not content, but its links by id are checked."""
    PLACEMENT = "placement"
    """The optional ``placement.yml`` at the project root: the questions of the "Where do I start?" page."""

    @property
    def folder(self) -> str:
        return {
            Kind.CONCEPT: "content/concepts",
            Kind.EXERCISE: "content/exercises",
            Kind.JOURNEY: "journeys",
            Kind.PAGE: "content",
            Kind.PLACEMENT: "",
        }[self]

    @property
    def suffixes(self) -> tuple[str, ...]:
        if self is Kind.PLACEMENT:
            return (".yml",)
        return (".yml", ".yaml") if self is Kind.JOURNEY else (".md",)


ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
"""Ids (and so the names of content files): lowercase kebab-case, as schemas/common.schema.json has it."""
CONTENT_KINDS = (Kind.CONCEPT, Kind.EXERCISE, Kind.JOURNEY)
"""The kinds that have a schema, an id and a page of their own."""
PLACEMENT_FILE = "placement.yml"
"""Where the placement lives: one file per project, beside content/ and journeys/ (which hold one item per file)."""


@dataclass(frozen=True)
class Comment:
    """A YAML comment after a value on its line: where its ``#`` is, and the text after the ``#``."""

    position: Position
    text: str
    cuts_text: bool
    """After unquoted text, and not set apart as comments are (two spaces before the ``#``, one after):
    most likely meant as part of the text (``Step #1``, ``prompt # 1 and``)."""


@dataclass(frozen=True)
class Positions:
    """Where each value of a YAML document sits, by JSON path."""

    values: dict[JsonPath, Position] = field(default_factory=dict)
    keys: dict[JsonPath, Position] = field(default_factory=dict)
    """For a mapping entry, where its key is written."""
    raw: dict[JsonPath, str] = field(default_factory=dict)
    """The source text of plain scalars that YAML did not read as text."""
    comments: dict[JsonPath, Comment] = field(default_factory=dict)
    """A comment written on the same line after an unquoted value or a ``[...]`` list, by the value's path."""

    def of_value(self, path: JsonPath) -> Position:
        """The position of the value at ``path``, or of its nearest parent."""
        for depth in range(len(path), -1, -1):
            position = self.values.get(path[:depth])
            if position is not None:
                return position
        return Position(1, 1)

    def of_key(self, path: JsonPath) -> Position:
        """The position of the key naming ``path``, else of its value."""
        return self.keys.get(path) or self.of_value(path)


@dataclass(frozen=True)
class Document:
    """One content file, read and parsed, not yet validated."""

    path: str
    """Relative to the project root, with forward slashes."""
    kind: Kind
    data: Any
    positions: Positions
    body: str = ""
    """The Markdown after the front matter; empty for journeys."""
    body_line: int = 1
    """The 1-based line of the file on which the body starts."""

    @property
    def stem(self) -> str:
        name = self.path.rsplit("/", 1)[-1]
        return name.rsplit(".", 1)[0] if "." in name else name


@dataclass
class _Frame:
    """A mapping or sequence being built from the event stream."""

    path: JsonPath
    value: Any
    pending_key: str | None = None
    key_position: Position | None = None
    flow: bool = False
    """Written inline, as ``[a, b]`` or ``{a: b}``."""


class _YamlError(Exception):
    def __init__(self, position: Position, rule: str, message: str, hint: str = "", found_cause: bool = False):
        super().__init__(message)
        self.position = position
        self.rule = rule
        self.message = message
        self.hint = hint
        self.found_cause = found_cause
        """Whether the message names what the writer did (a quote or bracket left open), not what YAML expected."""


def read_document(file: Path, rel: str, kind: Kind) -> tuple[Document | None, list[Problem]]:
    """Read one file into a ``Document``, or say why it cannot be read; ``rel`` names it in messages."""
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [
                error(
                    rel,
                    Position(1, 1),
                    "file-too-large",
                    f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}",
                    "split the content into smaller pages",
                )
            ]
        raw = file.read_bytes()
    except OSError as exc:
        return None, [error(rel, Position(1, 1), "file-unreadable", f"cannot read file: {exc.strerror}")]
    text, problem = decode(rel, raw)
    if problem:
        return None, [problem]
    return parse_text(rel, text, kind)


def read_page(file: Path, rel: str) -> tuple[Document | None, list[Problem]]:
    """A hand-written page: only its Markdown matters to the checker."""
    try:
        raw = file.read_bytes()
    except OSError as exc:
        return None, [error(rel, Position(1, 1), "file-unreadable", f"cannot read file: {exc.strerror}")]
    if not raw.strip():
        return None, []
    text, problem = decode(rel, raw)
    if problem:
        return None, [problem]
    return Document(rel, Kind.PAGE, None, Positions(), text, 1), control_characters(rel, text, 1)


def page_front_matter(page: Document) -> tuple[Any, Positions, list[Problem]]:
    """A hand-written page's front matter, parsed, with its YAML problems; ``None`` when it has none.

    MkDocs reads front matter only when the page's first line is ``---`` and
    a later one closes it; front matter it cannot read it shows as part of the
    page, without a word. A page that opens with ``---`` and never closes it
    begins with a horizontal rule, which is not a problem.
    """
    if not page.body.startswith("---"):
        return None, Positions(), []
    split = split_front_matter(page.path, page.body)
    if isinstance(split, Problem):
        return None, Positions(), []
    yaml_text, first_line, _, _ = split
    try:
        data, positions = parse_yaml(yaml_text, line_offset=first_line - 1)
    except _YamlError as exc:
        return None, Positions(), [error(page.path, exc.position, exc.rule, exc.message, exc.hint)]
    return data, positions, reading_problems(page.path, positions)


def decode(rel: str, raw: bytes) -> tuple[str, Problem | None]:
    """UTF-8 text with a BOM dropped and CRLF line ends made plain."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return "", error(
            rel,
            Position(line, column),
            "file-encoding",
            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
            "save the file as UTF-8",
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return "", error(rel, Position(1, 1), "file-empty", "file is empty")
    return text, None


def control_characters(rel: str, markdown: str, first_line: int) -> list[Problem]:
    """Control characters in Markdown, which are not text: Markdown drops them, or the browser shows a box.

    One error per line that has any, for the first ten such lines (a file full of them says so in the
    tenth); YAML refuses them in front matter itself.
    """
    if _CONTROL.search(markdown) is None:
        return []
    problems: list[Problem] = []
    lines = markdown.split("\n")
    hit = [(n, found) for n, line in enumerate(lines) if (found := _CONTROL.search(line)) is not None]
    for n, found in hit[:_MAX_CONTROL_LINES]:
        more = len(hit) - _MAX_CONTROL_LINES
        tail = f" (and {more} more lines with one)" if more > 0 and len(problems) == _MAX_CONTROL_LINES - 1 else ""
        problems.append(
            error(
                rel,
                Position(first_line + n, found.start() + 1),
                "file-encoding",
                f"control character U+{ord(found.group()):04X} is not text{tail}",
                "delete it; many at once mean the file was saved in another encoding, such as UTF-16: save it as UTF-8",
            )
        )
    return problems


_MAX_CONTROL_LINES = 10


def parse_text(rel: str, text: str, kind: Kind) -> tuple[Document | None, list[Problem]]:
    """Parse a decoded file: whole-file YAML for journeys and the placement, front matter otherwise."""
    if kind is Kind.JOURNEY or kind is Kind.PLACEMENT:
        yaml_text, first_line, body, body_line = text, 1, "", 1
    else:
        split = split_front_matter(rel, text)
        if isinstance(split, Problem):
            return None, [split]
        yaml_text, first_line, body, body_line = split
    try:
        data, positions = parse_yaml(yaml_text, line_offset=first_line - 1)
    except _YamlError as exc:
        hint = exc.hint
        if (
            body_line > 1
            and exc.rule == "yaml-syntax"
            and not exc.found_cause
            and _reads_like_markdown(yaml_text, exc.position.line - first_line)
        ):
            hint = (
                f"is the front matter closed? It runs to the '---' on line {body_line - 1}: "
                "end it with a line '---' after the last field"
            )
        return None, [error(rel, exc.position, exc.rule, exc.message, hint)]
    problems = reading_problems(rel, positions) + control_characters(rel, body, body_line)
    return Document(rel, kind, data, positions, body, body_line), problems


def _reads_like_markdown(yaml_text: str, error_line: int) -> bool:
    """Whether the front matter, up to its error, has a blank line or a heading: the body's, most likely."""
    return any(not line.strip() or _HEADING.match(line) for line in yaml_lines(yaml_text)[: error_line + 1])


def reading_problems(rel: str, positions: Positions) -> list[Problem]:
    """Where YAML reads a value unlike it looks, without a word: a ``#`` that cuts unquoted text short,
    a number it reads in another base or as minutes and seconds (YAML 1.1, which PyYAML speaks)."""
    problems = [
        error(
            rel,
            positions.of_value(path),
            "yaml-number",
            f"YAML reads '{raw}' as {yaml.safe_load(raw)}, not as it looks",
            f"write {int(raw)}, without the leading zero" if raw.lstrip("+-").isdigit() else "write it in plain digits",
        )
        for path, raw in positions.raw.items()
        if _SURPRISING_NUMBER.match(raw) and not (raw.lstrip("+-").isdigit() and yaml.safe_load(raw) == int(raw))
    ]
    for comment in positions.comments.values():
        if comment.cuts_text:
            left_out = comment.text.rstrip()
            left_out = left_out if len(left_out) <= 40 else left_out[:39] + "…"
            message = f"' #' starts a YAML comment, so '#{left_out}' is left out of the text"
            hint = (
                "put the whole value in quotes; if it is a comment, set it apart: two spaces before the '#', one after"
            )
            problems.append(error(rel, comment.position, "yaml-comment", message, hint))
    return problems


def split_front_matter(rel: str, text: str) -> tuple[str, int, str, int] | Problem:
    """Split ``---`` front matter from the body.

    Returns the YAML text, the file line it starts on, the body, and the
    line the body starts on.
    """
    first_line, _, rest = text.partition("\n")
    if first_line.rstrip() != "---" and text.lstrip().startswith("---"):
        opening = text[: len(text) - len(text.lstrip())].count("\n") + 1
        return error(
            rel,
            Position(opening, 1),
            "front-matter-missing",
            "front matter must begin on the first line: the site would show this one as part of the page",
            f"delete what comes before the '---' on line {opening}",
        )
    if first_line.rstrip() != "---":
        return error(
            rel,
            Position(1, 1),
            "front-matter-missing",
            "file does not start with front matter",
            "begin the file with a line '---', then the fields, then another '---'",
        )
    closing = _CLOSING_FENCE.search(rest)
    if closing is None:
        return error(
            rel,
            Position(1, 1),
            "front-matter-unclosed",
            "front matter opened on line 1 is never closed",
            "end the front matter with a line '---' before the Markdown body",
        )
    yaml_text = rest[: closing.start()]
    body = rest[closing.end() + 1 :]
    body_line = 2 + yaml_text.count("\n") + 1  # the closing fence's line, plus one
    return yaml_text.rstrip("\n") if closing.start() > 0 else "", 2, body, body_line


def parse_yaml(text: str, line_offset: int = 0) -> tuple[Any, Positions]:
    """Build plain data from YAML, remembering where every value was written."""
    # Comments are not parser events: the lines are read again, but only where a value may be followed by one.
    builder = _Builder(line_offset, yaml_lines(text) if "#" in text else None)
    loader = _Loader(text)
    try:
        while (event := loader.get_event()) is not None:
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        # YAML reads a tab inside a quoted or block value as text, and fails on one that indents:
        # only then is a tab at the start of a line (up to where it failed) the likely mistake.
        mark = exc.problem_mark or exc.context_mark
        _reject_tab_indentation(text, line_offset, up_to=mark.line if mark else None)
        raise _syntax_error(exc, text, line_offset) from None
    except yaml.reader.ReaderError as exc:  # characters YAML does not allow
        before = text[: exc.position]
        position = Position(before.count("\n") + 1 + line_offset, exc.position - (before.rfind("\n") + 1) + 1)
        character = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise _YamlError(
            position,
            "yaml-syntax",
            f"control character U+{ord(character):04X} is not allowed in YAML",
            "delete it, or write it with an escape inside double quotes",
        ) from None
    except yaml.YAMLError as exc:
        raise _YamlError(Position(1 + line_offset, 1), "yaml-syntax", f"unreadable YAML: {exc}") from None
    finally:
        loader.dispose()
    return builder.root, builder.positions


class _Builder:
    """Turns the parser's events into values and positions, one event at a time.

    Dispatch is by exact event type: this loop runs once per YAML node of
    every file, so it is kept free of isinstance chains and helper objects.
    """

    def __init__(self, line_offset: int, lines: list[str] | None = None) -> None:
        self.line_offset = line_offset
        self.lines = lines
        self.positions = Positions()
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.documents = 0

    def at(self, mark: Any) -> Position:
        return Position(mark.line + 1 + self.line_offset, mark.column + 1)

    def feed(self, event: Any) -> None:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            self._scalar(event)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            self._start(event, {} if kind is yaml.MappingStartEvent else [])
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            frame = self.stack.pop()
            path = self._attach(frame.value, self.positions.values[frame.path])
            if frame.flow and self.lines is not None:
                self._note_comment(path, event.end_mark, is_text=False)
        elif kind is yaml.AliasEvent:
            self._refuse_alias(event)
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                raise _YamlError(
                    self.at(event.start_mark),
                    "yaml-syntax",
                    "more than one YAML document in the file",
                    "remove the extra '---' separator",
                )

    def _scalar(self, event: Any) -> None:
        if event.anchor:
            self._refuse_alias(event)
        if event.tag is not None:
            _check_tag(event, self.at(event.start_mark))
        stack = self.stack
        if stack:
            frame = stack[-1]
            if frame.pending_key is None and type(frame.value) is dict:
                key = event.value
                if key in frame.value:
                    first = self.positions.keys.get((*frame.path, key))
                    where = f" (first on line {first.line})" if first else ""
                    raise _YamlError(
                        self.at(event.start_mark),
                        "yaml-duplicate-key",
                        f"key '{key}' appears twice in the same mapping{where}",
                        "keep one of them",
                    )
                frame.pending_key = key
                frame.key_position = self.at(event.start_mark)
                return
        value, raw = _scalar(event)
        path = self._attach(value, self.at(event.start_mark))
        if raw is not None:
            self.positions.raw[path] = raw
        if self.lines is not None and not event.style:
            self._note_comment(path, event.end_mark, is_text=type(value) is str)

    def _start(self, event: Any, container: Any) -> None:
        if event.anchor:
            self._refuse_alias(event)
        if event.tag is not None:
            _check_tag(event, self.at(event.start_mark))
        stack = self.stack
        if stack and stack[-1].pending_key is None and type(stack[-1].value) is dict:
            raise _YamlError(
                self.at(event.start_mark), "yaml-syntax", "a mapping key must be plain text, not a list or mapping"
            )
        if len(stack) >= MAX_DEPTH:
            raise _YamlError(
                self.at(event.start_mark), "yaml-too-deep", f"values are nested more than {MAX_DEPTH} levels deep"
            )
        path = self._next_path()
        self.positions.values[path] = self.at(event.start_mark)
        stack.append(_Frame(path, container, flow=bool(event.flow_style)))

    def _next_path(self) -> JsonPath:
        if not self.stack:
            return ()
        parent = self.stack[-1]
        if type(parent.value) is list:
            return (*parent.path, len(parent.value))
        return (*parent.path, parent.pending_key or "")

    def _attach(self, value: Any, position: Position) -> JsonPath:
        """Place a finished value into its parent; return the value's path."""
        if not self.stack:
            self.root = value
            self.positions.values[()] = position
            return ()
        parent = self.stack[-1]
        if type(parent.value) is list:
            path: JsonPath = (*parent.path, len(parent.value))
            parent.value.append(value)
        else:
            key = parent.pending_key
            assert key is not None
            path = (*parent.path, key)
            parent.value[key] = value
            if parent.key_position:
                self.positions.keys[path] = parent.key_position
            parent.pending_key = None
        self.positions.values[path] = position
        return path

    def _note_comment(self, path: JsonPath, end: Any, is_text: bool) -> None:
        """Remember a comment that follows the value ending at ``end`` on the same line."""
        assert self.lines is not None
        if end.line >= len(self.lines):
            return  # a flow collection YAML closed at the end of the text, with nothing after it
        found = _TRAILING_COMMENT.match(self.lines[end.line], end.column)
        if found is None:
            return
        gap, text = found.group(1), found.group(2)
        position = Position(end.line + 1 + self.line_offset, found.start(2))
        # A comment not set apart as YAML linters ask ('Step #1', 'prompt # 1 and') reads as part of the text.
        self.positions.comments[path] = Comment(position, text, cuts_text=is_text and not _set_apart(gap, text))

    def _refuse_alias(self, event: Any) -> None:
        raise _YamlError(
            self.at(event.start_mark),
            "yaml-alias",
            "YAML anchors and aliases (&name, *name) are not allowed",
            "write the value out in full",
        )


def yaml_lines(text: str) -> list[str]:
    """``text`` split into lines as YAML counts them, so that a mark's line is an index: it also breaks
    lines at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR (carriage returns are gone by now)."""
    return _YAML_LINE_BREAK.split(text)


_YAML_LINE_BREAK = re.compile("\n|\x85|\u2028|\u2029")


def _reject_tab_indentation(text: str, line_offset: int, up_to: int | None) -> None:
    if "\t" not in text:
        return
    lines = yaml_lines(text)
    for number, line in enumerate(lines[: None if up_to is None else up_to + 1], start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            raise _YamlError(
                Position(number + line_offset, indent.index("\t") + 1),
                "yaml-tab",
                "tab character in indentation",
                "YAML indents with spaces only; replace the tab with spaces",
            )


def _check_tag(event: Any, position: Position) -> None:
    tag = event.tag
    if tag is None or tag == "!" or tag in _EXPLICIT_TAGS_ALLOWED:
        return
    raise _YamlError(
        position,
        "yaml-tag",
        f"YAML tag '{tag}' is not allowed",
        "remove the tag; write plain text, numbers, lists and mappings",
    )


def _scalar(event: Any) -> tuple[Any, str | None]:
    """A scalar's value, and its source text when YAML did not read it as text."""
    value = event.value
    if event.tag is None and (event.style in _QUOTED or (value and value[0] not in _MAY_NOT_BE_TEXT)):
        return value, None  # quoted, or plain text YAML cannot read as anything else: most scalars
    if event.tag in _PLAIN_TAGS:
        tag = event.tag
    elif event.tag == "!" or not event.implicit[0]:
        tag = _TAG + "str"
    else:
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
    if tag not in _PLAIN_TAGS or tag == _TAG + "str":
        # Timestamps and anything else exotic stay exactly as written.
        return event.value, None
    node = yaml.ScalarNode(tag, event.value)
    return _CONSTRUCTOR.construct_object(node), event.value


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, line_offset: int) -> _YamlError:
    """PyYAML's error, at the place and in the words of what the writer most likely did."""
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return _YamlError(Position(1 + line_offset, 1), "yaml-syntax", exc.problem or "malformed YAML")
    position = Position(mark.line + 1 + line_offset, mark.column + 1)
    lines = yaml_lines(text)
    # PyYAML stops where a quoted text or an inline list runs into the next field, lines later.
    quote = _unclosed_quote_before(lines, mark, exc.context_mark)
    if quote is not None:
        line, column = quote
        message = f"this quote is never closed: YAML reads on to line {position.line} and stops there"
        where = Position(line + 1 + line_offset, column + 1)
        return _YamlError(where, "yaml-syntax", message, "close the quote at the end of the value", found_cause=True)
    comment = _comment_inside(lines, mark, exc.context_mark)
    opened = exc.context_mark
    if exc.context in _FLOW_CONTEXTS and opened is not None and opened.line < mark.line:
        bracket, closing = _FLOW_CONTEXTS[exc.context]
        message = f"this '{bracket}' is never closed: YAML reads on to line {position.line} and stops there"
        where = Position(opened.line + 1 + line_offset, opened.column + 1)
        hint = _comment_hint(comment, line_offset) if comment is not None else f"close it with '{closing}'"
        return _YamlError(where, "yaml-syntax", message, hint, found_cause=True)
    if comment is not None:
        message = exc.problem or "malformed YAML"
        return _YamlError(position, "yaml-syntax", message, _comment_hint(comment, line_offset), found_cause=True)
    message = exc.problem or "malformed YAML"
    if exc.context and exc.context_mark:
        message = f"{message} ({exc.context} on line {exc.context_mark.line + 1 + line_offset})"
    return _YamlError(position, "yaml-syntax", message, _syntax_hint(message, lines, mark, line_offset))


def _comment_inside(lines: list[str], mark: Any, context: Any) -> int | None:
    """The line (from 0) of a ' #' inside a value, between what YAML was reading and where it failed:
    the comment it starts hides the rest of that line (a closing bracket, the rest of a text)."""
    for n in range(_first_line_read(mark, context), min(mark.line, len(lines) - 1) + 1):
        found = None if lines[n].lstrip().startswith("#") else _TRAILING_COMMENT.search(lines[n])
        if found is not None and not _set_apart(found.group(1), found.group(2)):
            return n
    return None


def _first_line_read(mark: Any, context: Any) -> int:
    """Where the construct YAML failed in began (from 0): its context's line, or a few lines up when it names none."""
    return int(context.line) if context is not None and context.line <= mark.line else max(int(mark.line) - 3, 0)


def _set_apart(gap: str, text: str) -> bool:
    """Whether a comment is written as comments are: two spaces (or a tab) before the '#', a space after."""
    return (gap in ("  ", "\t") or len(gap) > 2) and text[:1] in ("", " ", "\t")


def _comment_hint(line: int, line_offset: int) -> str:
    return (
        f"the ' #' on line {line + 1 + line_offset} starts a comment, which hides the rest of that line: "
        "put the text with the '#' in quotes"
    )


_FLOW_CONTEXTS = {"while parsing a flow sequence": ("[", "]"), "while parsing a flow mapping": ("{", "}")}


def _syntax_hint(message: str, lines: list[str], mark: Any, line_offset: int) -> str:
    """What most likely went wrong, from the lines around the error: PyYAML's messages say what it
    expected, not what the writer did."""
    line = lines[mark.line] if mark.line < len(lines) else ""
    number = mark.line + 1 + line_offset
    if line[mark.column : mark.column + 1] == "\t":
        return "a tab character: YAML allows only spaces here"
    for n in (mark.line, mark.line - 1):
        if 0 <= n < len(lines) and "\u00a0" in lines[n]:
            return f"line {n + 1 + line_offset} has a non-breaking space (U+00A0): type a plain space instead"
    if "did not find expected '-' indicator" in message and _KEY_LINE.match(line) and not line.lstrip().startswith("-"):
        return (
            f"line {number} is not a new item of the list above: to make it a field of the item, "
            "indent it as far as that item's first field"
        )
    if "mapping values are not allowed" in message:
        if _over_indented(lines, mark):
            return f"line {number} is indented more than the line above it: indent it as far as that line's key"
        return "a value containing ': ' must be put in quotes"
    if "did not find expected ',' or" in message:
        return "separate the items with a comma"
    if "found character '@'" in message or "found character '`'" in message:
        return "put the value in quotes"
    if "could not find expected ':'" in message:
        return "check the indentation, and quote values that contain ':' or '#'"
    return ""


def _unclosed_quote_before(lines: list[str], mark: Any, context: Any) -> tuple[int, int] | None:
    """Line and column (from 0) of a quote opened and not closed on its line, between the error and
    the construct YAML was reading."""
    for n in range(min(mark.line, len(lines) - 1), _first_line_read(mark, context) - 1, -1):
        for value in _QUOTED_VALUE.finditer(lines[n]):
            rest = lines[n][value.end() :]
            closed = re.search(r'(?<!\\)"', rest) if value.group(1) == '"' else "'" in rest.replace("''", "")
            if not closed:
                return n, value.start(1)
    return None


def _over_indented(lines: list[str], mark: Any) -> bool:
    """A ``key:`` line indented deeper than the line above, which already has its value."""
    line = lines[mark.line] if mark.line < len(lines) else ""
    key = _KEY_LINE.match(line)
    above = next((lines[n] for n in range(mark.line - 1, -1, -1) if lines[n].strip()), "")
    above_key = _KEY_LINE.match(above)
    return bool(key and above_key and key.start(2) > above_key.start(2) and above[above_key.end() :].strip())


_QUOTED_VALUE = re.compile(r"(?:^\s*-\s+|:\s+|[{,\[]\s*)([\"'])")
_KEY_LINE = re.compile(r"^(\s*(?:-\s+)?)([\w-]+):(?=\s|$)")
