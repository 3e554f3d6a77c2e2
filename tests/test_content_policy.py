"""The content policy on its own: what it refuses, what it lets through, and the sanitiser that backs it.

The rule fixtures (tests/fixtures/rules/unsafe-html, unsafe-url) show the
checker's exact output; the XSS corpus (test_xss.py) the attacks. These
tests pin the decisions in between: code is not checked, URLs are read the
way browsers read them, and Material's own markup survives the sanitiser.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import markdown
import pytest

from waypost.markdown_limits import emphasis_depth
from waypost.policy import check_markdown, check_svg, check_text, url_scheme
from waypost.sanitise import SITE, WRITER, clean, clean_around

MATERIAL_EXTENSIONS = [
    "admonition",
    "attr_list",
    "md_in_html",
    "tables",
    "toc",
    "footnotes",
    "abbr",
    "def_list",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tasklist",
    "pymdownx.tabbed",
    "pymdownx.highlight",
    "pymdownx.inlinehilite",
    "pymdownx.emoji",
    "pymdownx.mark",
    "pymdownx.keys",
]
MATERIAL_MARKDOWN = """# Title

!!! note "Note"
    Text with a footnote[^1], ==mark==, ++ctrl+alt+del++ and `#!python x = 1`.

??? tip "Open me"
    Hidden.

=== "Tab 1"
    One

=== "Tab 2"
    Two

- [x] done
- [ ] todo

| a | b |
|:--|--:|
| 1 | 2 |

```python title="x.py" hl_lines="1" linenums="1"
x = "<script>"
```

Term
:   Definition

*[HTML]: Hyper Text

HTML :smile: :material-account:

