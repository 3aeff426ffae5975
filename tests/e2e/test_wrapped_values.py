"""Addresses that prose wrapped over two lines are redacted whole, never in part.

A witness's home address in the body of a statement is the commonest leak (61% of
leaks in the inspection sat in statements), and a line that wraps inside the house
number and street, the street's name, or the postcode used to leave the part on the
other line behind. Every address and name here is made up.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pymupdf
import pytest

from idpc_guard import ScanOptions
from idpc_guard.model import Case, Person, Role
from tests.pdfs import make_pdf

HEADER = [
    "WITNESS STATEMENT",
    "Statement of: Maren TALLIS",
    "This statement is true to the best of my knowledge and belief.",
]

#: (lines of the statement body, words of the address that must all be gone)
WRAPS = {
    "number, then the street": (
        [
            "On 4 March I was at home. I have lived at 57",
            "Quenby Crescent, Oakhampton OK4 2RW for about ten years with my sister.",
        ],
        ["Quenby", "Oakhampton", "OK4", "2RW"],
    ),
    "inside the street's name": (
        [
            "Officers came to my flat (Maisonette 2, 14 Tarrow",
            "Walk, Dunmere DM7 9QT) later that evening and took my account.",
        ],
        ["Maisonette", "Tarrow", "Dunmere", "DM7", "9QT"],
    ),
    "inside the postcode": (
        [
            "My brother lives at 6 Pell Mount, Ashcombe, Westfold WF12",
            "8LP and he saw the defendant, Cael BRANDER, outside the shop.",
        ],
        ["Pell", "Ashcombe", "Westfold", "WF12", "8LP"],
    ),
}


@pytest.mark.parametrize("style", sorted(WRAPS))
def test_a_wrapped_home_address_is_redacted_whole(style: str, scanner: Any, tmp_path: Path) -> None:
    body, words = WRAPS[style]
    bundle = tmp_path / "statement.pdf"
    bundle.write_bytes(make_pdf([[*HEADER, *body, "Signed: M TALLIS"]]))
    case = Case(urn="01AB2345625", defendants=(Person("Cael BRANDER", Role.DEFENDANT),))
    result = scanner.scan(bundle, ScanOptions(case=case))
    assert result.redacted_pdf is not None and result.verification is not None
    with pymupdf.open(stream=result.redacted_pdf) as doc:
        text = doc[0].get_text()
    left = [word for word in words if word in text]
    assert not left, f"{style}: {left} left in the copy"
    assert "Maren TALLIS" in text  # the witness's own name in her statement stays
