"""The journey map's geometry: what a reader sees must be the journey's graph.

An edge that runs through a step it does not join reads as a path through
that step; a label that sits where two edges meet reads as belonging to
either. So, for the shipped journeys and for random ones: boxes (steps,
the end, option labels) never overlap, every edge leaves its source's
bottom and reaches its target's top, and no edge touches a box but its own
two ends and its own label.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from waypost import graph
from waypost.check import check_project
from waypost.layout import ARROW_GAP, LABEL_HEIGHT, Edge, Layout, Node, label_width, layout
from waypost.model import END, Journey, Option, Step, StepKind

ROOT = Path(__file__).resolve().parent.parent
SAMPLES_PER_CURVE = 24


@dataclass(frozen=True)
class Box:
    name: str
    x: float
    y: float
    width: float
    height: float

    def holds(self, x: float, y: float) -> bool:
        """Strictly inside, a pixel in from each side: an edge may touch a box's border where it joins it."""
        return self.x + 1 < x < self.x + self.width - 1 and self.y + 1 < y < self.y + self.height - 1

    def overlaps(self, other: Box) -> bool:
        return (
            self.x < other.x + other.width
            and other.x < self.x + self.width
            and self.y < other.y + other.height
            and other.y < self.y + self.height
        )


def node_box(node: Node) -> Box:
    return Box(node.step.id if node.step else END, node.x, node.y, node.width, node.height)


def label_box(edge: Edge) -> Box:
    """Where the template draws an option label: centred on (label_x, label_y - 1), 18 px high."""
    width = label_width(edge.label)
    return Box(f"label {edge.source}->{edge.target}", edge.label_x - width / 2, edge.label_y - 10, width, LABEL_HEIGHT)


def points_along(path: str) -> list[tuple[float, float]]:
    """Points along an SVG path of M, L and C commands: its corners and samples of each curve."""
    points: list[tuple[float, float]] = []
    for command, arguments in re.findall(r"([MLC])([^MLC]*)", path):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", arguments)]
        if command == "M":
            points.append((numbers[0], numbers[1]))
        elif command == "L":
            (x0, y0), (x1, y1) = points[-1], (numbers[0], numbers[1])
            points += [(x0 + (x1 - x0) * t / 8, y0 + (y1 - y0) * t / 8) for t in range(1, 9)]
        else:
            p0, p1, p2, p3 = points[-1], numbers[0:2], numbers[2:4], numbers[4:6]
            for i in range(1, SAMPLES_PER_CURVE + 1):
                t = i / SAMPLES_PER_CURVE
                a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3
                points.append(
                    (a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1])
                )
    return points


def faults(drawn: Layout) -> list[str]:
    """Everything that makes the map misread its journey, one line each."""
    found = []
    nodes = {node_box(node).name: node_box(node) for node in drawn.nodes}
    labels = {edge: label_box(edge) for edge in drawn.edges if edge.label}
    boxes = [*nodes.values(), *labels.values()]
    for i, box in enumerate(boxes):
        if box.x < 0 or box.y < 0 or box.x + box.width > drawn.width or box.y + box.height > drawn.height:
            found.append(f"{box.name} lies outside the map")
        found += [f"{box.name} overlaps {other.name}" for other in boxes[i + 1 :] if box.overlaps(other)]
    for edge in drawn.edges:
        source, target = nodes[edge.source], nodes[edge.target]
        points = points_along(edge.path)
        start_x, start_y = points[0]
        if abs(start_x - (source.x + source.width / 2)) > 0.1 or abs(start_y - (source.y + source.height)) > 0.1:
            found.append(f"{edge.source}->{edge.target} does not leave from the bottom of {edge.source}")
        end_x, end_y = points[-1]
        if abs(end_x - (target.x + target.width / 2)) > 0.1 or abs(end_y - (target.y - ARROW_GAP)) > 0.1:
            found.append(f"{edge.source}->{edge.target} does not arrive at the top of {edge.target}")
        own = {source.name, target.name, labels[edge].name if edge in labels else ""}
        crossed = {box.name for box in boxes if box.name not in own for x, y in points if box.holds(x, y)}
        found += [f"{edge.source}->{edge.target} runs through {name}" for name in sorted(crossed)]
    return found


def crossings(drawn: Layout) -> int:
    """Pairs of edges whose left-to-right order changes in a gap between layers, where edges bend (C)."""
    gaps: dict[float, list[tuple[float, float]]] = {}
    for edge in drawn.edges:
        here = (0.0, 0.0)
        for command, arguments in re.findall(r"([MLC])([^MLC]*)", edge.path):
            numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", arguments)]
            if command == "C":
                gaps.setdefault(here[1], []).append((here[0], numbers[4]))
            here = (numbers[-2], numbers[-1])
    return sum(
        (a[0] - b[0]) * (a[1] - b[1]) < 0
        for segments in gaps.values()
        for i, a in enumerate(segments)
        for b in segments[i + 1 :]
    )


