from __future__ import annotations

from dataclasses import replace

import pytest

from idpc_guard.documents.segment import segment
from idpc_guard.model import (
    Action,
    Case,
    Detection,
    DocumentIssue,
    DocumentKind,
    IssueKind,
    PageText,
    Person,
    Role,
    Severity,
    Source,
    Verdict,
)
from idpc_guard.policy.bundle_checks import check_documents
from idpc_guard.policy.decide import BUSINESS_ADDRESS_RECOGNIZER, decide
from idpc_guard.policy.finalise import finalise
from idpc_guard.policy.loader import load_rules
from idpc_guard.read.extract import extract_bytes
from idpc_guard.read.layout import page_text, span_boxes
from tests.pdfs import make_pdf

PAGES = [
    [
        "MG5",
        "CASE SUMMARY",
        "URN: 05AB1234524",
        "Defendant: Michael Thomas BROWN",
        "Date of birth: 03/02/1990",
        "The victim's neighbour Tom HUGHES called on 07700 900123.",
        "PC 4471 Jane SMITH attended.",
    ],
    ["MG6C", "SCHEDULE OF NON-SENSITIVE UNUSED MATERIAL", "1. 999 call from Tom HUGHES"],
    ["MG11", "WITNESS CONTACT DETAILS", "Mobile: 07700 900456"],
]


def _setup():  # type: ignore[no-untyped-def]
    bundle = extract_bytes(make_pdf(PAGES), "b.pdf")
    texts = tuple(page_text(p) for p in bundle.pages)
    return texts, segment(bundle, texts)


def _det(
    texts: tuple[PageText, ...], page: int, value: str, entity: str, document: int
) -> Detection:
    text = texts[page]
    start = text.text.index(value)
    return Detection(
        entity,
        value,
        page,
        span_boxes(text, start, start + len(value)),
        0.85,
        Source.TEXT,
        "test",
        document,
        start,
        start + len(value),
    )


def test_roles_rules_and_propagation() -> None:
    texts, documents = _setup()
    case = Case(
        urn="05AB1234524",
        defendants=(Person("Michael Thomas BROWN", Role.DEFENDANT, "1990-02-03"),),
    )
    detections = [
        _det(texts, 0, "Michael Thomas BROWN", "PERSON", 0),
        _det(texts, 0, "03/02/1990", "DATE_OF_BIRTH", 0),
        _det(texts, 0, "Tom HUGHES", "PERSON", 0),
        _det(texts, 0, "07700 900123", "PHONE_NUMBER", 0),
        _det(texts, 0, "Jane SMITH", "PERSON", 0),
        _det(texts, 2, "07700 900456", "PHONE_NUMBER", 2),
    ]
    decisions = finalise(decide(detections, documents, texts, case, load_rules(), ()))
    by_value = {(f.detection.page, f.detection.text): f for f in decisions.findings}
    assert by_value[(0, "Michael Thomas BROWN")].action is Action.KEEP
    assert by_value[(0, "03/02/1990")].rule == "keep-defendant-dob"
    assert by_value[(0, "Jane SMITH")].rule == "keep-officer-name"
    assert by_value[(0, "Tom HUGHES")].rule == "redact-third-party-name"
    assert by_value[(0, "07700 900123")].rule == "redact-phone"
    # The neighbour's name on the schedule was not detected there, but it is the same name.
    schedule = by_value[(1, "Tom HUGHES")]
    assert (
        schedule.action is Action.REDACT and schedule.detection.recognizer == "SameValueElsewhere"
    )
    back = by_value[(2, "07700 900456")]
    assert back.rule == "witness-contact-details-page" and back.severity is Severity.CRITICAL
    assert [a.page for a in decisions.page_actions] == [2]
    assert decisions.verdict is Verdict.BLOCK
    ids = [f.id for f in decisions.findings]
    assert ids == [f"F{i:04d}" for i in range(1, len(ids) + 1)]


