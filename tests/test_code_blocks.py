"""Code blocks, which the checker skips: exactly what the site's Markdown prints as code, and nothing it may not.

``waypost check`` reads a concept whose body is the test's text; the body
starts on line 11 of the file, after the front matter. Writers' indented
text (an admonition's body, a list item's next paragraph) is prose and is
checked; where the checker cannot be sure that text is code, it checks it.
The property tests against Python-Markdown itself are in test_fuzz.py.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from conftest import BASE, make_project
from waypost.cli import main
from waypost.code_blocks import code_block_lines
from waypost.links import find_id_links, rewrite_id_links
from waypost.policy import check_markdown

FRONT_MATTER = (BASE / "content/concepts/alpha.md").read_text(encoding="utf-8").split("## Why alpha")[0]
FILE = "content/concepts/alpha.md"
SCRIPT = (
    "<script> is not allowed in content: it runs script (hint: use Markdown instead, or write '&lt;' for a literal '<')"
)
STYLE = "<style> is not allowed in content: it restyles the whole page and can load outside resources (hint: use Markdown instead, or write '&lt;' for a literal '<')"
ONCLICK = "event handler 'onclick' on <b> runs script (hint: remove it: content cannot run script; the site's own script does what pages need)"
NOPE = "link to unknown concept 'nope' (hint: link ids are those of files in content/concepts/)"


def check_body(tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str) -> list[str]:
    """What ``waypost check --strict`` prints for the base project with ``body`` as alpha's body."""
    assert FRONT_MATTER.count("\n") == 10, "the body starts on line 11"
    root = make_project(tmp_path / "p", files={FILE: FRONT_MATTER + body})
    with contextlib.chdir(root):  # as a contributor runs it: paths print from the project folder
        main(["check", "--strict"])
    return capsys.readouterr().out.splitlines()


def test_an_indented_code_block_after_a_paragraph_is_not_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = (
        "A paragraph, then code:\n"  # 11
        "\n"
        "    [x](concept:nope) <script>alert(1)</script>\n"  # 13
        "\tA tab indents code too: <script>alert(2)</script>\n"
        "\n"
        "After the code, <script>alert(3)</script> runs.\n"  # 16
    )
    assert check_body(tmp_path, capsys, body) == [
        f"{FILE}:16:17: error [unsafe-html] {SCRIPT}",
        "1 error, 0 warnings in 4 files",
    ]


def test_indented_text_in_an_admonition_is_checked_and_code_in_it_is_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = (
        "!!! note\n"  # 11
        '    Text <b onclick="x()">a</b>\n'
        "\n"
        "    [more](concept:nope)\n"  # 14
        "\n"
        "        <script>alert(1)</script> [code](concept:nope)\n"  # 16: code in the note
        "\n"
        '??? tip "Details"\n'  # 18
        "        <script>alert(2)</script> is code, first in the body\n"
        "\n"
        "    <script>alert(3)</script> is text\n"  # 21
    )
    assert check_body(tmp_path, capsys, body) == [
        f"{FILE}:12:13: error [unsafe-html] {ONCLICK}",
        f"{FILE}:14:12: error [unknown-link] {NOPE}",
        f"{FILE}:21:5: error [unsafe-html] {SCRIPT}",
        "3 errors, 0 warnings in 4 files",
    ]


def test_indented_text_that_goes_on_with_a_list_item_is_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = (
        "1. Step\n"  # 11
        "\n"
        '    Text <b onclick="x()">a</b> and [x](concept:nope)\n'  # 13
    )
    assert check_body(tmp_path, capsys, body) == [
        f"{FILE}:13:13: error [unsafe-html] {ONCLICK}",
        f"{FILE}:13:41: error [unknown-link] {NOPE}",
        "2 errors, 0 warnings in 4 files",
    ]


def test_fences_inside_list_items_are_not_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = (
        "1. Style it:\n"  # 11
        "\n"
        "   ```html\n"
        "   <style>p { color: red }</style>\n"
        "   ```\n"
        "\n"
        "2. Then this:\n"  # 17
        "\n"
        "    ```html\n"
        '    <b onclick="x()">[x](concept:nope)</b>\n'
        "    ```\n"
        "\n"
        "- A step with its code right under it:\n"  # 23
        "    ~~~\n"
        "    <script>alert(1)</script>\n"
        "    ~~~\n"
        "\n"
        "After the list, <style>p { color: red }</style> is read.\n"  # 28
    )
    assert check_body(tmp_path, capsys, body) == [
        f"{FILE}:28:17: error [unsafe-html] {STYLE}",
        "1 error, 0 warnings in 4 files",
    ]


def test_a_fence_inside_a_quote_is_not_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = (
        "> An example:\n"  # 11
        ">\n"
        "> ```html\n"
        "> <style>p { color: red }</style>\n"
        "> ```\n"
        "\n"
        "> > ```\n"  # 17
        "> > <script>alert(1)</script>\n"
        "> > ```\n"
        "\n"
        '> Then <b onclick="x()">this</b>.\n'  # 21
    )
    assert check_body(tmp_path, capsys, body) == [
        f"{FILE}:21:11: error [unsafe-html] {ONCLICK}",
        "1 error, 0 warnings in 4 files",
    ]


