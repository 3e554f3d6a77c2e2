"""Bad input ends in a clear problem with a position: never a traceback, never a hang."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BASE, make_project
from waypost.check import check_project

ALPHA = (BASE / "content/concepts/alpha.md").read_text(encoding="utf-8")
JOURNEY = (BASE / "journeys/first-steps.yml").read_text(encoding="utf-8")


def problems_of(root: Path) -> list[str]:
    return [p.format() for p in check_project(root).problems]


def test_bytes_that_are_not_utf8_are_reported_where_they_are(tmp_path: Path) -> None:
    root = make_project(
        tmp_path / "p", files={"content/concepts/alpha.md": ALPHA.replace("Alpha", "Caf\xe9").encode("latin-1")}
    )
    assert problems_of(root) == [
        "content/concepts/alpha.md:3:11: error [file-encoding] byte 0xe9 is not valid UTF-8 (hint: save the file as UTF-8)"
    ]


def test_a_bom_and_crlf_line_ends_are_accepted_and_positions_stay_right(tmp_path: Path) -> None:
    text = "\ufeff" + ALPHA.replace("level: beginner", "level: beginer").replace("\n", "\r\n")
    root = make_project(tmp_path / "p", files={"content/concepts/alpha.md": text.encode("utf-8")})
    assert problems_of(root) == [
        "content/concepts/alpha.md:6:8: error [schema-enum] 'level' is 'beginer'; "
        "allowed values: beginner, intermediate, advanced (hint: did you mean 'beginner'?)"
    ]


def test_a_file_over_the_size_cap_is_refused_unread(tmp_path: Path) -> None:
    big = ALPHA + "word " * 120_000
    root = make_project(tmp_path / "p", files={"content/concepts/alpha.md": big})
    size = len(big.encode())
    assert problems_of(root) == [
        f"content/concepts/alpha.md:1:1: error [file-too-large] file is {size:,} bytes; the limit is 524,288 "
        "(hint: split the content into smaller pages)"
    ]


@pytest.mark.parametrize("content", ["", "   \n\n"], ids=["zero-bytes", "blank"])
def test_an_empty_file_is_reported(tmp_path: Path, content: str) -> None:
    root = make_project(tmp_path / "p", files={"journeys/first-steps.yml": content})
    assert problems_of(root)[0] == "journeys/first-steps.yml:1:1: error [file-empty] file is empty"


def test_empty_front_matter_says_a_mapping_is_needed(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", files={"content/concepts/alpha.md": "---\n---\nBody\n"})
    assert problems_of(root) == [
        "content/concepts/alpha.md:1:1: error [schema-type] the front matter must be a mapping of field names "
        "to values, not empty"
    ]


def test_a_list_where_a_mapping_belongs(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", files={"journeys/first-steps.yml": "- id: first-steps\n- title: First\n"})
    assert problems_of(root)[0] == (
        "journeys/first-steps.yml:1:1: error [schema-type] a journey file must be a mapping of field names "
        "to values, not a list"
    )


def test_control_characters_are_a_syntax_error_with_a_position(tmp_path: Path) -> None:
    root = make_project(
        tmp_path / "p", files={"journeys/first-steps.yml": JOURNEY.replace("First steps", "First\x07steps")}
    )
    assert problems_of(root) == [
        "journeys/first-steps.yml:2:13: error [yaml-syntax] control character U+0007 is not allowed in YAML "
        "(hint: delete it, or write it with an escape inside double quotes)"
    ]


def test_two_yaml_documents_in_one_journey_file(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", files={"journeys/first-steps.yml": JOURNEY + "---\nid: again\n"})
    assert problems_of(root) == [
        "journeys/first-steps.yml:22:1: error [yaml-syntax] more than one YAML document in the file "
        "(hint: remove the extra '---' separator)"
    ]


def test_symlinks_out_of_the_project_are_refused(tmp_path: Path) -> None:
    outside = tmp_path / "secret.md"
    outside.write_text(ALPHA.replace("alpha", "secret"), encoding="utf-8")
    root = make_project(tmp_path / "p")
    (root / "content/concepts/secret.md").symlink_to(outside)
    assert problems_of(root) == [
        "content/concepts/secret.md:1:1: error [file-outside-project] symbolic link points outside the project"
    ]


def _run_isolated(root: Path) -> subprocess.CompletedProcess[str]:
    """The checker in its own process, so a hang fails the test instead of the suite."""
    return subprocess.run(
        [sys.executable, "-m", "waypost", "check", str(root)], capture_output=True, text=True, timeout=120, cwd=root
    )


def test_an_alias_bomb_is_refused_at_its_first_anchor(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(12)
    )
    root = make_project(tmp_path / "p", files={"journeys/first-steps.yml": bomb})
    result = _run_isolated(root)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "journeys/first-steps.yml:1:4: error [yaml-alias] YAML anchors and aliases (&name, *name) are not allowed "
        "(hint: write the value out in full)"
    )
    assert "Traceback" not in result.stderr


def test_deep_nesting_stops_at_the_depth_limit(tmp_path: Path) -> None:
    deep = JOURNEY + "extra: " + "[" * 100_000 + "]" * 100_000 + "\n"
    root = make_project(tmp_path / "p", files={"journeys/first-steps.yml": deep})
    result = _run_isolated(root)
    assert result.stdout.splitlines()[0] == (
        "journeys/first-steps.yml:22:23: error [yaml-too-deep] values are nested more than 16 levels deep"
    )
    assert "Traceback" not in result.stderr


def test_a_ten_thousand_step_journey_gets_one_clear_error(tmp_path: Path) -> None:
    steps = "".join(f"  - id: s{i}\n    concept: alpha\n" for i in range(10_000))
    journey = JOURNEY.split("steps:")[0] + "steps:\n" + steps
    root = make_project(tmp_path / "p", files={"journeys/first-steps.yml": journey})
    result = _run_isolated(root)
    assert result.stdout.splitlines() == [
        "content/concepts/beta.md:2:5: warning [orphan-content] concept 'beta' is in no journey "
        "(hint: add a step with 'concept: beta' to a journey)",
        "content/exercises/try-alpha.md:2:5: warning [orphan-content] exercise 'try-alpha' is in no journey "
        "(hint: add a step with 'exercise: try-alpha' to a journey)",
        "journeys/first-steps.yml:10:3: error [schema-value] 'steps' has 10,000 items; it needs at most 500",
        "1 error, 2 warnings in 4 files",
    ]


def test_the_front_matter_of_a_hand_written_page_is_checked_where_mkdocs_would_show_it_raw(tmp_path: Path) -> None:
    # MkDocs prints front matter it cannot read as part of the page, and a list as a title, without a word.
    pages = {
        "content/guides/broken.md": "---\ntitle: Guide\ntags: [a, b\n---\n# Guide\n",
        "content/guides/listed.md": "---\n- title\n---\n# Listed\n",
        "content/guides/titled.md": "---\ntitle: [a, b]\ndescription: 3\n---\n# Titled\n",
        "content/guides/ruled.md": "---\n\nA page may open with a horizontal rule.\n",
        "content/guides/fine.md": "---\ntitle: Fine\nhide: [toc]  # a comment\n---\n# Fine\n",
        "content/guides/numbered.md": "---\ntitle: Guide #2\n---\n# Guide\n",
    }
    root = make_project(tmp_path / "p", files=pages)
    assert problems_of(root) == [
        "content/guides/broken.md:3:7: error [yaml-syntax] this '[' is never closed: YAML reads on to line 4 "
        "and stops there (hint: close it with ']')",
        "content/guides/listed.md:2:1: error [schema-type] the front matter must be a mapping of field names "
        "to values, not a list",
        "content/guides/numbered.md:2:14: error [yaml-comment] ' #' starts a YAML comment, so '#2' is left out "
        "of the text (hint: put the whole value in quotes; if it is a comment, set it apart: two spaces before "
        "the '#', one after)",
        "content/guides/titled.md:2:8: error [schema-type] 'title' must be text, not a list",
        "content/guides/titled.md:3:14: error [schema-type] 'description' must be text, not a whole number "
        "(hint: YAML reads the bare word '3' as a whole number; put it in quotes: \"3\")",
    ]


def test_an_alias_that_is_another_items_id_is_the_aliases_mistake_whichever_file_comes_first(tmp_path: Path) -> None:
    # alpha.md is read before beta.md: the alias must not take 'beta' from the file that is named so.
    root = make_project(
        tmp_path / "p", files={"content/concepts/alpha.md": ALPHA.replace("level:", "aliases: [beta]\nlevel:")}
    )
    assert problems_of(root) == [
        "content/concepts/alpha.md:6:11: error [duplicate-id] alias 'beta' of concept 'alpha' is the id of "
        "content/concepts/beta.md (hint: an alias is an old id that no file uses any more: remove it)"
    ]


_NOT_KEBAB = (
    "ids are lowercase kebab-case: letters, digits and single hyphens, starting with a letter, at most 64 characters"
)


@pytest.mark.parametrize(
    ("bad_id", "line"),
    [
        ("Alpha-Idea", f"[schema-id] 'id' is 'Alpha-Idea': {_NOT_KEBAB} (hint: set id: alpha, as the file is named)"),
        ("alpha idea", f"[schema-id] 'id' is 'alpha idea': {_NOT_KEBAB} (hint: set id: alpha, as the file is named)"),
        (
            "alfa",
            "[id-filename] concept id 'alfa' does not match the file name 'alpha.md' "
            "(hint: set id: alpha, or rename the file to 'alfa.md' and list 'alpha' under aliases)",
        ),
    ],
)
def test_an_id_that_is_not_the_file_name_gets_one_error_and_no_echo_in_other_files(
    tmp_path: Path, bad_id: str, line: str
) -> None:
    # Other files name 'alpha' rightly: they get no error, and no hint to take up the wrong id.
    root = make_project(
        tmp_path / "p", files={"content/concepts/alpha.md": ALPHA.replace("id: alpha", f"id: {bad_id}")}
    )
    assert problems_of(root) == [f"content/concepts/alpha.md:2:5: error {line}"]


@pytest.mark.parametrize(
    ("path", "before", "after", "line"),
    [
        (
            "journeys/first-steps.yml",
            "  - id: more\n    concept: beta",
            "  - id: more\n      concept: beta",
            "journeys/first-steps.yml:21:14: error [yaml-syntax] mapping values are not allowed in this context "
            "(hint: line 21 is indented more than the line above it: indent it as far as that line's key)",
        ),
        (
            "journeys/first-steps.yml",
            "title: First steps",
            "title: Steps: the first",
            "journeys/first-steps.yml:2:13: error [yaml-syntax] mapping values are not allowed in this context "
            "(hint: a value containing ': ' must be put in quotes)",
        ),
        (
            "journeys/first-steps.yml",
            "title: First steps",
            'title: "First steps',
            "journeys/first-steps.yml:2:8: error [yaml-syntax] this quote is never closed: YAML reads on to line 15 "
            "and stops there (hint: close the quote at the end of the value)",
        ),
        (
            "journeys/first-steps.yml",
            "  - id: more",
            "  -\tid: more",
            "journeys/first-steps.yml:20:4: error [yaml-syntax] found character that cannot start any token "
            "(while scanning for the next token on line 20) (hint: a tab character: YAML allows only spaces here)",
        ),
        (
            "journeys/first-steps.yml",
            "    concept: beta",
            "  \u00a0 concept: beta",
            "journeys/first-steps.yml:21:3: error [yaml-syntax] did not find expected '-' indicator (while parsing a "
            "block collection on line 10) (hint: line 21 has a non-breaking space (U+00A0): type a plain space "
            "instead)",
        ),
        (
            "content/concepts/alpha.md",
            "exercises: [try-alpha]\n---\n",
            "exercises: [try-alpha]\n",
            "content/concepts/alpha.md:13:1: error [yaml-syntax] could not find expected ':' (while scanning a simple "
            "key on line 12) (hint: is the front matter closed? It runs to the '---' on line 14: end it with a line "
            "'---' after the last field)",
        ),
        (
            "content/concepts/alpha.md",
            "---\nid: alpha",
            "\n---\nid: alpha",
            "content/concepts/alpha.md:2:1: error [front-matter-missing] front matter must begin on the first line: "
            "the site would show this one as part of the page (hint: delete what comes before the '---' on line 2)",
        ),
        (
            "journeys/first-steps.yml",
            '{label: "Yes", goto: practice}',
            '{label: "Yes" goto: practice}',
            "journeys/first-steps.yml:15:23: error [yaml-syntax] did not find expected ',' or '}' (while parsing a "
            "flow mapping on line 15) (hint: separate the items with a comma)",
        ),
        (
            "journeys/first-steps.yml",
            "audience: [beginners]",
            "audience: [beginners #for now]",
            "journeys/first-steps.yml:4:11: error [yaml-syntax] this '[' is never closed: YAML reads on to line 5 "
            "and stops there (hint: the ' #' on line 4 starts a comment, which hides the rest of that line: put the "
            "text with the '#' in quotes)",
        ),
        (
            "content/exercises/try-alpha.md",
            "  - id: write\n    text: Write",
            "  - id: write\n  text: Write",
            "content/exercises/try-alpha.md:11:3: error [yaml-syntax] did not find expected '-' indicator (while "
            "parsing a block collection on line 8) (hint: line 11 is not a new item of the list above: to make it "
            "a field of the item, indent it as far as that item's first field)",
        ),
    ],
    ids=[
        "over-indented",
        "colon-in-value",
        "unclosed-quote",
        "tab",
        "no-break-space",
        "unclosed-front-matter",
        "late",
        "missing-comma",
        "comment-hides-bracket",
        "field-under-a-list",
    ],
)
def test_a_yaml_mistake_is_explained_by_what_the_writer_did(
    tmp_path: Path, path: str, before: str, after: str, line: str
) -> None:
    text = (BASE / path).read_text(encoding="utf-8")
    if path.endswith(".md"):
        text += "\n---\n\nA rule, and more text.\n"  # a horizontal rule further down, where YAML would stop
    assert before in text
    root = make_project(tmp_path / "p", files={path: text.replace(before, after, 1)})
    assert [p for p in problems_of(root) if p.startswith(path)] == [line]


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("minutes: 40 minutes", "'minutes' must be a whole number, not text (hint: write the number alone: 40)"),
        ('minutes: "40"', "'minutes' must be a whole number, not text (hint: write it as a plain number: 40)"),
        ("minutes: 08", "'minutes' must be a whole number, not text (hint: write it as a plain number: 8)"),
        ("minutes: 1e2", "'minutes' must be a whole number, not text"),
        (
            "concepts: alpha and beta, mostly",
            "'concepts' must be a list, not text (hint: write a list, even of one: the item on the next line, "
            "after '  - ')",
        ),
        ("minutes: 7.5", "'minutes' must be a whole number, not a fraction (7.5) (hint: round it: 8)"),
        ("concepts: alpha", "'concepts' must be a list, not text (hint: write a list, even of one: [alpha])"),
        ("id: 123", "'id' must be text, not a whole number (hint: set id: try-alpha, as the file is named)"),
    ],
)
def test_a_value_of_the_wrong_type_gets_a_hint_to_write_it_as_meant(tmp_path: Path, written: str, problem: str) -> None:
    exercise = (BASE / "content/exercises/try-alpha.md").read_text(encoding="utf-8")
    field = written.split(":", 1)[0]
    lines = [written if line.startswith(f"{field}:") else line for line in exercise.split("\n")]
    root = make_project(tmp_path / "p", files={"content/exercises/try-alpha.md": "\n".join(lines)})
    line = next(i for i, text in enumerate(lines, start=1) if text == written)
    column = len(field) + 3
    assert problems_of(root) == [f"content/exercises/try-alpha.md:{line}:{column}: error [schema-type] {problem}"]


def test_a_control_character_in_markdown_is_reported_where_it_is(tmp_path: Path) -> None:
    # Python-Markdown drops a NUL without a word; other control characters reach the page as boxes.
    root = make_project(
        tmp_path / "p",
        files={
            "content/concepts/alpha.md": ALPHA + "A line with a\x00NUL.\nAnd\x07 a bell.\n",
            "content/guide.md": "# Guide\n\x1b[0m\n",
        },
    )
    hint = "delete it; many at once mean the file was saved in another encoding, such as UTF-16: save it as UTF-8"
    assert problems_of(root) == [
        f"content/concepts/alpha.md:14:14: error [file-encoding] control character U+0000 is not text (hint: {hint})",
        f"content/concepts/alpha.md:15:4: error [file-encoding] control character U+0007 is not text (hint: {hint})",
        f"content/guide.md:2:1: error [file-encoding] control character U+001B is not text (hint: {hint})",
    ]


def test_steps_a_stray_next_jumps_past_get_one_error_that_names_the_jump(tmp_path: Path) -> None:
    journey = JOURNEY.replace("    concept: alpha\n", "    concept: alpha\n    next: more\n", 1)
    root = make_project(tmp_path / "p", files={"journeys/first-steps.yml": journey})
    assert problems_of(root) == [
        "journeys/first-steps.yml:13:9: error [journey-unreachable] step 'choose' cannot be reached from the first "
        "step 'intro', nor the step that follows from it: practice (hint: step 'intro' just above goes to 'more' "
        "with its 'next' on line 12; point a 'next' or an option's 'goto' at it, or remove the step)"
    ]


def test_a_tab_inside_a_quoted_or_block_value_is_text_not_indentation(tmp_path: Path) -> None:
    journey = JOURNEY.replace(
        "summary: A short journey with one decision.", 'summary: "A short journey\n\twith one decision."'
    )
    journey = journey.replace("  - Know alpha.", "  - |\n    Know alpha:\n    \tits first idea.")
    root = make_project(tmp_path / "p", files={"journeys/first-steps.yml": journey})
    result = check_project(root)
    assert [p.format() for p in result.problems] == []
    assert result.project.journeys["first-steps"].summary == "A short journey with one decision."


def test_an_empty_title_is_one_problem(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", files={"content/concepts/alpha.md": ALPHA.replace("title: Alpha", 'title: ""')})
    assert problems_of(root) == ["content/concepts/alpha.md:3:8: error [schema-value] 'title' must not be blank"]


def test_links_in_an_html_comment_are_a_writers_notes_and_are_not_checked(tmp_path: Path) -> None:
    notes = (
        "\n<!-- TODO: link [gamma](concept:gamma)\nand ![a map](missing.png) once they exist -->\n[n](concept:nope)\n"
    )
    root = make_project(tmp_path / "p", files={"content/concepts/alpha.md": ALPHA + notes})
    assert problems_of(root) == [
        "content/concepts/alpha.md:17:5: error [unknown-link] link to unknown concept 'nope' "
        "(hint: link ids are those of files in content/concepts/)"
    ]


def test_a_comma_left_out_of_a_list_is_named_once(tmp_path: Path) -> None:
    alpha = ALPHA.replace("related: [beta]", "related: [beta gamma-two]").replace(
        "audience: [beginners]", "audience: [beginners freelancers]"
    )
    root = make_project(tmp_path / "p", files={"content/concepts/alpha.md": alpha})
    assert problems_of(root) == [
        "content/concepts/alpha.md:5:12: error [schema-enum] item 1 of 'audience' is 'beginners freelancers'; "
        "allowed values: freelancers, productivity-users, beginners "
        "(hint: separate the items with a comma: beginners, freelancers)",
        "content/concepts/alpha.md:8:11: error [schema-id] item 1 of 'related' is 'beta gamma-two': ids are "
        "lowercase kebab-case: letters, digits and single hyphens, starting with a letter, at most 64 characters "
        "(hint: separate the items with a comma: beta, gamma-two)",
    ]


def test_a_footnote_is_not_a_link_by_path(tmp_path: Path) -> None:
    # Footnotes are not enabled: '[^1]: List price, March 2026.' is a paragraph, not a link to 'List'.
    alpha = ALPHA + "\nA price.[^1]\n\n[^1]: List price, March 2026.\n"
    assert problems_of(make_project(tmp_path / "p", files={"content/concepts/alpha.md": alpha})) == []


def test_minutes_written_as_a_whole_number_with_a_point_are_shown_as_a_whole_number(tmp_path: Path) -> None:
    exercise = (BASE / "content/exercises/try-alpha.md").read_text(encoding="utf-8")
    root = make_project(
        tmp_path / "p", files={"content/exercises/try-alpha.md": exercise.replace("minutes: 15", "minutes: 15.0")}
    )
    result = check_project(root)
    assert result.problems == []
    assert str(result.project.exercises["try-alpha"].minutes) == "15"


def test_the_check_leaves_the_cycle_collector_as_it_found_it(tmp_path: Path) -> None:
    """It runs without the cycle collector, for speed; the build around it must get it back, errors or not."""
    import gc

    root = make_project(tmp_path / "p", files={"journeys/first-steps.yml": "id: [unclosed\n"})
    assert gc.isenabled()
    assert check_project(root).errors
    assert gc.isenabled()
    gc.disable()
    try:
        check_project(root)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_link_from_the_sites_root_is_reported_when_it_is_the_pages_only_link_by_path(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", files={"content/concepts/alpha.md": ALPHA + "\n![a map](/img/map.png)\n"})
    assert problems_of(root) == [
        "content/concepts/alpha.md:15:10: error [broken-link] link to '/img/map.png' starts at the site's root: "
        "MkDocs leaves it unchecked, and it breaks where the site is served from a subfolder "
        "(hint: there is no content/img/map.png either)"
    ]
