"""The build benchmark runs end to end at a tiny size and reports every figure the issue asks for.

Correctness only: the figures themselves are never asserted, since the
machine is shared and a timed test would fail for reasons of its own.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

SCRIPT = ROOT / "benchmarks" / "build_scale.py"
TINY = ["--concepts", "20", "--exercises", "5", "--journeys", "2", "--runs", "1", "--scales", "1"]


def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT
    )


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    kept = tmp_path_factory.mktemp("bench") / "kept"
    result = run(*TINY, "--keep", str(kept))
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout, kept


def test_both_builds_and_their_ratio_are_reported(report: tuple[str, Path]) -> None:
    text, _ = report
    waypost = re.search(r"^\s+1× Waypost\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+(\d+)", text, re.M)
    baseline = re.search(r"^\s+1× baseline\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+(\d+)", text, re.M)
    assert waypost and baseline, text
    assert waypost.group(1) == baseline.group(1), "both builds make the same number of pages"
    assert float(waypost.group(2)) > 0 and int(waypost.group(4)) > 0
    assert re.search(r"^\s+ratio\s+[\d.]+×", text, re.M), text
    assert re.search(r"Waypost build ≤ 1\.10× baseline: ×[\d.]+ (met|MISSED)", text), text


def test_check_time_and_serve_rebuild_are_reported(report: tuple[str, Path]) -> None:
    text, _ = report
    row = re.search(r"^\s+1×\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)$", text, re.M)
    assert row, text
    check, first_build, rebuild, reported = (float(v) for v in row.groups())
    assert check > 0 and first_build > 0 and reported > 0
    assert rebuild >= reported, "the rebuild a writer waits for includes MkDocs' own build time"
    assert re.search(r"waypost check < 2 s: [\d.]+ s (met|MISSED)", text), text


def test_the_baseline_is_plain_material_with_the_same_pages(report: tuple[str, Path]) -> None:
    _, kept = report
    waypost, baseline = kept / "size-1" / "waypost", kept / "size-1" / "baseline"
    config = (baseline / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks:" in (waypost / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks:" not in config and "name: material" in config and "navigation.prune" in config
    concepts = sorted(p.name for p in (waypost / "content" / "concepts").iterdir())
    assert sorted(p.name for p in (baseline / "content" / "concepts").iterdir()) == concepts
    assert len(list((baseline / "content" / "journeys").glob("*.md"))) == 2 + 1, "one page per journey, and an index"
    body = (baseline / "content" / "concepts" / concepts[0]).read_text(encoding="utf-8").split("---\n", 2)[2]
    assert "](concept:" not in body and "](exercise:" not in body, "links by id became plain links"
    assert re.search(r"\]\((\.\./exercises/)?[a-z0-9-]+\.md\)", body)


def test_a_bad_argument_is_one_line_and_exit_status_2() -> None:
    for args in (["--runs", "0"], ["--scales", "1,x"], ["--concepts", "2"], ["--frobnicate"]):
        result = run(*args, timeout=60)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert result.stderr.startswith("build_scale: error: ")


def test_help_describes_the_options() -> None:
    result = run("--help", timeout=60)
    assert result.returncode == 0
    for option in ("--runs", "--scales", "--profile", "--keep"):
        assert option in result.stdout
