"""The plain-Material twin of a Waypost project: the baseline a Waypost build is measured against.

It answers "what would MkDocs and Material cost for these pages anyway?". The
twin has the same concept and exercise Markdown (front matter included, since
MkDocs reads titles from it), with links by id turned into plain relative
links; one plain Markdown page per journey (summary, outcomes, steps as a
list of links, decisions as a nested list); the same home page with a plain
list where the journey cards go; plain index and contribute pages wherever
Waypost generates one; and the Waypost project's ``mkdocs.yml`` without the
``hooks:`` entry, so theme, Markdown extensions, search and validation
settings are the same.

The navigation has the same shape: home, Journeys, Concepts, Exercises and
Contribute, in Waypost's order. A long section (``waypost.navigation``) lists
only its index page, and its other pages are ``not_in_nav``: plain Material
cannot vary the sidebar per page, and this is the closest it comes to
Waypost's shortened sidebars, at slightly less work per page than Waypost
does (no current page and table of contents in the sidebar), so the
comparison never flatters Waypost.

    python3 benchmarks/baseline.py PROJECT DEST
"""

from __future__ import annotations

import argparse
import posixpath
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from waypost.index import LEVEL_ORDER
from waypost.links import IdLink, rewrite_id_links
from waypost.markers import CARDS_MARKER
from waypost.navigation import INDEX_TITLES, SECTION_INDEXES, group_label, is_long
from waypost.urls import CONTRIBUTE_INDEX, CONTRIBUTE_PAGES, FOLDERS, JOURNEYS_INDEX, source_path

_HOOKS = re.compile(r"(?m)^hooks:\n(?:[ \t]+-.*\n)+")
_EDIT_URI = re.compile(r"(?m)^edit_uri:.*\n")


@dataclass(frozen=True)
class Item:
    """A concept, exercise or journey as the baseline needs it: where it lives and what it is called."""

    kind: str
    id: str
    title: str
    summary: str
    level: str
    data: dict[str, Any]


def front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The YAML front matter of a Markdown file and its body."""
    _, meta, body = text.split("---\n", 2)
    return yaml.safe_load(meta), body


def read_items(project: Path) -> dict[str, dict[str, Item]]:
    """Every concept, exercise and journey of a Waypost project, by kind and id."""
    items: dict[str, dict[str, Item]] = {"concept": {}, "exercise": {}, "journey": {}}
    for kind in ("concept", "exercise"):
        for path in sorted((project / "content" / FOLDERS[kind]).glob("*.md")):
            data, _ = front_matter(path.read_text(encoding="utf-8"))
            items[kind][data["id"]] = _item(kind, data)
    for path in sorted((project / "journeys").glob("*.y*ml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        items["journey"][data["id"]] = _item("journey", data)
    return items


def _item(kind: str, data: dict[str, Any]) -> Item:
    return Item(kind, data["id"], data["title"], data.get("summary", ""), data.get("level", ""), data)


def by_title(items: dict[str, Item]) -> list[Item]:
    return sorted(items.values(), key=lambda i: (i.title.lower(), i.id))


def by_level(journeys: dict[str, Item]) -> list[Item]:
    """Journeys in Waypost's order: by level, then title."""
    return sorted(journeys.values(), key=lambda j: (LEVEL_ORDER.get(j.level, 9), j.title.lower(), j.id))


def link_to(kind: str, item_id: str, here: str) -> str:
    """A relative link from the Markdown file ``here`` to an item's Markdown file, as MkDocs resolves it."""
    return posixpath.relpath(source_path(kind, item_id), posixpath.dirname(here) or ".")


def plain_links(markdown: str, here: str) -> str:
    """``[text](concept:some-id)`` becomes ``[text](../concepts/some-id.md)``."""

    def target(link: IdLink) -> str:
        return link_to(link.kind, link.id, here)

    return rewrite_id_links(markdown, target)


def page(title: str, body: str, description: str = "") -> str:
    meta = {"title": title, **({"description": description} if description else {})}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n\n" + body


def journey_page(journey: Item, items: dict[str, dict[str, Item]]) -> str:
    """One journey as plain Markdown: what Waypost's generated page says, without its HTML and map."""
    here = source_path("journey", journey.id)
    data = journey.data
    steps = {s["id"]: s for s in data["steps"]}

    def step_link(step_id: str) -> str:
        if step_id == "end":
            return "the end of the journey"
        step = steps[step_id]
        if "decide" in step:
            return f"[{step['decide']}](#step-{step_id})"
        kind = "concept" if "concept" in step else "exercise"
        return f"[{items[kind][step[kind]].title}]({link_to(kind, step[kind], here)})"

    lines = [journey.summary, "", "## What you will be able to do", ""]
    lines += [f"- {outcome}" for outcome in data["outcomes"]]
    lines += ["", "## Steps", ""]
    for number, step in enumerate(data["steps"], start=1):
        if "decide" in step:
            lines.append(f"{number}. Decision: {step['decide']}")
            lines += [f"    - {option['label']}: {step_link(option['goto'])}" for option in step["options"]]
        else:
            lines.append(f"{number}. {step_link(step['id'])}")
    related = [items["journey"][j] for j in data.get("related", []) if j in items["journey"]]
    if related:
        lines += ["", "## Related journeys", ""]
        lines += [f"- [{j.title}]({link_to('journey', j.id, here)})" for j in related]
    return page(journey.title, "\n".join(lines) + "\n", journey.summary)


