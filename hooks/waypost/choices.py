"""Options a learner chooses between, in a journey's decision or a placement question, must read differently.

Two options with the same label (case and spacing aside) show the learner
the same answer twice, each leading somewhere else.
"""

from __future__ import annotations

from collections.abc import Iterable

from waypost.problems import Problem, error
from waypost.sources import Document, JsonPath


def repeated_labels(doc: Document, options: Iterable[tuple[JsonPath, str]]) -> list[Problem]:
    """An error at each option whose label an earlier option of the same choice already has."""
    problems = []
    first: dict[str, str] = {}
    for path, label in options:
        key = " ".join(label.casefold().split())
        if key in first:
            problems.append(
                error(
                    doc.path,
                    doc.positions.of_value(path),
                    "duplicate-label",
                    f"option label '{label}' is already that of another option ('{first[key]}')",
                    "give each option a label of its own: the learner sees them side by side",
                )
            )
        else:
            first[key] = label
    return problems
