"""Rendering: the model and the index in, Markdown and HTML fragments out.

Every fragment comes from a template in ``templates/`` rendered with
autoescaping on, so text from YAML or front matter is always escaped where
it lands. Generated pages are Markdown with raw HTML blocks: Python-Markdown
passes the HTML through untouched and still turns the fixed ``##`` headings
into the page's table of contents and search sections. The sections of
concept and exercise pages are HTML, added once the writer's Markdown is
converted; their headings come from ``waypost.headings``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from waypost import layout as map_layout
from waypost.headings import Headings, HeadingStyle, TocEntry
from waypost.index import LEVEL_ORDER, Placement, SiteIndex
from waypost.model import END, Concept, Exercise, Journey, Step, StepKind
from waypost.navigation import group_label
from waypost.urls import JOURNEYS_INDEX, START_PAGE, Urls, relative

KIND_LABELS = {"concept": "Concept", "exercise": "Exercise", "decision": "Decision", "end": "End"}
AUDIENCE_LABELS = {"freelancers": "freelancers", "productivity-users": "productivity users", "beginners": "beginners"}
ROUTE_GRAPH_STEPS = 60
"""Up to this many steps, a journey's step pages carry its graph where the learner's route may change their
"Step X of Y"; a longer journey's pages keep the figure of the shortest route through them."""
JOURNEYS_INTRO = (
    "Each journey is a path through concepts and exercises, with decisions where your situation "
    "decides the next step. Progress is kept in your browser."
)


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("waypost", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,  # the templates ship with the package: no need to look at their files on every page
    )


def render_template(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def front_matter(**fields: Any) -> str:
    """A YAML front-matter block, safely dumped."""
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=True) + "---\n"


def minutes_text(minutes: int) -> str:
    if minutes < 60:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def item_key(kind: str, item_id: str) -> str:
    """How browser progress names a concept or exercise: ``concept:what-is-prompting``."""
    return f"{kind}:{item_id}"


@dataclass(frozen=True)
class Page:
    """Links and lookups for one page being rendered."""

    index: SiteIndex
    urls: Urls
    here: str
    """The URL of the page being rendered, relative to the site root."""

    def href(self, kind: str, item_id: str) -> str:
        return relative(self.urls.of(kind, item_id), self.here)

    def journey_href(self, journey: Journey, step: Step | None = None) -> str:
        href = self.href("journey", journey.id)
        return f"{href}#step-{step.id}" if step else href

    def step_href(self, journey: Journey, step: Step) -> str:
        """Where a step of a journey leads: its content page, or the journey's list for decisions."""
        if step.kind is StepKind.DECISION:
            return self.journey_href(journey, step)
        return self.href(step.kind.value, step.target)

    def title_of(self, step: Step) -> str:
        project = self.index.project
        if step.kind is StepKind.CONCEPT:
            return project.concepts[step.target].title
        if step.kind is StepKind.EXERCISE:
            return project.exercises[step.target].title
        return step.question

    def link(self, kind: str, item_id: str) -> dict[str, str]:
        project = self.index.project
        item: Concept | Exercise = project.concepts[item_id] if kind == "concept" else project.exercises[item_id]
        return {
            "href": self.href(kind, item_id),
            "title": item.title,
            "key": item_key(kind, item_id),
            "kind_label": f"{KIND_LABELS[kind]} · {item.minutes} min",
            "minutes": str(item.minutes),
        }


# Concept and exercise pages -------------------------------------------------


@dataclass(frozen=True)
class Sections:
    """What Waypost adds to a concept or exercise page, and the headings that adds."""

    top: str
    bottom: str
    links: str
    made: tuple[TocEntry, ...]
    """The headings for the page's table of contents, in page order."""
    taken: frozenset[str]
    """Every id of the page: the writer's, and the headings'."""


def content_sections(item: Concept | Exercise, page: Page, style: HeadingStyle, ids: set[str]) -> Sections:
    """The sections of ``item``'s page, whose own HTML already has ``ids``: its headings take others."""
    headings = Headings(style, set(ids))
    top = content_top(item, page)
    bottom, links = content_bottom(item, headings), content_links(item, page, headings)
    return Sections(top, bottom, links, tuple(headings.made), frozenset(headings.taken))


