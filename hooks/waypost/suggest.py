"""'Did you mean' hints for misspelt names and ids."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(wrong: str, known: Iterable[str]) -> str:
    """A hint naming the closest known value, or '' when none is close."""
    match = closest(wrong, known)
    return f"did you mean '{match}'?" if match else ""


def closest(wrong: str, known: Iterable[str]) -> str | None:
    """The known value closest to ``wrong``, if any is close."""
    matches = difflib.get_close_matches(wrong, sorted(set(known)), n=1, cutoff=0.6)
    return matches[0] if matches else None
