"""One Python-Markdown converter for all the pages of a build, instead of one per page.

MkDocs 1.6 makes a new ``markdown.Markdown`` for every page, which loads
and configures every extension again: 0.4 ms a page with the site's
extensions, a second of a 2,700-page build (``benchmarks/build_scale.py``).
Python-Markdown can convert any number of documents with one instance,
calling ``reset()`` between them, but only if every extension clears all
it keeps in ``reset``. MkDocs cannot know that of the extensions a site
names, so it never reuses one; Waypost knows the ones it ships with.

When every extension in mkdocs.yml is in ``REUSABLE``, with settings that
keep each page's output the same, the build's pages share one converter.
Anything else, or a MkDocs other than the one ``render`` was copied from,
and MkDocs converts each page as it always does. Either way each page's
HTML, table of contents, title and anchors are the same: the tests build
the shipped site both ways and compare every file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import mkdocs
import mkdocs.structure.pages as mkdocs_pages
from markdown import Markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

log = logging.getLogger("mkdocs.plugins.waypost")

CHECKED_MKDOCS = "1.6.1"
"""The MkDocs whose ``Page.render`` ``render`` repeats; pyproject.toml pins it."""


def _always(options: Mapping[str, Any]) -> bool:
    return True


REUSABLE: dict[str, Callable[[Mapping[str, Any]], bool]] = {
    # Each of these clears in reset() what it keeps of a document, or keeps nothing; with these settings.
    **dict.fromkeys(
        (
            "abbr",
            "admonition",
            "attr_list",
            "def_list",
            "fenced_code",
            "md_in_html",
            "tables",
            "toc",
            "pymdownx.details",
            "pymdownx.superfences",
            "pymdownx.tabbed",
            "pymdownx.tasklist",
        ),
        _always,
    ),
    # With unique ids, each reset numbers the footnotes of the next document anew: a page's ids would
    # depend on how many pages came before it.
    "footnotes": lambda options: not options.get("UNIQUE_IDS"),
}
"""Extensions (by the name mkdocs.yml gives them) a converter can be reused with, and the settings that allow it."""


def reusable(extensions: list[Any], options: Mapping[str, Mapping[str, Any]]) -> bool:
    """Whether one converter with ``extensions`` gives every page what a fresh converter would."""
    return all(
        isinstance(name, str)
        and _short(name) in REUSABLE
        and REUSABLE[_short(name)](options.get(name) or options.get(_short(name)) or {})
        for name in extensions
    )


def _short(name: str) -> str:
    """Python-Markdown's own extensions go by their short name or their module's."""
    return name.removeprefix("markdown.extensions.")


@dataclass
class _Converter:
    config: MkDocsConfig
    markdown: Markdown


_converter: _Converter | None = None
_mkdocs_render = Page.render


def start(config: MkDocsConfig) -> bool:
    """Convert the pages of the build ``config`` describes with one converter, if that is safe; True if so."""
    global _converter
    stop()
    if mkdocs.__version__ != CHECKED_MKDOCS:
        log.debug(f"waypost: MkDocs {mkdocs.__version__} converts each page with a converter of its own")
        return False
    if not reusable(config.markdown_extensions, config.mdx_configs or {}):
        log.debug("waypost: an extension in mkdocs.yml may keep state between pages: one converter per page")
        return False
    try:
        converter = Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs or {})
    except Exception:  # a bad setting: MkDocs reports it in its own words, on the first page it converts
        return False
    _converter = _Converter(config, converter)
    Page.render = render  # type: ignore[method-assign]
    return True


def stop() -> None:
    """MkDocs' own conversion again, and the converter freed."""
    global _converter
    _converter = None
    Page.render = _mkdocs_render  # type: ignore[method-assign]


def render(self: Page, config: MkDocsConfig, files: Files) -> None:
    """MkDocs 1.6.1's ``Page.render`` with the build's converter, reset, in place of a new one.

    A page of another build (another ``config``) gets MkDocs' own.
    """
    if _converter is None or _converter.config is not config:
        return _mkdocs_render(self, config, files)
    if self.markdown is None:
        raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
    md = _converter.markdown
    md.reset()
    # MkDocs' processors for this page take the place of the last page's: the registry replaces by name.
    raw_html = mkdocs_pages._RawHTMLPreprocessor()
    raw_html._register(md)
    anchors = mkdocs_pages._ExtractAnchorsTreeprocessor(self.file, files, config)
    anchors._register(md)
    relative_paths = mkdocs_pages._RelativePathTreeprocessor(self.file, files, config)
    relative_paths._register(md)
    title = mkdocs_pages._ExtractTitleTreeprocessor()
    title._register(md)
    self.content = md.convert(self.markdown)
    self.toc = get_toc(getattr(md, "toc_tokens", []))
    self._title_from_render = title.title
    self.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
    if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
        self.links_to_anchors = relative_paths.links_to_anchors
