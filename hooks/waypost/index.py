"""Cross-page data, computed once per build from the model.

Which journeys contain each concept and exercise, where in each journey it
sits (step 3 of 7, what comes before and after), which journeys relate to
which, and how long each journey takes. Pure functions of the ``Project``:
no page event is needed, so every page sees the same answers.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from dataclasses import dataclass
from functools import cached_property

from waypost import graph
from waypost.model import END, Journey, Project, Step, StepKind

LEVEL_ORDER = {"beginner": 0, "intermediate": 1, "advanced": 2}
MAX_RELATED = 5


@dataclass(frozen=True)
class Placement:
    """Where one concept or exercise sits in one journey."""

    journey: Journey
    step: Step
    position: int
    """1-based count of content steps up to this one, along the shortest route through it."""
    total: int
    """Content steps of the shortest complete route through this step."""
    previous: Step | None
    """The content step before this one on that route (None at the start)."""
    ahead: Step | None
    """The next step: a content step, a decision, or None at the end."""
    varies: bool = False
    """Whether a learner's own route may give this step another position or total than the shortest route
    through it: other routes through it differ, or "Where do I start?" sends some learners into the journey
    at a later step."""
    previous_on_routes: tuple[Step, ...] = ()
    """Every content step some route passes just before this one, ``previous`` among them."""


@dataclass(frozen=True)
class JourneyFacts:
    """What the journeys index and a journey page say about a journey: the span of its routes.

    A journey with decisions has several complete routes; each figure is the
    least and the most a learner meets on one of them.
    """

    journey: Journey
    steps: tuple[int, int]
    """Concept and exercise steps on the shortest and the longest route."""
    minutes: tuple[int, int]
    """Reading and exercise time on the quickest and the slowest route."""


@dataclass(frozen=True)
class SiteIndex:
    project: Project
    facts: dict[str, JourneyFacts]
    placements: dict[tuple[str, str], tuple[Placement, ...]]
    """By (kind, id), with kind 'concept' or 'exercise': one placement per journey step."""
    journey_content: dict[str, frozenset[tuple[str, str]]]
    """The (kind, id) pairs each journey contains."""
    names: dict[str, dict[str, str]]
    """By kind ('concept', 'exercise', 'journey'): every id and alias, to the current id."""

    def resolve(self, kind: str, name: str) -> str | None:
        """The current id for an id or an old id (alias) of ``kind``; None if it names nothing."""
        return self.names.get(kind, {}).get(name)

    def placements_of(self, kind: StepKind, item_id: str) -> tuple[Placement, ...]:
        return self.placements.get((kind.value, item_id), ())

    def journeys_by_level(self) -> list[Journey]:
        return sorted(
            self.project.journeys.values(), key=lambda j: (LEVEL_ORDER.get(j.level, 9), j.title.lower(), j.id)
        )

    def related_to_journey(self, journey: Journey) -> list[Journey]:
        """The journey's own ``related`` list, then others ranked by content shared."""
        listed = [self.project.journeys[j] for j in journey.related if j in self.project.journeys]
        ranked = self._ranked({journey.id}, exclude={journey.id, *journey.related})
        return (listed + ranked)[:MAX_RELATED]

    def related_to_item(self, kind: StepKind, item_id: str) -> list[Journey]:
        """Journeys near the ones that contain an item, ranked by what they share with them."""
        containing = frozenset(p.journey.id for p in self.placements_of(kind, item_id))
        # Most items of a journey are in no other: their pages share one ranking.
        known = self._related_to_journeys
        if containing not in known:
            known[containing] = tuple(self._ranked(set(containing), exclude=set(containing))[:MAX_RELATED])
        return list(known[containing])

    @cached_property
    def _related_to_journeys(self) -> dict[frozenset[str], tuple[Journey, ...]]:
        """``related_to_item``'s rankings so far, by the journeys that contain the item."""
        return {}

    @cached_property
    def _neighbours(self) -> tuple[dict[tuple[str, str], set[str]], dict[str, set[str]]]:
        """Journeys by the content they contain, and journeys by the journeys they name in ``related`` or are named by.

        Only these can score above zero in ``_ranked``, so each page looks at
        a handful of journeys instead of all of them (which made the build
        grow with the square of the content).
        """
        containing: dict[tuple[str, str], set[str]] = {}
        for journey_id, content in self.journey_content.items():
            for item in content:
                containing.setdefault(item, set()).add(journey_id)
        linked: dict[str, set[str]] = {j: set() for j in self.project.journeys}
        for journey in self.project.journeys.values():
            for other in journey.related:
                if other in linked:
                    linked[journey.id].add(other)
                    linked[other].add(journey.id)
        return containing, linked

    def _ranked(self, around: set[str], exclude: set[str]) -> list[Journey]:
        """Journeys scored by links in ``related`` (either way) and by shared content."""
        around_content = frozenset().union(*(self.journey_content[j] for j in around)) if around else frozenset()
        containing, linked = self._neighbours
        candidates = set().union(*(linked[j] for j in around), *(containing[item] for item in around_content))
        scored = []
        for candidate in (self.project.journeys[j] for j in candidates - exclude):
            links = sum((candidate.id in self.project.journeys[j].related) + (j in candidate.related) for j in around)
            shared = len(self.journey_content[candidate.id] & around_content)
            if links or shared:
                scored.append((-(links * 2 + shared), candidate.title.lower(), candidate.id, candidate))
        return [entry[-1] for entry in sorted(scored, key=lambda e: e[:3])]


