"""Offences a person gave (case file, ``--offence``) checked against the offence taxonomy.

An offence the taxonomy does not recognise makes no offence exception apply, so a
misspelt one ("burglery dwelling") would silently change the result: it is refused,
with the nearest offence the taxonomy knows, unless the caller allows it.
"""

from __future__ import annotations

from collections.abc import Sequence

from idpc_guard.errors import UsageError
from idpc_guard.policy.taxonomy import Taxonomy
from idpc_guard.text.suggest import hint

#: How an allowed unknown offence is explained to the reader of a summary.
NOT_RECOGNISED = "not recognised by the offence taxonomy: no offence exception applies to it"


def unrecognised_offences(taxonomy: Taxonomy, offences: Sequence[str]) -> tuple[str, ...]:
    """The offences (free text or CJS codes) in which the taxonomy recognises nothing."""
    return tuple(text for text in offences if not taxonomy.match([text]))


def check_offences(
    taxonomy: Taxonomy, given: Sequence[tuple[str, str]], *, allow_unknown: bool
) -> tuple[str, ...]:
    """The unrecognised offences of ``given`` (``(where, text)`` pairs), if allowed.

    Raises:
        UsageError: an offence is not recognised and ``allow_unknown`` is false; the
            message names where it was given and the nearest offence the taxonomy knows.
    """
    unknown = unrecognised_offences(taxonomy, [text for _, text in given])
    if unknown and not allow_unknown:
        where, text = next(pair for pair in given if pair[1] in unknown)
        raise UsageError(
            f"{where}: '{text}' is not an offence the taxonomy knows"
            f"{hint(text, _spellings(taxonomy))}; correct it (free text such as 'burglary "
            "dwelling', or a CJS code), or add --allow-unknown-offence to scan without "
            "offence exceptions for it"
        )
    return unknown


def _spellings(taxonomy: Taxonomy) -> list[str]:
    """Every way the taxonomy writes an offence: names, titles and synonyms."""
    spellings: list[str] = []
    for term in taxonomy.terms.values():
        spellings += [term.name, term.title, *(" ".join(words) for words in term.synonyms)]
    return spellings
