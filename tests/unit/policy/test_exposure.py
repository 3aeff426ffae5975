"""What still points to a protected person once their address is withheld."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema

from idpc_guard.model import (
    Action,
    Box,
    Case,
    CasePerson,
    Decisions,
    Detection,
    Document,
    DocumentFields,
    DocumentKind,
    Finding,
    Person,
    Role,
    Severity,
    Source,
    Verdict,
)
from idpc_guard.policy.exposure import with_exposure
from idpc_guard.report.html import render_html
from idpc_guard.report.json import report_dict
from tests.pdfs import make_pdf

# An invented victim, defendant, streets, school and workplace.
STATEMENT = [
    "WITNESS STATEMENT",
    "Criminal Justice Act 1967, s.9; Magistrates' Courts Act 1980, s.5B",
    "Statement of: Harriet OKONJO",
    "Age if under 18: Over 18",
    "This statement is true to the best of my knowledge and belief.",
    "I live at 14 Quarry Street, Brackley BR4 7TT.",
    "I live above the chemist's on Mill Lane, it is a small flat.",
    "My son goes to Elm Road Primary.",
    "I work as a receptionist at Harbourside Dental Practice.",
    "Signed: H OKONJO",
]


def test_a_home_said_in_words_is_listed_and_makes_the_verdict_review(
    scanner: Any, tmp_path: Path, report_schema: dict[str, Any]
) -> None:
    from idpc_guard.scanner import ScanOptions

    bundle = tmp_path / "bundle.pdf"
    bundle.write_bytes(make_pdf([STATEMENT], fontsize=9))
    case = Case(
        urn="01XY1234567",
        defendants=(Person("Dominic FARRANT", Role.DEFENDANT),),
        offences=("assault occasioning actual bodily harm",),
        complainants=(Person("Harriet OKONJO", Role.VICTIM),),
    )
    report = scanner.scan(bundle, ScanOptions(case=case)).report
    data = report_dict(report)
    jsonschema.validate(data, report_schema)
    by_id = {f["id"]: f for f in data["findings"]}
    assert any(f["entity"] == "UK_ADDRESS" and f["action"] == "redact" for f in by_id.values())
    [exposed] = data["exposure"]
    assert exposed["role"] == "victim" and exposed["home_inferable"] is True
    assert "UK_ADDRESS" in exposed["withheld"]
    kinds = {i["kind"]: by_id[i["finding"]]["text"] for i in exposed["items"]}
    assert kinds["home"] == "above the chemist's on Mill Lane"
    assert kinds["school"] == "Elm Road Primary"
    assert kinds["workplace"] == "receptionist at Harbourside Dental Practice"
    assert {i["suggest"] for i in exposed["items"] if i["kind"] == "home"} == {"redact"}
    assert data["verdict"] == "review"
    # The person it is about is the statement's maker, in the people view.
    person = next(p for p in data["people"] if p["id"] == exposed["person"])
    assert person["role"] == "victim"
    page = render_html(report, ())
    assert "What still points to a protected person" in page and "can be inferred" in page


def _finding(number: int, entity: str, recognizer: str, action: Action, start: int) -> Finding:
    detection = Detection(
        entity, "x", 0, (Box(0, 0, 1, 1),), 0.9, Source.TEXT, recognizer, 0, start, start + 5
    )
    return Finding(f"F{number:04d}", detection, action, "r", "r", Severity.LOW, person=None)


def test_only_lay_makers_and_only_what_stays_in_the_copy() -> None:
    statement = Document(
        0, DocumentKind.WITNESS_STATEMENT, "", (0,), DocumentFields(witness="Ann Example")
    )
    findings = (
        _finding(1, "PERSON", "names", Action.KEEP, 0),
        _finding(2, "LOCATION", "HomeLocationRecognizer", Action.KEEP, 10),
        _finding(3, "RELATIONSHIP", "RelationshipRecognizer", Action.REVIEW, 20),
        _finding(4, "PERSON", "names", Action.REVIEW, 27),  # "my son, Jo": the relative's name
        _finding(5, "OCCUPATION", "OccupationRecognizer", Action.REDACT, 40),  # gone already
    )
    people = (CasePerson("P1", Role.WITNESS, ("Ann EXAMPLE",), (), ("F0001",), 0, 1, 0),)
    decisions = Decisions(findings, (), (), Verdict.CLEAR, people)
    out = with_exposure(decisions, [statement])
    [exposed] = out.exposure
    assert exposed.person == "P1" and exposed.home
    assert [(i.finding, i.kind) for i in exposed.items] == [
        ("F0002", "home"),
        ("F0003", "relative"),
        ("F0004", "relative's name"),
    ]
    assert out.verdict is Verdict.REVIEW  # a home inferable is never clear
    # An officer's statement lists nothing: their particulars are served.
    officers = (CasePerson("P1", Role.OFFICER, ("Ann EXAMPLE",), (), ("F0001",), 0, 1, 0),)
    assert with_exposure(Decisions(findings, (), (), Verdict.CLEAR, officers), [statement]) == (
        Decisions(findings, (), (), Verdict.CLEAR, officers)
    )


def test_a_job_at_the_business_the_bundle_names_as_one_is_kept(
    scanner: Any, tmp_path: Path
) -> None:
    from idpc_guard.scanner import ScanOptions

    statement = [
        *STATEMENT[:2],
        "Statement of: Wenna LOMAX",
        *STATEMENT[3:5],
        "I work as a security officer at Harbourside Hardware.",
        "On Tuesday a man entered the Harbourside Hardware store, 12 Quarry Street, Brackley",
        "and took two drills without paying.",
        "Signed: P LOMAX",
    ]
    bundle = tmp_path / "bundle.pdf"
    bundle.write_bytes(make_pdf([statement], fontsize=9))
    case = Case(
        urn="01XY1234567",
        defendants=(Person("Dominic FARRANT", Role.DEFENDANT),),
        offences=("theft from a shop",),
        complainants=(Person("Wenna LOMAX", Role.WITNESS),),
    )
    report = scanner.scan(bundle, ScanOptions(case=case, redact=False)).report
    [job] = [f for f in report.decisions.findings if f.detection.entity == "OCCUPATION"]
    assert (job.action, job.rule, job.role) == (
        Action.KEEP,
        "keep-workplace-business",
        Role.BUSINESS,
    )
    assert report.decisions.verdict is Verdict.CLEAR
