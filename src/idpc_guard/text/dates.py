"""Read the dates people write in UK papers, so that two spellings of one date compare equal."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_NUMERIC_DMY = re.compile(r"\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_DAY_MONTH = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3,9})\.?,?\s+(\d{2,4})\b"
)
_MONTH_DAY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")


def parse_date(text: str, pivot: int = 30) -> dt.date | None:
    """The first date written in ``text``, day first as in the UK; ``None`` if there is none.

    Two-digit years up to ``pivot`` are read as 20xx, later ones as 19xx.
    """
    for pattern, order in (
        (_ISO, "ymd"),
        (_NUMERIC_DMY, "dmy"),
        (_DAY_MONTH, "dMy"),
        (_MONTH_DAY, "Mdy"),
    ):
        match = pattern.search(text)
        if match is None:
            continue
        parts = dict(zip(order, match.groups(), strict=True))
        month = int(parts["m"]) if "m" in parts else _MONTHS.get(parts["M"].casefold(), 0)
        year = int(parts["y"])
        if year < 100:
            year += 2000 if year <= pivot else 1900
        try:
            return dt.date(year, month, int(parts["d"]))
        except ValueError:
            continue
    return None