[^1]: The note.
"""


def rules(markdown_text: str) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.rule) for f in check_markdown(markdown_text)]


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "jav&#x61;script:alert(1)",
        "jav&#97;script:alert(1)",
        "java\tscript:alert(1)",
        "java&Tab;script&colon;alert(1)",
        "java\nscript:alert(1)",
        " \x0e javascript:alert(1)",
        "&#106;avascript:alert(1)",
    ],
)
def test_a_browser_reads_each_of_these_as_javascript(value: str) -> None:
    assert url_scheme(value) == "javascript"


@pytest.mark.parametrize("value", ["../page/", "#anchor", "picture.png", "//example.org/x", "?q=1", "a:b/c"[3:]])
def test_relative_urls_have_no_scheme(value: str) -> None:
    assert url_scheme(value) == ""


def test_code_is_not_checked() -> None:
    text = "Inline `<script>alert(1)</script>` and `[x](javascript:y)`.\n\n```html\n<iframe src=x></iframe>\n```\n"
    assert rules(text) == []


def test_an_unclosed_fence_is_not_code() -> None:
    """Python-Markdown prints an unclosed fence as text, and the HTML after it as HTML."""
    assert rules("```\n<script>alert(1)</script>\n") == [(2, 1, "unsafe-html")]


def test_code_spans_are_checked_once_the_body_holds_a_raw_html_block() -> None:
    """Inside a raw HTML block backticks are not code: the policy does not try to tell where such blocks end."""
    assert rules("<div>\n`<script>alert(1)</script>`\n</div>") == [(2, 2, "unsafe-html")]


def test_a_comment_at_the_start_of_a_line_opens_a_raw_html_block_too() -> None:
    """Found by fuzzing: Python-Markdown passes the whole line raw, so the backticks are not code."""
    assert rules("<!-- a note --> and `code <script>`") == [(1, 27, "unsafe-html")]


@pytest.mark.parametrize(
    "text, where",
    [
        ('<?\n\n<p style="color:red">x</p>', (3, 4)),  # an open '<?' is text in its own block
        ('<? <p style="color:red">x</p>', (1, 7)),  # a processing instruction ended by the tag's '>'
        ('<!x <img src=x onerror="alert(1)">', (1, 16)),  # a bogus comment, the same way
    ],
    ids=["open-pi-block", "pi-ending-at-tag", "bogus-comment"],
)
def test_tags_that_a_half_written_construct_would_hide_are_still_read(text: str, where: tuple[int, int]) -> None:
    """Found by fuzzing: html.parser swallowed these tags, Python-Markdown and the sanitiser did not."""
    assert [(line, column) for line, column, _ in rules(text)] == [where]


def test_formatting_html_links_and_images_are_allowed() -> None:
    text = (
        '<kbd>Ctrl</kbd> <abbr title="x">X</abbr> <img src="chart.png" alt="A chart" width="300">\n\n'
        "[a page](../other/) [mail](mailto:me@example.org) [web](https://example.org/) [id](concept:alpha)\n\n"
        "<details open><summary>More</summary>\n\nText\n\n</details>\n\n## Heading {: #anchor .wide }\n"
    )
    assert rules(text) == []


def test_text_that_only_looks_like_a_scheme_is_fine() -> None:
    assert rules("In JavaScript: a language. Ratio 3:2, time 10:30.") == []


def test_plain_text_fields_may_mention_harmless_tags() -> None:
    """Titles are escaped where they land: only markup that could run is refused."""
    assert check_text("Use <b> for bold & <your name>", "'title'") == []
    assert [f.rule for f in check_text("Hi <img src=x onerror=alert(1)>", "'title'")] == ["unsafe-html"]


def test_a_clean_svg_file_passes_and_one_with_script_does_not() -> None:
    clean_svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" style="fill:red"><a href="page.html"><path d="M0 0"/></a></svg>'
    )
    assert check_svg(clean_svg) == []
    scripted = '<svg xmlns="http://www.w3.org/2000/svg">\n<foreignObject><p>x</p></foreignObject>\n</svg>'
    assert [(f.line, f.rule) for f in check_svg(scripted)] == [(2, "unsafe-html")]


def test_emphasis_depth_reads_nesting_not_count() -> None:
    assert emphasis_depth("*a* **b** _c_ snake_case_name " * 50) == 1
    assert emphasis_depth("*a " * 30 + "a*" * 30) == 30


def test_the_sanitiser_keeps_material_and_pymdownx_markup_whole() -> None:
    from material.extensions.emoji import to_svg, twemoji

    configs = {
        "toc": {"permalink": True},
        "pymdownx.tasklist": {"custom_checkbox": True},
        "pymdownx.tabbed": {"alternate_style": True},
        "pymdownx.emoji": {"emoji_index": twemoji, "emoji_generator": to_svg},
    }
    html = markdown.Markdown(extensions=MATERIAL_EXTENSIONS, extension_configs=configs).convert(MATERIAL_MARKDOWN)
    cleaned = clean(html, WRITER)
    assert cleaned.removed == ()
    for kept in ('class="admonition note"', "<details", 'type="radio"', 'type="checkbox"', "<svg", "headerlink"):
        assert kept in cleaned.html


def test_the_sanitiser_names_what_it_removed() -> None:
    cleaned = clean('<p>Hi <img src="x.png" onerror="alert(1)"><script>alert(2)</script></p>', WRITER)
    assert cleaned.removed == ("<script>", "onerror on <img>")
    assert cleaned.html == '<p>Hi <img src="x.png"></p>'


def test_the_writer_allowlist_refuses_what_waypost_itself_may_write() -> None:
    form = '<form class="wp-quiz" data-wp-quiz novalidate><button type="submit">Next</button></form>'
    assert clean(form, SITE).removed == ()
    assert clean(form, WRITER).removed != ()


def test_held_sections_are_left_exactly_as_they_are() -> None:
    import re

    keep = re.compile(r"<!-- own -->.*?<!-- /own -->", re.S)
    html = '<p onclick="x">a</p><!-- own --><form data-wp-x="1"><input type=radio></form><!-- /own -->'
    cleaned = clean_around(html, WRITER, keep)
    assert cleaned.removed == ("onclick on <p>",)
    assert cleaned.html == '<p>a</p><!-- own --><form data-wp-x="1"><input type=radio></form><!-- /own -->'


def test_links_by_id_read_code_the_same_way_as_the_policy() -> None:
    """After a fence that is never closed, a link by id is a real link: rewritten by the build and checked."""
    from waypost.links import find_id_links

    text = "```\nnot closed\n\n[a](concept:alpha) and `[b](concept:beta)`"
    assert [(link.id, link.line) for link in find_id_links(text)] == [("alpha", 4)]


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("Concept:alpha", "write the kind in lowercase: concept:alpha"),
        ("EXERCISE:try-alpha#step", "write the kind in lowercase: exercise:try-alpha#step"),
        ("conc&#101;pt:alpha", "write concept:alpha"),
        ("concepts:alpha", "did you mean concept:alpha?"),
        ("Exercises:try-alpha", "did you mean exercise:try-alpha?"),
        ("excercise:try-alpha", "did you mean exercise:try-alpha?"),
        ("jounrey:first-steps", "did you mean journey:first-steps?"),
        ("journy:first-steps", "did you mean journey:first-steps?"),
        ("conceptx:alpha", "did you mean concept:alpha?"),
    ],
)
def test_a_link_by_id_written_other_than_the_build_rewrites_it_is_refused_with_the_link_meant(
    written: str, hint: str
) -> None:
    [finding] = check_markdown(f"See [it]({written}).")
    assert (finding.rule, finding.column, finding.hint) == ("unsafe-url", 10, hint)


@pytest.mark.parametrize("written", ["journal:x", "content:x", "con:x", "ftp://example.com", "concept-map:x"])
def test_a_scheme_far_from_every_kind_gets_no_link_by_id_hint(written: str) -> None:
    [finding] = check_markdown(f"See [it]({written}).")
    assert finding.hint == "use an http, https, mailto or tel link, or a relative link to a page or file of the site"


@pytest.mark.parametrize(
    "text", ["[a](concept:alpha)", "[a](<concept:alpha>)", "[a](journey:first-steps#steps)", "[a]: exercise:try-alpha"]
)
def test_links_by_id_as_the_build_rewrites_them_pass_the_policy(text: str) -> None:
    assert check_markdown(text) == []


def test_a_space_after_the_kind_is_read_as_the_id_meant() -> None:
    from waypost.links import find_id_links

    text = "[a](concept: alpha), [b](<journey:\tfirst-steps>), [c](concept:)\n\n[d]: exercise:  try-alpha"
    assert [(link.kind, link.id, link.spaced) for link in find_id_links(text)] == [
        ("concept", "", "alpha"),
        ("journey", "", "first-steps"),
        ("concept", "", ""),
        ("exercise", "", "try-alpha"),
    ]


def test_raw_html_urls_are_those_a_browser_follows_or_loads() -> None:
    from waypost.policy import raw_html_urls

    text = (
        'An <img alt="a" src="a.png"> and <A HREF = \'b.md\'>b</A>, <img src>, <span title="c.png">c</span>,\n'
        'then <!-- <img src="old.png"> --> `<img src="code.png">` <img src="x.png" onerror="alert(1)"> <a href="d/">d</a>'
    )
    assert [(url.element, url.value, url.line, url.column) for url in raw_html_urls(text)] == [
        ("img", "a.png", 1, 22),
        ("a", "b.md", 1, 45),
        ("a", "d/", 2, 104),
    ]


def test_the_build_cleans_waypost_own_html_wherever_it_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A template that forgot to escape: its markup is removed and reported, in sections and held blocks alike."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from conftest import make_site
    from waypost import render

    def broken(function: Any, old: str, new: str) -> Any:
        return lambda *args, **kwargs: function(*args, **kwargs).replace(old, new, 1)

    # A section of a concept page, its "Mark as done" box (held until search has read the page),
    # and the map of a journey page (held likewise, in a generated page).
    monkeypatch.setattr(render, "content_top", broken(render.content_top, "</p>", "<script>alert(1)</script></p>"))
    monkeypatch.setattr(render, "content_bottom", broken(render.content_bottom, "<label>", '<label onclick="x()">'))
    monkeypatch.setattr(
        render, "journey_page", broken(render.journey_page, "</svg>", "<script>alert(2)</script></svg>")
    )
    root = make_site(tmp_path / "p")
    monkeypatch.chdir(root)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    with caplog.at_level(logging.ERROR, logger="mkdocs.plugins.waypost"):
        build(load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    errors = sorted(r.getMessage() for r in caplog.records if "[unsafe-html]" in r.getMessage())
    removed = "error [unsafe-html] the build removed markup the content policy does not allow:"
    hint = "(hint: Waypost's own HTML broke the site's allowlist: a template prints something it should escape)"
    # One line per page, naming what was removed from each of Waypost's sections in turn.
    assert errors == [
        f"content/concepts/alpha.md:1:1: {removed} <script>, onclick on <label> {hint}",
        f"content/concepts/beta.md:1:1: {removed} <script>, onclick on <label> {hint}",
        f"content/exercises/try-alpha.md:1:1: {removed} <script>, onclick on <label> {hint}",
        f"journeys/first-steps.md:1:1: {removed} <script> {hint}",
    ]
    pages = {path: path.read_text(encoding="utf-8") for path in (tmp_path / "site").rglob("*.html")}
    assert [str(p) for p, html in pages.items() if "alert(" in html or "onclick" in html] == []
    journey = pages[tmp_path / "site/journeys/first-steps/index.html"]
    assert journey.count('class="wp-map__svg"') == 1 and "<!-- waypost:html" not in journey
    concept = pages[tmp_path / "site/concepts/alpha/index.html"]
    assert 'data-wp-done="concept:alpha"' in concept and "<!-- waypost:html" not in concept


def test_a_path_in_angle_brackets_is_a_link_target_not_an_element() -> None:
    findings = check_markdown("![a map](<old map.png>) and [x](<script src=x>)\n")
    assert [(f.column, f.message) for f in findings] == [(33, "<script> is not allowed in content: it runs script")]