def test_the_shipped_journeys_draw_true_maps() -> None:
    project = check_project(ROOT).project
    for journey in project.journeys.values():
        titles = {step.id: step.id for step in journey.steps}
        drawn = layout(journey, titles)
        assert faults(drawn) == [], journey.id
        assert [node.step.id if node.step else END for node in drawn.nodes] == [s.id for s in journey.steps] + [END]


def concept(step_id: str, next_step: str) -> Step:
    return Step(step_id, StepKind.CONCEPT, target=step_id, next=next_step)


def decision(step_id: str, *options: tuple[str, str]) -> Step:
    return Step(step_id, StepKind.DECISION, question="?", options=tuple(Option(label, goto) for label, goto in options))


def journey_of(*steps: Step) -> Journey:
    return Journey("j", "J", "", (), "beginner", (), steps, "journeys/j.yml")


def test_a_long_edge_keeps_a_lane_of_its_own() -> None:
    # The shape that once drew "library -> end" through "pays-off" and "verdict", as if the path went
    # through them, and put "Not yet" where it also read as the label of "deliverable -> examples".
    drawn = layout(
        journey_of(
            decision("rule", ("Yes, I can describe it", "detailed"), ("No", "enough")),
            concept("detailed", "deliverable"),
            concept("deliverable", "examples"),
            concept("examples", "library"),
            concept("library", END),
            decision("enough", ("Yes", "data"), ("Not yet", "examples")),
            concept("data", "pays-off"),
            concept("pays-off", "verdict"),
            concept("verdict", END),
        ),
        {},
    )
    assert faults(drawn) == []
    assert crossings(drawn) == 0  # with "Yes" to the left, "deliverable -> examples" crossed "enough -> data"
    library_to_end = next(e for e in drawn.edges if (e.source, e.target) == ("library", END))
    assert " L" in library_to_end.path  # straight down a lane of its own, through the layers it spans
    labels = {edge.label: (edge.source, edge.target) for edge in drawn.edges if edge.label}
    assert labels == {
        "Yes, I can describe it": ("rule", "detailed"),
        "No": ("rule", "enough"),
        "Yes": ("enough", "data"),
        "Not yet": ("enough", "examples"),
    }


@st.composite
def journeys(draw: st.DrawFn) -> Journey:
    """Random acyclic journeys of up to 30 steps, some with what the checker refuses but the layout
    must survive: steps nothing leads to, a ``next`` that names no step (which cuts the graph in two)."""
    count = draw(st.integers(min_value=1, max_value=30))
    steps = []
    for i in range(count):
        later = [f"s{j}" for j in range(i + 1, count)] + [END]
        if len(later) >= 2 and draw(st.booleans()):
            others = draw(st.lists(st.sampled_from(later[1:]), min_size=1, max_size=3, unique=True))
            words = st.text(alphabet="abcdefghij ,…", min_size=1, max_size=40).map(str.strip).filter(bool)
            labels = draw(st.lists(words, min_size=len(others) + 1, max_size=len(others) + 1))
            steps.append(decision(f"s{i}", *zip(labels, [later[0], *others], strict=True)))
        else:
            steps.append(concept(f"s{i}", draw(st.sampled_from([*later[:3], "gone"]))))
    return journey_of(*steps)


@settings(max_examples=60, deadline=timedelta(seconds=10))
@given(journeys())
def test_random_journeys_draw_true_maps(journey: Journey) -> None:
    drawn = layout(journey, {})
    assert faults(drawn) == []
    expected = sorted((source, target) for source, targets in graph.edges(journey).items() for target in targets)
    assert sorted((edge.source, edge.target) for edge in drawn.edges) == expected


@pytest.mark.parametrize("count", [200, 500])
def test_the_longest_journeys_lay_out(count: int) -> None:
    # 500 steps is the schema's limit; a branch every tenth step skips ahead.
    steps = [
        decision(f"s{i}", ("Go on", f"s{i + 1}"), ("Skip", f"s{min(i + 7, count - 1)}"))
        if i % 10 == 0 and i + 7 < count
        else concept(f"s{i}", f"s{i + 1}" if i + 1 < count else END)
        for i in range(count)
    ]
    drawn = layout(journey_of(*steps), {})
    assert len(drawn.nodes) == count + 1 and faults(drawn) == []


def test_the_layout_does_without_numpy_but_leaves_it_importable() -> None:
    # grandalf imports numpy when it can, for 14 MB and 0.1 s a build and nothing the layout uses.
    script = "import sys, waypost.layout; print('numpy' in sys.modules)"
    if importlib.util.find_spec("numpy") is not None:  # not a dependency: present here, maybe not elsewhere
        script += "; import numpy; print('numpy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.stdout.split() == ["False", "True"][: script.count("print")], result.stderr
