"""The MkDocs build runs the same checks first and stops on errors."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES, make_site, mkdocs_build


def test_errors_stop_the_build_with_the_checker_messages_and_write_nothing(tmp_path: Path) -> None:
    root = make_site(tmp_path / "p", FIXTURES / "rules" / "unknown-reference")
    site = tmp_path / "site"
    result = mkdocs_build(root, site)
    assert result.returncode == 1
    assert (
        "ERROR   -  content/concepts/alpha.md:7:11: error [unknown-reference] unknown concept 'betta' "
        "(hint: did you mean 'beta'?)"
    ) in result.stderr
    assert "waypost check failed: 2 errors, 0 warnings in 5 files" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert not site.exists()


def test_warnings_fail_a_strict_build_only(tmp_path: Path) -> None:
    root = make_site(tmp_path / "p", FIXTURES / "rules" / "orphan-content")
    relaxed = mkdocs_build(root, tmp_path / "relaxed")
    assert relaxed.returncode == 0, relaxed.stderr
    assert (
        "WARNING -  content/concepts/gamma.md:2:5: warning [orphan-content] concept 'gamma' is in no journey"
    ) in relaxed.stderr
    strict = mkdocs_build(root, tmp_path / "strict", "--strict")
    assert strict.returncode == 1
