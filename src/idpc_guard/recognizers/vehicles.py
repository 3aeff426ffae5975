"""Vehicle registration marks (VRMs) in the UK formats.

* **current** (2001 on): two letters, a two-digit age identifier (02-29, 51-79),
  three letters: ``AB12 CDE``. Specific enough to report alone (also when a line
  wraps between its halves); upper case only unless a label is near.
* **prefix** (1983-2001): ``A123 BCD``; **suffix** (1963-1983): ``ABC 123D``;
  **dateless**: ``ABC 123``, ``1234 AB``. These shapes are common in references, so
  they are reported only after a vehicle word ("VRM", "registration", "reg",
  "index", "number plate", "vehicle", "car"...).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from presidio_analyzer import EntityRecognizer

from idpc_guard.model import Entity
from idpc_guard.recognizers._labelled import LabelledPatternRecognizer, LabelledRule

__all__ = ["RECOGNIZERS", "VehicleRegistrationRecognizer"]

_LABEL = re.compile(
    r"(?i:\b(?:VRM|VRN|reg(?:istration|istered|\.)?|index|(?:number|licence)\s+plates?|plates?"
    r"|vehicle|car|van|lorry|motorcycle|motorbike|moped|scooter|taxi|cab|truck|HGV"
    r"|Ford|Vauxhall|BMW|Audi|Mercedes|Toyota|Nissan|Honda|Peugeot|Renault|Volkswagen|VW"
    r"|Kia|Hyundai|Fiat|Citroen|Skoda|Seat|Mini|Land\s+Rover|Range\s+Rover|Volvo|Mazda)\b)"
    r"[^\n]{0,30}$"
)
_NOT_I_Q = "A-HJ-PR-Z"
_EDGE_L = r"(?<![\w/-])"
_EDGE_R = r"(?![\w/-])"
#: Between the halves of a current-format mark: a space, nothing, or the line break of
#: wrapped prose ("a grey Honda AB12\nCDE came past").
_HALVES = r"(?:[ ]|[ ]?\n[ ]?)?"


def _current_age(mark: str) -> bool:
    """The age identifier of a current-format mark is a real one (02-29 or 51-79)."""
    number = int(re.sub(r"\D", "", mark)[:2])
    return 2 <= number <= 29 or 51 <= number <= 79


def _words(mark: str) -> bool:
    """Refuse shapes that are ordinary words and numbers ("ON 12", "THE 123")."""
    if re.fullmatch(r"[ABM]\d{1,4}", mark):  # roads: "the M6", "the A580"
        return False
    letters = re.sub(r"[^A-Za-z]", "", mark).upper()
    return letters not in {
        "ON", "AT", "IN", "TO", "OF", "THE", "AND", "FOR", "NO", "AM", "PM", "HRS", "MPH", "DOB",
    }  # fmt: skip


class VehicleRegistrationRecognizer(LabelledPatternRecognizer):
    """UK registration marks: current format alone, older ones after a vehicle word."""

    ENTITY = Entity.VEHICLE_REGISTRATION
    RULES = (
        LabelledRule(
            "current format",
            re.compile(
                rf"{_EDGE_L}[{_NOT_I_Q}][{_NOT_I_Q}]\d{{2}}{_HALVES}[{_NOT_I_Q}]{{3}}{_EDGE_R}"
            ),
            _LABEL,
            0.9,
            0.7,
            _current_age,
        ),
        LabelledRule(
            "current format (any case)",
            re.compile(
                rf"(?i:{_EDGE_L}[{_NOT_I_Q}]{{2}}\d{{2}}{_HALVES}[{_NOT_I_Q}]{{3}}{_EDGE_R})"
            ),
            _LABEL,
            0.85,
            None,
            _current_age,
        ),
        LabelledRule(
            "prefix format",
            re.compile(rf"{_EDGE_L}[A-HJ-NP-Y]\d{{1,3}}[ ]?[A-Z]{{3}}{_EDGE_R}"),
            _LABEL,
            0.85,
            None,
            _words,
        ),
        LabelledRule(
            "suffix format",
            re.compile(rf"{_EDGE_L}[A-Z]{{3}}[ ]?\d{{1,3}}[A-HJ-NP-Y]{_EDGE_R}"),
            _LABEL,
            0.85,
            None,
            _words,
        ),
        LabelledRule(
            "dateless format",
            re.compile(
                rf"(?:{_EDGE_L}(?:[A-Z]{{1,3}}[ ]?\d{{1,4}}|\d{{1,4}}[ ]?[A-Z]{{1,3}}){_EDGE_R})"
            ),
            _LABEL,
            0.7,
            None,
            _words,
        ),
    )


#: The recognisers of this family, for :func:`idpc_guard.recognizers.discover`.
RECOGNIZERS: tuple[Callable[[], EntityRecognizer], ...] = (VehicleRegistrationRecognizer,)
