"""Owners of identifiers, read from field blocks, the document's subject and grammar."""

from __future__ import annotations

import pytest

from idpc_guard.model import (
    Box,
    Detection,
    Document,
    DocumentFields,
    DocumentKind,
    Entity,
    PageText,
    Role,
    Source,
)
from idpc_guard.policy.owners import field_blocks, owners

DEFENDANT = "Corwin Aldous PELLINGHAM"
VICTIM = "Maris TRELAWNEY"


def _name_role(name: str) -> Role:
    words = {w.strip(",.").casefold() for w in name.split()}
    if "pellingham" in words:
        return Role.DEFENDANT
    if "trelawney" in words:
        return Role.VICTIM
    return Role.UNKNOWN


def _detect(text: str, value: str, entity: Entity, nth: int = 0, page: int = 0) -> Detection:
    start = -1
    for _ in range(nth + 1):
        start = text.index(value, start + 1)
    return Detection(
        entity.value,
        value,
        page,
        (Box(0, 0, 1, 1),),
        0.9,
        Source.TEXT,
        "test",
        0,
        start,
        start + len(value),
    )


def _owner_roles(
    text: str,
    values: list[tuple[str, Entity]],
    kind: DocumentKind = DocumentKind.CASE_SUMMARY,
    fields: DocumentFields | None = None,
) -> list[Role | None]:
    detections = [_detect(text, value, entity) for value, entity in values]
    names = [d for d in (DEFENDANT, VICTIM) if d in text]
    people = [_detect(text, n, Entity.PERSON) for n in names]
    found = owners(
        [*detections, *people],
        [Document(0, kind, "", (0,), fields or DocumentFields())],
        [PageText(0, text, (), ())],
        [DEFENDANT],
        _name_role,
    )
    return [(o.role if (o := found.get((d.page, d.start, d.end))) else None) for d in detections]


ADDRESS = "14 Quillon Terrace, Ashbury AB3 9QX"
PHONE = "07700 900461"
DOB = "03/04/1988"


@pytest.mark.parametrize(
    "layout",
    [
        # label and value on one line
        f"URN: 12AB3456789\nDefendant: {DEFENDANT}\nDate of birth: {DOB}\n"
        f"Home address: {ADDRESS}\nTel: {PHONE}\nOffence charged: theft\n",
        # a table read row by row: each label alone on its line, its value on the next
        f"URN\n12AB3456789\nDefendant\n{DEFENDANT}\nDOB\n{DOB}\nAddress\n{ADDRESS}\n"
        f"Mobile\n{PHONE}\nOffence(s) charged\nTheft\n",
        # the address wrapped over lines, fields in capitals, a name label with a role word
        f"NAME OF ACCUSED: {DEFENDANT}\nD.O.B.: {DOB}\nADDRESS:\n14 Quillon Terrace\n"
        f"Ashbury\nAB3 9QX\nTELEPHONE NO: {PHONE}\n",
        # labels of prose forms: "Accused", "Born", "Resides at", each above its value
        f"CASE SUMMARY\nAccused\nPELLINGHAM, Corwin Aldous\nBorn\n{DOB}\nResides at\n{ADDRESS}\n"
        f"Mobile\n{PHONE}\n",
        # a charge sheet: "Surname / forename(s) SURNAME, Given", values one space after
        f"CHARGE(S)\nSurname / forename(s) PELLINGHAM, Corwin Aldous\nDate of birth {DOB}\n"
        f"Address\n{ADDRESS}\nTelephone {PHONE}\n",
    ],
)
def test_particulars_under_a_defendant_label_are_the_defendants(layout: str) -> None:
    address = ADDRESS if ADDRESS in layout else "14 Quillon Terrace\nAshbury"
    roles = _owner_roles(
        layout,
        [(address, Entity.UK_ADDRESS), (PHONE, Entity.PHONE_NUMBER), (DOB, Entity.DATE_OF_BIRTH)],
    )
    assert roles == [Role.DEFENDANT] * 3


