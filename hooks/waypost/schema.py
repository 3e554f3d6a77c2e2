"""First pass: each document's shape against the JSON Schemas in ``schemas/``.

jsonschema finds the errors; this module turns each into a ``Problem`` with
the position of the offending key or value and a message in the writer's
terms ("unknown field 'titel'", not "Additional properties are not allowed").
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs

from waypost.problems import Position, Problem, error
from waypost.sources import ID_PATTERN, Document, JsonPath, Kind, page_front_matter
from waypost.suggest import did_you_mean

_PACKAGE = Path(__file__).resolve().parent
SCHEMA_DIR = _PACKAGE / "schemas" if (_PACKAGE / "schemas").is_dir() else _PACKAGE.parents[1] / "schemas"
"""The schemas live at the top of the repository, beside the content; a wheel carries them in the package."""

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "object": "a mapping",
    "boolean": "true or false",
    "null": "empty",
}


def schema_file(kind: Kind) -> Path:
    return SCHEMA_DIR / f"{kind.value}.schema.json"


@cache
def load_schemas() -> dict[str, dict[str, Any]]:
    """Every schema of the project, by file name."""
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(SCHEMA_DIR.glob("*.schema.json"))}


@cache
def validator(kind: Kind) -> Any:
    """The full validator, whose errors say where and why: loaded only when a document fails."""
    import jsonschema
    import referencing
    from referencing.jsonschema import DRAFT202012

    schemas = load_schemas()
    registry: referencing.Registry[Any] = referencing.Registry().with_resources(
        (name, DRAFT202012.create_resource(schema)) for name, schema in schemas.items()
    )
    schema = schemas[schema_file(kind).name]
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, registry=registry)


@cache
def fast_validator(kind: Kind) -> Any:
    """A compiled validator of the same schemas: it only says yes or no, a hundred times faster."""
    schemas = load_schemas()
    registry = jsonschema_rs.Registry(list(schemas.items()))
    return jsonschema_rs.validator_for(schemas[schema_file(kind).name], registry=registry)


def check_shape(document: Document) -> list[Problem]:
    """Every way ``document`` breaks its kind's schema.

    Most documents are valid, so a compiled validator answers first; only a
    document it rejects goes through jsonschema, whose errors carry the
    paths and schema keywords that our messages are made from.
    """
    if fast_validator(document.kind).is_valid(document.data):
        return []
    problems: list[Problem] = []
    for err in validator(document.kind).iter_errors(document.data):
        problems.extend(_problems_for(document, err))
    return problems


def without_repeats(read_problems: list[Problem], shape_problems: list[Problem]) -> list[Problem]:
    """``read_problems`` but a number in a field that must be text: its schema error says it, with the right
    hint (put it in quotes)."""
    typed = {p.position for p in shape_problems if p.rule == "schema-type"}
    return [p for p in read_problems if not (p.rule == "yaml-number" and p.position in typed)]


def fits_other_kind(document: Document) -> Kind | None:
    """The other kind of Markdown content whose schema ``document`` fits: a file in the wrong folder."""
    other = {Kind.CONCEPT: Kind.EXERCISE, Kind.EXERCISE: Kind.CONCEPT}.get(document.kind)
    return other if other is not None and fast_validator(other).is_valid(document.data) else None


PAGE_TEXT_FIELDS = ("title", "description")
"""The fields of a hand-written page's front matter that MkDocs and the theme print: they must be text."""


def check_page_front_matter(page: Document) -> list[Problem]:
    """A hand-written page has no schema; its front matter only has to be YAML that MkDocs reads as a
    mapping, with text where the site prints it."""
    data, positions, read_problems = page_front_matter(page)
    problems: list[Problem] = []
    if isinstance(data, list):
        problems.append(
            error(
                page.path,
                Position(2, 1),
                "schema-type",
                "the front matter must be a mapping of field names to values, not a list",
            )
        )
    elif isinstance(data, dict):
        for key in PAGE_TEXT_FIELDS:
            if key in data and not isinstance(data[key], str):
                where = positions.of_value((key,))
                raw = positions.raw.get((key,), "")
                message = f"'{key}' must be text, not {_describe(data[key])}"
                problems.append(
                    error(page.path, where, "schema-type", message, _quote_hint(raw, data[key]) if raw else "")
                )
    return without_repeats(read_problems, problems) + problems


