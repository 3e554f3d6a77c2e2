"""The text ``waypost new`` writes for the writer to replace, and the check that none is left.

Placeholders are sentences in fields and in the body, and comments beside
the references a template has to fill with some existing id.

A new file checks from the start, so that a writer can preview it at once;
each placeholder left is a ``template-text`` warning, which fails
``waypost check --strict`` (the pre-commit hook, the published site) until
the writer has said it in their own words.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from waypost.policy_check import field_name
from waypost.problems import Position, Problem, warning
from waypost.sources import Document, JsonPath

CONCEPT_SUMMARY = "Answer the page's question in one short paragraph: this is what readers see first."
CONCEPT_BODY = (
    "Explain the idea in plain words, then give a worked example.",
    "Close with rules a reader can apply to their own work.",
)
EXERCISE_SUMMARY = "Say in one paragraph what the learner will do and why."
EXERCISE_TASKS = ("Describe the first thing to do.", "Describe the next thing to do.")
EXERCISE_OUTCOME = "What the learner has when they finish."
EXERCISE_BODY = ("Walk the learner through the tasks above, one at a time.", "Say what a good result looks like.")
JOURNEY_SUMMARY = "Say in one paragraph who this journey is for and where it leads."
JOURNEY_OUTCOME = "Say what a learner can do at the end."
EXERCISE_CONCEPTS_NOTE = "an example: list the concepts this exercise practises, then delete this comment"
JOURNEY_FIRST_STEP_NOTE = "an example: replace with the journey's first concept or exercise, then delete this comment"
"""Comments beside a reference the template had to fill with some existing id, for the check to be clean."""

_IN_FIELDS = (CONCEPT_SUMMARY, EXERCISE_SUMMARY, *EXERCISE_TASKS, EXERCISE_OUTCOME, JOURNEY_SUMMARY, JOURNEY_OUTCOME)
_IN_BODIES = (*CONCEPT_BODY, *EXERCISE_BODY)
_IN_COMMENTS = (EXERCISE_CONCEPTS_NOTE, JOURNEY_FIRST_STEP_NOTE)
_HINT = "write your own before publishing"


def template_problems(doc: Document) -> list[Problem]:
    """A warning at each placeholder of the templates still in ``doc``, in a field or in the body."""
    problems = [
        warning(
            doc.path, doc.positions.of_value(path), "template-text", f"{field_name(path)} is still a placeholder", _HINT
        )
        for path, value in _fields(doc.data)
        if " ".join(value.split()) in _IN_FIELDS  # a folded summary may be re-wrapped
    ]
    problems += [
        warning(
            doc.path,
            doc.positions.of_value(path),
            "template-text",
            f"{field_name(path)} is still the example the template picked",
            "choose your own, then delete the template's comment",
        )
        for path, comment in doc.positions.comments.items()
        if comment.text.strip() in _IN_COMMENTS
    ]
    if not any(sentence in doc.body for sentence in _IN_BODIES):
        return problems
    for number, line in enumerate(doc.body.split("\n")):
        for sentence in _IN_BODIES:
            column = line.find(sentence)
            if column >= 0:
                where = Position(doc.body_line + number, column + 1)
                message = f"the body still has the template's placeholder '{sentence}'"
                problems.append(warning(doc.path, where, "template-text", message, _HINT))
    return problems


def _fields(data: Any) -> Iterator[tuple[JsonPath, str]]:
    """The fields the templates fill with placeholders, where they hold text."""
    if not isinstance(data, dict):
        return
    for key in ("summary", "outcome"):
        if isinstance(data.get(key), str):
            yield (key,), data[key]
    outcomes, tasks = data.get("outcomes"), data.get("tasks")
    for i, outcome in enumerate(outcomes if isinstance(outcomes, list) else ()):
        if isinstance(outcome, str):
            yield ("outcomes", i), outcome
    for i, task in enumerate(tasks if isinstance(tasks, list) else ()):
        if isinstance(task, dict) and isinstance(task.get("text"), str):
            yield ("tasks", i, "text"), task["text"]
