"""The generated site, read from its built HTML."""

from __future__ import annotations

import json
import re

import pytest

from sitebuild import BuiltSite


def texts(site: BuiltSite, url: str, selector: str) -> list[str]:
    return [" ".join(node.text().split()) for node in site.html(url).css(selector)]


def test_every_generated_page_exists_with_its_title(multi_site: BuiltSite) -> None:
    expected = {
        "journeys/": "Journeys",
        "journeys/first-steps/": "First steps",
        "journeys/second-path/": "Second path",
        "journeys/third-path/": "Third path",
        "concepts/alpha/": "Alpha",
        "concepts/beta/": "Beta",
        "exercises/try-alpha/": "Try alpha",
    }
    for url, title in expected.items():
        page = multi_site.html(url)
        assert page.css_first("title").text() == f"{title} - Prompting or fine-tuning?"
        assert page.css_first("article h1").text() == title


def test_journey_checklist_lists_the_steps_in_order_with_decisions(multi_site: BuiltSite) -> None:
    steps = multi_site.html("journeys/first-steps/").css("ol.wp-steps > li")
    assert [li.attributes["data-wp-step"] for li in steps] == ["intro", "choose", "practice", "more"]
    assert [li.attributes.get("data-wp-item") for li in steps] == [
        "concept:alpha",
        None,
        "exercise:try-alpha",
        "concept:beta",
    ]
    assert steps[0].css_first("a").attributes["href"] == "../../concepts/alpha/"
    options = [(a.text(), a.attributes["href"]) for a in steps[1].css("a[data-wp-choose]")]
    assert options == [("Yes", "#step-practice"), ("Not yet", "#step-more")]
    assert "Do you want to practise now?" in steps[1].text()


def test_journey_page_shows_summary_outcomes_time_and_start(multi_site: BuiltSite) -> None:
    page = multi_site.html("journeys/first-steps/")
    assert page.css_first(".wp-answer").text() == "A short journey with one decision."
    assert [li.text() for li in page.css("ul.wp-outcomes li")] == ["Know alpha."]
    facts = [s.text() for s in page.css(".wp-journey .wp-facts__item")]
    # Both routes are two steps long: alpha then the exercise (16 min), or alpha then beta (2 min).
    assert facts == ["Beginner", "For beginners", "2 steps, 1 decision", "about 2 to 16 min"]
    start = page.css_first("a[data-wp-continue]")
    assert start.attributes["href"] == "../../concepts/alpha/"


def test_graph_has_one_node_per_step_and_one_edge_per_transition(multi_site: BuiltSite) -> None:
    svg = multi_site.html("journeys/first-steps/").css_first("svg.wp-map__svg")
    nodes = [a.attributes["data-wp-step"] for a in svg.css("a.wp-node")]
    assert nodes == ["intro", "choose", "practice", "more"]
    assert svg.css("a.wp-node--decision")[0].attributes["data-wp-step"] == "choose"
    edges = sorted(p.attributes["data-wp-edge"] for p in svg.css("path.wp-edge"))
    assert edges == ["choose more", "choose practice", "intro choose", "more end", "practice end"]
    labels = sorted(" ".join(t.text() for t in g.css("text")) for g in svg.css("g.wp-edge-label"))
    assert labels == ["Not yet", "Yes"]
    hrefs = {a.attributes["data-wp-step"]: a.attributes["xlink:href"] for a in svg.css("a.wp-node")}
    assert hrefs["practice"] == "../../exercises/try-alpha/"
    assert hrefs["choose"] == "./#step-choose"


def test_concept_page_shows_answer_try_this_and_related(multi_site: BuiltSite) -> None:
    page = multi_site.html("concepts/alpha/")
    article = page.css_first("article")
    blocks = [node.attributes.get("class") or node.attributes.get("id") for node in article.css(".wp-lead, h2")]
    assert blocks == ["wp-lead", "why-alpha", "try-this", "related-concepts", "related-journeys"]
    assert page.css_first(".wp-answer").text() == "The first idea of the fixture."
    assert texts(multi_site, "concepts/alpha/", "ul.wp-try > li a") == ["Try alpha"]
    assert texts(multi_site, "concepts/alpha/", "h2#related-concepts + ul a") == ["Beta"]