def test_verdicts() -> None:
    texts, documents = _setup()
    documents = documents[:2]  # no back page
    rules = load_rules()
    case = Case(defendants=(Person("Michael Thomas BROWN", Role.DEFENDANT),))
    kept_only = [_det(texts, 0, "Michael Thomas BROWN", "PERSON", 0)]
    assert finalise(decide(kept_only, documents, texts, case, rules)).verdict is Verdict.CLEAR
    phone = [_det(texts, 0, "07700 900123", "PHONE_NUMBER", 0)]
    assert finalise(decide(phone, documents, texts, case, rules)).verdict is Verdict.REVIEW
    issue = DocumentIssue(IssueKind.FOREIGN_CASE_SUMMARY, 0, (0,), "x")
    assert (
        finalise(decide(kept_only, documents, texts, case, rules, (issue,))).verdict
        is Verdict.BLOCK
    )


def test_business_addresses_are_kept_home_addresses_redacted() -> None:
    pages = [["MG5", "CASE SUMMARY", "Tesco, 5 High Street, Bootle L20 3AB", "2 Mill Lane, Leeds"]]
    bundle = extract_bytes(make_pdf(pages), "b.pdf")
    texts = tuple(page_text(p) for p in bundle.pages)
    documents = segment(bundle, texts)
    shop = _det(texts, 0, "5 High Street, Bootle L20 3AB", "UK_ADDRESS", 0)
    home = _det(texts, 0, "2 Mill Lane, Leeds", "UK_ADDRESS", 0)
    shop = replace(shop, recognizer=BUSINESS_ADDRESS_RECOGNIZER)
    home = replace(home, recognizer="UkAddressRecognizer")
    case = Case(urn="05AB1234524", defendants=(Person("Michael BROWN", Role.DEFENDANT),))
    decisions = finalise(decide([shop, home], documents, texts, case, load_rules(), ()))
    rules = {f.detection.text: f.rule for f in decisions.findings}
    assert rules == {
        "5 High Street, Bootle L20 3AB": "business-premises-address",
        "2 Mill Lane, Leeds": "redact-address",
    }


def test_an_address_marked_as_a_business_once_is_the_business_everywhere() -> None:
    pages = [
        ["MG5", "CASE SUMMARY", "The defendant entered the shop at 5 High Street, Bootle L20 3AB."],
        ["MG11", "WITNESS STATEMENT", "I work at 5 High Street, Bootle L20 3AB as a manager."],
    ]
    bundle = extract_bytes(make_pdf(pages), "b.pdf")
    texts = tuple(page_text(p) for p in bundle.pages)
    documents = segment(bundle, texts)
    value = "5 High Street, Bootle L20 3AB"
    marked = replace(_det(texts, 0, value, "UK_ADDRESS", 0), recognizer=BUSINESS_ADDRESS_RECOGNIZER)
    bare = replace(_det(texts, 1, value, "UK_ADDRESS", 1), recognizer="UkAddressRecognizer")
    case = Case(urn="05AB1234524", defendants=(Person("Michael BROWN", Role.DEFENDANT),))
    decisions = finalise(decide([marked, bare], documents, texts, case, load_rules(), ()))
    assert [f.rule for f in decisions.findings] == ["business-premises-address"] * 2


def test_an_address_given_as_someones_home_is_not_the_business_it_is_elsewhere() -> None:
    value = "5 High Street, Bootle L20 3AB"
    pages = [
        ["MG5", "CASE SUMMARY", f"The defendant entered the shop at {value}."],
        ["MG11", "WITNESS STATEMENT", f"Address: {value}"],
    ]
    bundle = extract_bytes(make_pdf(pages), "b.pdf")
    texts = tuple(page_text(p) for p in bundle.pages)
    documents = segment(bundle, texts)
    marked = replace(_det(texts, 0, value, "UK_ADDRESS", 0), recognizer=BUSINESS_ADDRESS_RECOGNIZER)
    home = replace(_det(texts, 1, value, "UK_ADDRESS", 1), recognizer="UkAddressRecognizer")
    case = Case(urn="05AB1234524", defendants=(Person("Michael BROWN", Role.DEFENDANT),))
    decisions = finalise(decide([marked, home], documents, texts, case, load_rules(), ()))
    assert [f.rule for f in decisions.findings] == ["business-premises-address", "redact-address"]


