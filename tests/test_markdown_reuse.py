"""One Markdown converter for a whole build gives every page what a converter of its own would."""

from __future__ import annotations

import functools
import gzip
import logging
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import markdown
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from pymdownx import superfences

from conftest import ROOT, add_hook, make_site
from sitebuild import build as build_site
from waypost import markdown_reuse

# Documents that leave state behind in a converter that does not reset all of it: footnotes, abbreviations,
# headings whose ids must not be numbered after the last page's, content tabs and code blocks counted per page;
# and the inline syntax of the rest of the extensions Material documents.
DOCUMENTS = [
    "# Intro\n\nA claim[^1] and *HTML*.\n\n[^1]: Its source.\n\n*[HTML]: HyperText Markup Language\n",
    "# Intro\n\n## Setup\n\nNo footnote here, and HTML is not explained.\n\nTerm\n:   Its definition.\n",
    '=== "One"\n\n    First tab.\n\n=== "Two"\n\n    Second tab.\n\n# Intro {: #start }\n',
    '??? note "Details"\n    Hidden text[^a].\n\n[^a]: Another note.\n\n- [x] done\n- [ ] to do\n',
    '```python\nprint("hi")\n```\n\n<div markdown>\n**bold** in HTML\n</div>\n\n| a | b |\n| - | - |\n| 1 | 2 |\n',
    '!!! tip\n    Advice.\n\n=== "Only"\n\n    One tab.\n\n# Intro\n',
    '```python linenums="1"\na = 1\n```\n\n```python linenums="1"\nb = 2\n```\n\nSay `#!python print(a)`.\n',
    "Press ++ctrl+c++, ==mark== it, ^^insert^^ and ~~delete~~ H~2~O (c) --> :smile: {++add++} {--drop--}\n",
    "**Strong**text and *emphasis* with ___both___, 1/2 and +/-.\n",
]
EXTENSIONS = sorted(set(markdown_reuse.REUSABLE) - {"fenced_code"})  # superfences takes fenced code's place
SETTINGS = [
    {"toc": {"permalink": True}},
    {
        "toc": {"permalink": "#", "baselevel": 2, "toc_depth": "2-4"},
        "abbr": {"glossary": {"API": "Application Programming Interface"}},
        "footnotes": {"USE_DEFINITION_ORDER": True, "BACKLINK_TEXT": "back"},
        "pymdownx.tabbed": {"alternate_style": True, "combine_header_slug": True},
        "pymdownx.tasklist": {"custom_checkbox": True, "clickable_checkbox": True},
        "pymdownx.highlight": {"anchor_linenums": True, "line_spans": "__span", "pygments_lang_class": True},
        "pymdownx.betterem": {"smart_enable": "all"},
        "pymdownx.critic": {"mode": "view"},
        "pymdownx.superfences": {
            "preserve_tabs": True,
            "custom_fences": [
                {"name": "mermaid", "class": "mermaid", "format": superfences.fence_code_format},
            ],
        },
    },
]


def convert_each(documents: list[str], options: dict[str, Any], reuse: bool) -> list[tuple[str, Any]]:
    """Each document's HTML and table of contents, from one reset converter or a fresh one each."""
    shared = markdown.Markdown(extensions=EXTENSIONS, extension_configs=options)
    results = []
    for text in documents:
        md = shared if reuse else markdown.Markdown(extensions=EXTENSIONS, extension_configs=options)
        md.reset()
        results.append((md.convert(text), getattr(md, "toc_tokens", None)))
    return results


@pytest.mark.parametrize("options", SETTINGS)
@pytest.mark.parametrize("order", [DOCUMENTS, DOCUMENTS[::-1], DOCUMENTS * 2])
def test_a_reset_converter_keeps_nothing_of_the_documents_before(order: list[str], options: dict[str, Any]) -> None:
    assert markdown_reuse.reusable(EXTENSIONS, options)
    assert convert_each(order, options, reuse=True) == convert_each(order, options, reuse=False)


def test_a_converter_that_kept_state_would_be_caught() -> None:
    # Without reset, the second page would carry the first page's footnote: the comparison above can fail.
    md = markdown.Markdown(extensions=["footnotes"])
    md.convert(DOCUMENTS[0])
    assert "Its source" in md.convert("No footnote.")


@pytest.mark.parametrize(
    ("extensions", "options", "expected"),
    [
        (["toc", "tables", "fenced_code", "pymdownx.superfences"], {}, True),
        (["markdown.extensions.toc", "footnotes"], {"footnotes": {"UNIQUE_IDS": False}}, True),
        (["footnotes"], {"footnotes": {"UNIQUE_IDS": True}}, False),
        (["markdown.extensions.footnotes"], {"markdown.extensions.footnotes": {"UNIQUE_IDS": True}}, False),
        (["toc", "pymdownx.snippets"], {}, False),
        (["toc", object()], {}, False),
        (["pymdownx.superfences"], {"pymdownx.superfences": SETTINGS[1]["pymdownx.superfences"]}, True),
        # A formatter of the site's own is handed the converter, and might keep something on it.
        (["pymdownx.superfences"], {"pymdownx.superfences": {"custom_fences": [{"name": "x", "format": repr}]}}, False),
        (["pymdownx.superfences"], {"pymdownx.superfences": {"custom_fences": ["x"]}}, False),
    ],
)
def test_only_extensions_known_to_reset_share_a_converter(
    extensions: list[Any], options: dict[str, Any], expected: bool
) -> None:
    assert markdown_reuse.reusable(extensions, options) is expected


