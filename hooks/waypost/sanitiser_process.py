"""Waypost's work on each page, done by a second Python process while MkDocs converts the next pages.

nh3 lets other threads run while it cleans, but a thread still needs the GIL
before and after each call, and between calls it runs Python of its own
(``sanitise._named``). Beside MkDocs' page loop, which holds the GIL for 5 ms
at a time, a sanitiser thread fell behind: at 1×, ``on_env`` waited a second
for its last pages, and its Python ran on the page loop's time. A process
has an interpreter of its own and keeps up.

It makes the sections of each concept and exercise page ("Try this",
"Related journeys"…) and sanitises the page (``JOBS["sections"]``), and
sanitises the pages Waypost generates (``JOBS["generated"]``). That leaves
it idle half the time, so it also converts the writer's Markdown of some
concept and exercise pages (``JOBS["page"]``, see ``markdown_reuse``),
which the page loop then skips. Neither side ever waits for the other while
pages are converted. The page loop writes each page's parts to
the process's stdin and reads nothing back until every page is converted
(``results``). The process writes each result to an unnamed temporary
file, where a pipe back would fill and stop it until the loop read.
Results come in the order the pages were sent.

Pages travel as pickles between two processes of the same Python, started
by this module: nothing else writes to either stream.

    python -P -m waypost.sanitiser_process   # what ``start`` runs; jobs on stdin, results on stdout
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import signal
import site
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import BuiltinFunctionType, FunctionType
from typing import IO, Any

from markdown import Markdown

from waypost import markdown_reuse, render
from waypost.headings import HeadingStyle, TocEntry
from waypost.index import SiteIndex
from waypost.sanitise import CleanedGenerated, CleanedParts, clean_generated, clean_parts
from waypost.urls import Urls


@dataclass(frozen=True)
class Site:
    """What the sections of a concept or exercise page are made from: the process reads it once, from a file."""

    index: SiteIndex
    urls: Urls
    style: HeadingStyle


@dataclass(frozen=True)
class CleanedSections:
    parts: CleanedParts
    """The writer's HTML and the sections, cleaned as ``clean_parts`` cleans them."""
    made: tuple[TocEntry, ...]
    taken: frozenset[str]


@dataclass(frozen=True)
class ConvertedPage:
    """A concept or exercise page converted from its Markdown, with its sections."""

    rendered: markdown_reuse.Rendered
    """What MkDocs learns of the page as it converts the writer's Markdown."""
    sections: CleanedSections


def clean_sections(
    site_file: str, writer_html: str, kind: str, item_id: str, url: str, ids: set[str]
) -> CleanedSections:
    """A concept or exercise page's sections made (``render.content_sections``), then cleaned with its HTML."""
    site: Site = _loaded(site_file)
    project = site.index.project
    item = project.concepts[item_id] if kind == "concept" else project.exercises[item_id]
    sections = render.content_sections(item, render.Page(site.index, site.urls, url), site.style, ids)
    parts = clean_parts(writer_html, (sections.top, sections.bottom, sections.links))
    return CleanedSections(parts, sections.made, sections.taken)


def convert_page(
    site_file: str, shipment_file: str, markdown: str, src_uri: str, kind: str, item_id: str, url: str
) -> ConvertedPage:
    """A concept or exercise page's Markdown converted as MkDocs converts it in the build
    (``markdown_reuse.convert_shipped``), then its sections made and cleaned with it (``clean_sections``)."""
    shipment, converter = _loaded(shipment_file), _converter(shipment_file)
    writer_html, rendered = markdown_reuse.convert_shipped(shipment, converter, markdown, src_uri)
    sections = clean_sections(site_file, writer_html, kind, item_id, url, set(rendered.anchors))
    return ConvertedPage(rendered, sections)


@functools.lru_cache(maxsize=2)  # the site and the shipment; in a build whose process never started, too
def _loaded(shared_file: str) -> Any:
    """What the build shared in ``shared_file`` (the site, or see ``SanitiserProcess.share``), read once."""
    with open(shared_file, "rb") as file:
        return pickle.load(file)


@functools.lru_cache(maxsize=1)
def _converter(shipment_file: str) -> Markdown:
    shipment: markdown_reuse.Shipment = _loaded(shipment_file)
    return shipment.converter()


