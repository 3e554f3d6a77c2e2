"""``mkdocs serve`` watches journeys/, shows checker errors without dying, and recovers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import FIXTURES, add_hook, make_site

SANITISE_BESIDE = """\
import sys

from waypost import mkdocs_adapter
from waypost.sanitiser_process import SanitiserProcess

mkdocs_adapter.CLEAN_BESIDE_FROM = 0
if not hasattr(SanitiserProcess, "unwatched_start"):  # MkDocs runs this file again for each build
    SanitiserProcess.unwatched_start = SanitiserProcess.start

    def start(cls, site):
        process = cls.unwatched_start(site)
        print("sanitiser process:", "started" if process else "none", file=sys.stderr, flush=True)
        return process

    SanitiserProcess.start = classmethod(start)
"""
"""A hook that has this small site's pages cleaned by a sanitiser process, as a large site's are, and says so."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(url: str, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = fetch(url)
        if text in body:
            return body
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {text!r}")


def test_serve_shows_errors_then_recovers_when_a_journey_is_fixed(tmp_path: Path) -> None:
    root = make_site(tmp_path / "p", FIXTURES / "sites" / "multi")
    add_hook(root, "sanitise_beside.py", SANITISE_BESIDE)
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    base = f"http://127.0.0.1:{port}/"
    journey = root / "journeys/second-path.yml"
    original = journey.read_text(encoding="utf-8")
    try:
        wait_for(base + "journeys/second-path/", "Beta, then practice.")
        journey.write_text(original.replace("concept: beta", "concept: betta"), encoding="utf-8")
        page = wait_for(base, "Content problems")
        assert "journeys/second-path.yml:11:14: error [unknown-reference] unknown concept &#39;betta&#39;" in page
        assert server.poll() is None, "the server keeps running"
        journey.write_text(original.replace("Beta, then practice.", "Beta, then practice again."), encoding="utf-8")
        wait_for(base + "journeys/second-path/", "Beta, then practice again.")
        # Each rebuild in the same process has its own shared converter and sanitiser process: a page edited
        # after two rebuilds shows its new text, cleaned, with Waypost's sections around it.
        concept = root / "content/concepts/alpha.md"
        concept.write_text(
            concept.read_text(encoding="utf-8").replace("Alpha comes first.", "Alpha comes first, *edited*."),
            encoding="utf-8",
        )
        page = wait_for(base + "concepts/alpha/", "Alpha comes first, <em>edited</em>.")
        assert 'data-wp-done="concept:alpha"' in page and "waypost:sanitising" not in page
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
        assert children.read_text().split() == [], "each build's sanitiser process has ended"
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    output = (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert "ERROR   -  journeys/second-path.yml:11:14: error [unknown-reference] unknown concept 'betta'" in output
    assert "Traceback" not in output
    # The first build, the one after the fix and the one after the edit: the failed check starts none.
    assert output.count("sanitiser process: started") >= 3 and "sanitiser process: none" not in output
