"""What the rules say about one detection."""

from __future__ import annotations

from dataclasses import dataclass

from idpc_guard.model import Action, Detection, Role, Severity


@dataclass(frozen=True, slots=True)
class Ruling:
    """What the rules say about one subject, and which rule said it."""

    rule: str
    action: Action
    reason: str
    severity: Severity
    #: Whose data the subject was taken to be (None: the rule did not depend on it).
    role: Role | None = None


#: A detection and the ruling on it: a finding before it is numbered
#: (:func:`idpc_guard.policy.finalise.finalise` numbers them).
Decided = tuple[Detection, Ruling]
