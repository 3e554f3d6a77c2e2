"""Relative links between site URLs: the same as resolving the paths, for every URL MkDocs makes."""

from __future__ import annotations

import posixpath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from waypost.urls import relative

SEGMENTS = st.lists(st.sampled_from(["concepts", "journeys", "alpha", "beta", "a"]), max_size=3)


@st.composite
def site_urls(draw: st.DrawFn) -> str:
    """'' or './' (the home page), 'folder/page/' (directory URLs) or 'folder/page.html'."""
    folders = draw(SEGMENTS)
    if not folders and draw(st.booleans()):
        return "./"
    if draw(st.booleans()):
        return "".join(f"{folder}/" for folder in folders)
    return "/".join([*folders, draw(st.sampled_from(["index.html", "alpha.html", "b.html"]))])


def resolved(target: str, here: str) -> str:
    """The link as resolving both paths gives it: what ``relative`` must equal."""
    base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    path = posixpath.relpath("/" + target, "/" + base)
    if target.endswith("/") or not target:
        path = path.rstrip("/") + "/"
    return "./" if path in (".", "./") else path


@given(site_urls(), site_urls())
def test_a_link_is_the_path_from_the_page_to_its_target(target: str, here: str) -> None:
    assert relative(target, here) == resolved(target, here)


@pytest.mark.parametrize(
    ("target", "here", "link"),
    [
        ("concepts/beta/", "concepts/alpha/", "../beta/"),
        ("concepts/alpha/", "concepts/alpha/", "./"),
        ("", "concepts/alpha/", "../../"),
        ("concepts/", "concepts/alpha/", "../"),
        ("journeys/a/", "", "journeys/a/"),
        ("journeys/a/", "./", "journeys/a/"),
        ("./", "journeys/a/", "../../"),
        ("index.html", "concepts/alpha.html", "../index.html"),
        ("concepts/beta.html", "concepts/alpha.html", "beta.html"),
    ],
)
def test_links_between_pages_read_as_a_writer_would_write_them(target: str, here: str, link: str) -> None:
    assert relative(target, here) == link
