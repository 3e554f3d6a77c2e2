"""How a Waypost build scales, side by side with plain Material on the same pages.

A benchmark, not a test: it prints numbers and never fails for slowness. It
exits 1 only when something it measures goes wrong (a check with problems,
a failed build, a server that never rebuilds), because then the numbers
would describe an error path.

For each size (``--scales`` multiples of 2,000 concepts, 500 exercises and
200 journeys) it generates a synthetic project (``synthetic.py``) and its
plain-Material twin (``baseline.py``), then:

- builds both with ``mkdocs build --strict``, alternating which goes first,
  ``--runs`` times each, each build a fresh subprocess; it reports the median
  wall time, the median CPU time (steadier than wall time on a shared
  machine), the highest peak resident memory of the build process, the
  output size and the average size of an HTML page;
- times ``waypost check --strict`` alone on the same project;
- starts ``mkdocs serve`` on the project, waits for the first build, edits
  one journey file (a comment line) and times the rebuild until the server
  reloads browsers.

It then prints how time, memory and page size grow from one size to the
next, and the issue's goals beside the figures. ``--profile`` adds, at the
size nearest 1×, where the time goes: the wall-clock seconds of each phase
(median of three builds of each kind; ``phases.py``, no profiler), the hooks' sum
against MkDocs' and Material's, then the functions cProfile finds busiest in
one build of each kind. Peak memory is the child's own ``ru_maxrss`` from
``os.wait4``, per process (``getrusage(RUSAGE_CHILDREN)`` would be a running
maximum over every child so far). Every build runs with
``NO_MKDOCS_2_WARNING=1`` and without ``SITE_URL`` and ``WAYPOST_REPO_URL``,
so that both builds use the same settings whatever the shell has.

    python3 benchmarks/build_scale.py [--runs 5] [--scales 0.5,1,2] [--profile] [--keep DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import pstats
import queue
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, NoReturn

try:  # run as a script (python3 benchmarks/build_scale.py) or as a module
    from baseline import write_baseline
    from child import Run, run_child
    from phases import WAYPOST_PREFIX
    from synthetic import MIN_CONTENT, generate
except ModuleNotFoundError:  # pragma: no cover
    from benchmarks.baseline import write_baseline
    from benchmarks.child import Run, run_child
    from benchmarks.phases import WAYPOST_PREFIX
    from benchmarks.synthetic import MIN_CONTENT, generate

ROOT = Path(__file__).resolve().parents[1]
HOOK_FILE = ROOT / "hooks" / "waypost_mkdocs.py"
PHASES_SCRIPT = Path(__file__).resolve().parent / "phases.py"
BASE_CONCEPTS, BASE_EXERCISES, BASE_JOURNEYS = 2000, 500, 200
SIDES = ("Waypost", "baseline")
GOAL_RATIO, GOAL_GROWTH, GOAL_CHECK_SECONDS = 1.10, 2.2, 2.0


@dataclass(frozen=True)
class Output:
    """What a build wrote."""

    pages: int
    """HTML files: every page, the 404 page and any redirect."""
    html_bytes: int
    total_bytes: int
    search_bytes: int

    @property
    def page_kb(self) -> float:
        return self.html_bytes / self.pages / 1024 if self.pages else 0.0


@dataclass(frozen=True)
class Builds:
    """Every build of one kind at one size."""

    runs: list[Run]
    output: Output

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(r.peak_mb for r in self.runs)


@dataclass(frozen=True)
class Serve:
    """One rebuild under ``mkdocs serve`` after a journey file was edited."""

    first_build: float
    """MkDocs' own figure for the build before serving starts."""
    rebuild: float
    """Seconds from the edit until the server reloads browsers: what a writer waits."""
    reported: float
    """MkDocs' own figure for the rebuild."""


@dataclass(frozen=True)
class Scale:
    """Everything measured at one size."""

    factor: float
    counts: tuple[int, int, int]
    builds: dict[str, Builds]
    check: list[float]
    serve: Serve

    @property
    def ratio(self) -> float:
        return self.builds["Waypost"].median / self.builds["baseline"].median

    @property
    def cpu_ratio(self) -> float:
        return self.builds["Waypost"].cpu / self.builds["baseline"].cpu


class BenchmarkError(Exception):
    """Something measured went wrong: the figures would not mean what they say."""


# Running things ----------------------------------------------------------------


