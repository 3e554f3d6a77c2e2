"""Waypost's HTML skips Python-Markdown and comes back unchanged, in place, with its anchors."""

from __future__ import annotations

import markdown

from waypost.stash import HtmlStash

FRAGMENT = """## Try this

<ul class="wp-try">
<li id="one"><a href="../x/">X &amp; Y</a></li>
</ul>

<div class="wp-done" data-wp-done="concept:a">
<label><input type="checkbox" id="done-a"> Mark this concept as done</label>
</div>
"""


def convert(text: str) -> str:
    return markdown.Markdown(extensions=["md_in_html", "toc"]).convert(text)


def test_blocks_come_back_where_they_were_and_headings_stay_markdown() -> None:
    stash = HtmlStash()
    held = stash.hold("concepts/a/", FRAGMENT)
    assert "<ul" not in held and "<div" not in held and held.startswith("## Try this")
    html, ids = stash.release("concepts/a/", convert(held))
    assert html == convert(FRAGMENT)
    assert ids == {"one", "done-a"}


def test_text_that_is_not_a_block_of_html_is_left_to_markdown() -> None:
    text = '<a href="x">inline</a> and **bold**\n\nPlain *text*.\n\n<div markdown="1">\n*kept for Markdown*\n</div>'
    assert HtmlStash().hold("p/", text) == text


def test_each_page_gets_only_its_own_blocks() -> None:
    stash = HtmlStash()
    first = stash.hold("a/", '<div class="a">A</div>')
    second = stash.hold("b/", '<div class="b">B</div>')
    assert stash.release("b/", first + second)[0] == first + '<div class="b">B</div>'
    assert stash.release("a/", first)[0] == '<div class="a">A</div>'
    assert stash.release("a/", first) == (first, set()), "released once"


LATE = '<div class="wp-map" data-search-exclude>\n<svg><text>Map</text></svg>\n</div>'


def test_a_block_search_skips_waits_for_search_and_is_cleaned_as_it_comes_back() -> None:
    stash = HtmlStash()
    held = stash.hold("journeys/a/", f"## Map\n\n{LATE}\n\n<p>After</p>")
    html, _ = stash.release("journeys/a/", convert(held))
    stash.replace_late(
        "journeys/a/", {n: b.replace("Map", "Cleaned") for n, b in stash.late_blocks("journeys/a/").items()}
    )
    assert "<svg" not in html and "<p>After</p>" in html and "<!-- waypost:html 0:0 -->" in html
    late = stash.release_late("journeys/a/", html)
    assert late == (html.replace("<!-- waypost:html 0:0 -->", LATE.replace("Map", "Cleaned")), 0)
    assert stash.release_late("journeys/a/", late[0]) == (late[0], 0), "released once"


def test_late_blocks_can_be_cleaned_elsewhere_and_put_back() -> None:
    """What the sanitiser process does with a generated page's late blocks."""
    stash = HtmlStash()
    held = stash.hold("journeys/a/", f'## Map\n\n{LATE}\n\n<div class="x">Early</div>\n\n{LATE}')
    html, _ = stash.release("journeys/a/", convert(held))
    late = stash.late_blocks("journeys/a/")
    assert late == {0: LATE, 2: LATE}, "the early block is back in the page already"
    stash.replace_late("journeys/a/", {2: LATE.replace("Map", "Cleaned")})
    assert stash.release_late("journeys/a/", html)[0] == html.replace("<!-- waypost:html 0:0 -->", LATE).replace(
        "<!-- waypost:html 0:2 -->", LATE.replace("Map", "Cleaned")
    )
    assert stash.late_blocks("journeys/a/") == {}, "released"
    stash.replace_late("journeys/a/", {})  # nothing to put back: a page without late blocks


def test_only_late_holds_the_blocks_search_skips_and_nothing_else() -> None:
    stash = HtmlStash()
    fragment = f'<p class="wp-answer">Answer</p>\n\n{LATE}\n\n<ul>\n<li>Kept</li>\n</ul>'
    held = stash.hold("concepts/a/", fragment, only_late=True)
    assert held == fragment.replace(LATE, "<!-- waypost:html 0:0 -->")
    assert stash.release("concepts/a/", held) == (held, set())
    assert stash.release_late("concepts/a/", held) == (fragment, 0)


def test_a_late_block_whose_placeholder_went_missing_is_counted() -> None:
    stash = HtmlStash()
    held = stash.hold("journeys/a/", f"{LATE}\n\n<p>After</p>\n\n{LATE}")
    html, _ = stash.release("journeys/a/", held)
    stripped = html.replace("<!-- waypost:html 0:0 -->", "")  # as a plugin that strips comments would
    assert stash.release_late("journeys/a/", stripped) == (stripped.replace("<!-- waypost:html 0:2 -->", LATE), 1)


def test_a_block_after_extra_blank_lines_is_held_too() -> None:
    stash = HtmlStash()
    held = stash.hold("concepts/a/", f"\n{LATE}\n\n\n\n<p>Kept</p>", only_late=True)
    assert held == "\n<!-- waypost:html 0:0 -->\n\n\n\n<p>Kept</p>"
    assert stash.release_late("concepts/a/", held) == (f"\n{LATE}\n\n\n\n<p>Kept</p>", 0)
