"""The review page's controls: one set per finding, terms grouped, the report's fingerprint."""

from __future__ import annotations

import re
from typing import Any

from idpc_guard.report.html import render_html
from idpc_guard.report.json import report_dict
from idpc_guard.report.review import ATTESTATION, DECISIONS_SCHEMA, findings_fingerprint, term_key


def test_every_finding_has_its_controls_and_terms_are_grouped(scanned: dict[str, Any]) -> None:
    result = scanned["sample_bundle"]
    report = result.report
    html = render_html(report, result.page_images)
    findings = report.decisions.findings
    assert html.count("<div class='controls'>") == len(findings)
    assert html.count("data-do='accept'>Accept</button>") == sum(
        f.action.value != "review" for f in findings
    )
    terms = dict(re.findall(r"data-finding='(F\d+)' data-proposal='\w+' data-term='(T\d+)'", html))
    assert set(terms) == {f.id for f in findings}
    by_term: dict[str, set[str]] = {}
    for f in findings:
        by_term.setdefault(terms[f.id], set()).add(term_key(f.detection.text))
    assert all(len(keys) == 1 for keys in by_term.values())
    assert len(by_term) == len({term_key(f.detection.text) for f in findings})
    # Each person's row decides every value of theirs; each page can be removed or kept.
    assert html.count("<button type='button' data-do='reject'>Reject all</button>") == len(
        report.decisions.people
    )
    assert html.count("<div class='pagectl'>") == report.bundle.page_count


def test_the_page_carries_what_a_decisions_file_is_checked_against(
    scanned: dict[str, Any],
) -> None:
    result = scanned["sample_bundle"]
    html = render_html(result.report, result.page_images)
    fingerprint = findings_fingerprint(report_dict(result.report))
    assert f"data-schema='{DECISIONS_SCHEMA}'" in html
    assert f"data-sha256='{result.report.bundle.sha256}' data-fingerprint='{fingerprint}'" in html
    assert f"data-attestation='{ATTESTATION}'" in html
    assert "id='rv-accept-all' disabled" in html
    assert "download='sample_bundle.review-decisions.json'" in html
    # The script saves with a Blob: nothing is sent anywhere.
    assert "new Blob(" in html
    for word in ("fetch(", "XMLHttpRequest", "sendBeacon", "WebSocket", "localStorage"):
        assert word not in html