JOBS: dict[str, Callable[..., Any]] = {
    "sections": clean_sections,
    "generated": clean_generated,
    "page": convert_page,
}
"""What the process can do, by the name ``send`` gives: each page's result depends on its arguments alone (the
files the jobs name are read once, and the converter is reset for each page)."""
WORKER = "waypost.sanitiser_process"
"""The module the process runs (its ``__main__`` block); the tests swap in workers that fail."""
_PACKAGE_ROOT = Path(__file__).resolve().parent.parent
"""The folder that holds the ``waypost`` package: MkDocs may have imported it from the hooks folder."""
_START = """\
import runpy, sys
root, worker = sys.argv[1:]
if root not in sys.path:
    sys.path.insert(0, root)  # the hooks folder, as when MkDocs imported Waypost; never site-packages twice
runpy.run_module(worker, run_name="__main__", alter_sys=True)
"""
"""How the process starts: ``-P`` keeps the project folder off ``sys.path``, so no file there shadows a module."""


class SanitiserStopped(Exception):
    """The process ended before it cleaned every page sent to it; the message says how, as a clause."""


_READY = "ready"
"""The first record the process writes, once it has imported all it needs."""
_END = None
"""The job that ends the process's loop. The end of its input is not enough: any fork the build makes (a
plugin's process pool) holds a copy of the pipe's writing end, and the process would wait on it forever."""


class SanitiserProcess:
    """One build's sanitiser: ``send`` each page's parts, then read ``results`` in the same order.

    A process that never starts (an interpreter that cannot import Waypost
    or nh3, say) costs the build nothing but time: ``send`` keeps each job
    until the process has said it is ready, and ``results`` does the jobs
    of one that never did itself, as the page loop would have.
    """

    def __init__(self, process: subprocess.Popen[bytes], results: IO[bytes], errors: IO[bytes], site_file: str) -> None:
        self._process = process
        self._results = results
        self._errors = errors
        self.site_file = site_file
        """Where the process finds the ``Site`` that ``JOBS["sections"]`` and ``JOBS["page"]`` take."""
        self._shared = [site_file]
        """The files ``stop`` deletes."""
        self._kept: list[tuple[str, tuple[Any, ...]]] | None = []
        """The jobs sent before the process said it was ready; None once it has."""
        self._unsent = False
        """Whether the pipe broke before the process said it was ready: jobs are then only kept."""
        self.not_started: str | None = None
        """Once ``results`` is read: why the process never started, if it did not; its jobs were done here."""

    @classmethod
    def start(cls, site: Site) -> SanitiserProcess | None:
        """A running sanitiser; None where no process can be started (the pages are then cleaned in the loop)."""
        if not sys.executable:
            return None
        # The files live as long as the process: ``stop`` closes them, and deletes the one with a name.
        with contextlib.ExitStack() as undo:
            try:
                results = undo.enter_context(tempfile.TemporaryFile())
                errors = undo.enter_context(tempfile.TemporaryFile())
                site_file = _shared_file(site, "site")
                undo.callback(os.unlink, site_file)
                process = subprocess.Popen(
                    [sys.executable, "-P", "-c", _START, str(_PACKAGE_ROOT), WORKER],
                    stdin=subprocess.PIPE,
                    stdout=results,
                    stderr=errors,
                )
            except OSError:  # no temporary folder to write in, or no Python to start
                return None
            undo.pop_all()  # started: the files are the process's now
        return cls(process, results, errors, site_file)

    def share(self, value: Any, name: str) -> str | None:
        """A file holding ``value``, for jobs to name: the process reads it once. None if it cannot be written,
        or if ``value`` names a function or class the process could not import (see ``_Importable``)."""
        try:
            shared_file = _shared_file(value, name, _Importable)
        except Exception:  # no room, or something that cannot travel (whatever its __reduce__ raises)
            return None
        self._shared.append(shared_file)
        return shared_file

    def send(self, job: str, *args: Any) -> None:
        """Queue one page's ``JOBS[job](*args)``; raises ``SanitiserStopped`` if the process has ended."""
        if self._kept is not None and os.fstat(self._results.fileno()).st_size > 0:
            self._kept = None  # it has said it is ready: it answers for every page from now on
        if self._kept is not None:
            self._kept.append((job, args))
            if self._unsent:
                return
        stdin = self._process.stdin
        assert stdin is not None
        try:
            pickle.dump((job, args), stdin, protocol=pickle.HIGHEST_PROTOCOL)
            stdin.flush()
        except (OSError, ValueError) as broken:  # a broken pipe (EINVAL on Windows); ValueError: stdin closed
            if self._kept is not None:
                self._unsent = True  # it ended before it was ready: ``results`` does the jobs kept
                return
            raise SanitiserStopped(self._ending()) from broken

    def results(self) -> Iterator[CleanedSections | ConvertedPage | CleanedGenerated | str]:
        """Each page's cleaned parts, or what failed on it as a ``repr``; in the order sent.

        Raises ``SanitiserStopped`` in place of the first result the process did not write.
        """
        stdin = self._process.stdin
        assert stdin is not None
        with contextlib.suppress(OSError, ValueError):  # it has ended already: what it wrote tells how far it got
            pickle.dump(_END, stdin)
            stdin.close()
        self._process.wait()
        self._results.seek(0)
        try:
            ready = pickle.load(self._results) == _READY
        except (EOFError, pickle.UnpicklingError):
            ready = False
        if not ready and self._kept is not None:
            self.not_started = self._ending()
            yield from (_done(JOBS, job, args) for job, args in self._kept)
            return
        while True:
            try:
                yield pickle.load(self._results)
            except EOFError:
                break
            except Exception as unreadable:  # a result cut short, or of a class this build does not have
                raise SanitiserStopped(f"{self._ending()}; its result could not be read: {unreadable!r}") from None
        if self._process.returncode != 0:
            raise SanitiserStopped(self._ending())

    def stop(self) -> None:
        """End the process, whatever it is doing, and let its files go."""
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        for stream in (self._process.stdin, self._results, self._errors):
            if stream is not None:
                with contextlib.suppress(OSError):  # stdin's last page, unsent: the process has ended
                    stream.close()
        for shared_file in self._shared:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(shared_file)

    def _ending(self) -> str:
        """How the process ended, for a message: its exit code or signal, and the last line it printed."""
        try:
            code = self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            return "it stopped reading pages"
        self._errors.seek(0)
        lines = [line.strip() for line in self._errors.read().decode(errors="replace").splitlines() if line.strip()]
        said = f": {lines[-1]}" if lines else ""
        if code >= 0:
            return f"it ended with exit code {code}{said}"
        name = signal.Signals(-code).name if -code in signal.valid_signals() else f"signal {-code}"
        memory = " (the system stops a process this way when memory runs out)" if name == "SIGKILL" else ""
        return f"it was stopped by {name}{memory}{said}"


