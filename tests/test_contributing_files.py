"""The contributor files: GitHub workflows and templates, pre-commit hooks, editor settings, CONTRIBUTING.md.

GitHub, pre-commit and editors read these files; nothing else in the suite
does. These tests keep them parseable, keep every command they run real,
keep actions pinned, and keep CONTRIBUTING.md's worked examples passing the
checker.
"""

from __future__ import annotations

import fnmatch
import importlib.util
import json
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT, make_project
from waypost.check import check_project
from waypost.cli import main

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ISSUE_FORMS = sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml"))
PRE_COMMIT_CONFIG = ROOT / ".pre-commit-config.yaml"
PRE_COMMIT_HOOKS = ROOT / ".pre-commit-hooks.yaml"
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
VSCODE = ROOT / ".vscode"

# The first word of every command the contributor files run must be one of these.
ALLOWED_PROGRAMS = {"python3", "pip", "waypost", "mkdocs", "pre-commit"}
# Programs whose subcommands are checked, each run as `python -m <module> <subcommand> --help`.
MODULE_OF_PROGRAM = {"waypost": "waypost", "mkdocs": "mkdocs"}
SHELL_OPERATORS = {"&&", "||", ";", "|", "&"}

PINNED_ACTION = re.compile(r"^[\w.-]+/[\w./-]+@(v\d+(\.\d+)*|[0-9a-f]{40})$")
EXAMPLE = re.compile(r"^<!-- example: (?P<path>\S+) -->\n```(?:yaml|markdown)\n(?P<text>.*?)^```$", re.M | re.S)
SHELL_BLOCK = re.compile(r"^```(?:sh|shell|bash|console)\n(?P<text>.*?)^```$", re.M | re.S)


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def split_commands(script: str) -> list[list[str]]:
    """Each simple command of a shell snippet, as words, without leading `NAME=value` assignments."""
    commands: list[list[str]] = []
    for line in script.replace("\\\n", " ").splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        words: list[str] = []
        for token in [*lexer, ";"]:
            if token in SHELL_OPERATORS:
                while words and re.match(r"^[A-Za-z_]\w*=", words[0]):
                    words.pop(0)
                if words:
                    commands.append(words)
                words = []
            else:
                words.append(token)
    return commands


def workflow_steps() -> list[tuple[str, dict[str, Any]]]:
    return [
        (f"{path.name}:{job_id}", step)
        for path in WORKFLOWS
        for job_id, job in load_yaml(path)["jobs"].items()
        for step in job.get("steps", [])
    ]


def pre_commit_local_hook(hook_id: str) -> dict[str, Any]:
    for repo in load_yaml(PRE_COMMIT_CONFIG)["repos"]:
        for hook in repo["hooks"]:
            if repo["repo"] == "local" and hook["id"] == hook_id:
                return dict(hook)
    raise AssertionError(f"no local hook {hook_id!r} in .pre-commit-config.yaml")


def named_commands() -> list[tuple[str, list[str]]]:
    """Every command the contributor files run or tell a writer to run, with where it is written."""
    scripts = [(where, step["run"]) for where, step in workflow_steps() if "run" in step]
    scripts += [
        (f"{PRE_COMMIT_CONFIG.name}:{hook['id']}", hook["entry"])
        for repo in load_yaml(PRE_COMMIT_CONFIG)["repos"]
        if repo["repo"] == "local"
        for hook in repo["hooks"]
    ]
    scripts += [(f"{PRE_COMMIT_HOOKS.name}:{hook['id']}", hook["entry"]) for hook in load_yaml(PRE_COMMIT_HOOKS)]
    scripts += [(CONTRIBUTING.name, m["text"]) for m in SHELL_BLOCK.finditer(CONTRIBUTING.read_text(encoding="utf-8"))]
    return [(where, words) for where, script in scripts for words in split_commands(script)]


COMMANDS = named_commands()
SUBCOMMANDS = sorted(
    {(words[0], words[1]) for _, words in COMMANDS if words[0] in MODULE_OF_PROGRAM and len(words) > 1}
)
ACTIONS = [(where, step["uses"]) for where, step in workflow_steps() if "uses" in step]
PYTHON_MODULES = sorted({words[2] for _, words in COMMANDS if words[:2] == ["python3", "-m"]})


