from __future__ import annotations

import pytest

from idpc_guard.documents.segment import segment
from idpc_guard.model import DocumentKind
from idpc_guard.read.extract import extract_bytes
from idpc_guard.read.layout import page_text
from tests.pdfs import make_pdf

MG5 = [
    "RESTRICTED (when complete)  MG5",
    "POLICE REPORT - CASE SUMMARY",
    "URN: 05AB1234524",
    "Defendant: Michael Thomas BROWN",
    "Charge: Burglary dwelling, on 14/06/2026",
]
MG5_P2 = [
    "RESTRICTED (when complete)  MG5",
    "POLICE REPORT - CASE SUMMARY",
    "Page 2 of 2",
    "More narrative.",
]
MG11 = [
    "RESTRICTED (when complete)  MG11",
    "WITNESS STATEMENT",
    "URN: 05AB1234524",
    "Statement of: Sarah PATEL",
    "Body text.",
]
MG11_T = ["MG11 (T)", "Page 2 of 2", "Statement of: Sarah PATEL", "More body text."]
BACK = ["RESTRICTED (when complete)  MG11", "WITNESS CONTACT DETAILS", "Home address:"]
MG6C = ["RESTRICTED (when complete)  MG6C", "POLICE SCHEDULE OF NON-SENSITIVE UNUSED MATERIAL"]
MG6D = ["MG6D", "POLICE SCHEDULE OF SENSITIVE UNUSED MATERIAL"]
OTHER_MG5 = ["MG5", "CASE SUMMARY", "URN: 01ZZ9999923", "Defendant: Someone ELSE"]


def _docs(*pages: list[str]):  # type: ignore[no-untyped-def]
    bundle = extract_bytes(make_pdf(pages), "b.pdf")
    return segment(bundle, tuple(page_text(p) for p in bundle.pages))


def test_a_typical_bundle_splits_into_its_documents() -> None:
    docs = _docs(MG5, MG5_P2, MG11, MG11_T, BACK, MG11, MG6C, MG6D)
    assert [(d.kind, d.pages) for d in docs] == [
        (DocumentKind.CASE_SUMMARY, (0, 1)),
        (DocumentKind.WITNESS_STATEMENT, (2, 3)),
        (DocumentKind.WITNESS_CONTACT_DETAILS, (4,)),
        (DocumentKind.WITNESS_STATEMENT, (5,)),
        (DocumentKind.UNUSED_MATERIAL_SCHEDULE, (6,)),
        (DocumentKind.NOT_DISCLOSABLE, (7,)),
    ]
    assert docs[0].fields.urn == "05AB1234524"
    assert docs[0].fields.names == ("Michael Thomas BROWN",)
    assert docs[1].fields.witness == "Sarah PATEL"
    assert docs[0].title.startswith("MG5")


def test_a_summary_with_another_urn_is_a_separate_document() -> None:
    docs = _docs(MG5, OTHER_MG5)
    assert [d.pages for d in docs] == [(0,), (1,)]
    assert docs[1].fields.urn == "01ZZ9999923"


def test_page_without_header_continues_the_previous_document() -> None:
    docs = _docs(MG11, ["just more words of the statement"])
    assert [d.pages for d in docs] == [(0, 1)]


def test_first_page_without_header_is_other() -> None:
    docs = _docs(["a page with nothing recognisable"])
    assert docs[0].kind is DocumentKind.OTHER


# Classification by what a page is, not by what it mentions.

SCHEDULE_SPACED = ["OFFICIAL", "MG 6 C", "POLICE SCHEDULE OF NON-SENSITIVE UNUSED MATERIAL"]
SENSITIVE_SPACED = ["OFFICIAL", "MG 6 D", "POLICE SCHEDULE OF SENSITIVE MATERIAL"]
MENTIONS_SENSITIVE = [
    "R v Hallow and another",
    "Judgment",
    "1. The trial judge was told that the prosecution held a schedule of sensitive unused",
    "material (MG6D) which the officer in the case had prepared, and that a further",
    "schedule of sensitive material would not be disclosed to the defence in any form.",
    "2. The appeal turns on whether that schedule should have been reviewed again.",
]
CONTENTS = [
    "Contents",
    "1. Case summary (MG5) ........ 2",
    "2. Witness statement of the complainant ........ 3",
    "3. Schedule of sensitive unused material (MG6D) ........ 6",
    "4. Witness contact details ........ 7",
]
NUMBERED_INDEX = [
    "Prosecution bundle",
    "1. MG5 case summary",
    "2. MG11 statement of the first witness",
    "3. Record of taped interview",
    "4. MG6D schedule of sensitive material",
]


