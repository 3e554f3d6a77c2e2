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
    assert "waypost check failed: 4 errors, 0 warnings in 5 files" in result.stdout + result.stderr
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


def test_links_by_path_the_check_refuses_stop_the_build_and_those_it_accepts_build_strict(tmp_path: Path) -> None:
    fixture = FIXTURES / "rules" / "broken-link"
    lines = [line for line in (fixture / "expected.txt").read_text(encoding="utf-8").splitlines() if "[" in line]
    refused = mkdocs_build(make_site(tmp_path / "refused", fixture), tmp_path / "site-refused")
    assert refused.returncode == 1
    assert [line for line in lines if f"ERROR   -  {line}" not in refused.stderr] == []
    # What the checker accepts, MkDocs accepts: the same pages with the refused links pointed at beta.
    page = (fixture / "content" / "concepts" / "alpha.md").read_text(encoding="utf-8")
    home = (fixture / "content" / "index.md").read_text(encoding="utf-8")
    for line in lines:
        target = line.split("link to '", 1)[1].split("'", 1)[0]
        page = page.replace(f"]({target})", "](beta.md)").replace(f"]: <{target}>", "]: beta.md")
        home = home.replace(f"]({target})", "](concepts/beta.md)")
    files = {"content/concepts/alpha.md": page, "content/index.md": home}
    accepted = mkdocs_build(make_site(tmp_path / "accepted", fixture, files=files), tmp_path / "site", "--strict")
    assert accepted.returncode == 0, accepted.stderr
    assert "WARNING" not in accepted.stderr