def test_the_command_lists_are_not_empty() -> None:
    assert COMMANDS and SUBCOMMANDS and PYTHON_MODULES and ACTIONS


@pytest.mark.parametrize("path", [*WORKFLOWS, *ISSUE_FORMS, PRE_COMMIT_CONFIG, PRE_COMMIT_HOOKS], ids=lambda p: p.name)
def test_yaml_file_parses(path: Path) -> None:
    assert isinstance(load_yaml(path), dict | list)


@pytest.mark.parametrize(("where", "words"), COMMANDS, ids=[f"{where}: {' '.join(w)}" for where, w in COMMANDS])
def test_command_starts_with_a_known_program(where: str, words: list[str]) -> None:
    assert words[0] in ALLOWED_PROGRAMS, f"{where}: {' '.join(words)}"


def test_waypost_is_the_projects_own_command() -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["waypost"].startswith("waypost.")


@pytest.mark.parametrize(("program", "subcommand"), SUBCOMMANDS, ids=[" ".join(p) for p in SUBCOMMANDS])
def test_subcommand_exists(program: str, subcommand: str) -> None:
    run = subprocess.run(
        [sys.executable, "-m", MODULE_OF_PROGRAM[program], subcommand, "--help"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, f"`{program} {subcommand}` is not a command:\n{run.stderr}"


@pytest.mark.parametrize("module", PYTHON_MODULES)
def test_python_module_is_installed(module: str) -> None:
    assert importlib.util.find_spec(module) is not None, f"`python3 -m {module}` names no installed module"


def test_pre_commit_local_hook_passes_on_the_repository() -> None:
    hook = pre_commit_local_hook("waypost-check")
    assert hook["language"] == "system" and hook["pass_filenames"] is False
    program, *args = shlex.split(hook["entry"])
    assert program == "waypost"
    run = subprocess.run(
        [sys.executable, "-m", "waypost", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_hook_manifest_offers_the_same_check() -> None:
    (hook,) = load_yaml(PRE_COMMIT_HOOKS)
    assert {"id", "name", "entry", "language"} <= hook.keys()
    assert hook["id"] == "waypost-check" and hook["language"] == "python" and hook["pass_filenames"] is False
    local = pre_commit_local_hook("waypost-check")
    assert (hook["entry"], hook["files"]) == (local["entry"], local["files"])


def test_hooks_run_on_content_changes_only() -> None:
    files = re.compile(pre_commit_local_hook("waypost-check")["files"])
    for path in ["content/concepts/a.md", "content/exercises/b.md", "journeys/c.yml", "schemas/journey.schema.json"]:
        assert files.search(path), path
    for path in ["README.md", "hooks/waypost/cli.py", "tests/fixtures/base/journeys/first-steps.yml"]:
        assert not files.search(path), path


def test_hygiene_hooks_are_pinned_to_a_release() -> None:
    remote = [repo for repo in load_yaml(PRE_COMMIT_CONFIG)["repos"] if repo["repo"] != "local"]
    assert remote, "the hygiene hooks come from the pre-commit-hooks repository"
    for repo in remote:
        assert re.fullmatch(r"v\d+\.\d+\.\d+", repo["rev"]), repo
    ids = {hook["id"] for repo in remote for hook in repo["hooks"]}
    assert {"trailing-whitespace", "end-of-file-fixer", "check-yaml", "check-added-large-files"} <= ids


@pytest.mark.parametrize(("where", "uses"), ACTIONS, ids=[f"{where}: {uses}" for where, uses in ACTIONS])
def test_workflow_action_is_pinned(where: str, uses: str) -> None:
    assert PINNED_ACTION.match(uses), f"{where}: pin {uses!r} to a version tag or a commit"


def test_pull_requests_run_the_readme_test_command_as_root_in_debian() -> None:
    workflow = load_yaml(ROOT / ".github" / "workflows" / "pull-request.yml")
    assert "pull_request" in workflow[True]  # PyYAML reads the key `on` as true
    (job,) = workflow["jobs"].values()
    assert job["container"]["image"] == "python:3.11-bookworm"
    assert job["container"].get("options", "--user root") == "--user root"
    assert job["env"]["NO_MKDOCS_2_WARNING"] == "1"
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert runs == [
        "python3 -m pip install -e '.[test]'",
        "waypost check",
        "mkdocs build --strict",
        "python3 -m pytest",
    ]


def test_pages_workflow_builds_with_the_pages_address_and_deploys() -> None:
    workflow = load_yaml(ROOT / ".github" / "workflows" / "pages.yml")
    assert workflow[True]["push"]["branches"] == ["main"] and "workflow_dispatch" in workflow[True]
    assert workflow["permissions"]["pages"] == "write" and workflow["permissions"]["id-token"] == "write"
    assert "group" in workflow["concurrency"]
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    (build,) = [step for step in steps if step.get("run") == "mkdocs build --strict"]
    assert build["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert build["env"]["WAYPOST_REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    actions = {step["uses"].split("@")[0] for step in steps if "uses" in step}
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= actions


def test_vscode_validates_journeys_against_the_journey_schema() -> None:
    mapping = json.loads((VSCODE / "settings.json").read_text(encoding="utf-8"))["yaml.schemas"]

    def schemas_for(path: str) -> set[Path]:
        return {
            (ROOT / schema).resolve()
            for schema, globs in mapping.items()
            for glob in ([globs] if isinstance(globs, str) else globs)
            if fnmatch.fnmatch(path, glob.lstrip("/"))
        }

    journeys = [p.relative_to(ROOT).as_posix() for p in (ROOT / "journeys").iterdir()]
    for path in [*journeys, "journeys/new.yml", "journeys/new.yaml"]:
        assert schemas_for(path) == {ROOT / "schemas" / "journey.schema.json"}, path
    assert (ROOT / "schemas" / "journey.schema.json").is_file()


def test_vscode_recommends_the_yaml_extension() -> None:
    extensions = json.loads((VSCODE / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


@pytest.mark.parametrize("journey", sorted((ROOT / "journeys").glob("*.y*ml")), ids=lambda p: p.name)
def test_journey_modeline_points_at_a_schema(journey: Path) -> None:
    first = journey.read_text(encoding="utf-8").splitlines()[0]
    found = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    if found:
        assert (journey.parent / found.group(1)).resolve() == ROOT / "schemas" / "journey.schema.json"


def test_issue_form_offers_the_schemas_audiences() -> None:
    form = load_yaml(ROOT / ".github" / "ISSUE_TEMPLATE" / "content-suggestion.yml")
    (audience,) = [field for field in form["body"] if field.get("id") == "audience"]
    common = json.loads((ROOT / "schemas" / "common.schema.json").read_text(encoding="utf-8"))
    assert audience["attributes"]["options"] == common["$defs"]["audience"]["items"]["enum"]


def test_contributing_examples_pass_the_checker(tmp_path: Path) -> None:
    examples = {m["path"]: m["text"] for m in EXAMPLE.finditer(CONTRIBUTING.read_text(encoding="utf-8"))}
    folders = {path.rsplit("/", 1)[0] for path in examples}
    assert folders == {"content/concepts", "content/exercises", "journeys"}, "one worked example of each kind"
    root = make_project(tmp_path / "p", files=examples)
    result = check_project(root)
    assert [problem.format() for problem in result.problems] == []
    assert set(examples) <= set(result.documents), "every example was read as content"


def test_the_sample_check_output_is_what_the_check_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The guide's sample: its three examples on the shipped project, with the one `goto` it shows misspelt."""
    guide = CONTRIBUTING.read_text(encoding="utf-8")
    sample = guide.split("Here is the check after adding", 1)[1].split("```\n", 2)[1]
    root = tmp_path / "p"
    for name in ("content", "journeys"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "placement.yml", root / "placement.yml")
    for example in EXAMPLE.finditer(guide):
        text = example["text"].replace("goto: add-a-role", "goto: add-a-rol")
        (root / example["path"]).write_text(text, encoding="utf-8")
    monkeypatch.chdir(root)
    assert main(["check"]) == 1
    assert capsys.readouterr().out == sample
