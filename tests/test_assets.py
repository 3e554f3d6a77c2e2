"""The browser assets: within budget, minified as shipped, and the theme overrides in step with Material."""

from __future__ import annotations

from pathlib import Path

import material

from conftest import ROOT
from waypost.bundle import gzipped_size, shipped_assets

MATERIAL_TEMPLATES = Path(material.__file__).resolve().parent / "templates"
THEME = ROOT / "hooks" / "waypost" / "theme"


def test_progress_script_and_styles_are_within_6_kb_gzipped() -> None:
    assert gzipped_size(["waypost.js", "waypost.css"]) <= 6 * 1024


def test_the_site_gets_minified_assets_that_keep_every_data_attribute_the_pages_use() -> None:
    sources = ROOT / "hooks" / "waypost" / "assets"
    for name, text in shipped_assets().items():
        source = (sources / name).read_text(encoding="utf-8")
        assert len(text) < len(source), name
        assert "/*" not in text and "\n  " not in text, name
    script = shipped_assets()["waypost.js"]
    for hook in (
        "[data-wp-act]",
        "[data-wp-toggle]",
        "[data-wp-choose]",
        "[data-wp-card-continue]",
        "waypost.progress",
    ):
        assert hook in script


def test_the_search_partial_differs_from_materials_only_by_the_dialog_name() -> None:
    ours = (THEME / "partials" / "search.html").read_text(encoding="utf-8").split("-#}\n", 1)[1]
    theirs = (MATERIAL_TEMPLATES / "partials" / "search.html").read_text(encoding="utf-8").split("-#}\n", 1)[1]
    assert ours == theirs.replace('role="dialog">', 'role="dialog" aria-label="{{ lang.t(\'search\') }}">', 1)
    assert ours != theirs
