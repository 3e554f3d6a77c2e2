"""``waypost new`` writes files that check, and never overwrites or reuses an id."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import make_project
from waypost.check import check_project
from waypost.cli import main


@pytest.mark.parametrize(
    ("kind", "path"),
    [
        ("concept", "content/concepts/new-idea.md"),
        ("exercise", "content/exercises/new-idea.md"),
        ("journey", "journeys/new-idea.yml"),
    ],
)
def test_a_new_file_passes_the_checker_with_warnings_for_what_is_left_to_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, path: str
) -> None:
    root = make_project(tmp_path / "p")
    assert main(["new", kind, "new-idea", "--title", 'Ideas: "quoted" & <odd>', "--project", str(root)]) == 0
    assert capsys.readouterr().out.startswith(f"created {path}: ")
    result = check_project(root)
    assert result.errors == []
    assert {p.rule for p in result.warnings} <= {"orphan-content", "template-text", "concept-without-exercise"}
    # Every placeholder is pointed at, so that --strict refuses the file until it is written: the sentences,
    # and the references the template had to fill (an exercise's concepts, a journey's first step).
    placeholders = {"concept": 3, "exercise": 7, "journey": 3}[kind]
    assert len([p for p in result.warnings if p.rule == "template-text" and p.path == path]) == placeholders
    item = {
        "concept": result.project.concepts,
        "exercise": result.project.exercises,
        "journey": result.project.journeys,
    }[kind]["new-idea"]
    assert item.title == 'Ideas: "quoted" & <odd>'


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    before = (root / "content/concepts/alpha.md").read_bytes()
    assert main(["new", "concept", "alpha", "--project", str(root)]) == 1
    assert capsys.readouterr().err == (
        "waypost: error: content/concepts/alpha.md already exists; waypost new never overwrites a file\n"
    )
    assert (root / "content/concepts/alpha.md").read_bytes() == before


def test_new_refuses_an_id_taken_as_an_alias(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    beta = root / "content/concepts/beta.md"
    beta.write_text(
        beta.read_text(encoding="utf-8").replace("level: intermediate", "level: intermediate\naliases: [old-beta]")
    )
    assert main(["new", "concept", "old-beta", "--project", str(root)]) == 1
    assert capsys.readouterr().err == (
        "waypost: error: 'old-beta' is already used by content/concepts/beta.md; choose another id\n"
    )
    assert not (root / "content/concepts/old-beta.md").exists()


def test_new_works_beside_a_file_whose_aliases_are_malformed(tmp_path: Path) -> None:
    """The checker reports the broken file; scaffolding next to it must not stumble on it."""
    root = make_project(tmp_path / "p")
    beta = root / "content/concepts/beta.md"
    beta.write_text(beta.read_text(encoding="utf-8").replace("level: intermediate", "level: intermediate\naliases: 5"))
    assert main(["new", "concept", "gamma", "--project", str(root)]) == 0
    assert (root / "content/concepts/gamma.md").exists()


@pytest.mark.parametrize("bad", ["Bad Id", "1-first", "double--hyphen", "x" * 65, "trailing-"])
def test_new_refuses_a_bad_id(tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: str) -> None:
    root = make_project(tmp_path / "p")
    assert main(["new", "exercise", bad, "--project", str(root)]) == 1
    assert capsys.readouterr().err.startswith(f"waypost: error: '{bad}' is not a valid id: ")


def test_a_journey_cannot_be_called_index(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    assert main(["new", "journey", "index", "--project", str(root)]) == 1
    assert "reserved for the journeys index" in capsys.readouterr().err


def test_an_exercise_needs_a_concept_to_practise(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "empty"
    (root / "content/concepts").mkdir(parents=True)
    assert main(["new", "exercise", "first", "--project", str(root)]) == 1
    assert "create one first with 'waypost new concept <id>'" in capsys.readouterr().err
