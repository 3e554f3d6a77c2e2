"""Journey graphs: reachability, cycles, dead ends and shortest paths.

Pure functions over a ``Journey``; iterative throughout, so a journey with
thousands of steps costs linear time and no recursion.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Mapping

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


def shortest_path(journey: Journey, cost: Callable[[Step], int]) -> list[Step]:
    """The cheapest complete path from the first step to the end.

    ``cost`` gives each step's cost (minutes, say); decisions usually cost 0.
    Journeys are acyclic once checked, so a relaxation in topological order
    would do, but Dijkstra also copes with whatever the checker let through.
    """
    import heapq

    by_id = {s.id: s for s in journey.steps}
    graph = edges(journey)
    best: dict[str, int] = {journey.first.id: cost(journey.first)}
    came_from: dict[str, str] = {}
    heap = [(best[journey.first.id], 0, journey.first.id)]
    order = {s.id: i for i, s in enumerate(journey.steps)}
    finish: tuple[int, str] | None = None
    while heap:
        total, _, step_id = heapq.heappop(heap)
        if total > best.get(step_id, total):
            continue
        for target in graph[step_id]:
            if target == END:
                if finish is None or total < finish[0]:
                    finish = (total, step_id)
                continue
            candidate = total + cost(by_id[target])
            if candidate < best.get(target, candidate + 1):
                best[target] = candidate
                came_from[target] = step_id
                heapq.heappush(heap, (candidate, order[target], target))
    if finish is None:
        return []
    chain = [finish[1]]
    while chain[-1] in came_from:
        chain.append(came_from[chain[-1]])
    return [by_id[s] for s in reversed(chain)]


def content_steps(journey: Journey) -> list[Step]:
    """The steps that point at a concept or exercise, in listed order."""
    return [s for s in journey.steps if s.kind is not StepKind.DECISION]
