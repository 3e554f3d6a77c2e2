"""The ``waypost`` command line."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from waypost import __version__
from waypost.check import CheckResult, check_project, find_project, is_project
from waypost.problems import Problem, Severity, counts, plural, report_lines
from waypost.scaffold import ScaffoldError, new_item
from waypost.sources import CONTENT_KINDS, PLACEMENT_FILE, Kind

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
NO_PROJECT = "no content/concepts/, content/exercises/ or journeys/"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="waypost", description="Learning journeys on MkDocs.")
    parser.add_argument("--version", action="version", version=f"waypost {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate content and journeys without building the site")
    check.add_argument(
        "path",
        nargs="?",
        help="a project folder, or a file or folder in a project to list the problems of "
        "(default: the project the current folder is in)",
    )
    check.add_argument("--strict", action="store_true", help="fail on warnings too")

    new = commands.add_parser("new", help="start a concept, exercise or journey from a template")
    new.add_argument("kind", choices=[k.value for k in CONTENT_KINDS], help="what to create")
    new.add_argument("id", help="the new item's id: lowercase kebab-case, also its file name")
    new.add_argument("--title", help="the title (default: made from the id)")
    new.add_argument("--project", help="project folder (default: the project the current folder is in)")

    args = parser.parse_args(argv)
    try:
        here = Path.cwd()
    except OSError:  # the current folder was removed
        return _usage_error("the current folder no longer exists")
    if args.command == "check":
        return run_check(here, None if args.path is None else Path(args.path), strict=args.strict)
    if args.command == "new":
        return run_new(here, None if args.project is None else Path(args.project), Kind(args.kind), args.id, args.title)
    return EXIT_USAGE  # pragma: no cover - argparse requires a command


class Where:
    """Paths as printed: each leads from the current folder to the file, so terminals and editors can open it.

    Relative to the current folder, or absolute when the project was named by an
    absolute path and the file is outside the current folder.
    """

    def __init__(self, here: Path, root: Path, absolute: bool) -> None:
        self.here, self.root, self.absolute = here, root, absolute

    def __call__(self, rel: str) -> str:
        """The printed form of ``rel``, a path relative to the project root."""
        path = self.root / rel if rel != "." else self.root
        if path.is_relative_to(self.here) or not self.absolute:
            return Path(os.path.relpath(path, self.here)).as_posix()
        return path.as_posix()

    @property
    def inside(self) -> bool:
        """Whether the current folder is in the project."""
        return self.here.is_relative_to(self.root)

    def command(self, *args: str) -> str:
        """A waypost command for the whole project, as typed from the current folder."""
        words = ["waypost", *args] + ([] if self.inside else [shlex.quote(self("."))])
        return " ".join(words)

    def github(self, rel: str) -> str:
        """An annotation's path: relative to the repository GitHub checked out, if the file is in it."""
        workspace = os.environ.get("GITHUB_WORKSPACE")
        path = self.root / rel
        if workspace and path.is_relative_to(os.path.abspath(workspace)):
            return Path(os.path.relpath(path, os.path.abspath(workspace))).as_posix()
        return self(rel)


def run_new(here: Path, project: Path | None, kind: Kind, item_id: str, title: str | None) -> int:
    if project is None:
        root = find_project(here)
        if root is None:
            return _usage_error(
                f"not in a Waypost project: {NO_PROJECT} here or in a folder above "
                "(hint: run it in the project, or name it with --project)"
            )
    else:
        root = Path(os.path.abspath(here / project))
        if not is_project(root):
            return _usage_error(f"{project} is not a Waypost project ({NO_PROJECT})")
    where = Where(here, root, project is not None and project.is_absolute())
    try:
        created = new_item(root, kind, item_id, title)
    except ScaffoldError as exc:
        print(f"waypost: error: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    shown = where(created.path.relative_to(root).as_posix())
    print(f"created {shown}: {created.next_steps}, then run '{where.command('check')}'")
    return EXIT_OK


def run_check(here: Path, path: Path | None, strict: bool) -> int:
    if path is None:
        root = find_project(here)
        if root is None:
            return _usage_error(
                f"not in a Waypost project: {NO_PROJECT} here or in a folder above "
                "(hint: run it in the project, or name it: waypost check PATH)"
            )
        target = root
    else:
        target = Path(os.path.abspath(here / path))
        if not os.path.lexists(target):
            return _usage_error(f"{path} does not exist")
        found = find_project(target if target.is_dir() else target.parent)
        if found is None:
            return _usage_error(f"{path} is not in a Waypost project: {NO_PROJECT} there or in a folder above")
        root = found
    where = Where(here, root, path is not None and path.is_absolute())
    scope = target.relative_to(root).as_posix()
    if scope != ".":
        refused = _unchecked(scope)
        if refused:
            return _usage_error(f"{where(scope)} {refused} (hint: '{where.command('check')}' checks the whole project)")
    result = check_project(root)
    problems, summary = result.problems, None
    if scope != ".":
        problems, summary = _scoped(result, scope, target.is_dir(), where)
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    lines = report_lines(
        problems, result.files_checked, github=github, shown=where, github_path=where.github, summary=summary
    )
    for line in lines:
        print(line)
    failed = any(p.severity is Severity.ERROR for p in problems) or (
        strict and any(p.severity is Severity.WARNING for p in problems)
    )
    return EXIT_PROBLEMS if failed else EXIT_OK


def _unchecked(scope: str) -> str | None:
    """Why the file or folder ``scope`` (relative to the project root) has nothing to check, or None."""
    parts = scope.split("/")
    if any(part.startswith(".") for part in parts):
        return "is hidden: waypost and the site ignore hidden files and folders"
    if parts[0] == "content" or scope == PLACEMENT_FILE:
        return None
    if parts[0] == "journeys" and (scope == "journeys" or (len(parts) == 2 and scope.endswith(Kind.JOURNEY.suffixes))):
        return None
    return "is not checked: waypost checks what is in content/, the journeys in journeys/ and placement.yml"


def _scoped(result: CheckResult, scope: str, is_folder: bool, where: Where) -> tuple[list[Problem], list[str]]:
    """The problems of the files in ``scope``, and a summary that says the whole project was checked."""

    def inside(rel: str) -> bool:
        return rel == scope or rel.startswith(scope + "/")

    mine = [p for p in result.problems if inside(p.path)]
    others = [p for p in result.problems if not inside(p.path)]
    if is_folder:
        files = sum(1 for rel in result.paths if inside(rel))
        folder = where(scope)
        what, whose = f"{plural(files, 'file')} under {'this folder' if folder == '.' else folder + '/'}", "their"
    else:
        what, whose = where(scope), "its"
    summary = [
        f"{counts(mine)} in {what} (only {whose} problems are listed; "
        f"the whole project was checked, {plural(result.files_checked, 'file')})"
    ]
    if others:
        summary.append(f"other files of the project: {counts(others)} (run '{where.command('check')}' to list them)")
    return mine, summary


def _usage_error(message: str) -> int:
    print(f"waypost: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def entry() -> None:
    """The console script: ``main``, quiet when its reader goes away (``waypost check | head``)."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = EXIT_PROBLEMS
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    entry()
