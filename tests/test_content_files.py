"""What may sit in content/ and journeys/: links that leave their folder, file types and file names.

MkDocs publishes every file of content/ and follows symbolic links while
it does; these tests show the checker refusing what would leak or run,
the build refusing it too, and names with spaces, accents or a leading dot
handled one clear way.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BASE, make_project, make_site, mkdocs_build
from waypost.check import check_project
from waypost.tree import publish_refusal, safe_name

ALPHA = (BASE / "content/concepts/alpha.md").read_text(encoding="utf-8")
BETA = (BASE / "content/concepts/beta.md").read_text(encoding="utf-8")


def problems_of(root: Path) -> list[str]:
    return [p.format() for p in check_project(root).problems]


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the project that a link must not publish."""
    path = tmp_path / "outside" / "id_rsa"
    path.parent.mkdir()
    path.write_text("PRIVATE KEY", encoding="utf-8")
    return path


def test_a_linked_image_outside_the_project_is_refused_and_never_published(tmp_path: Path, secret: Path) -> None:
    root = make_site(tmp_path / "p")
    (root / "content/concepts/diagram.png").symlink_to(secret)
    assert problems_of(root) == [
        "content/concepts/diagram.png:1:1: error [file-outside-project] symbolic link points outside the project"
    ]
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 1
    assert not (tmp_path / "site").exists()


