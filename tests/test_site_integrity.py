"""Whole-site properties: links resolve, text is escaped, nothing comes from elsewhere."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from sitebuild import BuiltSite

RESOURCE_SELECTORS = {
    "script[src]": "src",
    "link[href]": "href",
    "img[src]": "src",
    "iframe[src]": "src",
    "source[src]": "src",
    "video[src]": "src",
    "audio[src]": "src",
    "object[data]": "data",
    "embed[src]": "src",
}
NOT_REQUESTS = {"canonical", "alternate", "author", "license"}


def site_url_of(site: BuiltSite, path: Path) -> str:
    rel = path.relative_to(site.site).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def ids_of(page: HTMLParser) -> set[str]:
    return {n.attributes["id"] or "" for n in page.css("[id]")} | {
        n.attributes["name"] or "" for n in page.css("a[name]")
    }


def broken_links(site: BuiltSite) -> list[str]:
    broken = []
    parsed = {p: HTMLParser(p.read_text(encoding="utf-8")) for p in site.pages()}
    for path, page in parsed.items():
        here = site_url_of(site, path)
        for node in page.css("a, link"):
            href = node.attributes.get("href") or node.attributes.get("xlink:href")  # SVG map nodes use xlink:href
            if href is None:
                continue
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//") or node.attributes.get("rel") in NOT_REQUESTS:
                continue
            target = (
                posixpath.normpath(posixpath.join(posixpath.dirname("/" + here), unquote(parts.path)))
                if parts.path
                else "/" + here
            )
            if parts.path.endswith("/") and not target.endswith("/"):
                target += "/"
            file = site.site / target.lstrip("/")
            if file.is_dir() or target.endswith("/"):
                file = file / "index.html"
            if not file.exists():
                broken.append(f"{here}: {href}")
                continue
            if parts.fragment and file.suffix == ".html":
                anchors = ids_of(parsed.get(file) or HTMLParser(file.read_text(encoding="utf-8")))
                if unquote(parts.fragment) not in anchors:
                    broken.append(f"{here}: {href} (no anchor)")
    return broken


@pytest.mark.parametrize("name", ["shipped_site", "multi_site"])
def test_no_internal_link_or_anchor_is_broken(name: str, request: pytest.FixtureRequest) -> None:
    site: BuiltSite = request.getfixturevalue(name)
    assert broken_links(site) == []


@pytest.mark.parametrize("name", ["shipped_site", "hostile_site"])
def test_pages_request_nothing_from_other_hosts(name: str, request: pytest.FixtureRequest) -> None:
    site: BuiltSite = request.getfixturevalue(name)
    outside = []
    for path in site.pages():
        page = HTMLParser(path.read_text(encoding="utf-8"))
        for selector, attribute in RESOURCE_SELECTORS.items():
            for node in page.css(selector):
                if node.attributes.get("rel") in NOT_REQUESTS:
                    continue
                value = node.attributes.get(attribute) or ""
                if urlsplit(value).scheme in ("http", "https") or value.startswith("//"):
                    outside.append(f"{path.name}: <{node.tag} {attribute}={value}>")
        for style in page.css("[style], style"):
            text = (style.attributes.get("style") or "") + style.text()
            outside += [f"{path.name}: {u}" for u in re.findall(r"url\(\s*['\"]?(?:https?:)?//[^)]*\)", text)]
    for css in site.site.rglob("*.css"):
        outside += [
            f"{css.name}: {u}"
            for u in re.findall(r"url\(\s*['\"]?(?:https?:)?//[^)]*\)", css.read_text(encoding="utf-8"))
        ]
        outside += [
            f"{css.name}: {u}"
            for u in re.findall(r"@import\s+url\(\s*['\"]?https?:[^)]*\)", css.read_text(encoding="utf-8"))
        ]
    assert outside == []


HOSTILE_CONCEPT = 'A & B <img src=x onerror=alert(1)> "q" \'s'
HOSTILE_JOURNEY = "</title><script>alert(4)</script> Journey"


def test_hostile_text_never_becomes_markup(hostile_site: BuiltSite) -> None:
    for path in hostile_site.pages():
        source = path.read_text(encoding="utf-8")
        page = HTMLParser(source)
        assert not any("alert(" in s.text() for s in page.css("script")), path
        assert page.css("img[src=x], img[src=y], iframe, svg[onload]") == [], path
        handlers = [n.tag for n in page.css("*") if any(a.startswith("on") for a in n.attributes)]
        assert handlers == [], path
        assert "javascript:" not in " ".join(
            str(a.attributes.get("href")) + str(a.attributes.get("xlink:href")) for a in page.css("a")
        ), path


@pytest.mark.parametrize(
    ("url", "selector", "expected"),
    [
        ("concepts/alpha/", "title", f"{HOSTILE_CONCEPT} - Prompting or fine-tuning?"),
        ("concepts/alpha/", "article h1", HOSTILE_CONCEPT),
        ("concepts/alpha/", ".wp-answer", "Sum <script>alert(2)</script> & more"),
        ("concepts/beta/", "h2#related-concepts + ul a", HOSTILE_CONCEPT),
        ("concepts/beta/", ".wp-placement__prev a", HOSTILE_CONCEPT),
        ("concepts/beta/", ".wp-placement__title a", HOSTILE_JOURNEY),
        ("journeys/first-steps/", "title", f"{HOSTILE_JOURNEY} - Prompting or fine-tuning?"),
        ("journeys/first-steps/", "article h1", HOSTILE_JOURNEY),
        ("journeys/first-steps/", ".wp-answer", "Journey </p><script>alert(8)</script>"),
        ("journeys/first-steps/", "ul.wp-outcomes li", "Outcome <img src=y onerror=alert(7)>"),
        ("journeys/first-steps/", "a[data-wp-choose=practice]", "<svg onload=alert(5)>"),
        ("journeys/first-steps/", ".wp-step__question", "Decision Now? <a href=javascript:alert(6)>x</a>"),
        ("journeys/first-steps/", "a.wp-node[data-wp-step=intro] title", f"Concept: {HOSTILE_CONCEPT}"),
        (
            "journeys/first-steps/",
            "a.wp-node[data-wp-step=choose] title",
            "Decision: Now? <a href=javascript:alert(6)>x</a>",
        ),
        ("journeys/", ".wp-card__title a", HOSTILE_JOURNEY),
        ("exercises/try-alpha/", "label[for=wp-task-read]", "Read <b>bold</b> & <script>alert(3)</script>"),
        ("exercises/try-alpha/", ".wp-outcome", "You will have: <iframe src=x></iframe> outcome"),
    ],
)
def test_hostile_text_shows_as_text_where_it_lands(
    hostile_site: BuiltSite, url: str, selector: str, expected: str
) -> None:
    node = hostile_site.html(url).css_first(selector)
    assert node is not None, selector
    assert " ".join(node.text().split()) == " ".join(expected.split())


def test_hostile_titles_in_nav_and_search_stay_escaped(hostile_site: BuiltSite) -> None:
    nav = [
        " ".join(a.text().split())
        for a in hostile_site.html("concepts/beta/").css("nav.md-nav--primary a.md-nav__link")
    ]
    assert HOSTILE_CONCEPT in nav and HOSTILE_JOURNEY in nav
    index = json.loads((hostile_site.site / "search/search_index.json").read_text(encoding="utf-8"))
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    assert titles["concepts/alpha/"] == "A &amp; B &lt;img src=x onerror=alert(1)&gt; &#34;q&#34; &#39;s"
    assert titles["journeys/first-steps/"] == "&lt;/title&gt;&lt;script&gt;alert(4)&lt;/script&gt; Journey"


def test_the_link_crawl_finds_a_missing_page_and_a_missing_anchor(multi_site: BuiltSite, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "site"
    shutil.copytree(multi_site.site, copy)
    (copy / "concepts/beta/index.html").unlink()
    journey = copy / "journeys/first-steps/index.html"
    journey.write_text(
        journey.read_text(encoding="utf-8").replace('id="step-more"', 'id="step-gone"'), encoding="utf-8"
    )
    broken = broken_links(BuiltSite(multi_site.root, copy, ""))
    assert "concepts/alpha/: ../beta/" in broken
    assert "journeys/first-steps/: #step-more (no anchor)" in broken
