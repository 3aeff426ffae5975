"""A reviewer's decisions on a report, recorded in the report itself.

``idpc-guard review`` (and the decisions file the HTML review page saves) change a
report JSON without anyone editing it by hand: a finding's proposal is accepted (its
action stays as proposed), rejected (the opposite: redact becomes keep, keep becomes
redact) or changed; every occurrence of a term or every value of a person is accepted
or rejected at once; a box is added; a page is removed or kept. "Accept all" is refused
without the reviewer's attestation that the whole bundle was reviewed.

Each change is recorded in the report's ``review`` block (proposed for v1.1 in the
schema) with who made it, when (UTC), why, and the action before and after; a record
names a finding by its id and entity, never by its value. ``apply`` then reads the
findings' actions as they stand, as it reads a hand-edited report.

A review item (action ``review``) has no proposal to accept or reject: it is decided
``redact`` or ``keep`` by itself, or with ``decide`` given to a group decision. A group
decision on a term or a person acts on its redact and keep proposals and leaves the
review items to be decided (unless ``decide`` is given). Accept and reject are
measured from the proposal (the action before the first review change), so rejecting
twice is rejecting once, and "accept all" accepts only what no reviewer has decided yet.

Pure apart from the clock: no I/O.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from idpc_guard.errors import DecisionsFileError, UsageError
from idpc_guard.model import Action
from idpc_guard.report.load import REVIEWER, load_report

#: What "accept all" asks the reviewer to attest, typed in full.
ATTESTATION = "I have reviewed the whole bundle"
#: The ``schema`` of a decisions file saved by the HTML review page.
DECISIONS_SCHEMA = "idpc-guard/review-decisions/v1"
#: The rule of a box a reviewer added.
ADDED_RULE = "reviewer"


class Decision(StrEnum):
    """What a reviewer does with a proposal."""

    ACCEPT = "accept"
    REJECT = "reject"


class Scope(StrEnum):
    """What one decision covers."""

    FINDING = "finding"
    TERM = "term"  # every finding of the same value
    PERSON = "person"  # every finding on a person's names
    ALL = "all"
    PAGE = "page"


class Source(StrEnum):
    """Where a change was made."""

    CLI = "cli"
    INTERACTIVE = "interactive"
    HTML = "html"


@dataclass(frozen=True, slots=True)
class Change:
    """One change, as recorded in the report (and the redaction log): no values."""

    kind: str  # accept, reject, change, add-box, page, accept-all
    scope: Scope
    before: str  # an action, or for a page: remove / keep; none for an added box
    after: str
    reason: str
    finding: str | None = None
    entity: str = ""
    page: int | None = None  # 1-based
    document: int | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one decision did: the changes recorded, and the review items left undecided."""

    changes: tuple[Change, ...] = ()
    undecided: tuple[str, ...] = ()


def attested(statement: str | None) -> bool:
    """Whether ``statement`` is :data:`ATTESTATION` typed in full (case and spacing aside)."""
    if statement is None:
        return False
    return _plain(statement).rstrip(".") == _plain(ATTESTATION)


