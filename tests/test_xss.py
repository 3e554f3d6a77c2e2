"""The XSS corpus: the checker reports every payload at its line, and with the check bypassed none runs.

tests/fixtures/xss/payloads.yml lists the payloads and, for each, the layer
of the build that stops it when the checker's content policy is skipped
(``WAYPOST_UNSAFE_SKIP_CONTENT_POLICY=1``): the sanitiser, the templates'
escaping, the schema or the file guard. The build tests check that claim
payload by payload, and the browser test opens every built page in
Chromium and fails on any dialog, script error or script-bearing markup.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from conftest import make_project, make_site, mkdocs_build
from sitebuild import BuiltSite
from waypost.check import check_project
from waypost.policy import url_scheme
from xss_corpus import Placed, buildable, lay_out, layer_counts, payloads, refused_by_schema

SKIP_POLICY = {"WAYPOST_UNSAFE_SKIP_CONTENT_POLICY": "1"}
_REMOVED = re.compile(r"ERROR +- +(\S+):1:1: error \[unsafe-html\] the build removed markup")
_NOT_PUBLISHED = re.compile(r"ERROR +- +waypost: (\S+) is not published")
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "srcdoc")


def test_the_corpus_is_large_and_covers_every_place() -> None:
    found = payloads()
    assert len(found) >= 40
    assert len({p.id for p in found}) == len(found)
    places = {p.place for p in found}
    assert {"body", "title", "summary", "task", "label", "question", "tag", "alias", "outcome"} <= places
    assert set(layer_counts()) == {"sanitiser", "escaping", "schema", "files"}


@pytest.mark.parametrize("selection", [buildable, refused_by_schema], ids=["policy", "schema"])
def test_the_checker_reports_every_payload_at_its_line(tmp_path: Path, selection: Any) -> None:
    files, placed = lay_out(selection())
    root = make_project(tmp_path / "p", files=files)
    problems = check_project(root).problems
    at: dict[tuple[str, int], set[str]] = {}
    for problem in problems:
        at.setdefault((problem.path, problem.position.line), set()).add(problem.rule)
    missed = [
        f"{p.payload.id}: {p.path}:{p.line} [{p.payload.rule}]"
        for p in placed
        if p.payload.rule not in at.get((p.path, p.line), set())
    ]
    assert missed == []
    stray = sorted(set(at) - {(p.path, p.line) for p in placed})
    assert stray == [], "problems on lines without a payload"
    assert all(p.severity.value == "error" for p in problems)


@pytest.fixture(scope="module")
def bypassed(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuiltSite, list[Placed]]:
    """The corpus built with the checker's content policy skipped (and nothing else)."""
    files, placed = lay_out(buildable())
    root = make_site(tmp_path_factory.mktemp("xss") / "p", files=files)
    result = mkdocs_build(root, root / "site", env_extra=SKIP_POLICY)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return BuiltSite(root, root / "site", result.stderr), placed


def test_the_bypass_is_needed_the_checker_alone_stops_the_build(tmp_path: Path) -> None:
    files, _ = lay_out(buildable()[:3])
    root = make_site(tmp_path / "p", files=files)
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 1
    assert "error [unsafe-html]" in result.stderr
    assert not (tmp_path / "site").exists()


def test_schema_refused_payloads_stop_the_build_even_with_the_bypass(tmp_path: Path) -> None:
    files, _ = lay_out(refused_by_schema())
    root = make_site(tmp_path / "p", files=files)
    result = mkdocs_build(root, tmp_path / "site", env_extra=SKIP_POLICY)
    assert result.returncode == 1
    assert "error [schema-id]" in result.stderr


