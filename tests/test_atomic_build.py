"""A build that fails never leaves a half-written site/: the previous site stays exactly as it was."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from conftest import FIXTURES, add_hook, make_site, mkdocs_build

FAILING_HOOK = """
def on_post_page(output, page, config):
    # Injected fault: pages before this one are already written when it raises.
    if page.file.src_uri == "concepts/beta.md":
        raise RuntimeError("injected failure half-way through the build")
    return output
"""


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with a hash of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if ".waypost-" in p.name)


def built_once(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    root = make_site(tmp_path / "p")
    site = root / "site"
    first = mkdocs_build(root, site)
    assert first.returncode == 0, first.stderr
    return root, site, snapshot(site)


def test_a_build_that_raises_half_way_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    root, site, before = built_once(tmp_path)
    (root / "content/concepts/alpha.md").write_text(
        (root / "content/concepts/alpha.md").read_text(encoding="utf-8").replace("Alpha comes first.", "Changed."),
        encoding="utf-8",
    )
    add_hook(root, "failing_hook.py", FAILING_HOOK)
    result = mkdocs_build(root, site)
    assert result.returncode != 0
    assert "injected failure half-way" in result.stderr
    assert snapshot(site) == before
    assert leftovers(root) == []


def test_a_strict_build_with_warnings_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    root, site, before = built_once(tmp_path)
    (root / "content/concepts/gamma.md").write_text(
        (FIXTURES / "rules/orphan-content/content/concepts/gamma.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = mkdocs_build(root, site, "--strict")
    assert result.returncode == 1
    assert "Aborted with" in result.stdout + result.stderr
    assert snapshot(site) == before
    assert leftovers(root) == []


def test_a_failed_check_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    root, site, before = built_once(tmp_path)
    journey = root / "journeys/first-steps.yml"
    journey.write_text(journey.read_text(encoding="utf-8").replace("concept: beta", "concept: betta"), encoding="utf-8")
    result = mkdocs_build(root, site)
    assert result.returncode == 1
    assert snapshot(site) == before
    assert leftovers(root) == []


def test_a_successful_build_replaces_the_whole_site(tmp_path: Path) -> None:
    root, site, _ = built_once(tmp_path)
    (site / "stale.html").write_text("from an older build", encoding="utf-8")
    alpha = root / "content/concepts/alpha.md"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("Alpha comes first.", "Alpha is new."), encoding="utf-8")
    result = mkdocs_build(root, site)
    assert result.returncode == 0, result.stderr
    assert not (site / "stale.html").exists()
    assert "Alpha is new." in (site / "concepts/alpha/index.html").read_text(encoding="utf-8")
    assert leftovers(root) == []


def test_a_dirty_build_starts_from_the_previous_site(tmp_path: Path) -> None:
    root, site, before = built_once(tmp_path)
    result = mkdocs_build(root, site, "--dirty")
    assert result.returncode == 0, result.stderr
    assert set(snapshot(site)) == set(before)


def test_the_leftovers_of_an_interrupted_build_are_cleared(tmp_path: Path) -> None:
    root = make_site(tmp_path / "p")
    dead = root / ".site.waypost-staging-999999999"  # no process has this id
    (dead / "concepts").mkdir(parents=True)
    (dead / "index.html").write_text("half a site", encoding="utf-8")
    running = root / f".site.waypost-staging-{os.getppid()}"  # a live process: maybe another build, kept
    running.mkdir()
    result = mkdocs_build(root, root / "site")
    assert result.returncode == 0, result.stderr
    assert not dead.exists()
    assert running.exists()
