"""MkDocs event handlers: with ``waypost.markdown_reuse``, the only module that imports MkDocs.

Each handler wires pipeline stages together and holds no logic of its own:
check and index the content in ``on_pre_build``, add the generated pages in
``on_files``, resolve links by id in ``on_page_markdown``, and add Waypost's
sections to concept and exercise pages in ``on_page_content``, once the
writer's Markdown is HTML (they skip Markdown; so do the HTML blocks of
generated pages, held from ``on_page_markdown`` to ``on_page_content``).
``on_page_context`` shortens long sections in each page's sidebar.
Everything pages learn about each other is computed once, before any page
event.

Two guards stand between content and readers here: ``on_page_content``
sanitises every page's HTML (``waypost.sanitise``), and ``on_files`` drops
any file of content/ that must not be published (``waypost.tree``). A
``build`` or ``gh-deploy`` writes to a staging folder that ``on_post_build``
swaps into place (``waypost.atomic``), so a failed build leaves the previous
site/ as it was.

Two things make a large build faster without changing a byte of it: the
pages share one Markdown converter where that is safe (``on_config``,
``waypost.markdown_reuse``), and the concept, exercise and generated pages
of a large site are sanitised by a second process while MkDocs converts the
next pages (``waypost.sanitiser_process``), which also converts every third
concept or exercise page's Markdown (``on_nav``, ``_claim_for_process``); each
page is made whole in ``on_env``, before search or a template reads any of
them.

``WAYPOST_UNSAFE_SKIP_CONTENT_POLICY=1`` makes the build ignore the
checker's content-policy problems (``unsafe-html``, ``unsafe-url``). It
exists for the tests that prove the sanitiser and the templates' escaping
stop what the checker would have refused; never set it anywhere else.
"""

from __future__ import annotations

import copy
import dataclasses
import inspect
import logging
import os
import re
import secrets
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import AnchorLink, TableOfContents

from waypost import atomic, markdown_reuse, render
from waypost.bundle import asset_names, shipped_assets
from waypost.check import CheckResult, check_project
from waypost.headings import HeadingStyle, TocEntry
from waypost.index import SiteIndex, build_index
from waypost.links import IdLink, rewrite_id_links
from waypost.markers import CARDS_MARKER, RECOMMENDED_MARKER
from waypost.model import Concept, Exercise
from waypost.navigation import INDEX_TITLES, SECTION_INDEXES, is_long, section_pages
from waypost.policy import POLICY_RULES, UNSAFE_HTML
from waypost.problems import Position, Severity, error, summary_line
from waypost.rules import RULES
from waypost.sanitise import (
    SITE,
    WRITER,
    CleanedGenerated,
    CleanedParts,
    clean,
    clean_around,
    clean_generated,
    clean_parts,
    clean_within,
)
from waypost.sanitiser_process import CleanedSections, ConvertedPage, SanitiserProcess, SanitiserStopped, Site
from waypost.schema_docs import reference
from waypost.sources import PLACEMENT_FILE, Kind
from waypost.start_page import recommended_slot, start_page
from waypost.stash import PLACEHOLDER_PATTERN, HtmlStash, html_ids
from waypost.tree import publish_refusal
from waypost.urls import (
    CONTRIBUTE_INDEX,
    CONTRIBUTE_PAGES,
    FOLDERS,
    JOURNEYS_INDEX,
    START_PAGE,
    Urls,
    relative,
    source_path,
)

log = logging.getLogger("mkdocs.plugins.waypost")

PACKAGE = Path(__file__).resolve().parent
ASSET_URI = "assets/waypost/"
SKIP_POLICY_VARIABLE = "WAYPOST_UNSAFE_SKIP_CONTENT_POLICY"
"""Test-only: set to 1, the build ignores content-policy problems (see the module docstring)."""
ATOMIC_COMMANDS = ("build", "gh-deploy")
"""``mkdocs serve`` builds into a temporary folder of its own."""