def content_top(item: Concept | Exercise, page: Page) -> str:
    """The answer first: summary, facts and (for exercises) the outcome, above the body."""
    kind = "concept" if isinstance(item, Concept) else "exercise"
    if isinstance(item, Concept):
        facts = [item.level.capitalize(), f"For {_audience(item.audience)}", f"{item.minutes} min read"]
        outcome = ""
    else:
        facts = [f"{minutes_text(item.minutes)} exercise", f"{len(item.tasks)} tasks"]
        outcome = item.outcome
    return render_template(
        "content_top.html.j2",
        item=item,
        item_key=item_key(kind, item.id),
        alias_keys=[item_key(kind, a) for a in item.aliases],
        facts=facts,
        outcome=outcome,
    )


def content_bottom(item: Concept | Exercise, heading: Headings) -> str:
    """What the learner does on the page, below the body: the exercise's checklist and "Mark as done".

    ``heading`` makes the sections' headings, and keeps them for the page's table of contents.
    """
    kind = "concept" if isinstance(item, Concept) else "exercise"
    return render_template(
        "content_bottom.html.j2",
        heading=heading,
        item=item,
        item_key=item_key(kind, item.id),
        kind_noun=kind,
        tasks=item.tasks if isinstance(item, Exercise) else (),
    )


def content_links(item: Concept | Exercise, page: Page, heading: Headings) -> str:
    """Where to go from the page, after ``content_bottom``: "Try this", related content, its place in each journey.

    ``heading`` makes the sections' headings, and keeps them for the page's table of contents.
    """
    project = page.index.project
    if isinstance(item, Concept):
        step_kind = StepKind.CONCEPT
        try_this = [
            {
                "key": item_key("exercise", e),
                "href": page.href("exercise", e),
                "title": project.exercises[e].title,
                "minutes": project.exercises[e].minutes,
                "summary": project.exercises[e].summary,
            }
            for e in item.exercises
            if e in project.exercises
        ]
        related = [page.link("concept", c) for c in item.related if c in project.concepts]
        practises: list[dict[str, str]] = []
    else:
        step_kind = StepKind.EXERCISE
        try_this, related = [], []
        practises = [page.link("concept", c) for c in item.concepts if c in project.concepts]
    placements = [_placement(p, page) for p in page.index.placements_of(step_kind, item.id)]
    more = [
        {"href": page.href("journey", j.id), "title": j.title} for j in page.index.related_to_item(step_kind, item.id)
    ]
    return render_template(
        "content_links.html.j2",
        heading=heading,
        try_this=try_this,
        practises=practises,
        related=related,
        placements=placements,
        more_journeys=more,
    )


def _placement(placement: Placement, page: Page) -> dict[str, Any]:
    journey = placement.journey
    result: dict[str, Any] = {
        "journey": journey,
        "journey_href": page.journey_href(journey),
        "step": placement.step.id,
        # Where the learner's own route may give another position, the browser works it out from the graph
        # (up to a size: each page of a journey would carry all of it).
        "graph": journey_graph_data(journey, page)
        if placement.varies and len(journey.steps) <= ROUTE_GRAPH_STEPS
        else None,
        "position": placement.position,
        "total": placement.total,
        "previous": None,
        "next": None,
        "decision": None,
    }
    if placement.previous:
        result["previous"] = _step_link(journey, placement.previous, page)
    if result["graph"]:
        # The browser shows the one the learner's route passes, or that their route starts here (a later start).
        result["other_previous"] = [
            _step_link(journey, step, page) for step in placement.previous_on_routes if step != placement.previous
        ]
    ahead = placement.ahead
    if ahead and ahead.kind is StepKind.DECISION:
        result["decision"] = {
            "step": ahead.id,
            "question": ahead.question,
            "options": [_option(journey, o.label, o.goto, page) for o in ahead.options],
        }
    elif ahead:
        result["next"] = _step_link(journey, ahead, page)
    return result


def _step_link(journey: Journey, step: Step, page: Page) -> dict[str, str]:
    return {"step": step.id, "href": page.step_href(journey, step), "title": page.title_of(step)}


def _option(journey: Journey, label: str, goto: str, page: Page) -> dict[str, str]:
    if goto == END:
        return {"label": label, "href": page.journey_href(journey), "title": "the end of the journey", "goto": END}
    step = journey.step(goto)
    assert step is not None, "the checker guarantees option targets exist"
    return {"label": label, "href": page.step_href(journey, step), "title": page.title_of(step), "goto": goto}


