"""The CPS redaction types and deletion reasons: mapped in the rule files, loaded, applied."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest

from idpc_guard.errors import RuleFileError
from idpc_guard.model import (
    Action,
    Box,
    Decisions,
    Detection,
    DocumentKind,
    Entity,
    Finding,
    PageAction,
    PageActionKind,
    Severity,
    Source,
    Verdict,
)
from idpc_guard.policy.cps import (
    NO_CPS_TYPES,
    BoxWidth,
    CpsReason,
    CpsType,
    with_cps,
)
from idpc_guard.policy.loader import default_rules_dir, load_rule_set

REDACTION = "schema: idpc-guard/redaction/v1\n"


def _finding(entity: str, document: int = 0, cps_type: str = "") -> Finding:
    detection = Detection(entity, "x", 0, (Box(0, 0, 1, 1),), 0.9, Source.TEXT, "r", document)
    return Finding("F0001", detection, Action.REDACT, "r", "why", Severity.HIGH, cps_type=cps_type)


def test_every_entity_has_a_cps_type_in_the_shipped_rules() -> None:
    cps = load_rule_set().cps
    assert set(cps.entities) == {e.value for e in Entity}
    assert set(cps.entities.values()) <= set(get_args(CpsType))
    assert cps.entities["PERSON"] == "Named individual"
    assert cps.entities["OCCUPATION"] == "Occupation"
    assert cps.entities["RELATIONSHIP"] == "Relationship to others"
    assert cps.finding_type("PERSON", DocumentKind.PREVIOUS_CONVICTIONS) == "Previous convictions"
    assert cps.finding_type("SOMETHING_NEW", None) == "Other"
    assert cps.page_reason("witness_contact_details") == "MG11 Backsheet"
    assert cps.page_reason("blank") == "Blank page"
    assert cps.page_reason("other") == "Page contains personal information"
    assert cps.boxes.width is BoxWidth.EXACT


def test_findings_and_page_actions_get_their_type_and_reason() -> None:
    cps = load_rule_set().cps
    decisions = Decisions(
        (_finding("PHONE_NUMBER"), _finding("PERSON", 1), _finding("UK_NHS", cps_type="Other")),
        (
            PageAction(3, PageActionKind.REMOVE, "back page"),
            PageAction(4, PageActionKind.REMOVE, "x"),
        ),
        (),
        Verdict.REVIEW,
    )
    kinds = {0: DocumentKind.WITNESS_STATEMENT, 1: DocumentKind.PREVIOUS_CONVICTIONS}
    out = with_cps(decisions, cps, kinds, {3: "witness_contact_details", 4: "blank"})
    assert [f.cps_type for f in out.findings] == [
        "Phone number",
        "Previous convictions",
        "Other",  # a type already given (a reviewer's) is kept
    ]
    assert [a.cps_reason for a in out.page_actions] == ["MG11 Backsheet", "Blank page"]


def test_a_local_redaction_file_replaces_the_shipped_one(tmp_path: Path) -> None:
    local = tmp_path / "local"
    local.mkdir()
    (local / "cps.yaml").write_text(
        REDACTION + "cps:\n  entities:\n    PERSON: Other\nboxes:\n  width: fixed\n  step: 50\n"
    )
    cps = load_rule_set(None, local).cps
    assert cps.finding_type("PERSON", None) == "Other"
    assert cps.finding_type("PHONE_NUMBER", None) == "Other"  # the local file maps only PERSON
    assert (cps.boxes.width, cps.boxes.step) == (BoxWidth.FIXED, 50.0)
    assert cps.boxes.widens("PERSON") and not cps.boxes.widens("PHONE_NUMBER")
    # A rules folder of its own, without a redaction file, takes the shipped one.
    ours = tmp_path / "ours"
    ours.mkdir()
    (ours / "defaults.yaml").write_bytes((default_rules_dir() / "defaults.yaml").read_bytes())
    assert load_rule_set(ours).cps.finding_type("PERSON", None) == "Named individual"
    assert NO_CPS_TYPES.finding_type("PERSON", None) == "Other"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("cps:\n  entities:\n    PERSON: Person's name\n", "rules/bad.yaml:5: cps.entities.PERSON"),
        ("cps:\n  entities:\n    NOT_AN_ENTITY: Other\n", "rules/bad.yaml:5: cps.entities"),
        ("cps:\n  pages:\n    sideways: Blank page\n", "'sideways' is not a page cause"),
        ("boxes:\n  width: wide\n", "rules/bad.yaml:4: boxes.width"),
        ("boxes:\n  step: 0\n", "rules/bad.yaml:4: boxes.step"),
    ],
)
def test_a_bad_redaction_file_is_a_rule_file_error(tmp_path: Path, body: str, message: str) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "defaults.yaml").write_bytes((default_rules_dir() / "defaults.yaml").read_bytes())
    (folder / "bad.yaml").write_text(REDACTION + "description: bad\n" + body)
    with pytest.raises(RuleFileError) as caught:
        load_rule_set(folder)
    assert any(message in p for p in caught.value.problems), caught.value.problems


def test_two_redaction_files_in_one_folder_are_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "defaults.yaml").write_bytes((default_rules_dir() / "defaults.yaml").read_bytes())
    (folder / "a.yaml").write_text(REDACTION)
    (folder / "b.yaml").write_text(REDACTION)
    with pytest.raises(RuleFileError, match="a second redaction file"):
        load_rule_set(folder)


def test_the_vocabularies_are_the_cps_ones() -> None:
    assert len(get_args(CpsType)) == 15
    assert get_args(CpsReason) == (
        "MG11 Backsheet",
        "Page contains personal information",
        "Blank page",
    )
