"""Defence in depth: every page's HTML goes through nh3 (ammonia, an HTML5 sanitiser) during the build.

The checker refuses what the content policy forbids, with positions; this
is the second layer, for whatever gets past it (a hole in the checker, a
bypassed check, a template that forgets to escape). Two allowlists:

- ``WRITER``: what Python-Markdown and its extensions (admonitions, details,
  tabs, task lists, code highlighting, tables, footnotes, permalinks, icons) make of a
  writer's Markdown, plus the raw HTML the policy allows. The writer's part
  of each page is cleaned with it.
- ``SITE``: ``WRITER`` plus what Waypost's own templates write (journey
  maps in SVG, checkboxes and the placement form, ``data-wp-*``). Whole
  pages are checked against it, which catches a template that prints text
  unescaped.

Knowing whether anything was removed matters as much as removing it: the
build reports it as an error. nh3 rewrites the markup it keeps (quotes,
entities, void elements), so the output cannot simply be compared with the
input. Instead the same HTML also goes through a mirror cleaner that allows
every element, attribute and URL scheme the input names; the two outputs
differ exactly where the allowlist removed something.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from typing import Any

import nh3

from waypost.policy import SCRIPT_SCHEMES, URL_SCHEMES, WRITER_ATTRIBUTES, WRITER_TAGS, words

_MARKDOWN_TAGS = WRITER_TAGS | words("h1 input label svg path g")
"""The raw HTML the policy allows, and what Python-Markdown and the extensions Material documents write.

