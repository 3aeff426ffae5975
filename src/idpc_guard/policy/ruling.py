"""What the rules say about one detection."""

from __future__ import annotations

from dataclasses import dataclass

from idpc_guard.model import Action, Severity


@dataclass(frozen=True, slots=True)
class Ruling:
    """What the rules say about one subject, and which rule said it."""

    rule: str
    action: Action
    reason: str
    severity: Severity
