"""Waypost's own headings in a writer's page, made the way the site's ``toc`` extension makes the writer's.

The sections Waypost adds to concept and exercise pages ("Try this",
"Related journeys"…) go into the page once Python-Markdown has converted
the writer's text: sending them through Markdown only for their few
headings cost more than converting the writer's prose alone. So their
headings are made here, with what the site's ``toc`` settings ask of
every heading (``permalink``, ``anchorlink``, ``baselevel``,
``toc_depth``), an id that no id of the writer's page already has (the
``toc`` extension's own ``unique``: ``try-this``, then ``try-this_1``),
and an entry for the page's table of contents and search sections.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from markdown.extensions.toc import unique
from markdown.util import parseBoolValue
from markupsafe import Markup, escape


@dataclass(frozen=True)
class HeadingStyle:
    """What the site's ``toc`` extension settings ask of a heading (Python-Markdown's names and defaults)."""

    base_level: int = 1
    permalink: str | None = None
    """The permalink's text (``True`` in the settings is ``&para;``); None for no permalink."""
    permalink_class: str = "headerlink"
    permalink_title: str = "Permanent link"
    permalink_leading: bool = False
    anchorlink: bool = False
    anchorlink_class: str = "toclink"
    toc_levels: tuple[int, int] = (1, 6)
    """The heading levels that reach the table of contents."""

    @classmethod
    def from_toc_options(cls, options: Mapping[str, Any]) -> HeadingStyle:
        """The style for a site whose ``markdown_extensions`` give ``toc`` these ``options``."""
        permalink = options.get("permalink", False)
        flag = parseBoolValue(permalink, False)
        if flag is None:  # neither true nor false: the permalink's own text, as the toc extension reads it
            text: str | None = str(permalink)
        else:
            text = "&para;" if flag else None
        depth = options.get("toc_depth", 6)
        if isinstance(depth, str) and "-" in depth:
            top, bottom = (int(part) for part in depth.split("-"))
        else:
            top, bottom = 1, int(depth)
        return cls(
            base_level=int(options.get("baselevel", 1)),
            permalink=text,
            permalink_class=str(options.get("permalink_class", "headerlink")),
            permalink_title=str(options.get("permalink_title", "Permanent link")),
            permalink_leading=bool(parseBoolValue(options.get("permalink_leading", False), False)),
            anchorlink=bool(parseBoolValue(options.get("anchorlink", False), False)),
            anchorlink_class=str(options.get("anchorlink_class", "toclink")),
            toc_levels=(top, bottom),
        )


@dataclass(frozen=True)
class TocEntry:
    """One heading Waypost made, for the page's table of contents."""

    level: int
    id: str
    title: str
    """HTML, as the table of contents holds its titles."""


@dataclass
class Headings:
    """Makes one page's Waypost headings; a template calls it: ``{{ heading("Try this", "try-this") }}``."""

    style: HeadingStyle
    taken: set[str]
    """Every id the page has so far; each heading made adds its own."""
    made: list[TocEntry] = field(default_factory=list)
    """The headings made that reach the table of contents, in page order."""

    def __call__(self, title: str, slug: str, level: int = 2) -> Markup:
        style = self.style
        level = min(level + style.base_level - 1, 6)
        heading_id = escape(unique(slug, self.taken))  # unique() adds the id to ``taken``
        text = escape(title)
        if style.anchorlink:
            text = Markup(f'<a class="{escape(style.anchorlink_class)}" href="#{heading_id}">{text}</a>')
        if style.permalink is not None:
            hover = f' title="{escape(style.permalink_title)}"' if style.permalink_title else ""
            # The permalink's text is the site's setting, HTML as the toc extension writes it (``&para;``).
            link = f'<a class="{escape(style.permalink_class)}" href="#{heading_id}"{hover}>{style.permalink}</a>'
            text = Markup(link + str(text) if style.permalink_leading else str(text) + link)
        low, high = style.toc_levels
        if low <= level <= high:
            self.made.append(TocEntry(level, str(heading_id), str(escape(title))))
        # f-strings of escaped parts: Markup.format escapes too, at ten times the cost, on every page.
        return Markup(f'<h{level} id="{heading_id}">{text}</h{level}>')
