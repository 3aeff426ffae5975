"""Every carrier of personal data: a planted canary is gone from the copy, the rest unchanged.

Each test plants the canary value in one carrier of a PDF made in code, redacts
with one finding over the canary's text on the page, verifies, and then checks
the copy's bytes (compressed and expanded, literal and hex), its text, and that
every word outside the redaction boxes is exactly as before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pymupdf
import pytest

from idpc_guard.errors import RedactionNotVerifiedError
from idpc_guard.model import (
    Action,
    Box,
    Decisions,
    Detection,
    Finding,
    LabelStyle,
    PageAction,
    PageActionKind,
    Severity,
    Source,
    Verdict,
)
from idpc_guard.read.extract import extract_bytes
from idpc_guard.read.layout import page_text, span_boxes
from idpc_guard.redact.plan import redaction_plan
from idpc_guard.redact.redaction import glyph_rect, redact
from idpc_guard.redact.review_copy import mark
from idpc_guard.verify.verification import verify

CANARY = "Qzcanary Vexworth"  # invented; two words like a name
IMAGE_CANARY = "Imgcanary Ostrowe"
LINES = [
    "Statement of witness taken at the station on Monday.",
    f"The caller gave her name as {CANARY} and then left.",
    "The officer wrote this line and it must stay as it is.",
]

Planter = Callable[[pymupdf.Document], None]


def _base() -> pymupdf.Document:
    doc = pymupdf.open()
    page = doc.new_page()
    for i, line in enumerate(LINES):
        page.insert_text((56, 100 + i * 16), line, fontname="helv", fontsize=11)
    return doc


def _decisions_for(pdf: bytes) -> Decisions:
    text = page_text(extract_bytes(pdf, "x.pdf").pages[0])
    start = text.text.index(CANARY)
    detection = Detection(
        "PERSON",
        CANARY,
        0,
        span_boxes(text, start, start + len(CANARY)),
        0.9,
        Source.TEXT,
        "test",
        0,
        start,
        start + len(CANARY),
    )
    finding = Finding("F0001", detection, Action.REDACT, "r", "reason", Severity.HIGH)
    return Decisions((finding,), (), (), Verdict.REVIEW)


def _stream(doc: pymupdf.Document, data: bytes) -> int:
    xref = doc.get_new_xref()
    doc.update_object(xref, "<<>>")
    doc.update_stream(xref, data)
    return xref


# --- planters: one per carrier -------------------------------------------------------


def plant_nothing(doc: pymupdf.Document) -> None:
    """Page text only."""


def plant_metadata(doc: pymupdf.Document) -> None:
    doc.set_metadata({"author": CANARY, "title": f"Statement of {CANARY}", "subject": CANARY})
    doc.set_xml_metadata(
        "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/"
        f"22-rdf-syntax-ns#'><rdf:Description>{CANARY}</rdf:Description></rdf:RDF></x:xmpmeta>"
    )


def plant_annotations(doc: pymupdf.Document) -> None:
    page = doc[0]
    note = page.add_text_annot((300, 300), f"Call {CANARY} back")
    note.set_info(title=CANARY)
    note.update()
    free = page.add_freetext_annot(pymupdf.Rect(300, 400, 500, 430), CANARY, fontsize=9)
    free.update()


def plant_form_field(doc: pymupdf.Document) -> None:
    widget = pymupdf.Widget()
    widget.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
    widget.field_name = "witness_name"
    widget.field_value = CANARY
    widget.rect = pymupdf.Rect(56, 300, 300, 320)
    doc[0].add_widget(widget)


def plant_embedded_file(doc: pymupdf.Document) -> None:
    doc.embfile_add("notes.txt", f"contact {CANARY}".encode(), filename="notes.txt")
    doc[0].add_file_annot((400, 500), f"attached {CANARY}".encode(), "more.txt")


def plant_javascript(doc: pymupdf.Document) -> None:
    xref = doc.get_new_xref()
    doc.update_object(xref, f"<</S/JavaScript/JS(app.alert\\('{CANARY}'\\))>>")
    doc.xref_set_key(doc.pdf_catalog(), "OpenAction", f"{xref} 0 R")


def plant_hidden_layer(doc: pymupdf.Document) -> None:
    ocg = doc.add_ocg("Notes", on=False)
    doc[0].insert_text((56, 400), f"Hidden note: {CANARY} lives nearby", fontname="helv", oc=ocg)


def plant_outline(doc: pymupdf.Document) -> None:
    doc.set_toc([[1, "Statement", 1], [2, f"Call from {CANARY}", 1]])


def plant_page_labels(doc: pymupdf.Document) -> None:
    doc.set_page_labels([{"startpage": 0, "prefix": f"{CANARY}-", "style": "D", "firstpagenum": 1}])


def plant_thumbnail(doc: pymupdf.Document) -> None:
    xref = _stream(doc, f"thumbnail {CANARY}".encode())
    doc.xref_set_key(doc[0].xref, "Thumb", f"{xref} 0 R")


def plant_link(doc: pymupdf.Document) -> None:
    doc[0].insert_link(
        {
            "kind": pymupdf.LINK_URI,
            "from": pymupdf.Rect(56, 500, 200, 512),
            "uri": f"mailto:{CANARY.replace(' ', '.')}@example.com",
        }
    )


CARRIERS: dict[str, Planter] = {
    "page text": plant_nothing,
    "metadata and XMP": plant_metadata,
    "annotations": plant_annotations,
    "form field": plant_form_field,
    "embedded file": plant_embedded_file,
    "javascript": plant_javascript,
    "hidden layer": plant_hidden_layer,
    "outline": plant_outline,
    "page labels": plant_page_labels,
    "thumbnail": plant_thumbnail,
    "link": plant_link,
}


def _leaks(data: bytes) -> list[str]:
    """Where the canary (or either of its words) can still be read in a PDF."""
    doc = pymupdf.open(stream=data, filetype="pdf")
    expanded = doc.tobytes(expand=255, garbage=0)
    found = []
    for word in (CANARY, *CANARY.split()):
        for name, blob in (("raw", data), ("expanded", expanded)):
            if word.encode() in blob:
                found.append(f"{name}:{word}")
            if word.encode().hex().encode() in blob.lower():
                found.append(f"{name}-hex:{word}")
        if any(word in page.get_text() for page in doc):
            found.append(f"text:{word}")
        if any(word in str(entry) for entry in doc.get_toc(simple=False)):
            found.append(f"outline:{word}")
    return found


def _words_outside(data: bytes, boxes: tuple[Box, ...]) -> list[tuple[str, float, float]]:
    """The page's words with their positions, leaving out words under the boxes."""
    rects = [glyph_rect(b) for b in boxes]
    words = pymupdf.open(stream=data, filetype="pdf")[0].get_text("words")
    return [
        (w[4], round(w[0], 1), round(w[1], 1))
        for w in words
        if not any(pymupdf.Rect(w[:4]).intersects(r) for r in rects)
    ]


