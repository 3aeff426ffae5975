"""Turn detections into decisions: which rule applies, what to do, how serious.

Pure: no I/O, no global state. Precedence is :func:`choose_rule`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from idpc_guard.datetext import parse_date
from idpc_guard.layout import span_boxes, span_source, value_pattern
from idpc_guard.model import (
    Action,
    Case,
    Decisions,
    Detection,
    Document,
    DocumentIssue,
    DocumentKind,
    Entity,
    Finding,
    PageAction,
    PageText,
    Role,
    Severity,
    Verdict,
)
from idpc_guard.policy.loader import Rule

#: Applied when no rule matches: a person decides.
FALLBACK_RULE = "no-rule"
FALLBACK_REASON = "No rule covers this item; a lawyer should decide whether it is served."

#: Ties between equally specific rules go to the safer action.
_SAFETY = {Action.REDACT: 2, Action.REVIEW: 1, Action.KEEP: 0}
_SEVERITY_ORDER = {Severity.CRITICAL: 3, Severity.HIGH: 2, Severity.MEDIUM: 1, Severity.LOW: 0}

_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame"})
_RANK_BEFORE = re.compile(
    r"\b(?:PC|DC|PS|DS|DI|DCI|Sgt|Insp|SPC|PCSO|Supt|Constable|Sergeant|Inspector|"
    r"Officer)\.?\s+(?:\d{2,6}\s+)?(?:[A-Z][A-Za-z'\-]+\s+){0,2}$"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")


@dataclass(frozen=True, slots=True)
class Subject:
    """Facts about one detection that rules are matched on."""

    entity: str
    role: Role
    document: DocumentKind
    offences: tuple[str, ...]


def choose_rule(rules: Iterable[Rule], subject: Subject) -> Rule | None:
    """The rule that decides: the most specific match; ties go to the safer action.

    Specificity is offence (4) + role (2) + document kind (1); see
    :attr:`Rule.specificity`. Remaining ties go to the rule id that sorts first,
    so the result never depends on the order of rule files.
    """
    matching = [r for r in rules if _matches(r, subject)]
    if not matching:
        return None
    return max(matching, key=lambda r: (r.specificity, _SAFETY[r.action], _neg(r.id)))


def _neg(text: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in text)


def _matches(rule: Rule, subject: Subject) -> bool:
    if rule.entities and subject.entity not in rule.entities:
        return False
    if rule.documents and subject.document not in rule.documents:
        return False
    if rule.roles and subject.role not in rule.roles:
        return False
    return not rule.offences or any(
        term in offence.casefold() for term in rule.offences for offence in subject.offences
    )


def decide(
    detections: Sequence[Detection],
    documents: Sequence[Document],
    texts: Sequence[PageText],
    case: Case,
    rules: Sequence[Rule],
    issues: Sequence[DocumentIssue] = (),
) -> Decisions:
    """Decide every detection, add page actions for removed documents, give the verdict."""
    kinds = {d.index: d.kind for d in documents}
    people = _People.of(case, documents)

    def decide_one(detection: Detection) -> tuple[Detection, Rule | None]:
        subject = Subject(
            entity=detection.entity,
            role=people.role_of(detection, texts[detection.page]),
            document=kinds.get(detection.document, DocumentKind.OTHER),
            offences=case.offences,
        )
        return detection, choose_rule(rules, subject)

    decided = [decide_one(d) for d in detections]
    withheld = [d for d, rule in decided if rule is None or rule.action is not Action.KEEP]
    decided += [
        decide_one(d) for d in _same_value_elsewhere(withheld, detections, texts, documents)
    ]
    decided.sort(key=lambda item: (item[0].page, item[0].boxes[0].y0, item[0].boxes[0].x0))
    findings = [
        Finding(
            id=f"F{number:04d}",
            detection=detection,
            action=rule.action if rule else Action.REVIEW,
            rule=rule.id if rule else FALLBACK_RULE,
            reason=rule.reason if rule else FALLBACK_REASON,
            severity=rule.severity if rule else Severity.MEDIUM,
        )
        for number, (detection, rule) in enumerate(decided, start=1)
    ]
    page_actions = _page_actions(documents)
    return Decisions(
        findings=tuple(findings),
        page_actions=page_actions,
        document_issues=tuple(issues),
        verdict=verdict_of(findings, page_actions, issues),
    )


def verdict_of(
    findings: Iterable[Finding],
    page_actions: Sequence[PageAction],
    issues: Sequence[DocumentIssue],
) -> Verdict:
    """Block on a critical redaction or any document issue; review on any other proposal."""
    findings = list(findings)
    if issues or any(
        f.action is Action.REDACT and f.severity is Severity.CRITICAL for f in findings
    ):
        return Verdict.BLOCK
    if page_actions or any(f.action is not Action.KEEP for f in findings):
        return Verdict.REVIEW
    return Verdict.CLEAR


#: Documents removed whole: their pages are never served.
REMOVED_KINDS: dict[DocumentKind, str] = {
    DocumentKind.WITNESS_CONTACT_DETAILS: "MG11 back page: witness contact details",
    DocumentKind.NOT_DISCLOSABLE: "Not-disclosable form: must never be served",
}


def _page_actions(documents: Sequence[Document]) -> tuple[PageAction, ...]:
    return tuple(
        PageAction(page=page, action="remove", reason=REMOVED_KINDS[doc.kind])
        for doc in documents
        if doc.kind in REMOVED_KINDS
        for page in doc.pages
    )


def name_tokens(name: str) -> frozenset[str]:
    """The words of a name, case-folded, without titles."""
    words = (w.strip("'-").casefold() for w in _WORD.findall(name))
    return frozenset(w for w in words if w and w.rstrip(".") not in _TITLES)


@dataclass(frozen=True, slots=True)
class _People:
    """The people the case knows, by the words of their names."""

    known: tuple[tuple[frozenset[str], Role], ...]
    defendant_dobs: frozenset[dt.date]

    @classmethod
    def of(cls, case: Case, documents: Sequence[Document]) -> _People:
        known: list[tuple[frozenset[str], Role]] = []
        for person in (*case.defendants, *case.complainants, *case.officers):
            known.append((name_tokens(person.name), person.role))
        for doc in documents:
            if doc.fields.witness:
                known.append((name_tokens(doc.fields.witness), Role.WITNESS))
        dobs = frozenset(d for p in case.defendants if p.dob and (d := parse_date(p.dob)))
        return cls(tuple((tokens, role) for tokens, role in known if tokens), dobs)

    def role_of(self, detection: Detection, text: PageText) -> Role:
        """Whose data a detection is, as far as the case and the text tell."""
        if detection.entity == Entity.PERSON.value:
            if _RANK_BEFORE.search(text.text[max(0, detection.start - 40) : detection.start]):
                return Role.OFFICER
            tokens = name_tokens(detection.text)
            if not tokens:
                return Role.UNKNOWN
            # Defendant first: a witness who shares a surname is still not the defendant.
            for wanted in (Role.DEFENDANT, Role.OFFICER, Role.VICTIM, Role.WITNESS):
                if any(role is wanted and tokens <= known for known, role in self.known):
                    return wanted
            if any(tokens <= known for known, _ in self.known):
                return Role.WITNESS
            return Role.THIRD_PARTY
        if (
            detection.entity == Entity.DATE_OF_BIRTH.value
            and parse_date(detection.text) in self.defendant_dobs
        ):
            return Role.DEFENDANT
        return Role.UNKNOWN


def _same_value_elsewhere(
    withheld: Sequence[Detection],
    detections: Sequence[Detection],
    texts: Sequence[PageText],
    documents: Sequence[Document],
) -> list[Detection]:
    """Other occurrences of a withheld value that no recogniser reported.

    A phone number found once is the same phone number on every page; each
    occurrence is then decided on its own (the rule may differ by document).
    """
    doc_of_page = {p: d.index for d in documents for p in d.pages}
    covered: dict[int, list[tuple[int, int]]] = {}
    for d in detections:
        covered.setdefault(d.page, []).append((d.start, d.end))
    values = {(d.entity, d.text.strip()) for d in withheld if len(d.text.strip()) >= 4}
    extra: list[Detection] = []
    for entity, value in sorted(values):
        pattern = value_pattern(value)
        for text in texts:
            for match in pattern.finditer(text.text):
                spans = covered.setdefault(text.page, [])
                if any(s < match.end() and match.start() < e for s, e in spans):
                    continue
                boxes = span_boxes(text, match.start(), match.end())
                if not boxes:
                    continue
                spans.append((match.start(), match.end()))
                extra.append(
                    Detection(
                        entity=entity,
                        text=match.group(0),
                        page=text.page,
                        boxes=boxes,
                        score=0.5,
                        source=span_source(text, match.start(), match.end()),
                        recognizer="SameValueElsewhere",
                        document=doc_of_page.get(text.page, 0),
                        start=match.start(),
                        end=match.end(),
                    )
                )
    return extra


def most_severe(findings: Iterable[Finding]) -> Severity | None:
    """The highest severity among findings proposed for redaction, if any."""
    severities = [f.severity for f in findings if f.action is Action.REDACT]
    return max(severities, key=_SEVERITY_ORDER.__getitem__) if severities else None
