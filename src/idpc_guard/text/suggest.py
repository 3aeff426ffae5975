"""``did you mean X?``: the closest of a set of known words to one a person mistyped."""

from __future__ import annotations

import difflib
from collections.abc import Sequence


def hint(value: str, choices: Sequence[str]) -> str:
    """`` (did you mean X?)`` for the closest choice, or nothing when none is close."""
    folded = {c.casefold(): c for c in choices}
    close = difflib.get_close_matches(value.casefold(), list(folded), n=1, cutoff=0.75)
    return f" (did you mean {folded[close[0]]}?)" if close else ""
