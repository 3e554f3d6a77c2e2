"""Links by path in Markdown (``![map](map.png)``, ``[home](../index.md)``) name files the site has.

MkDocs resolves such a link against the folder of the page's source file
and, when nothing is there, warns without a line number (which fails a
``--strict`` build) and publishes a link that leads nowhere. The checker
looks the same way, first, so that the contributor learns where the link
is and what was probably meant.

Raw HTML is different: Python-Markdown passes ``<img src="map.png">`` and
``<a href="…">`` to the page as written, so MkDocs neither rewrites nor
checks their URLs, and the browser reads each from the page's address
(``concepts/alpha/`` for ``concepts/alpha.md`` with directory URLs), not
from its file. The checker reads them that way too, against what the built
site has: the files of content/ other than Markdown, and each page at its
address. A raw ``href`` to a ``.md`` file never works: the site has none.

A pure function: the caller lists the files of content/ and the pages the
build generates.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

from waypost.links import find_path_links, is_path
from waypost.policy import RawUrl, raw_html_urls
from waypost.problems import Position, Problem, error
from waypost.sources import Document
from waypost.suggest import closest
from waypost.tree import PUBLISHED_FOLDER
from waypost.urls import FOLDERS, Urls, relative

_BY_ID = {f"{folder}/": kind for kind, folder in FOLDERS.items()}
_CONTROL_OR_SPACE = "".join(map(chr, range(0x21)))
_URL_NOISE = str.maketrans("", "", "\t\n\r")
_DEFAULT_URLS = Urls()


def check_path_links(
    documents: Iterable[Document], published: frozenset[str], urls: Urls = _DEFAULT_URLS
) -> list[Problem]:
    """Each link by path whose file is not among ``published`` (paths inside content/), at its position;
    and each raw HTML link or image by path that the site, at the addresses ``urls`` gives, does not have."""
    problems = []
    site = _Site(published, urls)
    for doc in documents:
        source = doc.path.removeprefix(PUBLISHED_FOLDER + "/")
        problems += _raw_problems(doc, source, site)
        for link in find_path_links(doc.body):
            path = unquote(urlsplit(link.target).path)
            if not path:
                continue  # a query or an anchor only: the page itself
            where = Position(doc.body_line + link.line - 1, link.column)
            if path.startswith("/"):
                problems.append(_absolute(doc, where, link.target, source, path, published))
                continue
            target = _target(posixpath.dirname(source), path)
            if target in published:
                continue
            hint = _hint(source, path, target, published)
            message = _message(link.target, target, any(name.startswith(target + "/") for name in published))
            problems.append(error(doc.path, where, "broken-link", message, hint))
    return problems


def _absolute(
    doc: Document, where: Position, written: str, source: str, path: str, published: frozenset[str]
) -> Problem:
    """A path from the site's root: MkDocs leaves it as written, and it breaks on a site served from a
    subfolder (as GitHub Pages serves a project's site)."""
    target = _target("", path)
    message = (
        f"link to '{written}' starts at the site's root: MkDocs leaves it unchecked, and it breaks "
        "where the site is served from a subfolder"
    )
    meant = next((guess for guess in _named_by(target) if guess in published), None)
    if meant is None:
        hint = _hint(source, path.lstrip("/"), target, published) or f"there is no {PUBLISHED_FOLDER}/{target} either"
    elif _by_id(meant):
        hint = f"link by id instead: {_by_id(meant)}"
    else:
        hint = f"write it from this page: '{posixpath.relpath(meant, posixpath.dirname(source) or '.')}'"
    return error(doc.path, where, "broken-link", message, hint)


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
    """What the writer probably meant: another site, the page a web-style link names, or a file with a close name."""
    if re.match(r"www\.|[\w-]+\.(?:com|org|net|io|dev|edu|gov)(?:/|$)", path):
        return f"a link to another site starts with https://: https://{path}"
    if "\\" in path:
        return f"write '/' between folders: '{path.replace(chr(92), '/')}'"
    meant = next((guess for guess in _guesses(source, path, target) if guess in published), None)
    meant = meant or _same_name(target, published) or _close_name(target, published)
    if meant is None:
        return ""
    by_id = _by_id(meant)
    if by_id:
        return f"link by id instead: {by_id}"
    return f"did you mean '{posixpath.relpath(meant, posixpath.dirname(source) or '.')}'?"


def _same_name(target: str, published: frozenset[str]) -> str | None:
    """The file of that name in another case or another folder (index.md from a concept, a path written
    from the repository's root): the one nearest the top of content/, if only one is."""
    name = posixpath.basename(target).casefold()
    same_name = [file for file in published if posixpath.basename(file).casefold() == name]
    depth = min((file.count("/") for file in same_name), default=0)
    shallowest = [file for file in same_name if file.count("/") == depth]
    return shallowest[0] if len(shallowest) == 1 else None


def _close_name(target: str, published: frozenset[str]) -> str | None:
    """A file of the same folder with a name close to ``target``'s."""
    folder = posixpath.dirname(target)
    here = [posixpath.basename(name) for name in published if posixpath.dirname(name) == folder]
    name = closest(posixpath.basename(target), here)
    return None if name is None else posixpath.join(folder, name)


def _by_id(page: str) -> str:
    """How to link by id to ``page`` (a path inside content/), or '' if it is not a concept, exercise or journey."""
    kind = next((kind for prefix, kind in _BY_ID.items() if page.startswith(prefix) and page.count("/") == 1), None)
    if kind is not None and page.endswith(".md") and not page.endswith("/index.md"):
        return f"{kind}:{posixpath.basename(page)[: -len('.md')]}"
    return ""


def _guesses(source: str, path: str, target: str) -> list[str]:
    """The files a link may have meant, as MkDocs guesses them: written for the page's URL (one folder
    deeper than its file, with directory URLs) or for the page rather than its file (``x/`` for ``x.md``)."""
    served_from = posixpath.dirname(source) if posixpath.basename(source) == "index.md" else source[: -len(".md")]
    return [guess for base in dict.fromkeys([target, _target(served_from, path)]) for guess in _named_by(base)]


def _named_by(base: str) -> list[str]:
    """The files a link to ``base`` (a path inside content/) may mean: the file, or a page written as
    its folder or its HTML file."""
    return [base, posixpath.join(base, "index.md"), base.removesuffix(".html") + ".md"]


# Raw HTML ----------------------------------------------------------------------


class _Site:
    """What the built site has, at the paths a browser asks for (relative to the site's root); made on first use."""

    def __init__(self, published: frozenset[str], urls: Urls) -> None:
        self.published = published
        self.urls = urls
        self._served: frozenset[str] | None = None

    @property
    def served(self) -> frozenset[str]:
        if self._served is None:
            files = {name for name in self.published if not name.endswith(".md")}
            for page in (name for name in self.published if name.endswith(".md")):
                url = self.urls.of_source(page)
                folder = url.rstrip("/") if url.endswith("/") or not url else None
                if folder is not None:  # served as a folder: concepts/alpha/, and its index.html
                    files |= {folder or ".", posixpath.join(folder, "index.html")}
                else:
                    files.add(url)
                    if posixpath.basename(url) == "index.html":
                        files.add(posixpath.dirname(url) or ".")
            self._served = frozenset(files)
        return self._served


def _raw_problems(doc: Document, source: str, site: _Site) -> list[Problem]:
    """Raw HTML links and images by path that lead nowhere, read from the page's address as a browser does."""
    raw = raw_html_urls(doc.body) if doc.body else []
    if not raw:
        return []
    address = site.urls.of_source(source)
    folder = address.rstrip("/") if address.endswith("/") else posixpath.dirname(address)
    problems = []
    for url in raw:
        read = url.value.strip(_CONTROL_OR_SPACE).translate(_URL_NOISE)  # as a browser reads a URL
        path = unquote(urlsplit(read).path) if is_path(read) else ""
        if not path:
            continue  # another site, an anchor, an absolute path, or a scheme the content policy judges
        target = _target(folder, path)
        if target in site.served:
            continue
        where = Position(doc.body_line + url.line - 1, url.column)
        what = "image" if url.element == "img" else "link"
        read_from = f"raw HTML paths start from the page's address, {address or 'the site root'}"
        if target == ".." or target.startswith("../"):
            message = f"{what} '{url.value}' in raw HTML leads out of the site: {read_from}"
        else:
            message = f"{what} '{url.value}' in raw HTML asks for {target}, which the site does not have: {read_from}"
        problems.append(error(doc.path, where, "broken-link", message, _raw_hint(url, source, path, target, site)))
    return problems


def _raw_hint(url: RawUrl, source: str, path: str, target: str, site: _Site) -> str:
    """What the writer probably meant: the file or page the path names from the page's file (as it
    would in Markdown) or from its address, or one with a close name; as the browser needs it."""
    here = site.urls.of_source(source)
    bases = dict.fromkeys([target, _target(posixpath.dirname(source), path)])
    meant = next((guess for base in bases for guess in _named_by(base) if guess in site.published), None)
    if meant is None:
        near = _close_name(target, site.served)
        return f"did you mean '{relative(near, here)}'?" if near else ""
    if not meant.endswith(".md"):
        return f"did you mean '{relative(meant, here)}'?"
    by_id = _by_id(meant)
    if url.element == "a" and by_id:
        return f"link by id in Markdown instead: [text]({by_id})"
    return f"did you mean '{relative(site.urls.of_source(meant), here)}'? The site has its pages at their addresses"
