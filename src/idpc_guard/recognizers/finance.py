"""Bank details: sort codes, account numbers, IBANs and payment card numbers.

All are reported as ``BANK_DETAILS``, each number its own span:

* a **sort code** (12-34-56, 12 34 56, 123456) only after a label ("sort code",
  "S/C"): written with hyphens it is also a date (12-03-88);
* an **account number** (eight digits, or seven) only after a label ("account
  number", "A/C", "acc no");
* an **IBAN** (two letters, two check digits, up to 30 letters and digits, spaced
  in fours or not) when its ISO 13616 mod-97 check holds;
* a **card number** (13 to 19 digits, in groups or run together) when its Luhn
  check holds and it starts as card numbers do (2-6); without a card word near it
  only the common 16-digit layout is reported, at a lower score.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from presidio_analyzer import EntityRecognizer

from idpc_guard.model import Entity
from idpc_guard.recognizers._labelled import LabelledPatternRecognizer, LabelledRule, digits

__all__ = ["RECOGNIZERS", "BankDetailsRecognizer", "iban_valid", "luhn_valid"]

_SORT_LABEL = re.compile(r"(?i:\bsort[\s-]*code|\bS/C\b|\bsort\b)[^\n\d]{0,12}$")
_ACCOUNT_LABEL = re.compile(
    r"(?i:\b(?:bank\s+)?(?:account|acc(?:t)?\.?|a/c)(?:\s*(?:no\.?|number|num|#))?)"
    r"[^\n\d]{0,12}(?:\d{2}[- ]?\d{2}[- ]?\d{2}[^\n\d]{0,16})?$"
)
_CARD_LABEL = re.compile(
    r"(?i:\b(?:card|visa|mastercard|amex|maestro|debit|credit|PAN)\b)[^\n]{0,30}$"
)


def luhn_valid(number: str) -> bool:
    """Whether the digits of ``number`` pass the Luhn check (payment cards)."""
    values = [int(c) for c in digits(number)][::-1]
    total = sum(v if i % 2 == 0 else (v * 2 - 9 if v > 4 else v * 2) for i, v in enumerate(values))
    return bool(values) and total % 10 == 0


def iban_valid(iban: str) -> bool:
    """Whether ``iban`` (spaces allowed) passes the ISO 13616 mod-97 check."""
    compact = re.sub(r"\s", "", iban).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", compact):
        return False
    moved = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def _card(number: str) -> bool:
    """A Luhn-valid number starting as cards do, with one separator style."""
    separators = {c for c in number if not c.isdigit()}
    return len(separators) <= 1 and number[0] in "23456" and luhn_valid(number)


def _not_one_digit(number: str) -> bool:
    return len(set(digits(number))) > 1


_EDGE_L = r"(?<![\w/.,-])"
_EDGE_R = r"(?![\w/-]|[.,]\d)"


class BankDetailsRecognizer(LabelledPatternRecognizer):
    """Sort codes and account numbers after their labels; IBANs and card numbers by check."""

    ENTITY = Entity.BANK_DETAILS
    RULES = (
        LabelledRule(
            "sort code",
            re.compile(rf"{_EDGE_L}\d{{2}}([- ]?)\d{{2}}\1\d{{2}}{_EDGE_R}"),
            _SORT_LABEL,
            0.9,
            None,
            _not_one_digit,
            window=30,
        ),
        LabelledRule(
            "account number",
            re.compile(rf"{_EDGE_L}\d{{7,8}}{_EDGE_R}"),
            _ACCOUNT_LABEL,
            0.9,
            None,
            _not_one_digit,
            window=50,
        ),
        LabelledRule(
            "IBAN (mod-97)",
            re.compile(r"(?<![\w])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b"),
            None,
            0.95,
            None,
            iban_valid,
        ),
        LabelledRule(
            "card number (Luhn)",
            re.compile(rf"{_EDGE_L}\d(?:[ -]?\d){{12,18}}{_EDGE_R}"),
            _CARD_LABEL,
            0.95,
            None,
            _card,
        ),
        LabelledRule(
            "card number (Luhn, 4-4-4-4)",
            re.compile(rf"{_EDGE_L}\d{{4}}([ -]?)\d{{4}}\1\d{{4}}\1\d{{4}}{_EDGE_R}"),
            None,
            0.75,
            None,
            _card,
        ),
    )


#: The recognisers of this family, for :func:`idpc_guard.recognizers.discover`.
RECOGNIZERS: tuple[Callable[[], EntityRecognizer], ...] = (BankDetailsRecognizer,)
