"""How ``waypost check`` scales: wall time and peak memory at three project sizes.

A benchmark, not a test: it prints numbers and never fails for slowness.
It exits non-zero only when a check reports a problem, because then the
numbers measure the error path instead of the clean run writers hit daily.

The middle size is a 5,000-content-file project (4,000 concepts, 1,000
exercises, 300 journeys); ``--sizes`` scales all three counts together, so
the per-journey load, and thus the shape of the work, stays the same and
the growth ratios show how the checker itself scales.

Each run is a fresh ``python3 -m waypost check --strict DIR`` subprocess, as
a writer or CI runs it, so start-up and imports are included; the start-up
cost alone is measured too, with ``waypost --version``. Peak memory is the
child's own ``ru_maxrss`` from ``os.wait4``, which (unlike
``getrusage(RUSAGE_CHILDREN)``) is per process, not a running maximum.

    python3 benchmarks/check_scale.py [--runs 5] [--sizes 0.5,1,2] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import itertools
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

try:  # run as a script (python3 benchmarks/check_scale.py) or as a module
    from child import Run, run_child
    from synthetic import generate
except ModuleNotFoundError:  # pragma: no cover
    from benchmarks.child import Run, run_child
    from benchmarks.synthetic import generate

BASE_CONCEPTS, BASE_EXERCISES, BASE_JOURNEYS = 4000, 1000, 300
CLEAN_SUMMARY = "0 errors, 0 warnings in "


@dataclass(frozen=True)
class Measurement:
    """All runs of one size, summarised."""

    factor: float
    files: int
    seconds: list[float]
    peak_mb: float
    summary: str
    clean: bool
    """Every run exited 0 and reported no errors and no warnings."""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def per_thousand(self) -> float:
        return self.median / self.files * 1000


def check_command(root: Path) -> list[str]:
    return [sys.executable, "-m", "waypost", "check", "--strict", str(root)]


def measure(root: Path, factor: float, runs: int) -> Measurement:
    """Time ``runs`` checks of ``root``; stop at the first run that reports a problem."""
    results: list[Run] = []
    for _ in range(runs):
        result = run_child(check_command(root))
        results.append(result)
        if not is_clean(result):
            break
    summary = results[-1].output.strip().splitlines()[-1] if results[-1].output.strip() else "(no output)"
    return Measurement(
        factor=factor,
        files=files_checked(summary),
        seconds=[r.seconds for r in results],
        peak_mb=max(r.peak_mb for r in results),
        summary=summary,
        clean=all(is_clean(r) for r in results),
    )


def is_clean(result: Run) -> bool:
    lines = result.output.strip().splitlines()
    return result.code == 0 and bool(lines) and lines[-1].startswith(CLEAN_SUMMARY)


def files_checked(summary: str) -> int:
    """The file count from the checker's summary line ('... in 5300 files'), or 0."""
    words = summary.split()
    try:
        return int(words[words.index("in") + 1].replace(",", ""))
    except (ValueError, IndexError):
        return 0


def make_project(parent: Path, factor: float, seed: int) -> Path:
    """Generate the project for ``factor`` and report how long generation took."""
    root = parent / f"size-{factor:g}"
    concepts, exercises, journeys = (round(n * factor) for n in (BASE_CONCEPTS, BASE_EXERCISES, BASE_JOURNEYS))
    started = time.perf_counter()
    stats = generate(root, concepts, exercises, journeys, seed)
    print(
        f"generated {factor:g}×: {concepts:,} concepts, {exercises:,} exercises, {journeys:,} journeys, "
        f"{stats.files:,} files, {stats.bytes / 1e6:.1f} MB, {stats.words:,} words, "
        f"{stats.decisions:,} decisions in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    return root


def startup_seconds(runs: int) -> float:
    """Median time of ``waypost --version``: interpreter start plus every import the check needs."""
    return statistics.median(run_child([sys.executable, "-m", "waypost", "--version"]).seconds for _ in range(runs))


def print_table(measurements: list[Measurement], startup: float) -> None:
    print()
    print(f"{'size':>5} {'files':>7} {'median s':>9} {'s/1k files':>11} {'minus start-up':>15} {'peak MB':>8}  runs")
    for m in measurements:
        net = (m.median - startup) / m.files * 1000 if m.files else float("nan")
        runs = " ".join(f"{s:.2f}" for s in m.seconds)
        numbers = f"{m.median:>9.2f} {m.per_thousand:>11.3f} {net:>15.3f} {m.peak_mb:>8.0f}"
        print(f"{m.factor:>4g}× {m.files:>7,} {numbers}  {runs}")
    print(f"start-up (waypost --version): {startup:.2f} s; 'minus start-up' is seconds per 1,000 files without it")


def print_growth(measurements: list[Measurement], startup: float) -> None:
    """Time and memory growth between consecutive sizes; linear scaling matches the file ratio."""
    print()
    for small, large in itertools.pairwise(measurements):
        if not small.files:
            continue
        files = large.files / small.files
        time_ratio = large.median / small.median
        net_ratio = (large.median - startup) / (small.median - startup)
        memory = large.peak_mb / small.peak_mb
        print(
            f"{small.factor:g}× → {large.factor:g}×: files ×{files:.2f}, time ×{time_ratio:.2f} "
            f"(×{net_ratio:.2f} without start-up), peak memory ×{memory:.2f}"
        )


def print_profile(root: Path, top: int = 15) -> None:
    """cProfile of one in-process ``check_project``: where the time goes, by cumulative and own time."""
    from waypost.check import check_project

    profiler = cProfile.Profile()
    profiler.enable()
    result = check_project(root)
    profiler.disable()
    print(f"\nprofile of check_project({root.name}): {len(result.problems)} problems, {result.files_checked} files")
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(order).print_stats(top)
        text = out.getvalue()
        print(f"\n--- top {top} by {order} ---")
        print(text[text.index("   ncalls") :].rstrip())


def parse_sizes(text: str) -> list[float]:
    sizes = sorted({float(part) for part in text.split(",") if part.strip()})
    if not sizes or any(s <= 0 for s in sizes):
        raise argparse.ArgumentTypeError("sizes are positive numbers, such as 0.5,1,2")
    return sizes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark `waypost check` at several project sizes.")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per size; the median is reported")
    parser.add_argument(
        "--sizes", type=parse_sizes, default=[0.5, 1.0, 2.0], help="multiples of 4,000+1,000+300 (default 0.5,1,2)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="also profile one in-process check of the 1× size")
    args = parser.parse_args(argv)

    measurements: list[Measurement] = []
    with tempfile.TemporaryDirectory(prefix="waypost-bench-") as tmp:
        roots = {factor: make_project(Path(tmp), factor, args.seed) for factor in args.sizes}
        startup = startup_seconds(args.runs)
        for factor, root in roots.items():
            m = measure(root, factor, max(1, args.runs))
            print(f"checked {factor:g}×: {m.summary}; median {m.median:.2f} s", flush=True)
            measurements.append(m)
        print_table(measurements, startup)
        print_growth(measurements, startup)
        if args.profile:
            middle = min(args.sizes, key=lambda f: abs(f - 1))
            print_profile(roots[middle])

    dirty = [m for m in measurements if not m.clean]
    for m in dirty:
        print(f"error: the {m.factor:g}× check reported problems: {m.summary}", file=sys.stderr)
    return 1 if dirty else 0


if __name__ == "__main__":
    sys.exit(main())
