"""The content that ships with the repository is clean."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_shipped_content_passes_strict_check() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "waypost", "check", "--strict", str(ROOT)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1].startswith("0 errors, 0 warnings in ")
