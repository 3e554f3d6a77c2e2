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

The same conversion runs in the sanitiser process for the pages it takes
over (``convert_elsewhere``, ``convert_shipped``, ``settle``): MkDocs'
processors for links, anchors and titles read little of the build, and what
they read travels with the settings as a ``Shipment``.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from types import SimpleNamespace
from typing import Any

import mkdocs.structure.pages as mkdocs_pages
from markdown import Markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

log = logging.getLogger("mkdocs.plugins.waypost")

CHECKED_RENDER = "320529348f7a8af152073d0a3ab02960ccce91f9204716144e51b20931983cc6"
"""SHA-256 of the source of MkDocs 1.6.1's ``Page.render``, which ``render`` repeats."""
CHECKED_LINKS = "523b46edca9448ef71f2ce0fd0e79a1f3b3077487474aaaa386fa62cf730b032"
"""SHA-256 of the source of MkDocs 1.6.1's link processor, whose reading of files and settings ``Shipment`` carries."""


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
class _Elsewhere:
    """Pages another process converts, from the ``Shipment`` made of these settings and files: those ``take``
    claims, of the pages nothing they were made of has changed for since."""

    settings: Any
    """``_snapshot`` of the extensions and their options when the shipment was made."""
    links: SimpleNamespace
    """``_link_settings`` then."""
    files: Files
    shipped: dict[str, File]
    take: Callable[[Page], bool]

    def may_take(self, page: Page, settings: Any, config: MkDocsConfig, files: Files) -> bool:
        """Whether ``page`` converts from the shipment as here; ``settings`` is the converter's (``_Shared``)."""
        return (
            files is self.files
            and len(files) == len(self.shipped)
            and self.shipped.get(page.file.src_uri) is page.file
            and settings == self.settings
            and _link_settings(config) == self.links
        )


def _link_settings(config: MkDocsConfig) -> SimpleNamespace:
    """What MkDocs' link processor reads of the build's settings, in the shape it reads them."""
    links = config.validation.links
    return SimpleNamespace(
        use_directory_urls=config.use_directory_urls,
        validation=SimpleNamespace(
            links=SimpleNamespace(
                not_found=links.not_found,
                absolute_links=links.absolute_links,
                unrecognized_links=links.unrecognized_links,
            )
        ),
    )


@dataclass
class _Shared:
    """The converter of one build, and the settings it was made with."""

    config: MkDocsConfig
    markdown: Markdown | None = None
    settings: Any = None
    """``_snapshot`` of the extensions and their options."""
    elsewhere: _Elsewhere | None = None


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
def _checked(source: str, digest: str) -> bool:
    return hashlib.sha256(source.encode()).hexdigest() == digest


def _source_is_checked(code: Any, digest: str) -> bool:
    try:
        return _checked(inspect.getsource(inspect.unwrap(code)), digest)
    except (OSError, TypeError):  # no source to read: nothing to compare
        return False


def _mkdocs_render_is_checked() -> bool:
    return _source_is_checked(Page.render, CHECKED_RENDER)


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
    """MkDocs 1.6.1's ``Page.render`` with the build's converter in place of a new one.

    A page that ``convert_elsewhere``'s ``take`` claims is left empty: another
    process converts it, and ``settle`` gives it what this would have.
    """
    md = _converter(config)
    if md is None:
        return _mkdocs_render(self, config, files)
    if self.markdown is None:
        raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
    assert _shared is not None  # _converter made md from it
    elsewhere = _shared.elsewhere
    if elsewhere is not None and elsewhere.may_take(self, _shared.settings, config, files) and elsewhere.take(self):
        self.content = ""
        _apply(self, Rendered())
        return None
    self.content, rendered = _convert(md, self.markdown, self.file, files, config)
    _apply(self, rendered)
    return None


@dataclass(frozen=True)
class Rendered:
    """What MkDocs learns of a page as it converts it, besides its HTML."""

    toc_tokens: list[Any] = field(default_factory=list)
    """Python-Markdown's ``toc_tokens``: the headings, nested."""
    title: str | None = None
    anchors: frozenset[str] = frozenset()
    links_to_anchors: dict[Any, dict[str, str]] = field(default_factory=dict)
    """Links to anchors of other pages, by the file linked to: a ``File``, or its ``src_uri`` once shipped."""
    logged: tuple[tuple[str, int, str], ...] = ()
    """What converting it logged, as (logger, level, message), when another process converted it."""


def _convert(md: Markdown, markdown: str, file: Any, files: Any, config: Any) -> tuple[str, Rendered]:
    """``markdown`` as HTML, with MkDocs' own processors for the page ``file`` (``Page.render``'s work)."""
    # MkDocs' processors for this page take the place of the last page's: the registry replaces by name.
    raw_html = mkdocs_pages._RawHTMLPreprocessor()
    raw_html._register(md)
    anchors = mkdocs_pages._ExtractAnchorsTreeprocessor(file, files, config)
    anchors._register(md)
    relative_paths = mkdocs_pages._RelativePathTreeprocessor(file, files, config)
    relative_paths._register(md)
    title = mkdocs_pages._ExtractTitleTreeprocessor()
    title._register(md)
    html = md.convert(markdown)
    present = frozenset(anchors.present_anchor_ids | raw_html.present_anchor_ids)
    return html, Rendered(getattr(md, "toc_tokens", []), title.title, present, relative_paths.links_to_anchors)