@pytest.mark.parametrize("carrier", sorted(CARRIERS))
def test_canary_is_gone_and_the_rest_unchanged(carrier: str) -> None:
    doc = _base()
    CARRIERS[carrier](doc)
    pdf = doc.tobytes()
    assert _leaks(pdf), "the canary was not planted"
    decisions = _decisions_for(pdf)
    out = redact(pdf, redaction_plan(decisions, LabelStyle.NONE))
    verification = verify(1, out, redaction_plan(decisions, LabelStyle.NONE))
    assert verification.boxes_checked == 1
    assert _leaks(out) == []
    boxes = decisions.findings[0].detection.boxes
    before = [w for w in _words_outside(pdf, boxes) if w[2] < 200]  # the page body
    assert _words_outside(out, boxes) == before


def test_outline_and_page_labels_are_rewritten_not_dropped() -> None:
    doc = _base()
    plant_outline(doc)
    plant_page_labels(doc)
    pdf = doc.tobytes()
    out = pymupdf.open(stream=redact(pdf, redaction_plan(_decisions_for(pdf))), filetype="pdf")
    assert [entry[1] for entry in out.get_toc()] == ["Statement", "Call from [redacted]"]
    assert out[0].get_label() == "[redacted]-1"


@pytest.mark.parametrize(
    ("carrier", "named"),
    [
        ("annotations", "annotations"),
        ("form field", "form fields"),
        ("embedded file", "embedded files"),
        ("javascript", "JavaScript"),
        ("metadata and XMP", "XMP metadata"),
        ("hidden layer", "hidden layers"),
        ("thumbnail", "thumbnails"),
        ("outline", "outline"),
        ("page labels", "page labels"),
        ("link", "links"),
    ],
)
def test_verify_refuses_a_copy_that_keeps_the_carrier(carrier: str, named: str) -> None:
    doc = _base()
    CARRIERS[carrier](doc)
    data = doc.tobytes(garbage=4)
    # A finding elsewhere on the page whose value is the canary: the carrier still holds it.
    detection = Detection("PERSON", CANARY, 0, (Box(400, 700, 420, 710),), 0.9, Source.TEXT, "t", 0)
    decisions = Decisions(
        (Finding("F0001", detection, Action.REDACT, "r", "x", Severity.HIGH),),
        (),
        (),
        Verdict.REVIEW,
    )
    with pytest.raises(RedactionNotVerifiedError, match=named) as info:
        verify(1, data, redaction_plan(decisions))
    assert CANARY not in str(info.value)


