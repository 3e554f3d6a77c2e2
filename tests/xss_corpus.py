"""The XSS corpus (tests/fixtures/xss/payloads.yml) laid out as content files, with where each payload sits.

Each payload gets a file of its own, so that what the checker and the
build say about a file is about that one payload. ``buildable`` holds the
payloads whose files still pass the schema (everything the content policy
alone refuses); ``refused_by_schema`` the rest (markup in ids and tags).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

import yaml

from conftest import FIXTURES

PAYLOADS_FILE = FIXTURES / "xss" / "payloads.yml"
BODY_LINE = 13
"""The line of a concept file on which a body payload starts (see ``_concept``)."""


@dataclass(frozen=True)
class Payload:
    id: str
    place: str
    text: str
    rule: str
    stop: str
    line: int = 1

    @property
    def slug(self) -> str:
        return f"xss-{self.id}"


@dataclass(frozen=True)
class Placed:
    payload: Payload
    path: str
    """The file the payload is in, relative to the project root."""
    line: int
    """The line the checker must report."""


def payloads() -> list[Payload]:
    return [Payload(**entry) for entry in yaml.safe_load(PAYLOADS_FILE.read_text(encoding="utf-8"))]


def layer_counts() -> Counter[str]:
    """How many payloads each layer stops (the checker reports all of them)."""
    return Counter(p.stop for p in payloads())


def lay_out(selected: list[Payload]) -> tuple[dict[str, str], list[Placed]]:
    """Files for ``selected`` (laid over the base fixture project) and where each payload is."""
    files: dict[str, str] = {}
    placed: list[Placed] = []
    concepts, exercises = ["alpha", "beta"], ["try-alpha"]
    for payload in selected:
        path, text, line = _file_for(payload)
        files[path] = text
        placed.append(Placed(payload, path, line))
        if path.startswith("content/concepts/") and path.endswith(".md"):
            concepts.append(payload.slug)
        elif path.startswith("content/exercises/"):
            exercises.append(payload.slug)
    files["journeys/xss-all.yml"] = _journey_of_everything(concepts, exercises)
    # The image the payloads name: a link to a file that is not there would be a problem of its own.
    files["content/concepts/a.png"] = "not really an image"
    return files, placed


def buildable() -> list[Payload]:
    return [p for p in payloads() if p.stop != "schema"]


def refused_by_schema() -> list[Payload]:
    return [p for p in payloads() if p.stop == "schema"]


def _file_for(payload: Payload) -> tuple[str, str, int]:
    """The file holding ``payload``: its path, its text and the line the checker reports."""
    place, text, slug = payload.place, payload.text, payload.slug
    if place == "body":
        return f"content/concepts/{slug}.md", _concept(slug, body=text), BODY_LINE + payload.line - 1
    if place == "page":
        return f"content/{slug}.md", text, payload.line
    if place == "svg":
        return f"content/concepts/{slug}.svg", text, payload.line
    if place in ("title", "summary", "tag", "alias"):
        fields = {"title": "title", "summary": "summary", "tag": "tags", "alias": "aliases"}
        concept = _concept(slug, **{fields[place]: text})
        return f"content/concepts/{slug}.md", concept, _line_of(concept, fields[place] + ":")
    if place in ("exercise-title", "outcome", "task", "task-id"):
        key = {"exercise-title": "title", "outcome": "outcome", "task": "text", "task-id": "task_id"}[place]
        exercise = _exercise(slug, **{key: text})
        marker = {"title": "title:", "outcome": "outcome:", "text": "    text:", "task_id": "  - id:"}[key]
        return f"content/exercises/{slug}.md", exercise, _line_of(exercise, marker)
    key = {
        "journey-title": "title",
        "journey-summary": "summary",
        "journey-outcome": "outcome",
        "question": "question",
        "label": "label",
    }[place]
    journey = _journey(slug, **{key: text})
    marker = {
        "title": "title:",
        "summary": "summary:",
        "outcome": "  - ",
        "question": "    decide:",
        "label": "      - label:",
    }[key]
    return f"journeys/{slug}.yml", journey, _line_of(journey, marker)


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _concept(
    slug: str, body: str = "Nothing here.", title: str = "", summary: str = "", tags: str = "", aliases: str = ""
) -> str:
    lines = [
        "---",
        f"id: {slug}",
        f"title: {_q(title or 'Page for ' + slug)}",
        f"summary: {_q(summary or 'One payload of the XSS corpus.')}",
        "audience: [beginners]",
        "level: beginner",
        "exercises: [try-alpha]",
    ]
    lines += [f"tags: [{_q(tags)}]"] if tags else []
    lines += [f"aliases: [{_q(aliases)}]"] if aliases else []
    lines += ["---", "## Payload", "", "Before the payload.", "", body, "", "After the payload.", ""]
    if not (tags or aliases):
        assert lines.index(body) + 1 == BODY_LINE
    return "\n".join(lines)


def _exercise(slug: str, title: str = "", outcome: str = "", text: str = "", task_id: str = "") -> str:
    return "\n".join(
        [
            "---",
            f"id: {slug}",
            f"title: {_q(title or 'Exercise for ' + slug)}",
            "summary: One payload of the XSS corpus.",
            "minutes: 5",
            "concepts: [alpha]",
            "tasks:",
            f"  - id: {_q(task_id) if task_id else 'one'}",
            f"    text: {_q(text or 'Do the one thing.')}",
            f"outcome: {_q(outcome or 'One thing done.')}",
            "---",
            "Do it.",
            "",
        ]
    )


def _journey(
    slug: str, title: str = "", summary: str = "", outcome: str = "", question: str = "", label: str = ""
) -> str:
    return "\n".join(
        [
            f"id: {slug}",
            f"title: {_q(title or 'Journey for ' + slug)}",
            f"summary: {_q(summary or 'One payload of the XSS corpus.')}",
            "audience: [beginners]",
            "level: beginner",
            "outcomes:",
            f"  - {_q(outcome or 'Know alpha.')}",
            "steps:",
            "  - id: read",
            "    concept: alpha",
            "  - id: choose",
            f"    decide: {_q(question or 'Go on?')}",
            "    options:",
            f"      - label: {_q(label or 'Yes')}",
            "        goto: more",
            "      - label: No thanks",
            "        goto: end",
            "  - id: more",
            "    concept: beta",
            "",
        ]
    )


def _journey_of_everything(concepts: list[str], exercises: list[str]) -> str:
    """One journey through every concept and exercise, so that none is an orphan (a warning)."""
    steps = [f"  - id: c-{c}\n    concept: {c}" for c in concepts] + [
        f"  - id: e-{e}\n    exercise: {e}" for e in exercises
    ]
    return (
        "id: xss-all\ntitle: Every payload\nsummary: Walks through the corpus.\naudience: [beginners]\n"
        "level: beginner\noutcomes:\n  - Nothing runs.\nsteps:\n" + "\n".join(steps) + "\n"
    )


def _line_of(text: str, prefix: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), start=1) if line.startswith(prefix))
