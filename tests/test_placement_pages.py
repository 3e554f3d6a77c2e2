"""The "Where do I start?" page and the "Recommended for you" slot, read from the built HTML.

The fixture placement (tests/fixtures/sites/placement/) shares a question
between two answers and recommends a content step, a decision step and
whole journeys, over the journeys of the multi-journey fixture site.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from conftest import FIXTURES, ROOT, make_site, mkdocs_build
from sitebuild import BuiltSite

PLACEMENT = yaml.safe_load((FIXTURES / "sites/placement/placement.yml").read_text(encoding="utf-8"))
QUESTIONS = {q["id"]: q for q in PLACEMENT["questions"]}


def built(root: Path, **env: str) -> BuiltSite:
    result = mkdocs_build(root, root / "site", "--strict", env_extra=env)
    assert result.returncode == 0, result.stderr
    return BuiltSite(root, root / "site", result.stderr)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = make_site(tmp_path_factory.mktemp("placement") / "p", FIXTURES / "sites/multi", FIXTURES / "sites/placement")
    return built(root, WAYPOST_REPO_URL="https://example.org/team/course")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = make_site(
        tmp_path_factory.mktemp("hostile-placement") / "p",
        FIXTURES / "sites/hostile",
        FIXTURES / "sites/hostile-placement",
    )
    # The checker refuses this markup (content policy); skipping that shows the templates escape it anyway.
    return built(root, WAYPOST_UNSAFE_SKIP_CONTENT_POLICY="1")


def text(node: Any) -> str:
    return " ".join(node.text().split())


def resolve(site: BuiltSite, here: str, href: str) -> tuple[Path, str]:
    """The built file a relative link on the page at ``here`` leads to, and its fragment."""
    parts = urlsplit(href)
    assert not parts.scheme and not href.startswith("/"), href
    target = posixpath.normpath(posixpath.join("/" + here, parts.path)) if parts.path else "/" + here
    file = site.site / target.lstrip("/")
    if parts.path.endswith("/") or not parts.path or file.is_dir():
        file = file / "index.html"
    return file, parts.fragment


def assert_resolves(site: BuiltSite, here: str, href: str) -> None:
    file, fragment = resolve(site, here, href)
    assert file.is_file(), f"{here}: {href}"
    if fragment:
        assert HTMLParser(file.read_text(encoding="utf-8")).css_first(f"[id='{fragment}']") is not None, href


# The page and the ways to it --------------------------------------------------


def test_the_start_page_has_its_title_and_summary(site: BuiltSite) -> None:
    page = site.html("start/")
    assert page.css_first("title").text() == "Where do I start? - Prompting or fine-tuning?"
    assert page.css_first("article h1").text() == "Where do I start?"
    assert text(page.css_first(".wp-answer")) == "Pick the path that fits you."


def test_it_comes_right_after_home_in_the_navigation(site: BuiltSite) -> None:
    links = site.html("journeys/").css("nav.md-nav--primary > ul > li > a.md-nav__link")
    assert [text(a) for a in links][:2] == ["Fixture site", "Where do I start?"]


@pytest.mark.parametrize("url", ["", "journeys/"])
def test_home_and_journeys_index_link_to_it(site: BuiltSite, url: str) -> None:
    hrefs = [a.attributes.get("href") or "" for a in site.html(url).css("article a[href]:not(.md-content__button)")]
    starts = [h for h in hrefs if resolve(site, url, h)[0] == site.site / "start/index.html"]
    assert starts, url


def test_its_edit_link_opens_the_placement_file(site: BuiltSite) -> None:
    edit = site.html("start/").css_first("a.md-content__button").attributes["href"]
    assert edit == "https://example.org/team/course/edit/main/placement.yml"


# Without JavaScript: every question as one nested list -------------------------


def test_the_list_holds_every_question_once_with_its_help(site: BuiltSite) -> None:
    tree = site.html("start/").css_first("ul.wp-tree")
    questions = tree.css("li.wp-tree__question")
    assert [q.attributes["id"] for q in questions] == ["q-role", "q-practise", "q-level"]
    for node in questions:
        question = QUESTIONS[node.attributes["id"][2:]]
        assert text(node.css_first(".wp-tree__ask")) == question["question"]
        help_node = node.css_first(".wp-tree__help")
        assert (text(help_node) if help_node else None) == question.get("help")


def test_every_answer_is_listed_under_its_question(site: BuiltSite) -> None:
    for node in site.html("start/").css("li.wp-tree__question"):
        question = QUESTIONS[node.attributes["id"][2:]]
        answers = node.css_first("ul.wp-tree__answers").iter()
        labels = [text(li.css_first(".wp-tree__label, a")) for li in answers]
        assert labels == [o["label"] for o in question["options"]]


def test_a_shared_question_is_nested_under_its_first_answer_and_linked_from_the_others(site: BuiltSite) -> None:
    page = site.html("start/")
    beginner = page.css_first("#q-role > ul.wp-tree__answers > li")
    assert beginner.css_first("a").attributes["href"] == "#q-practise"
    assert beginner.css_first("ul.wp-tree__next > li#q-practise") is not None
    no = page.css("#q-level > ul.wp-tree__answers > li")[1]
    assert no.css_first("a").attributes["href"] == "#q-practise"
    assert no.css_first("ul") is None
    assert text(no.css_first(".wp-tree__then")) == "then: Do you want to practise now?"


def test_every_recommendation_links_its_journey_and_step_and_gives_the_reason(site: BuiltSite) -> None:
    page = site.html("start/")
    found = {}
    for li in page.css("li.wp-tree__answer--result"):
        question = li.parent.parent.attributes["id"][2:]
        found[(question, text(li.css_first(".wp-tree__label")))] = (
            [(text(a), a.attributes["href"]) for a in li.css("a")],
            text(li.css_first(".wp-tree__reason")),
        )
    assert found == {
        ("role", "Just browsing"): ([("Third path", "../journeys/third-path/")], "It is the shortest."),
        ("level", "Yes"): (
            [("Second path", "../journeys/second-path/"), ("Try alpha", "../exercises/try-alpha/")],
            "Go straight to practice.",
        ),
        ("practise", "Yes"): (
            [("First steps", "../journeys/first-steps/"), ("Try alpha", "../exercises/try-alpha/")],
            "The exercise is where it sticks.",
        ),
        ("practise", "Not yet"): ([("First steps", "../journeys/first-steps/")], "Start with alpha."),
        ("practise", "Not sure"): (
            [
                ("First steps", "../journeys/first-steps/"),
                ("Do you want to practise now?", "../journeys/first-steps/#step-choose"),
            ],
            "The journey asks you again at its decision.",
        ),
    }


def test_every_link_on_the_page_resolves_to_a_built_page_and_anchor(site: BuiltSite) -> None:
    links = [
        a.attributes.get("href") or "" for a in site.html("start/").css("article a[href]:not(.md-content__button)")
    ]
    assert len(links) > 10
    for href in links:
        assert_resolves(site, "start/", href)


# With JavaScript: one question at a time, all of it in the HTML ----------------


def test_the_form_has_a_fieldset_per_question_and_only_the_first_shows(site: BuiltSite) -> None:
    form = site.html("start/").css_first("form[data-wp-quiz]")
    assert "wp-js-only" in form.attributes["class"]
    assert form.attributes["data-wp-quiz-first"] == "role"
    fieldsets = form.css("fieldset")
    assert [(f.attributes["data-wp-quiz-question"], "hidden" in f.attributes) for f in fieldsets] == [
        ("role", False),
        ("level", True),
        ("practise", True),
    ]
    for fieldset in fieldsets:
        question = QUESTIONS[fieldset.attributes["data-wp-quiz-question"]]
        assert text(fieldset.css_first("legend")) == f"Question 1 {question['question']}"
        labels = fieldset.css("label")
        assert [text(label) for label in labels] == [o["label"] for o in question["options"]]
        assert all(len(label.css("input[type=radio]")) == 1 for label in labels), "every radio sits in its label"


def test_each_answer_says_where_it_leads(site: BuiltSite) -> None:
    form = site.html("start/").css_first("form[data-wp-quiz]")
    leads = {}
    for radio in form.css("input[type=radio]"):
        target = radio.attributes.get("data-wp-quiz-goto") or "#" + (radio.attributes["data-wp-quiz-result"] or "")
        leads[(radio.attributes["name"], radio.attributes["value"])] = target
        if target.startswith("#"):
            assert form.css_first(f"section{target}") is not None
    assert leads == {
        ("wp-quiz-role", "0"): "practise",
        ("wp-quiz-role", "1"): "level",
        ("wp-quiz-role", "2"): "#wp-result-role-2",
        ("wp-quiz-level", "0"): "#wp-result-level-0",
        ("wp-quiz-level", "1"): "practise",
        ("wp-quiz-practise", "0"): "#wp-result-practise-0",
        ("wp-quiz-practise", "1"): "#wp-result-practise-1",
        ("wp-quiz-practise", "2"): "#wp-result-practise-2",
    }


def test_each_result_names_the_journey_and_links_the_start_and_continue(site: BuiltSite) -> None:
    results = site.html("start/").css("form[data-wp-quiz] section.wp-quiz__result")
    summary = [
        (
            r.attributes["id"],
            text(r.css_first("h2")),
            r.css_first("a[data-wp-quiz-start]").attributes["href"],
            r.css_first("a[data-wp-quiz-continue]").attributes["href"],
            "hidden" in r.attributes and "hidden" in r.css_first("a[data-wp-quiz-continue]").attributes,
        )
        for r in results
    ]
    assert summary == [
        (
            "wp-result-role-2",
            "Recommended for you: Third path",
            "../journeys/third-path/",
            "../journeys/third-path/",
            True,
        ),
        (
            "wp-result-level-0",
            "Recommended for you: Second path",
            "../exercises/try-alpha/",
            "../journeys/second-path/",
            True,
        ),
        (
            "wp-result-practise-0",
            "Recommended for you: First steps",
            "../exercises/try-alpha/",
            "../journeys/first-steps/",
            True,
        ),
        (
            "wp-result-practise-1",
            "Recommended for you: First steps",
            "../journeys/first-steps/",
            "../journeys/first-steps/",
            True,
        ),
        (
            "wp-result-practise-2",
            "Recommended for you: First steps",
            "../journeys/first-steps/#step-choose",
            "../journeys/first-steps/",
            True,
        ),
    ]


def test_a_result_carries_the_progress_keys_of_its_journey(site: BuiltSite) -> None:
    result = site.html("start/").css_first("#wp-result-level-0")
    assert result.attributes["data-wp-quiz-journey"] == "second-path"
    assert result.attributes["data-wp-quiz-step"] == "b2"
    assert result.attributes["data-wp-quiz-items"] == "concept:beta exercise:try-alpha"


def test_next_back_and_restart_are_real_buttons(site: BuiltSite) -> None:
    nav = site.html("start/").css_first(".wp-quiz__nav")
    buttons = [(b.attributes["type"], text(b), "hidden" in b.attributes) for b in nav.css("button")]
    assert buttons == [("submit", "Next", False), ("button", "Back", True), ("button", "Restart", True)]


# "Recommended for you" -------------------------------------------------------


@pytest.mark.parametrize(("url", "js_only"), [("", False), ("start/", True)])
def test_the_slot_holds_a_hidden_state_per_recommended_journey_with_links_that_resolve(
    site: BuiltSite, url: str, js_only: bool
) -> None:
    slot = site.html(url).css_first("article [data-wp-rec]")
    assert ("wp-js-only" in slot.attributes["class"]) is js_only
    states = slot.css("[data-wp-rec-journey]")
    assert [
        (p.attributes["data-wp-rec-journey"], p.attributes["data-wp-rec-aliases"], text(p), "hidden" in p.attributes)
        for p in states
    ] == [
        ("third-path", "old-third", "Recommended for you: Third path Clear recommendation", True),
        ("second-path", "", "Recommended for you: Second path Clear recommendation", True),
        ("first-steps", "", "Recommended for you: First steps Clear recommendation", True),
    ]
    for state in states:
        assert_resolves(site, url, state.css_first("a").attributes["href"])
        assert state.css_first("button").attributes["type"] == "button"
    assert "hidden" not in slot.css_first("[data-wp-rec-none]").attributes


def test_without_javascript_the_home_slot_invites_to_the_start_page(site: BuiltSite) -> None:
    none = site.html("").css_first("[data-wp-rec-none]")
    assert text(none) == "Not sure where to begin? Where do I start? asks a few questions and suggests a journey."
    assert none.css_first("a").attributes["href"] == "start/"


# Without a placement ---------------------------------------------------------


def test_a_site_without_a_placement_has_no_start_page_slot_or_link(multi_site: BuiltSite) -> None:
    assert not (multi_site.site / "start").exists()
    for url in ("", "journeys/"):
        page = multi_site.html(url)
        assert page.css_first("[data-wp-rec], .wp-start-link") is None
        assert "Where do I start?" not in page.css_first("nav.md-nav--primary").text()


# Escaping --------------------------------------------------------------------

HOSTILE = yaml.safe_load((FIXTURES / "sites/hostile-placement/placement.yml").read_text(encoding="utf-8"))
HOSTILE_JOURNEY = "</title><script>alert(4)</script> Journey"


def test_hostile_placement_text_never_becomes_markup(hostile: BuiltSite) -> None:
    for url in ("start/", "", "journeys/"):
        page = hostile.html(url)
        assert not any("alert(1" in s.text() for s in page.css("script")), url
        assert page.css("img[src=z], iframe, svg[onload], i") == [], url
        assert [n.tag for n in page.css("*") if any(a.startswith("on") for a in n.attributes)] == [], url
        assert "javascript:" not in " ".join(a.attributes.get("href") or "" for a in page.css("a")), url


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("title", f"{HOSTILE['title']} - Prompting or fine-tuning?"),
        ("article h1", HOSTILE["title"]),
        (".wp-answer", HOSTILE["summary"]),
        ("#q-q1 > .wp-tree__ask", HOSTILE["questions"][0]["question"]),
        ("#q-q1 > .wp-tree__help", HOSTILE["questions"][0]["help"]),
        ("#q-q1 a[href='#q-q2']", HOSTILE["questions"][0]["options"][0]["label"]),
        ("#q-q2 > .wp-tree__ask", HOSTILE["questions"][1]["question"]),
        ("#q-q2 .wp-tree__label", HOSTILE["questions"][1]["options"][0]["label"]),
        ("#q-q2 .wp-tree__reason", HOSTILE["questions"][1]["options"][0]["recommend"]["reason"]),
        ("#wp-quiz-q1 legend", "Question 1 " + HOSTILE["questions"][0]["question"]),
        ("#wp-quiz-q1 label", HOSTILE["questions"][0]["options"][0]["label"]),
        ("#wp-result-q1-1 h2", "Recommended for you: " + HOSTILE_JOURNEY),
        ("#wp-result-q1-1 .wp-quiz__reason", HOSTILE["questions"][0]["options"][1]["recommend"]["reason"]),
        ("#wp-result-q2-0 .wp-quiz__reason", HOSTILE["questions"][1]["options"][0]["recommend"]["reason"]),
    ],
)
def test_hostile_placement_text_shows_as_text_where_it_lands(hostile: BuiltSite, selector: str, expected: str) -> None:
    node = hostile.html("start/").css_first(selector)
    assert node is not None, selector
    assert text(node) == " ".join(expected.split())


def test_hostile_journey_titles_reach_the_slot_as_text(hostile: BuiltSite) -> None:
    for url in ("", "start/"):
        link = hostile.html(url).css_first("[data-wp-rec-journey] a")
        assert text(link) == " ".join(HOSTILE_JOURNEY.split())


# The contributor reference -----------------------------------------------------


def test_the_contribute_section_documents_every_placement_field(shipped_site: BuiltSite) -> None:
    schema = json.loads((ROOT / "schemas/placement.schema.json").read_text(encoding="utf-8"))
    expected = set(schema["properties"])
    for definition in schema["$defs"].values():
        expected |= set(definition.get("properties", {}))
    page = shipped_site.html("contribute/placement/")
    listed = {row.css_first("td code").text() for row in page.css(".wp-fields tbody tr")}
    assert listed == expected
    assert [text(h).rstrip("¶") for h in page.css("article h2")] == [
        "Placement file",
        "Question",
        "Option",
        "Recommendation",
    ]
    assert shipped_site.html("contribute/").css_first("a[href='placement/']") is not None


# Under mkdocs serve ------------------------------------------------------------


def test_serve_rebuilds_the_start_page_when_placement_yml_changes(tmp_path: Path) -> None:
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    root = make_site(tmp_path / "p", FIXTURES / "sites/multi", FIXTURES / "sites/placement")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    url = f"http://127.0.0.1:{port}/start/"

    def wait_for(needle: str) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if needle in response.read().decode("utf-8"):
                        return
            except OSError:
                pass
            time.sleep(0.3)
        raise AssertionError(f"{url} never showed {needle!r}")

    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    placement = root / "placement.yml"
    try:
        wait_for("Which describes you?")
        placement.write_text(
            placement.read_text(encoding="utf-8").replace("Which describes you?", "Who are you?"), encoding="utf-8"
        )
        wait_for("Who are you?")
    finally:
        server.terminate()
        server.wait(timeout=30)