def test_names_after_a_professional_title_are_professionals() -> None:
    lines = ["I was seen by Dr Helen PRICE.", "My neighbour Tom HUGHES"]
    pages = [["MG11", "WITNESS STATEMENT", *lines]]
    bundle = extract_bytes(make_pdf(pages), "b.pdf")
    texts = tuple(page_text(p) for p in bundle.pages)
    documents = segment(bundle, texts)
    detections = [
        _det(texts, 0, "Helen PRICE", "PERSON", 0),
        _det(texts, 0, "Tom HUGHES", "PERSON", 0),
    ]
    case = Case(urn="05AB1234524", defendants=(Person("Michael BROWN", Role.DEFENDANT),))
    decisions = finalise(decide(detections, documents, texts, case, load_rules(), ()))
    rules = {f.detection.text: f.rule for f in decisions.findings}
    assert rules == {"Helen PRICE": "keep-witness-name", "Tom HUGHES": "redact-third-party-name"}


def test_a_name_written_with_a_doctors_title_is_a_professional() -> None:
    lines = ["Examined by: Dr K. Olawale", "Reviewed by Prof. Ines Marchetti on the ward."]
    pages = [["DISCHARGE SUMMARY", *lines]]
    bundle = extract_bytes(make_pdf(pages), "b.pdf")
    texts = tuple(page_text(p) for p in bundle.pages)
    documents = segment(bundle, texts)
    detections = [
        _det(texts, 0, "Dr K. Olawale", "PERSON", 0),
        _det(texts, 0, "Prof. Ines Marchetti", "PERSON", 0),
    ]
    decisions = finalise(decide(detections, documents, texts, Case(), load_rules(), ()))
    assert {f.rule for f in decisions.findings} == {"keep-witness-name"}


NICKNAME_PAGES = [
    [
        "MG5",
        "CASE SUMMARY",
        "URN: 05AB1234524",
        "Defendant: Michael Thomas BROWN",
        "Known locally as Mick Brown. Seen with Sarah Brown. Later BROWN, Michael ran.",
    ],
]


def test_names_written_another_way_are_placed_or_reviewed() -> None:
    bundle = extract_bytes(make_pdf(NICKNAME_PAGES), "b.pdf")
    texts = tuple(page_text(p) for p in bundle.pages)
    documents = segment(bundle, texts)
    case = Case(defendants=(Person("Michael Thomas BROWN", Role.DEFENDANT),))
    detections = [
        _det(texts, 0, value, "PERSON", 0)
        for value in ("Mick Brown", "Sarah Brown", "BROWN, Michael")
    ]
    decisions = finalise(decide(detections, documents, texts, case, load_rules(), ()))
    by_value = {f.detection.text: f for f in decisions.findings}
    assert by_value["BROWN, Michael"].rule == "keep-defendant-name"
    assert by_value["Mick Brown"].action is Action.REVIEW  # probably him: a person decides
    assert by_value["Sarah Brown"].rule == "redact-third-party-name"


def test_a_form_in_doubt_is_reviewed_not_removed() -> None:
    texts, documents = _setup()
    back = next(d for d in documents if d.kind is DocumentKind.WITNESS_CONTACT_DETAILS)
    rules = load_rules()
    case = Case()
    removed = decide([], documents, texts, case, rules).page_actions
    assert [a.page for a in removed] == list(back.pages)
    doubtful = [replace(d, doubt="only its footer names it") if d is back else d for d in documents]
    issues = check_documents(doubtful, case)
    assert decide([], doubtful, texts, case, rules, issues).page_actions == ()
    (issue,) = [i for i in issues if i.document == back.index]
    assert issue.kind is IssueKind.WITNESS_CONTACT_DETAILS
    assert "may be" in issue.detail and "only its footer names it" in issue.detail
    assert "kept in the redacted copy" in issue.detail


