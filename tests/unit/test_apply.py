"""Applying an edited report: exactly the edited set of removals; bad reports refused."""

from __future__ import annotations

import copy
import hashlib
import json
import time
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from idpc_guard import verified_copy
from idpc_guard.apply import apply_report
from idpc_guard.errors import LimitExceededError, ReportFileError
from idpc_guard.model import Role
from idpc_guard.read.extract import Limits, extract_bytes
from idpc_guard.read.layout import page_text, span_boxes
from idpc_guard.report.load import load_report
from tests.pdfs import make_pdf

LINES = [
    "First value Alderwyn here and more words.",
    "Second value Brackenholt here and more words.",
    "Third value Corriemoor here and more words.",
    "Fourth value Dunsterleigh here and more words.",
]
VALUES = ("Alderwyn", "Brackenholt", "Corriemoor", "Dunsterleigh")


def _finding(pdf: bytes, value: str, fid: str, action: str) -> dict[str, Any]:
    text = page_text(extract_bytes(pdf, "x.pdf").pages[0])
    start = text.text.index(value)
    boxes = [list(b.as_tuple()) for b in span_boxes(text, start, start + len(value))]
    return {
        "id": fid,
        "page": 1,
        "bbox": boxes[0],
        "boxes": boxes,
        "source": "text",
        "entity": "PERSON",
        "text": value,
        "score": 0.9,
        "action": action,
        "rule": "r",
        "reason": "because",
        "severity": "high",
        "document": 0,
    }


def _report(pdf: bytes) -> dict[str, Any]:
    return {
        "schema": "idpc-guard/report/v1",
        "tool": {"name": "idpc-guard", "version": "0"},
        "bundle": {"path": "b.pdf", "sha256": hashlib.sha256(pdf).hexdigest(), "pages": 1},
        "case": {"urn": None, "defendants": [], "offences": [], "inferred": True},
        "verdict": "review",
        "documents": [{"index": 0, "kind": "other", "title": "x", "pages": [1]}],
        "findings": [
            _finding(pdf, "Alderwyn", "F0001", "redact"),
            _finding(pdf, "Brackenholt", "F0002", "redact"),
            _finding(pdf, "Corriemoor", "F0003", "keep"),
        ],
        "page_actions": [],
        "document_issues": [],
    }


def _write(tmp: Path, pdf: bytes, report: dict[str, Any]) -> tuple[Path, Path]:
    bundle = tmp / "b.pdf"
    bundle.write_bytes(pdf)
    path = tmp / "b.report.json"
    path.write_text(json.dumps(report))
    return bundle, path


def test_an_edited_report_gives_exactly_the_edited_removals(tmp_path: Path) -> None:
    pdf = make_pdf([LINES])
    report = _report(pdf)
    del report["findings"][0]  # F0001 removed: Alderwyn stays
    report["findings"][0]["action"] = "keep"  # F0002 now kept: Brackenholt stays
    report["findings"][1]["action"] = "redact"  # F0003 now redacted: Corriemoor goes
    added = _finding(pdf, "Dunsterleigh", "F0009", "redact")  # a box the reviewer drew
    del added["boxes"]
    added.pop("recognizer", None)
    report["findings"].append(added)
    bundle, path = _write(tmp_path, pdf, report)
    result = apply_report(bundle, path)
    words = [
        w[4] for w in pymupdf.open(stream=result.redacted_pdf, filetype="pdf")[0].get_text("words")
    ]
    before = [w[4] for w in pymupdf.open(stream=pdf, filetype="pdf")[0].get_text("words")]
    removed = [w for w in before if w not in words]
    assert removed == ["Corriemoor", "Dunsterleigh"]
    assert [w for w in words if w != "Name"] == [w for w in before if w not in removed]
    assert result.verification.boxes_checked == 2


def test_an_unedited_report_applies_its_own_proposal(tmp_path: Path) -> None:
    pdf = make_pdf([LINES])
    bundle, path = _write(tmp_path, pdf, _report(pdf))
    text = pymupdf.open(stream=apply_report(bundle, path).redacted_pdf, filetype="pdf")[
        0
    ].get_text()
    assert "Alderwyn" not in text and "Brackenholt" not in text
    assert "Corriemoor" in text and "Dunsterleigh" in text


def _with_people(report: dict[str, Any], role: str) -> dict[str, Any]:
    """Two findings on one person's name, both decided as a third party's, and a people
    entry that gives the person ``role``."""
    report = copy.deepcopy(report)
    for finding in report["findings"][:2]:
        finding.update(role="third_party", rule="redact-third-party-name", action="redact")
    report["people"] = [
        {
            "id": "P1",
            "role": role,
            "names": ["Alderwyn", "Brackenholt"],
            "evidence": ["because"],
            "findings": ["F0001", "F0002"],
            "redacted": 2,
            "kept": 0,
            "review": 0,
        }
    ]
    return report