``input`` and ``label`` are task-list checkboxes and content tabs; ``svg``,
``path`` and ``g`` are Material's inline icons and emoji.
"""
_MARKDOWN_ATTRIBUTES: dict[str, set[str]] = {
    # What the policy lets writers use (``markdown`` and ``data-toc-label`` reach the page where Markdown
    # does not read them, in inline HTML): the sanitiser keeps whatever the checker accepts.
    "*": set(WRITER_ATTRIBUTES) | {"role", "hidden"},
    "th": {"style", "align"},
    "td": {"style", "align"},
    "input": {"type", "checked", "disabled"},
    "label": {"for"},
    "div": {"data-tabs"},
    "svg": {"xmlns", "viewBox", "viewbox", "fill", "aria-hidden", "focusable"},
    "path": {"d", "fill", "fill-rule", "clip-rule"},
    "g": {"fill"},
}
_SITE_TAGS = words(
    "article section nav header footer aside form fieldset legend button progress defs marker rect circle ellipse line "
    "polygon polyline text tspan title"
)
_SITE_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"tabindex", "aria-hidden", "data-search-exclude"},
    "form": {"novalidate"},
    "button": {"type", "disabled"},
    "input": {"value", "aria-label", "accept"},
    "progress": {"max", "value"},
    "svg": {"preserveAspectRatio", "xlink"},
    "marker": {"viewBox", "viewbox", "refX", "refY", "markerWidth", "markerHeight", "orient"},
    "path": {"marker-end", "marker-start"},
    "rect": {"x", "y", "width", "height", "rx", "ry"},
    "circle": {"cx", "cy", "r"},
    "ellipse": {"cx", "cy", "rx", "ry"},
    "line": {"x1", "y1", "x2", "y2"},
    "polygon": {"points"},
    "polyline": {"points"},
    "text": {"x", "y", "dx", "dy", "text-anchor"},
    "tspan": {"x", "y", "dx", "dy", "text-anchor"},
    "a": {"href"},
}
_GENERIC_PREFIXES = {"aria-"}
_SITE_PREFIXES = {"aria-", "data-wp-"}
_STYLE_PROPERTIES = {"text-align"}
"""Only Markdown tables write style attributes (column alignment); nothing else may restyle a page."""


@dataclass(frozen=True)
class Allowlist:
    tags: frozenset[str]
    attributes: dict[str, set[str]] = field(hash=False)
    prefixes: frozenset[str]


def _merge(*maps: dict[str, set[str]]) -> dict[str, set[str]]:
    merged: dict[str, set[str]] = {}
    for mapping in maps:
        for tag, names in mapping.items():
            merged.setdefault(tag, set()).update(names)
    return merged


WRITER = Allowlist(_MARKDOWN_TAGS, _MARKDOWN_ATTRIBUTES, frozenset(_GENERIC_PREFIXES))
SITE = Allowlist(_MARKDOWN_TAGS | _SITE_TAGS, _merge(_MARKDOWN_ATTRIBUTES, _SITE_ATTRIBUTES), frozenset(_SITE_PREFIXES))


@dataclass(frozen=True)
class Cleaned:
    html: str
    """The sanitised HTML."""
    removed: tuple[str, ...]
    """What the allowlist removed, as readable items ("<script>", "onerror on <img>"); empty when nothing was."""


def clean(html: str, allowlist: Allowlist) -> Cleaned:
    """``html`` through nh3 with ``allowlist``, and what that removed."""
    cleaned = str(_cleaner(allowlist).clean(html))
    if "<" not in html:
        return Cleaned(cleaned, ())
    named_tags, schemes = _named(html)
    mirror = str(_mirror_cleaner(allowlist, named_tags, schemes).clean(html))
    # nh3 cannot keep a <style> element while it filters style attributes: the mirror drops it too, so look.
    styles = ("<style>",) if _STYLE_ELEMENT.search(html) else ()
    if mirror == cleaned:
        return Cleaned(cleaned, styles)
    missing = _inventory(mirror) - _inventory(cleaned)
    return Cleaned(cleaned, tuple(sorted(missing)) + styles or ("text or markup it could not name",))


def clean_around(html: str, allowlist: Allowlist, keep: re.Pattern[str]) -> Cleaned:
    """``clean``, keeping every match of ``keep`` (placeholders of held HTML) exactly where it was.

    Each match becomes a private-use character pair with its number, which
    nh3 keeps as text, and comes back after cleaning. A writer who types
    such characters can at most repeat one of Waypost's own blocks.
    """
    kept: list[str] = []

    def token(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"{_KEEP_OPEN}{len(kept) - 1}{_KEEP_CLOSE}"

    cleaned = clean(keep.sub(token, html), allowlist)
    restored_count = 0

    def restore(match: re.Match[str]) -> str:
        nonlocal restored_count
        number = int(match.group(1))
        restored_count += number < len(kept)
        return kept[number] if number < len(kept) else ""

    restored = _KEPT.sub(restore, cleaned.html)
    # A kept part can vanish only inside something the sanitiser dropped whole (an unclosed comment).
    lost = (
        ("a section the writer's HTML swallowed (an unclosed comment or element)",)
        if restored_count < len(kept)
        else ()
    )
    return Cleaned(restored, cleaned.removed + lost)


def clean_within(html: str, allowlist: Allowlist, section: re.Pattern[str]) -> Cleaned:
    """``clean`` applied to each match of ``section`` alone; the HTML between matches is left as it is.

    A section from which nothing was removed stays exactly as it was.
    """
    removed: list[str] = []

    def one(match: re.Match[str]) -> str:
        cleaned = clean(match.group(0), allowlist)
        removed.extend(cleaned.removed)
        return cleaned.html if cleaned.removed else match.group(0)

    return Cleaned(section.sub(one, html), tuple(removed))


@dataclass(frozen=True)
class CleanedParts:
    writer: Cleaned
    """The writer's HTML against ``WRITER``."""
    own: tuple[str, ...]
    """Waypost's fragments: each as it was, or cleaned if the site's allowlist removed anything from it."""
    own_removed: tuple[str, ...]
    """What the site's allowlist removed from Waypost's fragments."""


def clean_parts(writer_html: str, own: tuple[str, ...]) -> CleanedParts:
    """A page made of a writer's HTML and Waypost's own fragments, each part against its allowlist.

    The fragments are looked at together first, and one by one only when something was removed: the
    usual case takes one pass. Pure, so a large site's build runs it in a process of its own beside
    MkDocs (see ``waypost.sanitiser_process``).
    """
    writer = clean(writer_html, WRITER)
    if not clean("".join(own), SITE).removed:
        return CleanedParts(writer, own, ())
    cleaned = [clean(fragment, SITE) for fragment in own]
    return CleanedParts(
        writer,
        tuple(result.html if result.removed else fragment for result, fragment in zip(cleaned, own, strict=True)),
        tuple(item for result in cleaned for item in result.removed),
    )


@dataclass(frozen=True)
class CleanedGenerated:
    page: Cleaned
    """The page's HTML around its held blocks, against ``SITE``."""
    held: tuple[Cleaned, ...]
    """Each held block on its own, against ``SITE``."""


