"""``waypost new``: start a concept, exercise or journey from a template that already checks.

References a new file must have (an exercise's concept, a journey's first
step) point at the first existing concept by id, with a comment that marks
them as the template's example until the writer chooses (see
``waypost.placeholders``); a concept's exercises start empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

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
from waypost.sources import Kind

ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
RESERVED = {Kind.CONCEPT: {"index"}, Kind.EXERCISE: {"index"}, Kind.JOURNEY: {"index"}}
"""Ids taken by generated pages: ``<folder>/index.md`` is the section's index page."""


class ScaffoldError(Exception):
    """The file cannot be created; the message says why and what to do."""


@dataclass(frozen=True)
class Created:
    path: Path
    next_steps: str


def new_item(root: Path, kind: Kind, item_id: str, title: str | None = None) -> Created:
    if not ID_PATTERN.match(item_id) or len(item_id) > 64:
        raise ScaffoldError(
            f"'{item_id}' is not a valid id: use lowercase letters, digits and single hyphens, "
            "starting with a letter, at most 64 characters (for example 'writing-good-prompts')"
        )
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
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:  # "x": never overwrite, even in a race
        file.write(text)
    return Created(path, steps)


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
    return yaml.safe_dump(text, default_style='"', width=1000).strip()


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
