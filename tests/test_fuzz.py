"""Fuzzing the loader, the checker and the content policy with hypothesis.

Whatever a content file holds (mutated front matter, random YAML values,
random bytes, random Markdown and HTML), ``check_project`` answers with a
list of one-line problems at real positions, or a clean pass: never an
exception, never a hang (each example has a deadline). For Markdown bodies
two more promises are tested: a body the checker accepts converts with
the site's Markdown extensions, and the build's sanitiser finds nothing
in it to remove (the checker reports everything the sanitiser would take).
And no line that the checker skips as code holds markup that
Python-Markdown lets run.

The number of examples per test is ``WAYPOST_FUZZ_EXAMPLES`` (default 60,
a few seconds in all); run a long session by hand with, say,
``WAYPOST_FUZZ_EXAMPLES=5000 python3 -m pytest tests/test_fuzz.py -p no:xdist``.
"""

from __future__ import annotations

import os
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import BASE, ROOT, make_project
from test_placement_check import VALID as PLACEMENT
from waypost.check import check_project
from waypost.code_blocks import _FenceFinder, _may_start_indented_code, _simple_fences, normalised_lines, read_blocks
from waypost.links import rewrite_id_links
from waypost.markdown_code import mask_code
from waypost.markdown_limits import check_markdown_limits
from waypost.policy import check_markdown
from waypost.rules import RULES_BY_ID
from waypost.sanitise import WRITER, clean

EXAMPLES = int(os.environ.get("WAYPOST_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
ORIGINALS = {
    "content/concepts/alpha.md": (BASE / "content/concepts/alpha.md").read_text(encoding="utf-8"),
    "content/exercises/try-alpha.md": (BASE / "content/exercises/try-alpha.md").read_text(encoding="utf-8"),
    "journeys/first-steps.yml": (BASE / "journeys/first-steps.yml").read_text(encoding="utf-8"),
}
SITE_EXTENSIONS = [
    "admonition",
    "attr_list",
    "footnotes",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tasklist",
]
"""mkdocs.yml's Markdown extensions (a test keeps the two the same)."""

# Pieces that mean something to YAML, Markdown or HTML, or that have broken parsers before.
SIGNIFICANT = st.sampled_from(
    [
        ": ",
        "- ",
        "-",
        "[",
        "]",
        "{",
        "}",
        ",",
        "&a ",
        "*a",
        "!!python/object:os.system ",
        "!!binary ",
        "'",
        '"',
        "\t",
        "\n",
        "\n  ",
        "---\n",
        "...\n",
        "#",
        "|",
        ">",
        "%YAML 1.1\n",
        "@",
        "`",
        "? ",
        "<<: ",
        "~",
        "1e400",
        "0x1F",
        "2024-01-01",
        "yes",
        "null",
        " " * 17,
        "\u2028",
        "\ufeff",
        "\r\n",
        "\x07",
        "<script>",
        "<img src=x onerror=alert(1)>",
        "javascript:",
        "jav&#x61;script:",
        "[x](",
        "](",
        "```\n",
        "<!--",
        "-->",
        "{: onclick=x }",
        "\\",
    ]
)
SNIPPET = st.one_of(SIGNIFICANT, st.text(max_size=12))


@st.composite
def mutated(draw: st.DrawFn, original: str) -> bytes:
    """``original`` after a few random edits: inserted snippets, deleted spans, duplicated or swapped lines, bytes."""
    text = original
    for _ in range(draw(st.integers(1, 5))):
        operation = draw(st.sampled_from(["insert", "delete", "duplicate", "swap", "replace"]))
        at = draw(st.integers(0, len(text)))
        lines = text.split("\n")
        line = draw(st.integers(0, len(lines) - 1))
        if operation == "insert":
            text = text[:at] + draw(SNIPPET) + text[at:]
        elif operation == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        elif operation == "duplicate":
            text = "\n".join(lines[: line + 1] + lines[line:])
        elif operation == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[line], lines[other] = lines[other], lines[line]
            text = "\n".join(lines)
        else:
            lines[line] = draw(SNIPPET) + draw(SNIPPET)
            text = "\n".join(lines)
    raw = text.encode("utf-8")
    if draw(st.booleans()) and draw(st.integers(0, 9)) == 0:  # now and then, bytes that are not UTF-8
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(min_size=1, max_size=4)) + raw[at:]
    return raw


YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("fuzz") / "p")


