"""Offences given by a person are checked against the taxonomy: a typo is refused."""

from __future__ import annotations

import pytest

from idpc_guard.errors import UsageError
from idpc_guard.policy.loader import load_rule_set
from idpc_guard.policy.offences import check_offences, unrecognised_offences
from tests.unit.policy.test_taxonomy import VECTORS

TAXONOMY = load_rule_set().taxonomy


@pytest.mark.parametrize(
    "text",
    sorted(
        {text for text, wanted, _ in VECTORS if wanted}
        | {"burglary (dwelling)", "TH68007", "Theft from a shop", "stalking", "domestic-abuse"}
    ),
)
def test_offences_the_taxonomy_matches_are_never_refused(text: str) -> None:
    assert check_offences(TAXONOMY, [("--offence", text)], allow_unknown=False) == ()


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [("burglery dwelling", "burglary dwelling"), ("burglery", "burglary")],
)
def test_a_misspelt_offence_is_refused_with_the_nearest_one(text: str, suggestion: str) -> None:
    with pytest.raises(UsageError) as caught:
        check_offences(TAXONOMY, [("case.yaml: offences[0]", text)], allow_unknown=False)
    message = str(caught.value)
    assert message.startswith(f"case.yaml: offences[0]: '{text}' is not an offence")
    assert f"(did you mean {suggestion}?)" in message
    assert "--allow-unknown-offence" in message


def test_unknown_offences_are_returned_when_allowed() -> None:
    given = [("--offence", "burglary"), ("--offence", "XX12345"), ("--offence", "jaywalking")]
    assert check_offences(TAXONOMY, given, allow_unknown=True) == ("XX12345", "jaywalking")
    assert unrecognised_offences(TAXONOMY, ["TH68036", "XX12345"]) == ("XX12345",)