def test_verify_refuses_a_copy_with_an_earlier_revision(tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / "incr.pdf"  # type: ignore[operator]
    _base().save(path)
    doc = pymupdf.open(path)
    doc[0].insert_text((56, 300), "added later", fontname="helv")
    doc.saveIncr()
    doc.close()
    with pytest.raises(RedactionNotVerifiedError, match="earlier revisions"):
        verify(1, path.read_bytes(), redaction_plan(Decisions((), (), (), Verdict.CLEAR)))


def test_labels_name_the_reason_and_never_the_value() -> None:
    pdf = _base().tobytes()
    decisions = _decisions_for(pdf)
    for style, label in ((LabelStyle.ENTITY, "Name"), (LabelStyle.ID, "F0001")):
        out = redact(pdf, redaction_plan(decisions, style))
        verify(1, out, redaction_plan(decisions, style))
        rect = glyph_rect(decisions.findings[0].detection.boxes[0])
        assert pymupdf.open(stream=out, filetype="pdf")[0].get_textbox(rect).strip() == label


def test_image_pixels_under_the_box_are_blanked_and_the_rest_kept() -> None:
    # An image with a "canary" drawn into its pixels: dark strokes in the left half.
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 200, 100), False)
    pix.set_rect(pix.irect, (230, 230, 230))
    pix.set_rect(pymupdf.IRect(20, 40, 90, 60), (10, 10, 160))  # the canary's ink
    pix.set_rect(pymupdf.IRect(130, 40, 180, 60), (200, 30, 30))  # must survive
    doc = _base()
    doc[0].insert_image(pymupdf.Rect(56, 300, 256, 400), pixmap=pix)
    pdf = doc.tobytes()
    box = Box(56, 300, 156, 400)  # left half of the image
    detection = Detection("PERSON", IMAGE_CANARY, 0, (box,), 0.8, Source.IMAGE, "test", 0)
    decisions = Decisions(
        (Finding("F0001", detection, Action.REDACT, "r", "x", Severity.HIGH),),
        (),
        (),
        Verdict.REVIEW,
    )

    def read(png: bytes) -> str:
        # A stand-in OCR reader: "reads" the canary wherever its dark ink is visible.
        seen = pymupdf.Pixmap(png)
        ink = any(
            seen.pixel(x, y)[2] > 120 and seen.pixel(x, y)[0] < 60
            for x in range(0, seen.width, 4)
            for y in range(0, seen.height, 4)
        )
        return IMAGE_CANARY if ink else ""

    with pytest.raises(RedactionNotVerifiedError):  # the hook sees the ink in the input
        verify(1, pdf, redaction_plan(decisions), read_image_text=read)
    out = redact(pdf, redaction_plan(decisions, LabelStyle.NONE))
    verification = verify(1, out, redaction_plan(decisions, LabelStyle.NONE), read_image_text=read)
    assert verification.images_read == 1
    page = pymupdf.open(stream=out, filetype="pdf")[0]
    (image,) = page.get_images(full=True)
    kept = pymupdf.Pixmap(page.parent, image[0])
    assert kept.pixel(50, 50) != (10, 10, 160)
    assert kept.pixel(150, 50) == (200, 30, 30)
    assert kept.pixel(195, 5) == (230, 230, 230)