@pytest.mark.parametrize(
    "body, where",
    [
        # A raw HTML block takes the indented lines in it: Python-Markdown passes them through.
        ("<div>\n\nA paragraph.\n\n    <script>alert(1)</script>\n\n</div>\n", "15:5"),
        # superfences refuses these options, so the fence is text and the HTML after it runs.
        ("```python foo=bar baz{\n<script>alert(1)</script>\n```\n", "12:1"),
        # The indented fence takes the next fence line as its content and ends there, unclosed.
        ("Text\n\n    ```\n```\n<script>alert(1)</script>\n```\n", "15:1"),
        # Code that a block starts with puts the block's fences back as text (pymdownx.superfences).
        ("    Code\nText\n~~~\n<script>alert(1)</script>\n~~~\n", "14:1"),
    ],
    ids=["in-raw-html", "fence-with-refused-options", "fence-line-taken-by-an-indented-fence", "fence-after-code"],
)
def test_html_that_may_not_be_code_is_checked(
    body: str, where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check_body(tmp_path, capsys, body) == [
        f"{FILE}:{where}: error [unsafe-html] {SCRIPT}",
        "1 error, 0 warnings in 4 files",
    ]


def rules(text: str) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.rule) for f in check_markdown(text)]


@pytest.mark.parametrize(
    "text",
    [
        "!!! note\n    !!! tip\n        Text\n\n            <script>alert(1)</script>\n",  # in an admonition in one
        "!!! note\n    > A quote\n\n        <script>alert(1)</script>\n",  # after a quote in an admonition
        "# Heading\n\n    <script>alert(1)</script>\n\n    <script>alert(2)</script>\n",  # one code block
        "    <script>alert(1)</script>\nText right under the code is a paragraph: <i>fine</i>.\n",  # code first
        "| a |\n|---|\n| 1 |\n\n    <script>alert(1)</script>\n",  # after a table
    ],
    ids=["nested-admonition", "after-a-quote", "two-blocks", "first-line", "after-a-table"],
)
def test_more_indented_code_blocks_are_not_checked(text: str) -> None:
    assert rules(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "!!! example\n    Run this:\n    ```html\n    <script>alert(1)</script>\n    ```\n",  # right under a line
        '1. Step\n\n    ```html title="page.html"\n    <script>alert(1)</script>\n    ```\n',  # with a title
        "1. Step\n\n    ```{.html}\n    <script>alert(1)</script>\n    ```\n",  # an attribute list: superfences asked
        '```python linenums="1"\n<script>alert(1)</script>\n```\n',  # numbered: the highlighter asked too
    ],
    ids=["in-an-admonition", "with-a-title", "with-attributes", "with-line-numbers"],
)
def test_more_fences_are_not_checked(text: str) -> None:
    assert rules(text) == []


@pytest.mark.parametrize(
    "text, where",
    [
        ("!!! note\n\n    <script>alert(1)</script>\n", (3, 5)),  # the note's body, after a blank line
        ("Para\n    <script>alert(1)</script>\n", (2, 5)),  # no blank line: more of the paragraph
        ("Para\n!!! note\n\n    <script>alert(1)</script>\n", (4, 5)),  # a note under a paragraph's line
        ("Text\n\n    code\n<script>alert(1)</script>\n", (4, 1)),  # code ends at the first line not indented
    ],
    ids=["admonition-body", "lazy-line", "admonition-after-a-line", "after-code"],
)
def test_indented_text_that_is_not_code_or_may_not_be_is_checked(text: str, where: tuple[int, int]) -> None:
    assert rules(text) == [(*where, "unsafe-html")]


def test_links_by_id_in_code_blocks_are_neither_checked_nor_rewritten() -> None:
    text = (
        "Text\n\n    [a](concept:alpha)\n\n1. Step\n\n    ```\n    [b](concept:beta)\n    ```\n\n[c](concept:gamma)\n"
    )
    assert [(link.id, link.line) for link in find_id_links(text)] == [("gamma", 11)]
    assert rewrite_id_links(text, lambda link: f"../{link.id}.md") == text.replace("concept:gamma", "../gamma.md")


def test_a_body_with_a_carriage_return_is_checked_whole() -> None:
    """Python-Markdown also ends lines at a lone carriage return: line numbers would not be the file's."""
    assert code_block_lines("```\r<script>\r```\n") == set()
    assert rules("Text `<script>`\r\n") == [(1, 7, "unsafe-html")]


def test_the_details_title_pattern_is_pymdownx_own() -> None:
    """Copied to spare the checker the import; a new pymdownx with another pattern fails here."""
    from pymdownx.details import DetailsProcessor

    from waypost.code_blocks import _DETAILS

    assert _DETAILS.pattern == DetailsProcessor.START.pattern