def test_related_journeys_give_position_previous_and_next(multi_site: BuiltSite) -> None:
    page = multi_site.html("concepts/beta/")
    blocks = page.css("section.wp-placement")
    assert [b.attributes["data-wp-journey"] for b in blocks] == ["first-steps", "second-path"]
    # Every route through beta gives it the same place, so the browser is not given the graph to work it out.
    assert [b.attributes.get("data-wp-graph") for b in blocks] == [None, None]
    first, second = (" ".join(b.text().split()) for b in blocks)
    assert first == "First steps Step 2 of 2 Previous: Alpha This is the last step. Back to the journey"
    assert second == "Second path Step 1 of 2 This is where the journey starts. Next: Try alpha"


def test_a_decision_ahead_shows_its_question_and_options(multi_site: BuiltSite) -> None:
    block = multi_site.html("concepts/alpha/").css("section.wp-placement")[0]
    assert block.attributes["data-wp-journey"] == "first-steps"
    decision = block.css_first(".wp-placement__decision")
    assert (
        " ".join(decision.text().split()) == "Next, decide: Do you want to practise now? Yes: Try alpha Not yet: Beta"
    )
    assert [a.attributes["href"] for a in decision.css("a")] == ["../../exercises/try-alpha/", "../beta/"]


def test_more_journeys_are_ranked_by_what_they_share(multi_site: BuiltSite) -> None:
    assert texts(multi_site, "concepts/alpha/", "ul.wp-more a") == ["Second path"]
    # second-path lists first-steps; third-path shares no content with it, so it is not suggested
    assert texts(multi_site, "journeys/second-path/", ".wp-cards .wp-card__title") == ["First steps"]
    assert texts(multi_site, "journeys/third-path/", ".wp-cards .wp-card__title") == ["First steps"]


def test_exercise_page_has_minutes_outcome_and_a_real_checklist(multi_site: BuiltSite) -> None:
    page = multi_site.html("exercises/try-alpha/")
    assert [s.text() for s in page.css(".wp-lead .wp-facts__item")] == ["15 min exercise", "2 tasks"]
    assert page.css_first(".wp-outcome").text() == "You will have: One sentence about alpha."
    tasks = page.css("li.wp-task")
    assert [t.attributes["data-wp-task"] for t in tasks] == ["read", "write"]
    for task in tasks:
        box = task.css_first("input[type=checkbox]")
        assert task.css_first(f"label[for={box.attributes['id']}]") is not None
    assert texts(multi_site, "exercises/try-alpha/", "h2#concepts-it-practises + ul a") == ["Alpha", "Beta"]


def test_journeys_index_has_a_card_per_journey_grouped_by_level(multi_site: BuiltSite) -> None:
    page = multi_site.html("journeys/")
    # Then the export, import and reset tools, written into the page (hidden without JavaScript).
    assert [h.text().rstrip("¶") for h in page.css("article h2")] == ["Beginner", "Intermediate", "Your progress"]
    assert page.css_first("section.wp-tools").attributes["class"] == "wp-tools wp-js-only"
    assert texts(multi_site, "journeys/", ".wp-card__title") == ["First steps", "Second path", "Third path"]
    card = page.css_first("article.wp-card")
    graph = json.loads(card.attributes["data-wp-graph"])
    assert graph["first"] == "intro"
    assert [s["id"] for s in graph["steps"]] == ["intro", "choose", "practice", "more"]
    assert card.css_first(".wp-progress") is not None


def test_home_page_features_the_journey_cards(multi_site: BuiltSite) -> None:
    cards = multi_site.html("").css("article.wp-card .wp-card__title a")
    assert [(a.text(), a.attributes["href"]) for a in cards] == [
        ("First steps", "journeys/first-steps/"),
        ("Second path", "journeys/second-path/"),
        ("Third path", "journeys/third-path/"),
    ]