def _kinds_of(*pages: list[str]) -> list[DocumentKind]:
    return [d.kind for d in _docs(*pages)]


def test_the_schedules_are_told_apart_by_their_own_heading() -> None:
    assert _kinds_of(SCHEDULE_SPACED, SENSITIVE_SPACED) == [
        DocumentKind.UNUSED_MATERIAL_SCHEDULE,
        DocumentKind.NOT_DISCLOSABLE,
    ]
    # An MG6 code read without its letter does not outweigh the heading either way.
    bare = ["MG 6", "SCHEDULE OF NON-SENSITIVE UNUSED MATERIAL"]
    assert _kinds_of(bare) == [DocumentKind.UNUSED_MATERIAL_SCHEDULE]


def test_a_page_that_mentions_a_form_is_not_that_form() -> None:
    docs = _docs(MENTIONS_SENSITIVE, CONTENTS, NUMBERED_INDEX)
    assert DocumentKind.NOT_DISCLOSABLE not in [d.kind for d in docs]
    assert DocumentKind.WITNESS_CONTACT_DETAILS not in [d.kind for d in docs]
    assert [d.kind for d in docs[1:]] == [DocumentKind.OTHER, DocumentKind.OTHER]


def test_a_typed_form_mark_is_not_a_continuation() -> None:
    first = ["MG11(T)", "WITNESS STATEMENT", "Statement of: Anna FERN", "Page 1 of 1"]
    second = ["MG11(T)", "WITNESS STATEMENT", "Statement of: Ben ROWE", "Page No. 1 of 1"]
    assert [d.pages for d in _docs(first, second)] == [(0,), (1,)]


def test_a_title_and_code_that_disagree_are_in_doubt() -> None:
    page = ["RESTRICTED  MG3", "WITNESS STATEMENT", "Statement of: Anna FERN"]
    (doc,) = _docs(page)
    assert doc.kind is DocumentKind.NOT_DISCLOSABLE
    assert "disagree" in doc.doubt
    low = [
        "Some form",
        "Reference 123",
        "Officer: PC 12 Lane",
        "Date: 01/01/2026",
        "Unit: 4",
        "Station: Northgate",
        "NOT DISCLOSABLE",
    ]
    (doc,) = _docs(low)
    assert doc.kind is DocumentKind.NOT_DISCLOSABLE
    assert "not at the top" in doc.doubt
    (doc,) = _docs(["A page", "of", "a", "form", "whose", "code", "MG10", "comes late"])
    assert doc.kind is DocumentKind.NOT_DISCLOSABLE
    assert "not at the top" in doc.doubt
    certain = ["RESTRICTED - NOT DISCLOSABLE", "MG10", "WITNESS NON-AVAILABILITY"]
    assert _docs(certain)[0].doubt == ""


# Boundaries from evidence, in documents with no form code.

STATEMENT_A = [
    "STATEMENT OF WITNESS",
    "I, Oliver Marsh, make this statement believing it to be true.",
    "On the evening in question I was at home.",
    "Signed: O Marsh",
]
STATEMENT_A2 = ["and I heard the door go at about ten.", "Signed: O Marsh"]
STATEMENT_B = [
    "STATEMENT OF WITNESS",
    "I, Priya Lund, make this statement believing it to be true.",
    "I work at the corner shop.",
]
LETTER = [
    "Northgate Surgery",
    "14 High Street",
    "Dear Sir or Madam,",
    "Re: your request for records",
    "Yours faithfully,",
    "Dr K Holt",
]
EMAIL = [
    "From: case.officer@example.police.uk",
    "To: reviewer@example.gov.uk",
    "Subject: outstanding exhibits",
    "Please find the list attached.",
]
NOTEBOOK = ["POCKET NOTEBOOK ENTRY - PC 1402 ROSS", "0910 hrs attended the address."]
NOTEBOOK_2 = ["POCKET NOTEBOOK ENTRY - PC 1402 ROSS", "1030 hrs left the scene."]
NOTEBOOK_OTHER = ["POCKET NOTEBOOK ENTRY - PC 77 WEBB", "1100 hrs arrived at the station."]


