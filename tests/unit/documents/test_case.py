from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from idpc_guard.documents.case import (
    disagreements,
    infer_case,
    infer_complainants,
    load_case_file,
    merge_case,
    parse_case,
    scene_addresses,
    title_defendants,
)
from idpc_guard.documents.segment import segment
from idpc_guard.errors import CaseFileError
from idpc_guard.model import Case, PageText, Person, Role
from idpc_guard.read.extract import extract_bytes
from idpc_guard.read.layout import page_text
from tests.pdfs import make_pdf

CONTRACT_EXAMPLE = """\
urn: 05AB1234524              # Unique Reference Number of the case
defendants:
  - name: Michael Thomas BROWN
    dob: 1990-02-03           # optional
offences:
  - burglary (dwelling)       # free text and/or a CJS code
complainants:                 # optional: known victims / witnesses and their roles
  - name: Sarah PATEL
    role: victim
"""


def test_the_contract_example_loads(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(CONTRACT_EXAMPLE)
    case = load_case_file(path)
    assert case.urn == "05AB1234524"
    assert case.defendants[0].name == "Michael Thomas BROWN"
    assert case.defendants[0].dob == "1990-02-03"  # a YAML date is read as text
    assert case.offences == ("burglary (dwelling)",)
    assert case.complainants[0].role is Role.VICTIM
    assert not case.inferred


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("urn: [unclosed", "not valid YAML at line 1"),
        ("- a list\n- not a mapping\n", "expected a mapping"),
        ("urn: X\ndefendant: Y\n", "defendant: unknown field (did you mean defendants?)"),
        ("defendants:\n  - name: A\n    dobb: 1990-01-01\n", "[0].dobb: unknown field (did"),
        ("defendants:\n  - dob: 1990-01-01\n", "defendants[0].name: Field required"),
        ("complainants:\n  - name: A\n    role: neighbour\n", "complainants[0].role"),
        ("offences: burglary\n", "offences: Input should be a valid list"),
        (
            "defendants:\n  - name: A\n    dob: 1994-21-09\n",
            "case.yaml: defendants[0].dob: not a real date: write it as YYYY-MM-DD",
        ),
    ],
    ids=[
        "bad-yaml",
        "not-mapping",
        "unknown-key",
        "unknown-nested-key",
        "missing-name",
        "bad-role",
        "not-list",
        "impossible-dob",
    ],
)
def test_bad_case_files_name_the_problem(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(text)
    with pytest.raises(CaseFileError, match=re.escape(message)):
        load_case_file(path)


def test_missing_case_file(tmp_path: Path) -> None:
    with pytest.raises(CaseFileError, match="does not exist"):
        load_case_file(tmp_path / "nope.yaml")


def test_empty_case_file_is_an_empty_case() -> None:
    assert parse_case(None) == Case()


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda children: (
            st.lists(children, max_size=3)
            | st.dictionaries(
                st.sampled_from(["urn", "defendants", "offences", "name", "x"]),
                children,
                max_size=3,
            )
        ),
        max_leaves=10,
    )
)
def test_any_yaml_value_is_a_case_or_a_case_file_error(raw: object) -> None:
    with contextlib.suppress(CaseFileError):
        parse_case(raw)


def test_inference_reads_the_summary() -> None:
    pdf = make_pdf(
        [
            [
                "MG5",
                "CASE SUMMARY",
                "URN: 05AB1234524",
                "Defendant: Michael Thomas BROWN",
                "Charge: Burglary dwelling and theft, on 14/06/2026 at Liverpool entered ...",
                "OIC: PC 4471 Jane SMITH",
            ]
        ]
    )
    bundle = extract_bytes(pdf, "b.pdf")
    texts = tuple(page_text(p) for p in bundle.pages)
    case = infer_case(segment(bundle, texts), texts)
    assert case.inferred
    assert case.urn == "05AB1234524"
    assert [p.name for p in case.defendants] == ["Michael Thomas BROWN"]
    assert case.offences == ("Burglary dwelling and theft",)
    assert [p.name for p in case.officers] == ["Jane SMITH"]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        (
            "The defendant, Corin VALE, and the victim, Aled PRYS-JONES, lived together.",
            "Aled PRYS-JONES",
        ),
        ("The complainant is Tamsin Orme, who was 9 years old at the time.", "Tamsin Orme"),
        ("Victim:\nTamsin ORME\nDOB: 01/02/2015", "Tamsin ORME"),
        ("Nerys Quill (the injured party) was punched twice.", "Nerys Quill"),
        ("At 02:00 the home of Bryn\nTALLACK at 4 Mill Lane, Pennick was burgled.", "Bryn TALLACK"),
        ("The victim in this case, Owain Reece, was 72.", "Owain Reece"),
    ],
)
def test_the_summary_names_the_complainant(sentence: str, name: str) -> None:
    assert infer_complainants([sentence]) == (name,)