def test_a_victims_block_and_a_defendants_block_on_one_page_are_told_apart() -> None:
    other_phone = "07700 900872"
    text = (
        f"Defendant: {DEFENDANT}\nTel: {PHONE}\n"
        f"Victim: {VICTIM}\nAddress: {ADDRESS}\nTel: {other_phone}\n"
    )
    roles = _owner_roles(
        text,
        [
            (PHONE, Entity.PHONE_NUMBER),
            (ADDRESS, Entity.UK_ADDRESS),
            (other_phone, Entity.PHONE_NUMBER),
        ],
    )
    assert roles == [Role.DEFENDANT, Role.VICTIM, Role.VICTIM]


def test_a_label_word_starting_prose_does_not_carry_the_block_on() -> None:
    text = f"Defendant: {DEFENDANT}\nTel: {PHONE}\nAddress of the shop was given as {ADDRESS}.\n"
    roles = _owner_roles(text, [(PHONE, Entity.PHONE_NUMBER), (ADDRESS, Entity.UK_ADDRESS)])
    assert roles == [Role.DEFENDANT, None]


def test_a_block_ends_at_a_field_that_is_not_a_particular() -> None:
    text = (
        f"Defendant: {DEFENDANT}\nDOB: {DOB}\nSummary of evidence\n"
        f"The caller rang from {PHONE} to report a noise.\n"
    )
    assert _owner_roles(text, [(DOB, Entity.DATE_OF_BIRTH), (PHONE, Entity.PHONE_NUMBER)]) == [
        Role.DEFENDANT,
        None,
    ]


def test_a_plain_name_label_takes_the_role_of_the_person_named() -> None:
    text = f"NAME: PELLINGHAM, CORWIN\nDATE OF BIRTH: {DOB}  PLACE OF BIRTH: ASHBURY\n"
    assert _owner_roles(text, [(DOB, Entity.DATE_OF_BIRTH)]) == [Role.DEFENDANT]
    stranger = f"Name: Ottilie FARNSWORTH\nAddress: {ADDRESS}\n"
    assert _owner_roles(stranger, [(ADDRESS, Entity.UK_ADDRESS)]) == [None]


def test_a_pnc_print_of_the_defendant_is_about_the_defendant() -> None:
    text = f"CONVICTIONS\nLAST SEEN AT {ADDRESS}\n"
    of_defendant = DocumentFields(names=("PELLINGHAM, CORWIN",))
    of_someone_else = DocumentFields(names=("FARNSWORTH, OTTILIE",))
    kind = DocumentKind.PREVIOUS_CONVICTIONS
    assert _owner_roles(text, [(ADDRESS, Entity.UK_ADDRESS)], kind, of_defendant) == [
        Role.DEFENDANT
    ]
    assert _owner_roles(text, [(ADDRESS, Entity.UK_ADDRESS)], kind, of_someone_else) == [None]


@pytest.mark.parametrize(
    "sentence",
    [
        f"The messages came from the defendant's mobile number, {PHONE}, on each occasion.",
        f"The accused's own phone ({PHONE}) was seized.",
        f"The defendant sent 40 texts from his own number {PHONE} that night.",
        f"{DEFENDANT} then called her from his mobile, {PHONE}.",
        f"A phone, {PHONE}, which is registered to the defendant, was found.",
        # "his own" is the subject's, whoever is named between
        f"The defendant sent texts to the victim's mobile, 07700 900999, from his own number "
        f"{PHONE}, many of them abusive.",
    ],
)
def test_grammar_names_the_defendants_phone(sentence: str) -> None:
    text = f"Summary\n{sentence}\n"
    assert _owner_roles(text, [(PHONE, Entity.PHONE_NUMBER)]) == [Role.DEFENDANT]


@pytest.mark.parametrize(
    "sentence",
    [
        f"The victim said the defendant rang her mobile, {PHONE}, twelve times.",
        f"The defendant called the victim, who gave her number as {PHONE}.",
        f"The defendant shouted at {VICTIM}, who rang 999 from her mobile {PHONE}.",
        f"Her mother's number is {PHONE}.",
        f"The caller left his number, {PHONE}.",
        f"The victim told the defendant to stop and rang from her own mobile, {PHONE}.",
    ],
)
def test_grammar_does_not_give_the_defendant_someone_elses_phone(sentence: str) -> None:
    text = f"Summary\n{sentence}\n"
    assert _owner_roles(text, [(PHONE, Entity.PHONE_NUMBER)]) == [None]