def build_index(project: Project, reading_minutes: dict[str, int] | None = None) -> SiteIndex:
    """Everything pages need to know about each other."""
    names: dict[str, dict[str, str]] = {}
    for kind, items in (("concept", project.concepts), ("exercise", project.exercises), ("journey", project.journeys)):
        table = names.setdefault(kind, {})
        for item in items.values():
            table.update({alias: item.id for alias in item.aliases})
            table[item.id] = item.id
    started_midway = _started_midway(project, names["journey"])
    facts = {}
    placements: dict[tuple[str, str], list[Placement]] = {}
    journey_content = {}
    for journey in project.journeys.values():
        facts[journey.id] = journey_facts(journey, project)
        journey_content[journey.id] = frozenset((s.kind.value, s.target) for s in graph.content_steps(journey))
        for placement in place_steps(journey):
            if journey.id in started_midway:  # a learner who starts later counts from there
                placement = dataclasses.replace(placement, varies=True)
            placements.setdefault((placement.step.kind.value, placement.step.target), []).append(placement)
    ordered = {
        key: tuple(sorted(found, key=lambda p: (LEVEL_ORDER.get(p.journey.level, 9), p.journey.title.lower())))
        for key, found in placements.items()
    }
    return SiteIndex(project, facts, ordered, journey_content, names)


def _started_midway(project: Project, journey_names: dict[str, str]) -> set[str]:
    """The journeys that "Where do I start?" sends some learners into at a later step than the first."""
    if project.placement is None:
        return set()
    found = set()
    for question in project.placement.questions:
        for answer in question.answers:
            rec = answer.recommend
            journey = project.journeys.get(journey_names.get(rec.journey, "")) if rec else None
            start = journey.step_named(rec.step) if rec and journey and rec.step else None
            if journey and start and start is not journey.first:
                found.add(journey.id)
    return found


def step_minutes(step: Step, project: Project) -> int:
    if step.kind is StepKind.CONCEPT and step.target in project.concepts:
        return project.concepts[step.target].minutes
    if step.kind is StepKind.EXERCISE and step.target in project.exercises:
        return project.exercises[step.target].minutes
    return 0


def _counted(step: Step) -> int:
    """A step's weight when steps are counted: concepts and exercises count, decisions do not."""
    return int(step.kind is not StepKind.DECISION)


def journey_facts(journey: Journey, project: Project) -> JourneyFacts:
    return JourneyFacts(
        journey=journey,
        steps=graph.route_costs(journey, _counted),
        minutes=graph.route_costs(journey, lambda s: step_minutes(s, project)),
    )


def place_steps(journey: Journey) -> list[Placement]:
    """Position, previous and next of every content step of a journey."""
    by_id = {s.id: s for s in journey.steps}
    weight = {s.id: _counted(s) for s in journey.steps}
    before, came_from = _fewest_steps(journey.first.id, graph.edges(journey), weight)
    # A step's position and total can differ from route to route: the lowest and highest of each.
    spans = [span(journey, _counted) for span in (graph.spans_from_start, graph.spans_to_end)]
    after = {step_id: low for step_id, (low, _) in spans[1].items()}
    content_before = graph.content_before(journey)
    placements = []
    for step in graph.content_steps(journey):
        if step.id not in before:
            continue  # unreachable: the checker reports it
        previous = came_from.get(step.id)
        while previous is not None and by_id[previous].kind is StepKind.DECISION:
            previous = came_from.get(previous)
        ahead = None if step.next == END else by_id.get(step.next)
        placements.append(
            Placement(
                journey=journey,
                step=step,
                position=before[step.id],
                total=before[step.id] + after.get(step.id, 1) - 1,
                previous=by_id[previous] if previous else None,
                ahead=ahead,
                varies=any(low != high for low, high in (span.get(step.id, (0, 0)) for span in spans)),
                previous_on_routes=tuple(by_id[p] for p in content_before[step.id]),
            )
        )
    return placements


def route_choices(journey: Journey, step_id: str) -> dict[str, str]:
    """The option to take at each decision on the way from the first step to ``step_id`` (the way with fewest
    steps): decision id to the step it leads to. Starting a learner at ``step_id`` settles these decisions."""
    by_id = {s.id: s for s in journey.steps}
    weight = {s.id: _counted(s) for s in journey.steps}
    _, came_from = _fewest_steps(journey.first.id, graph.edges(journey), weight)
    taken = []
    at = step_id
    while at in came_from:
        before = came_from[at]
        if by_id[before].kind is StepKind.DECISION:
            taken.append((before, at))
        at = before
    return dict(reversed(taken))


def _fewest_steps(
    start: str, edges: dict[str, tuple[str, ...]], weight: dict[str, int]
) -> tuple[dict[str, int], dict[str, str]]:
    """Content steps counted from ``start`` (inclusive) along the fewest-step routes.

    Decisions weigh 0 and content steps 1, so a 0-1 breadth-first search
    gives the shortest counts in linear time; ties keep the listed order.
    """
    counts = {start: weight.get(start, 0)}
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for target in edges.get(node, ()):
            if target == END:
                continue
            candidate = counts[node] + weight[target]
            if candidate < counts.get(target, candidate + 1):
                counts[target] = candidate
                came_from[target] = node
                if weight[target] == 0:
                    queue.appendleft(target)
                else:
                    queue.append(target)
    return counts, came_from