def test_the_reused_render_was_copied_from_the_installed_mkdocs() -> None:
    # A new MkDocs may convert pages differently: check render against its Page.render, then move the hash.
    assert markdown_reuse._mkdocs_render_is_checked()


@pytest.fixture
def config() -> Iterator[MkDocsConfig]:
    yield load_config(str(ROOT / "mkdocs.yml"))
    markdown_reuse.stop()


def test_another_mkdocs_converts_pages_its_own_way(config: MkDocsConfig, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markdown_reuse, "CHECKED_RENDER", "0" * 64)
    markdown_reuse._checked.cache_clear()
    try:
        assert markdown_reuse.start(config) is False
        assert Page.render is markdown_reuse._mkdocs_render
    finally:
        markdown_reuse._checked.cache_clear()


def test_a_wrapper_of_mkdocs_render_is_kept(config: MkDocsConfig, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another plugin (or the benchmark's timer) that wraps Page.render keeps its wrapper through a build."""
    mkdocs_render = Page.render
    calls = []

    @functools.wraps(mkdocs_render)
    def wrapper(self: Page, config: MkDocsConfig, files: Any) -> None:
        calls.append(self)
        mkdocs_render(self, config, files)

    monkeypatch.setattr(Page, "render", wrapper)
    assert markdown_reuse.start(config) is True
    assert Page.render is markdown_reuse.render
    other_build = load_config(str(ROOT / "mkdocs.yml"))
    page = Page("Elsewhere", File("x.md", "/nowhere", "/nowhere", use_directory_urls=True), other_build)
    page.markdown = "# Elsewhere"
    Page.render(page, other_build, Files([]))  # a page of another build gets what it would have had
    assert calls == [page] and page.content.startswith('<h1 id="elsewhere">Elsewhere<a class="headerlink"')
    markdown_reuse.stop()
    assert Page.render is wrapper


def test_extensions_a_plugin_adds_after_waypost_are_used(tmp_path: Path) -> None:
    root = make_site(
        tmp_path / "p", files={"content/terms.md": "---\ntitle: Terms\n---\n# Terms\n\nModel\n:   A trained network.\n"}
    )
    add_hook(
        root,
        "add_def_list.py",
        "from mkdocs.plugins import event_priority\n\n\n@event_priority(-10)\ndef on_config(config):\n"
        "    config.markdown_extensions.append('def_list')\n    return config\n",
    )
    site = build_site(root, root / "site")
    assert "<dl>\n<dt>Model</dt>\n<dd>A trained network.</dd>\n</dl>" in site.page_path("terms/").read_text(
        encoding="utf-8"
    )


def built_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site; compressed ones unpacked, since gzip stamps the time."""
    files = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        files[path.relative_to(site).as_posix()] = gzip.decompress(data) if path.suffix == ".gz" else data
    return files


NOTES = "---\ntitle: Notes {n}\n---\n# Notes {n}\n\nA claim[^1] on page {n}.\n\n[^1]: Source {n}.\n\n## Where {n}\n"


@pytest.fixture(params=["shipped", "footnotes"])
def any_project(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """The shipped site, and a small one whose pages each have a footnote by the same name."""
    if request.param == "shipped":
        return ROOT
    pages = {f"content/notes-{n}.md": NOTES.format(n=n) for n in range(1, 4)}
    return make_site(tmp_path / "project", files=pages)


def test_a_site_is_the_same_built_either_way(
    any_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(any_project)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    converters = {"shared": 0, "own": 0}
    made = markdown.Markdown.__init__

    def counted(self: markdown.Markdown, *args: Any, **kwargs: Any) -> None:
        converters[mode] += 1
        made(self, *args, **kwargs)

    monkeypatch.setattr(markdown.Markdown, "__init__", counted)
    sites = {}
    for mode in converters:
        if mode == "own":
            monkeypatch.setattr(markdown_reuse, "REUSABLE", {})
        sites[mode] = tmp_path / mode
        build(load_config(str(any_project / "mkdocs.yml"), site_dir=str(sites[mode]), strict=True))
    pages = len(list(sites["own"].rglob("*.html")))
    assert pages > 10
    # One converter for all the pages (the checker has one of its own for code blocks), or one per page:
    # every page but the theme's 404.
    assert converters["shared"] <= 2
    assert converters["own"] >= pages - 1
    shared, own = built_files(sites["shared"]), built_files(sites["own"])
    assert shared.keys() == own.keys()
    assert [name for name in shared if shared[name] != own[name]] == []
    assert Page.render is markdown_reuse._mkdocs_render  # the build gave MkDocs its own back


def test_a_page_converted_in_another_process_learns_what_render_would_have_taught_it(
    config: MkDocsConfig, caplog: pytest.LogCaptureFixture
) -> None:
    """``convert_shipped`` (in the sanitiser process) then ``settle`` (in the build) give a page what ``render``
    gives it: its HTML, table of contents, title, anchors, links to anchors and MkDocs' warnings."""
    config.validation.links.anchors = logging.WARNING
    files = Files([File(uri, "/docs", "/site", use_directory_urls=True) for uri in ("a.md", "sub/b.md")])
    text = "# Title {: #top }\n\n## Part\n\nSee [b](sub/b.md#part), [self](#part), [gone](gone.md) and [up](/x/).\n"
    assert markdown_reuse.start(config) is True
    rendered = Page(None, files.get_file_from_path("a.md"), config)
    rendered.markdown = text
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        Page.render(rendered, config, files)
    said_by_render = [(r.name, r.levelno, r.getMessage()) for r in caplog.records]
    assert [message for _, _, message in said_by_render] == [
        "Doc file 'a.md' contains a link 'gone.md', but the target is not found among documentation files.",
        "Doc file 'a.md' contains an absolute link '/x/', it was left as is.",
    ]

    shipment = markdown_reuse.shipment(config, files)
    assert shipment is not None
    shipment = pickle.loads(pickle.dumps(shipment))  # as the process reads it
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        html, facts = markdown_reuse.convert_shipped(shipment, shipment.converter(), text, "a.md")
    assert caplog.records == [], "the process logs nothing itself"
    assert html == rendered.content
    assert facts.logged == tuple(said_by_render)
    assert facts.links_to_anchors == {"sub/b.md": {"part": "sub/b.md#part"}, "a.md": {"top": "#top", "part": "#part"}}

    markdown_reuse.convert_elsewhere(config, files, lambda page: True)
    settled = Page(None, files.get_file_from_path("a.md"), config)
    settled.markdown = text
    caplog.clear()
    Page.render(settled, config, files)
    assert caplog.records == []
    assert settled.content == "" and not settled.toc.items, "left empty for the process"
    settled.content = html
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        markdown_reuse.settle(settled, pickle.loads(pickle.dumps(facts)))
    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records] == said_by_render
    for name in ("content", "title", "present_anchor_ids", "links_to_anchors"):
        assert getattr(settled, name) == getattr(rendered, name), name
    assert str(settled.toc) == str(rendered.toc)
    assert settled.present_anchor_ids == {"top", "part"}
    assert settled.links_to_anchors == {
        files.get_file_from_path("sub/b.md"): {"part": "sub/b.md#part"},
        files.get_file_from_path("a.md"): {"top": "#top", "part": "#part"},
    }
    markdown_reuse.stop()


def test_a_page_changed_since_the_shipment_was_made_is_converted_in_the_build(config: MkDocsConfig) -> None:
    """Another plugin swapped a page's file, or changed how links resolve, after ``on_nav``: the shipment would
    resolve that page's links as they were, so the page is not even offered to the process."""
    files = Files([File(uri, "/docs", "/site", use_directory_urls=True) for uri in ("a.md", "b.md")])
    assert markdown_reuse.start(config) is True
    offered: list[str] = []
    markdown_reuse.convert_elsewhere(config, files, lambda page: offered.append(page.file.src_uri) or True)

    def rendered(uri: str) -> Page:
        page = Page(None, files.get_file_from_path(uri), config)
        page.markdown = "# Here\n\n[b](b.md)\n"
        Page.render(page, config, files)
        return page

    assert rendered("a.md").content == "" and offered == ["a.md"]
    files.remove(files.get_file_from_path("a.md"))
    files.append(File("a.md", "/docs", "/site", use_directory_urls=False))  # as many files as before
    assert rendered("a.md").content.endswith('<p><a href="b/">b</a></p>'), "a.html links to b/ from beside it"
    assert rendered("b.md").content == "" and offered == ["a.md", "b.md"]
    config.validation.links.not_found = logging.ERROR
    assert rendered("b.md").content.startswith("<h1")
    assert offered == ["a.md", "b.md"]
    markdown_reuse.stop()


def test_a_record_whose_message_cannot_be_made_is_reported_by_logging_not_raised() -> None:
    recorder = markdown_reuse._Recorder()
    record = logging.LogRecord("pymdownx.x", logging.WARNING, __file__, 1, "%s and %s", ("one",), None)
    raised = logging.raiseExceptions
    logging.raiseExceptions = False  # logging's report of it would go to stderr
    try:
        recorder.handle(record)
    finally:
        logging.raiseExceptions = raised
    assert recorder.records == []
