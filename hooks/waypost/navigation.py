"""What the sidebar lists, and when a section is too long to list in full.

Material's ``navigation.prune`` drops the pages of collapsed sections, but a
top-level section under ``navigation.sections`` is never collapsed: every
page of it is written into the sidebar of every page of the site. With
2,000 concepts that is 2,000 links, about 800 KB, on each of 2,700 pages, and
the build spends most of its time rendering them. So a long generated
section (more than ``SIDEBAR_LIMIT`` pages) keeps all its pages in the
navigation that MkDocs builds, but each page's sidebar shows only the
section's index page, which lists every item A to Z, and the page itself
(highlighted, with its table of contents, as before). Short sections, such as a course of a few
dozen files, are listed in full as before.
"""

from __future__ import annotations

from collections.abc import Iterable

from waypost.urls import CONTRIBUTE_INDEX, CONTRIBUTE_PAGES, JOURNEYS_INDEX, START_PAGE, source_path

SIDEBAR_LIMIT = 50
"""Items a generated section may have before its sidebar shows only its index and the current page."""

SECTION_INDEXES = {
    "journey": JOURNEYS_INDEX,
    "concept": "concepts/index.md",
    "exercise": "exercises/index.md",
}
"""The index page of each generated section. Journeys always have one; the others only when long."""

INDEX_TITLES = {"concept": "All concepts", "exercise": "All exercises"}


def is_long(items: int) -> bool:
    """Whether a section of ``items`` concepts, exercises or journeys is shown shortened in sidebars."""
    return items > SIDEBAR_LIMIT


def section_pages(kind: str, pages: list[str]) -> list[str]:
    """The navigation entries of a concepts or exercises section: its index page first when it is long."""
    return [SECTION_INDEXES[kind], *pages] if is_long(len(pages)) else pages


def group_label(title: str) -> str:
    """The A-to-Z heading an item is listed under on an index page: its first letter, or "Other"."""
    first = title.lstrip()[:1].upper()
    return first if first.isalpha() else "Other"


def generated_pages(journey_ids: Iterable[str], concepts: int, exercises: int, placement: bool) -> frozenset[str]:
    """The Markdown pages the build adds to content/ (``on_files``), which pages may link to by path."""
    pages = {JOURNEYS_INDEX, CONTRIBUTE_INDEX, *CONTRIBUTE_PAGES.values()}
    pages |= {source_path("journey", journey_id) for journey_id in journey_ids}
    counts = {"concept": concepts, "exercise": exercises}
    pages |= {SECTION_INDEXES[kind] for kind, count in counts.items() if is_long(count)}
    return frozenset(pages | ({START_PAGE} if placement else set()))