def check_with(root: Path, rel: str, raw: bytes) -> None:
    """Write ``raw`` over one file, check the project, and hold the answer to its promises."""
    path = root / rel
    path.write_bytes(raw)
    try:
        result = check_project(root)
    finally:
        path.write_text(ORIGINALS[rel], encoding="utf-8")
    files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    # Lines as YAML counts them: it also breaks lines at U+0085, U+2028 and U+2029.
    text = raw.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    lines = sum(text.count(c) for c in "\n\x85\u2028\u2029") + 1
    for problem in result.problems:
        assert problem.path in files, problem.format()
        assert problem.rule in RULES_BY_ID, problem.format()
        assert problem.position.line >= 1 and problem.position.column >= 1, problem.format()
        if problem.path == rel:
            assert problem.position.line <= lines + 1, problem.format()
        assert "\n" not in problem.format() and "\r" not in problem.format(), problem.format()


@FUZZ
@given(data=st.data())
def test_mutated_files_give_positioned_problems_or_a_clean_pass(project: Path, data: st.DataObject) -> None:
    rel = data.draw(st.sampled_from(sorted(ORIGINALS)))
    check_with(project, rel, data.draw(mutated(ORIGINALS[rel])))


@FUZZ
@given(value=YAML_VALUES, body=st.text(max_size=200))
@example(value={"id": []}, body="")  # found by a long run: an id that is a list
def test_random_yaml_values_as_front_matter(project: Path, value: Any, body: str) -> None:
    front = yaml.safe_dump(value, allow_unicode=True)
    check_with(project, "content/concepts/alpha.md", f"---\n{front}---\n{body}".encode())


@FUZZ
@given(value=YAML_VALUES)
def test_random_yaml_values_as_a_journey(project: Path, value: Any) -> None:
    check_with(project, "journeys/first-steps.yml", yaml.safe_dump(value, allow_unicode=True).encode())


@FUZZ
@given(raw=st.binary(max_size=300))
def test_random_bytes(project: Path, raw: bytes) -> None:
    check_with(project, "journeys/first-steps.yml", raw)


# Markdown bodies: the checker and the build agree -----------------------------------------------

HTML_PIECES = st.sampled_from(
    [
        "<b>bold</b>",
        "<kbd>Ctrl</kbd>",
        '<img src="a.png" alt="a">',
        '<a href="https://example.org/" title="t">x</a>',
        '<a href="../b/">x</a>',
        '<span class="note" id="n">x</span>',
        '<div markdown="1">\n\n*inside*\n\n</div>',
        "<details open><summary>More</summary>\n\nText\n\n</details>",
        "<table><tr><td colspan=2>x</td></tr></table>",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        '<a href="jav&#x61;script:alert(1)">x</a>',
        "<iframe src=x></iframe>",
        "<svg onload=alert(1)>",
        '<p style="color:red">x</p>',
        "<form><input></form>",
        "<your name>",
        "<!-- a comment -->",
        "<!--> <img src=x onerror=alert(1)> -->",
        "<scr<script>ipt>",
        "<marquee>x</marquee>",
        '<q cite="javascript:alert(1)">x</q>',
    ]
)
MARKDOWN_PIECES = st.sampled_from(
    [
        "# Title",
        "## Heading",
        "## Heading {: #anchor .wide }",
        '## Heading {: data-toc-label="Short" }',
        "- item",
        "1. item",
        "- [x] done",
        "> quote",
        "**bold** and *em* and `code <script>`",
        "[a link](https://example.org/)",
        "[by id](concept:beta)",
        "![an image](picture.png)",
        "[by path](beta.md)",
        "[by path](../missing.md#x)",
        "[x](<a (b>)",
        "[x](a(b)c%zz)",
        "[ref]: <../up.md>",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](data:text/html,hi)",
        "[x](ftp://example.org/)",
        "[x](<javascript:alert(1)>)",
        "[ref]: javascript:alert(1)",
        "[ref]: https://example.org/",
        "[x][ref]",
        "[x](#a){: onclick=alert(1) }",
        "[x](#a){: .button }",
        '!!! note "Title"\n    Text',
        "??? tip\n    Hidden",
        "| a | b |\n|:--|--:|\n| 1 | 2 |",
        "```python\n<script>alert(1)</script>\n```",
        "```\nunclosed",
        "    indented code <script>",
        "!!! note\n    Text <script>\n\n        code <script>",
        "1. Step\n\n    ```html\n    <script>alert(1)</script>\n    ```",
        "- Step\n\n    Text <script>",
        "> ```\n> <script>alert(1)</script>\n> ```",
        "<http://example.org/>",
        "<mailto:me@example.org>",
        "<javascript:alert(1)>",
        "\\`<b onclick=x>\\`",
        "---",
        "*a *b *c",
        "[[[",
        "a < b > c",
        "x" * 50,
    ]
)
BODIES = st.lists(st.one_of(HTML_PIECES, MARKDOWN_PIECES, st.text(max_size=20)), max_size=12).map(
    lambda pieces: "\n\n".join(pieces)
) | st.lists(st.one_of(HTML_PIECES, MARKDOWN_PIECES, st.text(max_size=8)), max_size=12).map(" ".join)