# Journey pages --------------------------------------------------------------


def journey_graph_data(journey: Journey, page: Page) -> dict[str, Any]:
    """The journey's structure for the browser: steps, successors, and old ids to migrate.

    Old ids of the steps' concepts and exercises travel with the graph, so that
    progress kept under them counts on journey pages and cards too.
    """
    project = page.index.project
    steps = []
    for step in journey.steps:
        entry: dict[str, Any] = {"id": step.id, "next": list(step.successors)}
        if step.kind is StepKind.DECISION:
            entry["decide"] = True
        else:
            entry["item"] = item_key(step.kind.value, step.target)
            items = project.concepts if step.kind is StepKind.CONCEPT else project.exercises
            if items[step.target].aliases:
                entry["was"] = [item_key(step.kind.value, old) for old in items[step.target].aliases]
        if step.aliases:
            entry["aliases"] = list(step.aliases)
        steps.append(entry)
    return {"id": journey.id, "first": journey.first.id, "steps": steps, "aliases": list(journey.aliases)}


def journey_page(journey: Journey, page: Page) -> str:
    """The whole Markdown source of a journey's generated page."""
    steps = []
    for step in journey.steps:
        if step.kind is StepKind.DECISION:
            steps.append(
                {
                    "decision": True,
                    "id": step.id,
                    "question": step.question,
                    "options": [
                        {**_option(journey, o.label, o.goto, page), "href": _anchor(o.goto, page, journey)}
                        for o in step.options
                    ],
                }
            )
            continue
        link = page.link(step.kind.value, step.target)
        steps.append(
            {
                "decision": False,
                "id": step.id,
                "kind": step.kind.value,
                "kind_label": KIND_LABELS[step.kind.value],
                "key": item_key(step.kind.value, step.target),
                "href": link["href"],
                "title": link["title"],
                "minutes": link["minutes"],
                "ends": step.next == END and step is not journey.steps[-1],
            }
        )
    titles = {s.id: page.title_of(s) for s in journey.steps}
    hrefs = {s.id: page.step_href(journey, s) for s in journey.steps}
    svg = Markup(
        render_template(
            "map.svg.j2",
            layout=map_layout.layout(journey, titles),
            hrefs=hrefs,
            kind_labels=KIND_LABELS,
            journey_id=journey.id,
        )
    )
    body = render_template(
        "journey.md.j2",
        journey=journey,
        graph=journey_graph_data(journey, page),
        facts=journey_facts_line(journey, page),
        start_href=page.step_href(journey, journey.first),
        svg=svg,
        steps=steps,
        related=[journey_card(j, page) for j in page.index.related_to_journey(journey)],
    )
    return front_matter(title=journey.title, description=journey.summary) + body


def _anchor(goto: str, page: Page, journey: Journey) -> str:
    """Options in a journey's own step list jump to the step they lead to."""
    return "#step-" + goto if goto != END else "#steps"


def journey_facts_line(journey: Journey, page: Page) -> list[str]:
    """Level, audience, steps and time; for a journey with decisions, from its shortest route to its longest."""
    facts = page.index.facts[journey.id]
    decisions = sum(1 for s in journey.steps if s.kind is StepKind.DECISION)
    fewest, most = facts.steps
    steps = _count(fewest, "step") if fewest == most else f"{fewest} to {most} steps"
    return [
        journey.level.capitalize(),
        f"For {_audience(journey.audience)}",
        steps + (", " + _count(decisions, "decision") if decisions else ""),
        f"about {_minutes_span(*facts.minutes)}",
    ]


def _minutes_span(low: int, high: int) -> str:
    """``40 min``, ``40 to 55 min``, ``40 min to 2 h``."""
    if low == high:
        return minutes_text(low)
    if high < 60:
        return f"{low} to {high} min"
    return f"{minutes_text(low)} to {minutes_text(high)}"


def journey_card(journey: Journey, page: Page) -> dict[str, Any]:
    return {
        "journey": journey,
        "href": page.journey_href(journey),
        "graph": journey_graph_data(journey, page),
        "facts": journey_facts_line(journey, page),
    }


