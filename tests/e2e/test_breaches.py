"""Every bundle-level breach in a generated bundle is caught; a clean bundle raises none.

Bundles are made by ``fixtures/make_breach_fixtures.py`` into a temporary folder:
one invented burglary (10 to 60 pages, documents shuffled, with and without
bookmarks, forms in several layouts) with one breach added.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from idpc_guard import ScanOptions
from idpc_guard.report.json import report_dict

SCRIPT = Path(__file__).resolve().parents[2] / "fixtures" / "make_breach_fixtures.py"
BREACH_ISSUES = {
    "witness_contact_details",
    "not_disclosable_document",
    "foreign_case_summary",
    "wrong_previous_convictions",
    "unredacted_elsewhere",
    "duplicate_document",
}
# (breach, seed, bookmarks, padding): sizes from about 13 to 60 pages.
CASES = [
    ("witness_contact_details", 1, True, 0),
    ("not_disclosable", 2, False, 4),
    ("foreign_case_summary", 3, True, 12),
    ("wrong_previous_convictions", 4, False, 2),
    ("wrong_previous_convictions", 14, True, 0),
    ("unredacted_elsewhere", 5, True, 8),
    ("duplicate_document", 6, False, 0),
    ("clean", 7, True, 0),
    ("clean", 8, False, 45),
]


@pytest.fixture(scope="module")
def bf() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_breach_fixtures", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _scan(scanner: Any, bf: ModuleType, tmp: Path, case: tuple[str, int, bool, int]) -> Any:
    breach, seed, bookmarks, padding = case
    data, truth = bf.build_breach_bundle(breach, seed, bookmarks=bookmarks, padding=padding)
    path = tmp / f"{breach}-{seed}.pdf"
    path.write_bytes(data)
    return truth, report_dict(scanner.scan(path, ScanOptions(redact=False)).report)


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_each_breach_is_caught_and_clean_raises_none(
    scanner: Any, bf: ModuleType, tmp_path: Path, case: tuple[str, int, bool, int]
) -> None:
    truth, report = _scan(scanner, bf, tmp_path, case)
    assert 10 <= truth["pages"] <= 60
    found = [
        (i["kind"], i["pages"]) for i in report["document_issues"] if i["kind"] in BREACH_ISSUES
    ]
    expected = [(i["kind"], i["pages"]) for i in truth["issues"]]
    assert found == expected
    for issue in report["document_issues"]:
        assert issue["detail"]  # a sentence for the lawyer
    blind = {  # pages that say nothing of what they are: only a bookmark can place them
        p
        for d in truth["documents"]
        if d["untitled"] and not truth["bookmarks"]
        for p in d["pages"]
    }
    listed = {
        (d["kind"], tuple(p for p in d["pages"] if p not in blind)) for d in report["documents"]
    }
    for doc in truth["documents"]:
        if doc["untitled"] and not truth["bookmarks"]:
            continue  # nothing on the page says what it is
        if doc["kind"] != "witness_statement":  # a statement may carry its back page
            assert (doc["kind"], tuple(doc["pages"])) in listed
    if case[0] == "clean":
        assert report["verdict"] != "block" or any(
            f["action"] == "redact" and f["severity"] == "critical" for f in report["findings"]
        )
    elif case[0] == "duplicate_document":
        assert report["verdict"] in ("review", "block")
    else:
        assert report["verdict"] == "block"
    if case[0] == "unredacted_elsewhere":
        pages = set(truth["issues"][0]["pages"])
        assert any(
            f["rule"] == "unredacted-elsewhere" and f["page"] in pages and f["action"] == "redact"
            for f in report["findings"]
        )


def test_a_case_file_that_disagrees_with_the_bundle_is_reported(
    scanner: Any, bf: ModuleType, tmp_path: Path
) -> None:
    from idpc_guard.model import Case, Person, Role

    data, truth = bf.build_breach_bundle("clean", 11, bookmarks=False)
    path = tmp_path / "bundle.pdf"
    path.write_bytes(data)
    case = Case(
        urn=truth["urn"],
        defendants=(Person("Kevin John PARRY", Role.DEFENDANT),),
        offences=("burglary (dwelling)",),
    )
    report = report_dict(scanner.scan(path, ScanOptions(case=case, redact=False)).report)
    summaries = [d["pages"] for d in truth["documents"] if d["kind"] == "case_summary"]
    issues = [i for i in report["document_issues"] if i["kind"] == "foreign_case_summary"]
    assert [i["pages"] for i in issues][:1] == summaries
    assert all("case file" in i["detail"] for i in issues)
    assert report["case"]["inferred"] is False
