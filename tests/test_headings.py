"""Waypost's section headings are made as the site's ``toc`` extension makes a writer's ``## heading``."""

from __future__ import annotations

from typing import Any

import markdown
import pytest

from waypost.headings import Headings, HeadingStyle, TocEntry

TOC_SETTINGS: list[dict[str, Any]] = [
    {},
    {"permalink": True},
    {"permalink": "true"},
    {"permalink": "#"},
    {"permalink": "§", "permalink_class": "anchor", "permalink_title": "Link here"},
    {"permalink": True, "permalink_title": ""},
    {"permalink": True, "permalink_leading": True},
    {"anchorlink": True},
    {"anchorlink": True, "anchorlink_class": "self", "permalink": True},
    {"baselevel": 2, "permalink": True},
    {"baselevel": "6"},
    {"toc_depth": 1},
    {"toc_depth": "2-3"},
]


@pytest.mark.parametrize("settings", TOC_SETTINGS, ids=[repr(s) for s in TOC_SETTINGS])
def test_a_heading_is_what_python_markdown_makes_of_the_same_heading(settings: dict[str, Any]) -> None:
    md = markdown.Markdown(extensions=["toc"], extension_configs={"toc": settings})
    expected = md.convert("## Try this")
    headings = Headings(HeadingStyle.from_toc_options(settings), set())
    assert str(headings("Try this", "try-this")) == expected
    tokens = [(t["level"], t["id"], t["name"]) for t in md.toc_tokens]  # type: ignore[attr-defined]
    assert [(e.level, e.id, e.title) for e in headings.made] == tokens


def test_an_id_the_page_has_is_never_taken_twice() -> None:
    headings = Headings(HeadingStyle(), {"try-this", "try-this_1", "related-journeys"})
    made = [str(headings("Try this", "try-this")), str(headings("Related journeys", "related-journeys"))]
    assert made == ['<h2 id="try-this_2">Try this</h2>', '<h2 id="related-journeys_1">Related journeys</h2>']
    assert headings.made == [
        TocEntry(2, "try-this_2", "Try this"),
        TocEntry(2, "related-journeys_1", "Related journeys"),
    ]
    assert {"try-this_2", "related-journeys_1"} <= headings.taken


def test_a_title_is_escaped_in_the_heading_and_the_table_of_contents() -> None:
    headings = Headings(HeadingStyle.from_toc_options({"permalink": True}), set())
    made = str(headings("A & <b>", "a-b"))
    assert (
        made == '<h2 id="a-b">A &amp; &lt;b&gt;<a class="headerlink" href="#a-b" title="Permanent link">&para;</a></h2>'
    )
    assert headings.made == [TocEntry(2, "a-b", "A &amp; &lt;b&gt;")]
