"""The HTML review page: self-contained, escaped, boxes placed on their pages."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from idpc_guard.report.html import render_html


def test_page_is_self_contained_with_every_page_and_finding(scanned: dict[str, Any]) -> None:
    result = scanned["sample_bundle"]
    report = result.report
    html = render_html(report, result.page_images)
    assert html.count("<section class='page'") == report.bundle.page_count
    assert html.count("data:image/png;base64,") == report.bundle.page_count
    assert html.count("<li data-action=") == len(report.decisions.findings)
    boxes = sum(len(f.detection.boxes) for f in report.decisions.findings)
    assert html.count("<div class='box ") == boxes
    # Nothing is fetched: no external URL anywhere, and a CSP says so.
    assert not re.search(r"""(src|href)=['"]?(https?:)?//""", html)
    assert "default-src 'none'" in html
    # Removed pages are marked; document issues come before the findings.
    for action in report.decisions.page_actions:
        assert (
            f"id='page-{action.page + 1}'><h3>Page {action.page + 1}</h3><div class='removed'>"
            in html
        )
    assert html.index("Document issues") < html.index("id='findings'")


def test_box_positions_are_fractions_of_the_page(scanned: dict[str, Any]) -> None:
    result = scanned["sample_bundle"]
    html = render_html(result.report, result.page_images)
    styles = re.findall(r"left:([\d.]+)%;top:([\d.]+)%;width:([\d.]+)%;height:([\d.]+)%", html)
    assert styles
    for left, top, width, height in (tuple(map(float, s)) for s in styles):
        assert 0 <= left < 100 and 0 <= top < 100
        assert 0 < width <= 100 - left + 0.01 and 0 < height <= 100 - top + 0.01


def test_text_from_the_bundle_is_escaped(scanned: dict[str, Any]) -> None:
    result = scanned["sample_bundle"]
    report = result.report
    first = report.decisions.findings[0]
    hostile = dataclasses.replace(
        first,
        detection=dataclasses.replace(first.detection, text="<script>alert(1)</script>'\""),
        reason="<img src=x onerror=alert(2)>",
    )
    decisions = dataclasses.replace(
        report.decisions, findings=(hostile, *report.decisions.findings[1:])
    )
    html = render_html(dataclasses.replace(report, decisions=decisions), result.page_images)
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&#x27;&quot;" in html


def test_clean_bundle_page_says_clear(scanned: dict[str, Any]) -> None:
    result = scanned["clean_bundle"]
    html = render_html(result.report, result.page_images)
    assert f"class='verdict {result.report.decisions.verdict.value}'" in html
    assert "None found." in html or "Document issues (" in html


def test_the_people_of_the_case_are_listed(scanned: dict[str, Any]) -> None:
    result = scanned["sample_bundle"]
    page = render_html(result.report, result.page_images)
    people = result.report.decisions.people
    assert people and f"<h2>People ({len(people)})</h2>" in page
    for person in people:
        assert f"data-person='{person.id}' data-role='{person.role.value}'" in page