def test_the_vehicle_the_defendant_was_driving_is_the_defendants() -> None:
    plate = "KX19 VTR"
    text = f"At 23:10 the defendant was seen driving a grey Vauxhall Astra, {plate}, on the A56."
    assert _owner_roles(text, [(plate, Entity.VEHICLE_REGISTRATION)]) == [Role.DEFENDANT]
    other = f"The defendant was driving when the victim's car, {plate}, pulled out."
    assert _owner_roles(other, [(plate, Entity.VEHICLE_REGISTRATION)]) == [Role.VICTIM]


@pytest.mark.parametrize(
    "text",
    [
        "Officers saw a blue Ford Fiesta, registration {plate}, go through a red light. "
        "The driver, Corwin PELLINGHAM, failed a roadside breath test.",
        "A van ({plate}) was stopped on the M6.\nIts driver was identified as the defendant.",
        "The vehicle, {plate}, mounted the kerb and hit a wall. The driver was the defendant.",
    ],
)
def test_the_vehicle_whose_driver_the_narrative_names_as_the_defendant(text: str) -> None:
    plate = "KX19 VTR"
    text = text.format(plate=plate)
    assert _owner_roles(text, [(plate, Entity.VEHICLE_REGISTRATION)]) == [Role.DEFENDANT]


@pytest.mark.parametrize(
    "text",
    [
        "The victim's car, {plate}, was parked outside. The driver, Corwin PELLINGHAM, hit it.",
        "A taxi, {plate}, was behind. A grey Audi, BD51 SMR, overtook; the driver was the "
        "defendant.",
        "A lorry, {plate}, stopped. The driver, Mrs Maris TRELAWNEY, gave a statement.",
        "A car, {plate}, was seen.\n\nThe driver of the other car was the defendant.",
    ],
)
def test_a_vehicle_with_someone_else_or_another_vehicle_before_the_driver_is_not_placed(
    text: str,
) -> None:
    plate = "KX19 VTR"
    text = text.format(plate=plate)
    # No one's, or the victim's where the sentence says so: never the defendant's.
    assert _owner_roles(text, [(plate, Entity.VEHICLE_REGISTRATION)]) in ([None], [Role.VICTIM])


@pytest.mark.parametrize(
    ("text", "kind", "role"),
    [
        (
            "A PNC check showed the registered keeper of {plate} to be the defendant, "
            "{defendant}, of 4 Mill Lane.",
            DocumentKind.CASE_SUMMARY,
            Role.DEFENDANT,
        ),
        (
            "A vehicle check on {plate} gave its registered keeper as {defendant}.",
            DocumentKind.WITNESS_STATEMENT,
            Role.DEFENDANT,
        ),
        (
            "The van, {plate}, is registered to {defendant}.",
            DocumentKind.CASE_SUMMARY,
            Role.DEFENDANT,
        ),
        (
            "Q\nAre you the registered keeper of the silver Astra, registration {plate}?\nA\nYes.",
            DocumentKind.INTERVIEW_RECORD,
            Role.DEFENDANT,
        ),
        # Someone else's vehicle, or a question put to a witness.
        (
            "The registered keeper of {plate} is the victim's mother, {victim}.",
            DocumentKind.CASE_SUMMARY,
            None,
        ),
        (
            "The keeper of {plate} is {victim}; the defendant was seen near it.",
            DocumentKind.CASE_SUMMARY,
            None,
        ),
        (
            "Q\nAre you the registered keeper of the silver Astra, registration {plate}?",
            DocumentKind.WITNESS_STATEMENT,
            None,
        ),
    ],
)
def test_the_vehicle_whose_keeper_is_the_defendant(
    text: str, kind: DocumentKind, role: Role | None
) -> None:
    plate = "KX19 VTR"
    text = text.format(plate=plate, defendant=DEFENDANT, victim=VICTIM)
    assert _owner_roles(text, [(plate, Entity.VEHICLE_REGISTRATION)], kind) == [role]


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        ("The defendant, {d}, was born on {dob} and lives locally.", Role.DEFENDANT),
        ("{d} was born on {dob}.", Role.DEFENDANT),
        ("The complainant, {v}, was 8 at the time (date of birth {dob}).", Role.VICTIM),
        ("{v} was born on {dob}. She goes to the local school.", Role.VICTIM),
        # Someone else's, or no person to read it from.
        ("His mother was born on {dob}.", None),
        ("The date {dob} was given as a date of birth.", None),
        ("The defendant met {v} on {dob}.", None),  # no "born": not a date of birth cue
    ],
)
def test_a_date_of_birth_is_the_sentences_subjects(sentence: str, role: Role | None) -> None:
    text = sentence.format(d=DEFENDANT, v=VICTIM, dob=DOB)
    assert _owner_roles(text, [(DOB, Entity.DATE_OF_BIRTH)]) == [role]


