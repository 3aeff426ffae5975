"""The forms a redacted value takes in link targets: decoded, flattened, any phone format."""

from __future__ import annotations

import pytest

from idpc_guard.text.forms import carries, decoded, flat_forms, phone_digits, phone_forms

PHONE = "07700 900461"  # a reserved drama number


@pytest.mark.parametrize(
    "target",
    [
        "tel:+447700900461",
        "tel:+44%207700%20900461",
        "tel:+44-7700-900-461",
        "tel:00447700900461",
        "tel:07700900461",
        "https://example.com/call?n=%2B44%25207700%2520900461",  # encoded twice
    ],
)
def test_a_phone_number_is_found_in_every_format(target: str) -> None:
    assert carries(target, flat_forms(PHONE))


@pytest.mark.parametrize(
    ("target", "value"),
    [
        ("mailto:jo.bloggs%40example.com?subject=x", "jo.bloggs@example.com"),
        ("mailto:%6A%6F.bloggs@example.com", "jo.bloggs@example.com"),
        ("https://maps.example.com/?q=14%20Elm%20Grove%2C%20Barnsley", "14 Elm Grove"),
    ],
)
def test_percent_encoded_values_are_found(target: str, value: str) -> None:
    assert carries(target, flat_forms(value))


def test_other_targets_are_not_taken_for_the_value() -> None:
    assert not carries("tel:+447700900462", flat_forms(PHONE))
    assert not carries("https://example.com/a%20b", flat_forms("14 Elm Grove"))
    assert not carries("", flat_forms(PHONE))


def test_phone_forms_are_given_only_for_values_written_like_phone_numbers() -> None:
    assert phone_digits("+44 7700 900461") == phone_digits(PHONE) == "7700900461"
    assert set(phone_forms(PHONE)) == {
        "+447700900461",
        "447700900461",
        "00447700900461",
        "07700900461",
    }
    for value in ("14/03/1988", "943 476 5919", "JK 12 34 56 C", "0770"):
        assert phone_forms(value) == ()


def test_decoding_stops_after_a_few_rounds() -> None:
    assert decoded("%252540") == "@"
    assert decoded("100%") == "100%"