@dataclass
class _BuildState:
    """What one build knows; reset in ``on_config`` since MkDocs keeps hook modules loaded."""

    command: str = "build"
    root: Path = Path(".")
    urls: Urls = field(default_factory=Urls)
    result: CheckResult | None = None
    index: SiteIndex | None = None
    failed: CheckResult | None = None
    """Under ``mkdocs serve``, a check with errors: the site shows them instead of dying."""
    stash: HtmlStash = field(default_factory=HtmlStash)
    """Waypost's HTML, held from ``on_page_markdown`` to ``on_page_content`` so that Markdown skips it."""
    dirty: bool = False
    site_dir: Path | None = None
    """Where the site goes, while the build writes to ``staging``."""
    staging: Path | None = None
    warnings: _WarningCounter | None = None
    """Under ``--strict``, the warnings so far: MkDocs only fails the build after ``on_post_build``."""
    own: re.Pattern[str] = re.compile("(?!)")
    """Waypost's own HTML in a writer's page: its marked sections and held blocks (see ``_own``)."""
    own_sections: re.Pattern[str] = re.compile("(?!)")
    """Only the marked sections, held blocks back in place."""
    own_marks: tuple[str, str] = ("", "")
    heading_style: HeadingStyle = field(default_factory=HeadingStyle)
    """How the site's ``toc`` settings make headings, for the sections of concept and exercise pages."""
    sanitiser: SanitiserProcess | None = None
    """Makes the sections of concept and exercise pages and cleans them, and the generated pages, in a second
    process: on the machine's second core."""
    sanitising: deque[_Sanitising] = field(default_factory=deque)
    """The pages it is cleaning, in the order they were sent."""
    shipment_file: str | None = None
    """Where the sanitiser process finds what it needs to convert pages' Markdown too (``on_nav``)."""
    items_seen: int = 0
    """Concept and exercise pages so far, of which every ``CONVERT_BESIDE_EVERY``-th is converted there."""
    converting: dict[int, MkDocsPage] = field(default_factory=dict)
    """The pages whose Markdown it converts, by ``id``."""


@dataclass(frozen=True)
class _Sanitising:
    """A page the sanitiser is cleaning; ``placeholder`` holds its place."""

    page: MkDocsPage
    placeholder: str
    late: tuple[int, ...] = ()
    """A generated page's blocks that wait for search, by number in ``waypost.stash``."""


_SANITISING = "<!-- waypost:sanitising {number} -->"
CLEAN_BESIDE_FROM = 100
"""Concept and exercise pages from which a site's are made and cleaned by a second process: it takes a fifth of
a second to start, longer than a smaller site takes to do the same in the page loop."""


CONVERT_BESIDE_EVERY = 3
"""Of the pages the sanitiser process makes sections for, it converts every third's Markdown too; the page loop
converts the others and does MkDocs' own work on every page. At 1× (benchmarks/build_scale.py) that ends the page
loop a second sooner, with the process busy 85 % of the time; every second page made the process the slower."""


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


_state = _BuildState()


def on_startup(command: str, dirty: bool) -> None:
    _state.command = command
    _state.dirty = dirty
    if dirty:
        log.warning(
            "waypost: --dirty rebuilds only the pages you changed; journey positions and related journeys "
            "on other pages may be stale until a full build"
        )


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _state.root = Path(config.config_file_path).resolve().parent
    _state.urls = Urls(directory_urls=config.use_directory_urls)
    _state.result = _state.index = _state.failed = None
    _state.stash = HtmlStash()
    _stop_sanitiser()  # a build that ended before on_env (serve rebuilds after an error)
    # Markers around what Waypost adds to a writer's page, with a secret no content file can know.
    nonce = secrets.token_hex(8)
    _state.own_marks = (f"<!-- waypost:own {nonce} -->", f"<!-- /waypost:own {nonce} -->")
    sections = f"{re.escape(_state.own_marks[0])}.*?{re.escape(_state.own_marks[1])}"
    _state.own = re.compile(f"{sections}|{PLACEHOLDER_PATTERN.pattern}", re.S)
    _state.own_sections = re.compile(sections, re.S)
    try:
        _state.heading_style = HeadingStyle.from_toc_options(config.mdx_configs.get("toc", {}))
    except (TypeError, ValueError):
        _state.heading_style = HeadingStyle()  # Python-Markdown reports the bad setting itself, on the first page
    config.theme.dirs.insert(0, str(PACKAGE / "theme"))
    _start_staging(config)
    markdown_reuse.start(config)
    if not config.repo_url:
        config.edit_uri = None  # edit links need a repository; WAYPOST_REPO_URL sets one
    for name in asset_names():
        target = config.extra_css if name.endswith(".css") else config.extra_javascript
        if ASSET_URI + name not in target:
            target.append(ASSET_URI + name)
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    result = check_project(_state.root, directory_urls=config.use_directory_urls)
    if os.environ.get(SKIP_POLICY_VARIABLE) == "1":
        skipped = [p for p in result.problems if p.rule in POLICY_RULES]
        result = dataclasses.replace(result, problems=[p for p in result.problems if p.rule not in POLICY_RULES])
        log.info(f"waypost: {SKIP_POLICY_VARIABLE} is set: {len(skipped)} content-policy problems ignored (tests only)")
    for problem in result.problems:
        (log.error if problem.severity is Severity.ERROR else log.warning)(problem.format())
    if result.errors:
        if _state.command == "serve":
            _state.failed = result
            return
        raise Abort(f"waypost check failed: {summary_line(result.problems, result.files_checked)}")
    # The parsed documents and their positions are only for the checker: dropping them frees a
    # tenth of a large build's memory (19 MB of 200 at 2,700 pages).
    _state.result = dataclasses.replace(result, documents={})
    _state.index = build_index(result.project)
    if config.nav is None:
        config.nav = _navigation(_state.index, Path(config.docs_dir))
    project = _state.index.project
    if len(project.concepts) + len(project.exercises) >= CLEAN_BESIDE_FROM and _last_to_change_content(config):
        site = Site(_state.index, _state.urls, _state.heading_style)
        _state.sanitiser = SanitiserProcess.start(site)  # now, so that it is ready when the first page is