def test_vector_art_inside_a_box_goes_and_crossing_rules_stay() -> None:
    doc = _base()
    page = doc[0]
    # A "signature" drawn as paths inside the box, and a table rule across it.
    page.draw_polyline([(70, 320), (80, 310), (90, 325), (100, 312)], color=(0, 0, 0.5))
    page.draw_line((40, 318), (500, 318), color=(0.5, 0.5, 0.5))
    pdf = doc.tobytes()
    box = Box(60, 305, 110, 330)
    detection = Detection("PERSON", "sig", 0, (box,), 0.8, Source.IMAGE, "test", 0)
    decisions = Decisions(
        (Finding("F0001", detection, Action.REDACT, "r", "x", Severity.HIGH),),
        (),
        (),
        Verdict.REVIEW,
    )
    out = redact(pdf, redaction_plan(decisions, LabelStyle.NONE))
    drawings = pymupdf.open(stream=out, filetype="pdf")[0].get_drawings()
    colours = [d.get("color") for d in drawings]
    assert (0.0, 0.0, 0.5) not in [tuple(round(v, 1) for v in c) for c in colours if c]
    assert any(d["rect"].width > 400 for d in drawings)  # the rule crossing the box


def test_earlier_revisions_do_not_survive(tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / "incr.pdf"  # type: ignore[operator]
    _base().save(path)
    doc = pymupdf.open(path)
    doc[0].add_redact_annot(pymupdf.Rect(40, 100, 560, 120))
    doc[0].apply_redactions()
    doc.saveIncr()
    doc.close()
    data = path.read_bytes()
    assert data.count(b"%%EOF") == 2
    out = redact(data, redaction_plan(Decisions((), (), (), Verdict.CLEAR)))
    assert out.count(b"%%EOF") == 1
    assert _leaks(out) == []


def test_mark_only_copy_keeps_text_and_carries_annotations() -> None:
    pdf = _base().tobytes()
    decisions = _decisions_for(pdf)
    marked = pymupdf.open(stream=mark(pdf, redaction_plan(decisions)), filetype="pdf")
    page = marked[0]
    annots = list(page.annots())
    assert [a.type[1] for a in annots] == ["Redact"]
    assert annots[0].info["title"] == "F0001"
    assert CANARY not in annots[0].info["content"]
    assert page.get_text() == pymupdf.open(stream=pdf, filetype="pdf")[0].get_text()


def test_mark_highlights_review_items_and_marks_removed_pages() -> None:
    doc = _base()
    doc.new_page().insert_text((56, 100), "WITNESS CONTACT DETAILS", fontname="helv")
    pdf = doc.tobytes()
    proposal = _decisions_for(pdf)
    review = replace(proposal.findings[0], id="F0002", action=Action.REVIEW)
    decisions = Decisions(
        (review,), (PageAction(1, PageActionKind.REMOVE, "MG11 back page"),), (), Verdict.REVIEW
    )
    marked = pymupdf.open(stream=mark(pdf, redaction_plan(decisions)), filetype="pdf")
    assert [(a.type[1], a.info["title"]) for a in marked[0].annots()] == [("Highlight", "F0002")]
    back = marked[1]
    (removal,) = list(back.annots())
    assert removal.type[1] == "Redact" and removal.info["title"] == "page-remove"
    assert removal.rect == back.rect
    assert "WITNESS CONTACT DETAILS" in back.get_text()
