"""The people view: the forms of a name gathered into one person with one role."""

from __future__ import annotations

from idpc_guard.model import Action, Box, Detection, Finding, Role, Severity, Source
from idpc_guard.policy.people import people_of

_count = iter(range(1, 10_000))


def _finding(
    text: str, role: Role | None, action: Action = Action.KEEP, entity: str = "PERSON"
) -> Finding:
    number = next(_count)
    detection = Detection(
        entity, text, 0, (Box(0, number, 1, number + 1),), 0.9, Source.TEXT, "test", 0
    )
    return Finding(
        f"F{number:04d}", detection, action, "rule", f"because {role}", Severity.LOW, role
    )


def test_the_forms_of_a_name_are_one_person() -> None:
    findings = [
        _finding("Corwin Aldous PELLINGHAM", Role.DEFENDANT),
        _finding("PELLINGHAM, Corwin", Role.DEFENDANT),
        _finding("Pellingham", None),  # a surname alone: the one Pellingham there is
        _finding("DC Ysolde Marrack", Role.OFFICER),
        _finding("DC Marrack", Role.OFFICER),
        _finding("Tamsin QUILLER", Role.THIRD_PARTY, Action.REDACT),
        _finding("07700 900123", Role.THIRD_PARTY, Action.REDACT, "PHONE_NUMBER"),
    ]
    named, people = people_of(findings)
    assert [(p.id, p.role, len(p.names)) for p in people] == [
        ("P1", Role.DEFENDANT, 3),
        ("P2", Role.OFFICER, 2),
        ("P3", Role.THIRD_PARTY, 1),
    ]
    assert [f.person for f in named] == ["P1", "P1", "P1", "P2", "P2", "P3", None]
    assert (people[2].redacted, people[2].kept, people[2].review) == (1, 0, 0)
    assert people[0].evidence == (f"because {Role.DEFENDANT}", "because None")


def test_two_people_of_one_surname_stay_apart_and_a_bare_surname_joins_neither() -> None:
    findings = [
        _finding("Alys KERNOW", Role.VICTIM),
        _finding("Bryn KERNOW", Role.THIRD_PARTY, Action.REDACT),
        _finding("Mrs Kernow", Role.VICTIM),
    ]
    named, people = people_of(findings)
    assert len(people) == 3
    assert len({f.person for f in named}) == 3


def test_the_role_is_the_one_most_decisions_took() -> None:
    findings = [
        _finding("Jory PENROSE", Role.WITNESS),
        _finding("Jory PENROSE", Role.THIRD_PARTY, Action.REDACT),
        _finding("PENROSE, Jory", Role.WITNESS),
        _finding("Penrose", Role.UNKNOWN),
    ]
    _, people = people_of(findings)
    assert [(p.role, p.kept, p.redacted) for p in people] == [(Role.WITNESS, 3, 1)]


def test_a_first_name_alone_is_the_one_person_with_that_first_name() -> None:
    findings = [
        _finding("Kerensa Jory TREWIN", Role.DEFENDANT),
        _finding("Kerensa", Role.DEFENDANT),
        _finding("KERENSA", None),
        _finding("Morwenna TREWIN", Role.VICTIM),
    ]
    named, _ = people_of(findings)
    assert [f.person for f in named] == ["P1", "P1", "P1", "P2"]
    # Two people of that first name: the word alone is neither.
    twice = [*findings, _finding("Kerensa PASCOE", Role.WITNESS)]
    named, _ = people_of(twice)
    assert named[1].person not in {named[0].person, named[4].person}


def test_no_names_no_people() -> None:
    named, people = people_of([_finding("07700 900123", None, entity="PHONE_NUMBER")])
    assert people == () and named[0].person is None
