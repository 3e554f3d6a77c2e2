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


def shipped_assets() -> dict[str, str]:
    """File name to the text the site serves, for every script and style sheet in ``assets/``.

    Read afresh on every build (a few milliseconds), so ``mkdocs serve`` shows edits to the sources.
    """
    return {
        path.name: _MINIFIERS[path.suffix](path.read_text(encoding="utf-8"))
        for path in sorted(ASSETS.iterdir())
        if path.suffix in _MINIFIERS
    }


def gzipped_size(names: list[str]) -> int:
    """Bytes on the wire for these assets together, compressed the way web servers commonly do."""
    return sum(len(gzip.compress(shipped_assets()[name].encode("utf-8"), compresslevel=6)) for name in names)
