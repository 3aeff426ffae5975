"""A reviewer's decisions on a report: accept, reject, change, groups, boxes, pages, files."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pymupdf
import pytest

from idpc_guard.apply import apply_report
from idpc_guard.errors import DecisionsFileError, UsageError
from idpc_guard.model import Action
from idpc_guard.read.extract import extract_bytes
from idpc_guard.read.layout import page_text, span_boxes
from idpc_guard.report.review import (
    ATTESTATION,
    DECISIONS_SCHEMA,
    Decision,
    Review,
    Scope,
    Source,
    apply_decisions,
    attested,
    findings_fingerprint,
)
from tests.pdfs import make_pdf
from tests.unit.test_apply import LINES, _finding, _report

WHEN = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def review_pdf() -> bytes:
    """Four invented values on a page, the first of them twice."""
    return make_pdf([[*LINES, "Fifth value Alderwyn again and more words."]])


def review_report(pdf: bytes) -> dict[str, Any]:
    """Its report: F0001 and F0004 the same term, F0002 and F0003 one person, F0005 for review."""
    data = _report(pdf)
    # A second occurrence of the first value (the same term), and a review item.
    data["findings"].append(_last(pdf, "Alderwyn", "F0004"))
    data["findings"].append(_finding(pdf, "Dunsterleigh", "F0005", "review"))
    for f in data["findings"]:
        f["recognizer"] = "test"
    data["findings"][1]["person"] = "P1"
    data["findings"][2]["person"] = "P1"
    data["people"] = [
        {
            "id": "P1",
            "role": "unknown",
            "names": ["Brackenholt", "Corriemoor"],
            "evidence": ["because"],
            "findings": ["F0002", "F0003"],
            "redacted": 1,
            "kept": 1,
            "review": 0,
        }
    ]
    return data


@pytest.fixture()
def pdf() -> bytes:
    return review_pdf()


@pytest.fixture()
def report(pdf: bytes) -> dict[str, Any]:
    return review_report(pdf)


def _last(pdf: bytes, value: str, fid: str) -> dict[str, Any]:
    """A finding on the last occurrence of ``value`` (``_finding`` takes the first)."""
    finding = _finding(pdf, value, fid, "redact")
    text = page_text(extract_bytes(pdf, "x.pdf").pages[0])
    start = text.text.rindex(value)
    boxes = [list(b.as_tuple()) for b in span_boxes(text, start, start + len(value))]
    finding.update(bbox=boxes[0], boxes=boxes)
    return finding


def _review(report: dict[str, Any], source: Source = Source.CLI) -> Review:
    return Review(report, "A. Reviewer", source, WHEN)


def _actions(data: dict[str, Any]) -> dict[str, str]:
    return {f["id"]: f["action"] for f in data["findings"]}


def test_accept_keeps_and_reject_flips_each_recorded_with_who_when_why(
    report: dict[str, Any], report_schema: dict[str, Any]
) -> None:
    review = _review(report)
    review.decide(Decision.ACCEPT, [review.finding("F0001")], "")
    review.decide(Decision.REJECT, [review.finding("F0002")], "a business's name")
    review.decide(Decision.REJECT, [review.finding("F0003")], "a bystander's name")
    data = review.result()
    jsonschema.validate(data, report_schema)
    assert _actions(data) == {
        "F0001": "redact",
        "F0002": "keep",
        "F0003": "redact",
        "F0004": "redact",
        "F0005": "review",
    }
    first, second, _ = data["review"]["changes"]
    assert first == {
        "seq": 1,
        "at": "2026-01-02T03:04:05+00:00",
        "by": "A. Reviewer",
        "source": "cli",
        "kind": "accept",
        "scope": "finding",
        "finding": "F0001",
        "entity": "PERSON",
        "page": 1,
        "before": "redact",
        "after": "redact",
        "reason": "Agreed with the proposal",
    }
    assert second["kind"] == "reject" and second["reason"] == "a business's name"
    # The people's counts follow; no value is in the review block.
    assert data["people"][0]["redacted"] == 1 and data["people"][0]["kept"] == 1
    assert not any(v in json.dumps(data["review"]) for v in ("Alderwyn", "Brackenholt"))
    assert report["findings"][1]["action"] == "redact"  # the data given is not changed


def test_reject_is_measured_from_the_proposal(report: dict[str, Any]) -> None:
    review = _review(report)
    for _ in range(2):
        review.decide(Decision.REJECT, [review.finding("F0001")], "not personal")
    assert review.finding("F0001")["action"] == "keep"
    review.decide(Decision.ACCEPT, [review.finding("F0001")], "")
    assert review.finding("F0001")["action"] == "redact"
    # And in a later run, from the report's recorded history.
    review.decide(Decision.REJECT, [review.finding("F0001")], "not personal")
    later = _review(review.result())
    assert later.proposal(later.finding("F0001")) is Action.REDACT


def test_a_term_and_a_person_at_once(report: dict[str, Any]) -> None:
    review = _review(report)
    term = review.select("F0001", Scope.TERM)
    assert [f["id"] for f in term] == ["F0001", "F0004"]
    review.decide(Decision.REJECT, term, "a place name here", Scope.TERM)
    review.decide(Decision.REJECT, review.person("P1"), "roles swapped", Scope.PERSON)
    data = review.result()
    assert _actions(data) == {
        "F0001": "keep",
        "F0002": "keep",
        "F0003": "redact",
        "F0004": "keep",
        "F0005": "review",
    }
    assert [c["scope"] for c in data["review"]["changes"]] == ["term"] * 2 + ["person"] * 2
    assert data["verdict"] == "review"


def test_a_review_item_is_decided_not_accepted(report: dict[str, Any]) -> None:
    review = _review(report)
    with pytest.raises(UsageError, match="F0005 is for review"):
        review.decide(Decision.ACCEPT, [review.finding("F0005")], "")
    outcome = review.decide(Decision.ACCEPT, [review.finding("F0005")], "", resolve=Action.KEEP)
    assert outcome.changes[0].after == "keep"
    review.change("F0005", Action.REDACT, "a witness's street", entity="UK_ADDRESS")
    assert review.finding("F0005")["entity"] == "UK_ADDRESS"
    with pytest.raises(UsageError, match="--reason"):
        review.change("F0005", Action.KEEP, "  ")


def test_accept_all_needs_the_attestation_and_leaves_decided_findings(
    report: dict[str, Any], report_schema: dict[str, Any]
) -> None:
    review = _review(report)
    review.decide(Decision.REJECT, [review.finding("F0002")], "not personal")
    for wrong in (None, "", "I have reviewed", "yes"):
        with pytest.raises(UsageError, match="attestation"):
            review.accept_all(wrong, "")
    assert len(review.data["review"]["changes"]) == 1
    assert attested("  i have reviewed  the whole bundle. ")
    outcome = review.accept_all(ATTESTATION, "")
    assert [c.finding for c in outcome.changes] == ["F0001", "F0003", "F0004"]
    assert outcome.undecided == ("F0005",)
    data = review.result()
    jsonschema.validate(data, report_schema)
    assert data["findings"][1]["action"] == "keep"  # the earlier reject stands
    (attestation,) = data["review"]["attestations"]
    assert attestation["statement"] == ATTESTATION and attestation["by"] == "A. Reviewer"


def test_a_box_and_pages(report: dict[str, Any], report_schema: dict[str, Any]) -> None:
    review = _review(report)
    review.add_box(1, [72, 300, 200, 312], "UK_ADDRESS", "missed address", text="")
    review.mark_page(1, True, "contact details page")
    data = review.result()
    jsonschema.validate(data, report_schema)
    added = data["findings"][-1]
    assert added["id"] == "F0006" and added["recognizer"] == "reviewer"
    assert data["page_actions"] == [
        {"page": 1, "action": "remove", "reason": "contact details page"}
    ]
    review.mark_page(1, False, "needed after all")
    assert review.result()["page_actions"] == []
    assert [c["kind"] for c in review.data["review"]["changes"]] == ["add-box", "page", "page"]
    assert review.data["review"]["changes"][-1]["before"] == "remove"
    for page, box in ((2, [1, 1, 2, 2]), (1, [5, 5, 1, 1]), (1, [1, 2, 3])):
        with pytest.raises(UsageError):
            review.add_box(page, box, "UK_ADDRESS", "x")
    with pytest.raises(UsageError, match="entity"):
        review.add_box(1, [1, 1, 2, 2], "an address", "x")


def _decisions(report: dict[str, Any], *items: dict[str, Any]) -> dict[str, Any]:
    return {
        "schema": DECISIONS_SCHEMA,
        "report": {
            "bundle_sha256": report["bundle"]["sha256"],
            "fingerprint": findings_fingerprint(report),
        },
        "reviewer": "B. Reviewer",
        "decisions": list(items),
    }


def test_a_decisions_file_is_applied_in_order(report: dict[str, Any]) -> None:
    review = _review(report, Source.HTML)
    decisions = _decisions(
        report,
        {"decision": "reject", "finding": "F0001", "scope": "term", "reason": "a place"},
        {"decision": "accept", "finding": "F0002", "scope": "finding"},
        {"decision": "keep", "finding": "F0005", "reason": "public figure"},
        {"decision": "page", "page": 1, "action": "remove", "reason": "back page"},
        {"decision": "accept-all", "attestation": ATTESTATION, "reason": "done"},
    )
    outcome = apply_decisions(review, decisions, "d.json")
    data = review.result()
    assert _actions(data) == {
        "F0001": "keep",
        "F0002": "redact",
        "F0003": "keep",
        "F0004": "keep",
        "F0005": "keep",
    }
    assert outcome.undecided == ()
    assert {c["source"] for c in data["review"]["changes"]} == {"html"}
    assert data["page_actions"][0]["page"] == 1


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d.update(schema="other"), "not a review decisions file"),
        (lambda d: d["report"].update(bundle_sha256="0" * 64), "another bundle"),
        (lambda d: d["report"].update(fingerprint="0" * 16), "another report"),
        (lambda d: d.update(decisions={}), "must be a list"),
        (lambda d: d["decisions"].append({"decision": "maybe"}), "decision must be one of"),
        (lambda d: d["decisions"].append({"decision": "accept-all"}), "attestation"),
        (
            lambda d: d["decisions"].append({"decision": "accept-all", "attestation": "yes"}),
            "attestation",
        ),
        (lambda d: d["decisions"].append({"decision": "accept", "finding": "F0999"}), "F0999"),
        (lambda d: d["decisions"].append({"decision": "accept", "finding": "F0005"}), "review"),
        (lambda d: d["decisions"].append({"decision": "page", "page": "1"}), "page decision"),
        (
            lambda d: d["decisions"].append({"decision": "add-box", "page": 1, "bbox": [1, 2]}),
            "added box",
        ),
        (
            lambda d: d["decisions"].append(
                {
                    "decision": "add-box",
                    "page": 1,
                    "bbox": [5, 5, 1, 1],
                    "entity": "PERSON",
                    "reason": "missed",
                }
            ),
            "x1 > x0",
        ),
    ],
)
def test_a_bad_decisions_file_is_refused_with_nothing_changed(
    report: dict[str, Any], edit: Any, message: str
) -> None:
    decisions = _decisions(report, {"decision": "reject", "finding": "F0001", "reason": "x"})
    edit(decisions)
    review = _review(report, Source.HTML)
    with pytest.raises(DecisionsFileError, match=message):
        apply_decisions(review, decisions, "d.json")


def test_the_fingerprint_ignores_actions_and_added_boxes(report: dict[str, Any]) -> None:
    before = findings_fingerprint(report)
    review = _review(report)
    review.decide(Decision.REJECT, [review.finding("F0001")], "x")
    review.add_box(1, [1, 1, 9, 9], "PERSON", "missed")
    assert findings_fingerprint(review.result()) == before
    moved = copy.deepcopy(report)
    moved["findings"][0]["page"] = 1
    moved["findings"][0]["text"] = "Other"
    assert findings_fingerprint(moved) != before


def test_apply_removes_what_the_review_decided(
    pdf: bytes, report: dict[str, Any], tmp_path: Path
) -> None:
    review = _review(report)
    review.decide(Decision.REJECT, review.select("F0001", Scope.TERM), "a place", Scope.TERM)
    review.decide(Decision.REJECT, [review.finding("F0003")], "a bystander")
    review.change("F0005", Action.REDACT, "a witness")
    bundle = tmp_path / "b.pdf"
    bundle.write_bytes(pdf)
    path = tmp_path / "b.report.json"
    path.write_text(json.dumps(review.result()))
    text = pymupdf.open(stream=apply_report(bundle, path).redacted_pdf, filetype="pdf")[
        0
    ].get_text()
    assert text.count("Alderwyn") == 2
    for gone in ("Brackenholt", "Corriemoor", "Dunsterleigh"):
        assert gone not in text


def test_a_box_added_on_the_page_is_recorded_as_a_finding(report: dict[str, Any]) -> None:
    review = _review(report, Source.HTML)
    decisions = _decisions(
        report,
        {"decision": "add-box", "page": 1, "bbox": [72, 140, 210.5, 152], "entity":
         "PHONE_NUMBER", "reason": "a number the scan missed"},
    )  # fmt: skip
    outcome = apply_decisions(review, decisions, "d.json")
    data = review.result()
    added = data["findings"][-1]
    assert (added["page"], added["bbox"], added["entity"], added["action"]) == (
        1, [72, 140, 210.5, 152], "PHONE_NUMBER", "redact"
    )  # fmt: skip
    (change,) = outcome.changes
    assert (change.kind, change.finding) == ("add-box", added["id"])
    assert data["review"]["changes"][-1]["source"] == "html"
