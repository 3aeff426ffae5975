"""The fixture generator: reproducible output, truth files that match the pages."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pymupdf
import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SCRIPT = FIXTURES / "make_fixtures.py"
BUNDLES = ("sample_bundle", "clean_bundle", "canary_bundle")
ENTITIES = {
    "PHONE_NUMBER",
    "DATE_OF_BIRTH",
    "PERSON",
    "UK_POSTCODE",
    "UK_ADDRESS",
    "EMAIL_ADDRESS",
    "UK_NHS",
}


@pytest.fixture(scope="module")
def mf() -> ModuleType:
    """The script, imported by path (``fixtures`` is not a package)."""
    spec = importlib.util.spec_from_file_location("make_fixtures", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def _truth(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / f"{name}.truth.json").read_text("utf-8"))
    return data


def _page_texts(pdf: bytes) -> list[str]:
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    try:
        return [page.get_text("text", sort=True) for page in doc]
    finally:
        doc.close()


def _check_entries(truth: dict[str, Any], texts: list[str]) -> None:
    """Every truth entry is on its page, as many times as it is listed there."""
    for key in ("must_redact", "must_keep", "scene"):
        wanted = Counter((e["page"], e["text"]) for e in truth[key])
        for (page, text), count in wanted.items():
            assert 1 <= page <= len(texts), (key, page, text)
            found = texts[page - 1].count(text)
            assert found >= count, f"{key}: {text!r} found {found}x on page {page}, want {count}"


def test_rerun_is_byte_identical_to_committed(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(tmp_path)], check=True, capture_output=True
    )
    for name in BUNDLES:
        for suffix in (".pdf", ".truth.json"):
            fresh = (tmp_path / f"{name}{suffix}").read_bytes()
            committed = (FIXTURES / f"{name}{suffix}").read_bytes()
            assert fresh == committed, f"{name}{suffix} differs: rerun make_fixtures.py"


def test_write_fixtures_in_process_matches(mf: ModuleType, tmp_path: Path) -> None:
    mf.write_fixtures(tmp_path)
    for name in BUNDLES:
        assert (tmp_path / f"{name}.pdf").read_bytes() == (FIXTURES / f"{name}.pdf").read_bytes()


@pytest.mark.parametrize("name", BUNDLES)
def test_truth_strings_are_on_their_pages(name: str) -> None:
    truth = _truth(name)
    texts = _page_texts((FIXTURES / f"{name}.pdf").read_bytes())
    assert len(texts) == truth["pages"]
    _check_entries(truth, texts)
    for entry in truth["must_redact"]:
        assert entry["entity"] in ENTITIES
    header = "\n".join(texts[0].splitlines()[:8])
    assert truth["urn"] in header
    assert truth["defendant"] in texts[0]
    for page in truth["back_pages"]:
        assert "WITNESS CONTACT DETAILS" in texts[page - 1]
        assert not [e for e in truth["must_keep"] if e["page"] == page]


def test_truth_strings_found_by_search_for() -> None:
    doc = pymupdf.open(FIXTURES / "sample_bundle.pdf")
    try:
        truth = _truth("sample_bundle")
        for entry in truth["must_redact"] + truth["must_keep"]:
            assert doc[entry["page"] - 1].search_for(entry["text"]), entry
    finally:
        doc.close()


def test_sample_bundle_shape() -> None:
    truth = _truth("sample_bundle")
    texts = _page_texts((FIXTURES / "sample_bundle.pdf").read_bytes())
    assert truth["pages"] == 8
    assert truth["back_pages"] == [5]
    assert {e["entity"] for e in truth["must_redact"]} == ENTITIES
    codes = [text.splitlines()[0].split()[-1] for text in texts]
    assert codes == ["MG5", "MG5", "MG11", "(T)", "MG11", "MG11", "(T)", "MG6C"]
    assert "I arrested BROWN" in texts[6]
    assert "999 call from Derek WALSH, 07700 900156" in texts[7]


def test_clean_bundle_has_nothing_to_redact() -> None:
    truth = _truth("clean_bundle")
    assert truth["must_redact"] == []
    assert truth["back_pages"] == []
    assert 2 <= truth["pages"] <= 3


def test_canary_values(mf: ModuleType, tmp_path: Path) -> None:
    out = tmp_path / "canary.pdf"
    truth = mf.make_canary_bundle(out)
    text = "".join(_page_texts(out.read_bytes()))
    assert truth["pages"] == 2
    assert "canary.pii.7731@example.com" in text
    assert "07700 900731" in text
    assert out.read_bytes() == (FIXTURES / "canary_bundle.pdf").read_bytes()


def test_nhs_numbers_pass_mod_11(mf: ModuleType) -> None:
    for entry in _truth("sample_bundle")["must_redact"]:
        if entry["entity"] == "UK_NHS":
            assert mf.nhs_valid(entry["text"])
    assert mf.nhs_valid("943 476 5919")
    assert not mf.nhs_valid("943 476 5918")
    for base in ("999000000", "999123456", "400000001"):
        assert mf.nhs_valid(mf.nhs_number(base))


@pytest.mark.slow
def test_make_bundle_100_pages(mf: ModuleType) -> None:
    pdf = mf.make_bundle(100)
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    try:
        assert doc.page_count == 100
    finally:
        doc.close()
    assert mf.make_bundle(100) == pdf  # same seed, same bytes


@pytest.mark.parametrize("pages", [1, 2, 7, 41])
def test_build_bundle_truth_matches_pages(mf: ModuleType, pages: int) -> None:
    pdf, truth = mf.build_bundle(pages, seed=3)
    texts = _page_texts(pdf)
    assert len(texts) == truth["pages"] == pages
    _check_entries(truth, texts)
    for page in truth["back_pages"]:
        assert "WITNESS CONTACT DETAILS" in texts[page - 1]


def _closest_lines(pdf: bytes) -> float:
    """The smallest vertical gap between text lines that overlap horizontally."""
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    worst = float("inf")
    try:
        for page in doc:
            boxes = [
                pymupdf.Rect(line["bbox"])
                for block in page.get_text("dict")["blocks"]
                for line in block.get("lines", ())
            ]
            for i, a in enumerate(boxes):
                for b in boxes[i + 1 :]:
                    if a.x1 <= b.x0 or b.x1 <= a.x0 or abs(a.y1 - b.y1) < 1:
                        continue  # side by side, or on the same baseline
                    worst = min(worst, max(b.y0 - a.y1, a.y0 - b.y1))
    finally:
        doc.close()
    return worst


@pytest.mark.parametrize("name", BUNDLES)
def test_lines_do_not_touch(name: str) -> None:
    assert _closest_lines((FIXTURES / f"{name}.pdf").read_bytes()) >= 4.0


def test_bundle_lines_do_not_touch(mf: ModuleType) -> None:
    assert _closest_lines(mf.make_bundle(30, seed=5)) >= 4.0
