"""``waypost new``: start a concept, exercise or journey from a template that already checks.

References a new file must have (an exercise's concept, a journey's first
step) point at the first existing concept by id, with a comment that marks
them as the template's example until the writer chooses (see
``waypost.placeholders``); a concept's exercises start empty.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from waypost.check import CheckResult, check_project
from waypost.placeholders import (
    CONCEPT_BODY,
    CONCEPT_SUMMARY,
    EXERCISE_BODY,
    EXERCISE_CONCEPTS_NOTE,
    EXERCISE_OUTCOME,
    EXERCISE_SUMMARY,
    EXERCISE_TASKS,
    JOURNEY_FIRST_STEP_NOTE,
    JOURNEY_OUTCOME,
    JOURNEY_SUMMARY,
)
from waypost.sources import ID_PATTERN, Kind

MAX_ID_LENGTH = 64
RESERVED = {Kind.CONCEPT: {"index"}, Kind.EXERCISE: {"index"}, Kind.JOURNEY: {"index"}}
"""Ids taken by generated pages: ``<folder>/index.md`` is the section's index page."""


class ScaffoldError(Exception):
    """The file cannot be created; the message says why and what to do."""


@dataclass(frozen=True)
class Created:
    path: Path
    next_steps: str


def new_item(root: Path, kind: Kind, item_id: str, title: str | None = None) -> Created:
    if not is_valid_id(item_id):
        suggestion = id_suggestion(item_id)
        raise ScaffoldError(
            f"'{item_id}' is not a valid id: use lowercase letters, digits and single hyphens, "
            "starting with a letter, at most 64 characters "
            + (f"(hint: did you mean '{suggestion}'?)" if suggestion else "(for example 'writing-good-prompts')")
        )
    if title is not None and _not_utf8(title):
        raise ScaffoldError("the title is not valid UTF-8 text (hint: type it again, or set your terminal to UTF-8)")
    if item_id in RESERVED.get(kind, set()):
        raise ScaffoldError(f"'{item_id}' is reserved for the {kind.value}s index; choose another id")
    path = root / kind.folder / f"{item_id}{kind.suffixes[0]}"
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(root).as_posix()} already exists; waypost new never overwrites a file")
    result = check_project(root)
    taken = _names(result, kind)
    if item_id in taken:
        raise ScaffoldError(f"'{item_id}' is already used by {taken[item_id]}; choose another id")
    concepts = sorted(result.project.concepts)
    title = title or item_id.replace("-", " ").capitalize()
    if kind is Kind.CONCEPT:
        text = _concept(item_id, title)
        steps = "add a step with 'concept: " + item_id + "' to a journey, and write the body"
    elif kind is Kind.EXERCISE:
        if not concepts:
            raise ScaffoldError("an exercise practises a concept: create one first with 'waypost new concept <id>'")
        text = _exercise(item_id, title, concepts[0])
        steps = "list the concepts it practises, write the tasks, and add it to a journey"
    else:
        if not concepts:
            raise ScaffoldError("a journey needs content to point at: create a concept first")
        text = _journey(item_id, title, concepts[0])
        steps = "replace the example steps with your own"
    _write_new(root, path, text)
    return Created(path, steps)


def is_valid_id(item_id: str) -> bool:
    return bool(ID_PATTERN.match(item_id)) and len(item_id) <= MAX_ID_LENGTH


def id_suggestion(item_id: str) -> str | None:
    """The kebab-case form of a malformed id, if it makes a valid one: 'Giving A_Role' -> 'giving-a-role'."""
    if _not_utf8(item_id):
        return None  # its letters are lost: a guess would be wrong
    ascii_id = unicodedata.normalize("NFKD", item_id).encode("ascii", "ignore").decode().lower()
    suggestion = re.sub(r"[^a-z0-9]+", "-", ascii_id).strip("-")
    return suggestion if suggestion != item_id and is_valid_id(suggestion) else None


def _not_utf8(text: str) -> bool:
    """Whether the command line held bytes that are not UTF-8: Python keeps them as lone surrogates."""
    return any("\ud800" <= c <= "\udfff" for c in text)


