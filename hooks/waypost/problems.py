"""Problems found in content, as plain data, and the one way they are printed."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


class Position(NamedTuple):
    """A 1-based line and column inside a file (a tuple: one is made for every YAML value)."""

    line: int = 1
    column: int = 1


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in one file."""

    path: str
    """Path relative to the project root, with forward slashes."""
    position: Position
    severity: Severity
    rule: str
    """Stable rule id, documented in the README's rule table."""
    message: str
    hint: str = ""
    """How to fix it, when that is not obvious from the message."""

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.position.line, self.position.column, self.rule, self.message)

    def format(self) -> str:
        text = (
            f"{_one_line(self.path)}:{self.position.line}:{self.position.column}: "
            f"{self.severity.value} [{self.rule}] {_one_line(self.message)}"
        )
        return f"{text} (hint: {_one_line(self.hint)})" if self.hint else text

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command."""
        message = f"[{self.rule}] {self.message}"
        if self.hint:
            message += f" (hint: {self.hint})"
        return (
            f"::{self.severity.value} file={_escape_property(self.path)},"
            f"line={self.position.line},col={self.position.column},"
            f"title={_escape_property('waypost ' + self.rule)}::{_escape_data(message)}"
        )


def error(path: str, position: Position, rule: str, message: str, hint: str = "") -> Problem:
    return Problem(path, position, Severity.ERROR, rule, message, hint)


def warning(path: str, position: Position, rule: str, message: str, hint: str = "") -> Problem:
    return Problem(path, position, Severity.WARNING, rule, message, hint)


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems sorted by file, then line and column, each reported once."""
    return sorted(set(problems), key=lambda p: p.sort_key)


def count(problems: Iterable[Problem], severity: Severity) -> int:
    return sum(1 for p in problems if p.severity is severity)


def summary_line(problems: list[Problem], files_checked: int) -> str:
    return f"{counts(problems)} in {plural(files_checked, 'file')}"


def counts(problems: Iterable[Problem]) -> str:
    """'1 error, 2 warnings'."""
    found = list(problems)
    return f"{plural(count(found, Severity.ERROR), 'error')}, {plural(count(found, Severity.WARNING), 'warning')}"


def report_lines(
    problems: Iterable[Problem],
    files_checked: int,
    github: bool = False,
    *,
    shown: Callable[[str], str] | None = None,
    github_path: Callable[[str], str] | None = None,
    summary: Sequence[str] | None = None,
) -> list[str]:
    """Every line of a checker report: one per problem, then the summary.

    ``shown`` and ``github_path`` turn a problem's path (relative to the
    project root) into the one printed, and into the one of its GitHub
    annotation; ``summary`` replaces the summary line.
    """
    ordered = sorted_problems(problems)
    lines = [replace(p, path=shown(p.path)).format() if shown else p.format() for p in ordered]
    if github:
        lines += [
            replace(p, path=github_path(p.path)).github_annotation() if github_path else p.github_annotation()
            for p in ordered
        ]
    lines += summary if summary is not None else [summary_line(ordered, files_checked)]
    return lines


def _one_line(text: str) -> str:
    """``text`` with line breaks and other control characters written as escapes: one problem, one line.

    Messages quote what the file says (a key, a file name), and a file can
    say anything.
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else c.encode("unicode_escape").decode("ascii") for c in text)


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
