"""What the rules say about one detection."""

from __future__ import annotations

from dataclasses import dataclass

from idpc_guard.model import Action, Detection, Severity


@dataclass(frozen=True, slots=True)
class Ruling:
    """What the rules say about one subject, and which rule said it."""

    rule: str
    action: Action
    reason: str
    severity: Severity


#: A detection and the ruling on it: a finding before it is numbered
#: (:func:`idpc_guard.policy.finalise.finalise` numbers them).
Decided = tuple[Detection, Ruling]
