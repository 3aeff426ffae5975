"""Street types: every UK thoroughfare type is known, so an address is found whole.

An address whose street type was unknown ("14 Tanner Fold") was missed without a
postcode, and with one only the postcode went. The list is checked against
Royal Mail's regional thoroughfare types and against every numbered street line in
the public NHS GP practice and HMCTS court address data (/work/shared/data).
Street and place names here are invented.
"""

from __future__ import annotations

import collections
import csv
import re

import pytest
from tests.recognizers.test_peer_vectors import DATA

from idpc_guard.recognizers.uk_address import STREET_TYPES, address_spans

TYPES = set(STREET_TYPES.split("|"))

#: Regional and less common types people write (Royal Mail thoroughfare descriptors).
REGIONAL = (
    "Mount Bank Fold Garth Ridge Wynd Rise Row Chase Croft Brow Hey Nook Loke Vennel Brae "
    "Twitten Ginnel Gill Rigg Shaw Dene Drove Stray Loaning Glebe Slade Cloisters Villas"
).split()

#: Last words of numbered lines in the open data that are not street types: compass
#: points, buildings, and names ("Micklegate Bar", "Slieve" in Northern Ireland, "Log").
NOT_TYPES = {
    *("North", "South", "East", "West", "Buildings", "Centre", "House", "Surgery"),
    *("Practice", "Village", "Bar", "Barr", "Log", "Marsh", "Northey", "Slieve", "Top"),
}


@pytest.mark.parametrize("kind", REGIONAL)
def test_an_address_on_a_regional_street_type_is_found_without_a_postcode(kind: str) -> None:
    text = f"Before that I lived at 7 Tanner {kind}, Harrowby."
    assert [text[a:b] for a, b in address_spans(text)] == [f"7 Tanner {kind}, Harrowby"]


@pytest.mark.parametrize("kind", ["Fold", "Nook", "Loke", "Garth"])
def test_with_a_postcode_the_whole_address_is_one_span(kind: str) -> None:
    text = f"Home address: 14 Tanner {kind}, Harrowby, Leeds LS6 2QT\nMobile: none"
    assert [text[a:b] for a, b in address_spans(text)] == [
        f"14 Tanner {kind}, Harrowby, Leeds LS6 2QT"
    ]


def test_a_number_before_capitalised_prose_is_not_an_address() -> None:
    text = "Then 3 Men Cross the road and 2 Cars Link up at the lights."
    assert address_spans(text) == ()


def _numbered_line_endings() -> collections.Counter[str]:
    lines: list[str] = []
    gp = DATA / "open" / "nhs_ods_epraccur_gp_practices.csv"
    with gp.open(encoding="latin-1") as handle:
        for row in csv.reader(handle):
            lines += row[4:9]
    courts = DATA / "open" / "hmcts_courts_addresses.csv"
    lines += courts.read_text(encoding="utf-8").replace("\n", ",").split(",")
    endings: collections.Counter[str] = collections.Counter()
    for line in lines:
        match = re.fullmatch(r"\s*\d+[A-Za-z]?\s+((?:[A-Za-z']+\s+)+)([A-Za-z]+)\s*", line)
        if match:
            endings[match.group(2).title()] += 1
    return endings


def test_every_common_street_type_in_the_open_address_data_is_known() -> None:
    if not (DATA / "open").is_dir():
        pytest.skip(f"open data not found at {DATA}")
    endings = _numbered_line_endings()
    common = {word for word, count in endings.items() if count >= 2} - NOT_TYPES
    abbreviations = {"Rd", "St", "Ave", "Blvd"}
    assert sorted(common - TYPES - abbreviations) == []