@pytest.mark.parametrize(
    "sentence",
    [
        "The victim was taken to hospital by ambulance.",
        "The victim, who was upset, said she knew him.",
        "The victim, Police Constable Ivo MARTH, was assaulted.",  # an officer, placed already
        "I went to the home of my sister.",
    ],
)
def test_no_complainant_is_read_where_none_is_named(sentence: str) -> None:
    assert infer_complainants([sentence]) == ()


def test_complainants_the_summary_names_join_those_of_the_case_file() -> None:
    pdf = make_pdf(
        [["MG5", "CASE SUMMARY", "URN: 05AB1234524", "Defendant: Corin VALE",
          "The defendant punched the victim, Aled PRYS-JONES, twice."]]
    )  # fmt: skip
    bundle = extract_bytes(pdf, "b.pdf")
    texts = tuple(page_text(p) for p in bundle.pages)
    inferred = infer_case(segment(bundle, texts), texts)
    assert [(p.name, p.role) for p in inferred.complainants] == [("Aled PRYS-JONES", Role.VICTIM)]
    given_case = parse_case({"complainants": [{"name": "Aled Prys-Jones"}, {"name": "Nia Rowe"}]})
    merged = merge_case(given_case, inferred)
    assert [p.name for p in merged.complainants] == ["Aled Prys-Jones", "Nia Rowe"]


def test_merge_prefers_the_case_file_and_adds_offences() -> None:
    given_case = parse_case({"urn": "05AB1234524", "offences": ["theft"]})
    inferred = Case(urn="99ZZ0000000", offences=("other",), inferred=True)
    merged = merge_case(given_case, inferred, ("assault",))
    assert merged.urn == "05AB1234524"
    assert merged.offences == ("theft", "assault")
    assert not merged.inferred
    assert merge_case(None, inferred).inferred


def test_inference_reads_the_defendants_date_of_birth() -> None:
    pdf = make_pdf(
        [["MG5", "CASE SUMMARY", "Defendant: Michael BROWN", "Date of birth: 03/02/1990"]]
    )
    bundle = extract_bytes(pdf, "b.pdf")
    texts = tuple(page_text(p) for p in bundle.pages)
    case = infer_case(segment(bundle, texts), texts)
    assert case.defendants[0].dob == "03/02/1990"


def test_case_file_extensions_premises_phones_vehicles_and_complainant_dob() -> None:
    case = parse_case(
        {
            "defendants": [
                {"name": "Dan DEFENDANT", "phones": ["07700 900777"], "vehicles": ["AB12 CDE"]}
            ],
            "complainants": [{"name": "Cara CHILD", "dob": "2016-03-14"}],
            "premises": [
                {"address": "12 Acacia Avenue, Liverpool L4 6TH"},
                {"address": "21 Bold Street, Liverpool", "kind": "business"},
            ],
        }
    )
    assert case.defendants[0].phones == ("07700 900777",)
    assert case.defendants[0].vehicles == ("AB12 CDE",)
    assert case.complainants[0].dob == "2016-03-14"
    assert [p.kind.value for p in case.premises] == ["scene", "business"]
    with pytest.raises(CaseFileError, match=re.escape("premises[0].kind")):
        parse_case({"premises": [{"address": "1 A Road", "kind": "house"}]})


