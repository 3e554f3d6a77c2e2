"""One Markdown converter for a whole build gives every page what a converter of its own would."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import markdown
import mkdocs
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.pages import Page

from conftest import ROOT, make_site
from waypost import markdown_reuse

# Documents that leave state behind in a converter that does not reset all of it: footnotes, abbreviations,
# headings whose ids must not be numbered after the last page's, content tabs counted per page.
DOCUMENTS = [
    "# Intro\n\nA claim[^1] and *HTML*.\n\n[^1]: Its source.\n\n*[HTML]: HyperText Markup Language\n",
    "# Intro\n\n## Setup\n\nNo footnote here, and HTML is not explained.\n\nTerm\n:   Its definition.\n",
    '=== "One"\n\n    First tab.\n\n=== "Two"\n\n    Second tab.\n\n# Intro {: #start }\n',
    '??? note "Details"\n    Hidden text[^a].\n\n[^a]: Another note.\n\n- [x] done\n- [ ] to do\n',
    '```python\nprint("hi")\n```\n\n<div markdown>\n**bold** in HTML\n</div>\n\n| a | b |\n| - | - |\n| 1 | 2 |\n',
    '!!! tip\n    Advice.\n\n=== "Only"\n\n    One tab.\n\n# Intro\n',
]
EXTENSIONS = sorted(set(markdown_reuse.REUSABLE) - {"fenced_code"})  # superfences takes fenced code's place
OPTIONS = {"toc": {"permalink": True}}


def convert_each(documents: list[str], reuse: bool) -> list[tuple[str, Any]]:
    """Each document's HTML and table of contents, from one reset converter or a fresh one each."""
    shared = markdown.Markdown(extensions=EXTENSIONS, extension_configs=OPTIONS)
    results = []
    for text in documents:
        md = shared if reuse else markdown.Markdown(extensions=EXTENSIONS, extension_configs=OPTIONS)
        md.reset()
        results.append((md.convert(text), getattr(md, "toc_tokens", None)))
    return results


@pytest.mark.parametrize("order", [DOCUMENTS, DOCUMENTS[::-1], DOCUMENTS * 2])
def test_a_reset_converter_keeps_nothing_of_the_documents_before(order: list[str]) -> None:
    assert convert_each(order, reuse=True) == convert_each(order, reuse=False)


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
    ],
)
def test_only_extensions_known_to_reset_share_a_converter(
    extensions: list[Any], options: dict[str, Any], expected: bool
) -> None:
    assert markdown_reuse.reusable(extensions, options) is expected


def test_the_reused_render_was_copied_from_the_pinned_mkdocs() -> None:
    # A new MkDocs may convert pages differently: check render against its Page.render, then move the pin.
    assert mkdocs.__version__ == markdown_reuse.CHECKED_MKDOCS


def test_another_mkdocs_converts_pages_its_own_way(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markdown_reuse, "CHECKED_MKDOCS", "0.0")
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert markdown_reuse.start(config) is False
    assert Page.render is markdown_reuse._mkdocs_render


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
