"""The whole check, in two passes: shape (syntax, schema), then meaning.

``check_project`` is what both ``waypost check`` and the MkDocs build call.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from waypost.body_headings import heading_problems
from waypost.markers import marker_problems
from waypost.model import Project, build_project
from waypost.navigation import generated_pages
from waypost.path_links import check_path_links
from waypost.placeholders import template_problems
from waypost.policy_check import document_problems
from waypost.problems import Position, Problem, Severity, error, sorted_problems
from waypost.schema import check_page_front_matter, check_shape, fits_other_kind, without_repeats
from waypost.semantics import Site, check_meaning
from waypost.sources import CONTENT_KINDS, PLACEMENT_FILE, Document, Kind, read_document, read_page
from waypost.tree import content_files, is_refused_link, link_problem, scan_tree
from waypost.urls import Urls


@dataclass(frozen=True)
class CheckResult:
    project: Project
    """The content that passed the first pass; complete only when there are no errors."""
    documents: dict[str, Document]
    problems: list[Problem]
    files_checked: int
    paths: frozenset[str] = frozenset()
    """The files checked, relative to the project root: content, journeys, placement and pages."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]


def is_project(root: Path) -> bool:
    return any((root / kind.folder).is_dir() for kind in CONTENT_KINDS)


def find_project(start: Path) -> Path | None:
    """The project ``start`` is in, looking upward as git does; None if there is none.

    ``start`` is an absolute folder. The nearest folder that is a project
    is its root, unless that folder is itself inside the content/ or
    journeys/ folder of a project further up (content/journeys/ can be a
    folder of pages): then that outer project is.
    """
    found = None
    for folder in (start, *start.parents):
        if is_project(folder) and (
            found is None or any(found.is_relative_to(folder / top) for top in ("content", "journeys"))
        ):
            found = folder
    return found


def discover(root: Path) -> tuple[list[tuple[Kind, Path, str]], list[Problem]]:
    """The content files of a project in a stable order, with their paths relative to the root."""
    found: list[tuple[Kind, Path, str]] = []
    problems: list[Problem] = []
    for kind in CONTENT_KINDS:
        folder = root / kind.folder
        # A linked folder is refused by the tree scan; reading through it would read what it points at.
        if not folder.is_dir() or any(is_refused_link(root, root / part, part) for part in _prefixes(kind.folder)):
            continue
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                rel = f"{kind.folder}/{entry.name}"
                if entry.name.startswith(".") or not entry.name.endswith(kind.suffixes):
                    continue
                if link_problem(root, Path(entry.path), rel):
                    continue  # scan_tree reports it
                if entry.is_file():
                    found.append((kind, Path(entry.path), rel))
    # The placement is optional: a project without it simply has no "Where do I start?" page.
    # Its own folder is the project root, so a link to any file of the project is fine.
    placement = root / PLACEMENT_FILE
    refused = link_problem(root, placement, PLACEMENT_FILE, folder="")
    if refused:
        problems.append(refused)
    elif placement.is_file():
        found.append((Kind.PLACEMENT, placement, PLACEMENT_FILE))
    return found, problems


