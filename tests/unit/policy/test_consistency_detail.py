"""The ``unredacted_elsewhere`` detail never names one page as both here and elsewhere."""

from __future__ import annotations

import pytest

from idpc_guard.policy.consistency import _issue


@pytest.mark.parametrize(
    ("pages", "sources", "said"),
    [
        (
            [2],
            {2},
            "shows on page(s) 3 a person or identifier that the bundle withholds "
            "elsewhere on the same page (covered with a box): 1 occurrence(s)",
        ),
        (
            [2, 3],
            {2, 6},
            "shows on page(s) 3, 4 a person or identifier that the bundle withholds on "
            "page(s) 7 and elsewhere on page(s) 3 (covered with a box): 2 occurrence(s)",
        ),
        (
            [4],
            {0, 1},
            "shows on page(s) 5 a person or identifier that the bundle withholds on "
            "page(s) 1, 2 (covered with a box): 1 occurrence(s)",
        ),
    ],
)
def test_the_detail_says_where_without_repeating_a_page(
    pages: list[int], sources: set[int], said: str
) -> None:
    issue = _issue(None, 1, pages, sources)
    assert said in issue.detail
    assert issue.pages == tuple(sorted(set(pages)))
