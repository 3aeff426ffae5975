"""Segmentation of generated bundles: every page's kind and every document's pages."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from idpc_guard.documents.segment import segment
from idpc_guard.model import Bundle, DocumentKind, OutlineEntry
from idpc_guard.read.extract import extract_bytes
from idpc_guard.read.layout import page_text

SCRIPT = Path(__file__).resolve().parents[3] / "fixtures" / "make_breach_fixtures.py"


@pytest.fixture(scope="module")
def bf() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_breach_fixtures", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _segment(data: bytes) -> tuple[Bundle, Any]:
    bundle = extract_bytes(data, "bundle.pdf")
    texts = [page_text(p) for p in bundle.pages]
    return bundle, segment(bundle, texts)


@pytest.mark.parametrize("bookmarks", [True, False], ids=["bookmarks", "no-bookmarks"])
@pytest.mark.parametrize(
    "breach",
    [
        "witness_contact_details",
        "not_disclosable",
        "foreign_case_summary",
        "wrong_previous_convictions",
        "unredacted_elsewhere",
        "duplicate_document",
        "clean",
    ],
)
def test_generated_bundles_are_split_as_drawn(bf: ModuleType, breach: str, bookmarks: bool) -> None:
    seed = len(breach) + bookmarks
    data, truth = bf.build_breach_bundle(breach, seed, bookmarks=bookmarks, padding=seed % 5)
    bundle, documents = _segment(data)
    assert bool(bundle.outline) is bookmarks
    kinds = {p + 1: d.kind.value for d in documents for p in d.pages}
    # A page that says nothing of what it is can only be placed by a bookmark.
    blind = {p for d in truth["documents"] if d["untitled"] and not bookmarks for p in d["pages"]}
    assert [kinds[p] for p in range(1, truth["pages"] + 1) if p not in blind] == [
        kind for p, kind in enumerate(truth["page_kinds"], start=1) if p not in blind
    ]
    drawn = [
        (d["kind"], d["pages"])
        for d in truth["documents"]
        if d["kind"] != "witness_statement" and not (d["untitled"] and not bookmarks)
    ]
    found = [(d.kind.value, [p + 1 for p in d.pages if p + 1 not in blind]) for d in documents]
    for doc in drawn:
        assert doc in found


@pytest.mark.slow
def test_every_not_disclosable_form_is_known(bf: ModuleType) -> None:
    for seed in range(40):
        data, truth = bf.build_breach_bundle("not_disclosable", seed, bookmarks=False)
        _, documents = _segment(data)
        pages = truth["issues"][0]["pages"]
        assert any(
            d.kind is DocumentKind.NOT_DISCLOSABLE and [p + 1 for p in d.pages] == pages
            for d in documents
        ), seed


def test_a_bookmark_names_pages_that_have_no_header() -> None:
    import pymupdf

    doc = pymupdf.open()
    for text in ("Northway clinic notes", "more notes", "Photo caption", "continues"):
        doc.new_page().insert_text((72, 72), text)
    doc.set_toc([[1, "Medical record of the victim", 1], [1, "Receipt for repairs", 3]])
    data = doc.tobytes()
    bundle, documents = _segment(data)
    assert bundle.outline == (
        OutlineEntry(1, "Medical record of the victim", 0),
        OutlineEntry(1, "Receipt for repairs", 2),
    )
    assert [(d.kind, d.pages, d.title) for d in documents] == [
        (DocumentKind.MEDICAL_RECORD, (0, 1), "Medical record of the victim"),
        (DocumentKind.COMPENSATION_CLAIM, (2, 3), "Receipt for repairs"),
    ]


def test_a_bookmark_alone_does_not_remove_a_page() -> None:
    import pymupdf

    doc = pymupdf.open()
    for text in ("Notes of a meeting", "SCHEDULE OF SENSITIVE MATERIAL"):
        doc.new_page().insert_text((72, 72), text)
    doc.set_toc([[1, "Sensitive material schedule", 1], [1, "Sensitive material schedule", 2]])
    _, documents = _segment(doc.tobytes())
    assert [(d.kind, d.pages, bool(d.doubt)) for d in documents] == [
        (DocumentKind.NOT_DISCLOSABLE, (0,), True),  # only the bookmark says so
        (DocumentKind.NOT_DISCLOSABLE, (1,), False),  # the page's own title says so
    ]
