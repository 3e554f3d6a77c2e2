"""Where each page of the site lives, and relative links between pages."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

FOLDERS = {"concept": "concepts", "exercise": "exercises", "journey": "journeys"}
JOURNEYS_INDEX = "journeys/index.md"
START_PAGE = "start.md"
"""The "Where do I start?" page, generated when the project has a placement."""
CONTRIBUTE_INDEX = "contribute/index.md"
CONTRIBUTE_PAGES = {
    "concept": "contribute/concepts.md",
    "exercise": "contribute/exercises.md",
    "journey": "contribute/journeys.md",
    "placement": "contribute/placement.md",
}


def source_path(kind: str, item_id: str) -> str:
    """The page's path inside the docs folder: ``concepts/what-is-prompting.md``."""
    return f"{FOLDERS[kind]}/{item_id}.md"


@dataclass(frozen=True)
class Urls:
    """Page URLs as MkDocs makes them, for one setting of ``use_directory_urls``."""

    directory_urls: bool = True

    def of_source(self, src: str) -> str:
        """The site URL of a Markdown source path, relative to the site root."""
        stem = src[: -len(".md")]
        if not self.directory_urls:
            return stem + ".html"
        if stem == "index":
            return ""
        if stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"

    def of(self, kind: str, item_id: str) -> str:
        return self.of_source(source_path(kind, item_id))

    def redirect_file(self, kind: str, old_id: str) -> str:
        """Where the page for an alias goes, so that the old URL still answers."""
        url = self.of(kind, old_id)
        return url + "index.html" if url.endswith("/") else url


def relative(target: str, here: str) -> str:
    """``target`` (a site URL) as seen from the page at ``here``."""
    base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    path = posixpath.relpath("/" + target, "/" + base) if target else posixpath.relpath("/", "/" + base)
    if target.endswith("/") or not target:
        path = path.rstrip("/") + "/"
    return "./" if path in (".", "./") else path
