"""The synthetic project generator behind the benchmarks makes clean, repeatable projects.

A benchmark of ``waypost check`` is only meaningful on the clean path and
only comparable across runs if the input is the same, so both are tested
here on a small project. No timing is asserted.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from conftest import ROOT
from waypost.check import check_project


def load_synthetic() -> ModuleType:
    """benchmarks/ is not an installed package, so load the generator from its file."""
    name = "waypost_benchmarks_synthetic"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "synthetic.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


synthetic = load_synthetic()
SMALL = {"concepts": 40, "exercises": 12, "journeys": 6, "seed": 7}


@pytest.fixture(scope="module")
def small_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("synthetic") / "project"
    synthetic.generate(root, **SMALL)
    return root


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_small_project_passes_the_check_with_no_problems(small_project: Path) -> None:
    result = check_project(small_project)
    assert [p.format() for p in result.problems] == []
    assert len(result.project.concepts) == 40
    assert len(result.project.exercises) == 12
    assert len(result.project.journeys) == 6


def test_generation_is_deterministic(small_project: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    synthetic.generate(again, **SMALL)
    assert files_of(again) == files_of(small_project)


def test_another_seed_gives_another_project(small_project: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    synthetic.generate(other, **{**SMALL, "seed": SMALL["seed"] + 1})
    assert files_of(other) != files_of(small_project)


def test_journeys_have_decisions_and_stay_within_the_step_limits(small_project: Path) -> None:
    journeys = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((small_project / "journeys").iterdir())]
    with_decision = [j for j in journeys if any("decide" in s for s in j["steps"])]
    assert len(with_decision) * 2 >= len(journeys), "at least half of the journeys branch"
    for journey in journeys:
        assert 8 <= len(journey["steps"]) <= 25
        for step in journey["steps"]:
            if "decide" in step:
                targets = [o["goto"] for o in step["options"]]
                assert 2 <= len(targets) <= 3 and len(set(targets)) == len(targets)


def test_generated_files_match_what_stats_report(small_project: Path) -> None:
    stats = synthetic.generate(small_project.parent / "counted", **SMALL)
    files = files_of(small_project)
    assert stats.files == len(files) == 40 + 12 + 6 + 1
    assert stats.bytes == sum(len(b) for b in files.values())
    assert "content/index.md" in files and b"<!-- waypost:journey-cards -->" in files["content/index.md"]
    assert stats.decisions >= 3


def test_generating_into_a_folder_with_files_is_refused(small_project: Path) -> None:
    with pytest.raises(FileExistsError):
        synthetic.generate(small_project, **SMALL)
