"""Where each page of the site lives, and relative links between pages."""

from __future__ import annotations

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
    """``target`` (a site URL) as seen from the page at ``here``.

    Both are URLs as MkDocs makes them, with no ``..`` or empty segment (the
    home page's is ``./``), so their segments are compared as they are:
    resolving them as ``posixpath.relpath`` does was a third of the time of
    a page's links.
    """
    # "concepts/alpha/" and "concepts/alpha.html" are in "concepts/"; "./" and "index.html" in the root.
    folder = [segment for segment in here.split("/")[:-1] if segment != "."]
    parts = [segment for segment in target.split("/") if segment != "."]  # a last "" keeps a folder's slash
    common = 0
    for mine, theirs in zip(folder, parts, strict=False):
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(folder) - common) + parts[common:]) or "./"