def _whole_number_hint(value: Any) -> str:
    """'40 minutes', "40" in quotes, 7.5: what to write instead."""
    if isinstance(value, float):
        return f"round it: {round(value) or 1}"
    digits = re.match(r"\s*(\d+)(?=\s|$)", value) if isinstance(value, str) else None
    if digits is None:
        return ""
    number = int(digits.group(1))
    if value.strip() == digits.group(1):
        return f"write it as a plain number: {number}"  # quoted, or with a leading zero YAML 1.1 keeps as text
    return f"write the number alone: {number}"


def _quote_hint(raw: str, value: Any) -> str:
    return f'YAML reads the bare word {raw!r} as {_describe(value)}; put it in quotes: "{raw}"'


def _problems_for(doc: Document, err: Any) -> Iterator[Problem]:
    path: JsonPath = tuple(err.absolute_path)
    instance: Any = err.instance
    expected: Any = err.validator_value
    schema = err.schema if isinstance(err.schema, dict) else {}
    custom = schema.get("errorMessage", "")
    where = doc.positions.of_value(path)
    name = _field_name(path)

    if err.validator == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        for key in sorted(set(instance) - set(allowed)):
            yield error(
                doc.path,
                doc.positions.of_key(path + (key,)),
                "schema-unknown-field",
                f"unknown field '{key}'" + (f" in {name}" if path else ""),
                did_you_mean(key, allowed) or f"allowed fields: {', '.join(allowed)}",
            )
    elif err.validator == "required":
        for key in expected:
            if key not in instance:
                yield error(
                    doc.path,
                    where,
                    "schema-required",
                    f"missing required field '{key}'" + (f" in {name}" if path else ""),
                )
    elif err.validator == "type":
        if custom and expected == "object":
            yield error(doc.path, where, "schema-type", f"{custom}, not {_describe(instance)}")
            return
        wanted = _TYPE_NAMES.get(str(expected), str(expected))
        raw = doc.positions.raw.get(path, "")
        hint = ""
        if expected == "string" and raw and path[-1:] == ("id",):  # quoted, it would still not be an id
            hint = _own_id_hint(doc, raw) if path == ("id",) else f"an id starts with a letter, such as 'part-{raw}'"
        elif expected == "string" and raw:
            hint = _quote_hint(raw, instance)
        elif expected == "integer":
            hint = _whole_number_hint(instance)
        elif expected == "array" and isinstance(instance, str) and instance.strip():
            one = instance.strip()
            hint = (
                f"write a list, even of one: [{one}]"
                if ID_PATTERN.match(one)
                else "write a list, even of one: the item on the next line, after '  - '"
            )
        described = f"a fraction ({instance})" if isinstance(instance, float) else _describe(instance)
        yield error(doc.path, where, "schema-type", f"{name} must be {wanted}, not {described}", hint)
    elif err.validator == "enum":
        allowed = [str(v) for v in expected]
        yield error(
            doc.path,
            where,
            "schema-enum",
            f"{name} is {_show(instance)}; allowed values: {', '.join(allowed)}",
            _missing_comma_hint(path, instance, lambda part: part in allowed) or did_you_mean(str(instance), allowed),
        )
    elif err.validator == "oneOf" and "decide" in schema.get("properties", {}):
        if not isinstance(instance, dict):
            return  # an empty or non-mapping step: its 'type' error says so
        yield error(doc.path, where, "schema-step-kind", _step_kind_message(instance), _step_kind_hint(instance))
    elif err.validator == "oneOf" and "recommend" in schema.get("properties", {}):
        if not isinstance(instance, dict):
            return  # an option written as plain text or a number: its 'type' error says so
        both = "goto" in instance and "recommend" in instance
        yield error(
            doc.path,
            where,
            "schema-option-kind",
            f"{name} has both 'goto' and 'recommend'" if both else f"{name} has neither 'goto' nor 'recommend'",
            "an option either leads to another question ('goto') or ends with a journey ('recommend')",
        )
    elif err.validator in ("pattern", "not", "anyOf") and custom:
        hint = (
            _own_id_hint(doc, instance)
            if path == ("id",)
            else _missing_comma_hint(path, instance, lambda part: bool(ID_PATTERN.match(part))) or _slug_hint(instance)
        )
        yield error(doc.path, where, "schema-id", f"{name} is {_show(instance)}: {custom}", hint)
    elif err.validator == "pattern":
        yield error(doc.path, where, "schema-value", f"{name} must not be blank")
    elif err.validator in ("minLength", "maxLength"):
        limit = expected
        if err.validator == "minLength":
            if instance == "" and "pattern" in schema:
                return  # the pattern's "must not be blank" has said it
            yield error(doc.path, where, "schema-value", f"{name} must not be empty")
        else:
            yield error(
                doc.path,
                where,
                "schema-value",
                f"{name} is {len(instance):,} characters long; the limit is {limit:,}",
            )
    elif err.validator in ("minItems", "maxItems"):
        bound = "at least" if err.validator == "minItems" else "at most"
        yield error(
            doc.path,
            where,
            "schema-value",
            f"{name} has {_plural(len(instance), 'item')}; it needs {bound} {expected}",
        )
    elif err.validator in ("minimum", "maximum"):
        bound = "at least" if err.validator == "minimum" else "at most"
        yield error(doc.path, where, "schema-value", f"{name} is {instance}; it must be {bound} {expected}")
    elif err.validator == "uniqueItems":
        seen: set[str] = set()
        for index, item in enumerate(instance):
            key = json.dumps(item, sort_keys=True)
            if key in seen:
                yield error(
                    doc.path,
                    doc.positions.of_value(path + (index,)),
                    "schema-value",
                    f"{_show(item)} is listed twice in {name}",
                )
            seen.add(key)
    else:
        yield error(doc.path, where, "schema-value", f"{name}: {custom or err.message}")