def test_inference_reads_the_premises_from_the_charge_particulars() -> None:
    bundle = extract_bytes(
        make_pdf(
            [
                [
                    "MG5",
                    "CASE SUMMARY",
                    "URN: 05AB1234524",
                    "Defendant: Michael Thomas BROWN",
                    "Charge: Burglary of a dwelling, contrary to section 9(1)(b)",
                    "Particulars: entered as a trespasser a building, namely",
                    "12 Acacia Avenue, Liverpool L4 6TH, being a dwelling, and stole",
                ]
            ]
        ),
        "b.pdf",
    )
    texts = tuple(page_text(p) for p in bundle.pages)
    inferred = infer_case(segment(bundle, texts), texts)
    assert [p.address for p in inferred.premises] == ["12 Acacia Avenue, Liverpool L4 6TH"]
    given_case = parse_case({"premises": [{"address": "3 Oak Close, Wigan"}]})
    merged = merge_case(given_case, inferred)
    assert [p.address for p in merged.premises] == [
        "3 Oak Close, Wigan",
        "12 Acacia Avenue, Liverpool L4 6TH",
    ]


def test_co_defendants_on_their_own_charge_sheets_are_all_defendants() -> None:
    from idpc_guard.policy.bundle_checks import check_documents

    pages = [
        ["MG5", "CASE SUMMARY", "URN: 05AB1234524", "Defendant: Michael Thomas BROWN"],
        ["CHARGE SHEET", "URN: 05AB1234524", "Defendant: Michael BROWN", "Charge: Burglary"],
        ["CHARGE SHEET", "URN: 05AB1234524", "Defendant: Kevin PARRY", "Charge: Burglary"],
        ["MG5", "CASE SUMMARY", "URN: 01ZZ9999926", "Defendant: Sarah GREEN"],
    ]
    bundle = extract_bytes(make_pdf(pages), "b.pdf")
    texts = tuple(page_text(p) for p in bundle.pages)
    documents = segment(bundle, texts)
    case = infer_case(documents, texts)
    assert case.urn == "05AB1234524"
    assert [p.name for p in case.defendants] == ["Michael Thomas BROWN", "Kevin PARRY"]
    issues = check_documents(documents, case)
    assert [(i.kind.value, i.pages) for i in issues] == [("foreign_case_summary", (3,))]


def test_charge_particulars_and_premises_are_read() -> None:
    pages = [
        [
            "MG5",
            "CASE SUMMARY",
            "URN: 05AB1234524",
            "Defendant: Michael Thomas BROWN",
            "Charge: Burglary of a dwelling, contrary to section 9(1)(b) of the Theft Act 1968",
            "Particulars: On 14/06/2026 entered as a trespasser a building, namely 12 Acacia",
            "Avenue, Liverpool L4 6TH, being a dwelling, and stole therein a ring.",
            "OIC: PC 4471 Jane SMITH",
        ]
    ]
    bundle = extract_bytes(make_pdf(pages), "b.pdf")
    texts = tuple(page_text(p) for p in bundle.pages)
    case = infer_case(segment(bundle, texts), texts)
    assert case.offences == ("Burglary of a dwelling",)
    assert case.particulars[0].startswith("On 14/06/2026 entered as a trespasser")
    assert case.particulars[0].endswith("stole therein a ring.")
    assert [p.address for p in case.premises] == ["12 Acacia Avenue, Liverpool L4 6TH"]


@pytest.mark.parametrize(
    ("title", "names"),
    [
        ("R v Tobias Wren ASHCOMBE", ("Tobias Wren ASHCOMBE",)),
        ("REGINA -v- Tobias ASHCOMBE and Nell PIRRIE", ("Tobias ASHCOMBE", "Nell PIRRIE")),
        ("The King v. Nell PIRRIE (Defendant)", ("Nell PIRRIE",)),
        ("R v Ashcombe [2019] EWCA Crim 1234", ()),  # an authority cited
        ("R v Pirrie (1998) 2 Cr App R 45", ()),
        ("As held in R v Ashcombe, the judge must", ()),  # not a title: mid-line
    ],
)
def test_the_case_title_names_the_defendants(title: str, names: tuple[str, ...]) -> None:
    assert title_defendants([PageText(0, f"IN THE CROWN COURT\n{title}\n", (), ())]) == names


