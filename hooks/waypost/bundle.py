"""The browser assets as the site ships them: minified from the readable sources in ``assets/``.

The progress script and its styles have a budget (6 KB gzipped together); the
sources keep their comments and layout, and the site gets the minified text.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import rcssmin
import rjsmin

ASSETS = Path(__file__).resolve().parent / "assets"
_MINIFIERS = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}


def asset_names() -> list[str]:
    """The scripts and style sheets in ``assets/``, by file name, in the order pages load them.

    ``waypost.*`` come first: the other scripts ask ``waypost.js`` for the learner's progress.
    """
    names = sorted(path.name for path in ASSETS.iterdir() if path.suffix in _MINIFIERS)
    return sorted(names, key=lambda name: not name.startswith("waypost."))


def shipped_assets() -> dict[str, str]:
    """File name to the text the site serves, for every script and style sheet in ``assets/``.

    Read afresh on every build (a few milliseconds), so ``mkdocs serve`` shows edits to the sources.
    """
    return {name: _MINIFIERS[Path(name).suffix]((ASSETS / name).read_text(encoding="utf-8")) for name in asset_names()}


def gzipped_size(names: list[str]) -> int:
    """Bytes on the wire for these assets together, compressed the way web servers commonly do."""
    assets = shipped_assets()
    return sum(len(gzip.compress(assets[name].encode("utf-8"), compresslevel=6)) for name in names)
