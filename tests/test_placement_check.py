"""The placement file, placement.yml: optional, checked like every other file, and its graph checked too.

One fixture per rule lives under tests/fixtures/rules/; these tests cover
what the fixtures do not: the file being optional, positions of schema
errors, hints for journeys and steps, old ids, and graphs that share questions.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import ROOT, make_project
from waypost.check import check_project
from waypost.placement import questionnaire_from

VALID = """\
title: Where do I start?
summary: Two questions at most.
questions:
  - id: ready
    question: Do you want to practise now?
    options:
      - label: "Yes"
        recommend: {journey: first-steps, step: practice, reason: Go straight to the exercise.}
      - label: "Not yet"
        goto: knows-alpha
  - id: knows-alpha
    question: Do you know alpha already?
    options:
      - label: "Yes"
        recommend: {journey: first-steps, step: more, reason: Read beta next.}
      - label: "No"
        recommend: {journey: first-steps, reason: Start with alpha.}
"""


def problems_with(tmp_path: Path, placement: str, files: dict[str, str | bytes] | None = None) -> list[str]:
    root = make_project(tmp_path / "p", files={"placement.yml": placement, **(files or {})})
    return [p.format() for p in check_project(root).problems]


def test_a_project_without_a_placement_is_clean_and_has_none(project: Path) -> None:
    result = check_project(project)
    assert result.problems == [] and result.project.placement is None


def test_a_valid_placement_is_clean_counted_and_modelled(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", files={"placement.yml": VALID})
    result = check_project(root)
    assert result.problems == []
    assert result.files_checked == 5
    placement = result.project.placement
    assert placement is not None and placement.first.id == "ready"
    assert [(q.id, i, r.journey, r.step) for q, i, r in placement.recommendations()] == [
        ("ready", 0, "first-steps", "practice"),
        ("knows-alpha", 0, "first-steps", "more"),
        ("knows-alpha", 1, "first-steps", ""),
    ]


def test_schema_errors_point_at_the_field_in_the_placement(tmp_path: Path) -> None:
    broken = (
        VALID.replace("question: Do you know", "questoin: Do you know")
        .replace(", reason: Start with alpha.", "")
        .replace('label: "Not yet"', 'label: ""')
    )
    assert problems_with(tmp_path, broken) == [
        "placement.yml:9:16: error [schema-value] 'label' must not be blank",
        "placement.yml:11:5: error [schema-required] missing required field 'question' in question 2",
        "placement.yml:12:5: error [schema-unknown-field] unknown field 'questoin' in question 2 "
        "(hint: did you mean 'question'?)",
        "placement.yml:17:20: error [schema-required] missing required field 'reason' in 'recommend'",
    ]


def test_a_question_needs_two_options(tmp_path: Path) -> None:
    single = VALID.replace(
        """      - label: "No"
        recommend: {journey: first-steps, reason: Start with alpha.}
""",
        "",
    )
    assert problems_with(tmp_path, single) == [
        "placement.yml:14:7: error [schema-value] 'options' has 1 item; it needs at least 2"
    ]


def test_yaml_problems_are_reported_as_in_any_file(tmp_path: Path) -> None:
    assert problems_with(tmp_path, VALID.replace("summary: Two", "summary: Two: ")) == [
        "placement.yml:2:13: error [yaml-syntax] mapping values are not allowed in this context "
        "(hint: a value containing ': ' must be put in quotes)"
    ]


def test_an_unknown_journey_gets_a_did_you_mean_hint(tmp_path: Path) -> None:
    misspelt = VALID.replace("journey: first-steps, step: more", "journey: first-step, step: more")
    assert problems_with(tmp_path, misspelt) == [
        "placement.yml:15:30: error [unknown-reference] unknown journey 'first-step' (hint: did you mean 'first-steps'?)"
    ]


def test_an_unknown_step_gets_a_did_you_mean_hint_or_the_journeys_steps(tmp_path: Path) -> None:
    misspelt = VALID.replace("step: practice", "step: practise").replace("step: more", "step: x")
    assert problems_with(tmp_path, misspelt) == [
        "placement.yml:8:49: error [unknown-step] no step 'practise' in journey 'first-steps' "
        "(hint: did you mean 'practice'?)",
        "placement.yml:15:49: error [unknown-step] no step 'x' in journey 'first-steps' "
        "(hint: its steps: intro, choose, practice, more)",
    ]


def test_old_ids_of_journeys_and_steps_are_warned_about_and_still_resolve(tmp_path: Path) -> None:
    journey = (ROOT / "tests/fixtures/base/journeys/first-steps.yml").read_text(encoding="utf-8")
    renamed = journey.replace("id: first-steps", "id: first-steps\naliases: [starting-out]").replace(
        "  - id: practice\n", "  - id: practice\n    aliases: [practise]\n"
    )
    placement = VALID.replace("journey: first-steps, step: practice", "journey: starting-out, step: practise")
    assert problems_with(tmp_path, placement, files={"journeys/first-steps.yml": renamed}) == [
        "placement.yml:8:30: warning [outdated-reference] 'starting-out' is an old id of journey 'first-steps' "
        "(hint: write 'first-steps')",
        "placement.yml:8:50: warning [outdated-reference] 'practise' is an old id of step 'practice' in journey "
        "'first-steps' (hint: write 'practice')",
    ]


def test_a_recommendation_of_an_unreadable_journey_is_not_reported_twice(tmp_path: Path) -> None:
    problems = problems_with(tmp_path, VALID, files={"journeys/first-steps.yml": "id: [unclosed\n"})
    assert [p.split(" [")[1].split("]")[0] for p in problems] == ["yaml-syntax"]
    assert problems[0].startswith("journeys/first-steps.yml:")


def test_a_symbolic_link_out_of_the_project_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yml"
    outside.write_text(VALID, encoding="utf-8")
    root = make_project(tmp_path / "p")
    os.symlink(outside, root / "placement.yml")
    assert [p.format() for p in check_project(root).problems] == [
        "placement.yml:1:1: error [file-outside-project] symbolic link points outside the project"
    ]


def test_questions_may_share_a_next_question_shown_once_under_its_first_answer(tmp_path: Path) -> None:
    from waypost.placement import nesting

    text = """\
