"""The rules the tool applies in code, not from a rule file: their ids and reasons.

A report's ``rule`` is the id of a rule in the rule files, or one of these. They are
listed here, once, so that ``idpc-guard rules list`` shows them beside the rule files
(marked as built in), and so that no rule file can take one of their ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from idpc_guard.entities import HIDDEN_TEXT
from idpc_guard.model import Action, PageActionKind, Severity
from idpc_guard.policy.ruling import Ruling

#: No rule in force matches the item: a person decides.
NO_RULE = Ruling(
    rule="no-rule",
    action=Action.REVIEW,
    reason="No rule covers this item; a lawyer should decide whether it is served.",
    severity=Severity.MEDIUM,
)

#: Equally specific rules disagree about the item (several offences, say): a person decides.
RULE_CONFLICT = "rule-conflict"
_CONFLICT_REASON = "Rules {ids} apply equally to this item and disagree; a lawyer should decide."


def rule_conflict(ids: Sequence[str], severity: Severity) -> Ruling:
    """The ruling when the rules ``ids`` apply equally and disagree (``severity``: theirs)."""
    return Ruling(
        RULE_CONFLICT, Action.REVIEW, _CONFLICT_REASON.format(ids=", ".join(ids)), severity
    )


#: A value withheld in one document is withheld wherever it appears. Its severity is
#: that of the ruling that withheld it.
UNREDACTED_ELSEWHERE = Ruling(
    rule="unredacted-elsewhere",
    action=Action.REDACT,
    reason=(
        "Withheld in another document of this bundle; serving it here would undo that redaction."
    ),
    severity=Severity.HIGH,
)

#: Text boxed over in the bundle but still in the PDF is redacted for real.
COVERED_NOT_REMOVED = Ruling(
    rule="covered-not-removed",
    action=Action.REDACT,
    reason=(
        "Covered by a box in the bundle, but the text is still in the PDF and can be "
        "copied out: it is redacted for real."
    ),
    severity=Severity.HIGH,
)

#: Text (or a picture) left readable under a failed redaction in the input.
BAD_REDACTION_IN_INPUT = Ruling(
    rule="bad-redaction-in-input",
    action=Action.REDACT,
    reason=(
        "Text left under a box or highlight in the input can still be copied out: "
        "it is removed from the copy."
    ),
    severity=Severity.CRITICAL,
)

#: A name to withhold here that the bundle also uses for something else (a cited case,
#: a term of art, an institution): a person decides, so no copy is refused over it.
NAME_ALSO_NOT_A_NAME = Ruling(
    rule="name-also-not-a-name",
    action=Action.REVIEW,
    reason=(
        "These words name a person here, but elsewhere in the bundle they are a cited case, "
        "a term or an institution; a lawyer should decide whether this one is served."
    ),
    severity=Severity.MEDIUM,
)

#: Personal data outside the page content: in a bookmark, a page label, a note, a link.
OUTSIDE_PAGE_CONTENT = "outside-page-content"
_OUTSIDE_REASON = {
    Action.REDACT: (
        "Written in a {where}, outside the page content, where any reader of the PDF "
        "can see it: taken out of the copy's {where}s."
    ),
    Action.REVIEW: (
        "Written in a {where}, outside the page content; the same value is in review on "
        "the pages, so a lawyer should decide for both."
    ),
}


def outside_page_content(where: str, action: Action) -> Ruling:
    """The ruling on a value found in a ``where`` (a bookmark...): ``action`` as on the pages."""
    reason = _OUTSIDE_REASON.get(action, _OUTSIDE_REASON[Action.REDACT]).format(where=where)
    return Ruling(OUTSIDE_PAGE_CONTENT, action, reason, Severity.HIGH)


#: The rule the redaction log gives a whole page removed (a page action has its own reason).
PAGE_ACTION = "page-action"


@dataclass(frozen=True, slots=True)
class BuiltinRule:
    """A rule the tool applies in code, as ``rules list`` shows it."""

    id: str
    action: Action | PageActionKind
    #: None when the severity is taken from the rules or the finding involved.
    severity: Severity | None
    #: When the tool applies it.
    when: str
    #: The reason the report gives (for a page, each page action gives its own).
    reason: str


def _listed(ruling: Ruling, when: str, *, own_severity: bool = True) -> BuiltinRule:
    severity = ruling.severity if own_severity else None
    return BuiltinRule(ruling.rule, ruling.action, severity, when, ruling.reason)


#: Every built-in rule, in the order ``rules list`` shows them.
BUILTIN_RULES: tuple[BuiltinRule, ...] = (
    _listed(NO_RULE, "no rule in force matches the item"),
    BuiltinRule(
        RULE_CONFLICT,
        Action.REVIEW,
        None,
        "equally specific rules disagree (severity: the highest of theirs)",
        _CONFLICT_REASON.format(ids="<the rules>"),
    ),
    _listed(
        UNREDACTED_ELSEWHERE,
        "a value withheld elsewhere in the bundle is written here and nothing withholds it "
        "(severity: that of the ruling that withheld it)",
        own_severity=False,
    ),
    _listed(COVERED_NOT_REMOVED, "text the bundle covers with a box is still in the PDF"),
    _listed(
        NAME_ALSO_NOT_A_NAME,
        "a name a rule would withhold is, elsewhere in the bundle, a cited case, a term or "
        "an institution",
    ),
    _listed(
        BAD_REDACTION_IN_INPUT,
        f"input inspection finds text under a failed redaction (entity {HIDDEN_TEXT})",
    ),
    BuiltinRule(
        OUTSIDE_PAGE_CONTENT,
        Action.REDACT,
        Severity.HIGH,
        "a value is found in a bookmark, page label, named destination, annotation, link "
        "target or the document properties (review when the pages review the same value)",
        _OUTSIDE_REASON[Action.REDACT].format(where="<where>"),
    ),
    BuiltinRule(
        PAGE_ACTION,
        PageActionKind.REMOVE,
        None,
        "a whole page is removed: an MG11 back page, a not-disclosable form, or a page "
        "that could not be read (in the redaction log only)",
        "the page action's own reason",
    ),
)

#: The ids no rule file may use.
BUILTIN_IDS: frozenset[str] = frozenset(rule.id for rule in BUILTIN_RULES)
