"""The sanitiser process cleans concept and exercise pages as the page loop would, and says so when it fails."""

from __future__ import annotations

import io
import logging
import os
import pickle
import signal
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from conftest import BASE, ROOT, add_hook, make_site
from waypost import mkdocs_adapter, render, sanitiser_process
from waypost.check import check_project
from waypost.headings import HeadingStyle
from waypost.index import build_index
from waypost.sanitise import Cleaned, CleanedParts, clean_generated, clean_parts
from waypost.sanitiser_process import CleanedSections, SanitiserProcess, SanitiserStopped, Site, clean_sections, serve
from waypost.stash import PLACEHOLDER_PATTERN
from waypost.urls import Urls

HOSTILE = (BASE / "content/concepts/beta.md").read_text(encoding="utf-8") + "\nBeta <img src=x onerror=alert(1)>\n"


@pytest.fixture(scope="module")
def site() -> Site:
    """The fixture project's, as a build hands it to the process."""
    return Site(build_index(check_project(BASE, directory_urls=True).project), Urls(), HeadingStyle())


def record_starts(monkeypatch: pytest.MonkeyPatch) -> list[SanitiserProcess]:
    """The sanitiser processes the builds start from now on."""
    started: list[SanitiserProcess] = []
    start = SanitiserProcess.start.__func__  # type: ignore[attr-defined]

    def recorded(cls: type[SanitiserProcess], site: Site) -> SanitiserProcess | None:
        process = start(cls, site)
        started.extend([process] if process else [])
        return process

    monkeypatch.setattr(SanitiserProcess, "start", classmethod(recorded))
    return started


NEVER = 10**9


def build_site(
    project: Path,
    site: Path,
    monkeypatch: pytest.MonkeyPatch,
    beside: bool,
    strict: bool = True,
    convert_every: int = NEVER,
) -> None:
    """Build ``project``; with ``beside``, its pages go to a process however few they are, else none does. Of
    those, every ``convert_every``-th concept or exercise page is converted there too, as on two cores or more."""
    monkeypatch.setattr(mkdocs_adapter, "CLEAN_BESIDE_FROM", 0 if beside else NEVER)
    monkeypatch.setattr(mkdocs_adapter, "CONVERT_BESIDE_EVERY", convert_every)
    monkeypatch.setattr(mkdocs_adapter, "_cores", lambda: 2)
    monkeypatch.chdir(project)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=strict))


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def record_jobs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The jobs the builds send to a sanitiser process from now on, by name."""
    jobs: list[str] = []
    send = SanitiserProcess.send

    def recorded(self: SanitiserProcess, job: str, *args: Any) -> None:
        jobs.append(job)
        send(self, job, *args)

    monkeypatch.setattr(SanitiserProcess, "send", recorded)
    return jobs


SHIPPED_ITEMS = len(list((ROOT / "content/concepts").glob("*.md")) + list((ROOT / "content/exercises").glob("*.md")))


@pytest.mark.parametrize(
    ("convert_every", "converted"),
    [(NEVER, 0), (3, SHIPPED_ITEMS // 3), (1, SHIPPED_ITEMS)],
    ids=["cleaned-there", "every-third-converted-there", "all-converted-there"],
)
def test_the_shipped_site_is_the_same_made_by_the_process_or_in_the_loop(
    convert_every: int, converted: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, jobs = record_starts(monkeypatch), record_jobs(monkeypatch)
    build_site(ROOT, tmp_path / "beside", monkeypatch, beside=True, convert_every=convert_every)
    assert len(started) == 1
    assert jobs.count("page") == converted
    assert jobs.count("page") + jobs.count("sections") == SHIPPED_ITEMS > 10
    build_site(ROOT, tmp_path / "loop", monkeypatch, beside=False)
    assert len(started) == 1, "no process for the build in the loop"
    beside, loop = files_of(tmp_path / "beside"), files_of(tmp_path / "loop")
    assert len(beside) > 50
    assert [name for name in beside if beside[name] != loop.get(name)] == []
    assert beside.keys() == loop.keys()


def test_what_the_process_removes_is_reported_as_the_loop_reports_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A writer's markup, and a template that forgot to escape: in a concept page's section, in a journey page's
    map (held until search has read the page) and in the rest of that page."""

    def broken(function: Any, old: str, new: str) -> Any:
        return lambda *args, **kwargs: function(*args, **kwargs).replace(old, new, 1)

    monkeypatch.setattr(render, "content_top", broken(render.content_top, "</p>", "<script>alert(1)</script></p>"))
    journey_page = broken(render.journey_page, "</svg>", "<script>alert(2)</script></svg>")
    monkeypatch.setattr(render, "journey_page", broken(journey_page, "<ol", '<ol onclick="x()"'))
    # The process makes the sections of concept and exercise pages: its template is broken the same way.
    run_worker(
        tmp_path,
        monkeypatch,
        "import sys\n"
        "from waypost import render\n"
        "from waypost.sanitiser_process import serve\n"
        "top = render.content_top\n"
        "render.content_top = lambda *a: top(*a).replace('</p>', '<script>alert(1)</script></p>', 1)\n"
        "serve(sys.stdin.buffer, sys.stdout.buffer)\n",
    )
    project = make_site(tmp_path / "p", files={"content/concepts/beta.md": HOSTILE})
    monkeypatch.setenv("WAYPOST_UNSAFE_SKIP_CONTENT_POLICY", "1")  # let the page reach the sanitiser
    reports = {}
    for beside in (True, False):
        caplog.clear()
        with caplog.at_level(logging.ERROR, logger="mkdocs.plugins.waypost"):
            build_site(project, tmp_path / f"site-{beside}", monkeypatch, beside=beside, strict=False)
        reports[beside] = [r.getMessage() for r in caplog.records]
    removed = "error [unsafe-html] the build removed markup the content policy does not allow:"
    writer = "(hint: run 'waypost check' to see each one with its line)"
    own = "(hint: Waypost's own HTML broke the site's allowlist: a template prints something it should escape)"
    assert (
        sorted(reports[True])
        == sorted(reports[False])
        == [
            f"content/concepts/alpha.md:1:1: {removed} <script> {own}",
            f"content/concepts/beta.md:1:1: {removed} <script> {own}",
            f"content/concepts/beta.md:1:1: {removed} onerror on <img> {writer}",
            f"content/exercises/try-alpha.md:1:1: {removed} <script> {own}",
            f"journeys/first-steps.md:1:1: {removed} <script> {own}",
            f"journeys/first-steps.md:1:1: {removed} onclick on <ol> {own}",
        ]
    )
    assert reports[True] == reports[False], "in the same order"
    beside, loop = files_of(tmp_path / "site-True"), files_of(tmp_path / "site-False")
    assert [name for name in beside if beside[name] != loop.get(name)] == []
    pages = [text.decode() for name, text in beside.items() if name.endswith(".html")]
    assert [page for page in pages if "alert(" in page or "onerror" in page or "onclick" in page] == []
    assert [page for page in pages if "waypost:sanitising" in page or "waypost:html" in page] == []


