"""Rendering the placement: the "Where do I start?" page and the "Recommended for you" slot.

Everything the page shows, with or without JavaScript, is in its HTML,
escaped by the templates: the question-at-a-time form (each question and
each recommendation, hidden until reached) and the same questions as one
nested list for readers without JavaScript. ``assets/placement.js`` only
shows, hides and links what is already there.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from waypost.index import route_choices
from waypost.model import Journey, Step
from waypost.placement import Questionnaire, Recommendation, nesting
from waypost.render import Page, front_matter, item_key, render_template
from waypost.urls import START_PAGE, relative

TREE_HEADING = "Every question and answer"


def start_page(page: Page) -> str:
    """The whole Markdown source of the generated start page."""
    questionnaire = _require(page)
    questions, results = _views(questionnaire, page)
    body = render_template(
        "start.md.j2",
        questionnaire=questionnaire,
        questions=list(questions.values()),
        root=questions[questionnaire.first.id],
        results=results,
        slot=Markup(recommended_slot(page, on_start_page=True)),
        tree_heading=TREE_HEADING,
    )
    return front_matter(title=questionnaire.title, description=questionnaire.summary) + body


def recommended_slot(page: Page, on_start_page: bool = False) -> str:
    """The place where a remembered recommendation shows, or '' when the project has no placement.

    It holds both states, so filling it in moves nothing else on the page:
    without a recommendation it invites the learner to the start page.
    """
    questionnaire = page.index.project.placement
    if questionnaire is None:
        return ""
    journeys = []
    for journey_id in dict.fromkeys(_journey(page, rec).id for _, _, rec in questionnaire.recommendations()):
        journey = page.index.project.journeys[journey_id]
        journeys.append(
            {
                "id": journey.id,
                "aliases": list(journey.aliases),
                "title": journey.title,
                "href": page.journey_href(journey),
                "items": _progress_keys(journey, page),
            }
        )
    return render_template(
        "recommended.html.j2",
        journeys=journeys,
        on_start_page=on_start_page,
        title=questionnaire.title,
        start_href=start_href(page),
    )


def start_href(page: Page) -> str:
    """The start page as seen from ``page``; '' when the project has none."""
    if page.index.project.placement is None:
        return ""
    return relative(page.urls.of_source(START_PAGE), page.here)


def _require(page: Page) -> Questionnaire:
    assert page.index.project.placement is not None, "the start page exists only with a placement"
    return page.index.project.placement


def _views(questionnaire: Questionnaire, page: Page) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """Each question once, by id, with its answers; and each recommendation as a result of the form."""
    questions: dict[str, dict[str, Any]] = {}
    results: list[dict[str, Any]] = []
    texts = {q.id: q.text for q in reversed(questionnaire.questions)}
    for question in questionnaire.questions:
        if question.id in questions:
            continue  # the checker reports repeated ids; the first one counts
        answers = []
        for index, answer in enumerate(question.answers):
            view: dict[str, Any] = {"index": index, "label": answer.label, "goto": answer.goto, "nested": None}
            if answer.recommend is not None:
                result = _result(answer.recommend, page) | {"id": f"wp-result-{question.id}-{index}"}
                results.append(result)
                view |= {"result": result, "goto_text": ""}
            else:
                view |= {"result": None, "goto_text": texts[answer.goto]}
            answers.append(view)
        questions[question.id] = {"id": question.id, "text": question.text, "help": question.help, "answers": answers}
    for (question_id, index), child in nesting(questionnaire).items():
        questions[question_id]["answers"][index]["nested"] = questions[child]
    return questions, results


def _result(rec: Recommendation, page: Page) -> dict[str, Any]:
    journey = _journey(page, rec)
    step = _step(journey, rec.step)
    return {
        "journey": journey,
        "journey_href": page.journey_href(journey),
        "start_href": page.step_href(journey, step) if step else page.journey_href(journey),
        "step_id": step.id if step else "",
        "choices": route_choices(journey, step.id) if step else {},
        "step_title": page.title_of(step) if step else "",
        "reason": rec.reason,
        "items": _progress_keys(journey, page),
    }


def _journey(page: Page, rec: Recommendation) -> Journey:
    journey_id = page.index.resolve("journey", rec.journey)
    assert journey_id is not None, "the checker guarantees recommended journeys exist"
    return page.index.project.journeys[journey_id]


def _step(journey: Journey, name: str) -> Step | None:
    """The step a recommendation starts at, by id or old id; None to start at the beginning."""
    if not name:
        return None
    return journey.step_named(name)


def _progress_keys(journey: Journey, page: Page) -> list[str]:
    """How browser progress names the journey's concepts and exercises, old ids included.

    Any one of them marked done means the learner has started the journey.
    """
    project = page.index.project
    keys = set()
    for kind, item_id in page.index.journey_content[journey.id]:
        keys.add(item_key(kind, item_id))
        item = project.concepts.get(item_id) if kind == "concept" else project.exercises.get(item_id)
        keys.update(item_key(kind, alias) for alias in (item.aliases if item else ()))
    return sorted(keys)