def check_project(root: Path, directory_urls: bool | None = None) -> CheckResult:
    """Check the project at ``root``, whose pages have the addresses MkDocs gives them with
    ``use_directory_urls`` (read from its mkdocs.yml when not given)."""
    with _no_cycle_collection():
        return _check_project(root, directory_urls)


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """The check makes a great many small containers and keeps most of them, in no reference cycle: the cycle
    collector's passes over them are pure cost (a sixth of a 5,400-file check, for the same peak memory)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _check_project(root: Path, directory_urls: bool | None) -> CheckResult:
    files, problems = discover(root)
    problems += scan_tree(root)
    documents: dict[str, Document] = {}
    shaped: list[Document] = []
    unreadable: set[tuple[Kind, str]] = set()
    for kind, file, rel in files:
        document, read_problems = read_document(file, rel, kind)
        if document is None:
            problems += read_problems
            unreadable.add((kind, file.stem))
            continue
        problems += document_problems(document) + template_problems(document) + heading_problems(document)
        problems += marker_problems(document)
        shape_problems = check_shape(document)
        other_kind = fits_other_kind(document) if shape_problems else None
        if other_kind is not None:
            # One line that says where it belongs, not one per field it lacks; until it is moved, links to
            # it are left alone (as to a broken file) rather than told it is of the kind of its folder.
            problems += [_misplaced(document, other_kind)] + read_problems
            unreadable |= {(kind, file.stem), (other_kind, file.stem)}
            continue
        documents[document.path] = document
        problems += shape_problems + without_repeats(read_problems, shape_problems)
        if not shape_problems:
            shaped.append(document)
    pages = []
    page_files = discover_pages(root)
    for file in page_files:
        page, read_problems = read_page(file, file.relative_to(root).as_posix())
        problems += read_problems
        if page is not None:
            pages.append(page)
            problems += document_problems(page) + check_page_front_matter(page) + marker_problems(page)
    project = build_project(shaped)
    problems += check_meaning(Site(project, documents, frozenset(unreadable), tuple(pages)))
    urls = Urls(directory_urls=uses_directory_urls(root) if directory_urls is None else directory_urls)
    problems += check_path_links([*documents.values(), *pages], content_files(root) | _generated(files), urls)
    paths = frozenset([rel for _, _, rel in files] + [file.relative_to(root).as_posix() for file in page_files])
    return CheckResult(project, documents, sorted_problems(problems), len(files) + len(pages), paths)


def _misplaced(document: Document, kind: Kind) -> Problem:
    return error(
        document.path,
        Position(1, 1),
        "file-place",
        f"this file has the fields of {'an' if kind is Kind.EXERCISE else 'a'} {kind.value}, "
        f"but it is in {document.kind.folder}/",
        f"move it to {kind.folder}/",
    )


_DIRECTORY_URLS = re.compile(r"^use_directory_urls[ \t]*:[ \t]*([^\s#]+)", re.MULTILINE)
_NO = frozenset({"false", "no", "off"})


def uses_directory_urls(root: Path) -> bool:
    """MkDocs' ``use_directory_urls`` for the project (true unless its mkdocs.yml says otherwise).

    Only raw HTML depends on it, so the file is not parsed as MkDocs would (it may carry ``!ENV``
    and other tags): the top-level key is looked up as written.
    """
    for name in ("mkdocs.yml", "mkdocs.yaml"):
        try:
            text = (root / name).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        match = _DIRECTORY_URLS.search(text)
        return not (match and match.group(1).strip("\"'").lower() in _NO)
    return True


def _generated(files: list[tuple[Kind, Path, str]]) -> frozenset[str]:
    """The pages the build will generate, from the files found (readable or not: a link to a journey
    whose file has an error is not broken too)."""
    stems = {kind: [file.stem for found, file, _ in files if found is kind] for kind in Kind}
    return generated_pages(
        stems[Kind.JOURNEY], len(stems[Kind.CONCEPT]), len(stems[Kind.EXERCISE]), bool(stems[Kind.PLACEMENT])
    )


def discover_pages(root: Path) -> list[Path]:
    """Hand-written Markdown pages under content/, outside the concept and exercise folders."""
    content = root / "content"
    managed = {(root / Kind.CONCEPT.folder).resolve(), (root / Kind.EXERCISE.folder).resolve()}
    real_root = root.resolve()
    pages = []
    for folder, subfolders, names in os.walk(content):
        here = Path(folder)
        # Prune hidden folders and the content folders, which are read as content, not pages.
        subfolders[:] = sorted(d for d in subfolders if not d.startswith(".") and (here / d).resolve() not in managed)
        pages += [
            here / name
            for name in sorted(names)
            if name.endswith(".md") and not name.startswith(".") and _inside(here / name, real_root)
        ]
    return pages


def _inside(path: Path, real_root: Path) -> bool:
    """Whether ``path`` can be read and is in the project; a broken or looping link is reported by the tree scan."""
    return path.exists() and path.resolve().is_relative_to(real_root)


def _prefixes(folder: str) -> list[str]:
    """'content/concepts' -> ['content', 'content/concepts']."""
    parts = folder.split("/")
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]
