"""The MkDocs build runs the same checks first and stops on errors."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import FIXTURES, make_site, mkdocs_build
from sitebuild import BuiltSite, build
from waypost.check import check_project
from waypost.cli import main


def test_errors_stop_the_build_with_the_checker_messages_and_write_nothing(tmp_path: Path) -> None:
    root = make_site(tmp_path / "p", FIXTURES / "rules" / "unknown-reference")
    site = tmp_path / "site"
    result = mkdocs_build(root, site)
    assert result.returncode == 1
    assert (
        "ERROR   -  content/concepts/alpha.md:7:11: error [unknown-reference] unknown concept 'betta' "
        "(hint: did you mean 'beta'?)"
    ) in result.stderr
    assert "waypost check failed: 4 errors, 0 warnings in 5 files" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert not site.exists()


def test_warnings_fail_a_strict_build_only(tmp_path: Path) -> None:
    root = make_site(tmp_path / "p", FIXTURES / "rules" / "orphan-content")
    relaxed = mkdocs_build(root, tmp_path / "relaxed")
    assert relaxed.returncode == 0, relaxed.stderr
    assert (
        "WARNING -  content/concepts/gamma.md:2:5: warning [orphan-content] concept 'gamma' is in no journey"
    ) in relaxed.stderr
    strict = mkdocs_build(root, tmp_path / "strict", "--strict")
    assert strict.returncode == 1


def test_links_by_path_the_check_refuses_stop_the_build_and_those_it_accepts_build_strict(tmp_path: Path) -> None:
    fixture = FIXTURES / "rules" / "broken-link"
    lines = [line for line in (fixture / "expected.txt").read_text(encoding="utf-8").splitlines() if "[" in line]
    refused = mkdocs_build(make_site(tmp_path / "refused", fixture), tmp_path / "site-refused")
    assert refused.returncode == 1
    assert [line for line in lines if f"ERROR   -  {line}" not in refused.stderr] == []
    # What the checker accepts, MkDocs accepts: the same pages with the refused links pointed at beta.
    # (Raw HTML, which MkDocs does not check, has its own test below.)
    page = (fixture / "content" / "concepts" / "alpha.md").read_text(encoding="utf-8")
    home = (fixture / "content" / "index.md").read_text(encoding="utf-8")
    page, home = _without_raw_html(page), _without_raw_html(home)
    for line in (line for line in lines if " in raw HTML " not in line):
        target = line.split("link to '", 1)[1].split("'", 1)[0]
        page = page.replace(f"]({target})", "](beta.md)").replace(f"]: <{target}>", "]: beta.md")
        home = home.replace(f"]({target})", "](concepts/beta.md)")
    files = {"content/concepts/alpha.md": page, "content/index.md": home}
    accepted = mkdocs_build(make_site(tmp_path / "accepted", fixture, files=files), tmp_path / "site", "--strict")
    assert accepted.returncode == 0, accepted.stderr
    assert "WARNING" not in accepted.stderr


def _without_raw_html(markdown: str) -> str:
    return "\n".join(line for line in markdown.split("\n") if "<img" not in line and "<a " not in line)


# Raw HTML: MkDocs neither rewrites nor checks its URLs, so the browser reads each from the page's address.
RAW_FILES = {
    "content/img/diagram.svg": (FIXTURES / "rules" / "broken-link" / "content" / "img" / "diagram.svg").read_bytes(),
    "content/concepts/beside.png": b"not really an image",
}
RAW_PAGE = """---
id: alpha
title: Alpha
summary: The first idea of the fixture.
audience: [beginners]
level: beginner
tags: [basics]
related: [beta]
exercises: [try-alpha]
---
## Why alpha

Alpha comes first. See [beta](concept:beta) next, or [beta again](<concept:beta>).

