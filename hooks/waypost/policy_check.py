"""The content policy and the Markdown limits applied to parsed documents, as problems with positions.

Bodies are checked as Markdown; every text value of the YAML (front matter
or journey file) is checked as plain text, at the position where the value
is written. Hand-written pages are checked whole, front matter included:
they have no schema, and MkDocs and the theme print some of their fields.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from waypost.markdown_limits import check_markdown_limits
from waypost.policy import Finding, check_markdown, check_text
from waypost.problems import Position, Problem, error
from waypost.sources import Document, JsonPath

_NOUNS = {"steps": "step", "options": "option", "tasks": "task"}


def document_problems(doc: Document) -> list[Problem]:
    problems: list[Problem] = []
    if doc.body:
        findings = check_markdown(doc.body) + check_markdown_limits(doc.body)
        problems += [_at(doc, Position(doc.body_line + f.line - 1, f.column), f) for f in findings]
    for path, value in _strings(doc.data, ()):
        if "<" in value or "=" in value:  # what check_text looks for; naming the field costs more than this
            for finding in check_text(value, field_name(path)):
                problems.append(_at(doc, doc.positions.of_value(path), finding))
    return problems


def field_name(path: JsonPath) -> str:
    """How messages name a YAML value: 'title', 'text' of task 2, 'label' of option 1 of step 3."""
    words: list[str] = []
    for index, key in enumerate(path):
        if isinstance(key, int):
            owner = path[index - 1] if index else ""
            noun = _NOUNS.get(str(owner))
            words.append(f"{noun} {key + 1}" if noun else f"item {key + 1} of '{owner}'")
    last = path[-1] if path else ""
    named = [f"'{last}'"] if isinstance(last, str) and last else []
    ordered = named + [w for w in reversed(words) if not (w.startswith("item") and named)]
    return " of ".join(ordered) or "the document"


def _strings(data: Any, path: JsonPath) -> Iterator[tuple[JsonPath, str]]:
    """Every text value in ``data`` with its path; iterative, since YAML nesting is capped but lists are long."""
    stack: list[tuple[JsonPath, Any]] = [(path, data)]
    while stack:
        here, value = stack.pop()
        if isinstance(value, str):
            yield here, value
        elif isinstance(value, dict):
            stack += [((*here, key), item) for key, item in reversed(value.items())]
        elif isinstance(value, list):
            stack += [((*here, i), item) for i, item in reversed(list(enumerate(value)))]


def _at(doc: Document, position: Position, finding: Finding) -> Problem:
    return error(doc.path, position, finding.rule, finding.message, finding.hint)
