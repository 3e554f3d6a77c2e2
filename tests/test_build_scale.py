"""The build benchmark runs end to end at a tiny size and reports every figure the issue asks for.

Correctness only: the figures themselves are never asserted, since the
machine is shared and a timed test would fail for reasons of its own.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

from conftest import ROOT

SCRIPT = ROOT / "benchmarks" / "build_scale.py"
TINY = ["--concepts", "20", "--exercises", "5", "--journeys", "2", "--runs", "1", "--scales", "1"]


def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the benchmark; if it outlives ``timeout``, fail with where each of its threads was."""
    command = [sys.executable, "-X", "faulthandler", str(SCRIPT), *args]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, start_new_session=True
    ) as process:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGABRT)  # faulthandler prints every thread's stack, then it ends
            process.wait()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)  # and the server it had started, if any
            stdout, stderr = process.communicate()
            pytest.fail(f"the benchmark ran over {timeout:.0f} s:\n{stdout}\n{stderr}", pytrace=False)
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    kept = tmp_path_factory.mktemp("bench") / "kept"
    result = run(*TINY, "--profile", "--keep", str(kept))
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


def test_where_the_time_goes_names_every_phase_of_both_builds(report: tuple[str, Path]) -> None:
    text, _ = report
    table = text.split("Where the time goes (wall clock", 1)[1].split("\n\n", 1)[0]
    # Seconds are never negative: "everything else" is the build less its phases, so a phase counted twice shows.
    rows = re.findall(
        r"^  ((?:Waypost|MkDocs|Python-Markdown|Material): .+?)\s+([\d.]+)\s+([\d.]+)\s+[+-][\d.]+$", table, re.M
    )
    seconds = {label: (float(waypost), float(baseline)) for label, waypost, baseline in rows}
    phases = load_benchmark("phases")
    # A phase may have two entry points (Python-Markdown's: MkDocs' render and Waypost's); it has one row.
    assert list(seconds) == [*dict.fromkeys(label for label, _, _ in phases.PHASES), phases.OTHER], table
    assert all(baseline == 0 for label, (_, baseline) in seconds.items() if label.startswith("Waypost: "))
    assert seconds["Waypost: sections, sanitiser for other pages (on_page_content)"][0] > 0
    assert all(seconds["Material: search index, per page"]), "search read the pages of both builds"
    assert re.search(r"^  Waypost's hooks together\s+[\d.]+$", table, re.M), table
    assert re.search(r"^  MkDocs and Material together\s+[\d.]+\s+[\d.]+\s+[\d.]+×$", table, re.M), table
    assert re.search(r"^  whole build \(the phases added up\)\s+[\d.]+\s+[\d.]+\s+[\d.]+×$", table, re.M), table
    assert "Waypost: functions with the most time of their own (cProfile" in text


def test_a_phase_inside_another_is_charged_to_the_outer_one_alone() -> None:
    phases = load_benchmark("phases")
    first, last = phases.PHASES[0][0], phases.PHASES[-1][0]
    timers = phases.Timers()
    inner = timers.wrap(last, lambda: time.sleep(0.05))
    outer = timers.wrap(first, lambda: (time.sleep(0.05), inner()))
    outer()
    inner()
    assert timers.seconds[first] >= 0.1
    assert 0.05 <= timers.seconds[last] < 0.1, "only the call made outside the outer phase counts"


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


def load_benchmark(name: str) -> ModuleType:
    """benchmarks/ is not an installed package: its modules import each other by file name."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))


def test_a_server_whose_rebuild_fails_is_reported_at_once_with_its_traceback() -> None:
    build_scale = load_benchmark("build_scale")
    output = io.StringIO(
        "INFO    -  [10:00:00] Detected file changes\n"
        "Traceback (most recent call last):\n"
        '  File "hook.py", line 1, in on_files\n'
        "ValueError: boom\n"
        "ERROR   -  An error happened during the rebuild. The server will appear stuck until build errors are resolved.\n"
    )
    log = build_scale.Log(output)
    started = time.perf_counter()
    with pytest.raises(build_scale.BenchmarkError) as error:
        log.wait_for("Documentation built in", 600)
    assert time.perf_counter() - started < 10, "a failed rebuild is not waited out"
    message = str(error.value)
    assert message.startswith("mkdocs serve never logged 'Documentation built in'; its last lines:\n")
    assert "ValueError: boom" in message and "An error happened during the rebuild" in message


def test_a_silent_server_is_reported_after_the_timeout() -> None:
    build_scale = load_benchmark("build_scale")
    reading, writing = os.pipe()
    with open(reading, encoding="utf-8") as stream, open(writing, "w", encoding="utf-8") as server:
        server.write("INFO    -  Building documentation...\n")
        server.flush()
        log = build_scale.Log(stream)
        with pytest.raises(build_scale.BenchmarkError) as error:
            log.wait_for("Documentation built in", 1)
        assert str(error.value) == (
            "mkdocs serve never logged 'Documentation built in' in 1 s; its last lines:\n"
            "INFO    -  Building documentation..."
        )


def test_a_rebuild_that_logs_no_build_is_not_timed_the_next_one_is(tmp_path: Path) -> None:
    build_scale = load_benchmark("build_scale")
    journey = tmp_path / "first.yml"
    journey.write_text("id: first\n", encoding="utf-8")
    output = io.StringIO(
        "INFO    -  [10:00:00] Detected file changes\n"
        "INFO    -  Building documentation...\n"
        "INFO    -  [10:00:01] Reloading browsers\n"
        "INFO    -  [10:00:02] Detected file changes\n"
        "INFO    -  Building documentation...\n"
        "INFO    -  Documentation built in 0.52 seconds\n"
        "INFO    -  [10:00:03] Reloading browsers\n"
    )
    # The lines are all there before the first edit, so only the build time and the edits can be checked.
    _, reported = build_scale.timed_rebuild(build_scale.Log(output), journey, 10)
    assert reported == 0.52
    assert journey.read_text(encoding="utf-8") == "id: first\n# edited for the benchmark (2)\n"


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