Raw HTML: {raw}
"""
RAW_HOME = "---\ntitle: Home\n---\n## Start\n\n<!-- waypost:journey-cards -->\n\nHere: {raw}\n"


def _raw(element: str, url: str) -> str:
    if element == "img":
        return f'<img class="raw" src="{url}" alt="x">'
    return f'<a class="raw" href="{url}">x</a>'


def _raw_project(root: Path, page: list[tuple[str, str]], home: list[tuple[str, str]], config: str = "") -> Path:
    files: dict[str, str | bytes] = {
        **RAW_FILES,
        "content/concepts/alpha.md": RAW_PAGE.format(raw=", ".join(_raw(*item) for item in page)),
        "content/index.md": RAW_HOME.format(raw=", ".join(_raw(*item) for item in home)),
    }
    root = make_site(root, files=files)
    if config:
        (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8") + config, encoding="utf-8")
    return root


def _requested(site: BuiltSite, page_url: str, url: str) -> Path:
    """The file a browser gets for ``url`` on the page at ``page_url`` (a folder serves its index.html),
    with the site served from a folder of its host, as on GitHub Pages: a path out of it finds nothing."""
    path = urlsplit(urljoin("http://host.test/site/" + page_url, url)).path
    if not path.startswith("/site/"):
        return site.site / "outside-the-site"
    found = site.site / path.removeprefix("/site/")
    return found / "index.html" if found.is_dir() else found


def _built_raw_urls(site: BuiltSite, page_url: str) -> list[str]:
    nodes = site.html(page_url).css("article .raw")
    return [str(node.attributes.get("src") or node.attributes.get("href")) for node in nodes]


RAW_ACCEPTED = [
    ("img", "../../img/diagram.svg"),
    ("img", "../beside.png"),
    ("a", "../beta/"),
    ("a", "../beta/#why-beta"),
    ("a", "../../"),
    ("a", "../../journeys/first-steps/"),
    ("a", "../../img/diagram.svg?v=2"),
]
RAW_REFUSED = [("img", "../img/diagram.svg"), ("img", "beside.png"), ("a", "beta.md"), ("a", "../../img/diagam.svg")]
RAW_REFUSED_AT_HOME = [("img", "img/diagam.svg"), ("a", "concepts/beta.md"), ("img", "../img/diagram.svg")]


@pytest.fixture(scope="module")
def raw_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = _raw_project(tmp_path_factory.mktemp("raw") / "p", RAW_ACCEPTED, [("img", "img/diagram.svg")])
    assert [p.format() for p in check_project(root).problems] == []
    return build(root, root / "site")


def test_raw_html_paths_the_check_accepts_are_what_the_built_pages_load(raw_site: BuiltSite) -> None:
    assert "WARNING" not in raw_site.log
    built = {url: _built_raw_urls(raw_site, url) for url in ("concepts/alpha/", "")}
    assert built == {"concepts/alpha/": [url for _, url in RAW_ACCEPTED], "": ["img/diagram.svg"]}
    missing = [
        f"{page}: {url}"
        for page, urls in built.items()
        for url in urls
        if not _requested(raw_site, page, url).is_file()
    ]
    assert missing == []
    # Links by id in Markdown, angle brackets or not, are links to beta's page.
    links = [a.attributes.get("href") for a in raw_site.html("concepts/alpha/").css("article h2 + p a")]
    assert links == ["../beta/", "../beta/"]


def test_raw_html_paths_the_check_refuses_are_what_the_built_pages_would_not_find(
    raw_site: BuiltSite, tmp_path: Path
) -> None:
    root = _raw_project(tmp_path / "p", RAW_REFUSED, RAW_REFUSED_AT_HOME)
    problems = check_project(root).problems
    refused = [(p.path, p.rule, re.sub(r"' in raw HTML.*", "", p.message).split(" '", 1)[1]) for p in problems]
    assert refused == [
        *(("content/concepts/alpha.md", "broken-link", url) for _, url in RAW_REFUSED),
        *(("content/index.md", "broken-link", url) for _, url in RAW_REFUSED_AT_HOME),
    ]
    # Each asks the built site for a file it does not have.
    found = [url for url in [u for _, u in RAW_REFUSED] if _requested(raw_site, "concepts/alpha/", url).exists()]
    found += [url for url in [u for _, u in RAW_REFUSED_AT_HOME] if _requested(raw_site, "", url).exists()]
    assert found == []
    hints = [p.hint for p in problems]
    assert hints == [
        "did you mean '../../img/diagram.svg'?",
        "did you mean '../beside.png'?",
        "link by id in Markdown instead: [text](concept:beta)",
        "did you mean '../../img/diagram.svg'?",
        "did you mean 'img/diagram.svg'?",
        "link by id in Markdown instead: [text](concept:beta)",
        "",
    ]
    # The hints' paths are what the built pages would load.
    for hint, page in zip(hints, ["concepts/alpha/"] * 4 + [""] * 3, strict=True):
        if hint.startswith("did you mean"):
            assert _requested(raw_site, page, hint.split("'")[1]).is_file(), hint


def test_without_directory_urls_raw_html_paths_start_from_the_page_s_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``use_directory_urls: false`` puts concepts/alpha.md at concepts/alpha.html: ``waypost check`` reads it."""
    config = "use_directory_urls: false\n"
    page = [("img", "beside.png"), ("img", "../img/diagram.svg"), ("a", "beta.html"), ("a", "../index.html")]
    root = _raw_project(tmp_path / "p", page, [("img", "img/diagram.svg")], config=config)
    assert main(["check", "--strict", str(root)]) == 0, capsys.readouterr().out
    site = build(root, tmp_path / "site")
    urls = _built_raw_urls(site, "concepts/alpha.html")
    assert urls == [url for _, url in page]
    assert [url for url in urls if not _requested(site, "concepts/alpha.html", url).is_file()] == []
    # What directory URLs need is refused here, and the reverse.
    refused = _raw_project(tmp_path / "q", [("img", "../beside.png")], [], config=config)
    assert [p.message.split(": ")[0] for p in check_project(refused).problems] == [
        "image '../beside.png' in raw HTML asks for beside.png, which the site does not have"
    ]
    assert check_project(refused, directory_urls=True).problems == []


def test_a_link_by_id_the_build_would_not_rewrite_is_what_the_sanitiser_removes(tmp_path: Path) -> None:
    """``Concept:`` and ``concepts:`` pass the policy's scheme check no more than the sanitiser's (unsafe-url)."""
    body = "See [a](Concept:beta), [b](concepts:beta) and [c](concept:beta).\n"
    page = RAW_PAGE.format(raw="").replace("Alpha comes first.", body)
    root = make_site(tmp_path / "p", files={"content/concepts/alpha.md": page})
    assert [(p.rule, p.position.line, p.hint) for p in check_project(root).problems] == [
        ("unsafe-url", 13, "write the kind in lowercase: concept:beta"),
        ("unsafe-url", 13, "did you mean concept:beta?"),
    ]
    bypassed = mkdocs_build(root, tmp_path / "site", env_extra={"WAYPOST_UNSAFE_SKIP_CONTENT_POLICY": "1"})
    assert "2 content-policy problems ignored" in bypassed.stderr
    assert (
        "content/concepts/alpha.md:1:1: error [unsafe-html] the build removed markup the content policy does not "
        "allow: href on <a>"
    ) in bypassed.stderr
    links = BuiltSite(root, tmp_path / "site", "").html("concepts/alpha/").css("article h2 + p a")
    assert [(a.text(), a.attributes.get("href")) for a in links][:3] == [("a", None), ("b", None), ("c", "../beta/")]
