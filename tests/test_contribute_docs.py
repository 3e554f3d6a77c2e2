"""The contributor reference in the site comes from the schemas, and pages link to their sources."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from conftest import FIXTURES, ROOT, make_site, mkdocs_build
from sitebuild import BuiltSite
from waypost.rules import RULES


def properties(schema: dict[str, Any], prefix: str = "") -> set[str]:
    """Every property name an object in the schema defines, nested definitions included."""
    found = set(schema.get("properties", {}))
    for definition in schema.get("$defs", {}).values():
        if isinstance(definition, dict) and definition.get("type") == "object":
            found |= set(definition.get("properties", {}))
    return found


@pytest.mark.parametrize("kind", ["concept", "exercise", "journey"])
def test_reference_lists_every_property_of_the_schema(shipped_site: BuiltSite, kind: str) -> None:
    schema = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    page = shipped_site.html(f"contribute/{kind}s/")
    listed = {row.css_first("td code").text() for row in page.css(".wp-fields tbody tr")}
    assert listed == properties(schema)
    required = {
        row.css_first("td code").text() for row in page.css(".wp-fields tbody tr") if row.css("td")[2].text() == "yes"
    }
    assert set(schema["required"]) <= required


def test_reference_shows_allowed_values_and_examples(shipped_site: BuiltSite) -> None:
    row = shipped_site.html("contribute/concepts/").css_first("tr#concept-level")
    cells = [c.text() for c in row.css("td")]
    assert cells[:4] == ["level", "one value", "yes", "beginner, intermediate, advanced"]
    assert cells[5] == "beginner"


def test_contribute_page_lists_every_checker_rule(shipped_site: BuiltSite) -> None:
    page = shipped_site.html("contribute/")
    assert [row.css_first("code").text() for row in page.css("tbody tr")] == [r.id for r in RULES]


def test_pages_link_to_their_source_file_for_editing(tmp_path: Path) -> None:
    root = make_site(tmp_path / "p", FIXTURES / "sites" / "multi")
    result = mkdocs_build(
        root, root / "site", "--strict", env_extra={"WAYPOST_REPO_URL": "https://example.org/team/course"}
    )
    assert result.returncode == 0, result.stderr
    edit = {}
    for url in ("concepts/alpha/", "exercises/try-alpha/", "journeys/first-steps/", "contribute/journeys/"):
        page = HTMLParser((root / "site" / url / "index.html").read_text(encoding="utf-8"))
        edit[url] = page.css_first("a.md-content__button").attributes["href"]
    assert edit == {
        "concepts/alpha/": "https://example.org/team/course/edit/main/content/concepts/alpha.md",
        "exercises/try-alpha/": "https://example.org/team/course/edit/main/content/exercises/try-alpha.md",
        "journeys/first-steps/": "https://example.org/team/course/edit/main/journeys/first-steps.yml",
        "contribute/journeys/": "https://example.org/team/course/edit/main/schemas/journey.schema.json",
    }