def test_a_persons_role_changed_by_the_reviewer_decides_their_name_again(tmp_path: Path) -> None:
    pdf = make_pdf([LINES])
    bundle, path = _write(tmp_path, pdf, _with_people(_report(pdf), "witness"))
    result = apply_report(bundle, path)
    changed = {f.id: (f.action.value, f.rule, f.role) for f in result.decisions.findings}
    assert changed["F0001"] == ("keep", "keep-witness-name", Role.WITNESS)
    assert changed["F0002"] == ("keep", "keep-witness-name", Role.WITNESS)
    assert changed["F0003"][0] == "keep"  # not the person's: as the report says
    text = pymupdf.open(stream=result.redacted_pdf, filetype="pdf")[0].get_text()
    assert "Alderwyn" in text and "Brackenholt" in text
    # The role unchanged: the report's own actions are applied.
    bundle, path = _write(tmp_path, pdf, _with_people(_report(pdf), "third_party"))
    text = pymupdf.open(stream=apply_report(bundle, path).redacted_pdf, filetype="pdf")[
        0
    ].get_text()
    assert "Alderwyn" not in text and "Brackenholt" not in text


def test_a_people_entry_naming_a_finding_the_report_lacks_is_refused(tmp_path: Path) -> None:
    pdf = make_pdf([LINES])
    report = _with_people(_report(pdf), "witness")
    report["people"][0]["findings"].append("F0042")
    bundle, path = _write(tmp_path, pdf, report)
    with pytest.raises(ReportFileError, match="people/0 lists finding F0042"):
        apply_report(bundle, path)


def _broken(report: dict[str, Any], how: str) -> dict[str, Any]:
    broken = copy.deepcopy(report)
    if how == "bad action":
        broken["findings"][0]["action"] = "delete"
    elif how == "missing field":
        del broken["findings"][1]["page"]
    elif how == "page out of range":
        broken["findings"][0]["page"] = 7
    elif how == "duplicate id":
        broken["findings"][1]["id"] = "F0001"
    elif how == "inverted box":
        broken["findings"][0]["boxes"] = [[200, 100, 100, 90]]
    elif how == "other bundle":
        broken["bundle"]["sha256"] = "0" * 64
    return broken


@pytest.mark.parametrize(
    "how",
    [
        "bad action",
        "missing field",
        "page out of range",
        "duplicate id",
        "inverted box",
        "other bundle",
    ],
)
def test_a_bad_report_is_refused_without_values_in_the_message(tmp_path: Path, how: str) -> None:
    pdf = make_pdf([LINES])
    bundle, path = _write(tmp_path, pdf, _broken(_report(pdf), how))
    with pytest.raises(ReportFileError) as info:
        apply_report(bundle, path)
    assert info.value.exit_status == 2
    assert not any(value in str(info.value) for value in VALUES)


def test_not_json_is_refused() -> None:
    with pytest.raises(ReportFileError, match="not valid JSON"):
        load_report("{not json", "r.json")


def _stuck(*_args: Any) -> bytes:
    time.sleep(60)  # a page keeping the PDF library busy
    return b""


def test_applying_is_stopped_when_the_copy_takes_too_long(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = make_pdf([LINES])
    bundle, path = _write(tmp_path, pdf, _report(pdf))
    monkeypatch.setattr(verified_copy, "redact", _stuck)
    started = time.monotonic()
    with pytest.raises(LimitExceededError, match="making the redacted copy took longer"):
        apply_report(bundle, path, limits=Limits(page_seconds=0.2))
    assert time.monotonic() - started < 20


def test_the_reviewers_copy_is_stopped_when_it_takes_too_long(
    scanner: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from idpc_guard import ScanOptions

    bundle = tmp_path / "b.pdf"
    bundle.write_bytes(make_pdf([LINES]))
    monkeypatch.setattr(verified_copy, "mark", _stuck)
    options = ScanOptions(mark_only=True, limits=Limits(page_seconds=0.2))
    with pytest.raises(LimitExceededError, match="making the reviewer's copy took longer"):
        scanner.scan(bundle, options)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda r: r["findings"][1].update(action="delete"),
            "at finding F0002 (findings/1/action): action must be one of redact, keep, review",
        ),
        (
            lambda r: r["findings"][2].pop("severity"),
            "at finding F0003 (findings/2): missing field(s) severity",
        ),
    ],
    ids=["bad-action", "missing-field"],
)
def test_schema_errors_name_the_finding_id_and_the_allowed_values(
    tmp_path: Path, edit: Any, message: str
) -> None:
    pdf = make_pdf([LINES])
    report = _report(pdf)
    edit(report)
    with pytest.raises(ReportFileError) as caught:
        load_report(json.dumps(report), "b.report.json")
    assert f"b.report.json does not follow the report schema {message} (1 problem(s)" in str(
        caught.value
    )
    assert "Corriemoor" not in str(caught.value)
