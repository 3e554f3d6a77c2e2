"""Journey graphs: reachability, cycles, dead ends and the span of route lengths.

Pure functions over a ``Journey``; iterative throughout, so a journey with
thousands of steps costs linear time and no recursion.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Mapping
from graphlib import TopologicalSorter

from waypost.model import END, Journey, Step, StepKind


def edges(journey: Journey) -> dict[str, tuple[str, ...]]:
    """Each step's successors, keeping only targets that exist (or ``END``)."""
    ids = {s.id for s in journey.steps}
    return {s.id: tuple(t for t in s.successors if t == END or t in ids) for s in journey.steps}


def reachable(journey: Journey) -> set[str]:
    """Step ids a learner can reach from the first step."""
    return reachable_from(journey.first.id, edges(journey))


def can_finish(journey: Journey) -> set[str]:
    """Step ids from which some path reaches the end."""
    return reachable_from(END, _leading_to(journey)) - {END}


def _leading_to(journey: Journey) -> dict[str, list[str]]:
    """Each step, and ``END``, with the steps that lead to it: the journey's edges reversed."""
    sources: dict[str, list[str]] = {step_id: [] for step_id in (*(s.id for s in journey.steps), END)}
    for source, targets in edges(journey).items():
        for target in targets:
            sources[target].append(source)
    return sources


def cycles(journey: Journey) -> list[tuple[str, ...]]:
    """Each loop found by depth-first search, as the chain of steps that closes it.

    ``("a", "b", "a")`` means a leads to b, which leads back to a. One chain
    per back edge, in the order the steps are listed.
    """
    return cycles_in(edges(journey))


def reachable_from(start: str, graph: Mapping[str, Iterable[str]]) -> set[str]:
    """Nodes of ``graph`` reachable from ``start``, itself included; targets that are not nodes are skipped."""
    seen = {start}
    queue = deque(seen)
    while queue:
        for target in graph.get(queue.popleft(), ()):
            if target in graph and target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def cycles_in(graph: Mapping[str, Iterable[str]]) -> list[tuple[str, ...]]:
    """The loops of any graph given as node to successors, as ``cycles`` reports them.

    Targets that are not nodes (``END``, a name that does not exist) are
    skipped: the checker reports those on their own.
    """
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    found: list[tuple[str, ...]] = []
    for start in graph:
        if start in state:
            continue
        path: list[str] = [start]
        iterators = [iter(graph[start])]
        state[start] = 1
        while iterators:
            target = next(iterators[-1], None)
            if target is None:
                state[path.pop()] = 2
                iterators.pop()
            elif target not in graph:
                continue
            elif state.get(target) == 1:
                found.append(tuple(path[path.index(target) :]) + (target,))
            elif target not in state:
                state[target] = 1
                path.append(target)
                iterators.append(iter(graph[target]))
    return found


def route_costs(journey: Journey, cost: Callable[[Step], int]) -> tuple[int, int]:
    """The lowest and the highest total ``cost`` of a complete route, from the first step to the end.

    ``cost`` gives each step's cost (minutes, say; decisions usually cost 0).
    The journey must have passed the checker: no loops, every step can finish.
    """
    return spans_to_end(journey, cost).get(journey.first.id, (0, 0))


def spans_to_end(journey: Journey, cost: Callable[[Step], int]) -> dict[str, tuple[int, int]]:
    """For each step that can finish, the lowest and highest ``cost`` from it (itself included) to the end."""
    by_id = {s.id: s for s in journey.steps}
    after = edges(journey)
    # Each step comes after every step it leads to, so the routes on from it are known by then.
    order = TopologicalSorter({step: [t for t in targets if t != END] for step, targets in after.items()})
    found = {END: (0, 0)}
    for step_id in order.static_order():
        known = [found[t] for t in after[step_id] if t in found]
        if known:
            found[step_id] = _plus(cost(by_id[step_id]), known)
    del found[END]
    return found


def spans_from_start(journey: Journey, cost: Callable[[Step], int]) -> dict[str, tuple[int, int]]:
    """For each step reachable from the first, the lowest and highest ``cost`` from the first step to it, both
    included."""
    by_id = {s.id: s for s in journey.steps}
    before = _leading_to(journey)
    del before[END]
    found: dict[str, tuple[int, int]] = {}
    # Each step comes after every step that leads to it.
    for step_id in TopologicalSorter(before).static_order():
        known = [(0, 0)] if step_id == journey.first.id else [found[s] for s in before[step_id] if s in found]
        if known:
            found[step_id] = _plus(cost(by_id[step_id]), known)
    return found


def _plus(own: int, spans: list[tuple[int, int]]) -> tuple[int, int]:
    return own + min(low for low, _ in spans), own + max(high for _, high in spans)


def content_before(journey: Journey) -> dict[str, tuple[str, ...]]:
    """Each step's possible previous content steps: those some route passes just before it, through any
    decisions between them; in the journey's order."""
    kind = {s.id: s.kind for s in journey.steps}
    on_routes = reachable(journey)  # a step no route reaches comes before nothing (the checker reports it)
    came_from = _leading_to(journey)
    order = {s.id: number for number, s in enumerate(journey.steps)}
    before = {}
    for step in journey.steps:
        found, seen, todo = set(), {step.id}, list(came_from[step.id])
        while todo:
            source = todo.pop()
            if source in seen or source not in on_routes:
                continue
            seen.add(source)
            if kind[source] is StepKind.DECISION:
                todo += came_from[source]
            else:
                found.add(source)
        before[step.id] = tuple(sorted(found, key=order.__getitem__))
    return before


def content_steps(journey: Journey) -> list[Step]:
    """The steps that point at a concept or exercise, in listed order."""
    return [s for s in journey.steps if s.kind is not StepKind.DECISION]