def _field_name(path: JsonPath) -> str:
    """A writer's name for the value at ``path``: 'title', 'item 2 of tags'."""
    if not path:
        return "the document"
    last = path[-1]
    if isinstance(last, int):
        owner = next((p for p in reversed(path[:-1]) if isinstance(p, str)), "list")
        noun = {"steps": "step", "options": "option", "tasks": "task", "questions": "question"}.get(owner)
        return f"{noun} {last + 1}" if noun else f"item {last + 1} of '{owner}'"
    return f"'{last}'"


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _show(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else json.dumps(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def _step_kind_message(step: Any) -> str:
    kinds = [k for k in ("concept", "exercise", "decide") if k in step]
    if not kinds:
        return "a step needs one of 'concept', 'exercise' or 'decide'"
    if len(kinds) > 1:
        return f"a step has one kind only, but this one has {' and '.join(repr(k) for k in kinds)}"
    if kinds == ["decide"] and "options" not in step:
        return "a decision ('decide') needs 'options'"
    if kinds == ["decide"] and "next" in step:
        return "a decision leads on through its options, so it cannot have 'next'"
    return f"a {kinds[0]} step cannot have 'options'"


def _step_kind_hint(step: Any) -> str:
    if "decide" in step and "next" in step:
        return "remove 'next', or give the step a concept or exercise instead"
    return "split it into separate steps" if sum(k in step for k in ("concept", "exercise", "decide")) > 1 else ""


def _missing_comma_hint(path: JsonPath, value: Any, valid: Callable[[str], bool]) -> str:
    """An item of a list that is several valid items with spaces between: a comma left out of ``[a b]``."""
    parts = value.split() if isinstance(value, str) and path and isinstance(path[-1], int) else []
    if len(parts) > 1 and all(valid(part) for part in parts):
        return f"separate the items with a comma: {', '.join(parts)}"
    return ""


def _own_id_hint(doc: Document, value: Any) -> str:
    """A file's own id is its file name: suggest that, or a slug for both when the name will not do either."""
    if ID_PATTERN.match(doc.stem):
        return f"set id: {doc.stem}, as the file is named"
    slug = _slug_hint(value)
    return f"{slug}, and rename the file to match" if slug else ""


def _slug_hint(value: Any) -> str:
    if not isinstance(value, str) or value == "end":
        return ""
    slug = "-".join("".join(c if c.isascii() and c.isalnum() else " " for c in value.lower()).split())
    return f"try '{slug}'" if slug and slug != value and slug[0].isalpha() else ""
