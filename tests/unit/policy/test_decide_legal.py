"""Decisions on names in legal prose: judges and counsel kept, cited cases not names.

All names are made up, and so are the citations.
"""

from __future__ import annotations

from idpc_guard.documents.segment import segment
from idpc_guard.model import Action, Case, Detection, PageText, Person, Role, Source
from idpc_guard.policy.decide import decide
from idpc_guard.policy.finalise import finalise
from idpc_guard.policy.loader import load_rules
from idpc_guard.read.extract import extract_bytes
from idpc_guard.read.layout import page_text, span_boxes
from tests.pdfs import make_pdf

PAGES = [
    [
        "R v Daniel HOLLOWAY",
        "Mr Alwyn Treharne KC (instructed by Penrose Solicitors) for the defendant",
        "The Crown relies on R v Kessock [2026] UKSC 8 before HHJ Ashdown.",
    ],
    [
        "Mr Treharne says that in Kessock the point was left open.",
        "The neighbour Tom Hughes saw Daniel HOLLOWAY leave. Ashdown agreed.",
        "Holloway Prison is not this case.",
    ],
]


def _name(texts: tuple[PageText, ...], page: int, value: str, document: int) -> Detection:
    text = texts[page]
    start = text.text.index(value)
    end = start + len(value)
    boxes = span_boxes(text, start, end)
    return Detection("PERSON", value, page, boxes, 0.85, Source.TEXT, "test", document, start, end)


def test_judges_counsel_and_cited_cases_in_a_bundle() -> None:
    bundle = extract_bytes(make_pdf(PAGES), "b.pdf")
    texts = tuple(page_text(p) for p in bundle.pages)
    documents = segment(bundle, texts)
    doc = documents[0].index
    detections: list[Detection] = [
        _name(texts, 1, "Treharne", doc),  # counsel, introduced on page 1
        _name(texts, 1, "Kessock", doc),  # "in Kessock": the cited case
        _name(texts, 1, "Tom Hughes", doc),  # a lay third party
        _name(texts, 1, "Ashdown", doc),  # the judge, named bare
        _name(texts, 1, "Holloway", doc),  # "Holloway Prison", but the defendant's name
    ]
    case = Case(urn="01AB2345624", defendants=(Person("Daniel HOLLOWAY", Role.DEFENDANT),))
    decisions = finalise(decide(detections, documents, texts, case, load_rules(), ()))
    rules = {f.detection.text: f.rule for f in decisions.findings}
    assert "Kessock" not in rules  # not a name here: no finding at all
    assert rules["Treharne"] == "keep-witness-name"  # a professional's name
    assert rules["Ashdown"] == "keep-witness-name"
    assert rules["Tom Hughes"] == "redact-third-party-name"
    # A name the case knows stays that person's, whatever follows it.
    assert rules["Holloway"] == "keep-defendant-name"


def test_a_name_that_is_a_cited_case_elsewhere_is_put_to_a_person() -> None:
    pages = [
        ["Statement of Nia ROWE", "I was told about it by Mr Tregarthen at the door."],
        ["The point was decided in Penrose v Tregarthen [2029] EWCA Civ 12 at [4]."],
    ]
    bundle = extract_bytes(make_pdf(pages), "b.pdf")
    texts = tuple(page_text(p) for p in bundle.pages)
    documents = segment(bundle, texts)
    detections = [
        _name(texts, 0, "Tregarthen", documents[0].index),
        _name(texts, 1, "Tregarthen", documents[-1].index),  # the cited case
    ]
    case = Case(urn="01AB2345624", defendants=(Person("Daniel HOLLOWAY", Role.DEFENDANT),))
    decisions = finalise(decide(detections, documents, texts, case, load_rules(), ()))
    assert [(f.detection.page, f.action, f.rule) for f in decisions.findings] == [
        (0, Action.REVIEW, "name-also-not-a-name")
    ]