def _apply(page: Page, rendered: Rendered) -> None:
    page.toc = get_toc(rendered.toc_tokens)
    page._title_from_render = rendered.title
    page.present_anchor_ids = set(rendered.anchors)
    if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = rendered.links_to_anchors


# Converting pages in another process (the sanitiser process's, see the adapter). MkDocs' processors read
# little of a page's file, of the build's files and of its settings: what they read travels as ``Shipment``.


@dataclass(frozen=True)
class LinkFile:
    """What MkDocs' link processor reads of a ``File``."""

    src_uri: str
    url: str
    inclusion: InclusionLevel


class _LinkFiles:
    """What MkDocs' link processor reads of ``Files``."""

    def __init__(self, files: dict[str, LinkFile]) -> None:
        self._files = files

    def get_file_from_path(self, path: str) -> LinkFile | None:
        return self._files.get(PurePath(path).as_posix())  # as Files does


@dataclass(frozen=True)
class Shipment:
    """What another process needs to convert this build's pages as ``render`` does (``convert_shipped``)."""

    extensions: list[Any]
    options: dict[str, Any]
    files: dict[str, LinkFile]
    config: SimpleNamespace
    """What MkDocs' link processor reads of the build's settings."""

    def converter(self) -> Markdown:
        return Markdown(extensions=self.extensions, extension_configs=self.options)


def shipment(config: MkDocsConfig, files: Files) -> Shipment | None:
    """What another process needs to convert pages of the build ``config`` describes; None where it cannot."""
    if _shared is None or _shared.config is not config:
        return None
    extensions, options = config.markdown_extensions, config.mdx_configs or {}
    links_checked = _source_is_checked(mkdocs_pages._RelativePathTreeprocessor, CHECKED_LINKS)
    if not reusable(extensions, options) or not links_checked:
        return None  # it rests on what makes one converter safe for every page, and on what MkDocs reads
    files_read = {file.src_uri: LinkFile(file.src_uri, file.url, file.inclusion) for file in files}
    return Shipment(list(extensions), dict(options), files_read, _link_settings(config))


def convert_elsewhere(config: MkDocsConfig, files: Files, take: Callable[[Page], bool]) -> None:
    """From now on, pages are offered to ``take`` as they would be converted; each it claims (returning True)
    is left to another process, which converts it from the ``shipment`` of ``config`` and ``files`` as they are
    now. A page is only offered while neither has changed in a way that shipment would miss."""
    if _shared is not None and _shared.config is config:
        settings = _snapshot((config.markdown_extensions, config.mdx_configs or {}))
        shipped = {file.src_uri: file for file in files}
        _shared.elsewhere = _Elsewhere(settings, _link_settings(config), files, shipped, take)


class _Recorder(logging.Handler):
    """Every record, kept as (logger, level, message) for the build to log: it filters them as it would have."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.records.append((record.name, record.levelno, record.getMessage()))
        except Exception:  # a message whose arguments do not fit it: logging's own report, not a failed page
            self.handleError(record)


def convert_shipped(shipment: Shipment, md: Markdown, markdown: str, src_uri: str) -> tuple[str, Rendered]:
    """In another process, ``markdown`` of the page at ``src_uri`` converted with ``md``
    (``shipment.converter()``) as ``render`` converts it in the build; what it logs is kept for ``settle``."""
    recorder, root = _Recorder(), logging.getLogger()
    handlers, level = root.handlers, root.level
    root.handlers = [recorder]  # kept, not shown: the build logs them, where they count
    root.setLevel(logging.NOTSET)
    try:
        md.reset()
        files = _LinkFiles(shipment.files)
        html, rendered = _convert(md, markdown, shipment.files[src_uri], files, shipment.config)
    finally:
        root.handlers = handlers
        root.setLevel(level)
    links = {target.src_uri: anchors for target, anchors in rendered.links_to_anchors.items()}
    return html, Rendered(rendered.toc_tokens, rendered.title, rendered.anchors, links, tuple(recorder.records))


def settle(page: Page, rendered: Rendered) -> None:
    """A page another process converted learns what ``render`` would have taught it (its HTML is the
    caller's to place); what converting it logged is logged now, and counts as any warning does."""
    for name, level, message in rendered.logged:
        logging.getLogger(name).log(level, message)
    shipped = _shared.elsewhere.shipped if _shared is not None and _shared.elsewhere is not None else {}
    links = {shipped[uri]: anchors for uri, anchors in rendered.links_to_anchors.items() if uri in shipped}
    _apply(page, Rendered(rendered.toc_tokens, rendered.title, rendered.anchors, links))
