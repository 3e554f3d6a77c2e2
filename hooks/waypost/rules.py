"""Every rule the checker reports, with its severity and what it means.

The README's rule table and the site's contributor reference are made from
this table, and a test keeps it equal to what the checker can report.
"""

from __future__ import annotations

from dataclasses import dataclass

from waypost.problems import Severity


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    description: str


_E, _W = Severity.ERROR, Severity.WARNING

RULES: tuple[Rule, ...] = (
    # Reading files
    Rule("file-empty", _E, "The file has no content."),
    Rule(
        "file-encoding",
        _E,
        "The file is not UTF-8 text (a UTF-8 byte-order mark and CRLF line ends are fine), or its Markdown holds a "
        "control character such as NUL.",
    ),
    Rule("file-too-large", _E, "The file is over the 512 KiB limit."),
    Rule("file-unreadable", _E, "The file could not be read from disk."),
    Rule(
        "file-outside-project",
        _E,
        "A symbolic link in content/, journeys/ or placement.yml points outside the project or its own folder, "
        "or to a folder.",
    ),
    Rule(
        "file-type",
        _E,
        "A file in content/ is of a type the site does not publish (HTML, scripts, `.markdown`, editor backups).",
    ),
    Rule(
        "file-place",
        _E,
        "A concept in content/exercises/ or an exercise in content/concepts/, a Markdown page in a subfolder "
        "of either (published unchecked), or a journey in a subfolder of journeys/ (ignored).",
    ),
    Rule("file-name", _E, "A file or folder name in content/ uses characters other than a-z, A-Z, 0-9, `-`, `_`, `.`."),
    Rule("front-matter-missing", _E, "A Markdown file does not start with a `---` front-matter block."),
    Rule("front-matter-unclosed", _E, "The front-matter block is never closed with `---`."),
    Rule("yaml-syntax", _E, "The YAML is malformed."),
    Rule("yaml-tab", _E, "A tab is used for indentation; YAML indents with spaces."),
    Rule("yaml-alias", _E, "YAML anchors and aliases (`&name`, `*name`) are not allowed."),
    Rule(
        "yaml-comment",
        _E,
        "A `#` in unquoted text, not set apart as a comment (two spaces before it), cuts the text short "
        "(`title: Step #1`).",
    ),
    Rule("yaml-number", _E, "A number YAML reads unlike it looks: `010` is 8, `1:30` is 90, `4_0` is 40."),
    Rule("yaml-duplicate-key", _E, "The same key appears twice in one mapping."),
    Rule("yaml-tag", _E, "A YAML tag such as `!!binary` or `!!python/...` is used."),
    Rule("yaml-too-deep", _E, "Values are nested more than 16 levels deep."),
    # Content policy
    Rule(
        "unsafe-html",
        _E,
        "Raw HTML that content may not use: script, frames, forms, styles, `<svg>`, event handlers (`on…=`), "
        "or an element or attribute outside the allowed list.",
    ),
    Rule(
        "unsafe-url",
        _E,
        "A link or image URL with a scheme other than http, https, mailto or tel (`javascript:`), or a link by id "
        "written other than as `concept:`, `exercise:` or `journey:` in a Markdown link (`Concept:`, `concepts:`).",
    ),
    Rule("markdown-too-complex", _E, "A Markdown block is too long, too deeply nested or has too many open brackets."),
    # Schema
    Rule("schema-type", _E, "A value has the wrong type (text, number, list or mapping)."),
    Rule("schema-required", _E, "A required field is missing."),
    Rule("schema-unknown-field", _E, "A field that the schema does not define."),
    Rule("schema-enum", _E, "A value is not one of the allowed values (audience, level)."),
    Rule("schema-id", _E, "An id is not lowercase kebab-case, or a step is named `end`."),
    Rule("schema-value", _E, "A value breaks a limit: blank, too long, too many items, out of range, listed twice."),
    Rule("schema-step-kind", _E, "A step is not exactly one of concept, exercise or decision."),
    Rule("schema-option-kind", _E, "A placement option has not exactly one of `goto` (a question) or `recommend`."),
    # Meaning
    Rule("id-filename", _E, "The id does not match the file name."),
    Rule("duplicate-id", _E, "An id or alias is already used by another item of the same kind."),
    Rule("unknown-reference", _E, "A reference names a concept, exercise or journey that does not exist."),
    Rule("outdated-reference", _W, "A reference uses an old id (an alias) instead of the current one."),
    Rule(
        "unknown-link",
        _E,
        "A link by id in Markdown (`concept:…`, `exercise:…`, `journey:…`) names nothing, or has a space after "
        "the colon.",
    ),
    Rule(
        "broken-link",
        _E,
        "A link or image by path (`../img/map.png`) names no file in content/ and no page the build makes; in raw "
        "HTML (`<img src>`, `<a href>`), read from the page's address, as browsers do; or starts at the site's root "
        "(`/img/map.png`).",
    ),
    Rule(
        "unknown-marker",
        _E,
        "A `<!-- waypost:… -->` comment that is not a marker the build replaces, or a marker outside a hand-written "
        "page.",
    ),
    Rule("related-self", _E, "A concept or journey lists itself under `related`."),
    Rule("duplicate-task", _E, "Two tasks of an exercise share an id or alias."),
    Rule("duplicate-step", _E, "Two steps of a journey share an id or alias."),
    Rule("unknown-step", _E, "A `next`, `goto` or recommended `step` names a step that is not in the journey."),
    Rule("decision-options", _E, "A decision has fewer than two options."),
    Rule("decision-duplicate-target", _E, "Two options of a decision lead to the same step."),
    Rule("duplicate-label", _E, "Two options of a decision or of a placement question have the same label."),
    Rule("journey-unreachable", _E, "A step cannot be reached from the journey's first step."),
    Rule("journey-cycle", _E, "Steps lead back to an earlier step (the message names the whole loop)."),
    Rule("journey-no-end", _E, "From some step no path reaches the end of the journey."),
    # The placement (placement.yml)
    Rule("duplicate-question", _E, "Two questions of the placement share an id."),
    Rule("unknown-question", _E, "A placement option's `goto` names a question that is not in the placement."),
    Rule("placement-unreachable", _E, "A placement question cannot be reached from the first question."),
    Rule("placement-cycle", _E, "Placement questions lead back to an earlier one (the message names the whole loop)."),
    Rule("orphan-content", _W, "A concept or exercise is in no journey."),
    Rule("concept-without-exercise", _W, 'A concept lists no exercise for its "Try this" section.'),
    Rule(
        "body-heading",
        _W,
        "A heading in a concept's or exercise's body that its page makes itself: a `#` title, or a section such "
        'as "Try this".',
    ),
    Rule("template-text", _W, "A placeholder of `waypost new`'s template is still in the file."),
    Rule("journey-not-recommended", _W, "A journey is recommended by no answer of the placement."),
)

RULES_BY_ID = {rule.id: rule for rule in RULES}


def markdown_table() -> str:
    """The rule table as it appears in the README and the contributor docs."""
    rows = ["| Rule | Severity | What it means |", "| --- | --- | --- |"]
    rows += [f"| `{r.id}` | {r.severity.value} | {r.description} |" for r in RULES]
    return "\n".join(rows)
