"""A section too long to list in every sidebar gets an A-to-Z index page and a short sidebar.

Material never prunes a top-level section, so a site with thousands of
concepts would otherwise carry a link to each of them on every page. Short
sections (the shipped course, the fixture sites) keep their full lists;
the site tests cover those.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from conftest import ROOT, make_project
from sitebuild import BuiltSite, build
from waypost.check import check_project
from waypost.navigation import SIDEBAR_LIMIT

CONCEPTS, EXERCISES, JOURNEYS = SIDEBAR_LIMIT + 10, 12, 6


def load_synthetic() -> ModuleType:
    name = "waypost_benchmarks_synthetic"  # the name tests/test_synthetic.py loads it under
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "synthetic.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def long_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = tmp_path_factory.mktemp("long") / "p"
    load_synthetic().generate(root, CONCEPTS, EXERCISES, JOURNEYS, seed=3)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("- hooks/waypost_mkdocs.py", f"- {ROOT / 'hooks' / 'waypost_mkdocs.py'}")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return build(root, root / "site")


def sidebar(page: HTMLParser) -> dict[str, list[str]]:
    """Link texts of each top-level sidebar section, by section label (page tables of contents left out)."""
    sections = {}
    for section in page.css("nav.md-nav--primary > ul > li.md-nav__item--section"):
        label = section.css_first("label").text().strip()
        links = [a for a in section.css("a.md-nav__link") if not a.attributes.get("href", "").startswith("#")]
        sections[label] = [" ".join(a.text().split()) for a in links]
    return sections


def concept_titles(site: BuiltSite) -> list[str]:
    titles = []
    for path in sorted((site.root / "content" / "concepts").glob("*.md")):
        match = re.search(r"^title: (.+)$", path.read_text(encoding="utf-8"), re.M)
        assert match
        titles.append(match.group(1).strip('"'))
    return sorted(titles, key=str.lower)


def test_a_long_section_shows_its_index_and_the_current_page_only(long_site: BuiltSite) -> None:
    url = sorted(p.parent.name for p in (long_site.site / "concepts").glob("*/index.html"))[5]
    page = long_site.html(f"concepts/{url}/")
    title = " ".join(page.css_first("article h1").text().split()).rstrip("¶").strip()
    sections = sidebar(page)
    assert sections["Concepts"] == ["All concepts", title]
    assert len(sections["Exercises"]) == EXERCISES, "a short section is listed in full"
    assert len(sections["Journeys"]) == JOURNEYS + 1


def test_pages_outside_a_long_section_show_only_its_index(long_site: BuiltSite) -> None:
    for url in ("", "journeys/", "404.html"):
        assert sidebar(long_site.html(url))["Concepts"] == ["All concepts"], url


def test_the_index_page_lists_every_item_a_to_z(long_site: BuiltSite) -> None:
    page = long_site.html("concepts/")
    assert page.css_first("article h1").text().startswith("All concepts")
    links = page.css("article ul.wp-index li a")
    assert [" ".join(a.text().split()) for a in links] == concept_titles(long_site)
    for a in links:
        assert (long_site.site / "concepts" / a.attributes["href"] / "index.html").is_file()
    headings = [h.text().rstrip("¶").strip() for h in page.css("article h2")]
    assert headings == sorted(headings) and all(len(h) == 1 for h in headings)


def test_sidebars_stay_small(long_site: BuiltSite) -> None:
    for path in (long_site.site / "concepts").glob("*/index.html"):
        links = HTMLParser(path.read_text(encoding="utf-8")).css("nav.md-nav--primary a.md-nav__link")
        assert len(links) < CONCEPTS, path


def test_index_is_a_reserved_concept_id(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    alpha = root / "content" / "concepts" / "alpha.md"
    (root / "content" / "concepts" / "index.md").write_text(
        alpha.read_text(encoding="utf-8").replace("id: alpha", "id: index"), encoding="utf-8"
    )
    messages = [p.format() for p in check_project(root).problems]
    assert any("[schema-id]" in m and "`index` is reserved for the concepts index" in m for m in messages), messages
