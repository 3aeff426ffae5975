"""The review workflow on the command line: scan --mark-only, edit the report, apply."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pymupdf
import pytest

from idpc_guard.model import Box
from idpc_guard.redact.redaction import glyph_rect
from tests.conftest import FIXTURES
from tests.e2e.test_cli import assert_one_line_error, run
from tests.pdfs import make_fake_redaction_pdf

SAMPLE = FIXTURES / "sample_bundle.pdf"
CLEAN = FIXTURES / "clean_bundle.pdf"


@pytest.fixture(scope="module")
def marked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("marked")
    result = run("scan", SAMPLE, "--out-dir", out, "--mark-only")
    assert result.returncode == 1, result.stderr
    report = json.loads((out / "sample_bundle.report.json").read_text())
    return out, report


def test_mark_only_writes_an_annotated_copy_with_the_text_intact(
    marked: tuple[Path, dict[str, Any]],
) -> None:
    out, report = marked
    assert sorted(p.name for p in out.iterdir()) == [
        "sample_bundle.marked.pdf",
        "sample_bundle.report.json",
    ]
    copy = pymupdf.open(out / "sample_bundle.marked.pdf")
    original = pymupdf.open(SAMPLE)
    assert copy.page_count == original.page_count
    assert [p.get_text() for p in copy] == [p.get_text() for p in original]
    removed = {a["page"] for a in report["page_actions"]}
    expected: dict[int, int] = {}
    for f in report["findings"]:
        if f["action"] == "redact" and f["page"] not in removed:
            expected[f["page"]] = expected.get(f["page"], 0) + len(f["boxes"])
    for page in removed:
        expected[page] = 1
    found: dict[int, int] = {}
    titles = set()
    for page in copy:
        for annot in page.annots(types=[pymupdf.PDF_ANNOT_REDACT]):
            found[page.number + 1] = found.get(page.number + 1, 0) + 1
            titles.add(annot.info["title"])
    assert found == expected
    assert titles <= {f["id"] for f in report["findings"]} | {"page-remove"}


def _outside(page: pymupdf.Page, rects: list[pymupdf.Rect]) -> list[tuple[str, float, float]]:
    """Every character whose centre is outside the boxes, with its position."""
    chars = []
    for block in page.get_text("rawdict")["blocks"]:
        for line in block.get("lines", ()):
            for span in line["spans"]:
                for c in span["chars"]:
                    x0, y0, x1, y1 = c["bbox"]
                    centre = pymupdf.Point((x0 + x1) / 2, (y0 + y1) / 2)
                    if c["c"].strip() and not any(r.contains(centre) for r in rects):
                        chars.append((c["c"], x0, y0))
    return sorted(chars, key=lambda c: (round(c[2]), c[1]))


def test_apply_an_edited_report(marked: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    _, report = marked
    redacts = [f for f in report["findings"] if f["action"] == "redact" and " " not in f["text"]]
    kept_now = redacts[0]
    kept_now["action"] = "keep"
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(report))
    out = tmp_path / "copy.pdf"
    result = run("apply", SAMPLE, "--report", edited, "--out", out, "--label-style", "none")
    assert result.returncode == 1, result.stderr
    assert "Redacted copy" in result.stdout
    copy = pymupdf.open(out)
    removed_pages = {a["page"] for a in report["page_actions"]}
    assert copy.page_count == pymupdf.open(SAMPLE).page_count - len(removed_pages)
    new_page = kept_now["page"] - sum(1 for p in removed_pages if p < kept_now["page"])
    x0, y0, x1, y1 = kept_now["bbox"]
    assert kept_now["text"] in copy[new_page - 1].get_textbox(pymupdf.Rect(x0, y0, x1, y1))
    # Every other redacted value is gone from its box.
    for f in redacts[1:]:
        if f["page"] in removed_pages or f["text"] == kept_now["text"]:
            continue
        page = copy[f["page"] - 1 - sum(1 for p in removed_pages if p < f["page"])]
        assert f["text"] not in page.get_textbox(pymupdf.Rect(*f["bbox"])), f["id"]
    # Every word outside the redaction boxes is exactly as it was, page by page.
    original = pymupdf.open(SAMPLE)
    kept_pages = [n for n in range(1, original.page_count + 1) if n not in removed_pages]
    for new_index, old_number in enumerate(kept_pages):
        rects = [
            glyph_rect(Box(*b))
            for f in report["findings"]
            if f["action"] == "redact" and f["page"] == old_number
            for b in f["boxes"]
        ]
        before = _outside(original[old_number - 1], rects)
        after = _outside(copy[new_index], rects)
        assert [c[0] for c in after] == [c[0] for c in before], old_number
        # Positions may differ by float noise once the content stream is rewritten.
        assert all(
            abs(a[1] - b[1]) < 0.2 and abs(a[2] - b[2]) < 0.2
            for a, b in zip(after, before, strict=True)
        ), old_number


def test_apply_refuses_a_bad_report_and_another_bundles_report(
    marked: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    out_dir, report = marked
    good = out_dir / "sample_bundle.report.json"
    bad = tmp_path / "bad.json"
    broken = dict(report, verdict="maybe")
    bad.write_text(json.dumps(broken))
    assert_one_line_error(run("apply", SAMPLE, "--report", bad, "--out", tmp_path / "x.pdf"), 2)
    result = run("apply", CLEAN, "--report", good, "--out", tmp_path / "y.pdf")
    assert_one_line_error(result, 2)
    assert "another bundle" in result.stderr
    assert not list(tmp_path.glob("*.pdf"))


def test_a_fake_redaction_is_reported_and_removed(
    tmp_path: Path, report_schema: dict[str, Any]
) -> None:
    bundle = tmp_path / "fake.pdf"
    bundle.write_bytes(make_fake_redaction_pdf())
    result = run("scan", bundle, "--out-dir", tmp_path)
    assert result.returncode == 1, result.stderr
    report = json.loads((tmp_path / "fake.report.json").read_text())
    jsonschema.validate(report, report_schema)
    assert report["verdict"] == "block"
    kinds = [i["kind"] for i in report["document_issues"]]
    assert kinds.count("bad_redaction") == 3
    text = "".join(p.get_text() for p in pymupdf.open(tmp_path / "fake.redacted.pdf"))
    for hidden in ("Quistfire", "900461", "14/03/1988"):
        assert hidden not in text
