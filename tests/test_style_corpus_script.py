"""fixtures/make_style_corpus.py: bundles in our own styles whose truth score.py can read."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pymupdf
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "fixtures" / "make_style_corpus.py"
#: what ../shared/eval/score.py reads from a truth file
TOP_KEYS = {
    "pages",
    "offence",
    "profile",
    "scanned_pages",
    "must_redact",
    "must_keep",
    "may_redact",
    "must_remove_pages",
    "may_remove_pages",
    "document_issues",
    "verdict",
    "expected_exit",
}
ITEM_KEYS = {"page", "text", "entity", "source", "level", "doc_kind"}
CRITICAL = {
    "UK_ADDRESS",
    "UK_POSTCODE",
    "PHONE_NUMBER",
    "EMAIL_ADDRESS",
    "DATE_OF_BIRTH",
    "UK_NHS",
    "UK_NINO",
    "BANK_DETAILS",
    "HOSPITAL_NUMBER",
}


@pytest.fixture(scope="module")
def sc() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_style_corpus", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(sc: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("style-corpus")
    sc.write_corpus(out, n=2, seed=0)
    return out


def _norm(s: str) -> str:
    """As score.py compares a text layer: NFKC, typographic quotes plain, no whitespace."""
    s = unicodedata.normalize("NFKC", s).replace("\u2019", "'").replace("\u00a0", " ")
    return re.sub(r"\s+", "", s)


def _page_texts(pdf: Path) -> list[str]:
    doc = pymupdf.open(pdf)
    try:
        return [_norm(page.get_text()) for page in doc]
    finally:
        doc.close()


def _truths(corpus: Path) -> list[tuple[Path, dict[str, Any]]]:
    return [(p, json.loads(p.read_text("utf-8"))) for p in sorted(corpus.glob("*.truth.json"))]


def test_writes_pdf_case_and_truth_for_each_bundle(corpus: Path) -> None:
    truths = _truths(corpus)
    assert len(truths) == 2
    for path, truth in truths:
        stem = path.name.removesuffix(".truth.json")
        assert (corpus / f"{stem}.pdf").is_file()
        assert truth["bundle"] == f"{stem}.pdf"
        case = yaml.safe_load((corpus / f"{stem}.case.yaml").read_text("utf-8"))
        assert case["urn"] == truth["case"]["urn"]


def test_truth_has_what_the_scorer_reads(corpus: Path) -> None:
    for _, truth in _truths(corpus):
        assert truth.keys() >= TOP_KEYS
        for item in truth["must_redact"] + truth["must_keep"] + truth["may_redact"]:
            assert item.keys() >= ITEM_KEYS, item
            assert item["source"] == "text"
            assert 1 <= item["page"] <= truth["pages"]
        assert {i["level"] for i in truth["must_redact"]} <= {"must", "should"}
        assert all(i["why"] for i in truth["must_keep"])
        for issue in truth["document_issues"]:
            assert issue["kind"] and issue["pages"]
        critical = any(
            i["entity"] in CRITICAL and i["level"] == "must" for i in truth["must_redact"]
        )
        blocked = critical or truth["must_remove_pages"] or truth["document_issues"]
        review = "review" if truth["must_redact"] else "clear"
        assert truth["verdict"] == ("block" if blocked else review)
        assert truth["expected_exit"] == (0 if truth["verdict"] == "clear" else 1)


def test_every_value_is_on_its_page(corpus: Path) -> None:
    for path, truth in _truths(corpus):
        texts = _page_texts(path.with_name(truth["bundle"]))
        assert len(texts) == truth["pages"]
        for key in ("must_redact", "must_keep", "may_redact"):
            wanted = Counter((i["page"], _norm(i["text"])) for i in truth[key])
            for (page, text), n in wanted.items():
                assert texts[page - 1].count(text) >= n, (path.name, key, page, text)


def test_no_value_is_both_to_redact_and_to_keep(sc: ModuleType, corpus: Path) -> None:
    for path, truth in _truths(corpus):
        assert sc.check_bundle(path.with_name(truth["bundle"]).read_bytes(), truth) == []


def test_check_bundle_sees_a_value_that_also_stands_elsewhere(sc: ModuleType, corpus: Path) -> None:
    path, truth = _truths(corpus)[0]
    pdf = path.with_name(truth["bundle"]).read_bytes()
    keep = next(i for i in truth["must_keep"] if i["why"] == "police officer")
    planted = {**truth, "must_redact": [*truth["must_redact"], {**keep, "entity": "PERSON"}]}
    problems = sc.check_bundle(pdf, planted)
    assert any(keep["text"] in p for p in problems), problems


def test_bundles_are_reproducible(sc: ModuleType, corpus: Path) -> None:
    stem, pdf, case, _ = sc.build_bundle(1, seed=0)
    assert (corpus / f"{stem}.pdf").read_bytes() == pdf
    assert (corpus / f"{stem}.case.yaml").read_text("utf-8") == case


def test_the_plan_covers_offences_styles_and_clean_bundles(sc: ModuleType) -> None:
    plans = [sc.plan_for(i) for i in range(20)]
    assert {p.offence for p in plans if not p.clean} == set(sc.OFFENCES)
    assert 2 <= sum(p.clean for p in plans) <= 3
    assert {p.summary_style for p in plans} == {0, 1, 2}
    assert {p.case_file for p in plans} == {0, 1, 2, 3}
    assert sum(p.contact_sheets > 0 for p in plans) >= 5
    assert any(p.wrong_pnc for p in plans) and any(p.internal for p in plans)
    burglaries = [p.index for p in plans if p.offence == "burglary"]
    assert {(i // 5) % 4 for i in burglaries} == {0, 1, 2, 3}  # every scene phrasing