def test_the_defendants_value_is_the_defendants_wherever_it_is_written() -> None:
    text = f"Defendant: {DEFENDANT}\nAddress: {ADDRESS}\n\nOfficers later attended {ADDRESS}.\n"
    first = _detect(text, ADDRESS, Entity.UK_ADDRESS)
    second = _detect(text, ADDRESS, Entity.UK_ADDRESS, nth=1)
    found = owners(
        [first, second],
        [Document(0, DocumentKind.CASE_SUMMARY, "", (0,))],
        [PageText(0, text, (), ())],
        [DEFENDANT],
        _name_role,
    )
    assert found[(0, second.start, second.end)].role is Role.DEFENDANT


def test_field_blocks_span_only_their_fields() -> None:
    text = f"Heading\nDefendant: {DEFENDANT}\nDOB: {DOB}\n\nNarrative starts here.\n"
    (block,) = field_blocks(text, _name_role)
    assert text[block.start : block.end].strip().splitlines() == [
        f"Defendant: {DEFENDANT}",
        f"DOB: {DOB}",
    ]


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        (f"The defendant, {DEFENDANT}, was born in 1988 and lives at {ADDRESS}.", Role.DEFENDANT),
        (f"{DEFENDANT}, of {ADDRESS}, was arrested the next day.", Role.DEFENDANT),
        (f"The victim, {VICTIM}, lives at {ADDRESS} with the defendant's sister.", None),
        (f"The defendant said that {VICTIM} lives at {ADDRESS}.", None),
    ],
)
def test_where_the_sentences_subject_lives(sentence: str, role: Role | None) -> None:
    assert _owner_roles(f"Summary\n{sentence}\n", [(ADDRESS, Entity.UK_ADDRESS)]) == [role]


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        (f"The complainant's mobile, {PHONE}, rang twice.", Role.VICTIM),
        (f"The victim's home telephone number is {PHONE}.", Role.VICTIM),
        (f"The complainant saw that the defendant's mobile, {PHONE}, was on.", Role.DEFENDANT),
        (f"The complainant's mother gave her number as {PHONE}.", None),
    ],
)
def test_grammar_names_the_victims_phone(sentence: str, role: Role | None) -> None:
    assert _owner_roles(f"Summary\n{sentence}\n", [(PHONE, Entity.PHONE_NUMBER)]) == [role]


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        ("The complainant, aged 9, told her teacher.", Role.VICTIM),
        ("The victim (aged 9) was at school.", Role.VICTIM),
        (f"The complainant, {VICTIM}, aged 9, told her teacher.", Role.VICTIM),
        ("The defendant, who is now aged 9, was cautioned.", Role.DEFENDANT),
        # The person the age follows, not the sentence's subject; else no one's.
        ("The defendant pushed the victim, aged 9, over.", Role.VICTIM),
        ("Her brother, aged 9, saw it.", None),
        ("The complainant said a man aged 9 was there.", None),
    ],
)
def test_an_age_is_the_persons_it_follows(sentence: str, role: Role | None) -> None:
    assert _owner_roles(f"Summary\n{sentence}\n", [("9", Entity.AGE)]) == [role]


def test_an_age_is_not_the_defendants_wherever_the_number_is_written() -> None:
    text = "Summary\nThe defendant, aged 9, was cautioned.\nA boy aged 9 saw it.\n"
    first = _detect(text, "9", Entity.AGE)
    second = _detect(text, "9", Entity.AGE, nth=1)
    found = owners(
        [first, second],
        [Document(0, DocumentKind.CASE_SUMMARY, "", (0,))],
        [PageText(0, text, (), ())],
        [DEFENDANT],
        _name_role,
    )
    assert found[(0, first.start, first.end)].role is Role.DEFENDANT
    assert (0, second.start, second.end) not in found
