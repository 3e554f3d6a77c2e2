"""MkDocs event handlers: the only module that imports MkDocs.

Each handler wires pipeline stages together and holds no logic of its own:
check and index the content in ``on_pre_build``, add the generated pages in
``on_files``, and put the injected sections into pages in
``on_page_markdown``. Everything pages learn about each other is computed
once, before any page event.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage

from waypost import render
from waypost.check import CheckResult, check_project
from waypost.index import SiteIndex, build_index
from waypost.links import IdLink, rewrite_id_links
from waypost.problems import Severity, summary_line
from waypost.rules import RULES
from waypost.schema_docs import reference
from waypost.sources import Kind
from waypost.urls import CONTRIBUTE_INDEX, CONTRIBUTE_PAGES, FOLDERS, JOURNEYS_INDEX, Urls, relative, source_path

log = logging.getLogger("mkdocs.plugins.waypost")

PACKAGE = Path(__file__).resolve().parent
ASSETS = PACKAGE / "assets"
CARDS_MARKER = "<!-- waypost:journey-cards -->"
ASSET_URI = "assets/waypost/"


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


_state = _BuildState()


def on_startup(command: str, dirty: bool) -> None:
    _state.command = command
    if dirty:
        log.warning(
            "waypost: --dirty rebuilds only the pages you changed; journey positions and related journeys "
            "on other pages may be stale until a full build"
        )


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _state.root = Path(config.config_file_path).resolve().parent
    _state.urls = Urls(directory_urls=config.use_directory_urls)
    _state.result = _state.index = _state.failed = None
    config.theme.dirs.insert(0, str(PACKAGE / "theme"))
    if not config.repo_url:
        config.edit_uri = None  # edit links need a repository; WAYPOST_REPO_URL sets one
    for asset in sorted(ASSETS.iterdir()):
        target = config.extra_css if asset.suffix == ".css" else config.extra_javascript
        if asset.suffix in (".css", ".js") and ASSET_URI + asset.name not in target:
            target.append(ASSET_URI + asset.name)
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    result = check_project(_state.root)
    for problem in result.problems:
        (log.error if problem.severity is Severity.ERROR else log.warning)(problem.format())
    if result.errors:
        if _state.command == "serve":
            _state.failed = result
            return
        raise Abort(f"waypost check failed: {summary_line(result.problems, result.files_checked)}")
    _state.result = result
    _state.index = build_index(result.project)
    if config.nav is None:
        config.nav = _navigation(_state.index, Path(config.docs_dir))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for asset in sorted(ASSETS.iterdir()):
        _replace(files, File.generated(config, ASSET_URI + asset.name, abs_src_path=str(asset)))
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


def on_page_markdown(markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    # MkDocs' Jinja and Material print titles raw: escape what writers wrote, once, here.
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = escape(page.meta[key])
    if _state.index is None:
        return markdown
    if page.file.generated_by is not None:
        page.edit_url = _edit_url(page.file.src_uri, config)
    here = page.file.url
    kind, item_id = _content_of(page.file.src_uri)
    view = _page(here)
    if kind == "concept" and item_id in _state.index.project.concepts:
        item: Any = _state.index.project.concepts[item_id]
    elif kind == "exercise" and item_id in _state.index.project.exercises:
        item = _state.index.project.exercises[item_id]
    else:
        markdown = _rewrite_links(markdown, page.file.src_uri)
        if CARDS_MARKER in markdown:
            markdown = markdown.replace(CARDS_MARKER, render.journey_cards(view))
        return markdown
    body = _rewrite_links(markdown, page.file.src_uri)
    if "description" not in page.meta:
        page.meta["description"] = escape(item.summary)
    return render.content_top(item, view) + "\n" + body + "\n\n" + render.content_bottom(item, view)


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    for folder in ("journeys", "schemas"):
        path = _state.root / folder
        if path.is_dir():
            server.watch(str(path))
    return server


# Wiring helpers ---------------------------------------------------------------


def _edit_url(src_uri: str, config: MkDocsConfig) -> str | None:
    """Generated pages link to the file they come from: a journey's YAML, a schema."""
    if not config.repo_url or not config.edit_uri:
        return None
    docs_base = urljoin(config.repo_url.rstrip("/") + "/", config.edit_uri)
    docs_folder = Path(config.docs_dir).resolve().relative_to(_state.root).as_posix() + "/"
    root_base = docs_base[: -len(docs_folder)] if docs_base.endswith(docs_folder) else None
    kind, item_id = _content_of(src_uri)
    if root_base is None:
        return None
    if kind == "journey" and item_id != "index":
        return root_base + f"journeys/{item_id}.yml"
    for schema_kind, src in CONTRIBUTE_PAGES.items():
        if src == src_uri:
            return root_base + f"schemas/{schema_kind}.schema.json"
    return None


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
    nav: list[Any] = home + [p for p in pages if p != "index.md"]
    by_title = sorted
    nav.append({"Journeys": [JOURNEYS_INDEX] + [source_path("journey", j.id) for j in index.journeys_by_level()]})
    concepts = by_title(index.project.concepts.values(), key=lambda c: (c.title.lower(), c.id))
    exercises = by_title(index.project.exercises.values(), key=lambda e: (e.title.lower(), e.id))
    if concepts:
        nav.append({"Concepts": [source_path("concept", c.id) for c in concepts]})
    if exercises:
        nav.append({"Exercises": [source_path("exercise", e.id) for e in exercises]})
    nav.append({"Contribute": [CONTRIBUTE_INDEX, *CONTRIBUTE_PAGES.values()]})
    return nav


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
