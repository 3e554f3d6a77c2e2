"""The whole check, in two passes: shape (syntax, schema), then meaning.

``check_project`` is what both ``waypost check`` and the MkDocs build call.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from waypost.model import Project, build_project
from waypost.problems import Position, Problem, Severity, error, sorted_problems
from waypost.schema import check_shape
from waypost.semantics import Site, check_meaning
from waypost.sources import Document, Kind, read_document


@dataclass(frozen=True)
class CheckResult:
    project: Project
    """The content that passed the first pass; complete only when there are no errors."""
    documents: dict[str, Document]
    problems: list[Problem]
    files_checked: int

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]


def is_project(root: Path) -> bool:
    return any((root / kind.folder).is_dir() for kind in Kind)


def discover(root: Path) -> tuple[list[tuple[Kind, Path]], list[Problem]]:
    """The content files of a project, in a stable order."""
    found: list[tuple[Kind, Path]] = []
    problems: list[Problem] = []
    real_root = root.resolve()
    for kind in Kind:
        folder = root / kind.folder
        if not folder.is_dir():
            continue
        for file in sorted(folder.iterdir()):
            rel = file.relative_to(root).as_posix()
            if file.name.startswith(".") or file.suffix not in kind.suffixes:
                continue
            if file.is_symlink() and not file.resolve().is_relative_to(real_root):
                problems.append(
                    error(rel, Position(1, 1), "file-outside-project", "symbolic link points outside the project")
                )
                continue
            if not file.is_file():
                continue
            found.append((kind, file))
    return found, problems


def check_project(root: Path) -> CheckResult:
    files, problems = discover(root)
    documents: dict[str, Document] = {}
    shaped: list[Document] = []
    unreadable: set[tuple[Kind, str]] = set()
    for kind, file in files:
        document, read_problems = read_document(root, file, kind)
        problems += read_problems
        if document is None:
            unreadable.add((kind, file.stem))
            continue
        documents[document.path] = document
        shape_problems = check_shape(document)
        problems += shape_problems
        if not shape_problems:
            shaped.append(document)
    project = build_project(shaped)
    problems += check_meaning(Site(project, documents, frozenset(unreadable)))
    return CheckResult(project, documents, sorted_problems(problems), len(files))
