"""What cards and journey pages say of a journey's length: the span of its complete routes."""

from __future__ import annotations

import itertools
import re
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from waypost import graph
from waypost.model import END, Journey, Option, Step, StepKind
from waypost.render import _minutes_span


def concept(step_id: str, next_step: str) -> Step:
    return Step(step_id, StepKind.CONCEPT, target=step_id, next=next_step)


def decision(step_id: str, *targets: str) -> Step:
    return Step(step_id, StepKind.DECISION, question="?", options=tuple(Option(t, t) for t in targets))


def journey_of(*steps: Step) -> Journey:
    return Journey("j", "J", "", (), "beginner", (), steps, "journeys/j.yml")


def is_content(step: Step) -> int:
    return int(step.kind is not StepKind.DECISION)


def test_a_branching_journey_spans_its_shortest_and_longest_route() -> None:
    # The shape of the shipped "Should I fine-tune?": a short branch rejoins the long one near its end.
    journey = journey_of(
        concept("difference", "rule"),
        decision("rule", "detailed", "enough"),
        concept("detailed", "deliverable"),
        concept("deliverable", "examples"),
        concept("examples", "library"),
        concept("library", END),
        decision("enough", "data", "examples"),
        concept("data", "pays-off"),
        concept("pays-off", END),
    )
    assert graph.route_costs(journey, is_content) == (3, 5)
    minutes = {
        "difference": 5,
        "detailed": 5,
        "deliverable": 45,
        "examples": 5,
        "library": 30,
        "data": 5,
        "pays-off": 40,
    }
    assert graph.route_costs(journey, lambda s: minutes.get(s.id, 0) if s.kind is StepKind.CONCEPT else 0) == (
        40,
        90,
    )


def test_a_journey_without_decisions_has_one_length() -> None:
    journey = journey_of(concept("a", "b"), concept("b", "c"), concept("c", END))
    assert graph.route_costs(journey, is_content) == (3, 3)


@st.composite
def checked_journeys(draw: st.DrawFn) -> Journey:
    """Random journeys the checker accepts as to shape: no loops, every ``next`` names a later step or the end."""
    count = draw(st.integers(min_value=1, max_value=12))
    steps = []
    for i in range(count):
        later = [f"s{j}" for j in range(i + 1, count)] + [END]
        if len(later) >= 2 and draw(st.booleans()):
            steps.append(
                decision(f"s{i}", *draw(st.lists(st.sampled_from(later), min_size=2, max_size=3, unique=True)))
            )
        else:
            steps.append(concept(f"s{i}", draw(st.sampled_from(later[:3]))))
    return journey_of(*steps)


def every_route(journey: Journey) -> list[list[Step]]:
    by_id = {s.id: s for s in journey.steps}
    routes, todo = [], [[journey.first]]
    while todo:
        route = todo.pop()
        for target in route[-1].successors:
            if target == END:
                routes.append(route)
            else:
                todo.append([*route, by_id[target]])
    return routes


@settings(max_examples=150, deadline=timedelta(seconds=5))
@given(checked_journeys())
def test_the_span_is_that_of_every_complete_route(journey: Journey) -> None:
    lengths = [sum(map(is_content, route)) for route in every_route(journey)]
    assert graph.route_costs(journey, is_content) == (min(lengths), max(lengths))


def test_time_spans_read_as_one_figure_or_a_range() -> None:
    assert [_minutes_span(*span) for span in [(40, 40), (2, 16), (45, 130), (60, 120), (90, 90)]] == [
        "40 min",
        "2 to 16 min",
        "45 min to 2 h 10 min",
        "1 h to 2 h",
        "1 h 30 min",
    ]


@settings(max_examples=150, deadline=timedelta(seconds=5))
@given(checked_journeys())
def test_the_steps_that_may_come_before_a_step_are_those_of_every_route(journey: Journey) -> None:
    """What a step's page may name as "Previous": the content step before it on each route that passes it."""
    expected: dict[str, set[str]] = {s.id: set() for s in journey.steps}
    for route in every_route(journey):
        content = [s for s in route if s.kind is not StepKind.DECISION]
        for earlier, step in itertools.pairwise(content):
            expected[step.id].add(earlier.id)
    reached = {s.id for route in every_route(journey) for s in route if s.kind is not StepKind.DECISION}
    before = graph.content_before(journey)
    assert {step: set(ids) for step, ids in before.items() if step in reached} == {
        step: ids for step, ids in expected.items() if step in reached
    }


def test_a_step_whose_position_differs_by_route_is_marked_so() -> None:
    from waypost.index import place_steps

    journey = journey_of(
        concept("difference", "rule"),
        decision("rule", "detailed", "examples"),
        concept("detailed", "examples"),
        concept("examples", "library"),
        concept("library", END),
    )
    placed = {p.step.id: (p.position, p.total, p.varies) for p in place_steps(journey)}
    assert placed == {
        "difference": (1, 3, True),  # its total: 3 or 4
        "detailed": (2, 4, False),  # on one route only
        "examples": (2, 3, True),  # second or third
        "library": (3, 3, True),
    }
    assert not any(p.varies for p in place_steps(journey_of(concept("a", "b"), concept("b", END))))


def test_starting_at_a_later_step_settles_the_decisions_on_the_way_there() -> None:
    from waypost.index import route_choices

    journey = journey_of(
        concept("difference", "rule"),
        decision("rule", "detailed", "enough"),
        concept("detailed", "examples"),
        decision("enough", "data", "examples"),
        concept("examples", END),
        concept("data", END),
    )
    assert route_choices(journey, "detailed") == {"rule": "detailed"}
    assert route_choices(journey, "examples") == {"rule": "enough", "enough": "examples"}  # the way with fewest steps
    assert route_choices(journey, "difference") == {}


def test_only_journeys_up_to_a_size_put_their_graph_on_their_step_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import ROOT
    from waypost import render
    from waypost.check import check_project
    from waypost.headings import Headings, HeadingStyle
    from waypost.index import build_index
    from waypost.urls import Urls

    index = build_index(check_project(ROOT).project)
    concept = index.project.concepts["examples-in-the-prompt"]  # its place in "Should I fine-tune?" varies

    def links() -> str:
        page = render.Page(index, Urls(), "concepts/examples-in-the-prompt/")
        return render.content_links(concept, page, Headings(HeadingStyle(), set()))

    assert "data-wp-at=" in links()
    # "Previous" on each route that passes it, and for a learner who began here: the browser shows theirs.
    section = links().split('data-wp-journey="should-i-fine-tune"', 1)[1].split("</section>", 1)[0]
    alternatives = re.findall(r'data-wp-prev="([^"]*)"( data-wp-alt hidden)?>([^<]*)', section)
    assert alternatives == [
        ("the-difference", "", "Previous: "),
        ("deliverable-prompt", " data-wp-alt hidden", "Previous: "),
        ("", " data-wp-alt hidden", "This is where you start the journey."),
    ]
    monkeypatch.setattr(render, "ROUTE_GRAPH_STEPS", 5)
    assert "data-wp-at=" not in links() and "data-wp-prev" not in links()
