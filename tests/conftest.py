"""Shared helpers: small projects built from the fixture corpus."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from sitebuild import BuiltSite

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BASE = FIXTURES / "base"


def make_project(dest: Path, *overlays: Path, files: dict[str, str | bytes] | None = None, base: Path = BASE) -> Path:
    """A copy of the valid base project, with overlay folders and files laid over it."""
    shutil.copytree(base, dest, dirs_exist_ok=True)
    for overlay in overlays:
        shutil.copytree(overlay, dest, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt"))
    for rel, content in (files or {}).items():
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return dest


@pytest.fixture(autouse=True)
def _plain_output(monkeypatch: pytest.MonkeyPatch) -> None:
    """On GitHub the checker adds annotation lines; tests compare the plain output unless they ask."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


def make_site(dest: Path, *overlays: Path, files: dict[str, str | bytes] | None = None) -> Path:
    """A fixture project with the repository's own mkdocs.yml, ready to build."""
    root = make_project(dest, *overlays, files=files)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("- hooks/waypost_mkdocs.py", f"- {ROOT / 'hooks' / 'waypost_mkdocs.py'}")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    index = root / "content" / "index.md"
    if not index.exists():
        index.write_text(
            "---\ntitle: Fixture site\n---\n## Welcome\n\n<!-- waypost:journey-cards -->\n", encoding="utf-8"
        )
    return root


def add_hook(root: Path, name: str, text: str) -> None:
    """A hook file ``name`` with ``text`` in the project, named in its mkdocs.yml before Waypost's own."""
    (root / name).write_text(text, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("hooks:\n", f"hooks:\n  - {name}\n", 1), encoding="utf-8"
    )


def mkdocs_build(
    root: Path, site_dir: Path, *args: str, env_extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir), *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env_extra or {})},
    )


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    from sitebuild import build

    return build(ROOT, tmp_path_factory.mktemp("shipped") / "site")


@pytest.fixture(scope="session")
def multi_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    from sitebuild import build

    root = make_site(tmp_path_factory.mktemp("multi") / "p", FIXTURES / "sites" / "multi")
    return build(root, root / "site")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    from sitebuild import build

    root = make_site(tmp_path_factory.mktemp("hostile") / "p", FIXTURES / "sites" / "hostile")
    # The checker refuses this markup (content policy); skipping that shows the templates escape it anyway.
    return build(root, root / "site", env_extra={"WAYPOST_UNSAFE_SKIP_CONTENT_POLICY": "1"})


@pytest.fixture(scope="session")
def chromium_path() -> str:
    from browser import ensure_chromium

    return ensure_chromium()


@pytest.fixture(scope="session")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The shipped site, built for the address it is served at on 127.0.0.1.

    Material's instant navigation only takes over links within its ``site_url``,
    so the site is built after the server has its port.
    """
    from browser import serve
    from sitebuild import build

    folder = tmp_path_factory.mktemp("served") / "site"
    folder.mkdir()
    with serve(folder) as url:
        build(ROOT, folder, env_extra={"SITE_URL": url})
        yield url


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    from browser import LAUNCH_ARGS

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def context(browser: Any, site_url: str) -> Iterator[Any]:
    """A fresh browser profile that can reach the local site and nothing else."""
    from browser import local_context

    ctx = local_context(browser, site_url, viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: Any) -> Iterator[Any]:
    """A tab that fails the test on any script error, console error or dialog."""
    from browser import watched

    tab = watched(context.new_page())
    yield tab
    assert tab.errors == []
