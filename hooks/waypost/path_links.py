"""Links by path in Markdown (``![map](map.png)``, ``[home](../index.md)``) name files the site has.

MkDocs resolves such a link against the folder of the page's source file
and, when nothing is there, warns without a line number (which fails a
``--strict`` build) and publishes a link that leads nowhere. The checker
looks the same way, first, so that the contributor learns where the link
is and what was probably meant.

A pure function: the caller lists the files of content/ and the pages the
build generates.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

from waypost.links import find_path_links
from waypost.problems import Position, Problem, error
from waypost.sources import Document
from waypost.suggest import closest
from waypost.tree import PUBLISHED_FOLDER
from waypost.urls import FOLDERS

_BY_ID = {f"{folder}/": kind for kind, folder in FOLDERS.items()}


def check_path_links(documents: Iterable[Document], published: frozenset[str]) -> list[Problem]:
    """Each link by path whose file is not among ``published`` (paths inside content/), at its position."""
    problems = []
    for doc in documents:
        source = doc.path.removeprefix(PUBLISHED_FOLDER + "/")
        for link in find_path_links(doc.body):
            path = unquote(urlsplit(link.target).path)
            if not path:
                continue  # a query or an anchor only: the page itself
            target = _target(posixpath.dirname(source), path)
            if target in published:
                continue
            where = Position(doc.body_line + link.line - 1, link.column)
            hint = _hint(source, path, target, published)
            message = _message(link.target, target, any(name.startswith(target + "/") for name in published))
            problems.append(error(doc.path, where, "broken-link", message, hint))
    return problems


def _target(folder: str, path: str) -> str:
    """Where MkDocs looks for ``path``, written in a page of ``folder``: relative to content/."""
    return posixpath.normpath(posixpath.join(folder, path).lstrip("/"))


def _message(written: str, target: str, folder: bool) -> str:
    if target == ".." or target.startswith("../"):
        return f"link to '{written}' leads out of {PUBLISHED_FOLDER}/, and the site publishes nothing else"
    if folder:
        return f"link to '{written}', a folder: MkDocs links pages by their .md file"
    return f"link to '{written}', but there is no {PUBLISHED_FOLDER}/{target}"


def _hint(source: str, path: str, target: str, published: frozenset[str]) -> str:
    """What the writer probably meant: the page a web-style link names, or a file with a close name."""
    meant = next((guess for guess in _guesses(source, path, target) if guess in published), None)
    if meant is None:
        folder = posixpath.dirname(target)
        here = [posixpath.basename(name) for name in published if posixpath.dirname(name) == folder]
        name = closest(posixpath.basename(target), here)
        if name is None:
            return ""
        meant = posixpath.join(folder, name)
    kind = next((kind for prefix, kind in _BY_ID.items() if meant.startswith(prefix) and meant.count("/") == 1), None)
    if kind is not None and meant.endswith(".md") and not meant.endswith("/index.md"):
        return f"link by id instead: {kind}:{posixpath.basename(meant)[: -len('.md')]}"
    return f"did you mean '{posixpath.relpath(meant, posixpath.dirname(source) or '.')}'?"


def _guesses(source: str, path: str, target: str) -> list[str]:
    """The files a link may have meant, as MkDocs guesses them: written for the page's URL (one folder
    deeper than its file, with directory URLs) or for the page rather than its file (``x/`` for ``x.md``)."""
    served_from = posixpath.dirname(source) if posixpath.basename(source) == "index.md" else source[: -len(".md")]
    bases = [target, _target(served_from, path)]
    guesses = []
    for base in dict.fromkeys(bases):
        stem = base.removesuffix(".html")
        guesses += [base, posixpath.join(base, "index.md"), stem + ".md"]
    return guesses
