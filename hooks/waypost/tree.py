"""Which files under content/ and journeys/ may be read and published.

MkDocs publishes every file of its docs folder (content/), following
symbolic links, and copies anything that is not Markdown byte for byte.
So a link to a file outside content/ would publish that file, a link to a
folder publishes all of it (a link to a parent folder never ends), an
``.html`` or ``.js`` file runs on the site's own origin, and a ``.markdown``
page is built without ever being checked. This module refuses all of those,
and file names that make poor or unsafe URLs and page titles (MkDocs titles a
page without a title after its file name, and the theme prints titles raw).

Hidden files and folders (names starting with '.') are ignored here, by the
checker and by MkDocs alike, except that a hidden link to a folder is still
refused: MkDocs walks into it before it ignores its files.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import NamedTuple

from waypost.policy import check_svg, words
from waypost.problems import Position, Problem, error
from waypost.sources import MAX_FILE_BYTES, Kind

PUBLISHED_FOLDER = "content"
READ_FOLDERS = ("content", "journeys")


STATIC_SUFFIXES = words(".png .jpg .jpeg .gif .webp .avif .ico .bmp .svg .pdf .txt .csv .mp3 .mp4 .webm .ogg .wav")
"""Files besides Markdown pages that content/ may hold: none of them runs script when opened
(SVG files are checked for script)."""
STATIC_NAMES = frozenset({"CNAME"})
"""Files without a suffix that static hosts read (GitHub Pages' custom domain)."""
MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd")
"""Other suffixes MkDocs builds as pages; Waypost checks only ``.md``."""
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
BACKUP_SUFFIXES = (".bak", ".backup", ".old", ".orig", ".rej", ".swp", ".swo", ".tmp", ".temp", ".part", ".crdownload")
"""Suffixes of copies that editors, merge tools and downloads leave beside a file (compared in lowercase)."""

_CONTENT_FOLDERS = {Kind.CONCEPT.folder, Kind.EXERCISE.folder}


def scan_tree(root: Path) -> list[Problem]:
    """Every refused link, file type and file name under content/ and journeys/."""
    problems: list[Problem] = []
    for top in READ_FOLDERS:
        start = root / top
        if start.is_symlink():
            problems.append(_link_problem(root, start, top) or _folder_link(top))
            continue
        if not start.is_dir():
            continue
        for folder, subfolders, names in os.walk(start):
            here = Path(folder)
            rel_here = here.relative_to(root).as_posix()
            published = top == PUBLISHED_FOLDER
            free = _FreeNames([*subfolders, *names])
            kept = []
            for name in sorted(subfolders if published else ()):
                rel = f"{rel_here}/{name}"
                if (here / name).is_symlink():
                    problems.append(_link_problem(root, here / name, rel) or _folder_link(rel))
                elif not name.startswith("."):
                    kept.append(name)
                    problems += _name_problems(rel, name, free, "folder")
            if not published:
                problems += _nested_journeys(here, rel_here, subfolders)
            subfolders[:] = kept  # journeys/ is read one level deep only
            for name in sorted(names):
                if name.startswith("."):
                    continue
                path, rel = here / name, f"{rel_here}/{name}"
                if path.is_symlink():
                    link = _link_problem(root, path, rel)
                    if link and (published or name.endswith(Kind.JOURNEY.suffixes)):
                        problems.append(link)
                    if link:
                        continue
                if published:
                    problems += _file_problems(path, rel, rel_here, name, free)
    return problems


def content_files(root: Path) -> frozenset[str]:
    """Every file MkDocs finds in content/, relative to it: what a link by path may name."""
    start = root / PUBLISHED_FOLDER
    files = set()
    for folder, subfolders, names in os.walk(start):
        here = Path(folder).relative_to(start).as_posix()
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        files |= {name if here == "." else f"{here}/{name}" for name in names if not name.startswith(".")}
    return frozenset(files)


def is_refused_link(root: Path, path: Path, rel: str) -> bool:
    """Whether ``path`` is a symbolic link the checker must not follow."""
    return path.is_symlink() and (path.is_dir() or _link_problem(root, path, rel) is not None)


def link_problem(root: Path, path: Path, rel: str, folder: str | None = None) -> Problem | None:
    """The problem with a symbolic link to a file, if its target is outside its folder.

    The folder is the first folder of ``rel`` unless given; ``""`` is the project root.
    """
    return _link_problem(root, path, rel, folder) if path.is_symlink() else None


def _link_problem(root: Path, path: Path, rel: str, folder: str | None = None) -> Problem | None:
    # exists() follows the link and is False for a dangling link and for a loop, where resolve() raises.
    if not path.exists():
        return error(rel, Position(1, 1), "file-unreadable", f"cannot read file: symbolic link {_dead_end(path)}")
    real_root = root.resolve()
    target = path.resolve()
    if not target.is_relative_to(real_root):
        return error(rel, Position(1, 1), "file-outside-project", "symbolic link points outside the project")
    top = rel.split("/", 1)[0] if folder is None else folder
    if top and not target.is_relative_to(real_root / top):
        return error(
            rel,
            Position(1, 1),
            "file-outside-project",
            f"symbolic link points outside {top}/",
            f"copy the file into {top}/ instead: everything a link in {top}/ reaches is read"
            + (" and published" if top == PUBLISHED_FOLDER else ""),
        )
    return None


def _dead_end(link: Path) -> str:
    try:
        link.resolve()
    except RuntimeError:  # Python 3.11 and 3.12; later versions resolve a loop as far as it goes
        return "loops back to itself"
    return "points to nothing"


def _folder_link(rel: str) -> Problem:
    return error(
        rel,
        Position(1, 1),
        "file-outside-project",
        "symbolic link to a folder",
        "copy the folder instead: MkDocs follows folder links and publishes everything they reach",
    )


def _file_problems(path: Path, rel: str, folder: str, name: str, free: _FreeNames) -> list[Problem]:
    if is_backup_name(name):
        return [
            error(
                rel,
                Position(1, 1),
                "file-type",
                f"'{name}' looks like a backup or temporary file left by an editor or another tool",
                f"delete it, or move it out of {PUBLISHED_FOLDER}/ if you still need it: "
                f"{PUBLISHED_FOLDER}/ holds only what the site publishes",
            )
        ]
    suffix = name[name.rfind(".") :] if "." in name else ""
    if suffix == ".md":
        if folder in _CONTENT_FOLDERS:
            return []  # their names are their ids: the id-filename rule speaks for them
        nested_in = _content_folder_above(folder)
        if nested_in:
            kind = nested_in.rsplit("/", 1)[-1]
            return [
                error(
                    rel,
                    Position(1, 1),
                    "file-place",
                    f"{kind} are read from {nested_in}/ itself, not its subfolders: "
                    "this page would be published unchecked",
                    f"move it to {nested_in}/, or out of content/ while it is a draft",
                )
            ]
        return _name_problems(rel, name, free)
    if suffix.lower() in MARKDOWN_SUFFIXES or suffix.lower() == ".md":
        wanted = name[: -len(suffix)] + ".md"
        # One new name for both problems: a safe name that ends in .md.
        target = free.claim(wanted if SAFE_NAME.match(wanted) else safe_name(wanted), name)
        return _name_problems(rel, name, free, target=target) + [
            error(
                rel,
                Position(1, 1),
                "file-type",
                f"'{name}' is not checked: Waypost reads Markdown pages ending in .md",
                _rename(target),
            )
        ]
    problems = _name_problems(rel, name, free)
    if suffix.lower() not in STATIC_SUFFIXES and name not in STATIC_NAMES:
        return problems + [_type_problem(rel, suffix)]
    if suffix.lower() == ".svg":
        problems += _svg_problems(path, rel)
    return problems


def _nested_journeys(here: Path, rel_here: str, subfolders: list[str]) -> list[Problem]:
    """Journey files in subfolders of journeys/, which is read one level deep: neither checked nor published."""
    problems = []
    for name in sorted(subfolders):
        if name.startswith(".") or (here / name).is_symlink():
            continue
        for folder, inner, names in os.walk(here / name):
            inner[:] = sorted(d for d in inner if not d.startswith("."))
            rel_folder = Path(folder).relative_to(here).as_posix()
            problems += [
                error(
                    f"{rel_here}/{rel_folder}/{file}",
                    Position(1, 1),
                    "file-place",
                    "journeys are read from journeys/ itself, not its subfolders: this one is neither checked "
                    "nor published",
                    "move it to journeys/, or out of journeys/ while it is a draft",
                )
                for file in sorted(names)
                if file.endswith(Kind.JOURNEY.suffixes) and not file.startswith(".")
            ]
    return problems


def _content_folder_above(folder: str) -> str | None:
    """content/concepts or content/exercises, when ``folder`` is below one of them."""
    return next((top for top in sorted(_CONTENT_FOLDERS) if folder.startswith(top + "/")), None)


def is_backup_name(name: str) -> bool:
    """Whether ``name`` is that of a backup or temporary copy: 'notes.md~', '#notes.md#', 'notes.md.orig'...

    Such a copy is never content: the hint for it is to delete it, never to rename it
    (its proper name is usually that of the file it copies).
    """
    return (
        name.endswith("~")
        or (len(name) > 2 and name.startswith("#") and name.endswith("#"))  # Emacs auto-save
        or name.startswith("~$")  # office lock files
        or name.lower().endswith(BACKUP_SUFFIXES)
    )


def _type_problem(rel: str, suffix: str) -> Problem:
    what = f"files of type '{suffix}'" if suffix else "files without a type suffix"
    hint = (
        "write the page in Markdown (.md)"
        if suffix.lower() in (".html", ".htm", ".xhtml", ".shtml")
        else "content/ may hold Markdown pages (.md), images, .pdf, .txt, .csv and audio or video files"
    )
    return error(rel, Position(1, 1), "file-type", f"{what} are not published from content/", hint)


def _svg_problems(path: Path, rel: str) -> list[Problem]:
    """An SVG opened on its own runs its script on the site's origin: check it like content."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return [error(rel, Position(1, 1), "file-too-large", f"file is over the {MAX_FILE_BYTES:,}-byte limit")]
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError as exc:
        return [error(rel, Position(1, 1), "file-unreadable", f"cannot read file: {exc.strerror}")]
    return [error(rel, Position(f.line, f.column), f.rule, f.message, f.hint) for f in check_svg(text)]


def _name_problems(
    rel: str, name: str, free: _FreeNames, what: str = "file", target: _Target | None = None
) -> list[Problem]:
    if SAFE_NAME.match(name):
        return []
    target = target or free.claim(safe_name(name), name)
    return [
        error(
            rel,
            Position(1, 1),
            "file-name",
            f"{what} name '{name}' uses characters other than letters a-z, digits, '-', '_' and '.'",
            f"{_rename(target)}: names become page addresses and, without a title, page titles",
        )
    ]


class _Target(NamedTuple):
    """A name to suggest, and the better name it replaces because that one is taken (or '')."""

    name: str
    taken: str = ""


def _rename(target: _Target) -> str:
    hint = f"rename it to '{target.name}'"
    return f"{hint} ('{target.taken}' already exists)" if target.taken else hint


class _FreeNames:
    """The names of one folder, so that no suggested new name is one already there.

    Names are compared in case-folded form: on macOS and Windows 'Notes.md'
    and 'notes.md' are the same file. Each suggestion is claimed, so that two
    files are never told to take the same new name.
    """

    def __init__(self, names: list[str]) -> None:
        self._taken = {name.casefold() for name in names}

    def claim(self, wanted: str, own: str) -> _Target:
        """``wanted``, or if another file or folder has that name, the first free ``<stem>-2<suffix>``, ``-3``..."""
        own_key = own.casefold()
        name, n = wanted, 1
        while name.casefold() in self._taken and name.casefold() != own_key:
            n += 1
            stem, dot, suffix = wanted.rpartition(".")
            name = f"{stem}-{n}.{suffix}" if dot and stem else f"{wanted}-{n}"
        self._taken.add(name.casefold())
        return _Target(name, "" if name == wanted else wanted)


def safe_name(name: str) -> str:
    """A suggestion for a file name that breaks ``SAFE_NAME``: 'Café notes.md' -> 'cafe-notes.md'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_name).strip("-._")
    stem, dot, suffix = slug.rpartition(".")
    return (slug if not dot else f"{stem.strip('-') or 'file'}.{suffix}").lower() or "file"


