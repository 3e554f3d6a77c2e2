"""Browser tests' set-up: Debian's Chromium, installed when missing, and a local server.

Playwright drives the system Chromium (``executable_path``); it never downloads
a browser. On a machine without Chromium the set-up installs Debian's package
when it runs as root with apt-get, and otherwise fails with what to install:
a missing browser is a failure, never a skip.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def local_context(browser: Any, site_url: str, **options: Any) -> Any:
    """A fresh browser profile that can reach the local site and nothing else."""
    context = browser.new_context(**options)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site_url) else route.abort())
    return context


LAYOUT_SHIFT = """() => new Promise((done) => {
    let total = 0;
    new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
    }).observe({ type: "layout-shift", buffered: true });
    setTimeout(() => done(total), 500);
})"""
"""Script for ``page.evaluate``: the page's cumulative layout shift so far, not caused by input."""


def axe_violations(tab: Any) -> list[str]:
    """axe-core's violations on the page as it is now, one readable line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(tab)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}" for v in results.response["violations"]
    ]


def watched(tab: Any) -> Any:
    """``tab`` with ``tab.errors``: every script error, console error and dialog it meets."""
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(f"page error: {e} at {e.stack}"))
    tab.on("console", lambda m: m.type == "error" and errors.append(f"console: {m.text}"))
    tab.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    tab.errors = errors
    return tab


def find_chromium() -> str | None:
    configured = os.environ.get("WAYPOST_CHROMIUM")
    for candidate in ([configured] if configured else []) + list(CHROMIUM_CANDIDATES):
        if candidate and Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


def ensure_chromium() -> str:
    """The path of a Chromium binary, installing Debian's package if needed and possible."""
    found = find_chromium()
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update"], check=True, env=env, capture_output=True, timeout=900)
        subprocess.run(
            ["apt-get", "install", "-y", "--no-install-recommends", "chromium"],
            check=True,
            env=env,
            capture_output=True,
            timeout=1800,
        )
        found = find_chromium()
        if found:
            return found
    raise RuntimeError(
        "The browser tests need Chromium. Install Debian's package with "
        "`sudo apt-get install chromium` (or set WAYPOST_CHROMIUM to a Chromium binary) and run again."
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 for the duration; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