def test_the_defendants_date_of_birth_is_theirs_however_it_is_written() -> None:
    pages = [
        ["CASE SUMMARY", "Accused: Michael BROWN", "Born: 1st November 1990"],
        ["PNC PRINT", "The record shows 01.11.1990 against this entry."],
    ]
    bundle = extract_bytes(make_pdf(pages), "b.pdf")
    texts = tuple(page_text(p) for p in bundle.pages)
    documents = segment(bundle, texts)
    found = [
        _det(texts, 0, "1st November 1990", "DATE_OF_BIRTH", documents[0].index),
        _det(texts, 1, "01.11.1990", "DATE_OF_BIRTH", documents[-1].index),
    ]
    case = Case(urn="05AB1234524", defendants=(Person("Michael BROWN", Role.DEFENDANT),))
    decisions = finalise(decide(found, documents, texts, case, load_rules(), ()))
    assert [f.rule for f in decisions.findings] == ["keep-defendant-dob"] * 2


@pytest.mark.parametrize(
    "line",
    [
        "Legal adviser:\nAnna QUILLER, Abbey Row Solicitors",
        "Present: Anna QUILLER, Abbey Row Solicitors, for the suspect.",
        "The interview was attended by Anna QUILLER (solicitor).",
        "Interpreter: Anna QUILLER",
    ],
)
def test_a_solicitor_or_interpreter_is_a_professional(line: str) -> None:
    pages = [["RECORD OF INTERVIEW", *line.split("\n")]]
    bundle = extract_bytes(make_pdf(pages), "b.pdf")
    texts = tuple(page_text(p) for p in bundle.pages)
    documents = segment(bundle, texts)
    found = [_det(texts, 0, "Anna QUILLER", "PERSON", documents[0].index)]
    case = Case(urn="05AB1234524", defendants=(Person("Michael BROWN", Role.DEFENDANT),))
    decisions = finalise(decide(found, documents, texts, case, load_rules(), ()))
    assert [f.rule for f in decisions.findings] == ["keep-witness-name"]


@pytest.mark.parametrize(
    ("lines", "role"),
    [
        (["Yours sincerely,", "Anna QUILLER", "Housing Officer (Tenancy Support)",
          "Penwith Council"], Role.PROFESSIONAL),
        (["Yours faithfully,", "Anna QUILLER", "Senior Social Worker"], Role.PROFESSIONAL),
        (["Kind regards", "Anna QUILLER", "Safeguarding Lead Practitioner"], Role.PROFESSIONAL),
        # Not a job on the next line: a person with no part in the case.
        (["I was with my friend", "Anna QUILLER", "who saw it too."], Role.THIRD_PARTY),
        # A field in a letter of no known kind: whose name it is, a person decides.
        (["Name: Anna QUILLER", "Occupation: Nurse"], Role.UNKNOWN),
    ],
)  # fmt: skip
def test_a_letters_signatory_with_a_job_is_a_professional(lines: list[str], role: Role) -> None:
    pages = [["LETTER", *lines]]
    bundle = extract_bytes(make_pdf(pages), "b.pdf")
    texts = tuple(page_text(p) for p in bundle.pages)
    documents = segment(bundle, texts)
    found = [_det(texts, 0, "Anna QUILLER", "PERSON", documents[0].index)]
    case = Case(urn="05AB1234524", defendants=(Person("Michael BROWN", Role.DEFENDANT),))
    decisions = finalise(decide(found, documents, texts, case, load_rules(), ()))
    assert [f.role for f in decisions.findings] == [role]


