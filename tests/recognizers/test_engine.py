"""The engine end to end on text: normalised before detection, spans in the original text."""

from __future__ import annotations

from typing import Any

import pytest

from idpc_guard.model import Entity
from idpc_guard.recognizers import engine


def _found(scanner: Any, text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for entity, start, end, _score, _name in scanner.engine.analyze_text(text):
        out.setdefault(entity, []).append(text[start:end])
    return out


def test_spans_map_back_through_normalisation(scanner: Any) -> None:
    text = (
        "Call 0 7 7 0 0 9 0 0 1 2 3 or e\u200bmail jane@exam\u00adple.com.\n"
        "Tel 07700\n900456. She lives at 14\u00a0Mill Lane, Man-\nchester M1 1AA."
    )
    found = _found(scanner, text)
    assert found[Entity.PHONE_NUMBER.value] == ["0 7 7 0 0 9 0 0 1 2 3", "07700\n900456"]
    assert found[Entity.EMAIL_ADDRESS.value] == ["jane@exam\u00adple.com"]
    assert found[Entity.UK_ADDRESS.value] == ["14\u00a0Mill Lane, Man-\nchester M1 1AA"]


def test_batch_equals_one_by_one(scanner: Any) -> None:
    texts = [
        "Statement of: Sarah PATEL\nDOB: 14/03/1988",
        "",
        "Sort code 20-00-00, account 12345678. VRM AB12 CDE.",
        "NHS No: 943 476 5919. PNC ID: 2001/0012345A",
    ]
    batch = scanner.engine.analyze_texts(texts)
    assert batch == [scanner.engine.analyze_text(t) for t in texts]
    assert batch[1] == []
    entities = {hit[0] for hits in batch for hit in hits}
    assert {"PERSON", "DATE_OF_BIRTH", "BANK_DETAILS", "VEHICLE_REGISTRATION"} <= entities
    assert {"UK_NHS", "PNC_ID"} <= entities


def test_only_the_ner_pipe_runs(scanner: Any) -> None:
    assert scanner.engine._nlp.pipe_names == ["ner"]


def test_business_addresses_have_their_own_recogniser(scanner: Any) -> None:
    text = "Tesco Express, 5 High Street, Bootle L20 3AB. She lives at 2 Mill Lane, Leeds LS1 4AB."
    names = {
        text[s:e]: name
        for entity, s, e, _, name in scanner.engine.analyze_text(text)
        if entity == Entity.UK_ADDRESS.value
    }
    assert names == {
        "5 High Street, Bootle L20 3AB": "UkBusinessAddressRecognizer",
        "2 Mill Lane, Leeds LS1 4AB": "UkAddressRecognizer",
    }


def _pages(count: int) -> list[str]:
    return [
        f"Statement of: Sarah PATEL{i}\nI saw Tom HUGHES at 14 Mill Lane, Leeds LS1 4AP.\n"
        f"Call 07700 900{i:03d}. DOB: 14/03/1988"
        for i in range(count)
    ]


def test_pages_shared_between_processes_give_the_same_hits(
    scanner: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = _pages(3 * engine.TEXTS_PER_WORKER)
    monkeypatch.setattr(scanner.engine, "workers", 1)
    alone = scanner.engine.analyze_texts(texts)
    monkeypatch.setattr(scanner.engine, "workers", 3)
    ticks: list[int] = []
    shared = scanner.engine.analyze_texts(texts, on_text=lambda: ticks.append(1))
    assert shared == alone
    assert len(ticks) == len(texts)
    assert all(hits for hits in shared)


def test_a_worker_that_dies_has_its_share_done_here(
    scanner: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def dies(*_args: Any) -> None:
        raise MemoryError

    texts = _pages(2 * engine.TEXTS_PER_WORKER)
    monkeypatch.setattr(scanner.engine, "workers", 1)
    alone = scanner.engine.analyze_texts(texts)
    monkeypatch.setattr(scanner.engine, "workers", 2)
    monkeypatch.setattr(engine, "_analyze_in_child", dies)
    assert scanner.engine.analyze_texts(texts) == alone


def test_chunks_of_texts_give_the_same_hits_and_read_a_repeated_slice_once(
    scanner: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A name in running prose goes to the model; the same line recurs on later pages.
    prose = "The next day Michael Thompson walked to the shop with Priya Sharma and waited."
    texts = [*_pages(4), prose, "", prose, *_pages(3), prose]
    monkeypatch.setattr(scanner.engine, "workers", 1)
    whole = scanner.engine.analyze_texts(texts)
    read: list[str] = []
    finder = scanner.engine._people
    real_read = finder._read

    def counting(slices: list[str]) -> Any:
        read.extend(slices)
        return real_read(slices)

    monkeypatch.setattr(engine, "CHUNK_TEXTS", 3)
    monkeypatch.setattr(finder, "_read", counting)
    ticks: list[int] = []
    assert scanner.engine.analyze_texts(texts, on_text=lambda: ticks.append(1)) == whole
    assert len(ticks) == len(texts)
    assert read and len(read) == len(set(read))  # each distinct slice went to the model once
    assert sum("Michael Thompson" in piece for piece in read) == 1


@pytest.mark.parametrize(
    ("text", "not_names"),
    [
        ("Key evidence:\n- Photographs of the damage\n- Record of interview\n", ["Photographs"]),
        ("She was born in Stratford upon Avon.", ["Avon"]),
        ("I was seen by the ED SHO and the ED Registrar.", ["ED SHO", "ED Registrar"]),
        (
            "NAME:           MARLOW, KEVIN JOHN\nDATE OF BIRTH:  01/02/1985\nGENDER:         MALE\n"
            "SUMMARY: 0 CONVICTION(S) FOR 0 OFFENCE(S)\nNO CONVICTIONS RECORDED\n",
            ["OFFENCE", "CONVICTION"],
        ),
        (
            "5. A capacity assessment by Dr Clarke, Consultant Obstetrician and Gynaecologist.",
            ["Consultant", "Obstetrician", "Gynaecologist"],
        ),
        ("Both videos had been posted to Twitter with a link to Facebook.", ["Twitter"]),
        ("Zones include East Polventon and West Polventon in the south.", ["East", "West"]),
        ("the so-called Brexit uncertainty point", ["Brexit"]),
    ],
)
def test_headings_places_and_job_titles_are_not_names(
    scanner: Any, text: str, not_names: list[str]
) -> None:
    names = _found(scanner, text).get(Entity.PERSON.value, [])
    assert not any(word in name for name in names for word in not_names), names


def test_a_name_in_the_same_sentence_is_still_found(scanner: Any) -> None:
    text = "I was with my neighbour Tom Hughes when Photographs of the car were taken."
    assert "Tom Hughes" in _found(scanner, text).get(Entity.PERSON.value, [])


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Notes of contact\n05/10 Spoke Mrs Penhale about the texts.", "Mrs Penhale"),
        ("Child Morwenna was seen at school on Monday.", "Morwenna"),
        ("Victim Jory TREWIN spoke to police at the scene.", "Jory TREWIN"),
    ],
)
def test_a_verb_or_role_word_before_a_name_is_not_part_of_it(
    scanner: Any, text: str, name: str
) -> None:
    names = _found(scanner, text).get(Entity.PERSON.value, [])
    assert name in names and not any(len(n) > len(name) and name in n for n in names), names


@pytest.mark.parametrize("title", ["R v", "Rv", "R. v.", "REGINA v"])
def test_a_case_title_is_not_part_of_the_name(scanner: Any, title: str) -> None:
    text = f"{title} Corwin Aldous PELLINGHAM\nThe defendant was interviewed."
    names = _found(scanner, text).get(Entity.PERSON.value, [])
    assert all(name.startswith(("Corwin", "PELLINGHAM")) for name in names), names


@pytest.mark.parametrize(
    ("text", "business"),
    [
        ("I am a store detective at\nValuemart, 24 Quay Road, Pennick PN4 2AB.", True),
        ("The defendant entered Brindlecost, 14 Fore Street, Pennick PN4 2AB.", True),
        # A patient's address under a hospital's heading and numbers is the patient's.
        (
            "Pennick General Hospital\nPatient:\nTALLACK, Bryn\nHospital No:\nRX5192837\n"
            "Address:\n27 Tregenna Rise, Pennick, PN4 2AQ\n",
            False,
        ),
        ("Hospital No: RX5192837\nAddress: 27 Tregenna Rise, Pennick, PN4 2AQ\n", False),
    ],
)
def test_whose_address_the_words_before_say(scanner: Any, text: str, business: bool) -> None:
    found = [
        name for entity, _s, _e, _, name in scanner.engine.analyze_text(text)
        if entity == Entity.UK_ADDRESS.value
    ]  # fmt: skip
    expected = "UkBusinessAddressRecognizer" if business else "UkAddressRecognizer"
    assert found == [expected]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Call handler notes - caller Tamsin\nORME, lives nearby, saw a man.", "Tamsin\nORME"),
        (
            "I stayed the night at my partner's, Reece TALLACK, because I was scared.",
            "Reece TALLACK",
        ),
    ],
)
def test_a_third_party_named_over_a_line_break_or_after_a_possessive(
    scanner: Any, text: str, name: str
) -> None:
    assert name in _found(scanner, text).get(Entity.PERSON.value, [])


def test_residential_premises_are_not_a_business(scanner: Any) -> None:
    text = "a claim for possession of residential premises at 29 Quenby Avenue, Pennick PN4 2AB."
    found = [
        name for entity, _s, _e, _, name in scanner.engine.analyze_text(text)
        if entity == Entity.UK_ADDRESS.value
    ]  # fmt: skip
    assert found == ["UkAddressRecognizer"]
