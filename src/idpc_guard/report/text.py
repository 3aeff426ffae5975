"""A short plain-text summary of a report, for the terminal and for logs.

It names no personal data unless ``show_values`` is set: findings are counted
by entity and action, documents by kind and pages.
"""

from __future__ import annotations

from collections import Counter

from idpc_guard.model import Action, Report
from idpc_guard.policy.offences import NOT_RECOGNISED

_VERDICT_LINES = {
    "clear": "CLEAR: nothing to redact or review",
    "review": "REVIEW: redactions proposed or items need a decision",
    "block": "BLOCK: do not serve this bundle as it is",
}


#: Why pages of the copy are pictures (see :mod:`idpc_guard.redact.as_image`).
AS_IMAGES = (
    "served as pictures in the redacted copy: text on them resisted redaction, so it "
    "cannot be selected or searched there"
)


def pages_as_images_line(pages: tuple[int, ...]) -> str:
    """What the copy's pages served as pictures mean (``pages`` 0-based)."""
    return f"page(s) {', '.join(str(p + 1) for p in pages)} {AS_IMAGES}"


def warnings(report: Report) -> list[str]:
    """What the reader must know beyond the findings, one line each, no personal data.

    Offences no exception could apply to, where the case file and the bundle disagree,
    and pages the copy serves as pictures: the text report and the terminal summary
    both print these.
    """
    lines = [f"offence {offence!r} {NOT_RECOGNISED}" for offence in report.unrecognised_offences]
    lines += [f"case file and bundle disagree: {d}" for d in report.case_disagreements]
    if report.pages_as_images:
        lines.append(pages_as_images_line(report.pages_as_images))
    if report.copy_failure is not None:
        stayed = ", ".join(
            f"{i} (page {f.detection.page + 1}, {f.detection.entity})" if f else i
            for i, f in report.copy_failure.not_removed(report.decisions.findings)
        )
        lines.append(f"NO redacted copy was written: still readable after redaction: {stayed}")
    return lines


def render_text(report: Report, *, show_values: bool = False) -> str:
    """The summary as lines of text."""
    decisions = report.decisions
    findings = decisions.findings
    actions = Counter(f.action for f in findings)
    lines = [
        f"idpc-guard {report.tool_version}: {report.bundle.page_count} page(s), "
        f"{len(report.documents)} document(s)",
        f"Verdict: {_VERDICT_LINES[decisions.verdict.value]}",
        f"Findings: {actions[Action.REDACT]} to redact, {actions[Action.REVIEW]} to review, "
        f"{actions[Action.KEEP]} kept; {len(decisions.page_actions)} page(s) to remove; "
        f"{len(decisions.document_issues)} document issue(s)",
    ]
    if report.case.inferred:
        lines.append("Case: facts inferred from the bundle (no case file, or it left them out)")
    lines += [f"  ! {warning}" for warning in warnings(report)]
    for issue in decisions.document_issues:
        pages = ", ".join(str(p + 1) for p in issue.pages)
        lines.append(f"  ! {issue.kind.value} ({f'page {pages}' if pages else 'whole file'})")
    lines.append("Documents:")
    for doc in report.documents:
        doc_findings = [f for f in findings if f.detection.document == doc.index]
        counts = Counter(f.action for f in doc_findings)
        pages = (
            f"{doc.pages[0] + 1}"
            if len(doc.pages) == 1
            else (f"{doc.pages[0] + 1}-{doc.pages[-1] + 1}")
        )
        number = f"[{doc.index + 1}]"  # numbered from 1 for people (0 in the JSON)
        lines.append(
            f"  {number:<5} {doc.kind.value:<26} p.{pages:<8} "
            f"redact {counts[Action.REDACT]:>3}  review {counts[Action.REVIEW]:>3}  "
            f"keep {counts[Action.KEEP]:>3}"
        )
    if decisions.people:
        lines.append("People named (names shown on request):" if not show_values else "People:")
        for person in decisions.people:
            names = f"  {' / '.join(person.names)}" if show_values else ""
            lines.append(
                f"  {person.id:<5} {person.role.value:<13} {len(person.names)} form(s) of the "
                f"name  redact {person.redacted:>3}  review {person.review:>3}  "
                f"keep {person.kept:>3}{names}"
            )
    by_entity = Counter(f.detection.entity for f in findings if f.action is not Action.KEEP)
    if by_entity:
        lines.append(
            "To redact or review, by kind: "
            + ", ".join(f"{entity} {count}" for entity, count in sorted(by_entity.items()))
        )
    if show_values:
        lines.append("Findings (values shown on request):")
        for f in findings:
            lines.append(
                f"  {f.id} p.{f.detection.page + 1} {f.action.value:<6} {f.severity.value:<8} "
                f"{f.detection.entity:<20} {f.detection.text!r} [{f.rule}]"
            )
    return "\n".join(lines) + "\n"