def test_navigation_is_generated_in_order(multi_site: BuiltSite) -> None:
    page = multi_site.html("journeys/")
    sections = page.css("nav.md-nav--primary > ul > li.md-nav__item--section")
    assert [s.css_first("label").text().strip() for s in sections] == [
        "Journeys",
        "Concepts",
        "Exercises",
        "Contribute",
    ]
    links = [
        " ".join(a.text().split())
        for a in sections[0].css("a.md-nav__link")
        if not a.attributes["href"].startswith("#")
    ]
    assert links == ["Journeys", "First steps", "Second path", "Third path"]
    concepts = [" ".join(a.text().split()) for a in sections[1].css("a.md-nav__link")]
    assert concepts == ["Alpha", "Beta"]


def test_links_by_id_and_by_alias_resolve(multi_site: BuiltSite) -> None:
    body = multi_site.html("concepts/alpha/").css_first("article")
    assert [a.attributes["href"] for a in body.css("p a") if a.text() == "beta"] == ["../beta/"]


def test_an_old_url_redirects_to_the_renamed_page(multi_site: BuiltSite) -> None:
    page = multi_site.html("journeys/old-third/")
    refresh = page.css_first("meta[http-equiv=refresh]").attributes["content"]
    assert refresh == "0; url=../third-path/"
    assert page.css_first("link[rel=canonical]").attributes["href"] == "../third-path/"