def test_statements_letters_emails_and_notes_are_separate_documents() -> None:
    docs = _docs(
        STATEMENT_A,
        STATEMENT_A2,
        STATEMENT_B,
        LETTER,
        ["more of nothing"],
        EMAIL,
        NOTEBOOK,
        NOTEBOOK_2,
        NOTEBOOK_OTHER,
    )
    assert [(d.kind, d.pages) for d in docs] == [
        (DocumentKind.WITNESS_STATEMENT, (0, 1)),
        (DocumentKind.WITNESS_STATEMENT, (2,)),
        (DocumentKind.OTHER, (3,)),
        (DocumentKind.OTHER, (4,)),  # after "Yours faithfully" the letter has ended
        (DocumentKind.OTHER, (5,)),
        (DocumentKind.OTHER, (6, 7)),  # the same running heading: one notebook
        (DocumentKind.OTHER, (8,)),
    ]


def test_a_letter_opening_after_a_signed_statement_starts_a_document() -> None:
    signed = [
        "STATEMENT",
        "I, Oliver Marsh, make this statement.",
        "Signed: O Marsh",
        "Dated: today",
    ]
    letter = ["Holt and Sons", "2 Mill Lane", "Dear Officer,", "Thank you for your letter"]
    after_signature = ["R v Marsh", "Judgment", "1. This appeal concerns a conviction"]
    docs = _docs(signed, letter, signed, after_signature)
    assert [d.pages for d in docs] == [(0,), (1,), (2,), (3,)]
    assert [d.kind for d in docs][1::2] == [DocumentKind.OTHER, DocumentKind.OTHER]


def test_a_numbered_schedule_is_not_a_contents_page() -> None:
    schedule = [
        "Non-sensitive unused material",
        "1. Custody record",
        "2. Custody record",
        "3. Call log",
        "4. Notebook",
        "5. CCTV",
    ]
    assert _kinds_of(schedule) == [DocumentKind.UNUSED_MATERIAL_SCHEDULE]


def test_the_same_heading_over_another_witness_starts_a_document() -> None:
    one = ["WITNESS STATEMENT", "Statement of: Anna FERN", "Body."]
    other = ["WITNESS STATEMENT", "Statement of: Ben ROWE", "Body."]
    summary = ["CASE SUMMARY", "Defendant: Carl DEAN", "Narrative."]
    summary_2 = ["CASE SUMMARY", "Defendant: Carl DEAN", "More narrative."]
    summary_other = ["CASE SUMMARY", "Defendant: Dora ELLIS", "Narrative."]
    docs = _docs(one, other, summary, summary_2, summary_other)
    assert [d.pages for d in docs] == [(0,), (1,), (2, 3), (4,)]


@pytest.mark.parametrize(
    "header",
    [
        ["CONFIDENTIAL - FOR THE PROSECUTOR ONLY", "Not to be disclosed to the defence."],
        ["NOT FOR DISCLOSURE", "Note to reviewing lawyer"],
        ["Officer's note - do not serve", "Information for the CPS only."],
    ],
)
def test_a_note_headed_not_to_be_disclosed_is_not_disclosable(header: list[str]) -> None:
    body = ["The witness is abroad in June and asks that the trial is not listed then."]
    assert _kinds_of([*header, *body]) == [DocumentKind.NOT_DISCLOSABLE]


