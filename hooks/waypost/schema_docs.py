"""The field reference, read from the JSON Schemas, so the docs cannot drift from them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from waypost.schema import load_schemas
from waypost.sources import CONTENT_KINDS, Kind


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    required: bool
    allowed: str
    description: str
    example: str


@dataclass(frozen=True)
class Table:
    """The fields of one object: a whole document, or a part such as a step."""

    title: str
    anchor: str
    description: str
    fields: tuple[Field, ...]


def reference(kind: Kind) -> list[Table]:
    """Tables for ``kind``: the document first, then each nested object it uses."""
    schemas = {name: _absolute_refs(schema, name) for name, schema in load_schemas().items()}
    root = schemas[f"{kind.value}.schema.json"]
    tables: list[Table] = []
    title = {Kind.JOURNEY: "Journey file", Kind.PLACEMENT: "Placement file"}.get(kind, "Front matter")
    pending: list[tuple[str, str, dict[str, Any]]] = [(title, kind.value, root)]
    seen: set[str] = set()
    while pending:
        table_title, anchor, schema = pending.pop(0)
        if anchor in seen:
            continue
        seen.add(anchor)
        fields = []
        required = set(schema.get("required", ()))
        for name, prop in schema.get("properties", {}).items():
            resolved = _resolve(prop, root, schemas)
            nested = _nested_object(resolved, root, schemas) or _nested_mapping(prop, resolved)
            if nested is not None:
                nested_title, nested_schema = nested
                pending.append((nested_title, f"{kind.value}-{nested_title.lower()}", nested_schema))
            fields.append(
                Field(
                    name=name,
                    type=_type_name(resolved, root, schemas),
                    required=name in required,
                    allowed=_allowed(resolved, root, schemas),
                    description=prop.get("description") or resolved.get("description", ""),
                    example=_example(prop, resolved),
                )
            )
        tables.append(Table(table_title, anchor, schema.get("description", ""), tuple(fields)))
    return tables


def all_references() -> dict[Kind, list[Table]]:
    return {kind: reference(kind) for kind in CONTENT_KINDS}


def _absolute_refs(node: Any, document: str) -> Any:
    """A copy of a schema whose local ``$ref``s name their document, so they resolve anywhere."""
    if isinstance(node, dict):
        return {
            k: (
                document + v
                if k == "$ref" and isinstance(v, str) and v.startswith("#")
                else _absolute_refs(v, document)
            )
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_absolute_refs(v, document) for v in node]
    return node


def _resolve(schema: dict[str, Any], root: dict[str, Any], schemas: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The schema with its ``$ref`` followed; the referring schema's own keywords win."""
    ref = schema.get("$ref")
    if not ref:
        return schema
    document, _, pointer = ref.partition("#")
    target: Any = schemas[document] if document else root
    for part in pointer.strip("/").split("/") if pointer else []:
        target = target[part]
    base = _resolve(target, schemas[document] if document else root, schemas)
    return {**base, **{k: v for k, v in schema.items() if k != "$ref"}}


def _nested_object(
    schema: dict[str, Any], root: dict[str, Any], schemas: dict[str, dict[str, Any]]
) -> tuple[str, dict[str, Any]] | None:
    if schema.get("type") == "array" and isinstance(schema.get("items"), dict):
        ref = schema["items"].get("$ref", "")
        item = _resolve(schema["items"], root, schemas)
        if item.get("type") == "object":
            return ref.rsplit("/", 1)[-1].capitalize() or "Item", item
    return None


def _nested_mapping(prop: dict[str, Any], resolved: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """A field whose value is itself a mapping with fields (a placement's ``recommend``), named after its definition."""
    if resolved.get("type") == "object" and resolved.get("properties"):
        return str(prop.get("$ref", "")).rsplit("/", 1)[-1].capitalize() or "Mapping", resolved
    return None


def _type_name(schema: dict[str, Any], root: dict[str, Any], schemas: dict[str, dict[str, Any]]) -> str:
    kind = schema.get("type")
    if kind == "array":
        items = _resolve(schema.get("items", {}), root, schemas)
        if items.get("type") == "object":
            nested = _nested_object(schema, root, schemas)
            return f"list of {nested[0].lower()}s" if nested else "list"
        if "enum" in items:
            return "list of values"
        return "list of ids" if _is_id(items) else "list of text"
    if "enum" in schema:
        return "one value"
    return {"string": "text", "integer": "whole number", "number": "number", "object": "mapping"}.get(str(kind), "text")


def _allowed(schema: dict[str, Any], root: dict[str, Any], schemas: dict[str, dict[str, Any]]) -> str:
    if "enum" in schema:
        return ", ".join(str(v) for v in schema["enum"])
    if schema.get("type") == "array":
        items = _resolve(schema.get("items", {}), root, schemas)
        parts = []
        if "enum" in items:
            parts.append(", ".join(str(v) for v in items["enum"]))
        elif _is_id(items):
            parts.append("kebab-case ids")
        if "minItems" in schema:
            parts.append(f"at least {schema['minItems']}")
        if "maxItems" in schema:
            parts.append(f"at most {schema['maxItems']}")
        return "; ".join(parts)
    if "minimum" in schema or "maximum" in schema:
        return f"{schema.get('minimum', '')}–{schema.get('maximum', '')}"
    if _is_id(schema):
        reserved_id = schema.get("not", {}).get("const")
        return (
            "lowercase kebab-case"
            + (f", at most {schema['maxLength']} characters" if "maxLength" in schema else "")
            + (f"; not {reserved_id} (reserved for the index page)" if reserved_id else "")
        )
    if "anyOf" in schema:
        return "a step id or end"
    if "maxLength" in schema:
        return f"at most {schema['maxLength']} characters"
    return ""


def _is_id(schema: dict[str, Any]) -> bool:
    return str(schema.get("pattern", "")).startswith("^[a-z]")


def _example(prop: dict[str, Any], resolved: dict[str, Any]) -> str:
    examples = prop.get("examples") or resolved.get("examples")
    if not examples:
        return ""
    value = examples[0]
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