def build_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "WAYPOST_REPO_URL")}
    env["NO_MKDOCS_2_WARNING"] = "1"  # Material 9.8 prints an end-of-life banner on every build otherwise
    return env


def build_args(site: Path) -> list[str]:
    """``mkdocs`` arguments of every build: strict, so that a warning stops the benchmark.

    Not ``--quiet``: it silences warnings before strict mode can count them.
    """
    return ["build", "--strict", "--site-dir", str(site)]


def build(project: Path, site: Path, label: str) -> Run:
    run = run_child([sys.executable, "-m", "mkdocs", *build_args(site)], project, build_env())
    if run.code != 0:
        raise BenchmarkError(f"the {label} build of {project} failed:\n{run.output.strip()}")
    return run


def measure_output(site: Path) -> Output:
    pages = html = total = search = 0
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        if path.suffix == ".html":
            pages += 1
            html += size
        elif path.parent.name == "search" and path.suffix == ".json":
            search += size
    return Output(pages, html, total, search)


def check(project: Path) -> Run:
    run = run_child([sys.executable, "-m", "waypost", "check", "--strict", str(project)], project, build_env())
    if run.code != 0:
        raise BenchmarkError(f"waypost check --strict found problems in {project}:\n{run.output.strip()}")
    return run


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Log:
    """The lines of a server's output, each with the time it arrived, read on a thread.

    Reading on a thread stamps each line as it comes, and keeps the pipe
    drained so that a chatty server never blocks on a full pipe.
    """

    FAILURES = ("An error happened during the rebuild", "Aborted with", "Traceback (most recent call last)")
    """Lines after which the server will not log what is awaited: waiting on would only run into the timeout."""

    def __init__(self, stream: IO[str]) -> None:
        self.lines: queue.Queue[tuple[float, str | None]] = queue.Queue()
        self.seen: list[str] = []
        self.reader = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.reader.start()

    def _read(self, stream: IO[str]) -> None:
        try:
            for line in stream:
                self.lines.put((time.perf_counter(), line.rstrip("\n")))
        finally:
            self.lines.put((time.perf_counter(), None))  # the server has exited, or its output cannot be read

    def next_with(self, needle: str, timeout: float) -> tuple[float, str] | None:
        """The time and text of the next line containing ``needle``, or None after ``timeout`` seconds."""
        deadline = time.perf_counter() + timeout
        while (left := deadline - time.perf_counter()) > 0:
            try:
                at, line = self.lines.get(timeout=left)
            except queue.Empty:
                return None
            if line is None:
                self.seen.append("(the server exited)")
                self.fail(needle)
            self.seen.append(line)
            if needle in line:
                return at, line
            if any(failure in line for failure in self.FAILURES):
                self.fail(needle)
        return None

    def wait_for(self, needle: str, timeout: float) -> tuple[float, str]:
        found = self.next_with(needle, timeout)
        if found is None:
            self.fail(needle, f" in {timeout:.0f} s")
        return found

    def fail(self, needle: str, within: str = "") -> NoReturn:
        # Let the server finish what it is printing (a traceback, say) before quoting it.
        time.sleep(0.5)
        while not self.lines.empty():
            line = self.lines.get_nowait()[1]
            self.seen.append("(the server exited)" if line is None else line)
        tail = "\n".join(self.seen[-25:])
        raise BenchmarkError(f"mkdocs serve never logged {needle!r}{within}; its last lines:\n{tail}")


def built_seconds(line: str) -> float:
    """MkDocs' 'Documentation built in 12.34 seconds'."""
    match = re.search(r"built in ([\d.]+) seconds", line)
    return float(match.group(1)) if match else float("nan")