def test_a_statement_asking_that_an_address_is_not_disclosed_is_a_statement() -> None:
    page = [
        "WITNESS STATEMENT",
        "Statement of: Tamsin ORME",
        "I saw the man run from the shop. I followed him to the bus stop.",
        "I ask that my address is not disclosed to the defendant.",
    ]
    assert _kinds_of(page) == [DocumentKind.WITNESS_STATEMENT]


def test_a_note_that_mentions_a_charge_is_not_a_charge_sheet() -> None:
    note = ["DEFENCE CASE NOTE", "Client was charged with wounding", "Instructions taken."]
    assert _kinds_of(note) == [DocumentKind.OTHER]
    assert _kinds_of(["CHARGE(S)", "URN: 05AB1234524"]) == [DocumentKind.CHARGE_SHEET]
    assert _kinds_of(["You are charged with the offence below"]) == [DocumentKind.CHARGE_SHEET]


def test_a_page_that_only_follows_a_removed_form_is_in_doubt() -> None:
    plain = ["The meeting was attended by the two officers and the solicitor."]
    docs = _docs(MG6D, plain, plain, MG5)
    assert [(d.kind, d.pages, bool(d.doubt)) for d in docs] == [
        (DocumentKind.NOT_DISCLOSABLE, (0,), False),
        (DocumentKind.NOT_DISCLOSABLE, (1, 2), True),
        (DocumentKind.CASE_SUMMARY, (3,), False),
    ]
    # A page count says the page is the form's next page: no doubt.
    counted = [["MG6D", "SCHEDULE OF SENSITIVE MATERIAL", "Page 1 of 2"], ["Page 2 of 2"]]
    assert [(d.pages, d.doubt) for d in _docs(*counted)] == [((0, 1), "")]


@pytest.mark.parametrize(
    "account",
    [
        ["DS 2089 Ysolde MARRACK", "17 May 2031", "I am a detective sergeant based at Truro.",
         "On 16 May I interviewed the complainant. I then went to the defendant's home",
         "and I arrested him.", "I believe the contents of this statement to be true.",
         "Signed: DS 2089 Ysolde MARRACK"],
        ["Jory PENROSE - 3 June 2031", "I live near the park and I walk my dog there daily.",
         "I saw two men fighting. I called the police.",
         "This statement is true to the best of my knowledge and belief."],
    ],
)  # fmt: skip
def test_an_account_after_a_back_page_starts_a_statement(account: list[str]) -> None:
    back = [
        "Witness contact details",
        "Home address: 4 Mill Lane, Truro TR1 1AA",
        "Home telephone: 01632 960001",
        "Mobile: 07700 900001",
        "Email address: a@example.com",
    ]
    docs = _docs(back, account)
    assert [(d.kind, d.pages, d.doubt) for d in docs] == [
        (DocumentKind.WITNESS_CONTACT_DETAILS, (0,), ""),
        (DocumentKind.WITNESS_STATEMENT, (1,), ""),
    ]
    # A page of the form's own sort (no account) stays in doubt.
    rest = ["Dates of non-availability: none", "Preferred contact: mobile"]
    assert [bool(d.doubt) for d in _docs(back, rest)] == [False, True]


def test_a_sentence_about_an_ending_does_not_end_a_document() -> None:
    page_1 = ["RECORD OF TAPED INTERVIEW", "Q: Anything else?", "At the end of the interview"]
    page_2 = ["he was returned to his cell.", "Interview concluded at 1432."]
    after = ["a page with nothing recognisable"]
    docs = _docs(page_1, page_2, after)
    assert [(d.kind, d.pages) for d in docs] == [
        (DocumentKind.INTERVIEW_RECORD, (0, 1)),
        (DocumentKind.OTHER, (2,)),
    ]