def test_search_indexes_journey_pages_and_a_pages_own_text_not_its_links_elsewhere(multi_site: BuiltSite) -> None:
    index = json.loads((multi_site.site / "search/search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert {"journeys/first-steps/", "journeys/first-steps/#steps", "exercises/try-alpha/#your-checklist"} <= locations
    steps = next(doc for doc in index["docs"] if doc["location"] == "journeys/first-steps/#steps")
    assert "Do you want to practise now?" in steps["text"]
    # What search skips stays out of the index: the map (its text repeats the steps), controls, progress,
    # and the links at a page's foot, whose titles and summaries each have a page of their own to be found on.
    texts = {doc["location"]: doc["text"] for doc in index["docs"]}
    assert texts["journeys/first-steps/#journey-map"] == ""
    assert [loc for loc, text in texts.items() if "as done" in text or "Not started" in text] == []
    assert [loc for loc, text in texts.items() if "Export progress" in text or "Your progress" in text] == []
    concept_sections = [loc.partition("#")[2] for loc in locations if loc.startswith("concepts/alpha/")]
    assert sorted(concept_sections) == ["", "why-alpha"]
    linked = [loc for loc in locations if loc.startswith(("concepts/", "exercises/")) and "#related" in loc]
    assert linked == []
    # A journey page's related journeys too: only the heading, which Markdown makes, like the map's.
    related = {loc: text for loc, text in texts.items() if loc.startswith("journeys/") and "#related" in loc}
    assert related and set(related.values()) == {""}
    page = multi_site.html("journeys/first-steps/")
    assert page.css_first("h2#related-journeys + div.wp-cards[data-search-exclude] article.wp-card") is not None
    assert [loc for loc, text in texts.items() if "Practise alpha and beta." in text] == ["exercises/try-alpha/"]


def test_search_reads_waypost_text_as_separate_words(multi_site: BuiltSite) -> None:
    # Search, copy and paste and text browsers see the HTML's text, not the style sheet's separators.
    index = json.loads((multi_site.site / "search/search_index.json").read_text(encoding="utf-8"))
    texts = {doc["location"]: doc["text"] for doc in index["docs"]}
    assert texts["concepts/alpha/"].endswith("<p>Beginner · For beginners · 1 min read</p>")
    assert texts["exercises/try-alpha/"].startswith("<p>Practise alpha and beta.</p> <p>15 min exercise · 2 tasks</p>")
    assert "<p>Beginner · For beginners · 2 steps, 1 decision · about 2 to 16 min</p>" in texts["journeys/first-steps/"]
    assert (
        "Rule Severity What it means <code>file-empty</code> error The file has no content."
        in (texts["contribute/#checker-rules"])
    )
    assert (
        "<code>id</code> text yes lowercase kebab-case, at most 64 characters; not index (reserved for the index "
        "page) The concept's id;" in texts["contribute/concepts/#concept"]
    )


def test_a_concept_in_no_journey_shows_no_empty_section(tmp_path_factory: object, multi_site: BuiltSite) -> None:
    # gamma is in no journey (a warning, so the build is not strict here)
    from conftest import FIXTURES, make_site, mkdocs_build

    root = make_site(multi_site.root.parent / "orphan", FIXTURES / "rules" / "orphan-content")
    result = mkdocs_build(root, root / "site")
    assert result.returncode == 0, result.stderr
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    page = HTMLParser((root / "site/concepts/gamma/index.html").read_text(encoding="utf-8"))
    assert page.css_first("h2#related-journeys") is None
    assert page.css_first("h2#try-this") is not None


def test_two_builds_of_the_same_input_are_byte_identical(multi_site: BuiltSite, tmp_path_factory: object) -> None:
    from sitebuild import build

    again = build(multi_site.root, multi_site.root / "site-again")
    first = {p.relative_to(multi_site.site): p.read_bytes() for p in multi_site.site.rglob("*") if p.is_file()}
    second = {p.relative_to(again.site): p.read_bytes() for p in again.site.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    differing = sorted(str(k) for k in first if first[k] != second[k])
    assert differing in ([], ["sitemap.xml", "sitemap.xml.gz"])


def test_strict_build_of_the_shipped_site_has_no_warning(shipped_site: BuiltSite) -> None:
    assert not re.search(r"^(WARNING|ERROR)", shipped_site.log, re.MULTILINE), shipped_site.log


def test_waypost_sections_take_ids_the_writer_left_free_and_join_the_table_of_contents(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    from conftest import FIXTURES, make_site, mkdocs_build
    from sitebuild import BuiltSite

    beta = (FIXTURES / "base" / "content" / "concepts" / "beta.md").read_text(encoding="utf-8")
    beta += (
        "\n## Try this\n\nThe writer's own section. See [where alpha sits](concept:alpha#related-journeys)"
        " and [the exercises below](#try-this_1).\n"
    )
    root = make_site(tmp_path_factory.mktemp("ids") / "p", files={"content/concepts/beta.md": beta})
    result = mkdocs_build(root, root / "site")
    # The checker's warning about the writer's 'Try this' is the build's only one: both links' anchors exist.
    assert [line.split(" - ", 1)[1].strip() for line in result.stderr.splitlines() if "WARNING" in line] == [
        "content/concepts/beta.md:14:1: warning [body-heading] 'Try this' is a section the page adds itself "
        "(hint: give this section another name)"
    ]
    site = BuiltSite(root, root / "site", result.stderr)
    page = site.html("concepts/beta/")
    headings = [(h.attributes["id"], h.text(deep=False)) for h in page.css("article h2")]
    assert headings == [
        ("why-beta", "Why beta"),
        ("try-this", "Try this"),
        ("try-this_1", "Try this"),
        ("related-concepts", "Related concepts"),
        ("related-journeys", "Related journeys"),
    ]
    assert [a.attributes["href"] for a in page.css("article h2 a.headerlink")] == [f"#{i}" for i, _ in headings]
    on_this_page = [
        a.attributes["href"] for a in page.css(".md-sidebar--secondary nav.md-nav--secondary a.md-nav__link")
    ]
    assert on_this_page == [f"#{i}" for i, _ in headings]
    assert page.css_first("h2#try-this_1 + ul.wp-try li a").text() == "Try alpha"
    index = json.loads((site.site / "search/search_index.json").read_text(encoding="utf-8"))
    sections = {doc["location"]: doc for doc in index["docs"] if doc["location"].startswith("concepts/beta/#")}
    assert list(sections) == ["concepts/beta/#why-beta", "concepts/beta/#try-this"]  # Waypost's links stay out
    assert sections["concepts/beta/#try-this"]["title"] == "Try this"


def test_a_plugin_that_strips_comments_before_waypost_is_told_what_went_missing(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    from conftest import add_hook, make_site, mkdocs_build

    root = make_site(tmp_path_factory.mktemp("strip") / "p")
    add_hook(
        root,
        "strip_comments.py",
        "import re\n\n\ndef on_page_context(context, page, config, nav):\n"
        "    page.content = re.sub(r'<!--.*?-->', '', page.content, flags=re.S)\n    return context\n",
    )
    result = mkdocs_build(root, root / "site")
    assert result.returncode == 0, result.stderr
    lost = re.findall(r"WARNING -  waypost: (\S+): (\d) of Waypost's blocks .* went missing", result.stderr)
    assert sorted(lost) == [
        ("content/concepts/alpha.md", "2"),  # "Mark as done" and the links at the foot
        ("content/concepts/beta.md", "2"),
        ("content/exercises/try-alpha.md", "2"),
        ("journeys/first-steps.md", "1"),  # the map
        ("journeys/index.md", "1"),  # the progress tools
    ], result.stderr


def test_a_plugin_after_waypost_in_on_page_content_sees_whole_pages(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Concept and exercise pages are cleaned beside the build only when no plugin's on_page_content comes after:
    not even when the site is large enough for a second process (here, a hook makes this one so)."""
    from conftest import add_hook, make_site, mkdocs_build

    root = make_site(tmp_path_factory.mktemp("strip-late") / "p")
    add_hook(root, "large.py", "from waypost import mkdocs_adapter\n\nmkdocs_adapter.CLEAN_BESIDE_FROM = 0\n")
    add_hook(
        root,
        "strip_comments.py",
        "import re\n\nfrom mkdocs.plugins import event_priority\n\n\n@event_priority(-50)\n"
        "def on_page_content(html, page, config, files):\n"
        "    assert 'waypost:sanitising' not in html, page.file.src_uri\n"
        "    return re.sub(r'<!--.*?-->', '', html, flags=re.S)\n",
    )
    result = mkdocs_build(root, root / "site")
    assert result.returncode == 0, result.stderr
    alpha = (root / "site/concepts/alpha/index.html").read_text(encoding="utf-8")
    assert "Alpha comes first." in alpha
    lost = re.findall(r"WARNING -  waypost: (\S+): (\d) of Waypost's blocks .* went missing", result.stderr)
    assert sorted(lost) == [
        ("content/concepts/alpha.md", "2"),
        ("content/concepts/beta.md", "2"),
        ("content/exercises/try-alpha.md", "2"),
        ("journeys/first-steps.md", "1"),
        ("journeys/index.md", "1"),
    ], result.stderr


def test_a_footnote_gives_a_dated_figure_its_source(tmp_path_factory: pytest.TempPathFactory) -> None:
    from conftest import FIXTURES, make_site
    from sitebuild import build

    beta = (FIXTURES / "base" / "content" / "concepts" / "beta.md").read_text(encoding="utf-8")
    beta += "\nA plan costs about 20 a month.[^price]\n\n[^price]: List price in March 2026, [the maker's page](https://example.com/pricing).\n"
    root = make_site(tmp_path_factory.mktemp("footnotes") / "p", files={"content/concepts/beta.md": beta})
    page = build(root, root / "site").html("concepts/beta/")  # --strict: the sanitiser keeps it all
    reference = page.css_first("article sup a.footnote-ref")
    assert reference is not None and reference.attributes["href"] == "#fn:price"
    note = page.css_first("article div.footnote li#fn\\:price")
    assert note is not None and "List price in March 2026" in note.text()
    assert note.css_first("a.footnote-backref").attributes["href"] == "#fnref:price"
