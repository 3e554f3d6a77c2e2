"""Where one MkDocs build spends its wall-clock time, phase by phase, without a profiler.

cProfile slows pure-Python code (Python-Markdown, Material's search parser,
Waypost's hooks) far more than C code (nh3, libyaml, file writes), so the
shares it gives each phase are skewed: at 1× it put Material's extra search
time at three quarters of the hooks' time, where a wall clock finds two
fifths. Instead, this wraps the entry point of each phase in a timer and
runs an ordinary build.

A phase called from inside another counts as part of the outer one: the
Jinja templates Waypost renders in its own events are Waypost's time, the
search index written by Material's ``on_post_build`` is search's. Whatever
no phase covers (MkDocs' configuration, file discovery, the page loop
itself) is "everything else", so the phases add up to the whole build.

    python3 benchmarks/phases.py PROJECT SITE

prints one line of JSON: ``{"total": seconds, "phases": {label: seconds}}``.
Run it in a fresh process for each build, as ``build_scale.py --profile``
does: the wrappers stay for the life of the process.
"""

from __future__ import annotations

import functools
import importlib
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

WAYPOST_PREFIX = "Waypost: "
OTHER = "MkDocs: everything else"
PHASES: list[tuple[str, str, str]] = [
    # (label, module, function or Class.method)
    ("Waypost: check and index (on_pre_build)", "waypost.mkdocs_adapter", "on_pre_build"),
    ("Waypost: generated pages (on_files)", "waypost.mkdocs_adapter", "on_files"),
    ("Waypost: links by id (on_page_markdown)", "waypost.mkdocs_adapter", "on_page_markdown"),
    ("Waypost: sections, sanitiser for other pages (on_page_content)", "waypost.mkdocs_adapter", "on_page_content"),
    ("Waypost: waiting for the sanitiser (on_env)", "waypost.mkdocs_adapter", "on_env"),
    ("Waypost: sidebars, blocks after search (on_page_context)", "waypost.mkdocs_adapter", "on_page_context"),
    ("Waypost: publishing the staged site (on_post_build)", "waypost.mkdocs_adapter", "on_post_build"),
    ("MkDocs: reading Markdown files", "mkdocs.structure.pages", "Page.read_source"),
    ("Python-Markdown: Markdown to HTML", "mkdocs.structure.pages", "Page.render"),
    # Waypost's converter for every page (waypost.markdown_reuse): Python-Markdown's time still.
    ("Python-Markdown: Markdown to HTML", "waypost.markdown_reuse", "render"),
    ("MkDocs: navigation", "mkdocs.commands.build", "get_navigation"),
    ("Material: search index, per page", "material.plugins.search.plugin", "SearchPlugin.on_page_context"),
    ("Material: search index, writing", "material.plugins.search.plugin", "SearchPlugin.on_post_build"),
    ("Material: page templates (Jinja2)", "jinja2", "Template.render"),
    ("MkDocs: writing pages", "mkdocs.utils", "write_file"),
    ("MkDocs: copying theme assets", "mkdocs.structure.files", "File.copy_file"),
]


class Timers:
    """Seconds per phase; only the outermost phase running at any moment is charged."""

    def __init__(self) -> None:
        self.seconds = dict.fromkeys((label for label, _, _ in PHASES), 0.0)
        self._depth = 0

    def wrap(self, label: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)  # keeps MkDocs' event priority, which is an attribute of the function
        def timed(*args: Any, **kwargs: Any) -> Any:
            self._depth += 1
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self.seconds[label] += time.perf_counter() - started

        return timed

    def install(self) -> None:
        """Wrap every phase where it is looked up: before MkDocs loads the hooks, which copy the functions."""
        for label, module_name, name in PHASES:
            owner: Any = importlib.import_module(module_name)
            *classes, attribute = name.split(".")
            for class_name in classes:
                owner = getattr(owner, class_name)
            setattr(owner, attribute, self.wrap(label, getattr(owner, attribute)))


def measure(project: Path, site: Path) -> dict[str, Any]:
    """Build ``project`` into ``site`` as ``mkdocs build --strict`` would, timing each phase."""
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    timers = Timers()
    timers.install()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    started = time.perf_counter()
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True))
    total = time.perf_counter() - started
    phases = dict(timers.seconds)
    phases[OTHER] = total - sum(phases.values())
    return {"total": total, "phases": phases}


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: phases.py PROJECT SITE", file=sys.stderr)
        return 2
    os.chdir(argv[0])  # as the command line does: the hooks' relative path is read from here
    print(json.dumps(measure(Path(argv[0]).resolve(), Path(argv[1]).resolve())))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
