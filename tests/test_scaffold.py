"""``waypost new`` writes files that check, and never overwrites or reuses an id."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

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
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, kind: str, path: str
) -> None:
    root = make_project(tmp_path / "p")
    monkeypatch.chdir(root)
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


@pytest.mark.parametrize(
    ("title", "line"),
    [
        ("Café basics — naïve prompts 🙂", 'title: "Café basics — naïve prompts 🙂"'),
        ("👩\u200d💻 Pair programming", 'title: "👩\u200d💻 Pair programming"'),
        ("日本語の\u3000プロンプト", 'title: "日本語の\u3000プロンプト"'),
        ('Say "please" \\ or not', 'title: "Say \\"please\\" \\\\ or not"'),
        ("# not a comment", 'title: "# not a comment"'),
        ("Prompting: a primer", 'title: "Prompting: a primer"'),
        ("- not a list", 'title: "- not a list"'),
        ("&anchor *alias !tag |pipe >fold", 'title: "&anchor *alias !tag |pipe >fold"'),
        ("'single' [draft] {x} @at `tick` %pct ?", "title: \"'single' [draft] {x} @at `tick` %pct ?\""),
        (" padded ", 'title: " padded "'),
        # What would end the line, or could not be seen, is written as an escape.
        ("Tab\there\nand a new line", 'title: "Tab\\there\\nand a new line"'),
        ("\u202eReversed\u2028", 'title: "\\u202EReversed\\L"'),
    ],
)
def test_the_title_is_written_as_typed_and_reads_back_exactly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], title: str, line: str
) -> None:
    root = make_project(tmp_path / "p")
    assert main(["new", "concept", "gamma", "--title", title, "--project", str(root)]) == 0
    text = (root / "content/concepts/gamma.md").read_text(encoding="utf-8")
    assert text.splitlines()[2] == line
    assert check_project(root).documents["content/concepts/gamma.md"].data["title"] == title


@pytest.mark.parametrize(
    ("kind", "path"), [("exercise", "content/exercises/gamma.md"), ("journey", "journeys/gamma.yml")]
)
def test_every_kind_keeps_the_title_as_typed(tmp_path: Path, kind: str, path: str) -> None:
    root = make_project(tmp_path / "p")
    assert main(["new", kind, "gamma", "--title", "Café — 🙂", "--project", str(root)]) == 0
    assert 'title: "Café — 🙂"\n' in (root / path).read_text(encoding="utf-8")


def test_a_title_that_is_not_utf8_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    # What Python makes of the bytes 'Caf\xe9' (Latin-1) on a UTF-8 command line.
    assert main(["new", "concept", "gamma", "--title", "Caf\udce9", "--project", str(root)]) == 1
    assert capsys.readouterr().err == (
        "waypost: error: the title is not valid UTF-8 text (hint: type it again, or set your terminal to UTF-8)\n"
    )
    assert not (root / "content/concepts/gamma.md").exists()


BAD_ID = (
    "is not a valid id: use lowercase letters, digits and single hyphens, starting with a letter, at most 64 characters"
)


@pytest.mark.parametrize(
    ("bad", "good"),
    [
        ("Giving-A-Role", "giving-a-role"),
        ("giving a role", "giving-a-role"),
        ("giving_a_role", "giving-a-role"),
        ("Café notes", "cafe-notes"),
        ("double--hyphen", "double-hyphen"),
        ("trailing-", "trailing"),
    ],
)
def test_a_bad_id_gets_its_kebab_case_form_as_a_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: str, good: str
) -> None:
    root = make_project(tmp_path / "p")
    assert main(["new", "concept", bad, "--project", str(root)]) == 1
    assert capsys.readouterr().err == f"waypost: error: '{bad}' {BAD_ID} (hint: did you mean '{good}'?)\n"
    assert main(["new", "concept", good, "--project", str(root)]) == 0


@pytest.mark.parametrize("bad", ["1-first", "x" * 65, "__"])
def test_a_bad_id_without_a_kebab_case_form_gets_an_example(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: str
) -> None:
    root = make_project(tmp_path / "p")
    assert main(["new", "concept", bad, "--project", str(root)]) == 1
    assert capsys.readouterr().err == f"waypost: error: '{bad}' {BAD_ID} (for example 'writing-good-prompts')\n"


def test_a_file_where_the_folder_belongs_is_one_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    for file in (root / "content/exercises").iterdir():
        file.unlink()
    (root / "content/exercises").rmdir()
    (root / "content/exercises").write_text("not a folder", encoding="utf-8")
    assert main(["new", "exercise", "x", "--project", str(root)]) == 1
    assert capsys.readouterr().err == (
        "waypost: error: cannot create content/exercises/x.md: content/exercises is a file, not a folder "
        "(hint: rename or move that file, then run this again)\n"
    )
    assert (root / "content/exercises").read_text(encoding="utf-8") == "not a folder"


def test_a_folder_linked_to_nothing_is_one_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    (root / "journeys/first-steps.yml").unlink()
    (root / "journeys").rmdir()
    (root / "journeys").symlink_to(tmp_path / "gone", target_is_directory=True)
    assert main(["new", "journey", "x", "--project", str(root)]) == 1
    assert capsys.readouterr().err == (
        "waypost: error: cannot create journeys/x.yml: journeys is a symbolic link that points to nothing\n"
    )


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a user that file modes apply to")
def test_a_read_only_folder_is_one_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    (root / "content/concepts").chmod(0o555)
    try:
        assert main(["new", "concept", "gamma", "--project", str(root)]) == 1
    finally:
        (root / "content/concepts").chmod(0o755)
    assert capsys.readouterr().err == "waypost: error: cannot create content/concepts/gamma.md: Permission denied\n"


@pytest.mark.parametrize(
    ("failure", "message"),
    [
        ("open", "cannot create content/concepts/gamma.md: Permission denied"),
        ("write", "cannot create content/concepts/gamma.md: No space left on device"),
    ],
)
def test_an_error_while_writing_is_one_clear_error_and_leaves_no_half_written_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, failure: str, message: str
) -> None:
    """Whatever the system refuses (a read-only folder, a full disk): one line, never a traceback."""
    root = make_project(tmp_path / "p")
    real_open = Path.open

    def refusing_open(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if mode != "x":
            return real_open(self, mode, *args, **kwargs)
        if failure == "open":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        opened = real_open(self, mode, *args, **kwargs)

        class FullDisk:
            def __enter__(self) -> FullDisk:
                return self

            def __exit__(self, *exc: object) -> None:
                opened.close()

            def write(self, text: str) -> int:
                opened.write(text[:10])
                raise OSError(errno.ENOSPC, "No space left on device")

        return FullDisk()

    monkeypatch.setattr(Path, "open", refusing_open)
    assert main(["new", "concept", "gamma", "--project", str(root)]) == 1
    assert capsys.readouterr().err == f"waypost: error: {message}\n"
    assert not (root / "content/concepts/gamma.md").exists()


def test_new_finds_the_project_from_a_subfolder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path / "p")
    monkeypatch.chdir(root / "content/exercises")
    assert main(["new", "concept", "gamma"]) == 0
    assert capsys.readouterr().out == (
        "created ../concepts/gamma.md: add a step with 'concept: gamma' to a journey, and write the body, "
        "then run 'waypost check'\n"
    )
    assert (root / "content/concepts/gamma.md").is_file()


def test_new_from_outside_names_the_project_in_its_paths(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    make_project(tmp_path / "p")
    monkeypatch.chdir(tmp_path)
    assert main(["new", "journey", "gamma", "--project", "p"]) == 0
    assert capsys.readouterr().out == (
        "created p/journeys/gamma.yml: replace the example steps with your own, then run 'waypost check p'\n"
    )
    assert main(["new", "concept", "gamma"]) == 2
    assert capsys.readouterr().err == (
        "waypost: error: not in a Waypost project: no content/concepts/, content/exercises/ or journeys/ here "
        "or in a folder above (hint: run it in the project, or name it with --project)\n"
    )