def render(body: str) -> str:
    """The body as the build converts it: links by id rewritten first, then the site's Markdown extensions."""
    body = rewrite_id_links(body, lambda link: f"../{link.id}.md")
    md = markdown.Markdown(extensions=SITE_EXTENSIONS, extension_configs={"toc": {"permalink": True}})
    return str(md.convert(body))


@FUZZ
@given(body=BODIES)
@example(body="<!-- a comment --> **bold** and *em* and `code <script>`")  # found by a long run
def test_a_body_the_checker_accepts_converts_and_keeps_all_its_markup(body: str) -> None:
    findings = check_markdown(body) + check_markdown_limits(body)
    for finding in findings:
        assert 1 <= finding.line <= body.count("\n") + 1 and finding.column >= 1
    if findings:
        return
    cleaned = clean(render(body), WRITER)
    assert cleaned.removed == (), f"the sanitiser removed {cleaned.removed} from a body the checker accepts"


@FUZZ
@given(body=BODIES)
@example(body='<?\n\n<p style="color:red">x</p>')  # found by a long run
@example(body='<? <p style="color:red">x</p>')
def test_what_the_build_removes_the_checker_reports(body: str) -> None:
    """The contrapositive, asked directly: any removal means the checker had something to say."""
    if clean(render(body), WRITER).removed:
        assert check_markdown(body)


# Code blocks: what the checker skips as code, Python-Markdown prints as code -----------------------------

CODE_BLOCK_PREFIXES = st.sampled_from(
    [" " * n for n in (0, 1, 3, 4, 5, 7, 8, 12)]
    + ["\t", " \t", "\t\t", "> ", ">     ", "> > ", "    > ", "  > ", "- > ", "- >     ", "1.     "]
)
CODE_BLOCK_LINES = st.sampled_from(
    [
        *["!!! note", '!!! tip "Title"', "??? note", "???+ tip", '!!! note "unclosed', "1. Step", "- item", "* item"],
        *["> quote", ">", "# Heading", "Heading", "===", "---", "| a |", "|---|", "[ref]: https://example.org/"],
        *["Text", "`code`", "```", "````", "~~~", "```html", '```python title="a.py"', "```{.html}", "```a b=c"],
        *["<div>", "</div>", "<!--", "-->", '<div markdown="1">'],
    ]
)
SIMPLE_FENCES = ["```", "````", "~~~", "```  ", "```python", "``` js  ", "~~~.md", '```html title="a"']
SIMPLE_FENCE_TEXTS = [*SIMPLE_FENCES, "Text", "", ">"]
SIMPLE_FENCE_LINES = st.tuples(
    st.sampled_from([" " * n for n in (0, 1, 3, 4, 5, 8)]), st.sampled_from(SIMPLE_FENCE_TEXTS)
).map("".join)


