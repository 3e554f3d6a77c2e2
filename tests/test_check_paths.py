"""``waypost check`` from anywhere: it finds its project as git does, can list one file's or folder's
problems, and prints paths that lead from the current folder to the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, make_project
from waypost.cli import main

RULES = FIXTURES / "rules"
ALPHA_BETTA = "error [unknown-reference] unknown concept 'betta' (hint: did you mean 'beta'?)"
ALPHA_NOTHING = (
    "error [unknown-reference] unknown exercise 'nothing-like-it' "
    "(hint: add content/exercises/nothing-like-it.md or fix the id)"
)
ALPHA_BETA = "error [unknown-reference] unknown exercise 'beta' (hint: 'beta' is a concept, not an exercise)"
JOURNEY_TRY = "error [unknown-reference] unknown concept 'try-alpha' (hint: 'try-alpha' is an exercise: write 'exercise: try-alpha')"
NOT_A_PROJECT = "no content/concepts/, content/exercises/ or journeys/"


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A project with errors in content/concepts/alpha.md and journeys/first-steps.yml."""
    return make_project(tmp_path / "p", RULES / "unknown-reference")


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_from_a_subfolder_the_whole_project_is_checked_with_paths_from_there(
    broken: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(broken / "content/concepts")
    assert check(capsys) == (
        1,
        [
            f"alpha.md:7:11: {ALPHA_BETTA}",
            f"alpha.md:8:24: {ALPHA_NOTHING}",
            f"alpha.md:8:41: {ALPHA_BETA}",
            f"../../journeys/first-steps.yml:23:14: {JOURNEY_TRY}",
            "4 errors, 0 warnings in 4 files",
        ],
        "",
    )


def test_a_content_folder_named_journeys_is_not_taken_for_the_project(
    broken: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """content/journeys/ may hold pages; the project is still the folder above content/."""
    (broken / "content/journeys/guides").mkdir(parents=True)
    monkeypatch.chdir(broken / "content/journeys/guides")
    code, lines, _ = check(capsys)
    assert (code, lines[-1]) == (1, "4 errors, 0 warnings in 4 files")
    assert lines[0] == f"../../concepts/alpha.md:7:11: {ALPHA_BETTA}"


def test_outside_any_project_the_error_says_where_it_looked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert check(capsys) == (
        2,
        [],
        f"waypost: error: not in a Waypost project: {NOT_A_PROJECT} here or in a folder above "
        "(hint: run it in the project, or name it: waypost check PATH)\n",
    )


def test_a_file_lists_only_its_problems_and_says_the_whole_project_was_checked(
    broken: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(broken)
    assert check(capsys, "journeys/first-steps.yml") == (
        1,
        [
            f"journeys/first-steps.yml:23:14: {JOURNEY_TRY}",
            "1 error, 0 warnings in journeys/first-steps.yml "
            "(only its problems are listed; the whole project was checked, 4 files)",
            "other files of the project: 3 errors, 0 warnings (run 'waypost check' to list them)",
        ],
        "",
    )


def test_a_file_whose_problems_are_elsewhere_passes(
    broken: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(broken / "content/concepts")
    assert check(capsys, "--strict", "beta.md") == (
        0,
        [
            "0 errors, 0 warnings in beta.md (only its problems are listed; the whole project was checked, 4 files)",
            "other files of the project: 4 errors, 0 warnings (run 'waypost check' to list them)",
        ],
        "",
    )


def test_a_file_is_checked_against_the_rest_of_its_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reference to content in another file resolves: the other files are read, not reported."""
    root = make_project(tmp_path / "p", RULES / "orphan-content")
    monkeypatch.chdir(root)
    assert check(capsys, "--strict", "content/concepts/gamma.md") == (
        1,
        [
            "content/concepts/gamma.md:2:5: warning [orphan-content] concept 'gamma' is in no journey "
            "(hint: add a step with 'concept: gamma' to a journey)",
            "0 errors, 1 warning in content/concepts/gamma.md "
            "(only its problems are listed; the whole project was checked, 5 files)",
        ],
        "",
    )
    assert check(capsys, "--strict", "journeys/first-steps.yml")[0] == 0


def test_a_folder_lists_the_problems_of_the_files_under_it(
    broken: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(broken)
    code, lines, _ = check(capsys, "content")
    assert (code, lines[-2:]) == (
        1,
        [
            "3 errors, 0 warnings in 3 files under content/ "
            "(only their problems are listed; the whole project was checked, 4 files)",
            "other files of the project: 1 error, 0 warnings (run 'waypost check' to list them)",
        ],
    )
    monkeypatch.chdir(broken / "content/concepts")
    assert check(capsys, ".") == (
        1,
        [
            f"alpha.md:7:11: {ALPHA_BETTA}",
            f"alpha.md:8:24: {ALPHA_NOTHING}",
            f"alpha.md:8:41: {ALPHA_BETA}",
            "3 errors, 0 warnings in 2 files under this folder "
            "(only their problems are listed; the whole project was checked, 4 files)",
            "other files of the project: 1 error, 0 warnings (run 'waypost check' to list them)",
        ],
        "",
    )


def test_from_outside_the_project_paths_start_with_the_path_given(
    broken: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(broken.parent)
    code, lines, _ = check(capsys, "p")
    assert (code, lines[0], lines[-1]) == (
        1,
        f"p/content/concepts/alpha.md:7:11: {ALPHA_BETTA}",
        "4 errors, 0 warnings in 4 files",
    )
    assert check(capsys, "p/journeys/first-steps.yml")[1] == [
        f"p/journeys/first-steps.yml:23:14: {JOURNEY_TRY}",
        "1 error, 0 warnings in p/journeys/first-steps.yml "
        "(only its problems are listed; the whole project was checked, 4 files)",
        "other files of the project: 3 errors, 0 warnings (run 'waypost check p' to list them)",
    ]
    # An absolute path outside the current folder stays absolute: it leads to the file from anywhere.
    monkeypatch.chdir(broken / "journeys")
    code, lines, _ = check(capsys, str(broken / "content/concepts/alpha.md"))
    assert lines[0] == f"{broken}/content/concepts/alpha.md:7:11: {ALPHA_BETTA}"
    assert lines[-1] == "other files of the project: 1 error, 0 warnings (run 'waypost check' to list them)"


def test_github_annotations_name_files_from_the_repository_root(
    broken: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(broken.parent))
    monkeypatch.chdir(broken / "journeys")
    _, lines, _ = check(capsys, "first-steps.yml")
    assert lines[:2] == [
        f"first-steps.yml:23:14: {JOURNEY_TRY}",
        "::error file=p/journeys/first-steps.yml,line=23,col=14,title=waypost unknown-reference::"
        "[unknown-reference] unknown concept 'try-alpha' (hint: 'try-alpha' is an exercise: write 'exercise: try-alpha')",
    ]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("missing.md", "missing.md does not exist"),
        (
            "README.md",
            "README.md is not checked: waypost checks what is in content/, the journeys in journeys/ and placement.yml (hint: 'waypost check' checks the whole project)",
        ),
        (
            "journeys/notes.txt",
            "journeys/notes.txt is not checked: waypost checks what is in content/, the journeys in journeys/ and placement.yml (hint: 'waypost check' checks the whole project)",
        ),
        (
            "content/.drafts",
            "content/.drafts is hidden: waypost and the site ignore hidden files and folders (hint: 'waypost check' checks the whole project)",
        ),
    ],
)
def test_a_path_with_nothing_to_check_is_bad_usage(
    broken: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, path: str, message: str
) -> None:
    (broken / "README.md").write_text("# A project\n", encoding="utf-8")
    (broken / "journeys/notes.txt").write_text("notes\n", encoding="utf-8")
    (broken / "content/.drafts").mkdir()
    monkeypatch.chdir(broken)
    assert check(capsys, path) == (2, [], f"waypost: error: {message}\n")
