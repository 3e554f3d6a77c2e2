"""Top-to-bottom layout of a journey graph, for the SVG map on journey pages.

grandalf's Sugiyama layout (the layered drawing Graphviz calls ``dot``)
places the steps: layers by longest path from the first step, a stand-in
vertex in every layer a long edge crosses, so that the edge keeps a lane of
its own instead of running through the steps in between, crossings reduced
by sweeping the layers, then Brandes and Köpf's horizontal positions. As in
Graphviz, a decision's option label is a vertex of its own on its edge, so
the layout keeps it clear of steps, of other labels and of other edges.

Edges are drawn through their lanes: they bend only in the gaps between
layers and run straight down through a layer, so no edge crosses a step it
does not join. Pure geometry: the template draws it.
"""

from __future__ import annotations

import contextlib
import itertools
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from waypost import graph
from waypost.model import END, Journey, Step


@contextlib.contextmanager
def _unimportable(module: str) -> Iterator[None]:
    """While inside, ``import module`` fails, unless something imported it before (then nothing changes)."""
    if module in sys.modules:
        yield
        return
    sys.modules[module] = None  # type: ignore[assignment]  # what Python itself does for a failed import
    try:
        yield
    finally:
        if sys.modules.get(module, False) is None:
            del sys.modules[module]


# grandalf imports numpy when it is installed, for geometry the layered layout does not use: 14 MB
# and 0.1 s more for every build. Kept out while grandalf loads, grandalf takes its own pure-Python
# fallback, and draws the same maps wherever Waypost runs.
with _unimportable("numpy"):
    from grandalf.graphs import Edge as _GEdge
    from grandalf.graphs import Vertex as _Vertex
    from grandalf.graphs import graph_core as _GraphPart
    from grandalf.layouts import SugiyamaLayout

NODE_WIDTH = 208
NODE_HEIGHT = 60
GAP_X = 28
"""Horizontal space between two boxes of a layer (steps, labels, lanes)."""
GAP_Y = 40
"""Vertical space between two layers: where edges bend."""
LANE_WIDTH = 12
"""The width a long edge takes up in each layer it crosses."""
MARGIN = 16
END_RADIUS = 18
LINE_CHARS = 28
LABEL_CHARS = 24
LABEL_HEIGHT = 18
ARROW_GAP = 6
"""Edges stop short of their target's box by the length of the arrowhead."""
ORDERING_ROUNDS = 4
"""Rounds of down-and-up sweeps that reduce crossings: more found no fewer on random journeys of 8 to 25 steps."""


def label_width(label: str) -> float:
    """The width of an option label's box, as the template draws it (7.2 px a character at 11 px)."""
    return 8 + len(label) * 7.2


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
    """The centre of the label's box."""
    label_y: float = 0
    """The label's baseline, less 3 px: its box spans 10 px above to 8 px below."""

    @property
    def label_width(self) -> float:
        return label_width(self.label)


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


class _Box:
    """A vertex's size for grandalf, which writes the vertex's centre into ``xy``."""

    def __init__(self, width: float, height: float) -> None:
        self.w, self.h = width, height
        self.xy = (0.0, 0.0)


@dataclass(frozen=True)
class _Link:
    """One edge of the journey, and the vertex its label sits on, if it has one."""

    source: str
    target: str
    label: str
    middle: _Vertex | None
    parts: tuple[_GEdge, ...]
    """grandalf's edges for it: two when a label sits on it."""


def layout(journey: Journey, titles: dict[str, str]) -> Layout:
    """Place every step of ``journey``; ``titles`` maps step ids to node text.

    The layout's heuristics settle ties by the order they are given things
    in, so when a drawing crosses edges, a second one takes each decision's
    options the other way round, and the one that crosses fewer edges is
    kept (38 % fewer crossings on random journeys of 8 to 25 steps).
    """
    drawn, crossed = _draw(journey, titles, options_reversed=False)
    if crossed:
        other, fewer = _draw(journey, titles, options_reversed=True)
        if fewer < crossed:
            return other
    return drawn


