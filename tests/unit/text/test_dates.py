from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from idpc_guard.text.dates import parse_date

DAY = dt.date(1961, 2, 3)


@pytest.mark.parametrize(
    "text",
    [
        "03/02/1961",
        "3/2/61",
        "03.02.1961",
        "3-2-1961",
        "1961-02-03",
        "3rd February 1961",
        "3 Feb 1961",
        "February 3, 1961",
        "3rd of February, 1961",
        "born on 3 February 1961.",
    ],
)
def test_uk_spellings_of_one_date(text: str) -> None:
    assert parse_date(text) == DAY


@pytest.mark.parametrize("text", ["", "no date here", "31/02/1990", "13 Smarch 1990", "12345"])
def test_not_dates(text: str) -> None:
    assert parse_date(text) is None


@given(st.text(max_size=40))
def test_never_raises(text: str) -> None:
    parse_date(text)
