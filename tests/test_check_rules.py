"""Each checker rule, shown by one fixture under tests/fixtures/rules/<rule-id>/.

A fixture folder holds the files laid over the valid base project and
``expected.txt``, the exact output of ``waypost check --strict``.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest

from conftest import FIXTURES, make_project
from waypost.cli import main
from waypost.rules import RULES, RULES_BY_ID

RULE_FIXTURES = sorted(p for p in (FIXTURES / "rules").iterdir() if p.is_dir())
# Rules whose input cannot live in git as a plain file: tested in test_bad_input.py.
TESTED_ELSEWHERE = {"file-encoding", "file-too-large", "file-unreadable", "file-outside-project"}


def run_check(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    """``waypost check`` as a contributor runs it: in the project folder, so paths print as they are here."""
    with contextlib.chdir(root):
        code = main(["check", *args])
    return code, capsys.readouterr().out.splitlines()


@pytest.mark.parametrize("fixture", RULE_FIXTURES, ids=[p.name for p in RULE_FIXTURES])
def test_rule_fixture_reports_exactly_its_expected_lines(
    fixture: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path / "p", fixture)
    code, lines = run_check(root, capsys, "--strict")
    assert lines == (fixture / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert code == 1
    assert any(f"[{fixture.name}]" in line for line in lines), "the fixture must show its own rule"


def test_every_rule_has_a_fixture_or_a_dedicated_test() -> None:
    fixture_names = {p.name for p in RULE_FIXTURES}
    assert fixture_names <= set(RULES_BY_ID), "fixture folders are named after rule ids"
    assert set(RULES_BY_ID) - fixture_names == TESTED_ELSEWHERE


def test_rule_ids_are_unique_and_kebab_case() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    assert all(i == i.lower() and " " not in i for i in ids)


def test_base_project_is_clean(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = run_check(project, capsys, "--strict")
    assert (code, lines) == (0, ["0 errors, 0 warnings in 4 files"])


def test_a_file_with_schema_errors_still_has_its_references_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journey = (FIXTURES / "base" / "journeys" / "first-steps.yml").read_text(encoding="utf-8")
    journey = journey.replace('{label: "Yes", goto: practice}', '{lable: "Yes", goto: practice}')
    journey += "  - id: extra\n    concept: gamma\n"
    root = make_project(tmp_path / "p", files={"journeys/first-steps.yml": journey})
    code, lines = run_check(root, capsys)
    assert (code, lines) == (
        1,
        [
            "journeys/first-steps.yml:15:9: error [schema-required] missing required field 'label' in option 1",
            "journeys/first-steps.yml:15:10: error [schema-unknown-field] unknown field 'lable' in option 1 "
            "(hint: did you mean 'label'?)",
            "journeys/first-steps.yml:23:14: error [unknown-reference] unknown concept 'gamma' "
            "(hint: add content/concepts/gamma.md or fix the id)",
            "3 errors, 0 warnings in 4 files",
        ],
    )


def test_warnings_fail_only_with_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p", FIXTURES / "rules" / "orphan-content")
    assert run_check(root, capsys)[0] == 0
    assert run_check(root, capsys, "--strict")[0] == 1


def test_problems_of_all_files_are_reported_together_sorted_by_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = FIXTURES / "rules"
    root = make_project(tmp_path / "p", rules / "unknown-reference", rules / "schema-value", rules / "journey-cycle")
    code, lines = run_check(root, capsys)
    problems = lines[:-1]
    assert [line.split(":")[0] for line in problems] == [
        "content/concepts/alpha.md",
        "content/concepts/alpha.md",
        "content/concepts/alpha.md",
        "content/exercises/try-alpha.md",
        "content/exercises/try-alpha.md",
        "content/exercises/try-alpha.md",
        "journeys/first-steps.yml",
    ]
    assert lines[-1] == "7 errors, 0 warnings in 4 files"
    assert code == 1


def test_github_actions_gets_annotations_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    root = make_project(tmp_path / "p", FIXTURES / "rules" / "schema-unknown-field")
    _, lines = run_check(root, capsys)
    assert lines == [
        "content/concepts/alpha.md:9:1: error [schema-unknown-field] unknown field 'titel' (hint: did you mean 'title'?)",
        "::error file=content/concepts/alpha.md,line=9,col=1,title=waypost schema-unknown-field::"
        "[schema-unknown-field] unknown field 'titel' (hint: did you mean 'title'?)",
        "1 error, 0 warnings in 4 files",
    ]


def test_bad_usage_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "missing")]) == 2
    assert capsys.readouterr().err == f"waypost: error: {tmp_path / 'missing'} does not exist\n"
    assert main(["check", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"waypost: error: {tmp_path} is not in a Waypost project: no content/concepts/, content/exercises/ "
        "or journeys/ there or in a folder above\n"
    )
    with pytest.raises(SystemExit) as exc:
        main(["check", "--no-such-flag"])
    assert exc.value.code == 2


def test_readme_rule_table_is_the_checker_rule_table() -> None:
    from conftest import ROOT
    from waypost.rules import markdown_table

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- rules:start -->\n", 1)[1].split("\n<!-- rules:end -->", 1)[0]
    assert table == markdown_table()


def test_the_fast_validator_agrees_with_the_full_one_on_every_fixture(tmp_path: Path) -> None:
    """Valid documents skip jsonschema; that is only right if both validators agree."""
    from waypost.check import check_project
    from waypost.schema import fast_validator, validator

    checked = 0
    for fixture in RULE_FIXTURES:
        root = make_project(tmp_path / fixture.name, fixture)
        for doc in check_project(root).documents.values():
            full = not any(True for _ in validator(doc.kind).iter_errors(doc.data))
            assert fast_validator(doc.kind).is_valid(doc.data) == full, doc.path
            checked += 1
    assert checked > 100


def test_the_sections_a_page_adds_are_those_its_template_writes() -> None:
    from conftest import ROOT
    from waypost.body_headings import GENERATED_HEADINGS

    templates = [
        ROOT / "hooks/waypost/templates" / name for name in ("content_bottom.html.j2", "content_links.html.j2")
    ]
    text = "".join(template.read_text(encoding="utf-8") for template in templates)
    assert tuple(re.findall(r'heading\("([^"]+)"', text)) == GENERATED_HEADINGS
