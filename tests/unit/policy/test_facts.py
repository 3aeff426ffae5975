from __future__ import annotations

from idpc_guard.model import Case, DocumentKind, Person, Premises, PremisesKind, Role
from idpc_guard.policy.facts import (
    CaseFacts,
    digits,
    first_line,
    in_first_person,
    plate,
    postcode_of,
)

CASE = Case(
    defendants=(
        Person("Dan DEFENDANT", Role.DEFENDANT, phones=("07700 900777",), vehicles=("AB12 CDE",)),
    ),
    complainants=(Person("Cara CHILD", Role.VICTIM, dob="2016-03-14"),),
    premises=(
        Premises("12 Acacia Avenue, Liverpool L4 6TH"),
        Premises("Tesco Express, 21 Bold Street, Liverpool L1 4DN", PremisesKind.BUSINESS),
        Premises("7 Park Road, Wigan", PremisesKind.VIEWPOINT),
    ),
)
FACTS = CaseFacts.of(CASE)
STATEMENT = DocumentKind.WITNESS_STATEMENT


def test_normalisers() -> None:
    assert first_line("12 Acacia Avenue,\nLiverpool") == "12 acacia avenue"
    assert postcode_of("Liverpool l4  6th") == "L4 6TH"
    for written in ("+44 7700 900777", "+44 (0)7700 900777", "0044 7700 900777", "(07700) 900777"):
        assert digits(written) == "07700900777", written
    assert plate("ab12 cde") == "AB12CDE"


def test_the_scene_is_the_address_in_the_case_wherever_it_is_written() -> None:
    for text in ("12 Acacia Avenue, Liverpool L4 6TH", "12 ACACIA AVENUE", "12 Acacia Avenue\nL"):
        assert FACTS.role_of("UK_ADDRESS", text, STATEMENT) is Role.SCENE, text
    assert FACTS.role_of("UK_POSTCODE", "L4 6TH", STATEMENT) is Role.SCENE
    # Not another house in the same street, and not a bare street name.
    assert FACTS.role_of("UK_ADDRESS", "14 Acacia Avenue, Liverpool", STATEMENT) is None
    assert FACTS.role_of("UK_ADDRESS", "Acacia Avenue", STATEMENT) is None
    # On a witness's contact details the same address is their home.
    back_page = DocumentKind.WITNESS_CONTACT_DETAILS
    assert FACTS.role_of("UK_ADDRESS", "12 Acacia Avenue", back_page) is Role.WITNESS
    assert FACTS.role_of("UK_POSTCODE", "L4 6TH", back_page) is Role.WITNESS
    # On a compensation claim or a medical record it is the victim's address.
    claim = DocumentKind.COMPENSATION_CLAIM
    assert FACTS.role_of("UK_ADDRESS", "12 Acacia Avenue", claim) is Role.VICTIM


def test_business_premises_and_viewpoints() -> None:
    assert FACTS.role_of("UK_POSTCODE", "L1 4DN", STATEMENT) is Role.BUSINESS
    assert FACTS.role_of("UK_ADDRESS", "7 Park Road", STATEMENT) is Role.WITNESS


def test_defendant_phone_vehicle_and_complainant_dob() -> None:
    assert FACTS.role_of("PHONE_NUMBER", "07700900777", STATEMENT) is Role.DEFENDANT
    assert FACTS.role_of("PHONE_NUMBER", "07700 900778", STATEMENT) is None
    assert FACTS.role_of("VEHICLE_REGISTRATION", "AB12CDE", STATEMENT) is Role.DEFENDANT
    assert FACTS.role_of("DATE_OF_BIRTH", "14 March 2016", STATEMENT) is Role.VICTIM
    assert FACTS.role_of("DATE_OF_BIRTH", "14/03/2016", STATEMENT) is Role.VICTIM
    assert FACTS.role_of("DATE_OF_BIRTH", "15/03/2016", STATEMENT) is None


def test_no_facts_no_roles() -> None:
    empty = CaseFacts.of(Case())
    assert empty.role_of("UK_ADDRESS", "12 Acacia Avenue", STATEMENT) is None


def test_first_person_dates_of_birth() -> None:
    text = "My home number is 0. I\nwas born on 3 February 1961. My daughter was born on 1 May 1990"
    assert in_first_person("DATE_OF_BIRTH", text, text.index("3 February"))
    assert not in_first_person("DATE_OF_BIRTH", text, text.index("1 May"))
    assert not in_first_person("UK_ADDRESS", text, text.index("0."))


def test_first_person_phones_and_emails() -> None:
    text = (
        "My home telephone number is 01632 960123. My daughter's number is 07700 900456.\n"
        "You can contact me on 07700 900789. He called me from 07700 900321.\n"
        "My email address is a.person@example.com; his is b.person@example.com"
    )
    for mine in ("01632 960123", "07700 900789"):
        assert in_first_person("PHONE_NUMBER", text, text.index(mine))
    for theirs in ("07700 900456", "07700 900321"):
        assert not in_first_person("PHONE_NUMBER", text, text.index(theirs))
    assert in_first_person("EMAIL_ADDRESS", text, text.index("a.person"))
    assert not in_first_person("EMAIL_ADDRESS", text, text.index("b.person"))