class _Importable(pickle.Pickler):
    """Pickles only what names functions and classes that the process imports as the build does: Waypost's and
    those of installed packages. A hook file's module is in the build's ``sys.modules`` (a slugify function of
    the site's own, say), but the process could not import it, and would fail on every page."""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, type | FunctionType | BuiltinFunctionType) and not _importable(obj.__module__):
            raise pickle.PicklingError(f"{obj.__module__}.{obj.__qualname__} is not from an installed package")
        return NotImplemented  # pickled as usual


_INSTALLED = [Path(sysconfig.get_paths()[name]) for name in ("stdlib", "platstdlib", "purelib", "platlib")] + [
    Path(site.getusersitepackages())
]


def _importable(module_name: str) -> bool:
    if module_name == "waypost" or module_name.startswith("waypost."):
        return True
    module = sys.modules.get(module_name)
    if module is None:
        return False
    file = getattr(module, "__file__", None)
    return file is None or any(Path(file).is_relative_to(folder) for folder in _INSTALLED)  # None: built in


def _shared_file(value: Any, name: str, pickler: type[pickle.Pickler] = pickle.Pickler) -> str:
    """``value`` pickled to a new temporary file, whose name this returns; nothing is left if that fails."""
    with tempfile.NamedTemporaryFile("wb", prefix=f"waypost-{name}-", suffix=".pickle", delete=False) as file:
        try:
            pickler(file, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
        except BaseException:
            file.close()
            os.unlink(file.name)
            raise
    return file.name


def _done(functions: dict[str, Callable[..., Any]], job: str, args: tuple[Any, ...]) -> Any:
    """``functions[job](*args)``, or what failed as a ``repr``: a failure is reported on its own page."""
    try:
        return functions[job](*args)
    except Exception as failure:
        return repr(failure)


def serve(jobs: IO[bytes], results: IO[bytes], functions: dict[str, Callable[..., Any]] = JOBS) -> None:
    """The process's loop: each job from ``jobs`` done, its result or failure pickled to ``results``."""
    pickle.dump(_READY, results, protocol=pickle.HIGHEST_PROTOCOL)
    results.flush()  # ``send`` looks for it
    while True:
        try:
            job = pickle.load(jobs)
        except EOFError:
            break
        if job is _END:
            break
        pickle.dump(_done(functions, *job), results, protocol=pickle.HIGHEST_PROTOCOL)
        results.flush()  # each result on disk at once: if the process dies, the build knows which page it was on


if __name__ == "__main__":
    # By its name, so that the results' classes are named ``waypost.sanitiser_process.…`` as the build knows them.
    from waypost.sanitiser_process import serve as serve_by_name

    serve_by_name(sys.stdin.buffer, sys.stdout.buffer)