def _draw(journey: Journey, titles: dict[str, str], options_reversed: bool) -> tuple[Layout, int]:
    """A layout of ``journey``, and how many times its edges cross."""
    vertices = {step.id: _vertex(step.id, NODE_WIDTH, NODE_HEIGHT) for step in journey.steps}
    vertices[END] = _vertex(END, 2 * END_RADIUS, 2 * END_RADIUS)
    successors = graph.edges(journey)
    links = [_link(step, target, vertices) for step, target in _transitions(journey, successors, options_reversed)]
    labels = [link.middle for link in links if link.middle is not None]
    parts = [part for link in links for part in link.parts]
    layers, lanes = _place([*vertices.values(), *labels], parts, vertices[journey.first.id])
    bands = {id(v): _band(layer) for layer in layers for v in layer}
    chains = [_chain(link, lanes) for link in links]

    by_id = {s.id: s for s in journey.steps}
    nodes = []
    for step_id, vertex in vertices.items():
        (x, y), width, height = _corner(vertex), vertex.view.w, vertex.view.h
        if step_id == END:
            nodes.append(Node(None, x, y, width, height, ("End",), "End"))
        else:
            text = titles.get(step_id, step_id)
            nodes.append(Node(by_id[step_id], x, y, width, height, _wrap(text), text))
    edges = [_edge(link, chain, bands) for link, chain in zip(links, chains, strict=True)]
    listed = {(step.id, target): i for i, (step, target) in enumerate(_transitions(journey, successors))}
    edges.sort(key=lambda edge: listed[edge.source, edge.target])  # as the journey lists them
    everything = [v for layer in layers for v in layer]
    width = max(v.view.xy[0] + v.view.w / 2 for v in everything) + MARGIN
    height = max(v.view.xy[1] + v.view.h / 2 for v in everything) + MARGIN
    return Layout(width, height, tuple(nodes), tuple(edges)), _crossings(chains, bands)


def _transitions(
    journey: Journey, successors: dict[str, tuple[str, ...]], options_reversed: bool = False
) -> list[tuple[Step, str]]:
    return [
        (step, target)
        for step in journey.steps
        for target in (reversed(successors[step.id]) if options_reversed else successors[step.id])
    ]


def _crossings(chains: list[list[Any]], bands: dict[int, tuple[float, float]]) -> int:
    """How many times two edges cross: in a gap between layers, where their left-to-right order changes."""
    gaps: dict[float, list[tuple[float, float]]] = {}
    for chain in chains:
        for upper, lower in itertools.pairwise(chain):
            gaps.setdefault(bands[id(upper)][1], []).append((upper.view.xy[0], lower.view.xy[0]))
    return sum(
        (a_top - b_top) * (a_bottom - b_bottom) < 0
        for segments in gaps.values()
        for (a_top, a_bottom), (b_top, b_bottom) in itertools.combinations(segments, 2)
    )


def _vertex(key: object, width: float, height: float) -> _Vertex:
    vertex = _Vertex(key)
    vertex.view = _Box(width, height)
    return vertex


def _link(step: Step, target: str, vertices: dict[str, _Vertex]) -> _Link:
    label = _short(next((o.label for o in step.options if o.goto == target), ""))
    source, end = vertices[step.id], vertices[target]
    if not label:
        return _Link(step.id, target, "", None, (_GEdge(source, end),))
    middle = _vertex((step.id, target), label_width(label) + 8, LABEL_HEIGHT)
    return _Link(step.id, target, label, middle, (_GEdge(source, middle), _GEdge(middle, end)))


def _place(
    vertices: list[_Vertex], parts: list[_GEdge], first: _Vertex
) -> tuple[list[list[Any]], dict[int, list[Any]]]:
    """Lay the graph out with grandalf: its layers, each left to right, lanes included, and the lanes
    of each long edge (by ``id``), from its source to its target.

    Coordinates start at the margin. A checked journey is one connected
    graph; should it not be (a step whose ``next`` names nothing), its parts
    stand side by side.
    """
    layers: list[list[Any]] = []
    lanes: dict[int, list[Any]] = {}
    right = MARGIN - GAP_X  # where the previous part ends
    for component in _connected_parts(vertices, parts):
        sugiyama = SugiyamaLayout(component)
        sugiyama.xspace, sugiyama.yspace = GAP_X, GAP_Y
        sugiyama.dw, sugiyama.dh = LANE_WIDTH, 0  # the stand-in of a long edge in each layer it crosses
        sugiyama.init_all(roots=[first] if first in component.sV else None)
        sugiyama.draw(ORDERING_ROUNDS)
        for part, stand_ins in sugiyama.ctrls.items():  # by layer, the edge's two ends included
            source_rank, target_rank = sugiyama.grx[part.v[0]].rank, sugiyama.grx[part.v[1]].rank
            step = 1 if source_rank < target_rank else -1
            lanes[id(part)] = [stand_ins[rank] for rank in range(source_rank + step, target_rank, step)]
        own = [sorted(layer, key=lambda v: v.view.xy[0]) for layer in sugiyama.layers]
        for layer in own:
            _separate(layer)
        left = min(layer[0].view.xy[0] - layer[0].view.w / 2 for layer in own)
        top = min(layer[0].view.xy[1] - max(v.view.h for v in layer) / 2 for layer in own)
        for layer in own:
            for v in layer:
                v.view.xy = (v.view.xy[0] - left + right + GAP_X, v.view.xy[1] - top + MARGIN)
        layers += own
        right = max(layer[-1].view.xy[0] + layer[-1].view.w / 2 for layer in own)
    return layers, lanes