def test_a_professional_named_by_their_work_once_is_that_professional_when_named_bare() -> None:
    lines = ["Legal adviser: Ben QUILLER, Abbey Row Solicitors", "QUILLER", "I have advised him."]
    bundle = extract_bytes(make_pdf([["RECORD OF INTERVIEW", *lines]]), "b.pdf")
    texts = tuple(page_text(p) for p in bundle.pages)
    documents = segment(bundle, texts)
    full = _det(texts, 0, "Ben QUILLER", "PERSON", documents[0].index)
    text = texts[0].text
    start = text.index("QUILLER", text.index("Solicitors"))
    bare = replace(full, text="QUILLER", start=start, end=start + 7)
    case = Case(urn="05AB1234524", defendants=(Person("Michael BROWN", Role.DEFENDANT),))
    decisions = finalise(decide([full, bare], documents, texts, case, load_rules(), ()))
    assert [f.action for f in decisions.findings] == [Action.KEEP, Action.KEEP]


@pytest.mark.parametrize(
    ("heading", "lines", "role"),
    [
        # A document of no known kind (a letter, a report, a judgment): a name the case
        # does not know is a third party's only where the text ties them to someone.
        ("LETTER", ["Her neighbour, Anna QUILLER, also complained."], Role.THIRD_PARTY),
        ("LETTER", ["A complaint came from Anna QUILLER, her sister-in-law."], Role.THIRD_PARTY),
        ("REPORT", ["I spoke to the caller, Anna QUILLER, at 10pm."], Role.THIRD_PARTY),
        ("LETTER", ["Anna QUILLER", "has been a tenant since 2019."], Role.UNKNOWN),
        ("REPORT", ["The panel was chaired by Anna QUILLER in 2021."], Role.UNKNOWN),
        # In the police's own documents an unknown name is someone with no part in it.
        ("WITNESS STATEMENT", ["I then saw Anna QUILLER leave the shop."], Role.THIRD_PARTY),
        ("CASE SUMMARY", ["Anna QUILLER was also present."], Role.THIRD_PARTY),
    ],
)  # fmt: skip
def test_an_unknown_name_in_a_document_of_no_known_kind_is_for_review(
    heading: str, lines: list[str], role: Role
) -> None:
    bundle = extract_bytes(make_pdf([[heading, *lines]]), "b.pdf")
    texts = tuple(page_text(p) for p in bundle.pages)
    documents = segment(bundle, texts)
    found = [_det(texts, 0, "Anna QUILLER", "PERSON", documents[0].index)]
    case = Case(urn="05AB1234524", defendants=(Person("Michael BROWN", Role.DEFENDANT),))
    decisions = finalise(decide(found, documents, texts, case, load_rules(), ()))
    assert [f.role for f in decisions.findings] == [role]
    expected = {Role.THIRD_PARTY: Action.REDACT, Role.UNKNOWN: Action.REVIEW}[role]
    assert [f.action for f in decisions.findings] == [expected]


@pytest.mark.parametrize(
    ("lines", "role"),
    [
        # A letter about the defendant is the case's material: a stranger in it goes.
        (["Re: Michael BROWN", "Anna QUILLER", "has been a tenant since 2019."], Role.THIRD_PARTY),
        # The same letter about no one the case knows: a person decides.
        (["Re: Carl DENT", "Anna QUILLER", "has been a tenant since 2019."], Role.UNKNOWN),
    ],
)  # fmt: skip
def test_a_document_of_no_known_kind_that_names_the_case_people_is_case_material(
    lines: list[str], role: Role
) -> None:
    bundle = extract_bytes(make_pdf([["LETTER", *lines]]), "b.pdf")
    texts = tuple(page_text(p) for p in bundle.pages)
    documents = segment(bundle, texts)
    index = documents[0].index
    found = [
        _det(texts, 0, lines[0][4:], "PERSON", index),
        _det(texts, 0, "Anna QUILLER", "PERSON", index),
    ]
    case = Case(urn="05AB1234524", defendants=(Person("Michael BROWN", Role.DEFENDANT),))
    decisions = finalise(decide(found, documents, texts, case, load_rules(), ()))
    by_text = {f.detection.text: f.role for f in decisions.findings}
    assert by_text["Anna QUILLER"] is role
