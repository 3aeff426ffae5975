"""Every form a redacted value can be written in outside the page text.

A value redacted from a page can be carried elsewhere in another form: a link
target percent-encodes it (``mailto:jo%40example.com``, ``?q=14%20Elm%20Grove``),
and a phone number is written in any of its formats (``tel:+447700900461``,
``0044 7700 900461``). Removal and verification compare them in the same forms:
letters and digits only, case-folded, a target decoded first, and a phone number
also by its national significant number (the digits every format shares).
"""

from __future__ import annotations

from urllib.parse import unquote

import phonenumbers

#: Shortest flat form compared: shorter ones could be in anything by chance.
MIN_FLAT = 6
_REGION = "GB"
#: Rounds of percent-decoding (``%2540`` is ``%40`` encoded again).
_DECODE_ROUNDS = 3


def flat(text: str) -> str:
    """Letters and digits only, case-folded: ``J.Smith@x`` still holds ``J Smith``."""
    return "".join(c for c in text if c.isalnum()).casefold()


def decoded(target: str) -> str:
    """A link target with its percent-encoding undone (repeatedly, a few rounds)."""
    for _ in range(_DECODE_ROUNDS):
        plain = unquote(target)
        if plain == target:
            break
        target = plain
    return target


def phone_digits(value: str) -> str:
    """The national significant number of a value that is a phone number, else ``""``.

    ``07700 900461``, ``+44 7700 900461`` and ``0044 (0)7700 900461`` all give
    ``7700900461``: whatever the format, these digits are written in a row.
    """
    number = _phone(value)
    return str(number.national_number) if number is not None else ""


def phone_forms(value: str) -> tuple[str, ...]:
    """Other written forms of a phone number: international (``+``, ``00``, bare), national."""
    number = _phone(value)
    if number is None:
        return ()
    digits, code = number.national_number, number.country_code
    return (f"+{code}{digits}", f"{code}{digits}", f"00{code}{digits}", f"0{digits}")


def _phone(value: str) -> phonenumbers.PhoneNumber | None:
    """The number a value written like a phone number (a leading ``0``, ``+`` or ``(``) is."""
    if not value.lstrip().startswith(("0", "+", "(")):
        return None
    if sum(c.isdigit() for c in value) < MIN_FLAT or any(c.isalpha() for c in value):
        return None
    try:
        number = phonenumbers.parse(value, _REGION)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_possible_number(number) else None


def flat_forms(value: str, shortest: int = MIN_FLAT) -> frozenset[str]:
    """The flat forms of a value (``shortest`` characters or more) to look for in a target."""
    forms = {flat(value), phone_digits(value)}
    return frozenset(f for f in forms if len(f) >= shortest)


def carries(target: str, forms: frozenset[str]) -> bool:
    """Whether a target (a link's URI, a file name) holds one of the flat forms."""
    plain = flat(decoded(target))
    return bool(plain) and any(form in plain for form in forms)
