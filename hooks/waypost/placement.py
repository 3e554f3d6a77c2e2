"""The placement: the questions of the "Where do I start?" page, as plain data.

A placement is a small graph. Questions are its nodes; each answer either
leads to another question or ends in a recommendation (a journey, maybe a
step inside it, and why). It lives in one optional file, ``placement.yml``
at the project root, because it spans every journey rather than being one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from waypost.sources import Document


@dataclass(frozen=True)
class Recommendation:
    """Where an answer sends the learner."""

    journey: str
    """The journey's id as written (possibly an old id: the checker warns about those)."""
    reason: str
    step: str = ""
    """The step to start at, as written; empty to start at the journey's beginning."""


@dataclass(frozen=True)
class Answer:
    """One option of a question: it leads to another question or recommends a journey, never both."""

    label: str
    goto: str = ""
    """The next question's id; empty when the answer recommends."""
    recommend: Recommendation | None = None


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    answers: tuple[Answer, ...]
    help: str = ""


@dataclass(frozen=True)
class Questionnaire:
    """The whole placement file. The first question is asked first."""

    title: str
    summary: str
    questions: tuple[Question, ...]
    path: str

    @property
    def first(self) -> Question:
        return self.questions[0]

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def recommendations(self) -> list[tuple[Question, int, Recommendation]]:
        """Every recommendation with the question and answer index that give it, in file order."""
        return [(q, i, a.recommend) for q in self.questions for i, a in enumerate(q.answers) if a.recommend is not None]


def questionnaire_from(doc: Document) -> Questionnaire:
    """The model of a placement document that passed the schema check."""
    d = doc.data
    return Questionnaire(
        title=d["title"],
        summary=d["summary"],
        questions=tuple(_question(q) for q in d["questions"]),
        path=doc.path,
    )


def _question(q: dict[str, Any]) -> Question:
    answers = []
    for option in q["options"]:
        rec = option.get("recommend")
        recommendation = Recommendation(rec["journey"], rec["reason"], rec.get("step", "")) if rec else None
        answers.append(Answer(option["label"], option.get("goto", ""), recommendation))
    return Question(q["id"], q["question"], tuple(answers), q.get("help", ""))


def edges(questionnaire: Questionnaire) -> dict[str, tuple[str, ...]]:
    """Each question's next questions, as written; a repeated id keeps its first question."""
    found: dict[str, tuple[str, ...]] = {}
    for q in questionnaire.questions:
        found.setdefault(q.id, tuple(a.goto for a in q.answers if a.goto))
    return found


def nesting(questionnaire: Questionnaire) -> dict[tuple[str, int], str]:
    """Where each question sits in the page's nested list: under the first answer, depth first, that leads to it.

    The placement is a graph, so a question may follow several answers. The
    list shows it once, nested under the first of them; the other answers
    link to it. Keys are (question id, answer index); values the nested question.
    """
    by_id = {q.id: q for q in reversed(questionnaire.questions)}  # a repeated id keeps its first question
    placed = {questionnaire.first.id}
    parent_of: dict[tuple[str, int], str] = {}
    stack = [(questionnaire.first, 0)]
    while stack:
        question, index = stack.pop()
        if index >= len(question.answers):
            continue
        stack.append((question, index + 1))
        target = question.answers[index].goto
        if target in by_id and target not in placed:
            placed.add(target)
            parent_of[(question.id, index)] = target
            stack.append((by_id[target], 0))
    return parent_of
