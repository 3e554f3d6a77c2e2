"""The content model: plain frozen data built from validated documents.

Everything after validation (rendering, the MkDocs adapter, the benchmarks)
works on these classes alone, never on raw YAML.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from waypost.placement import Questionnaire, questionnaire_from
from waypost.sources import Document, Kind

END = "end"
"""The target that finishes a journey."""

WORDS_PER_MINUTE = 200
_WORD = re.compile(r"\w+")


class StepKind(enum.Enum):
    CONCEPT = "concept"
    EXERCISE = "exercise"
    DECISION = "decision"


@dataclass(frozen=True)
class Option:
    """One answer at a decision, and the step it leads to."""

    label: str
    goto: str


@dataclass(frozen=True)
class Step:
    """One node of a journey's graph."""

    id: str
    kind: StepKind
    target: str = ""
    """The concept or exercise id; empty for a decision."""
    question: str = ""
    options: tuple[Option, ...] = ()
    next: str = ""
    """The step this one leads to (written or implied), or ``END``; empty for a decision."""
    aliases: tuple[str, ...] = ()

    @property
    def successors(self) -> tuple[str, ...]:
        """Where a learner can go from here: step ids or ``END``."""
        return tuple(o.goto for o in self.options) if self.kind is StepKind.DECISION else (self.next,)


@dataclass(frozen=True)
class Task:
    id: str
    text: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Concept:
    id: str
    title: str
    summary: str
    audience: tuple[str, ...]
    level: str
    path: str
    body: str = ""
    body_line: int = 1
    tags: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    exercises: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    @cached_property
    def minutes(self) -> int:
        """Reading time of summary and body, rounded up.

        Cached: every page that links to the concept shows it, and counting
        the words of a body thousands of times was a tenth of a large build.
        """
        words = len(_WORD.findall(self.summary)) + len(_WORD.findall(self.body))
        return max(1, math.ceil(words / WORDS_PER_MINUTE))


@dataclass(frozen=True)
class Exercise:
    id: str
    title: str
    summary: str
    minutes: int
    concepts: tuple[str, ...]
    tasks: tuple[Task, ...]
    path: str
    body: str = ""
    body_line: int = 1
    outcome: str = ""
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Journey:
    id: str
    title: str
    summary: str
    audience: tuple[str, ...]
    level: str
    outcomes: tuple[str, ...]
    steps: tuple[Step, ...]
    path: str
    related: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    @property
    def first(self) -> Step:
        return self.steps[0]

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)

    def renamed_step(self, old_id: str) -> Step | None:
        """The step that lists ``old_id`` among its ``aliases``."""
        return next((s for s in self.steps if old_id in s.aliases), None)

    def step_named(self, name: str) -> Step | None:
        """The step with the id ``name``, or else the one that lists it among its ``aliases``."""
        return self.step(name) or self.renamed_step(name)


@dataclass(frozen=True)
class Project:
    """All content of a site, by id, each kind sorted by id."""

    concepts: dict[str, Concept]
    exercises: dict[str, Exercise]
    journeys: dict[str, Journey]
    placement: Questionnaire | None = None
    """The questions of the "Where do I start?" page, when the project has a ``placement.yml``."""


def build_project(documents: Iterable[Document]) -> Project:
    """The model of every document that passed the schema check."""
    concepts: dict[str, Concept] = {}
    exercises: dict[str, Exercise] = {}
    journeys: dict[str, Journey] = {}
    placement = None
    for doc in sorted(documents, key=lambda d: d.path):
        if doc.kind is Kind.CONCEPT:
            concepts.setdefault(doc.data["id"], concept_from(doc))
        elif doc.kind is Kind.EXERCISE:
            exercises.setdefault(doc.data["id"], exercise_from(doc))
        elif doc.kind is Kind.JOURNEY:
            journeys.setdefault(doc.data["id"], journey_from(doc))
        elif doc.kind is Kind.PLACEMENT:
            placement = questionnaire_from(doc)
    return Project(_by_id(concepts), _by_id(exercises), _by_id(journeys), placement)


def concept_from(doc: Document) -> Concept:
    d = doc.data
    return Concept(
        id=d["id"],
        title=d["title"],
        summary=d["summary"],
        audience=tuple(d["audience"]),
        level=d["level"],
        path=doc.path,
        body=doc.body,
        body_line=doc.body_line,
        tags=tuple(d.get("tags", ())),
        related=tuple(d.get("related", ())),
        exercises=tuple(d.get("exercises", ())),
        aliases=tuple(d.get("aliases", ())),
    )


def exercise_from(doc: Document) -> Exercise:
    d = doc.data
    return Exercise(
        id=d["id"],
        title=d["title"],
        summary=d["summary"],
        minutes=int(d["minutes"]),  # the schema's whole numbers include 30.0, which pages would print so
        concepts=tuple(d["concepts"]),
        tasks=tuple(Task(t["id"], t["text"], tuple(t.get("aliases", ()))) for t in d["tasks"]),
        path=doc.path,
        body=doc.body,
        body_line=doc.body_line,
        outcome=d.get("outcome", ""),
        tags=tuple(d.get("tags", ())),
        aliases=tuple(d.get("aliases", ())),
    )


def journey_from(doc: Document) -> Journey:
    d = doc.data
    raw_steps: list[dict[str, Any]] = d["steps"]
    steps = []
    for index, s in enumerate(raw_steps):
        aliases = tuple(s.get("aliases", ()))
        if "decide" in s:
            options = tuple(Option(o["label"], o["goto"]) for o in s["options"])
            steps.append(Step(s["id"], StepKind.DECISION, question=s["decide"], options=options, aliases=aliases))
            continue
        implied = raw_steps[index + 1]["id"] if index + 1 < len(raw_steps) else END
        kind = StepKind.CONCEPT if "concept" in s else StepKind.EXERCISE
        steps.append(Step(s["id"], kind, target=s[kind.value], next=s.get("next", implied), aliases=aliases))
    return Journey(
        id=d["id"],
        title=d["title"],
        summary=d["summary"],
        audience=tuple(d["audience"]),
        level=d["level"],
        outcomes=tuple(d["outcomes"]),
        steps=tuple(steps),
        path=doc.path,
        related=tuple(d.get("related", ())),
        aliases=tuple(d.get("aliases", ())),
    )


def _by_id(items: dict[str, Any]) -> dict[str, Any]:
    return dict(sorted(items.items()))
