"""Top-to-bottom layout of a journey graph, for the SVG map on journey pages.

Layers by longest path from the first step (journeys are acyclic once
checked), nodes ordered within a layer by the mean position of their
parents, then placed on a grid. Pure geometry: the template draws it.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from waypost import graph
from waypost.model import END, Journey, Step

NODE_WIDTH = 208
NODE_HEIGHT = 60
GAP_X = 28
GAP_Y = 64
MARGIN = 16
END_RADIUS = 18
LINE_CHARS = 28
LABEL_CHARS = 24


@dataclass(frozen=True)
class Node:
    step: Step | None
    """None for the end marker."""
    x: float
    y: float
    width: float
    height: float
    lines: tuple[str, ...]
    label: str
    """The node's full text, for its tooltip."""

    @property
    def cx(self) -> float:
        return self.x + self.width / 2

    @property
    def kind(self) -> str:
        return self.step.kind.value if self.step else "end"


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    path: str
    """SVG path data."""
    label: str = ""
    label_x: float = 0
    label_y: float = 0


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def layout(journey: Journey, titles: dict[str, str]) -> Layout:
    """Place every step of ``journey``; ``titles`` maps step ids to node text."""
    edges = graph.edges(journey)
    layer = _layers(journey, edges)
    end_layer = max(layer.values(), default=0) + 1
    rows: dict[int, list[str]] = {}
    for step in journey.steps:
        rows.setdefault(layer[step.id], []).append(step.id)
    rows[end_layer] = [END]
    position: dict[str, float] = {}
    parents: dict[str, list[str]] = {}
    for source, targets in edges.items():
        for target in targets:
            parents.setdefault(target, []).append(source)
    for depth in sorted(rows):
        row = rows[depth]
        if depth > 0:
            listed = {step_id: i for i, step_id in enumerate(row)}
            row.sort(
                key=lambda s: (_mean([position[p] for p in parents.get(s, ()) if p in position], listed[s]), listed[s])
            )
        for index, step_id in enumerate(row):
            position[step_id] = index
    widest = max(len(r) for r in rows.values())
    width = widest * NODE_WIDTH + (widest - 1) * GAP_X + 2 * MARGIN
    by_id = {s.id: s for s in journey.steps}
    nodes: dict[str, Node] = {}
    for depth, row in sorted(rows.items()):
        row_width = len(row) * NODE_WIDTH + (len(row) - 1) * GAP_X
        left = (width - row_width) / 2
        y = MARGIN + depth * (NODE_HEIGHT + GAP_Y)
        for index, step_id in enumerate(row):
            x = left + index * (NODE_WIDTH + GAP_X)
            if step_id == END:
                nodes[END] = Node(
                    None, x + NODE_WIDTH / 2 - END_RADIUS, y, 2 * END_RADIUS, 2 * END_RADIUS, ("End",), "End"
                )
                continue
            text = titles.get(step_id, step_id)
            nodes[step_id] = Node(by_id[step_id], x, y, NODE_WIDTH, NODE_HEIGHT, _wrap(text), text)
    drawn = []
    for step in journey.steps:
        labels = {o.goto: o.label for o in step.options}
        for target in edges[step.id]:
            drawn.append(_edge(nodes[step.id], nodes[target], step.id, target, labels.get(target, "")))
    height = nodes[END].y + nodes[END].height + MARGIN
    return Layout(width, height, tuple(nodes.values()), tuple(drawn))


def _layers(journey: Journey, edges: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Longest-path depth of each step; steps the first cannot reach go below the rest."""
    order = _topological(journey, edges)
    depth = {journey.first.id: 0}
    for step_id in order:
        if step_id not in depth:
            continue
        for target in edges[step_id]:
            if target != END:
                depth[target] = max(depth.get(target, 0), depth[step_id] + 1)
    bottom = max(depth.values(), default=0) + 1
    return {s.id: depth.get(s.id, bottom) for s in journey.steps}


def _topological(journey: Journey, edges: dict[str, tuple[str, ...]]) -> list[str]:
    incoming = {s.id: 0 for s in journey.steps}
    for targets in edges.values():
        for target in targets:
            if target != END:
                incoming[target] += 1
    ready = [s.id for s in journey.steps if incoming[s.id] == 0]
    order = []
    while ready:
        step_id = ready.pop(0)
        order.append(step_id)
        for target in edges[step_id]:
            if target != END:
                incoming[target] -= 1
                if incoming[target] == 0:
                    ready.append(target)
    return order


def _edge(source: Node, target: Node, source_id: str, target_id: str, label: str) -> Edge:
    x1, y1 = source.cx, source.y + source.height
    x2, y2 = target.cx, target.y
    bend = max(24.0, (y2 - y1) / 2)
    path = f"M{x1:.1f},{y1:.1f} C{x1:.1f},{y1 + bend:.1f} {x2:.1f},{y2 - bend:.1f} {x2:.1f},{y2 - 6:.1f}"
    # Labels sit just above the target, where branches have already parted.
    return Edge(source_id, target_id, path, _short(label), x2, y2 - 22)


def _short(label: str) -> str:
    return textwrap.shorten(label, LABEL_CHARS, placeholder="…") if label else ""


def _wrap(text: str) -> tuple[str, ...]:
    lines = textwrap.wrap(text, LINE_CHARS) or [""]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), LINE_CHARS, placeholder="…")]
    return tuple(lines)


def _mean(values: list[float], fallback: float) -> float:
    return sum(values) / len(values) if values else fallback