def publish_refusal(docs_dir: Path, path: Path) -> str | None:
    """Why the build must not publish ``path``, a file MkDocs found in ``docs_dir``; None if it may.

    The same rules as ``scan_tree``, asked once more of exactly the files
    MkDocs is about to copy, whatever the checker said.
    """
    if not path.resolve().is_relative_to(docs_dir.resolve()):
        return "it is reached through a symbolic link that points outside the docs folder"
    name = path.name
    suffix = name[name.rfind(".") :] if "." in name else ""
    if suffix == ".md":
        folder = f"{PUBLISHED_FOLDER}/{path.parent.relative_to(docs_dir).as_posix()}"
        return (
            "it is a page in a subfolder of a content folder, which is never checked"
            if _content_folder_above(folder)
            else None
        )
    if suffix.lower() not in STATIC_SUFFIXES and name not in STATIC_NAMES:
        return f"files of type '{suffix or 'none'}' are not published"
    if suffix.lower() == ".svg":
        # The checker's own test of the file, so that the two can never disagree on what passes.
        first = next(iter(_svg_problems(path, name)), None)
        if first is None:
            return None
        if first.rule == "file-too-large":
            return f"the SVG file is over the {MAX_FILE_BYTES:,}-byte limit"
        if first.rule == "file-unreadable":
            return "it cannot be read: " + first.message.removeprefix("cannot read file: ")
        return "the SVG file can run script"
    return None