@contextlib.contextmanager
def serving(project: Path) -> Iterator[Log]:
    """``mkdocs serve`` on a free port for the length of the block, stopped with Ctrl-C as a writer would."""
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{free_port()}"]
    process = subprocess.Popen(
        command,
        cwd=project,
        env=build_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    assert process.stdout is not None
    log = Log(process.stdout)
    try:
        yield log
    finally:
        # SIGINT lets MkDocs delete its temporary site folder; SIGTERM would leave it behind.
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        # The reader thread ends at the end of the output. Closing the pipe under it instead would
        # wait for its read to return, which is forever if anything the server started still holds it.
        log.reader.join(timeout=10)
        if not log.reader.is_alive():
            process.stdout.close()


def serve_rebuild(project: Path, build_seconds: float) -> Serve:
    """Time one rebuild under ``mkdocs serve`` after editing a journey file.

    ``build_seconds``, what a plain build of the project took, bounds every
    wait: a server that is stuck is reported in minutes, not after an hour.
    """
    build_timeout = 120 + 10 * build_seconds
    journey = sorted((project / "journeys").glob("*.yml"))[0]
    with serving(project) as log:
        first = built_seconds(log.wait_for("Documentation built in", build_timeout)[1])
        log.wait_for("Serving on", 60)
        rebuild, reported = timed_rebuild(log, journey, build_timeout)
    return Serve(first, rebuild, reported)


def timed_rebuild(log: Log, journey: Path, build_timeout: float) -> tuple[float, float]:
    """Seconds from editing ``journey`` until the server reloads browsers, and the build time it logged.

    Once, in a full test run (not again in thirty tries), MkDocs reloaded
    browsers after a rebuild that logged nothing of its own, not even its
    time: such a rebuild is not timed, the next one is.
    """
    original = journey.read_text(encoding="utf-8")
    edits = itertools.count(1)
    for _ in range(3):
        edited = _edit_until_seen(journey, original, edits, log)
        start = len(log.seen)
        reloaded = log.wait_for("Reloading browsers", build_timeout)[0]
        built = [line for line in log.seen[start:] if "Documentation built in" in line]
        if built:
            return reloaded - edited, built_seconds(built[-1])
    log.fail("Documentation built in", " before browsers reloaded, in three rebuilds")


def _edit_until_seen(journey: Path, original: str, edits: Iterator[int], log: Log) -> float:
    """Edit ``journey`` until the server says it saw the change; when the last edit was made."""
    # The server polls for changes from a first listing of the files, taken on a thread of its own
    # as it starts serving: an edit before that listing goes unseen, so edit again until it is seen.
    for _ in range(30):
        edited = time.perf_counter()
        # A comment line: the journey is the same, but the file's size changes as well as its
        # modification time, which a file system with coarse timestamps might not show.
        journey.write_text(f"{original}# edited for the benchmark ({next(edits)})\n", encoding="utf-8")
        if log.next_with("Detected file changes", 2) is not None:
            return edited
    log.fail("Detected file changes", " in 60 s of editing a journey every 2 s")


# One size ------------------------------------------------------------------------


def scaled(counts: tuple[int, int, int], factor: float) -> tuple[int, int, int]:
    concepts, exercises, journeys = (max(1, round(n * factor)) for n in counts)
    return concepts, exercises, journeys


def waypost_config() -> str:
    """The repository's own mkdocs.yml, with the hook named by absolute path so the project can live anywhere."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    lines = [
        f"  - {HOOK_FILE}" if line.strip() == "- hooks/waypost_mkdocs.py" else line for line in config.splitlines()
    ]
    if f"  - {HOOK_FILE}" not in lines:
        raise BenchmarkError("mkdocs.yml no longer names hooks/waypost_mkdocs.py; update waypost_config()")
    return "\n".join(lines) + "\n"


def make_projects(folder: Path, counts: tuple[int, int, int], seed: int) -> dict[str, Path]:
    """The synthetic Waypost project and its plain twin, side by side in ``folder``."""
    projects = {"Waypost": folder / "waypost", "baseline": folder / "baseline"}
    started = time.perf_counter()
    stats = generate(projects["Waypost"], *counts, seed=seed)
    (projects["Waypost"] / "mkdocs.yml").write_text(waypost_config(), encoding="utf-8")
    pages = write_baseline(projects["Waypost"], projects["baseline"])
    print(
        f"  generated {stats.files:,} files ({stats.bytes / 1e6:.1f} MB, {stats.words:,} words, "
        f"{stats.steps:,} steps, {stats.decisions:,} decisions) and a {pages:,}-page baseline "
        f"in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    return projects


def measure_scale(folder: Path, factor: float, counts: tuple[int, int, int], runs: int, seed: int) -> Scale:
    print(f"{factor:g}×: {counts[0]:,} concepts, {counts[1]:,} exercises, {counts[2]:,} journeys", flush=True)
    projects = make_projects(folder, counts, seed)
    check(projects["Waypost"])  # before anything is timed: a benchmark of the clean path only
    sites = {side: folder / f"site-{side.lower()}" for side in SIDES}
    timings: dict[str, list[Run]] = {side: [] for side in SIDES}
    for number in range(runs):
        # Alternate which build goes first, so that a slow spell on a shared machine hits both.
        for side in SIDES if number % 2 == 0 else SIDES[::-1]:
            run = build(projects[side], sites[side], side)
            timings[side].append(run)
            print(f"  {side} build {number + 1}/{runs}: {run.seconds:.1f} s, {run.peak_mb:.0f} MB", flush=True)
    builds = {side: Builds(timings[side], measure_output(sites[side])) for side in SIDES}
    for site in sites.values():
        shutil.rmtree(site)
    check_seconds = [check(projects["Waypost"]).seconds for _ in range(runs)]
    print(f"  waypost check: median {statistics.median(check_seconds):.2f} s", flush=True)
    serve = serve_rebuild(projects["Waypost"], builds["Waypost"].median)
    print(f"  serve: rebuild after editing a journey took {serve.rebuild:.1f} s", flush=True)
    return Scale(factor, counts, builds, check_seconds, serve)


# Profiling -----------------------------------------------------------------------

PHASE_RUNS = 3


def phase_build(project: Path, folder: Path, label: str) -> dict[str, float]:
    """Wall-clock seconds of each phase of one build, in a fresh process (see ``phases.py``)."""
    run = run_child([sys.executable, str(PHASES_SCRIPT), str(project), str(folder / "site")], project, build_env())
    if run.code != 0:
        raise BenchmarkError(f"the timed {label} build failed:\n{run.output.strip()}")
    shutil.rmtree(folder / "site")
    return dict(json.loads(run.output.strip().splitlines()[-1])["phases"])


def median_phases(runs: list[dict[str, float]]) -> dict[str, float]:
    """Each phase's median over ``runs``: steadier than any one build, whose phases each wobble by a tenth.

    Their sum stands for the whole build, so that the table adds up.
    """
    return {label: statistics.median(run[label] for run in runs) for label in runs[0]}


def profile_build(project: Path, folder: Path, label: str) -> pstats.Stats:
    """One build under cProfile, in a fresh process like the timed builds."""
    out = folder / f"{label.lower()}.prof"
    command = [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "mkdocs", *build_args(folder / "site")]
    run = run_child(command, project, build_env())
    if run.code != 0:
        raise BenchmarkError(f"the profiled {label} build failed:\n{run.output.strip()}")
    shutil.rmtree(folder / "site")
    return pstats.Stats(str(out))


def top_functions(stats: pstats.Stats, count: int) -> list[tuple[float, str]]:
    """The functions with the most time of their own."""
    table = stats.stats  # type: ignore[attr-defined]
    rows = []
    for (filename, line, function), (_, _, own, _, _) in table.items():
        short = "/".join(filename.replace("\\", "/").split("/")[-2:])
        rows.append((own, f"{short}:{line} {function}"))
    return sorted(rows, reverse=True)[:count]


def print_profile(projects: dict[str, Path], folder: Path) -> None:
    runs: dict[str, list[dict[str, float]]] = {side: [] for side in SIDES}
    for number in range(PHASE_RUNS):
        for side in SIDES if number % 2 == 0 else SIDES[::-1]:
            runs[side].append(phase_build(projects[side], folder, side))
    phases = {side: median_phases(runs[side]) for side in SIDES}
    print(f"\nWhere the time goes (wall clock, a timer around each phase, median of {PHASE_RUNS} builds each):")
    print(f"  {'phase':<58} {'Waypost s':>10} {'baseline s':>11} {'difference':>11}")
    for label in phases["Waypost"]:
        waypost, baseline = phases["Waypost"][label], phases["baseline"][label]
        print(f"  {label:<58} {waypost:>10.2f} {baseline:>11.2f} {waypost - baseline:>+11.2f}")
    whole = {side: sum(phases[side].values()) for side in SIDES}
    hooks = {side: sum(s for label, s in phases[side].items() if label.startswith(WAYPOST_PREFIX)) for side in SIDES}
    rest = {side: whole[side] - hooks[side] for side in SIDES}
    hooks_label = "Waypost's hooks together"
    print(f"  {hooks_label:<58} {hooks['Waypost']:>10.2f}")
    for label, sums in (("MkDocs and Material together", rest), ("whole build (the phases added up)", whole)):
        waypost, baseline = sums["Waypost"], sums["baseline"]
        print(f"  {label:<58} {waypost:>10.2f} {baseline:>11.2f} {waypost / baseline:>10.2f}×")
    profiles = {side: profile_build(projects[side], folder, side) for side in SIDES}
    for side in SIDES:
        print(f"\n  {side}: functions with the most time of their own (cProfile, one build; it slows Python code)")
        for own, name in top_functions(profiles[side], 12):
            print(f"    {own:>7.2f} s  {name}")


# Report ---------------------------------------------------------------------------


def print_builds(scales: list[Scale]) -> None:
    print()
    print(
        f"{'size':>5} {'build':<9} {'pages':>6} {'median s':>9} {'CPU s':>7} {'peak MB':>8} "
        f"{'output MB':>10} {'page KB':>8} {'search MB':>10}  runs (s)"
    )
    for scale in scales:
        for side in SIDES:
            b, o = scale.builds[side], scale.builds[side].output
            runs = " ".join(f"{r.seconds:.1f}" for r in b.runs)
            print(
                f"{scale.factor:>4g}× {side:<9} {o.pages:>6,} {b.median:>9.2f} {b.cpu:>7.2f} {b.peak_mb:>8.0f} "
                f"{o.total_bytes / 1e6:>10.1f} {o.page_kb:>8.1f} {o.search_bytes / 1e6:>10.1f}  {runs}"
            )
        w, p = scale.builds["Waypost"], scale.builds["baseline"]
        print(
            f"{'':>5} {'ratio':<9} {'':>6} {scale.ratio:>8.2f}× {scale.cpu_ratio:>6.2f}× "
            f"{w.peak_mb / p.peak_mb:>7.2f}× {w.output.total_bytes / p.output.total_bytes:>9.2f}× "
            f"{w.output.page_kb / p.output.page_kb:>7.2f}×"
        )


def print_growth(scales: list[Scale]) -> None:
    """Growth between consecutive sizes; linear scaling matches the content ratio."""
    if len(scales) < 2:
        return
    print()
    for small, large in itertools.pairwise(scales):
        content = sum(large.counts) / sum(small.counts)
        print(f"{small.factor:g}× → {large.factor:g}× (content ×{content:.2f}):")
        for side in SIDES:
            s, b = small.builds[side], large.builds[side]
            print(
                f"  {side:<9} time ×{b.median / s.median:.2f}, CPU ×{b.cpu / s.cpu:.2f}, "
                f"peak memory ×{b.peak_mb / s.peak_mb:.2f}, average page ×{b.output.page_kb / s.output.page_kb:.2f}"
            )


def print_check_and_serve(scales: list[Scale]) -> None:
    print()
    print(f"{'size':>5} {'check median s':>15} {'serve: first build s':>21} {'rebuild s':>10} {'of which build s':>17}")
    for scale in scales:
        serve = scale.serve
        print(
            f"{scale.factor:>4g}× {statistics.median(scale.check):>15.2f} {serve.first_build:>21.2f} "
            f"{serve.rebuild:>10.2f} {serve.reported:>17.2f}"
        )
    print("rebuild s: from editing a journey file until the server reloads browsers (it polls every 0.5 s)")


def print_goals(scales: list[Scale]) -> None:
    middle = min(scales, key=lambda s: abs(s.factor - 1))

    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    print()
    print(f"Goals at {middle.factor:g}×:")
    print(f"  Waypost build ≤ {GOAL_RATIO:.2f}× baseline: ×{middle.ratio:.2f} {verdict(middle.ratio <= GOAL_RATIO)}")
    seconds = statistics.median(middle.check)
    print(f"  waypost check < {GOAL_CHECK_SECONDS:g} s: {seconds:.2f} s {verdict(seconds < GOAL_CHECK_SECONDS)}")
    for small, large in itertools.pairwise(scales):
        if abs(sum(large.counts) / sum(small.counts) - 2) > 0.1:
            continue  # the goal is about doubling
        w, v = small.builds["Waypost"], large.builds["Waypost"]
        time_ratio, memory = v.median / w.median, v.peak_mb / w.peak_mb
        pages = v.output.page_kb / w.output.page_kb
        ok = time_ratio <= GOAL_GROWTH and memory <= GOAL_GROWTH
        print(
            f"  doubling {small.factor:g}× → {large.factor:g}× ≤ {GOAL_GROWTH}× time and memory: "
            f"×{time_ratio:.2f} time, ×{memory:.2f} memory {verdict(ok)}; average page ×{pages:.2f}"
        )


# Command line ----------------------------------------------------------------------


class Parser(argparse.ArgumentParser):
    """Bad arguments end with one line that says what is wrong, not a usage dump."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def positive(kind: Callable[[str], float | int], what: str) -> Callable[[str], float | int]:
    def parse(text: str) -> float | int:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{what}, not {text!r}") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"{what}, not {text!r}")
        return value

    return parse


def parse_scales(text: str) -> list[float]:
    try:
        scales = sorted({float(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"scales are positive numbers such as 0.5,1,2, not {text!r}") from None
    if not scales or any(s <= 0 for s in scales):
        raise argparse.ArgumentTypeError(f"scales are positive numbers such as 0.5,1,2, not {text!r}")
    return scales


def parser() -> Parser:
    p = Parser(
        prog="build_scale",
        description="Benchmark a Waypost build against plain Material on the same pages, at several sizes.",
        epilog="Projects and sites are written to a temporary folder and deleted, unless --keep names one.",
    )
    p.add_argument(
        "--runs",
        type=positive(int, "runs is a whole number above 0"),
        default=5,
        help="builds of each kind per size; the median is reported (default 5)",
    )
    p.add_argument(
        "--scales", type=parse_scales, default=[0.5, 1.0, 2.0], help="multiples of the base size (default 0.5,1,2)"
    )
    p.add_argument(
        "--concepts",
        type=positive(int, "--concepts is a whole number above 0"),
        default=BASE_CONCEPTS,
        help=f"concepts at 1× (default {BASE_CONCEPTS:,})",
    )
    p.add_argument(
        "--exercises",
        type=positive(int, "--exercises is a whole number above 0"),
        default=BASE_EXERCISES,
        help=f"exercises at 1× (default {BASE_EXERCISES})",
    )
    p.add_argument(
        "--journeys",
        type=positive(int, "--journeys is a whole number above 0"),
        default=BASE_JOURNEYS,
        help=f"journeys at 1× (default {BASE_JOURNEYS}), 8-25 steps each",
    )
    p.add_argument("--seed", type=int, default=1, help="seed of the synthetic content (default 1)")
    p.add_argument(
        "--profile",
        action="store_true",
        help="also time each phase of the builds, and profile them, at the size nearest 1×",
    )
    p.add_argument("--keep", type=Path, metavar="DIR", help="write projects into DIR (absent or empty) and keep them")
    return p


def validate(args: argparse.Namespace, p: Parser) -> None:
    """Sizes the generator cannot make are bad arguments too, reported before anything runs."""
    for factor in args.scales:
        concepts, exercises, journeys = scaled((args.concepts, args.exercises, args.journeys), factor)
        if concepts < 3 or journeys < 2 or concepts + exercises < MIN_CONTENT:
            p.error(
                f"at {factor:g}× the project would have {concepts} concepts, {exercises} exercises and "
                f"{journeys} journeys; it needs at least 3 concepts, 2 journeys and {MIN_CONTENT} concepts "
                "and exercises in all"
            )
        if concepts + exercises > journeys * 24:
            p.error(
                f"at {factor:g}× {concepts + exercises:,} concepts and exercises do not fit in {journeys} journeys "
                "of at most 25 steps; add journeys"
            )
    if args.keep is not None and args.keep.exists() and (not args.keep.is_dir() or any(args.keep.iterdir())):
        p.error(f"--keep {args.keep} must be a new or empty folder")


def main(argv: Sequence[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    validate(args, p)
    base = (args.concepts, args.exercises, args.journeys)
    with contextlib.ExitStack() as stack:
        if args.keep is not None:
            work = args.keep.resolve()
            work.mkdir(parents=True, exist_ok=True)
        else:
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="waypost-build-bench-")))
        try:
            scales = [
                measure_scale(work / f"size-{f:g}", f, scaled(base, f), args.runs, args.seed) for f in args.scales
            ]
            print_builds(scales)
            print_growth(scales)
            print_check_and_serve(scales)
            print_goals(scales)
            if args.profile:
                middle = min(args.scales, key=lambda f: abs(f - 1))
                folder = work / f"size-{middle:g}"
                print_profile({"Waypost": folder / "waypost", "baseline": folder / "baseline"}, folder)
        except BenchmarkError as exc:
            print(f"build_scale: error: {exc}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