def run_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, worker: str) -> None:
    """The process runs ``worker``, a module that imports Waypost, in place of ``waypost.sanitiser_process``."""
    (tmp_path / "failing_worker.py").write_text(worker, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    monkeypatch.setattr(sanitiser_process, "WORKER", "failing_worker")


def build_failing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, slow: bool = False
) -> list[str]:
    """A failed build's lines about the sanitiser; nothing is published and the process is gone.

    ``slow``: each page takes a fifth of a second, so that a process that ends on one page has ended
    before the next is sent to it.
    """
    project = make_site(tmp_path / "p")
    if slow:
        add_hook(project, "slow.py", "import time\n\ndef on_page_markdown(markdown, **kwargs):\n    time.sleep(0.2)\n")
    started = record_starts(monkeypatch)
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match="Aborted with a BuildError"):
        build_site(project, tmp_path / "site", monkeypatch, beside=True)
    assert not (tmp_path / "site").exists(), "nothing was published"
    assert [process._process.poll() is not None for process in started] == [True]
    assert mkdocs_adapter._state.sanitiser is None and not mkdocs_adapter._state.sanitising
    return [r.getMessage() for r in caplog.records if "sanitiser" in r.getMessage()]


ON_BETA = """\
import os, signal, sys
from waypost.sanitiser_process import JOBS, clean_sections, serve

def on_beta(site, writer_html, *page):
    if "Beta" in writer_html:
        {}
    return clean_sections(site, writer_html, *page)

serve(sys.stdin.buffer, sys.stdout.buffer, {{**JOBS, "sections": on_beta}})
"""


