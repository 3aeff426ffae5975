"""The audit chart speaks a reader's words: no raw identifiers, whole counts."""

from __future__ import annotations

from idpc_guard.batch.audit import chart_panels, chart_png

AUDIT = {
    "scanned": 3,
    "with_breaches": 2,
    "share_with_breaches": 0.6667,
    "failed": 0,
    "by_verdict": {"block": 1, "review": 1, "clear": 1},
    "by_issue": {"witness_contact_details": 2, "foreign_case_summary": 1},
    "by_entity": {"UK_NHS": 1, "DATE_OF_BIRTH": 2, "PHONE_NUMBER": 2},
    "by_offence": {f"offence {n}": 1 for n in range(12)},
}


def test_panels_name_issues_and_entities_in_words() -> None:
    panels = dict(chart_panels(AUDIT))
    assert "witness contact details" in panels["Bundles with each document issue"]
    entities = panels["Bundles with each kind of personal data to redact"]
    assert entities == {"NHS no.": 1, "DOB": 2, "Phone": 2}
    assert len(panels["Bundles with breaches by offence"]) == 10
    assert all("_" not in label for bars in panels.values() for label in bars)


def test_the_chart_is_a_png() -> None:
    assert chart_png(AUDIT).startswith(b"\x89PNG")
