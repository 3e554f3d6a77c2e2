"""Second pass for the placement: its question graph, the steps it names, and the journeys it leaves out.

Whether each recommended journey exists is checked with every other
reference, in ``semantics``; this module checks what only a placement has.
"""

from __future__ import annotations

from waypost import graph
from waypost.choices import repeated_labels
from waypost.model import Journey, Project
from waypost.placement import Questionnaire, edges
from waypost.problems import Problem, error, warning
from waypost.sources import PLACEMENT_FILE, Document, JsonPath
from waypost.suggest import closest, did_you_mean


def check_placement(questionnaire: Questionnaire, documents: dict[str, Document], project: Project) -> list[Problem]:
    doc = documents[questionnaire.path]
    return (
        check_question_graph(questionnaire, doc)
        + check_steps(questionnaire, doc, project)
        + check_every_journey_recommended(questionnaire, documents, project)
    )


def check_question_graph(questionnaire: Questionnaire, doc: Document) -> list[Problem]:
    """Ids unique, every `goto` names a question, every question reachable, no loops."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, question in enumerate(questionnaire.questions):
        if question.id in seen:
            problems.append(
                error(
                    doc.path,
                    doc.positions.of_value(("questions", i, "id")),
                    "duplicate-question",
                    f"question id '{question.id}' is used twice in this file",
                    "give each question its own id",
                )
            )
        seen.add(question.id)
    known = list(dict.fromkeys(q.id for q in questionnaire.questions))
    for i, question in enumerate(questionnaire.questions):
        labels = ((("questions", i, "options", j, "label"), a.label) for j, a in enumerate(question.answers))
        problems += repeated_labels(doc, labels)
        for j, answer in enumerate(question.answers):
            if answer.goto and answer.goto not in seen:
                problems.append(
                    error(
                        doc.path,
                        doc.positions.of_value(("questions", i, "options", j, "goto")),
                        "unknown-question",
                        f"no question '{answer.goto}' in this file",
                        did_you_mean(answer.goto, known) or f"known questions: {', '.join(known)}",
                    )
                )
    if problems:
        # Reachability and loops over broken edges would only repeat these errors.
        return problems

    index = {q.id: i for i, q in enumerate(questionnaire.questions)}
    question_graph = edges(questionnaire)
    reached = graph.reachable_from(questionnaire.first.id, question_graph)
    for i, question in enumerate(questionnaire.questions):
        if question.id not in reached:
            problems.append(
                error(
                    doc.path,
                    doc.positions.of_value(("questions", i, "id")),
                    "placement-unreachable",
                    f"question '{question.id}' cannot be reached from the first question '{questionnaire.first.id}'",
                    "point an option's 'goto' at it, or remove the question",
                )
            )
    for chain in graph.cycles_in(question_graph):
        i = index[chain[-2]]
        j = next(k for k, a in enumerate(questionnaire.questions[i].answers) if a.goto == chain[-1])
        problems.append(
            error(
                doc.path,
                doc.positions.of_value(("questions", i, "options", j, "goto")),
                "placement-cycle",
                f"questions loop back on themselves: {' → '.join(chain)}",
                "the questions run one way: point this option at a later question or give it a 'recommend'",
            )
        )
    return problems


def check_steps(questionnaire: Questionnaire, doc: Document, project: Project) -> list[Problem]:
    """A recommended step is a step of its journey (an unknown journey is reported as a reference)."""
    problems: list[Problem] = []
    journeys = _journeys_by_name(project)
    for i, question in enumerate(questionnaire.questions):
        for j, answer in enumerate(question.answers):
            rec = answer.recommend
            journey = journeys.get(rec.journey) if rec else None
            if rec is None or journey is None or not rec.step:
                continue
            path: JsonPath = ("questions", i, "options", j, "recommend", "step")
            where = doc.positions.of_value(path)
            if journey.step(rec.step) is not None:
                continue
            renamed = journey.renamed_step(rec.step)
            if renamed is not None:
                problems.append(
                    warning(
                        doc.path,
                        where,
                        "outdated-reference",
                        f"'{rec.step}' is an old id of step '{renamed.id}' in journey '{journey.id}'",
                        f"write '{renamed.id}'",
                    )
                )
                continue
            known = list(dict.fromkeys(s.id for s in journey.steps))
            problems.append(
                error(
                    doc.path,
                    where,
                    "unknown-step",
                    f"no step '{rec.step}' in journey '{journey.id}'",
                    did_you_mean(rec.step, known) or f"its steps: {', '.join(known)}",
                )
            )
    return problems


def check_every_journey_recommended(
    questionnaire: Questionnaire, documents: dict[str, Document], project: Project
) -> list[Problem]:
    """Warnings: a journey no answer leads to is one the "Where do I start?" page never offers."""
    journeys = _journeys_by_name(project)
    named = [rec.journey for _, _, rec in questionnaire.recommendations()]
    recommended = {journeys[name].id for name in named if name in journeys}
    # A misspelt recommendation has its own error, whose hint names the journey it most likely meant.
    recommended |= {journeys[meant].id for name in named if name not in journeys and (meant := closest(name, journeys))}
    return [
        warning(
            journey.path,
            documents[journey.path].positions.of_value(("id",)),
            "journey-not-recommended",
            f"journey '{journey.id}' is recommended by no answer in {PLACEMENT_FILE}",
            f"add an option with 'recommend: {{journey: {journey.id}, reason: ...}}' to a question in {PLACEMENT_FILE}",
        )
        for journey in project.journeys.values()
        if journey.id not in recommended
    ]


def _journeys_by_name(project: Project) -> dict[str, Journey]:
    """Each journey under its id and its old ids: a recommendation may still use an old one."""
    found = {alias: j for j in project.journeys.values() for alias in j.aliases}
    found.update(project.journeys)
    return found
