"""Build into a staging folder and swap it into place, so that site/ is always a whole site.

A build that fails half-way (a page that raises, warnings under
``--strict``, an interrupt) would otherwise leave a site/ with some pages
new, some old and some missing, which looks complete and is deployed as
such. The build writes to a hidden sibling of site/ instead; only a build
that succeeds renames it into place. Two renames on one file system: site/
is at every moment either the old site or the new one (for an instant,
between the renames, absent), never a mixture.

Staging folders are named after the building process, so that one left by
an interrupted build is removed by the next build, and one of a build that
is still running is left alone.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

_STAGING = ".{name}.waypost-staging-{pid}"
_RETIRED = ".{name}.waypost-old-{pid}"
_LEFTOVER = re.compile(r"^\.(?P<name>.+)\.waypost-(?:staging|old)-(?P<pid>\d+)$")


def start(site_dir: Path, keep_previous: bool = False) -> Path:
    """A fresh staging folder beside ``site_dir``; with ``keep_previous`` (``--dirty``), a copy of the current site."""
    remove_leftovers(site_dir)
    staging = site_dir.parent / _STAGING.format(name=site_dir.name, pid=os.getpid())
    shutil.rmtree(staging, ignore_errors=True)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    if keep_previous and site_dir.is_dir():
        shutil.copytree(site_dir, staging, symlinks=True)
    else:
        staging.mkdir()
    return staging


def publish(staging: Path, site_dir: Path) -> None:
    """Put the finished site in place of the old one, then delete the old one."""
    retired = site_dir.parent / _RETIRED.format(name=site_dir.name, pid=os.getpid())
    shutil.rmtree(retired, ignore_errors=True)
    if site_dir.exists() or site_dir.is_symlink():
        site_dir.rename(retired)
    staging.rename(site_dir)
    shutil.rmtree(retired, ignore_errors=True)


def discard(staging: Path) -> None:
    """Throw away a failed build's staging folder; the old site stays as it was."""
    shutil.rmtree(staging, ignore_errors=True)


def remove_leftovers(site_dir: Path) -> None:
    """Staging and retired folders of earlier builds of ``site_dir`` whose process has ended."""
    if not site_dir.parent.is_dir():
        return
    for entry in site_dir.parent.iterdir():
        match = _LEFTOVER.match(entry.name)
        if match and match.group("name") == site_dir.name and not _running(int(match.group("pid"))):
            shutil.rmtree(entry, ignore_errors=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # a folder of this very process is from an earlier build it ran (mkdocs serve, tests)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
