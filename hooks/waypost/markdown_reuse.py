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
It is made on the first page, once every plugin has had its say on the
settings, and made again if they change. Anything else, or a MkDocs whose
``Page.render`` is not the one ``render`` repeats, and MkDocs converts each
page as it always does. Either way each page's HTML, table of contents,
title and anchors are the same: the tests build sites both ways and compare
every file.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import mkdocs.structure.pages as mkdocs_pages
from markdown import Markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

log = logging.getLogger("mkdocs.plugins.waypost")

CHECKED_RENDER = "320529348f7a8af152073d0a3ab02960ccce91f9204716144e51b20931983cc6"
"""SHA-256 of the source of MkDocs 1.6.1's ``Page.render``, which ``render`` repeats."""


def _always(options: Mapping[str, Any]) -> bool:
    return True


def _plain_fences(options: Mapping[str, Any]) -> bool:
    """Custom fences that superfences formats and checks itself (Mermaid's, say): a formatter of a site's own
    is handed the converter, and might keep something on it."""
    return all(
        isinstance(fence, Mapping)
        and _superfences_own(fence.get("format"))
        and ("validator" not in fence or _superfences_own(fence["validator"]))
        for fence in options.get("custom_fences") or ()
    )


def _superfences_own(function: Any) -> bool:
    return getattr(function, "__module__", None) == "pymdownx.superfences"


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
            "pymdownx.betterem",
            "pymdownx.caret",
            "pymdownx.critic",
            "pymdownx.details",
            "pymdownx.emoji",
            "pymdownx.highlight",
            "pymdownx.inlinehilite",
            "pymdownx.keys",
            "pymdownx.mark",
            "pymdownx.smartsymbols",
            "pymdownx.tabbed",
            "pymdownx.tasklist",
            "pymdownx.tilde",
        ),
        _always,
    ),
    # With unique ids, each reset numbers the footnotes of the next document anew: a page's ids would
    # depend on how many pages came before it.
    "footnotes": lambda options: not options.get("UNIQUE_IDS"),
    "pymdownx.superfences": _plain_fences,
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
class _Shared:
    """The converter of one build, and the settings it was made with."""

    config: MkDocsConfig
    markdown: Markdown | None = None
    settings: Any = None
    """``_snapshot`` of the extensions and their options."""


def _snapshot(value: Any) -> Any:
    """Settings as nested tuples: a change anywhere in them shows, and objects in them (a slugify function)
    compare as themselves, as they stay from page to page."""
    if isinstance(value, Mapping):
        return tuple((key, _snapshot(item)) for key, item in value.items())
    if isinstance(value, list | tuple):
        return tuple(_snapshot(item) for item in value)
    return value


_shared: _Shared | None = None
_mkdocs_render: Callable[[Page, MkDocsConfig, Files], None] = Page.render
"""What ``Page.render`` was when this build began: MkDocs' own, or another plugin's wrapper of it."""


@functools.cache
def _checked(render_source: str) -> bool:
    return hashlib.sha256(render_source.encode()).hexdigest() == CHECKED_RENDER


def _mkdocs_render_is_checked() -> bool:
    try:
        return _checked(inspect.getsource(inspect.unwrap(Page.render)))
    except (OSError, TypeError):  # no source to read: nothing to compare
        return False


def start(config: MkDocsConfig) -> bool:
    """Let the pages of the build ``config`` describes share a converter, if MkDocs is the one checked."""
    global _shared, _mkdocs_render
    stop()
    if not _mkdocs_render_is_checked():
        log.debug("waypost: this MkDocs renders pages in a way not checked: each page gets a converter of its own")
        return False
    _shared, _mkdocs_render = _Shared(config), Page.render
    Page.render = render  # type: ignore[method-assign]
    return True


def stop() -> None:
    """MkDocs' own conversion again (unless a plugin has wrapped it since), and the converter freed."""
    global _shared
    _shared = None
    if Page.render is render:
        Page.render = _mkdocs_render  # type: ignore[method-assign, assignment]


def _converter(config: MkDocsConfig) -> Markdown | None:
    """The build's converter, reset for the next page; None when this page needs one of its own."""
    if _shared is None or _shared.config is not config:
        return None  # a page of another build
    extensions, options = config.markdown_extensions, config.mdx_configs or {}
    settings = _snapshot((extensions, options))
    if _shared.markdown is None or settings != _shared.settings:
        # The first page, or a plugin changed the settings since the last one.
        _shared.markdown = None
        if not reusable(extensions, options):
            return None
        try:
            _shared.markdown = Markdown(extensions=extensions, extension_configs=options)
        except Exception:  # a bad setting: MkDocs reports it in its own words, with a converter of its own
            return None
        _shared.settings = settings
    _shared.markdown.reset()
    return _shared.markdown


def render(self: Page, config: MkDocsConfig, files: Files) -> None:
    """MkDocs 1.6.1's ``Page.render`` with the build's converter in place of a new one."""
    md = _converter(config)
    if md is None:
        return _mkdocs_render(self, config, files)
    if self.markdown is None:
        raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
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