@pytest.mark.parametrize(
    ("sentence", "address"),
    [
        (
            "Between 01:00 and 02:00 the home of Ysolde KETTERING at 41 Pellow Crescent,\n"
            "Marchbank, Orwick OR4 7JT was burgled. Entry was forced.",
            "41 Pellow Crescent, Marchbank, Orwick OR4 7JT",
        ),
        (
            "I came home to find the house at 7B Tansy Row, Orwick OR2 1LP had been ransacked.",
            "7B Tansy Row, Orwick OR2 1LP",
        ),
        (
            "There was a burglary at Heron Cottage, 3 Mill Lane, Orwick OR9 9ZZ on 4 May.",
            "Heron Cottage, 3 Mill Lane, Orwick OR9 9ZZ",
        ),
        (
            "He entered the property at 12a Kings Walk, Orwick through a window.",
            "12a Kings Walk, Orwick",
        ),
        (
            "I was sent to a report of a burglary in progress at 8 Fennel Row, Orwick.",
            "8 Fennel Row, Orwick",
        ),
    ],
)
def test_the_scene_is_read_from_the_narrative(sentence: str, address: str) -> None:
    assert scene_addresses(sentence) == (address,)


@pytest.mark.parametrize(
    "sentence",
    [
        "I live at 4 Elm Road, Orwick. My car was damaged.",
        "The defendant gave his address as 9 Canal Street, Orwick.",
        "She was born at 3 Elm Road and was entered in the register.",
    ],
)
def test_an_address_the_narrative_does_not_call_the_scene_is_not_the_scene(
    sentence: str,
) -> None:
    assert scene_addresses(sentence) == ()


def test_the_case_file_and_the_bundle_disagree_in_words_without_personal_data() -> None:
    bundle = Case(
        urn="05AB1234524",
        defendants=(Person("Corin VALE", Role.DEFENDANT, "02/03/1991"),),
    )
    same = parse_case(
        {"urn": "05 AB 1234524", "defendants": [{"name": "Corin Vale", "dob": "1991-03-02"}]}
    )
    assert disagreements(same, bundle) == ()
    other = parse_case(
        {
            "urn": "05AB9999924",
            "defendants": [{"name": "Corin Vale", "dob": "1991-03-12"}, {"name": "Nia ROWE"}],
        }
    )
    found = disagreements(other, bundle)
    assert found == (
        "the case file's URN is not the URN the bundle carries",
        "defendant 1's date of birth in the case file is not the one in the bundle",
        "defendant 2 of the case file is not a defendant the bundle names",
    )
    assert not any(word in " ".join(found) for word in ("Vale", "ROWE", "1991", "9999"))
    assert disagreements(None, bundle) == () and disagreements(other, Case()) == ()


@pytest.mark.parametrize(
    "charge",
    [
        "Offence charged\nHarassment without violence, contrary to section 2 of the Act",
        "Offence(s):\nHarassment without violence, contrary to section 2",
        "He is charged with harassment without violence, contrary to section 2 of the Act.",
        "You are charged with\nharassment without violence.",
        "The defendant lives locally. He is\ncharged with harassment without violence.",
        "She was charged\nwith harassment without violence, contrary to section 2.",
    ],
)
def test_the_offence_is_read_in_the_layouts_charges_take(charge: str) -> None:
    pdf = make_pdf([["MG5", "CASE SUMMARY", "URN: 05AB1234524", *charge.split("\n")]])
    bundle = extract_bytes(pdf, "b.pdf")
    texts = tuple(page_text(p) for p in bundle.pages)
    offences = infer_case(segment(bundle, texts), texts).offences
    assert [o.casefold() for o in offences] == ["harassment without violence"]


def test_a_complainant_label_alone_on_its_line_names_the_complainant() -> None:
    assert infer_complainants(["Complainant\nTamsin ORME\nCourt\nTruro"]) == ("Tamsin ORME",)
    assert infer_complainants(["Victim\nPersonal Statement"]) == ()