def on_files(files: Files, config: MkDocsConfig) -> Files:
    _drop_unpublishable(files, config)
    for name, text in shipped_assets().items():
        _replace(files, File.generated(config, ASSET_URI + name, content=text))
    if _state.failed is not None:
        return _problem_site(files, config, _state.failed)
    index = _require_index()
    urls = _state.urls
    _replace(
        files,
        File.generated(config, JOURNEYS_INDEX, content=render.journeys_index(_page(urls.of_source(JOURNEYS_INDEX)))),
    )
    for journey in index.project.journeys.values():
        src = source_path("journey", journey.id)
        _replace(files, File.generated(config, src, content=render.journey_page(journey, _page(urls.of_source(src)))))
    for kind, title in INDEX_TITLES.items():
        if is_long(len(index.project.concepts if kind == "concept" else index.project.exercises)):
            src = SECTION_INDEXES[kind]
            content = render.content_index(kind, title, _page(urls.of_source(src)))
            _replace(files, File.generated(config, src, content=content))
    if index.project.placement is not None:
        _replace(files, File.generated(config, START_PAGE, content=start_page(_page(urls.of_source(START_PAGE)))))
    contribute_here = urls.of_source(CONTRIBUTE_INDEX)
    links = {kind: relative(urls.of_source(src), contribute_here) for kind, src in CONTRIBUTE_PAGES.items()}
    _replace(files, File.generated(config, CONTRIBUTE_INDEX, content=render.contribute_index(links, RULES)))
    for kind, src in CONTRIBUTE_PAGES.items():
        content = render.contribute_reference(kind, reference(Kind(kind)))
        _replace(files, File.generated(config, src, content=content))
    for kind, items in (
        ("concept", index.project.concepts),
        ("exercise", index.project.exercises),
        ("journey", index.project.journeys),
    ):
        for item in items.values():
            for alias in item.aliases:
                redirect_uri = urls.redirect_file(kind, alias)
                href = relative(urls.of(kind, item.id), urls.of(kind, alias))
                page = render.redirect_page(item.title, href)
                _replace(files, File.generated(config, redirect_uri, content=page))
    return files


@event_priority(-100)  # last: every file is known
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    # The sanitiser process converts some pages' Markdown too (see CONVERT_BESIDE_EVERY), where it can do so as
    # the page loop would: no other plugin sees those pages before on_env, a second core runs it, and the
    # Markdown settings can travel (markdown_reuse.shipment, SanitiserProcess.share).
    if _state.sanitiser is not None and _alone_on_content(config) and _cores() > 1:
        shipment = markdown_reuse.shipment(config, files)
        if shipment is not None:
            _state.shipment_file = _state.sanitiser.share(shipment, "markdown")
        if _state.shipment_file is not None:
            markdown_reuse.convert_elsewhere(config, files, _claim_for_process)
    return nav