def test_a_title_that_names_no_kind_still_starts_a_document() -> None:
    report_1 = ["EXPERT REPORT OF DR ANNA FERN", "1. INTRODUCTION", "I was asked to examine."]
    report_2 = ["Statement of truth", "I confirm this is my own work.", "Page 2"]
    call = ["Transcript of 999 call - exhibit AB/1", "Operator: Which service?"]
    call_2 = ["Transcript of 999 call - exhibit AB/1", "Caller: Police."]
    prose = ["The report was sent on."]
    docs = _docs(MG5, report_1, report_2, call, call_2, prose)
    assert [(d.kind, d.pages) for d in docs] == [
        (DocumentKind.CASE_SUMMARY, (0,)),
        (DocumentKind.OTHER, (1, 2)),  # "Page 2": the report's next page
        (DocumentKind.OTHER, (3, 4, 5)),  # a running head, then a line of prose
    ]


def test_a_text_exhibit_is_not_an_exhibit_image() -> None:
    words = " ".join(["message"] * 12)
    page = ["Exhibit AB/2: messages between two phones", *[words] * 12]
    assert _kinds_of(page) == [DocumentKind.OTHER]


@pytest.mark.parametrize(
    "title",
    ["POLICE SUMMARY OF EVIDENCE", "Summary of the prosecution case", "Prosecution summary"],
)
def test_a_summary_under_another_title_is_a_case_summary(title: str) -> None:
    page = [title, "URN:", "05AB1234524", "Accused:", "VALE, Corin", "PNC ID:", "91/647285R"]
    assert _kinds_of(page) == [DocumentKind.CASE_SUMMARY]


def test_a_statement_that_opens_with_my_name_is_starts_a_document() -> None:
    back = ["Witness contact details (MG11 back page)", "Home address: 4 Mill Lane, Truro"]
    statement = ["Nia ROWE", "9 April 2025", "My name is Nia Rowe. I live in Truro.", "I saw it."]
    assert [d.pages for d in _docs(back, statement)] == [(0,), (1,)]


def test_a_bundle_that_numbers_its_own_pages_does_not_join_documents_by_number() -> None:
    first = ["- 1 -", "WITNESS STATEMENT", "Full name", "Nia ROWE", "I saw the car."]
    second = ["- 2 -", "Witness statement", "Full name", "Owain REECE", "I heard a bang."]
    third = ["- 3 -", "STATEMENT OF WITNESS", "Name:", "Tamsin ORME", "I called 999."]
    assert [d.pages for d in _docs(first, second, third)] == [(0,), (1,), (2,)]


def test_a_documents_own_page_numbers_still_join_its_pages() -> None:
    first = ["WITNESS STATEMENT", "Statement of: Nia ROWE", "I saw the car.", "Page 1"]
    second = ["I then went home and rang my sister.", "Page 2"]
    other = ["WITNESS STATEMENT", "Statement of: Owain REECE", "I heard it.", "Page 1"]
    assert [d.pages for d in _docs(first, second, other)] == [(0, 1), (2,)]


@pytest.mark.parametrize(
    "heading",
    [
        "TRANSCRIPT OF RECORDED INTERVIEW",
        "Transcript of a video recorded interview",
        "TRANSCRIPT OF AUDIO-RECORDED INTERVIEW WITH SUSPECT",
    ],
)
def test_an_interview_transcript_after_a_notebook_is_its_own_record(heading: str) -> None:
    notebook = [
        "TRANSCRIPT OF POCKET NOTEBOOK ENTRIES",
        "Officer: PC 1234 Amy LOWE",
        "2118 Arrived.",
    ]
    interview = [heading, "Interviewee: Carl DENT", "Q Is this your phone?", "A Yes."]
    docs = _docs(notebook, interview)
    assert [(d.kind, d.pages) for d in docs] == [
        (DocumentKind.OTHER, (0,)),
        (DocumentKind.INTERVIEW_RECORD, (1,)),
    ]


def test_a_custody_record_number_in_a_charge_header_does_not_make_it_a_custody_record() -> None:
    charge = [
        "Northshire Police",
        "Custody record 417 220 0318",
        "CHARGE",
        "Carl DENT, you are charged with the following offence:",
    ]
    custody = ["CUSTODY RECORD", "Detained person: Carl DENT", "Time of arrest: 14:05"]
    assert [d.kind for d in _docs(charge)] == [DocumentKind.CHARGE_SHEET]
    assert [d.kind for d in _docs(custody)] == [DocumentKind.OTHER]
