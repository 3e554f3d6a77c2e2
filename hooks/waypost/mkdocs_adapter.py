"""MkDocs event handlers: the only module that imports MkDocs.

Each handler wires pipeline stages together and holds no logic of its own:
check in ``on_pre_build``, generate pages in ``on_files``, inject sections
in the page events.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from waypost.check import CheckResult, check_project
from waypost.problems import Severity, summary_line

log = logging.getLogger("mkdocs.plugins.waypost")


@dataclass
class _BuildState:
    """What one build knows; reset in ``on_config`` since MkDocs keeps hook modules loaded."""

    command: str = "build"
    root: Path = Path(".")
    result: CheckResult | None = None


_state = _BuildState()


def on_startup(command: str, dirty: bool) -> None:
    _state.command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _state.root = Path(config.config_file_path).resolve().parent
    _state.result = None
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    result = check_project(_state.root)
    for problem in result.problems:
        (log.error if problem.severity is Severity.ERROR else log.warning)(problem.format())
    if result.errors:
        raise Abort(f"waypost check failed: {summary_line(result.problems, result.files_checked)}")
    _state.result = result


def on_files(files: Files, config: MkDocsConfig) -> Files:
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return markdown


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    return context


def on_post_build(config: MkDocsConfig) -> None:
    return None


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    for folder in ("journeys", "schemas"):
        path = _state.root / folder
        if path.is_dir():
            server.watch(str(path))
    return server