def on_page_markdown(markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    # MkDocs' Jinja and Material print titles raw: escape what writers wrote, once, here.
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = escape(page.meta[key])
    if _state.index is None:
        return markdown
    if page.file.generated_by is not None:
        page.edit_url = _edit_url(page.file.src_uri, config)
    markdown = _rewrite_links(markdown, page.file.src_uri)
    item = _item_of(page)
    if item is not None:
        if "description" not in page.meta:
            page.meta["description"] = escape(item.summary)
        return markdown  # its sections join it as HTML, in on_page_content
    here, view = page.file.url, _page(page.file.url)
    if CARDS_MARKER in markdown:
        markdown = markdown.replace(CARDS_MARKER, _own(here, render.journey_cards(view)))
    if RECOMMENDED_MARKER in markdown:
        markdown = markdown.replace(RECOMMENDED_MARKER, _own(here, recommended_slot(view)))
    if page.file.generated_by is not None and _content_of(page.file.src_uri)[0] in FOLDERS:
        markdown = _state.stash.hold(here, markdown)  # journey pages and section indexes
    return markdown


def on_page_content(html: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    item = _item_of(page)
    if item is not None:
        return _with_sections(html, page, item)
    if page.file.generated_by is not None:
        return _generated(html, page)
    # What Markdown made of the writer's text is cleaned; Waypost's own sections are not theirs.
    writer = clean_around(html, WRITER, _state.own)
    if writer.removed:
        _report_removed(_source_of(page), writer.removed, written_by_waypost=False)
    html, ids = _state.stash.release(page.file.url, writer.html)
    late = {number: _clean_own(block, page) for number, block in _state.stash.late_blocks(page.file.url).items()}
    _state.stash.replace_late(page.file.url, late)
    ids |= {found for block in late.values() for found in html_ids(block)}
    page.present_anchor_ids = (page.present_anchor_ids or set()) | ids  # MkDocs checks links to these anchors
    # Waypost's own HTML against everything the site may contain: the marked sections of the writer's page
    # (the rest passed the stricter writer's allowlist just now).
    own = clean_within(html, SITE, _state.own_sections)
    if own.removed:
        _report_removed(_source_of(page), own.removed, written_by_waypost=True)
        html = own.html
    return html.replace(_state.own_marks[0], "").replace(_state.own_marks[1], "")


@event_priority(100)  # first: other plugins' on_env may read the pages
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    _settle_pages()  # every page is converted; none is read by search or written yet
    return env


@event_priority(-100)  # after Material's search plugin has read the page (see waypost.stash)
def on_page_context(context: dict[str, Any], page: MkDocsPage, config: MkDocsConfig, nav: Navigation) -> Any:
    if page.content is not None:
        page.content, lost = _state.stash.release_late(page.file.url, page.content)
        if lost:
            log.warning(
                f"waypost: {_source_of(page)}: {lost} of Waypost's blocks (the journey map, 'Mark as done', the "
                "links at the page's foot) went missing before they could join the page: a plugin removed HTML "
                "comments from the page's content after Waypost's on_page_content; let it run on the finished page "
                "(on_post_page) instead"
            )
    context["nav"] = _sidebar(nav, page)
    return context


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> Any:
    # Theme pages such as 404.html carry the sidebar too.
    if isinstance(context.get("nav"), Navigation):
        context["nav"] = _sidebar(context["nav"], None)
    return context


@event_priority(-100)  # last: other plugins (search) still write into the staging folder
def on_post_build(config: MkDocsConfig) -> None:
    markdown_reuse.stop()  # every page is HTML now
    staging, site_dir = _state.staging, _state.site_dir
    if staging is None or site_dir is None:
        return
    warned = _state.warnings is not None and _state.warnings.count > 0
    _stop_counting()
    if config.strict and warned:
        return  # MkDocs fails the build next; on_build_error throws the staging folder away
    atomic.publish(staging, site_dir)
    config.site_dir = str(site_dir)  # gh-deploy reads the site from here
    _state.staging = None


def on_build_error(error: Exception) -> None:
    _stop_counting()
    _stop_sanitiser()
    markdown_reuse.stop()
    if _state.staging is not None:
        atomic.discard(_state.staging)
        _state.staging = None
        log.info("waypost: the build failed; the previous site, if any, is untouched")


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    for name in ("journeys", "schemas", PLACEMENT_FILE):
        path = _state.root / name
        if path.exists():  # placement.yml is a file; the others are folders
            server.watch(str(path))
    return server


# Wiring helpers ---------------------------------------------------------------


def _edit_url(src_uri: str, config: MkDocsConfig) -> str | None:
    """Generated pages link to the file they come from: a journey's YAML, a schema."""
    if not config.repo_url or not config.edit_uri:
        return None
    docs_base = urljoin(config.repo_url.rstrip("/") + "/", config.edit_uri)
    docs_folder = Path(config.docs_dir).resolve().relative_to(_state.root).as_posix() + "/"
    if not docs_base.endswith(docs_folder):
        return None
    root_base = docs_base[: -len(docs_folder)]
    kind, item_id = _content_of(src_uri)
    if kind == "journey" and item_id != "index":
        return root_base + f"journeys/{item_id}.yml"
    if src_uri == START_PAGE:
        return root_base + PLACEMENT_FILE
    for schema_kind, src in CONTRIBUTE_PAGES.items():
        if src == src_uri:
            return root_base + f"schemas/{schema_kind}.schema.json"
    return None


def _with_sections(html: str, page: MkDocsPage, item: Concept | Exercise) -> str:
    """A concept or exercise page: the writer's HTML, cleaned, between Waypost's sections.

    The sections skip Python-Markdown (see ``waypost.headings``): their
    headings join the page's table of contents once they are made. On a site
    with many such pages, the sanitiser process makes the sections and cleans
    the page as MkDocs converts the next pages, and the page is a placeholder
    until ``on_env`` puts it together (``_settle_pages``). Both happen at
    once, in the page loop, on a smaller site, when another plugin's
    ``on_page_content`` comes after Waypost's (so that it sees the page
    whole), and on a page converted after ``on_env``.
    """
    url, ids = page.file.url, set(page.present_anchor_ids or ())
    if _state.sanitiser is not None:
        kind, site = "concept" if isinstance(item, Concept) else "exercise", _state.sanitiser.site_file
        waiting = _Sanitising(page, _next_placeholder())
        if _state.converting.get(id(page)) is page:  # ``html`` is empty: the process converts it (_claim_for_process)
            markdown, src_uri = page.markdown, page.file.src_uri
            return _send(page, waiting, "page", site, _state.shipment_file, markdown, src_uri, kind, item.id, url)
        return _send(page, waiting, "sections", site, html, kind, item.id, url, ids)
    sections = render.content_sections(item, _page(url), _state.heading_style, ids)
    parts = clean_parts(html, (sections.top, sections.bottom, sections.links))
    return _sectioned(page, CleanedSections(parts, sections.made, sections.taken))


def _sectioned(page: MkDocsPage, cleaned: CleanedSections) -> str:
    """A concept or exercise page whole: its sections' headings in its table of contents, its parts joined."""
    if page.toc is not None:
        _add_to_toc(page.toc, cleaned.made)
    return _joined(page, cleaned.parts, set(cleaned.taken))


def _generated(html: str, page: MkDocsPage) -> str:
    """A generated page (a journey, an index), cleaned: the whole of it against the site's allowlist, the
    blocks that wait for search (see ``waypost.stash``) each on its own. By the sanitiser process on a
    large site, as ``_with_sections`` says."""
    url = page.file.url
    html, ids = _state.stash.release(url, html)
    page.present_anchor_ids = (page.present_anchor_ids or set()) | ids  # MkDocs checks links to these anchors
    late = _state.stash.late_blocks(url)
    if _state.sanitiser is not None:
        waiting = _Sanitising(page, _next_placeholder(), late=tuple(late))
        return _send(page, waiting, "generated", html, PLACEHOLDER_PATTERN, tuple(late.values()))
    return _generated_joined(page, clean_generated(html, PLACEHOLDER_PATTERN, tuple(late.values())), tuple(late))


def _next_placeholder() -> str:
    return _SANITISING.format(number=len(_state.sanitising))


def _send(page: MkDocsPage, waiting: _Sanitising, job: str, *args: Any) -> str:
    """``page`` is cleaned by the sanitiser process; its placeholder stands in for it until ``on_env``."""
    assert _state.sanitiser is not None
    try:
        _state.sanitiser.send(job, *args)
    except SanitiserStopped as stopped:
        _settle_pages()  # names the page the process stopped on, if it is one sent before
        raise _page_error(page, f"the sanitiser stopped before this page: {stopped}") from None
    _state.sanitising.append(waiting)
    return waiting.placeholder


def _settle_pages() -> None:
    """Each page the sanitiser process cleaned made whole: its cleaned parts in place of its placeholder."""
    if _state.sanitiser is None:
        return
    results = _state.sanitiser.results()
    try:
        while _state.sanitising:
            # Each page's parts are let go once it is whole: holding them all to the end would double its size.
            waiting = _state.sanitising.popleft()
            page = waiting.page
            if page.content is None or waiting.placeholder not in page.content:
                raise _page_error(
                    page,
                    "the page's text went missing before it could join the page: a plugin's on_env removed HTML "
                    "comments from the page's content; let it run on the finished page (on_post_page) instead",
                )
            try:
                parts = next(results, None)
            except SanitiserStopped as stopped:
                raise _page_error(page, f"the sanitiser stopped before this page: {stopped}") from None
            if parts is None:
                raise _page_error(page, "the sanitiser stopped before this page: it gave no result")
            if isinstance(parts, str):
                raise _page_error(page, f"the sanitiser failed on this page: {parts}")
            if isinstance(parts, ConvertedPage):
                markdown_reuse.settle(page, parts.rendered)
                whole = _sectioned(page, parts.sections)
            elif isinstance(parts, CleanedSections):
                whole = _sectioned(page, parts)
            else:
                whole = _generated_joined(page, parts, waiting.late)
            page.content = page.content.replace(waiting.placeholder, whole, 1)
        if _state.sanitiser.not_started:
            log.info(
                f"waypost: the sanitiser process did not start ({_state.sanitiser.not_started}); "
                "the pages were cleaned in the build's own process"
            )
    finally:
        _stop_sanitiser()  # pages converted from now on are made whole at once


def _page_error(page: MkDocsPage, problem: str) -> PluginError:
    return PluginError(f"waypost: {_source_of(page)}: {problem}")


def _joined(page: MkDocsPage, parts: CleanedParts, heading_ids: set[str]) -> str:
    """The page's cleaned parts in order, anything removed reported, its anchors known to MkDocs."""
    if parts.writer.removed:
        _report_removed(_source_of(page), parts.writer.removed, written_by_waypost=False)
    if parts.own_removed:
        _report_removed(_source_of(page), parts.own_removed, written_by_waypost=True)
    top, bottom, links = parts.own
    page.present_anchor_ids = heading_ids | html_ids(top) | html_ids(bottom) | html_ids(links)
    # What search skips waits until it has read the page: "Mark as done", the links (see waypost.stash).
    url = page.file.url
    top, bottom = (_state.stash.hold(url, fragment, only_late=True) for fragment in (top, bottom))
    return f"{top}\n{parts.writer.html}\n{bottom}\n{_state.stash.hold_late(url, links)}"


def _generated_joined(page: MkDocsPage, cleaned: CleanedGenerated, late: tuple[int, ...]) -> str:
    """A generated page whole, cleaned: what was removed from its held blocks reported first, then its own."""
    for result in cleaned.held:
        if result.removed:
            _report_removed(_source_of(page), result.removed, written_by_waypost=True)
    _state.stash.replace_late(page.file.url, {n: result.html for n, result in zip(late, cleaned.held, strict=True)})
    held_ids = {found for result in cleaned.held for found in html_ids(result.html)}
    page.present_anchor_ids = (page.present_anchor_ids or set()) | held_ids  # as MkDocs checks links after on_env
    if cleaned.page.removed:
        _report_removed(_source_of(page), cleaned.page.removed, written_by_waypost=True)
    return cleaned.page.html


def _stop_sanitiser() -> None:
    _state.sanitising, _state.converting, _state.items_seen, _state.shipment_file = deque(), {}, 0, None
    if _state.sanitiser is not None:
        _state.sanitiser.stop()
        _state.sanitiser = None


def _clean_own(html: str, page: MkDocsPage) -> str:
    """Waypost's own ``html`` for ``page`` against the site's allowlist; anything removed is reported."""
    own = clean(html, SITE)
    if own.removed:
        _report_removed(_source_of(page), own.removed, written_by_waypost=True)
        return own.html
    return html


def _claim_for_process(page: MkDocsPage) -> bool:
    """Claims every ``CONVERT_BESIDE_EVERY``-th concept or exercise page offered, as it would be converted, for
    the sanitiser process to convert; True for a page claimed. Each call counts: offer a page once."""
    if _state.sanitiser is None or _item_of(page) is None:
        return False
    _state.items_seen += 1
    if _state.items_seen % CONVERT_BESIDE_EVERY:
        return False
    _state.converting[id(page)] = page
    return True


def _cores() -> int:
    """The processor cores this build may use."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _alone_on_content(config: MkDocsConfig) -> bool:
    """Whether Waypost's ``on_page_content`` is the only one: no plugin sees a page between its conversion and
    Waypost's (a page converted by the sanitiser process is empty until ``on_env``)."""
    return _content_handlers(config) == [inspect.unwrap(on_page_content)]


def _last_to_change_content(config: MkDocsConfig) -> bool:
    """Whether Waypost's ``on_page_content`` is the last a page goes through: no plugin after it sees the page."""
    return _content_handlers(config)[-1:] == [inspect.unwrap(on_page_content)]


def _content_handlers(config: MkDocsConfig) -> list[Any]:
    return [inspect.unwrap(handler) for handler in config.plugins.events["page_content"]]


def _add_to_toc(toc: TableOfContents, entries: Iterable[TocEntry]) -> None:
    """Headings after the page's own, nested as the ``toc`` extension nests them (under a lower level)."""
    for entry in entries:
        link = AnchorLink(entry.title, entry.id, entry.level)
        if not toc.items:
            link.active = True  # type: ignore[attr-defined]  # as MkDocs' get_toc marks the first entry
        siblings = toc.items
        while siblings and siblings[-1].level < entry.level:
            siblings = siblings[-1].children
        siblings.append(link)


def _own(here: str, fragment: str) -> str:
    """A fragment Waypost adds to a writer's page: its HTML blocks held, the whole marked as Waypost's.

    ``on_page_content`` cleans the writer's part of the page with the
    writer's allowlist and leaves marked sections to the site's. The
    markers are HTML comments on lines of their own, which Markdown passes
    through unchanged.
    """
    opening, closing = _state.own_marks
    return f"\n\n{opening}\n\n{_state.stash.hold(here, fragment)}\n\n{closing}\n\n"


def _start_staging(config: MkDocsConfig) -> None:
    _state.staging = _state.site_dir = None
    if _state.command not in ATOMIC_COMMANDS:
        return
    # A site/ that is a link to the real folder (a web server's, say) is swapped where that folder is.
    _state.site_dir = Path(config.site_dir).resolve()
    _state.staging = atomic.start(_state.site_dir, keep_previous=_state.dirty)
    config.site_dir = str(_state.staging)
    _stop_counting()
    if config.strict:
        _state.warnings = _WarningCounter()
        logging.getLogger("mkdocs").addHandler(_state.warnings)


def _stop_counting() -> None:
    if _state.warnings is not None:
        logging.getLogger("mkdocs").removeHandler(_state.warnings)
        _state.warnings = None


def _drop_unpublishable(files: Files, config: MkDocsConfig) -> None:
    """Files of the docs folder that must not reach the site: the checker refuses them too."""
    docs_dir = Path(config.docs_dir)
    for file in list(files):
        if file.generated_by is not None or file.abs_src_path is None or file.inclusion == InclusionLevel.EXCLUDED:
            continue
        source = Path(file.abs_src_path)
        if not source.is_relative_to(docs_dir):
            continue  # the theme's own files
        reason = publish_refusal(docs_dir, source)
        if reason:
            files.remove(file)
            log.error(f"waypost: {_relative(source)} is not published: {reason}")


def _source_of(page: MkDocsPage) -> str:
    if page.file.generated_by is not None or page.file.abs_src_path is None:
        return page.file.src_uri
    return _relative(Path(page.file.abs_src_path))


def _relative(path: Path) -> str:
    """``path`` as the checker names it, relative to the project (not where a link leads)."""
    for candidate in (path.absolute(), path.parent.resolve() / path.name):
        if candidate.is_relative_to(_state.root):
            return candidate.relative_to(_state.root).as_posix()
    return path.as_posix()


def _report_removed(source: str, removed: tuple[str, ...], written_by_waypost: bool) -> None:
    """One error line per page: what the sanitiser took out. It fails ``mkdocs build --strict``."""
    if written_by_waypost:
        hint = "Waypost's own HTML broke the site's allowlist: a template prints something it should escape"
    else:
        hint = "run 'waypost check' to see each one with its line"
    problem = error(
        source,
        Position(1, 1),
        UNSAFE_HTML,
        f"the build removed markup the content policy does not allow: {', '.join(removed)}",
        hint,
    )
    log.error(problem.format())


def _require_index() -> SiteIndex:
    assert _state.index is not None, "on_pre_build has checked and indexed the content"
    return _state.index


def _page(here: str) -> render.Page:
    return render.Page(_require_index(), _state.urls, here)


def _replace(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


def _item_of(page: MkDocsPage) -> Concept | Exercise | None:
    """The concept or exercise a writer's page presents; None for any other page, or before indexing."""
    if _state.index is None or page.file.generated_by is not None:
        return None
    kind, item_id = _content_of(page.file.src_uri)
    project = _state.index.project
    if kind == "concept":
        return project.concepts.get(item_id)
    if kind == "exercise":
        return project.exercises.get(item_id)
    return None


def _content_of(src_uri: str) -> tuple[str, str]:
    """('concept', id) for concepts/<id>.md and the like; ('', '') for other pages."""
    parts = src_uri.split("/")
    if len(parts) == 2 and parts[1].endswith(".md"):
        for kind, folder in FOLDERS.items():
            if parts[0] == folder:
                return kind, parts[1][: -len(".md")]
    return "", ""


def _rewrite_links(markdown: str, src_uri: str) -> str:
    """Links by id become links to the target's Markdown file, which MkDocs then resolves."""
    index = _require_index()
    folder = src_uri.rsplit("/", 1)[0] if "/" in src_uri else ""

    def target(link: IdLink) -> str | None:
        item_id = index.resolve(link.kind, link.id)
        if item_id is None:
            return None
        return relative(source_path(link.kind, item_id), folder + "/" if folder else "")

    return rewrite_id_links(markdown, target)


def _navigation(index: SiteIndex, docs_dir: Path) -> list[Any]:
    """Home and other hand-written pages, then Journeys, Concepts and Exercises."""
    managed = {"concepts", "exercises", "journeys", "contribute"}
    pages = sorted(
        p.relative_to(docs_dir).as_posix()
        for p in docs_dir.rglob("*.md")
        if p.relative_to(docs_dir).parts[0] not in managed and not p.name.startswith(".")
    )
    home = ["index.md"] if "index.md" in pages else []
    start = [START_PAGE] if index.project.placement is not None else []
    nav: list[Any] = home + start + [p for p in pages if p not in ["index.md", *start]]
    nav.append({"Journeys": [JOURNEYS_INDEX] + [source_path("journey", j.id) for j in index.journeys_by_level()]})
    concepts = sorted(index.project.concepts.values(), key=lambda c: (c.title.lower(), c.id))
    exercises = sorted(index.project.exercises.values(), key=lambda e: (e.title.lower(), e.id))
    if concepts:
        nav.append({"Concepts": section_pages("concept", [source_path("concept", c.id) for c in concepts])})
    if exercises:
        nav.append({"Exercises": section_pages("exercise", [source_path("exercise", e.id) for e in exercises])})
    nav.append({"Contribute": [CONTRIBUTE_INDEX, *CONTRIBUTE_PAGES.values()]})
    return nav


def _sidebar(nav: Navigation, page: MkDocsPage | None) -> Navigation:
    """The navigation one page shows: a long generated section lists its index page and this page only.

    Material never prunes a top-level section, so without this every page
    would carry a link to every concept (see ``waypost.navigation``). The
    full ``nav`` is left alone for everything else MkDocs does with it.
    """
    items = [_shortened(item, page) if _is_long_section(item) else item for item in nav.items]
    if all(new is old for new, old in zip(items, nav.items, strict=True)):
        return nav
    sidebar = copy.copy(nav)
    sidebar.items = items
    return sidebar


def _is_long_section(item: Any) -> bool:
    if not item.is_section or not item.children or not item.children[0].is_page:
        return False
    return item.children[0].file.src_uri in SECTION_INDEXES.values() and is_long(len(item.children) - 1)


def _shortened(section: Any, page: MkDocsPage | None) -> Section:
    index_page = section.children[0]
    here = [page] if page is not None and page.parent is section and page is not index_page else []
    short = Section(section.title, [index_page, *here])
    short.active = section.active
    return short


def _problem_site(files: Files, config: MkDocsConfig, result: CheckResult) -> Files:
    """Under ``mkdocs serve``, a one-page site listing the problems, until they are fixed."""
    for file in list(files.documentation_pages()):
        files.remove(file)
    lines = [p.format() for p in result.problems if p.severity is Severity.ERROR]
    summary = summary_line(result.problems, result.files_checked)
    content = render.front_matter(title="Content problems") + render.problems_page(lines, summary)
    files.append(File.generated(config, "index.md", content=content, inclusion=InclusionLevel.INCLUDED))
    config.nav = ["index.md"]
    return files