title: T
summary: S
questions:
  - id: a
    question: A?
    options:
      - {label: "1", goto: b}
      - {label: "2", goto: c}
  - id: b
    question: B?
    options:
      - {label: "1", goto: c}
      - {label: "2", recommend: {journey: first-steps, reason: R.}}
  - id: c
    question: C?
    options:
      - {label: "1", recommend: {journey: first-steps, reason: R.}}
      - {label: "2", recommend: {journey: first-steps, reason: R.}}
"""
    root = make_project(tmp_path / "p", files={"placement.yml": text})
    result = check_project(root)
    assert result.problems == []
    # c follows both a's second answer and b's first; depth first, b's answer comes first.
    assert nesting(questionnaire_from(result.documents["placement.yml"])) == {("a", 0): "b", ("b", 0): "c"}


def test_a_symbolic_link_to_nothing_is_unreadable_and_one_inside_the_project_is_read(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", files={"drafts/placement.yml": VALID})
    os.symlink(root / "missing.yml", root / "placement.yml")
    assert [p.format() for p in check_project(root).problems] == [
        "placement.yml:1:1: error [file-unreadable] cannot read file: symbolic link points to nothing"
    ]
    (root / "placement.yml").unlink()
    os.symlink(root / "drafts/placement.yml", root / "placement.yml")
    result = check_project(root)
    assert result.problems == [] and result.project.placement is not None


@pytest.mark.parametrize("name", ["placement.yaml", "journeys/placement.yml"])
def test_only_placement_yml_at_the_root_is_the_placement(tmp_path: Path, name: str) -> None:
    root = make_project(tmp_path / "p", files={name: VALID})
    result = check_project(root)
    assert result.project.placement is None
    assert "placement.yml" not in result.documents


def test_the_shipped_placement_recommends_every_shipped_journey() -> None:
    result = check_project(ROOT)
    placement = result.project.placement
    assert placement is not None and result.problems == []
    recommended = {rec.journey for _, _, rec in placement.recommendations()}
    assert recommended == set(result.project.journeys)
    asked = " ".join(q.text for q in placement.questions)
    for decision in ("100 or more", "write down", "10,000 or more"):
        assert decision in asked
    labels = " ".join(a.label for a in placement.first.answers)
    for audience in ("freelancer", "new to AI", "own work done"):
        assert audience in labels


def test_the_contributing_example_passes_the_checker_against_the_shipped_course(tmp_path: Path) -> None:
    import re
    import shutil

    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    example = re.search(r"<!-- placement-example -->\n```yaml\n(.*?)^```$", guide, re.S | re.M)
    assert example is not None
    root = tmp_path / "course"
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copytree(ROOT / "journeys", root / "journeys")
    (root / "placement.yml").write_text(example.group(1), encoding="utf-8")
    result = check_project(root)
    assert result.project.placement is not None
    assert [p.format() for p in result.problems if p.rule != "journey-not-recommended"] == []


def test_two_answers_of_a_question_with_the_same_label_are_an_error(tmp_path: Path) -> None:
    # "Yes" in both questions is fine: only the answers of one question sit side by side.
    assert problems_with(tmp_path, VALID.replace('label: "No"', 'label: "YES"')) == [
        "placement.yml:16:16: error [duplicate-label] option label 'YES' is already that of another option "
        "('Yes') (hint: give each option a label of its own: the learner sees them side by side)"
    ]


def test_a_misspelt_journey_is_one_error_not_also_a_journey_never_recommended(tmp_path: Path) -> None:
    assert problems_with(tmp_path, VALID.replace("journey: first-steps", "journey: first-step")) == [
        f"placement.yml:{line}:{column}: error [unknown-reference] unknown journey 'first-step' "
        "(hint: did you mean 'first-steps'?)"
        for line, column in ((8, 30), (15, 30), (17, 30))
    ]


@pytest.mark.parametrize(("option", "what"), [("Yes", "true/false"), ('"Sure"', "text"), ("3", "a whole number")])
def test_an_answer_written_as_a_bare_value_is_one_type_error(tmp_path: Path, option: str, what: str) -> None:
    # YAML reads a bare Yes as true/false: the check once stumbled on it instead of reporting it.
    single = VALID.replace(
        '      - label: "Yes"\n        recommend: {journey: first-steps, step: more, reason: Read beta next.}',
        f"      - {option}",
    )
    assert problems_with(tmp_path, single) == [
        "placement.yml:14:9: error [schema-type] an option is a mapping with a `label` and one of `goto` or "
        f"`recommend`, not {what}"
    ]
