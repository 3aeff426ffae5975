"""Redaction fits its boxes with the words extraction read: the same copy as reading again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pymupdf
import pytest

from idpc_guard import ScanOptions
from idpc_guard.redact.plan import redaction_plan
from idpc_guard.redact.redaction import redact, word_boxes

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"


def _texts(pdf: bytes) -> list[str]:
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        return [page.get_text("text") for page in doc]


@pytest.mark.parametrize("name", ["sample_bundle.pdf", "canary_bundle.pdf"])
def test_words_as_read_give_the_same_copy(scanner: Any, name: str) -> None:
    path = FIXTURES / name
    result = scanner.scan(path, ScanOptions(redact=False))
    plan = redaction_plan(result.report.decisions)
    touched = set(plan.redactions)
    assert touched, "the bundle has something to redact"
    boxes = word_boxes(p for p in result.report.bundle.pages if p.index in touched)
    assert all(boxes[page] for page in touched)
    data = path.read_bytes()
    assert _texts(redact(data, plan, text_boxes=boxes)) == _texts(redact(data, plan))