def journeys_index(journeys: dict[str, Item]) -> str:
    lines = ["Each journey is a path through concepts and exercises."]
    level = None
    for journey in by_level(journeys):
        if journey.level != level:
            level = journey.level
            lines += ["", f"## {level.capitalize()}", ""]
        lines.append(f"- [{journey.title}]({link_to('journey', journey.id, JOURNEYS_INDEX)}): {journey.summary}")
    return page("Journeys", "\n".join(lines) + "\n")


def content_index(kind: str, items: dict[str, Item]) -> str:
    """Every concept (or exercise) A to Z, as Waypost's index page of a long section lists them."""
    here = SECTION_INDEXES[kind]
    lines = [f"Every {kind} on this site, A to Z."]
    group = None
    for item in by_title(items):
        if group_label(item.title) != group:
            group = group_label(item.title)
            lines += ["", f"## {group}", ""]
        lines.append(f"- [{item.title}]({link_to(kind, item.id, here)}): {item.summary}")
    return page(INDEX_TITLES[kind], "\n".join(lines) + "\n")


def home_page(text: str, journeys: dict[str, Item]) -> str:
    cards = "\n".join(f"- [{j.title}]({link_to('journey', j.id, 'index.md')})" for j in by_level(journeys))
    return plain_links(text.replace(CARDS_MARKER, cards), "index.md")


def navigation(items: dict[str, dict[str, Item]], hand_written: list[str]) -> tuple[list[Any], list[str]]:
    """The nav of the Waypost build, and the folders whose pages a long section leaves out of it."""
    left_out: list[str] = []

    def section(kind: str, pages: list[str], index: list[str]) -> list[str]:
        if is_long(len(pages)):
            left_out.append(FOLDERS[kind])
            return [SECTION_INDEXES[kind]]
        return index + pages

    home = [p for p in hand_written if p == "index.md"]
    nav: list[Any] = home + [p for p in hand_written if p != "index.md"]
    journeys = [source_path("journey", j.id) for j in by_level(items["journey"])]
    nav.append({"Journeys": section("journey", journeys, [JOURNEYS_INDEX])})
    for kind, title in (("concept", "Concepts"), ("exercise", "Exercises")):
        pages = [source_path(kind, i.id) for i in by_title(items[kind])]
        if pages:
            nav.append({title: section(kind, pages, [])})
    nav.append({"Contribute": [CONTRIBUTE_INDEX, *CONTRIBUTE_PAGES.values()]})
    return nav, left_out


def mkdocs_config(waypost_config: str, nav: list[Any], left_out: list[str]) -> str:
    """The Waypost project's settings without its hooks, with an explicit nav.

    ``edit_uri`` goes too: Waypost drops it when there is no repository URL
    (the benchmark builds without one), and plain MkDocs would warn on every
    page instead.
    """
    config, count = _HOOKS.subn("", waypost_config)
    if count != 1:
        raise ValueError("the Waypost project's mkdocs.yml has no hooks: block to remove")
    config = _EDIT_URI.sub("", config)
    config += "\n" + yaml.safe_dump({"nav": nav}, allow_unicode=True, sort_keys=False)
    if left_out:
        # One pattern per folder: MkDocs matches every page against every pattern, so a pattern per
        # page would make the baseline quadratic. The index pages match too, harmlessly: they are in the nav.
        config += "not_in_nav: |\n" + "".join(f"  /{folder}/\n" for folder in left_out)
    return config


def write_baseline(project: Path, dest: Path) -> int:
    """Write the twin of ``project`` into ``dest`` (absent or empty); return its number of Markdown pages."""
    if dest.exists() and any(dest.iterdir()):
        raise FileExistsError(f"{dest} is not empty")
    items = read_items(project)
    source, docs = project / "content", dest / "content"
    written = 0

    def write(rel: str, text: str) -> None:
        nonlocal written
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written += 1

    hand_written: list[str] = []
    for path in sorted(source.rglob("*.md")):
        rel = path.relative_to(source).as_posix()
        text = path.read_text(encoding="utf-8")
        if rel.split("/")[0] not in FOLDERS.values():
            hand_written.append(rel)
            text = home_page(text, items["journey"]) if rel == "index.md" else text
        write(rel, plain_links(text, rel))
    for journey in items["journey"].values():
        write(source_path("journey", journey.id), journey_page(journey, items))
    write(JOURNEYS_INDEX, journeys_index(items["journey"]))
    for kind in INDEX_TITLES:
        if is_long(len(items[kind])):
            write(SECTION_INDEXES[kind], content_index(kind, items[kind]))
    write(CONTRIBUTE_INDEX, page("Contribute", "How to add content, and what the checker reports.\n"))
    for kind, rel in CONTRIBUTE_PAGES.items():
        write(rel, page(f"{kind.capitalize()} fields", f"The fields of a {kind} file.\n"))
    nav, left_out = navigation(items, hand_written)
    config = mkdocs_config((project / "mkdocs.yml").read_text(encoding="utf-8"), nav, left_out)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the plain-Material twin of a Waypost project.")
    parser.add_argument("project", type=Path, help="a Waypost project with its mkdocs.yml")
    parser.add_argument("dest", type=Path, help="folder to create (must be absent or empty)")
    args = parser.parse_args(argv)
    try:
        pages = write_baseline(args.project, args.dest)
    except (OSError, ValueError) as exc:
        print(f"baseline: error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {pages:,} Markdown pages and mkdocs.yml to {args.dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