def _connected_parts(vertices: list[_Vertex], parts: list[_GEdge]) -> list[_GraphPart]:
    """The graph's connected parts, vertices and edges in the order given.

    grandalf's ``Graph`` splits them itself, through a ``set`` of edges:
    their order, by memory address, would change the map from build to build.
    """
    parent = {v: v for v in vertices}

    def root(v: _Vertex) -> _Vertex:
        while parent[v] is not v:
            v = parent[v]
        return v

    for part in parts:
        parent[root(part.v[1])] = root(part.v[0])
    groups: dict[_Vertex, tuple[list[_Vertex], list[_GEdge]]] = {}
    for v in vertices:
        groups.setdefault(root(v), ([], []))[0].append(v)
    for part in parts:
        groups[root(part.v[0])][1].append(part)
    return [_GraphPart(members, edges) for members, edges in groups.values()]


def _separate(layer: list[_Vertex]) -> None:
    """Push apart neighbours closer than ``GAP_X``.

    grandalf's Brandes–Köpf placement predates the authors' 2020 erratum and
    can, on some graphs, put two boxes of a layer on top of each other; this
    pass makes overlaps impossible whatever the placement did.
    """
    for before, after in itertools.pairwise(layer):
        least = before.view.xy[0] + (before.view.w + after.view.w) / 2 + GAP_X
        if after.view.xy[0] < least:
            after.view.xy = (least, after.view.xy[1])


def _band(layer: list[_Vertex]) -> tuple[float, float]:
    """The top and bottom of a layer: those of its tallest box (grandalf centres every box of a layer)."""
    centre, half = layer[0].view.xy[1], max(v.view.h for v in layer) / 2
    return centre - half, centre + half


def _corner(vertex: _Vertex) -> tuple[float, float]:
    return vertex.view.xy[0] - vertex.view.w / 2, vertex.view.xy[1] - vertex.view.h / 2


def _chain(link: _Link, lanes: dict[int, list[Any]]) -> list[Any]:
    """The vertices an edge passes through, one per layer: its source, lanes and label, its target."""
    chain = [link.parts[0].v[0]]
    for part in link.parts:
        chain += [*lanes.get(id(part), ()), part.v[1]]
    return chain


def _edge(link: _Link, chain: list[Any], bands: dict[int, tuple[float, float]]) -> Edge:
    """One journey edge: out of its source's bottom, down its lanes, into its target's top.

    It bends only in the gaps between layers and runs straight down through
    a layer, in its own lane, so it never crosses a box it does not join.
    """
    source, target = chain[0], chain[-1]
    x, y = source.view.xy[0], source.view.xy[1] + source.view.h / 2
    path = [f"M{x:.1f},{y:.1f}"]
    for vertex in chain[1:-1]:
        top, bottom = bands[id(vertex)]
        path += [_bend(x, y, vertex.view.xy[0], top), f"L{vertex.view.xy[0]:.1f},{bottom:.1f}"]
        x, y = vertex.view.xy[0], bottom
    end_x, end_y = target.view.xy[0], target.view.xy[1] - target.view.h / 2 - ARROW_GAP
    path.append(_bend(x, y, end_x, end_y))
    if link.middle is None:
        return Edge(link.source, link.target, " ".join(path))
    label_x, label_y = link.middle.view.xy
    return Edge(link.source, link.target, " ".join(path), link.label, label_x, label_y + 1)


def _bend(x1: float, y1: float, x2: float, y2: float) -> str:
    """A curve from one layer down to the next that leaves and arrives vertically."""
    half = (y2 - y1) / 2
    return f"C{x1:.1f},{y1 + half:.1f} {x2:.1f},{y2 - half:.1f} {x2:.1f},{y2:.1f}"


def _short(label: str) -> str:
    return textwrap.shorten(label, LABEL_CHARS, placeholder="…") if label else ""


def _wrap(text: str) -> tuple[str, ...]:
    lines = textwrap.wrap(text, LINE_CHARS) or [""]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), LINE_CHARS, placeholder="…")]
    return tuple(lines)
