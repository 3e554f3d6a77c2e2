"""The wheel carries everything the package reads at run time, schemas included."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "hooks" / "waypost"


def packaged(folder: Path, patterns: list[str]) -> set[Path]:
    return {
        p
        for p in folder.rglob("*")
        if p.is_file() and any(fnmatch(p.relative_to(folder).as_posix(), g) for g in patterns)
    }


def test_package_data_covers_every_template_asset_theme_file_and_schema() -> None:
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    data = setuptools["package-data"]
    assert setuptools["package-dir"]["waypost.schemas"] == "schemas"
    needed = {
        p
        for p in PACKAGE.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    }
    assert needed - packaged(PACKAGE, data["waypost"]) == set()
    schemas = set((ROOT / "schemas").glob("*.json"))
    assert schemas and schemas - packaged(ROOT / "schemas", data["waypost.schemas"]) == set()