def clean_generated(html: str, keep: re.Pattern[str], held: tuple[str, ...]) -> CleanedGenerated:
    """A page Waypost generates: its HTML, keeping the placeholders ``keep`` matches, and the blocks they hold.

    Each part comes back as it was unless something was removed from it. Pure, like ``clean_parts``, and for
    the same reason.
    """
    page = clean_around(html, SITE, keep)
    blocks = [clean(block, SITE) for block in held]
    return CleanedGenerated(
        page if page.removed else Cleaned(html, ()),
        tuple(result if result.removed else Cleaned(block, ()) for result, block in zip(blocks, held, strict=True)),
    )


_KEEP_OPEN, _KEEP_CLOSE = "\ue000", "\ue001"
_KEPT = re.compile(f"{_KEEP_OPEN}(\\d+){_KEEP_CLOSE}")


@functools.cache
def _cleaner(allowlist: Allowlist) -> Any:
    """A reusable nh3 cleaner for ``allowlist``: it converts the allowlist once, not on every page."""
    return nh3.Cleaner(**_options(allowlist.tags, allowlist.attributes, allowlist.prefixes, URL_SCHEMES))


@functools.lru_cache(maxsize=256)
def _mirror_cleaner(allowlist: Allowlist, named_tags: frozenset[str], schemes: frozenset[str]) -> Any:
    """A cleaner that keeps everything ``html`` names: pages share a few sets of names, so it is cached."""
    options = _options(
        allowlist.tags | named_tags, allowlist.attributes, _EVERY_ATTRIBUTE, URL_SCHEMES | schemes, keep_content=True
    )
    return nh3.Cleaner(**options)


def _options(
    tags: frozenset[str],
    attributes: dict[str, set[str]],
    prefixes: frozenset[str],
    schemes: frozenset[str],
    keep_content: bool = False,
) -> dict[str, Any]:
    """nh3's settings for an allowlist: comments stripped, no ``rel`` added, only table alignment as style."""
    options: dict[str, Any] = {}
    if keep_content:
        options["clean_content_tags"] = {"style"}
        tags = tags - {"style"}
    else:
        tags = tags - {"script", "style"}
    return dict(
        tags=set(tags),
        attributes={tag: set(names) for tag, names in attributes.items()},
        generic_attribute_prefixes=set(prefixes),
        url_schemes=set(schemes),
        link_rel=None,
        strip_comments=True,
        filter_style_properties=_STYLE_PROPERTIES,
        **options,
    )


_STYLE_ELEMENT = re.compile(r"<style[\s/>]", re.IGNORECASE)
_TAG_NAME = re.compile(r"<([A-Za-z][^\s/>]*)")
_URL_SCHEME = re.compile(r"=\s*[\"']?\s*([A-Za-z][A-Za-z0-9+.\-]*):")
"""The scheme of an attribute value, as the browser reads it once entities, tabs and newlines are undone."""
_EVERY_ATTRIBUTE = frozenset({""})
"""As a generic prefix, the empty string lets the mirror keep every attribute, whatever its name."""
_SVG_CAMEL_CASE = {
    name.lower(): name
    for name in words(
        "altGlyph altGlyphDef altGlyphItem animateColor animateMotion animateTransform clipPath feBlend "
        "feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting feDisplacementMap "
        "feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur feImage feMerge "
        "feMergeNode feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile feTurbulence "
        "foreignObject glyphRef linearGradient radialGradient textPath"
    )
}


def _named(html: str) -> tuple[frozenset[str], frozenset[str]]:
    """Every element and URL scheme ``html`` might contain, generously: for the mirror cleaner.

    Whole pages pass through here, so it scans with ``findall`` and only
    looks for schemes where a URL can start, just after an ``=``.
    """
    tags = set(_TAG_NAME.findall(html))
    tags |= {t.lower() for t in tags} | {_SVG_CAMEL_CASE[t.lower()] for t in tags if t.lower() in _SVG_CAMEL_CASE}
    decoded = (unescape(html) if "&" in html else html).replace("\t", "").replace("\n", "").replace("\r", "")
    schemes = {name.lower() for name in _URL_SCHEME.findall(decoded)} | SCRIPT_SCHEMES | {"data"}
    return frozenset(tags), frozenset(schemes)


class _Inventory(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.items[f"<{tag}>"] += 1
        for name, _ in attrs:
            self.items[f"{name} on <{tag}>"] += 1


def _inventory(html: str) -> Counter[str]:
    """Elements and attributes of nh3's (well-formed) output, counted."""
    parser = _Inventory()
    parser.feed(html)
    parser.close()
    return parser.items