@st.composite
def indented_bodies(draw: st.DrawFn) -> str:
    """Lines with random indentation and quote marks: block openers, fences, HTML, and text with ``onclick=x<line>``."""
    lines = []
    for number in range(draw(st.integers(1, 24))):
        if draw(st.integers(0, 3)) == 0:
            lines.append("")
            continue
        line = draw(CODE_BLOCK_PREFIXES) + draw(CODE_BLOCK_LINES)
        if draw(st.booleans()) and "`" not in line and "~" not in line:
            line += f' <b onclick="x{number}">text</b>'
        lines.append(line)
    return "\n".join(lines)


class _EventHandlers(HTMLParser):
    """The values of the ``onclick`` attributes in HTML: the handlers that would run."""

    def __init__(self) -> None:
        super().__init__()
        self.values: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.values.update(value for name, value in attrs if name == "onclick" and value)


@FUZZ
@given(body=indented_bodies())
@example(body='Text\n\n    ```\n```\n<b onclick="x4">text</b>\n```')  # a fence line taken by an indented fence
@example(body='    Code\nText\n~~~\n<b onclick="x3">text</b>\n~~~')  # a fence undone by the code before it
def test_no_line_the_checker_skips_as_code_holds_markup_that_runs(body: str) -> None:
    """Code is only what prints as code: no line skipped as code holds an event handler left in the page."""
    masked = mask_code(body).split("\n")
    skipped = [n for n, line in enumerate(body.split("\n")) if f'"x{n}"' in line and f'"x{n}"' not in masked[n]]
    if skipped:
        handlers = _EventHandlers()
        handlers.feed(render(body))
        assert [n for n in skipped if f"x{n}" in handlers.values] == []


@FUZZ
@given(lines=st.lists(SIMPLE_FENCE_LINES, max_size=16))
def test_simple_fences_are_found_as_superfences_finds_them(lines: list[str]) -> None:
    """The shortcut for bodies whose fences are indented by spaces with at most a language and a title."""
    assert _simple_fences(lines) == _FenceFinder.shared().fences(lines)


@FUZZ
@given(body=indented_bodies())
def test_the_quick_test_lets_through_every_body_with_indented_code(body: str) -> None:
    """The regular expression that spares most bodies the block parse never spares one with indented code."""
    if read_blocks(normalised_lines(body), fences=[]):
        assert _may_start_indented_code(body)


def test_the_fuzzed_markdown_is_the_sites() -> None:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    names = [item if isinstance(item, str) else next(iter(item)) for item in config["markdown_extensions"]]
    assert sorted(names) == sorted(SITE_EXTENSIONS)


SHAPES: list[Any] = [None, True, 3, 2.5, "x", "", [], {}, [1], [None], [{}], ["a"], {"a": 1}, [[1]], {"label": 1}]
"""Values of every kind YAML can write, for each value of a valid file in turn."""


@pytest.mark.parametrize(
    "rel", ["content/concepts/alpha.md", "content/exercises/try-alpha.md", "journeys/first-steps.yml", "placement.yml"]
)
def test_every_value_of_a_file_replaced_by_every_shape_gives_problems_not_a_crash(tmp_path: Path, rel: str) -> None:
    root = make_project(tmp_path / "p", files={"placement.yml": PLACEMENT})
    text = (root / rel).read_text(encoding="utf-8")
    body: str | None = None
    if rel.endswith(".md"):
        _, front_matter, body = text.split("---\n", 2)
    else:
        front_matter = text
    data = yaml.safe_load(front_matter)
    for path in _value_paths(data):
        for shape in SHAPES:
            changed = yaml.safe_dump(_replaced(data, path, shape), allow_unicode=True, sort_keys=False)
            (root / rel).write_text(changed if body is None else f"---\n{changed}---\n{body}", encoding="utf-8")
            problems = check_project(root).problems  # no exception, whatever the shape
            assert all(p.position.line >= 1 and p.position.column >= 1 for p in problems), (path, shape)


def _value_paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    children = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else []
    return [path] + [p for key, value in children for p in _value_paths(value, (*path, key))]


def _replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    copy = yaml.safe_load(yaml.safe_dump(data))
    parent = copy
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return copy