def test_a_page_the_process_fails_on_stops_the_build_naming_the_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    run_worker(tmp_path, monkeypatch, ON_BETA.format("raise ValueError('cannot read this page')"))
    assert build_failing(tmp_path, monkeypatch, caplog) == [
        "waypost: content/concepts/beta.md: the sanitiser failed on this page: ValueError('cannot read this page')"
    ]


STOPPED = "waypost: content/concepts/beta.md: the sanitiser stopped before this page:"


@pytest.mark.parametrize("slow", [False, True], ids=["still-sending", "ended-before-the-next-page"])
@pytest.mark.parametrize(
    ("ending", "message"),
    [
        (
            "print('pyo3_runtime.PanicException: a crash', file=sys.stderr, flush=True); os._exit(3)",
            f"{STOPPED} it ended with exit code 3: pyo3_runtime.PanicException: a crash",
        ),
        (
            "os.kill(os.getpid(), signal.SIGKILL)",
            f"{STOPPED} it was stopped by SIGKILL (the system stops a process this way when memory runs out)",
        ),
    ],
    ids=["crash", "killed"],
)
def test_a_process_that_ends_on_a_page_stops_the_build_naming_that_page(
    ending: str,
    message: str,
    slow: bool,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Whether the build notices as it sends a later page or once every page is converted."""
    run_worker(tmp_path, monkeypatch, ON_BETA.format(ending))
    assert build_failing(tmp_path, monkeypatch, caplog, slow=slow) == [message]


def test_a_build_that_fails_on_a_later_page_ends_the_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_site(tmp_path / "p")
    add_hook(
        project,
        "failing.py",
        "def on_page_markdown(markdown, page, **kwargs):\n"
        "    if page.file.src_uri == 'exercises/try-alpha.md':\n"
        "        raise RuntimeError('a plugin failed')\n",
    )
    started = record_starts(monkeypatch)
    with pytest.raises(RuntimeError, match="a plugin failed"):
        build_site(project, tmp_path / "site", monkeypatch, beside=True)
    assert [process._process.returncode for process in started] == [-signal.SIGKILL]
    assert mkdocs_adapter._state.sanitiser is None and not mkdocs_adapter._state.sanitising
    assert not (tmp_path / "site").exists()


def test_a_process_that_never_starts_leaves_the_pages_to_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """An interpreter that cannot run the sanitiser (here, one without its module) costs nothing but time."""
    project = make_site(tmp_path / "p")
    monkeypatch.setattr(sanitiser_process, "WORKER", "waypost.no_such_worker")
    started = record_starts(monkeypatch)
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.waypost"):
        build_site(project, tmp_path / "beside", monkeypatch, beside=True)
    assert len(started) == 1
    assert [r.getMessage() for r in caplog.records if "sanitiser" in r.getMessage()] == [
        "waypost: the sanitiser process did not start (it ended with exit code 1: ImportError: No module named "
        "waypost.no_such_worker); the pages were cleaned in the build's own process"
    ]
    build_site(project, tmp_path / "loop", monkeypatch, beside=False)
    beside, loop = files_of(tmp_path / "beside"), files_of(tmp_path / "loop")
    assert beside == loop


def test_sending_to_a_process_that_ended_after_it_started_says_how_it_ended(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_worker(
        tmp_path,
        monkeypatch,
        "import pickle, sys\npickle.dump('ready', sys.stdout.buffer)\nsys.stdout.flush()\nsys.exit('gone')\n",
    )
    process = SanitiserProcess.start(site)
    assert process is not None
    try:
        with pytest.raises(SanitiserStopped) as stopped:
            for _ in range(200):  # until it has ended: a pipe takes pages until its reader is gone
                process.send("generated", "<p>text</p>", PLACEHOLDER_PATTERN, ())
                time.sleep(0.05)
        assert str(stopped.value) == "it ended with exit code 1: gone"
    finally:
        process.stop()


def test_the_process_ends_when_told_though_another_process_holds_its_input_open(site: Site) -> None:
    """A fork the build makes (a plugin's process pool) keeps a copy of the pipe: its end never comes."""
    process = SanitiserProcess.start(site)
    assert process is not None
    stdin = process._process.stdin
    assert stdin is not None
    copy = os.dup(stdin.fileno())  # as a fork would hold it
    try:
        process.send("generated", "<p>one</p>", PLACEHOLDER_PATTERN, ())
        with ThreadPoolExecutor(1) as reader:  # a process that waits for the end of its input never ends
            results = reader.submit(lambda: list(process.results()))
            try:
                assert results.result(timeout=30) == [clean_generated("<p>one</p>", PLACEHOLDER_PATTERN, ())]
            finally:
                os.close(copy)  # the end of its input, at last: the test ends either way
        assert process._process.returncode == 0
    finally:
        process.stop()


def test_the_process_imports_waypost_from_where_mkdocs_did_and_nothing_from_the_project(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A project folder with a file named like a module the process imports changes nothing."""
    (tmp_path / "nh3.py").write_text("raise SystemExit('the project shadowed nh3')\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PYTHONPATH", raising=False)
    process = SanitiserProcess.start(site)
    assert process is not None
    try:
        page = ("<p>one <script>x()</script></p>", "concept", "alpha", "concepts/alpha/", {"intro"})
        process.send("sections", process.site_file, *page)
        [cleaned] = list(process.results())
        assert cleaned == clean_sections(process.site_file, *page)
        assert isinstance(cleaned, CleanedSections) and cleaned.parts.writer.removed == ("<script>",)
        assert "Try this" in cleaned.parts.own[2] and "intro" in cleaned.taken
    finally:
        process.stop()
    assert not Path(process.site_file).exists(), "the site's file goes with the process"


@pytest.mark.parametrize("executable", ["", "/nonexistent/python3", "no temporary folder"])
def test_a_python_that_cannot_start_the_process_cleans_in_the_loop(
    executable: str, site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "tmp").mkdir()
    if executable == "no temporary folder":
        monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp" / "missing"))
    else:
        monkeypatch.setattr(sys, "executable", executable)
        monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    assert SanitiserProcess.start(site) is None
    assert list((tmp_path / "tmp").iterdir()) == [], "no file left behind"
    started = record_starts(monkeypatch)
    build_site(make_site(tmp_path / "p"), tmp_path / "site", monkeypatch, beside=True)
    assert started == []
    page = (tmp_path / "site/concepts/alpha/index.html").read_text(encoding="utf-8")
    assert 'data-wp-done="concept:alpha"' in page and "waypost:sanitising" not in page


def test_the_process_loop_cleans_each_page_in_order_and_names_a_failure() -> None:
    pages = [("<p>one <script>x()</script></p>", ("<p>own</p>",)), ("<p>two</p>", ("<p onclick=x>own</p>",))]
    generated = ("<p>map: <!-- waypost:html 3:0 --></p>", PLACEHOLDER_PATTERN, ("<svg><script>x()</script></svg>",))
    jobs, results = io.BytesIO(), io.BytesIO()
    for job in [*[("parts", page) for page in pages], ("generated", generated), ("parts", ("<p>three</p>", None))]:
        pickle.dump(job, jobs)
    jobs.seek(0)
    serve(jobs, results, {"parts": clean_parts, "generated": clean_generated})
    results.seek(0)
    assert pickle.load(results) == "ready", "first, for send to see"
    got = [pickle.load(results) for _ in range(4)]
    assert got[:3] == [*(clean_parts(*page) for page in pages), clean_generated(*generated)]
    assert isinstance(got[0], CleanedParts) and got[0].writer.removed == ("<script>",)
    assert got[1].own_removed == ("onclick on <p>",)
    assert got[2].page == Cleaned(generated[0], ()), "a part from which nothing was removed comes back as it was"
    assert got[2].held == (Cleaned("<svg></svg>", ("<script>",)),)
    assert got[3] == "TypeError('can only join an iterable')"
    assert results.read() == b"", "one result per page"


ANCHORS_WARN = "validation:\n  links:\n    anchors: warn\n"
BROKEN_LINK_HOOK = """\
def on_page_markdown(markdown, page, config, files):
    # After Waypost's checker, which would have refused it in a content file.
    return markdown + "\\n\\nSee [gone](gone.md) too.\\n" if page.file.src_uri.startswith("concepts/") else markdown
"""


def test_mkdocs_warnings_about_a_page_the_process_converts_are_logged_and_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """MkDocs' link warnings, said while converting a page in the process, are said by the build as if it had
    converted it: with the same words, and counted under --strict; links to anchors are checked as before."""
    alpha = (BASE / "content/concepts/alpha.md").read_text(encoding="utf-8")
    project = make_site(
        tmp_path / "p", files={"content/concepts/alpha.md": alpha + "\nSee [its end](beta.md#nowhere).\n"}
    )
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("validation:\n", ANCHORS_WARN, 1), encoding="utf-8")
    add_hook(project, "broken_link.py", BROKEN_LINK_HOOK)
    jobs = record_jobs(monkeypatch)
    said = {}
    for convert_every in (1, NEVER):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="mkdocs"):
            build_site(
                project,
                tmp_path / f"site-{convert_every}",
                monkeypatch,
                beside=True,
                strict=False,
                convert_every=convert_every,
            )
        said[convert_every] = sorted(r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)
    assert jobs.count("page") == 3, "alpha, beta and try-alpha, in the first build"
    assert (
        said[1]
        == said[NEVER]
        == [
            "Doc file 'concepts/alpha.md' contains a link 'beta.md#nowhere', but the doc 'concepts/beta.md' does not "
            "contain an anchor '#nowhere'.",
            "Doc file 'concepts/alpha.md' contains a link 'gone.md', but the target 'concepts/gone.md' is not found "
            "among documentation files.",
            "Doc file 'concepts/beta.md' contains a link 'gone.md', but the target 'concepts/gone.md' is not found "
            "among documentation files.",
        ]
    )
    with pytest.raises(Abort, match="Aborted with 3 warnings in strict mode!"):
        build_site(project, tmp_path / "strict", monkeypatch, beside=True, convert_every=1)


def test_a_plugin_that_reads_pages_before_waypost_sees_them_converted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No page's Markdown is converted in the process when another plugin's on_page_content would see it empty,
    even one that runs before Waypost's (then the pages are still cleaned there: Waypost's is the last)."""
    project = make_site(tmp_path / "p")
    add_hook(
        project,
        "reader.py",
        "from pathlib import Path\n\nfrom mkdocs.plugins import event_priority\n\n\n@event_priority(50)\n"
        "def on_page_content(html, page, config, files):\n"
        "    Path(config.config_file_path).with_name('seen-' + page.file.name + '.html').write_text(html)\n"
        "    return html\n",
    )
    jobs = record_jobs(monkeypatch)
    build_site(project, tmp_path / "site", monkeypatch, beside=True, convert_every=1)
    assert "page" not in jobs
    assert jobs.count("sections") == 3
    assert "<p>Alpha comes first." in (project / "seen-alpha.html").read_text()


def test_settings_naming_a_function_of_the_sites_own_keep_conversion_in_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A slugify function in a module of the project's folder, which ``python -m mkdocs`` can import from there:
    the process, which keeps that folder off its path, could not, so it converts no page."""
    project = make_site(tmp_path / "p")
    (project / "local_slug.py").write_text(
        "def slugify(value, separator):\n    return 'id-' + value.lower().replace(' ', separator)\n", encoding="utf-8"
    )
    config = project / "mkdocs.yml"
    toc = "  - toc:\n      permalink: true\n"
    assert toc in config.read_text(encoding="utf-8")
    slugify = "  - toc:\n      permalink: true\n      slugify: !!python/name:local_slug.slugify\n"
    config.write_text(config.read_text(encoding="utf-8").replace(toc, slugify), encoding="utf-8")
    monkeypatch.syspath_prepend(str(project))  # as ``python -m mkdocs`` run there has it
    jobs = record_jobs(monkeypatch)
    build_site(project, tmp_path / "site", monkeypatch, beside=True, convert_every=1)
    assert "page" not in jobs and jobs.count("sections") == 3
    assert 'id="id-why-alpha"' in (tmp_path / "site/concepts/alpha/index.html").read_text(encoding="utf-8")


def test_only_what_the_process_can_import_is_shared_with_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pymdownx import slugs

    hook = type(sys)("site_hook")
    hook.__file__ = str(tmp_path / "site_hook.py")
    exec("def slugify(value, separator):\n    return value\n", hook.__dict__)
    monkeypatch.setitem(sys.modules, "site_hook", hook)
    shared = sanitiser_process._shared_file(
        {"slugify": slugs.slugify(case="lower")}, "test", sanitiser_process._Importable
    )
    try:
        with open(shared, "rb") as file:
            assert pickle.load(file)["slugify"]("A B", "-") == "a-b"
    finally:
        os.unlink(shared)
    before = set(Path(tempfile.gettempdir()).glob("waypost-test-*"))
    for unreachable in (hook.slugify, lambda value, separator: value):
        with pytest.raises(pickle.PicklingError):
            sanitiser_process._shared_file({"slugify": unreachable}, "test", sanitiser_process._Importable)
    assert set(Path(tempfile.gettempdir()).glob("waypost-test-*")) == before, "nothing left behind"
