from __future__ import annotations

from idpc_guard.documents.segment import segment
from idpc_guard.model import DocumentKind
from idpc_guard.read.extract import extract_bytes
from idpc_guard.read.layout import page_text
from tests.pdfs import make_pdf

MG5 = [
    "RESTRICTED (when complete)  MG5",
    "POLICE REPORT - CASE SUMMARY",
    "URN: 05AB1234524",
    "Defendant: Michael Thomas BROWN",
    "Charge: Burglary dwelling, on 14/06/2026",
]
MG5_P2 = [
    "RESTRICTED (when complete)  MG5",
    "POLICE REPORT - CASE SUMMARY",
    "Page 2 of 2",
    "More narrative.",
]
MG11 = [
    "RESTRICTED (when complete)  MG11",
    "WITNESS STATEMENT",
    "URN: 05AB1234524",
    "Statement of: Sarah PATEL",
    "Body text.",
]
MG11_T = ["MG11 (T)", "Page 2 of 2", "Statement of: Sarah PATEL", "More body text."]
BACK = ["RESTRICTED (when complete)  MG11", "WITNESS CONTACT DETAILS", "Home address:"]
MG6C = ["RESTRICTED (when complete)  MG6C", "POLICE SCHEDULE OF NON-SENSITIVE UNUSED MATERIAL"]
MG6D = ["MG6D", "POLICE SCHEDULE OF SENSITIVE UNUSED MATERIAL"]
OTHER_MG5 = ["MG5", "CASE SUMMARY", "URN: 01ZZ9999923", "Defendant: Someone ELSE"]


def _docs(*pages: list[str]):  # type: ignore[no-untyped-def]
    bundle = extract_bytes(make_pdf(pages), "b.pdf")
    return segment(bundle, tuple(page_text(p) for p in bundle.pages))


def test_a_typical_bundle_splits_into_its_documents() -> None:
    docs = _docs(MG5, MG5_P2, MG11, MG11_T, BACK, MG11, MG6C, MG6D)
    assert [(d.kind, d.pages) for d in docs] == [
        (DocumentKind.CASE_SUMMARY, (0, 1)),
        (DocumentKind.WITNESS_STATEMENT, (2, 3)),
        (DocumentKind.WITNESS_CONTACT_DETAILS, (4,)),
        (DocumentKind.WITNESS_STATEMENT, (5,)),
        (DocumentKind.UNUSED_MATERIAL_SCHEDULE, (6,)),
        (DocumentKind.NOT_DISCLOSABLE, (7,)),
    ]
    assert docs[0].fields.urn == "05AB1234524"
    assert docs[0].fields.names == ("Michael Thomas BROWN",)
    assert docs[1].fields.witness == "Sarah PATEL"
    assert docs[0].title.startswith("MG5")


def test_a_summary_with_another_urn_is_a_separate_document() -> None:
    docs = _docs(MG5, OTHER_MG5)
    assert [d.pages for d in docs] == [(0,), (1,)]
    assert docs[1].fields.urn == "01ZZ9999923"


def test_page_without_header_continues_the_previous_document() -> None:
    docs = _docs(MG11, ["just more words of the statement"])
    assert [d.pages for d in docs] == [(0, 1)]


def test_first_page_without_header_is_other() -> None:
    docs = _docs(["a page with nothing recognisable"])
    assert docs[0].kind is DocumentKind.OTHER