def test_a_link_to_a_file_of_the_project_outside_content_is_refused(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", files={".env": "TOKEN=secret\n"})
    (root / "content/env.txt").symlink_to(root / ".env")
    assert problems_of(root) == [
        "content/env.txt:1:1: error [file-outside-project] symbolic link points outside content/ "
        "(hint: copy the file into content/ instead: everything a link in content/ reaches is read and published)"
    ]


def test_a_link_inside_content_is_fine(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", files={"content/images/a.png": b"\x89PNG"})
    (root / "content/images/b.png").symlink_to(root / "content/images/a.png")
    assert problems_of(root) == []


def test_a_linked_folder_is_refused_and_not_read(tmp_path: Path, secret: Path) -> None:
    root = make_project(tmp_path / "p")
    (root / "content/keys").symlink_to(secret.parent, target_is_directory=True)
    assert problems_of(root) == [
        "content/keys:1:1: error [file-outside-project] symbolic link points outside the project"
    ]


def test_a_linked_content_folder_is_refused_and_its_files_are_not_read(tmp_path: Path) -> None:
    elsewhere = make_project(tmp_path / "elsewhere")
    root = make_project(tmp_path / "p")
    for path in (root / "content/exercises").iterdir():
        path.unlink()
    (root / "content/exercises").rmdir()
    (root / "content/exercises").symlink_to(elsewhere / "content/exercises", target_is_directory=True)
    problems = problems_of(root)
    assert "content/exercises:1:1: error [file-outside-project] symbolic link points outside the project" in problems
    assert not any(p.startswith("content/exercises/") for p in problems)


def test_a_folder_linked_to_its_own_parent_is_refused_without_a_hang(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    (root / "content/loop").symlink_to(root / "content", target_is_directory=True)
    result = subprocess.run(
        [sys.executable, "-m", "waypost", "check", str(root)], capture_output=True, text=True, timeout=60, cwd=root
    )
    assert result.stdout.splitlines()[0] == (
        "content/loop:1:1: error [file-outside-project] symbolic link to a folder (hint: copy the folder instead: "
        "MkDocs follows folder links and publishes everything they reach)"
    )


def test_a_link_to_nothing_is_reported(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    (root / "content/gone.png").symlink_to(tmp_path / "missing.png")
    assert problems_of(root) == [
        "content/gone.png:1:1: error [file-unreadable] cannot read file: symbolic link points to nothing"
    ]


def test_links_that_loop_are_reported_not_followed(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    (root / "content/concepts/a.md").symlink_to(root / "content/concepts/b.md")
    (root / "content/concepts/b.md").symlink_to(root / "content/concepts/a.md")
    (root / "content/page.md").symlink_to(root / "content/page.md")
    (root / "journeys/round.yml").symlink_to(root / "journeys/round.yml")
    (root / "placement.yml").symlink_to(root / "placement.yml")
    looped = "loops back to itself" if sys.version_info < (3, 13) else "points to nothing"
    assert problems_of(root) == [
        f"{rel}:1:1: error [file-unreadable] cannot read file: symbolic link {looped}"
        for rel in ("content/concepts/a.md", "content/concepts/b.md", "content/page.md", "journeys/round.yml")
    ] + [f"placement.yml:1:1: error [file-unreadable] cannot read file: symbolic link {looped}"]


def test_a_journey_linked_from_outside_journeys_is_refused(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    journey = root / "journeys/first-steps.yml"
    kept = root / "first-steps.yml"
    journey.rename(kept)
    journey.symlink_to(kept)
    assert (
        "journeys/first-steps.yml:1:1: error [file-outside-project] symbolic link points outside journeys/ "
        "(hint: copy the file into journeys/ instead: everything a link in journeys/ reaches is read)"
    ) in problems_of(root)


def test_the_build_refuses_what_the_check_refuses_file_by_file(tmp_path: Path, secret: Path) -> None:
    """The build's own guard, asked of each file MkDocs is about to copy, whatever the checker said."""
    docs = tmp_path / "content"
    docs.mkdir()
    (docs / "ok.png").write_bytes(b"\x89PNG")
    (docs / "page.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (docs / "leak.png").symlink_to(secret)
    (docs / "clean.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0"/></svg>', encoding="utf-8")
    (docs / "bad.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', encoding="utf-8")
    # Over the limit in bytes, not in characters: the script sits past where a cut by characters would look.
    padded = '<svg xmlns="http://www.w3.org/2000/svg"><!--' + "é" * 270_000 + "--><script>alert(1)</script></svg>"
    (docs / "big.svg").write_text(padded, encoding="utf-8")
    refusals = {path.name: publish_refusal(docs, path) for path in sorted(docs.iterdir())}
    assert refusals == {
        "bad.svg": "the SVG file can run script",
        "big.svg": "the SVG file is over the 524,288-byte limit",
        "clean.svg": None,
        "leak.png": "it is reached through a symbolic link that points outside the docs folder",
        "ok.png": None,
        "page.html": "files of type '.html' are not published",
    }


def test_a_concept_file_name_with_a_space_gets_one_clear_error(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    (root / "content/concepts/beta.md").rename(root / "content/concepts/my beta.md")
    assert problems_of(root) == [
        "content/concepts/my beta.md:2:5: error [id-filename] concept id 'beta' does not match the file name "
        "'my beta.md' (hint: rename the file to 'beta.md': a file name is its id, in lowercase letters, digits "
        "and hyphens)"
    ]


def test_a_concept_file_name_with_an_accent_gets_one_clear_error(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", files={"content/concepts/café.md": BETA.replace("id: beta", "id: cafe")})
    (root / "content/concepts/beta.md").unlink()
    assert (
        "content/concepts/café.md:2:5: error [id-filename] concept id 'cafe' does not match the file name 'café.md' "
        "(hint: rename the file to 'cafe.md': a file name is its id, in lowercase letters, digits and hyphens)"
    ) in problems_of(root)


def test_a_page_title_made_from_a_file_name_cannot_carry_markup(tmp_path: Path) -> None:
    """MkDocs titles a page without a title after its file name, and the theme prints titles raw."""
    root = make_project(tmp_path / "p", files={"content/<img src=x onerror=alert(1)>.md": "A page.\n"})
    assert problems_of(root) == [
        "content/<img src=x onerror=alert(1)>.md:1:1: error [file-name] file name '<img src=x onerror=alert(1)>.md' "
        "uses characters other than letters a-z, digits, '-', '_' and '.' (hint: rename it to "
        "'img-src-x-onerror-alert-1.md': names become page addresses and, without a title, page titles)"
    ]


def test_hidden_files_and_folders_are_ignored_by_the_checker_and_the_build(tmp_path: Path) -> None:
    root = make_site(
        tmp_path / "p",
        files={
            "content/concepts/.draft.md": "not even front matter",
            "content/.obsidian/workspace.json": "{}",
            "content/.notes.md": "---\ntitle: <script>alert(1)</script>\n---\n",
        },
    )
    assert problems_of(root) == []
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    built = {p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*")}
    assert not [name for name in built if "draft" in name or "obsidian" in name or "notes" in name]


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [("Café notes.md", "cafe-notes.md"), ("Screenshot 2024-05-01 at 10.00.png", "screenshot-2024-05-01-at-10.00.png")],
)
def test_rename_suggestions_are_safe_names(name: str, suggestion: str) -> None:
    assert safe_name(name) == suggestion


def test_a_page_in_a_subfolder_of_a_content_folder_is_never_published(tmp_path: Path) -> None:
    docs = tmp_path / "content"
    for rel in ("concepts/drafts/idea.md", "concepts/img/map.png", "concepts/idea.md", "guides/deep/page.md"):
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text("x", encoding="utf-8")
    refusals = {
        rel: publish_refusal(docs, docs / rel)
        for rel in sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.*"))
    }
    assert refusals == {
        "concepts/drafts/idea.md": "it is a page in a subfolder of a content folder, which is never checked",
        "concepts/idea.md": None,
        "concepts/img/map.png": None,
        "guides/deep/page.md": None,
    }


BACKUP_HINT = (
    "looks like a backup or temporary file left by an editor or another tool (hint: delete it, or move it out of "
    "content/ if you still need it: content/ holds only what the site publishes)"
)


def test_a_backup_or_temporary_file_gets_one_error_that_says_to_delete_it(tmp_path: Path) -> None:
    """Renaming 'alpha.md~' to what its name suggests would overwrite the page it is a copy of."""
    root = make_project(
        tmp_path / "p",
        files={
            "content/concepts/alpha.md~": ALPHA,
            "content/concepts/#alpha.md#": ALPHA,
            "content/concepts/alpha.md.orig": ALPHA,
            "content/notes.md.bak": "notes",
            "content/img/diagram.svg.swp": "swap",
            "content/~$slides.pptx": "lock",
            "journeys/first-steps.yml~": "not read: journeys/ holds only .yml and .yaml journeys",
        },
    )
    assert problems_of(root) == [
        f"content/concepts/#alpha.md#:1:1: error [file-type] '#alpha.md#' {BACKUP_HINT}",
        f"content/concepts/alpha.md.orig:1:1: error [file-type] 'alpha.md.orig' {BACKUP_HINT}",
        f"content/concepts/alpha.md~:1:1: error [file-type] 'alpha.md~' {BACKUP_HINT}",
        f"content/img/diagram.svg.swp:1:1: error [file-type] 'diagram.svg.swp' {BACKUP_HINT}",
        f"content/notes.md.bak:1:1: error [file-type] 'notes.md.bak' {BACKUP_HINT}",
        f"content/~$slides.pptx:1:1: error [file-type] '~$slides.pptx' {BACKUP_HINT}",
    ]


def test_a_rename_hint_never_names_a_file_or_folder_that_exists(tmp_path: Path) -> None:
    """Nor one that another hint already suggests, nor one that differs only in case (macOS, Windows)."""
    root = make_project(
        tmp_path / "p",
        files={
            "content/notes/my-notes.md": "# Notes\n",
            "content/notes/My Notes.md": "# Notes\n",
            "content/notes/my  notes.md": "# Notes\n",
            "content/notes/my-notes.markdown": "# Notes\n",
            "content/notes/CAFE.png": "png",
            "content/notes/Café.png": "png",
            "content/old-files/a.txt": "text",
            "content/Old Files/a.txt": "text",
        },
    )
    unsafe = "uses characters other than letters a-z, digits, '-', '_' and '.'"
    why = "names become page addresses and, without a title, page titles"
    assert problems_of(root) == [
        f"content/Old Files:1:1: error [file-name] folder name 'Old Files' {unsafe} "
        f"(hint: rename it to 'old-files-2' ('old-files' already exists): {why})",
        f"content/notes/Café.png:1:1: error [file-name] file name 'Café.png' {unsafe} "
        f"(hint: rename it to 'cafe-2.png' ('cafe.png' already exists): {why})",
        f"content/notes/My Notes.md:1:1: error [file-name] file name 'My Notes.md' {unsafe} "
        f"(hint: rename it to 'my-notes-2.md' ('my-notes.md' already exists): {why})",
        f"content/notes/my  notes.md:1:1: error [file-name] file name 'my  notes.md' {unsafe} "
        f"(hint: rename it to 'my-notes-3.md' ('my-notes.md' already exists): {why})",
        "content/notes/my-notes.markdown:1:1: error [file-type] 'my-notes.markdown' is not checked: Waypost reads "
        "Markdown pages ending in .md (hint: rename it to 'my-notes-4.md' ('my-notes.md' already exists))",
    ]


def test_a_copy_of_a_concept_is_told_it_may_be_deleted_not_to_take_the_original_name(tmp_path: Path) -> None:
    """The file named after the id keeps it: the copies are the files reported, once each."""
    root = make_project(
        tmp_path / "p", files={"content/concepts/alpha copy.md": ALPHA, "content/concepts/alpha-2.md": ALPHA}
    )
    assert problems_of(root) == [
        "content/concepts/alpha copy.md:2:5: error [id-filename] concept id 'alpha' does not match the file name "
        "'alpha copy.md' (hint: delete this file if it is a copy of 'alpha.md', which already exists; or give it "
        "an id of its own and name the file after it)",
        "content/concepts/alpha-2.md:2:5: error [id-filename] concept id 'alpha' does not match the file name "
        "'alpha-2.md' (hint: set id: alpha-2, or delete this file if it is a copy of 'alpha.md', which already "
        "exists)",
    ]
