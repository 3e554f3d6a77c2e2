"""The ``waypost`` command line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from waypost import __version__
from waypost.check import check_project, is_project
from waypost.problems import report_lines
from waypost.scaffold import ScaffoldError, new_item
from waypost.sources import CONTENT_KINDS, Kind

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="waypost", description="Learning journeys on MkDocs.")
    parser.add_argument("--version", action="version", version=f"waypost {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate content and journeys without building the site")
    check.add_argument("path", nargs="?", default=".", help="project folder (default: the current folder)")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")

    new = commands.add_parser("new", help="start a concept, exercise or journey from a template")
    new.add_argument("kind", choices=[k.value for k in CONTENT_KINDS], help="what to create")
    new.add_argument("id", help="the new item's id: lowercase kebab-case, also its file name")
    new.add_argument("--title", help="the title (default: made from the id)")
    new.add_argument("--project", default=".", help="project folder (default: the current folder)")

    args = parser.parse_args(argv)
    if args.command == "check":
        return run_check(Path(args.path), strict=args.strict)
    if args.command == "new":
        return run_new(Path(args.project), Kind(args.kind), args.id, args.title)
    return EXIT_USAGE  # pragma: no cover - argparse requires a command


def run_new(root: Path, kind: Kind, item_id: str, title: str | None) -> int:
    if not is_project(root):
        print(f"waypost: error: {root} is not a Waypost project (no content/ or journeys/ folder)", file=sys.stderr)
        return EXIT_USAGE
    try:
        created = new_item(root, kind, item_id, title)
    except ScaffoldError as exc:
        print(f"waypost: error: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"created {created.path.relative_to(root).as_posix()}: {created.next_steps}, then run 'waypost check'")
    return EXIT_OK


def run_check(root: Path, strict: bool) -> int:
    if not root.is_dir():
        print(f"waypost: error: {root} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    if not is_project(root):
        print(
            f"waypost: error: {root} is not a Waypost project (no content/concepts/, content/exercises/ or journeys/)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    result = check_project(root)
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    for line in report_lines(result.problems, result.files_checked, github=github):
        print(line)
    failed = bool(result.errors) or (strict and bool(result.warnings))
    return EXIT_PROBLEMS if failed else EXIT_OK


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
