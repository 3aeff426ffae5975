"""Text outside the page content is read: bookmarks, labels, names, notes, links, properties."""

from __future__ import annotations

import pymupdf

from idpc_guard.model import (
    Action,
    Box,
    Carrier,
    CarrierKind,
    Detection,
    Document,
    DocumentKind,
    Severity,
)
from idpc_guard.policy.builtin import OUTSIDE_PAGE_CONTENT, UNREDACTED_ELSEWHERE
from idpc_guard.policy.carriers import NO_BOX, carrier_text, with_carriers
from idpc_guard.policy.finalise import Draft, finalise
from idpc_guard.policy.ruling import Ruling
from idpc_guard.read.carriers import MAX_CARRIERS, read_carriers
from idpc_guard.redact.plan import redaction_plan
from tests.adversarial.read_corpus import ITEMS_BY_NAME


def carriers_of(name: str) -> list[tuple[CarrierKind, int, str]]:
    with pymupdf.open(stream=ITEMS_BY_NAME[name].build(), filetype="pdf") as doc:
        return [(c.kind, c.page, c.text) for c in read_carriers(doc)]


def test_bookmarks_labels_names_notes_and_links_are_read() -> None:
    assert (CarrierKind.BOOKMARK, 0, "MG11 QUISTFIRE mob 07700900462 NHS 9434765919") in (
        carriers_of("bookmark-unspaced")
    )
    assert (CarrierKind.PAGE_LABEL, 0, "MG11 07700 900463 p") in carriers_of("page-label")
    assert (CarrierKind.NAMED_DESTINATION, 0, "witness-07700900464") in carriers_of(
        "named-destination"
    )
    notes = carriers_of("annotation-contents")
    assert (CarrierKind.ANNOTATION, 0, "Called back on 07700 900465") in notes
    assert (CarrierKind.ANNOTATION, 0, "Case worker") in notes
    links = [text for kind, _, text in carriers_of("link-uris") if kind is CarrierKind.LINK]
    assert "mailto:ondrel.quistfire%40example.com" in links


def test_a_plain_statement_carries_nothing_outside_its_pages() -> None:
    assert carriers_of("plain-statement") == []


def test_a_bookmark_with_a_lone_surrogate_is_read_without_failing() -> None:
    for _, _, text in carriers_of("surrogate-bookmark"):
        text.encode("utf-8")


def test_document_properties_are_read_and_the_count_is_bounded() -> None:
    doc = pymupdf.open()
    doc.new_page()
    doc.set_metadata({"title": "Statement of O QUISTFIRE 07700 900468"})
    doc.set_xml_metadata(
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:description>Tel 07700 900469 &amp; more'
        "</dc:description></x:xmpmeta>"
    )
    for i in range(5):
        doc.set_toc([[1, f"Bookmark {n}", 1] for n in range(i + 1)])
    carriers = read_carriers(doc)
    assert Carrier(CarrierKind.METADATA, 0, "Statement of O QUISTFIRE 07700 900468") in carriers
    assert Carrier(CarrierKind.METADATA, 0, "Tel 07700 900469 & more") in carriers
    assert len(carriers) <= MAX_CARRIERS
    doc.close()


def test_a_link_target_is_read_decoded() -> None:
    carrier = Carrier(CarrierKind.LINK, 0, "https://maps.example.com/?q=22%20Tanner%20Fold&z=3")
    assert carrier_text(carrier) == "https://maps.example.com/ q 22 Tanner Fold z 3"


DOCS = (Document(0, DocumentKind.WITNESS_STATEMENT, "MG11", (0, 1)),)
KEEP = Ruling("keep-something", Action.KEEP, "kept", UNREDACTED_ELSEWHERE.severity)


def _page_finding(text: str, ruling: Ruling) -> tuple[Detection, Ruling]:
    detection = Detection("PHONE_NUMBER", text, 0, (Box(50, 50, 120, 62),), 0.9, "text", "x", 0)
    return detection, ruling


def test_values_in_carriers_become_findings_with_no_box_and_join_the_values_withheld() -> None:
    carriers = (
        Carrier(CarrierKind.BOOKMARK, 1, "mob 07700900462"),
        Carrier(CarrierKind.LINK, 0, "mailto:ondrel.quistfire%40example.com"),
    )
    hits = (
        [("PHONE_NUMBER", 4, 15, 0.6, "UkPhoneNumberRecognizer")],
        [("EMAIL_ADDRESS", 7, 35, 0.9, "OfflineEmailRecognizer")],
    )
    draft = with_carriers(Draft(), carriers, hits, DOCS)
    decisions = finalise(draft)
    texts = {f.detection.text: f for f in decisions.findings}
    assert set(texts) == {"07700900462", "ondrel.quistfire@example.com"}
    for finding in decisions.findings:
        assert finding.rule == OUTSIDE_PAGE_CONTENT and finding.action is Action.REDACT
        assert finding.detection.boxes == (NO_BOX,)
    assert "bookmark" in texts["07700900462"].reason
    assert texts["07700900462"].detection.page == 1
    plan = redaction_plan(decisions)
    assert plan.redactions == {} and plan.marks == {}  # nothing drawn on a page
    assert set(plan.redacted_texts) == set(texts)  # but the copy withholds the values


def test_a_value_withheld_on_the_pages_is_as_serious_outside_them() -> None:
    critical = Ruling("redact-nhs-number", Action.REDACT, "NHS number", Severity.CRITICAL)
    draft = Draft(findings=(_page_finding("943 476 5919", critical),))
    carriers = (Carrier(CarrierKind.BOOKMARK, 0, "NHS 9434765919"),)
    hits = ([("UK_NHS", 4, 14, 0.9, "NhsRecognizer")],)
    added = with_carriers(draft, carriers, hits, DOCS).findings[-1][1]
    assert (added.rule, added.action, added.severity) == (
        OUTSIDE_PAGE_CONTENT,
        Action.REDACT,
        Severity.CRITICAL,
    )


def test_a_value_the_pages_keep_is_kept_outside_them_too_and_names_are_left_alone() -> None:
    draft = Draft(findings=(_page_finding("07700 900462", KEEP),))
    carriers = (Carrier(CarrierKind.BOOKMARK, 0, "Ondrel QUISTFIRE 07700900462"),)
    hits = (
        [
            ("PERSON", 0, 16, 0.85, "SpacyRecognizer"),
            ("PHONE_NUMBER", 17, 28, 0.6, "UkPhoneNumberRecognizer"),
        ],
    )
    assert with_carriers(draft, carriers, hits, DOCS) == draft