def test_each_payload_is_stopped_by_the_layer_the_corpus_names(bypassed: tuple[BuiltSite, list[Placed]]) -> None:
    site, placed = bypassed
    removed = set(_REMOVED.findall(site.log))
    unpublished = set(_NOT_PUBLISHED.findall(site.log))
    wrong = []
    for place in placed:
        stop = place.payload.stop
        if (stop == "sanitiser") != (place.path in removed) or (stop == "files") != (place.path in unpublished):
            wrong.append(
                f"{place.payload.id} ({stop}): removed={place.path in removed}, unpublished={place.path in unpublished}"
            )
    assert wrong == []
    for path in unpublished:
        assert not (site.site / path.removeprefix("content/")).exists()


def _unsafe_markup(page: HTMLParser) -> list[str]:
    """Script-bearing markup in a built page, read by an HTML5 parser."""
    found = []
    for node in page.css("*"):
        for name, value in node.attributes.items():
            if name.startswith("on"):
                found.append(f"<{node.tag} {name}>")
            if name in _URL_ATTRIBUTES and url_scheme(value or "") in ("javascript", "vbscript", "data"):
                found.append(f"<{node.tag} {name}={value}>")
    found += [f"<{n.tag}>" for n in page.css("article :is(iframe, object, embed, base, meta, form, noscript, style)")]
    found += [f"<script>{s.text()[:40]}" for s in page.css("script") if "alert(" in s.text()]
    return found


def test_no_built_page_holds_script_bearing_markup(bypassed: tuple[BuiltSite, list[Placed]]) -> None:
    site, _ = bypassed
    unsafe = {
        p.relative_to(site.site).as_posix(): _unsafe_markup(HTMLParser(p.read_text(encoding="utf-8")))
        for p in site.pages()
    }
    assert {page: found for page, found in unsafe.items() if found} == {}


def test_escaped_payloads_show_as_text(bypassed: tuple[BuiltSite, list[Placed]]) -> None:
    site, _ = bypassed
    page = site.html("concepts/xss-title-script/")
    assert page.css_first("article h1").text() == "<script>alert(1)</script> title"
    journey = site.html("journeys/xss-label/")
    assert "<img src=x onerror=alert(1)>" in journey.css_first("ol.wp-steps").text()


def _counts(message: Any) -> bool:
    """Console errors count, except a payload's image that is not there (``<img src=x>``, kept without its handler)."""
    return bool(message.type == "error" and "status of 404" not in message.text)


def test_no_payload_runs_in_chromium(browser: Any, bypassed: tuple[BuiltSite, list[Placed]]) -> None:
    from browser import local_context, serve

    site, _ = bypassed
    pages = [p.relative_to(site.site).as_posix() for p in site.pages()]
    fired: list[str] = []
    with serve(site.site) as base:
        context = local_context(browser, base)
        page = context.new_page()
        here = {"url": ""}
        page.on("dialog", lambda dialog: (fired.append(f"dialog on {here['url']}: {dialog.message}"), dialog.dismiss()))
        page.on("pageerror", lambda error: fired.append(f"script error on {here['url']}: {error}"))
        page.on("console", lambda m: fired.append(f"console on {here['url']}: {m.text}") if _counts(m) else None)
        try:
            for rel in pages:
                here["url"] = rel
                page.goto(base + rel, wait_until="load")
                # Handlers that wait for the reader run too: every element of the article gets the events.
                # Links that would run script when clicked are listed as the browser reads their URL.
                scripted_links = page.evaluate(
                    """() => { for (const el of document.querySelectorAll('article *')) {
                        for (const type of ['mouseover', 'focus', 'toggle', 'load', 'error'])
                            el.dispatchEvent(new Event(type)); }
                      return [...document.querySelectorAll('a[href], area[href]')]
                        .filter(a => ['javascript:', 'vbscript:', 'data:'].includes(a.protocol)).map(a => a.href); }"""
                )
                fired += [f"link on {rel}: {href}" for href in scripted_links]
                if page.evaluate("() => window.__xss") is not None:
                    fired.append(f"window.__xss set on {rel}")
        finally:
            context.close()
    assert len(pages) > len(buildable())
    assert fired == []