def journeys_index(page: Page) -> str:
    """The journeys index: every journey as a card, grouped by level."""
    levels: dict[str, list[dict[str, Any]]] = {}
    for journey in page.index.journeys_by_level():
        levels.setdefault(journey.level.capitalize(), []).append(journey_card(journey, page))
    ordered = sorted(levels.items(), key=lambda item: LEVEL_ORDER.get(item[0].lower(), 9))
    placement = page.index.project.placement
    start = (
        {"title": placement.title, "href": relative(page.urls.of_source(START_PAGE), page.here)} if placement else None
    )
    body = render_template("journeys_index.md.j2", intro=JOURNEYS_INTRO, levels=ordered, start=start)
    return front_matter(title="Journeys", description=JOURNEYS_INTRO) + body


def journey_cards(page: Page) -> str:
    """The cards alone, for the home page's ``<!-- waypost:journey-cards -->`` marker."""
    cards = [journey_card(j, page) for j in page.index.journeys_by_level()]
    macros = environment().get_template("_macros.html.j2").module
    return str(macros.cards(cards))  # type: ignore[attr-defined]


INDEX_INTROS = {
    "concept": "Every concept on this site, A to Z. Journeys put them in a useful order; this list is for finding one.",
    "exercise": "Every exercise on this site, A to Z, with the time it takes.",
}


def content_index(kind: str, title: str, page: Page) -> str:
    """Every concept (or exercise) A to Z: what a long section's sidebar links to instead of listing them all."""
    project = page.index.project
    items: list[Concept | Exercise] = [*(project.concepts if kind == "concept" else project.exercises).values()]
    groups: dict[str, list[dict[str, str]]] = {}
    for item in sorted(items, key=lambda i: (i.title.lower(), i.id)):
        if isinstance(item, Concept):
            facts = f"{item.level.capitalize()} · {item.minutes} min"
        else:
            facts = f"{minutes_text(item.minutes)} · {_count(len(item.tasks), 'task')}"
        groups.setdefault(group_label(item.title), []).append(
            {
                "key": item_key(kind, item.id),
                "href": page.href(kind, item.id),
                "title": item.title,
                "facts": facts,
                "summary": item.summary,
            }
        )
    ordered = sorted(groups.items(), key=lambda group: (group[0] == "Other", group[0]))
    body = render_template("content_index.md.j2", intro=INDEX_INTROS[kind], groups=ordered)
    return front_matter(title=title, description=INDEX_INTROS[kind]) + body


CONTRIBUTE_INTROS = {
    "concept": (
        "A concept is a Markdown file with YAML front matter. "
        "These are its fields, read from schemas/concept.schema.json."
    ),
    "exercise": (
        "An exercise is a Markdown file with YAML front matter and a checklist of tasks. "
        "These are its fields, read from schemas/exercise.schema.json."
    ),
    "journey": (
        "A journey is a YAML file of steps and decisions. These are its fields, read from schemas/journey.schema.json."
    ),
    "placement": (
        "The placement, placement.yml at the project root, holds the questions of the start page and the journey "
        "each answer leads to. These are its fields, read from schemas/placement.schema.json."
    ),
}
CONTRIBUTE_TITLES = {
    "concept": "Concept fields",
    "exercise": "Exercise fields",
    "journey": "Journey fields",
    "placement": "Placement fields",
}


def contribute_reference(kind: str, tables: list[Any]) -> str:
    """A field reference page, generated from the schemas so it cannot drift from them."""
    body = render_template("contribute_reference.md.j2", intro=CONTRIBUTE_INTROS[kind], tables=tables)
    return front_matter(title=CONTRIBUTE_TITLES[kind], description=CONTRIBUTE_INTROS[kind]) + body


def contribute_index(links: dict[str, str], rules: Any) -> str:
    body = render_template("contribute_index.md.j2", links=links, rules=rules)
    return (
        front_matter(title="Contribute", description="How to add and fix content, and what the checker reports.") + body
    )


def problems_page(lines: list[str], summary: str) -> str:
    return render_template("problems.md.j2", lines=lines, summary=summary)


def redirect_page(title: str, href: str) -> str:
    return render_template("redirect.html.j2", title=title, href=href)


def journeys_index_url(urls: Urls) -> str:
    return urls.of_source(JOURNEYS_INDEX)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _audience(audience: tuple[str, ...]) -> str:
    names = [AUDIENCE_LABELS.get(a, a) for a in audience]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