def _write_new(root: Path, path: Path, text: str) -> None:
    """Write a new file, never over an existing one, or say in a ScaffoldError why it cannot be written."""
    opened = False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as file:  # "x": never overwrite, even in a race
            opened = True
            file.write(text)
    except OSError as exc:
        if opened:  # a half-written file would be taken for the writer's own
            with contextlib.suppress(OSError):
                path.unlink()
        raise ScaffoldError(_write_error(root, path, exc)) from None


def _write_error(root: Path, path: Path, exc: OSError) -> str:
    rel = path.relative_to(root).as_posix()
    for folder in reversed(path.relative_to(root).parents[:-1]):  # content, then content/exercises
        where = root / folder
        if where.is_symlink() and not where.exists():
            return f"cannot create {rel}: {folder.as_posix()} is a symbolic link that points to nothing"
        if where.exists() and not where.is_dir():
            return (
                f"cannot create {rel}: {folder.as_posix()} is a file, not a folder "
                "(hint: rename or move that file, then run this again)"
            )
    if isinstance(exc, FileExistsError):
        return f"{rel} already exists; waypost new never overwrites a file"
    return f"cannot create {rel}: {exc.strerror or exc}"


def _names(result: CheckResult, kind: Kind) -> dict[str, str]:
    """Ids and aliases of ``kind`` already in the project, with the file using each."""
    names: dict[str, str] = {}
    for doc in result.documents.values():
        if doc.kind is not kind or not isinstance(doc.data, dict):
            continue
        aliases = doc.data.get("aliases")
        for name in [doc.data.get("id"), *(aliases if isinstance(aliases, list) else [])]:
            if isinstance(name, str):
                names.setdefault(name, doc.path)
    return names


def _quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar on one line, readable as typed: 'Café — 🙂' stays 'Café — 🙂'.

    Only what would end the value or the line, or what a reader could not
    see, is escaped: quotes, backslashes, control characters, line and
    paragraph separators, a byte-order mark, the invisible marks that
    reorder text, and characters YAML does not allow in a file.
    """
    return '"' + "".join(_escaped(c) for c in text) + '"'


_NAMED_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\0": "\\0",
    "\a": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\v": "\\v",
    "\f": "\\f",
    "\r": "\\r",
    "\x1b": "\\e",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}
_YAML_PRINTABLE = re.compile("[\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters a YAML file may hold as they are (YAML 1.1 'printable', less tab and line breaks)."""
_HIDDEN = frozenset("\ufeff\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""A byte-order mark, and the invisible marks that reorder text in editors: shown as escapes."""


def _escaped(char: str) -> str:
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    if _YAML_PRINTABLE.match(char) and char not in _HIDDEN:
        return char
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02X}"
    return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"


def _concept(item_id: str, title: str) -> str:
    return f"""---
id: {item_id}
title: {_quoted(title)}
summary: >-
  {CONCEPT_SUMMARY}
audience: [beginners]
level: beginner
tags: []
related: []
exercises: []  # add exercises that practise this concept: its "Try this" section
---
## Why it matters

{CONCEPT_BODY[0]}

## How to decide

{CONCEPT_BODY[1]}
"""


def _exercise(item_id: str, title: str, concept: str) -> str:
    return f"""---
id: {item_id}
title: {_quoted(title)}
summary: >-
  {EXERCISE_SUMMARY}
minutes: 20
concepts: [{concept}]  # {EXERCISE_CONCEPTS_NOTE}
tasks:
  - id: first-task
    text: {EXERCISE_TASKS[0]}
  - id: second-task
    text: {EXERCISE_TASKS[1]}
outcome: {EXERCISE_OUTCOME}
---
## Steps

1. {EXERCISE_BODY[0]}
2. {EXERCISE_BODY[1]}
"""


def _journey(item_id: str, title: str, concept: str) -> str:
    return f"""# yaml-language-server: $schema=../schemas/journey.schema.json
id: {item_id}
title: {_quoted(title)}
summary: >-
  {JOURNEY_SUMMARY}
audience: [beginners]
level: beginner
outcomes:
  - {JOURNEY_OUTCOME}
related: []
steps:
  - id: start
    concept: {concept}  # {JOURNEY_FIRST_STEP_NOTE}
"""