def findings_fingerprint(data: Mapping[str, Any]) -> str:
    """A fingerprint of the bundle and the findings a scan made (not those a reviewer added).

    The HTML review page carries it; a decisions file saved there is applied only to a
    report with the same fingerprint (the findings it names are the ones it showed).
    """
    made = [
        [f["id"], f["page"], f["entity"], f["bbox"], f["text"]]
        for f in data["findings"]
        if f.get("recognizer", REVIEWER) != REVIEWER
    ]
    text = json.dumps([data["bundle"]["sha256"], made], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def term_key(text: str) -> str:
    """The form two findings' values are compared in: the same term when equal."""
    return _plain(text)


def _plain(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass
class Review:
    """A report (as JSON data) being reviewed by one person through one channel.

    Each method makes one decision and returns what it changed; :meth:`result` gives
    the reviewed report, validated, with its verdict and people's counts brought up to
    date. The data given is not changed.
    """

    data: dict[str, Any]
    by: str
    source: Source = Source.CLI
    when: datetime | None = None
    changes: list[Change] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.by.strip():
            raise UsageError("the reviewer's name is empty: give --reviewer NAME")
        self.data = copy.deepcopy(self.data)
        block = self.data.setdefault("review", {})
        block.setdefault("fingerprint", findings_fingerprint(self.data))
        block.setdefault("changes", [])
        self._by_id: dict[str, dict[str, Any]] = {f["id"]: f for f in self.data["findings"]}

    # -- selecting ---------------------------------------------------------------------

    def finding(self, finding_id: str) -> dict[str, Any]:
        """The finding of that id, or a usage error naming it."""
        found: dict[str, Any] | None = self._by_id.get(finding_id)
        if found is None:
            raise UsageError(f"the report has no finding {finding_id}")
        return found

    def select(self, finding_id: str, scope: Scope) -> list[dict[str, Any]]:
        """The findings a decision on ``finding_id`` covers in ``scope`` (term or person)."""
        chosen = self.finding(finding_id)
        if scope is Scope.TERM:
            key = term_key(chosen["text"])
            return [f for f in self.data["findings"] if term_key(f["text"]) == key]
        if scope is Scope.PERSON:
            person = chosen.get("person")
            if person is None:
                raise UsageError(f"finding {finding_id} is not on a person's name")
            return self.person(person)
        return [chosen]

    def person(self, person_id: str) -> list[dict[str, Any]]:
        """The findings on the names of the person of that id."""
        for person in self.data.get("people", []):
            if person["id"] == person_id:
                return [self._by_id[i] for i in person["findings"] if i in self._by_id]
        raise UsageError(f"the report has no person {person_id}")

    def proposal(self, finding: Mapping[str, Any]) -> Action:
        """What was proposed for a finding: its action before the first review change."""
        for change in self.data["review"]["changes"]:
            if change.get("finding") == finding["id"] and change["before"] in set(Action):
                return Action(change["before"])
        return Action(finding["action"])

    def decided(self, finding: Mapping[str, Any]) -> bool:
        """Whether a reviewer has decided this finding already (in this or an earlier run)."""
        return any(c.get("finding") == finding["id"] for c in self.data["review"]["changes"])

    # -- deciding ----------------------------------------------------------------------

    def decide(
        self,
        decision: Decision,
        findings: Sequence[dict[str, Any]],
        reason: str,
        scope: Scope = Scope.FINDING,
        resolve: Action | None = None,
    ) -> Outcome:
        """Accept or reject the proposals of ``findings``.

        A review item is decided ``resolve`` (redact or keep); without it, a single
        review item is refused and those in a group are left undecided.

        Raises:
            UsageError: a single review item without ``resolve``, or a reason missing.
        """
        if resolve is Action.REVIEW:
            raise UsageError("a review item is decided redact or keep, not review")
        reason = _reason(reason, required=decision is Decision.REJECT)
        undecided: list[str] = []
        made: list[Change] = []
        for finding in findings:
            proposed = self.proposal(finding)
            if proposed is Action.REVIEW:
                if resolve is None:
                    undecided.append(finding["id"])
                    continue
                after = resolve
            elif decision is Decision.ACCEPT:
                after = proposed
            else:
                after = Action.KEEP if proposed is Action.REDACT else Action.REDACT
            made.append(self._set(finding, after, decision.value, scope, reason))
        if scope is Scope.FINDING and undecided:
            raise UsageError(
                f"finding {undecided[0]} is for review: there is no proposal to "
                f"{decision.value}; decide it redact or keep (--decide redact|keep)"
            )
        return Outcome(tuple(made), tuple(undecided))

    def change(
        self, finding_id: str, action: Action, reason: str, entity: str | None = None
    ) -> Outcome:
        """Set a finding's action (and, if given, its entity)."""
        reason = _reason(reason, required=True)
        finding = self.finding(finding_id)
        if entity is not None:
            _check_entity(entity)
            finding["entity"] = entity
        return Outcome((self._set(finding, action, "change", Scope.FINDING, reason),))

    def accept_all(
        self, statement: str | None, reason: str, resolve: Action | None = None
    ) -> Outcome:
        """Accept every proposal no reviewer has decided yet, after the attestation.

        Raises:
            UsageError: ``statement`` is not :data:`ATTESTATION` typed in full.
        """
        if not attested(statement):
            raise UsageError(
                f'accept all needs the attestation, typed in full: --attest "{ATTESTATION}"'
            )
        reason = _reason(reason or "Whole bundle reviewed: every remaining proposal accepted")
        block = self.data["review"]
        block.setdefault("attestations", []).append(
            {
                "at": self._now(),
                "by": self.by,
                "statement": ATTESTATION,
                "source": self.source.value,
            }
        )
        open_ = [f for f in self.data["findings"] if not self.decided(f)]
        return self.decide(Decision.ACCEPT, open_, reason, Scope.ALL, resolve)

    def add_box(
        self,
        page: int,
        bbox: Sequence[float],
        entity: str,
        reason: str,
        text: str = "",
        action: Action = Action.REDACT,
    ) -> Outcome:
        """Add a finding the scan did not make: a box on a page (1-based), PDF points."""
        reason = _reason(reason, required=True)
        _check_entity(entity)
        pages = int(self.data["bundle"]["pages"])
        if not 1 <= page <= pages:
            raise UsageError(f"page {page} is not in the bundle (it has {pages} pages)")
        if len(bbox) != 4:
            raise UsageError("a box is four numbers: x0,y0,x1,y1 (PDF points, top-left origin)")
        x0, y0, x1, y1 = (round(float(v), 2) for v in bbox)
        if not (x1 > x0 and y1 > y0):
            raise UsageError("a box needs x1 > x0 and y1 > y0 (x0,y0,x1,y1)")
        number = 1 + max((int(i[1:]) for i in self._by_id if i[1:].isdigit()), default=0)
        finding: dict[str, Any] = {
            "id": f"F{number:04d}",
            "page": page,
            "bbox": [x0, y0, x1, y1],
            "boxes": [[x0, y0, x1, y1]],
            "source": "text",
            "entity": entity,
            "text": text,
            "score": 1.0,
            "action": action.value,
            "rule": ADDED_RULE,
            "reason": reason,
            "severity": "high",
            "document": self._document_of(page),
            "recognizer": REVIEWER,
        }
        self.data["findings"].append(finding)
        self._by_id[finding["id"]] = finding
        made = Change(
            "add-box",
            Scope.FINDING,
            "none",
            action.value,
            reason,
            finding["id"],
            entity,
            page,
            finding["document"],
        )
        return Outcome((self._record(made),))

    def mark_page(self, page: int, remove: bool, reason: str) -> Outcome:
        """Remove a page from the copy, or keep one the scan would remove."""
        reason = _reason(reason, required=True)
        pages = int(self.data["bundle"]["pages"])
        if not 1 <= page <= pages:
            raise UsageError(f"page {page} is not in the bundle (it has {pages} pages)")
        actions: list[dict[str, Any]] = self.data["page_actions"]
        before = "remove" if any(a["page"] == page for a in actions) else "keep"
        kept = [a for a in actions if a["page"] != page]
        if remove:
            kept.append({"page": page, "action": "remove", "reason": reason})
        self.data["page_actions"] = sorted(kept, key=lambda a: int(a["page"]))
        after = "remove" if remove else "keep"
        made = Change(
            "page", Scope.PAGE, before, after, reason, None, "", page, self._document_of(page)
        )
        return Outcome((self._record(made),))

    # -- the result --------------------------------------------------------------------

    def result(self) -> dict[str, Any]:
        """The reviewed report: verdict and people's counts as the findings now stand.

        Raises:
            ReportFileError: the result would not follow the schema (a bug, or a report
                edited by hand into something the review cannot fix).
        """
        for person in self.data.get("people", []):
            actions = [self._by_id[i]["action"] for i in person["findings"] if i in self._by_id]
            person["redacted"] = actions.count("redact")
            person["kept"] = actions.count("keep")
            person["review"] = actions.count("review")
        loaded = load_report(json.dumps(self.data), "the reviewed report")
        self.data["verdict"] = loaded.decisions.verdict.value
        return self.data

    # -- internals ---------------------------------------------------------------------

    def _set(
        self, finding: dict[str, Any], after: Action, kind: str, scope: Scope, reason: str
    ) -> Change:
        before = finding["action"]
        finding["action"] = after.value
        made = Change(
            kind,
            scope,
            before,
            after.value,
            reason,
            finding["id"],
            finding["entity"],
            int(finding["page"]),
            int(finding["document"]),
        )
        return self._record(made)

    def _record(self, change: Change) -> Change:
        changes: list[dict[str, Any]] = self.data["review"]["changes"]
        entry: dict[str, Any] = {
            "seq": len(changes) + 1,
            "at": self._now(),
            "by": self.by,
            "source": self.source.value,
            "kind": change.kind,
            "scope": change.scope.value,
        }
        if change.finding is not None:
            entry["finding"] = change.finding
            entry["entity"] = change.entity
        if change.page is not None:
            entry["page"] = change.page
        entry.update(before=change.before, after=change.after, reason=change.reason)
        changes.append(entry)
        self.changes.append(change)
        return change

    def _now(self) -> str:
        return (self.when or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")

    def _document_of(self, page: int) -> int:
        for document in self.data["documents"]:
            if page in document["pages"]:
                return int(document["index"])
        return 0


def _reason(reason: str, required: bool = False) -> str:
    text = " ".join(reason.split())
    if required and not text:
        raise UsageError("say why: give --reason TEXT (it is recorded with the change)")
    return text or "Agreed with the proposal"


def _check_entity(entity: str) -> None:
    if not entity or not entity.replace("_", "").isalpha() or not entity.isupper():
        raise UsageError(
            "an entity is written in capitals and underscores, as in the report (UK_ADDRESS)"
        )


# -- decisions files (saved by the HTML review page) -------------------------------------

_GROUPS = {"finding": Scope.FINDING, "term": Scope.TERM, "person": Scope.PERSON}


def apply_decisions(review: Review, decisions: Mapping[str, Any], name: str) -> Outcome:
    """Apply a decisions file saved by the HTML review page, in the order it lists them.

    Raises:
        DecisionsFileError: the file is not a decisions file, was saved for another
            report (its fingerprint differs), names a finding the report does not have,
            or asks for "accept all" without the attestation.
    """
    _check_decisions(decisions, review.data, name)
    made: list[Change] = []
    undecided: dict[str, None] = {}
    for number, item in enumerate(decisions["decisions"], start=1):
        where = f"{name}: decisions/{number}"
        try:
            outcome = _one_decision(review, item)
        except UsageError as exc:
            raise DecisionsFileError(f"{where}: {exc}") from exc
        made += outcome.changes
        undecided.update(dict.fromkeys(outcome.undecided))
    decided = {c.finding for c in made}
    return Outcome(tuple(made), tuple(i for i in undecided if i not in decided))


def _one_decision(review: Review, item: Mapping[str, Any]) -> Outcome:
    what = item["decision"]
    reason = str(item.get("reason", ""))
    scope = item.get("scope", "finding")
    if what == "page":
        return review.mark_page(int(item["page"]), item["action"] == "remove", reason)
    if what == "accept-all":
        return review.accept_all(item.get("attestation"), reason)
    if what == "add-box":
        return review.add_box(int(item["page"]), item["bbox"], str(item["entity"]), reason)
    if what in ("redact", "keep", "review"):
        return review.change(str(item["finding"]), Action(what), reason or f"Decided {what}")
    decision = Decision(what)
    if scope == "person" and "person" in item:
        findings = review.person(str(item["person"]))
    else:
        findings = review.select(str(item["finding"]), _GROUPS[scope])
    return review.decide(decision, findings, reason, _GROUPS[scope])


def _check_decisions(decisions: Mapping[str, Any], report: Mapping[str, Any], name: str) -> None:
    """Refuse a decisions file that is malformed or was saved for another report."""
    if not isinstance(decisions, dict) or decisions.get("schema") != DECISIONS_SCHEMA:
        raise DecisionsFileError(
            f"{name} is not a review decisions file (schema {DECISIONS_SCHEMA} expected): "
            "give the file the review page saved"
        )
    about = decisions.get("report")
    if not isinstance(about, dict):
        raise DecisionsFileError(f"{name}: missing field report (the report it was saved for)")
    if about.get("bundle_sha256") != report["bundle"]["sha256"]:
        raise DecisionsFileError(
            f"{name} was saved for another bundle (its sha256 differs from the report's)"
        )
    if about.get("fingerprint") != findings_fingerprint(report):
        raise DecisionsFileError(
            f"{name} was saved for another report of this bundle (its findings fingerprint "
            "differs): open the review page written with this report"
        )
    items = decisions.get("decisions")
    if not isinstance(items, list):
        raise DecisionsFileError(f"{name}: decisions must be a list")
    for number, item in enumerate(items, start=1):
        problem = _problem(item)
        if problem:
            raise DecisionsFileError(f"{name}: decisions/{number}: {problem}")


_DECISIONS = {"accept", "reject", "redact", "keep", "review", "page", "accept-all", "add-box"}


def _problem(item: Any) -> str:
    """What is wrong with one entry of a decisions file, or empty."""
    if not isinstance(item, dict):
        return "each decision is an object"
    what = item.get("decision")
    if what not in _DECISIONS:
        return f"decision must be one of {', '.join(sorted(_DECISIONS))}"
    if not isinstance(item.get("reason", ""), str):
        return "reason must be text"
    if what == "page":
        if not isinstance(item.get("page"), int) or item.get("action") not in ("remove", "keep"):
            return "a page decision needs page (a number) and action (remove or keep)"
        return ""
    if what == "add-box":
        bbox = item.get("bbox")
        if (
            not isinstance(item.get("page"), int)
            or not isinstance(bbox, list)
            or len(bbox) != 4
            or not all(isinstance(v, int | float) for v in bbox)
            or not isinstance(item.get("entity"), str)
        ):
            return "an added box needs page (a number), bbox (four numbers) and entity"
        return ""
    if what == "accept-all":
        if not attested(item.get("attestation")):
            return f'accept all needs the attestation "{ATTESTATION}", typed in full'
        return ""
    if item.get("scope", "finding") not in _GROUPS:
        return f"scope must be one of {', '.join(_GROUPS)}"
    if what in ("redact", "keep", "review") and item.get("scope", "finding") != "finding":
        return "a decision redact, keep or review is for one finding (scope finding)"
    if not isinstance(item.get("finding"), str) and not (
        item.get("scope") == "person" and isinstance(item.get("person"), str)
    ):
        return "finding must be a finding id (or, for scope person, person a person id)"
    return ""


def summary(changes: Iterable[Change], undecided: Sequence[str]) -> str:
    """One line on what a review step did, without values."""
    counts: dict[str, int] = {}
    for change in changes:
        counts[change.kind] = counts.get(change.kind, 0) + 1
    done = ", ".join(f"{n} {k}" for k, n in counts.items()) or "no change"
    left = f"; {len(undecided)} review item(s) left to decide" if undecided else ""
    return f"Recorded: {done}{left}"
