"""Run one child process and measure it: wall time, CPU time and its own peak memory."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    """One subprocess: its exit code, output, wall and CPU seconds, and peak resident memory."""

    code: int
    output: str
    seconds: float
    cpu: float
    peak_mb: float


def run_child(command: Sequence[str], cwd: Path | None = None, env: Mapping[str, str] | None = None) -> Run:
    """Run ``command``, timing it and reading its own CPU time and peak RSS.

    ``os.wait4`` reaps the child and returns its resource usage, so the
    figures belong to this one process and not to every child so far
    (``getrusage(RUSAGE_CHILDREN)`` would be a running maximum).
    """
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    output = process.stdout.read()
    process.stdout.close()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    kib = usage.ru_maxrss / 1024 if sys.platform == "darwin" else usage.ru_maxrss  # bytes on macOS
    return Run(process.returncode, output, seconds, usage.ru_utime + usage.ru_stime, kib / 1024)
