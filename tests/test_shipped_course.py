"""The shipped course: enough real content, in shape, and written fresh."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from sitebuild import BuiltSite
from waypost.check import check_project
from waypost.model import StepKind

SEEDS = ROOT.parent / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(
    not SEEDS.is_dir(), reason=f"the seed pages are not in this checkout ({SEEDS}); only the course workspace has them"
)
RUN = 8


@pytest.fixture(scope="module")
def project():  # type: ignore[no-untyped-def]
    result = check_project(ROOT)
    assert result.errors == []
    return result.project


def words(text: str) -> list[str]:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).split()


def body_words(markdown: str) -> int:
    return len(re.findall(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*", markdown))


def test_the_course_has_enough_concepts_exercises_and_journeys(project) -> None:  # type: ignore[no-untyped-def]
    assert len(project.concepts) >= 14
    assert len(project.exercises) >= 10
    assert len(project.journeys) >= 4
    assert all(j.outcomes and j.related for j in project.journeys.values())
    with_decisions = [j for j in project.journeys.values() if any(s.kind is StepKind.DECISION for s in j.steps)]
    assert len(with_decisions) >= 2


def test_every_concept_has_try_this_work_and_exercises_have_tasks(project) -> None:  # type: ignore[no-untyped-def]
    assert all(c.exercises for c in project.concepts.values())
    assert all(e.tasks and e.outcome and e.minutes for e in project.exercises.values())


def test_pages_are_long_enough_to_teach_and_short_enough_to_finish(project) -> None:  # type: ignore[no-untyped-def]
    concept_sizes = {c.id: body_words(c.body) for c in project.concepts.values()}
    exercise_sizes = {e.id: body_words(e.body) for e in project.exercises.values()}
    assert {k: v for k, v in concept_sizes.items() if not 400 <= v <= 1200} == {}
    assert {k: v for k, v in exercise_sizes.items() if not 150 <= v <= 600} == {}


def content_files() -> list[Path]:
    return sorted([*(ROOT / "content").rglob("*.md"), *(ROOT / "journeys").glob("*.yml")])


def seed_runs() -> set[str]:
    seeds = sorted(SEEDS.glob("*.txt"))
    assert seeds, f"the seed pages are expected in {SEEDS}"
    runs = set()
    for seed in seeds:
        tokens = words(seed.read_text(encoding="utf-8"))
        runs |= {" ".join(tokens[i : i + RUN]) for i in range(len(tokens) - RUN + 1)}
    return runs


def copied(text: str, runs: set[str]) -> list[str]:
    """Every 8-word run of ``text`` that also stands in a seed, case and punctuation aside."""
    tokens = words(text)
    return [
        " ".join(tokens[i : i + RUN]) for i in range(len(tokens) - RUN + 1) if " ".join(tokens[i : i + RUN]) in runs
    ]


@needs_seeds
def test_no_eight_word_run_of_any_seed_appears_in_the_content() -> None:
    runs = seed_runs()
    found = {str(f.relative_to(ROOT)): copied(f.read_text(encoding="utf-8"), runs) for f in content_files()}
    assert {path: hits for path, hits in found.items() if hits} == {}


@needs_seeds
def test_the_copy_check_catches_a_lightly_restyled_seed_sentence() -> None:
    seed = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8").split("\n")[0]
    restyled = "Our take: " + seed.upper().replace(",", ";")
    assert copied(restyled, seed_runs())


def test_the_other_products_assistant_is_not_mentioned() -> None:
    assert [f for f in content_files() if re.search(r"\bPeri\b", f.read_text(encoding="utf-8"))] == []


def test_each_concept_page_renders_answer_try_this_and_related_journeys(shipped_site: BuiltSite, project) -> None:  # type: ignore[no-untyped-def]
    for concept in project.concepts.values():
        page = shipped_site.html(f"concepts/{concept.id}/")
        assert page.css_first(".wp-answer") is not None, concept.id
        assert page.css_first("h2#try-this") is not None, concept.id
        assert page.css_first("h2#related-journeys") is not None, concept.id
        assert page.css("section.wp-placement"), concept.id


def test_home_page_leads_into_the_journeys(shipped_site: BuiltSite, project) -> None:  # type: ignore[no-untyped-def]
    home = shipped_site.html("")
    cards = home.css("article.wp-card")
    assert sorted(c.attributes["data-wp-journey"] for c in cards) == sorted(project.journeys)
    # The browser tab names the site once, and the page's heading and sidebar entry still say what it is.
    assert home.css_first("title").text() == "Prompting or fine-tuning?"
    assert home.css_first("article h1").text(deep=False) == "Prompting or fine-tuning?"
    assert shipped_site.html("journeys/").css_first("title").text() == "Journeys - Prompting or fine-tuning?"
