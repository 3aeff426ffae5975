"""Key fields read from forms in the layouts forms use."""

from __future__ import annotations

import pytest

from idpc_guard.documents.fields import read_fields


@pytest.mark.parametrize(
    "text",
    [
        "WITNESS STATEMENT\nStatement of: Orla FENWICK-HAYE\nAge if under 18: over 18\n",
        "WITNESS STATEMENT\nStatement of\nOrla FENWICK-HAYE\nAge if under 18 Over 18\n",
        "WITNESS STATEMENT\nStatement of:\nOrla FENWICK-HAYE\nAge if under 18: 18+\n",
        "WITNESS STATEMENT\nStatement of :  \n  Orla FENWICK-HAYE\n",
        "STATEMENT OF WITNESS\nStatement of:  Orla FENWICK-HAYE   Age: over 18\n",
        "Page 1\nI, Orla Fenwick-Haye, make this statement of my own free will.\n",
        "Orla FENWICK-HAYE\n18 February 2025\nMy name is Orla Fenwick-Haye. I live in Truro.\n",
    ],
)
def test_the_maker_of_a_statement_in_several_layouts(text: str) -> None:
    maker = read_fields(text).witness
    assert maker is not None and maker.casefold() == "orla fenwick-haye"


@pytest.mark.parametrize(
    "text",
    [
        "MG5\nDefendant: Tobias Wren ASHCOMBE\nDOB: 02/03/1991\n",
        "MG5\nDefendant\nTobias Wren ASHCOMBE\nDOB\n02/03/1991\n",
        "CHARGE SHEET\nAccused\nTobias Wren ASHCOMBE\n",
        "CHARGE SHEET\nAccused:\nTobias Wren ASHCOMBE\n",
        "SUMMARY OF EVIDENCE\nPerson charged:\nTobias Wren ASHCOMBE\nBorn:\n02-03-1991\n",
        "CASE SUMMARY\nName of the accused: Tobias Wren ASHCOMBE\n",
        "Circumstances:\nThe defendant, Tobias Wren ASHCOMBE, is a friend of the family.\n",
        "Summary\nThe second defendant, Tobias Wren ASHCOMBE, drove the car.\n",
    ],
)
def test_the_defendant_in_several_layouts(text: str) -> None:
    assert read_fields(text).names == ("Tobias Wren ASHCOMBE",)


@pytest.mark.parametrize(
    "text",
    [
        "PNC PRINT\nSURNAME .........\nASHCOMBE\nFORENAMES .......\nTOBIAS\n"
        "DATE OF BIRTH ...\n02.03.1991\n",
        "PNC PRINT\nSURNAME ......... ASHCOMBE\nFORENAMES ....... TOBIAS\n"
        "DATE OF BIRTH ... 02.03.1991\n",
        "PNC PRINT\nSurname:\nASHCOMBE\nForenames:\nTobias\nDate of birth:\n02.03.1991\n",
    ],
)
def test_a_printout_with_dot_leaders_or_values_below_its_labels(text: str) -> None:
    fields = read_fields(text)
    assert fields.names == ("Tobias ASHCOMBE",)
    assert fields.dobs == ("02.03.1991",)


def test_a_defendant_written_surname_first_on_the_next_line() -> None:
    assert read_fields("SUMMARY\nAccused:\nASHCOMBE, Tobias\nBorn:\n").names == (
        "ASHCOMBE, Tobias",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Key evidence\n- Statement of the victim (MG11)\n",
        "Defendant\nThe man was seen running away.\n",
        "Statement of\n12 pages attached\n",
        "Statement of:\nThe witness was not available.\n",
    ],
)
def test_a_label_followed_by_prose_is_not_a_field(text: str) -> None:
    fields = read_fields(text)
    assert fields.witness is None and fields.names == ()
