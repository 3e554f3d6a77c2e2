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
    reverse: dict[str, list[str]] = {END: []}
    for source, targets in edges(journey).items():
        for target in targets:
            reverse.setdefault(target, []).append(source)
    seen = {END}
    queue = deque([END])
    while queue:
        for source in reverse.get(queue.popleft(), ()):
            if source not in seen:
                seen.add(source)
                queue.append(source)
    seen.discard(END)
    return seen


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
    by_id = {s.id: s for s in journey.steps}
    graph = edges(journey)
    # The steps in an order where each comes after every step it leads to, so its routes to the end are known.
    order = TopologicalSorter({step: [t for t in targets if t != END] for step, targets in graph.items()})
    to_end: dict[str, tuple[int, int]] = {}
    for step_id in order.static_order():
        ahead = [(0, 0) if t == END else to_end[t] for t in graph[step_id] if t == END or t in to_end]
        if ahead:
            own = cost(by_id[step_id])
            to_end[step_id] = (own + min(low for low, _ in ahead), own + max(high for _, high in ahead))
    return to_end.get(journey.first.id, (0, 0))


def content_steps(journey: Journey) -> list[Step]:
    """The steps that point at a concept or exercise, in listed order."""
    return [s for s in journey.steps if s.kind is not StepKind.DECISION]
