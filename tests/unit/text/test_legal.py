"""Legal and institutional vocabulary (all names made up; citations invented)."""

from __future__ import annotations

import pytest

from idpc_guard.text.legal import (
    NOT_PEOPLE,
    PEOPLE,
    LegalKind,
    LegalNames,
    kind_at,
    not_a_person,
)

JUDGE, COUNSEL, CASE, TERM, BODY = (
    LegalKind.JUDGE,
    LegalKind.COUNSEL,
    LegalKind.CASE_NAME,
    LegalKind.LEGAL_TERM,
    LegalKind.INSTITUTION,
)


def _at(text: str, span: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(span, start + 1)
    return start, start + len(span)


def kind(text: str, span: str, nth: int = 0) -> LegalKind | None:
    return kind_at(text, *_at(text, span, nth))


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Before: Lord Justice Quarrendon and Mr Justice Fennimore", "Quarrendon"),
        ("Before: Lord Justice Quarrendon and Mr Justice Fennimore", "Fennimore"),
        ("MR JUSTICE FENNIMORE:\n1. This is an appeal", "FENNIMORE"),
        ("The recorder, HHJ Ashdown, sentenced him", "Ashdown"),
        ("before His Honour Judge Pellow at the Crown Court", "Pellow"),
        ("District Judge Morvah refused bail", "Morvah"),
        ("Recorder Vellanoweth QC passed sentence", "Vellanoweth"),
        ("as Quarrendon LJ said in that case", "Quarrendon"),
        ("Fennimore J held that the evidence was admissible", "Fennimore"),
        ("see Tremough\nJ in an earlier case", "Tremough"),
        ("when referring to Gweek, J's determination", "Gweek"),
        ("Pentreath, J. at [10] said", "Pentreath"),
        ("the court (Lady Tolvan and Lord Carnmenellis) agreed", "Lady Tolvan"),
        ("the court (Lady Tolvan and Lord Carnmenellis) agreed", "Carnmenellis"),
        ("Lord Bosanko CJ gave the judgment of the court", "Bosanko"),
        ("the trial judge, Sir Aldous Vean, directed the jury", "Aldous Vean"),
        ("As Dame Petra Lanyon, President observed", "Petra Lanyon"),
        ("Munro Varcoe LJ agreed", "Munro Varcoe LJ"),
        ("by Order of Sir Aldous Vean (sitting as a High Court Judge)", "Aldous Vean"),
        ("Sir Aldous Vean, with whom Lord Carnmenellis agrees:", "Sir Aldous Vean"),
    ],
)
def test_judges(text: str, span: str) -> None:
    assert kind(text, span) is JUDGE


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Mr Alwyn Treharne KC and Ms Bea Ostler (instructed by X) for the appellant", "Ostler"),
        ("Mr Alwyn Treharne KC and Ms Bea Ostler", "Alwyn Treharne"),
        ("Mr Alwyn Treharne QC", "Mr Alwyn Treharne QC"),
        ("counsel for the appellant, Ms Ostler, submitted that", "Ostler"),
        ("Prosecution counsel Mr Rosewarne opened the case", "Rosewarne"),
        ("Mr Tonkin appeared on behalf of the Crown", "Tonkin"),
        ("Ms Jory, for the respondent, conceded the point", "Jory"),
        ("Ms Jory submitted that the judge was wrong", "Jory"),
        ("Mr Treharne's written submissions were helpful", "Treharne"),
        ("the defendant was represented by Ms Kitto", "Kitto"),
        ("Letter from Polwhele Hosken, solicitors for the defendant", "Polwhele Hosken"),
        ("Gwen Rowse appeared as Counsel to the Tribunal", "Gwen Rowse"),
        ("a Respondent's Notice (by Counsel Mr\nTonkin: who also appeared)", "Tonkin"),
    ],
)
def test_counsel(text: str, span: str) -> None:
    assert kind(text, span) is COUNSEL


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("applying R v Penhaligon [2031] 1 WLR 4071, we proceed", "Penhaligon"),
        ("in Tregarthen v Polkinghorne [2029] EWCA Crim 12 the court", "Tregarthen"),
        ("in Tregarthen v Polkinghorne [2029] EWCA Crim 12 the court", "Polkinghorne"),
        ("R v Carveth (1994) 99 Cr App R 123 is in point", "Carveth"),
        ("R v Carveth\n(1994) 99 Cr App R 123 is in point", "Carveth"),
        ("R (Trewin) v Chief Constable of Kernow [2030] EWHC 12 (Admin)", "Trewin"),
        ("Tribunal ex p Jewell [2001] LLR Med 119", "Jewell"),
        ("see Kessock [2026] UKSC 8, para 4", "Kessock"),
        ("Re Trebilcock (No 2) [2028] EWCA Civ 9", "Trebilcock"),
        ("I note that in Rosevear at [13], the court said", "Rosevear"),
        ("the Tregarthen v Polkinghorne line of cases", "Tregarthen v Polkinghorne"),
        ("a Tregarthen v Polkinghorne award is appropriate", "Tregarthen"),
        ("Rosevear v Sutcliffe Catering (UK) Limited [2002] UKEAT/0938/01", "Rosevear"),
        ("and Jewell v Ruritania (Application No 31475/05) (unreported)", "Jewell"),
        ("in Trewin v Regional Court in Kitto (Poland) [2021] EWHC 12 (Admin)", "Trewin"),
        ("Penrose v HMP Bodmin and others [2009] EWHC 1020 (Admin)", "Penrose"),
        ("Truscott CC v KF [2022] EWCOP33 (at [24])", "Truscott CC"),
        ("immaterial: Pascoe v Royal Kernow Hospital NHS Trust\n(UKEAT/0311/14/MC);", "Pascoe"),
    ],
)
def test_cited_cases(text: str, span: str) -> None:
    assert kind(text, span) is CASE


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Defence seeks a Turnbull direction on identification", "Turnbull"),
        ("the judge held a Newton hearing", "Newton"),
        ("He asked for a Goodyear indication", "Goodyear"),
        ("vi) Wednesbury unreasonableness is alleged", "Wednesbury"),
        ("the court applied the Bolam test", "Bolam"),
        ("as CrimPR 25.14 requires", "CrimPR"),
        ("Ground 2 is academic", "Ground"),
        ("The Registrar referred the application", "Registrar"),
        ("The Claimant was not present", "Claimant"),
        ("under Practice Direction 21A", "Practice Direction"),
        ("an application under Appendix EU lapses", "Appendix EU"),
        ("contrary to the Misuse of Drugs Act 1971", "Misuse"),
        ("the Paternal Grandmother gave evidence", "Paternal Grandmother"),
        ("the Bill was before Parliament", "Bill"),
        ("the Trelawny report was published", "Trelawny"),
        ("in the event that the Trelawny\nreport were disclosed", "Trelawny"),
    ],
)
def test_legal_terms(text: str, span: str) -> None:
    assert kind(text, span) is TERM


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("officers from Merseyside Police attended", "Merseyside"),
        ("DC 5245 SMITH, Kernow and Penwith Constabulary", "Kernow"),
        ("he was taken to St James's University Hospital", "St James"),
        ("a report of Alder Hey Children's Hospital", "Alder Hey"),
        ("remanded to HMP Bodmin Moor", "Bodmin Moor"),
        ("tried at the Crown Court at Wood Green", "Wood Green"),
        ("(instructed by Messrs Roberts, Moore, Nicholas and Jones) for the appellant", "Nicholas"),
        ("the firm Penrose Tonkin LLP wrote", "Penrose Tonkin"),
        ("a lecturer at Trenwith University", "Trenwith University"),
        ("the London Borough of Hackstead", "Hackstead"),
        # Shops and businesses: named before their address, or with their kind.
        ("the defendant entered Brindlecost, 14 Fore Street, Pennick", "Brindlecost"),
        ("I am a store detective at\nValuemart, Unit 3, 7 Quay Road, Pennick", "Valuemart"),
        ("till receipts from Brindlecost\nStore", "Brindlecost"),
        ("he walked into Halden Pharmacy, 2 Mill Lane", "Halden Pharmacy"),
    ],
)
def test_institutions(text: str, span: str) -> None:
    assert kind(text, span) is BODY


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("the Treverbyn coalition won the vote", "Treverbyn"),
        ("fighting in the Kellow region continued", "Kellow"),
        ("unrest in Polventon Region and the capital", "Polventon"),
        ("the Carnmenellis People's Liberation Front", "Carnmenellis"),
        ("the Penhallow regime fell in 2004", "Penhallow"),
    ],
)
def test_places_and_political_bodies(text: str, span: str) -> None:
    assert kind(text, span) is BODY


OFFICE = LegalKind.PUBLIC_OFFICE


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("opponents of former President Trevanion were arrested", "Trevanion"),
        ("President Trevanion announced an amnesty", "President Trevanion"),
        ("The present Prime Minister, Ysolt Carew, said so", "Ysolt Carew"),
        ("a question from Ruan Pascoe MP in the House", "Ruan Pascoe"),
        ("the Home Secretary, Morwenna Hosking, decided", "Morwenna Hosking"),
    ],
)
def test_holders_of_public_office(text: str, span: str) -> None:
    assert kind(text, span) is OFFICE
    assert OFFICE in PEOPLE  # kept as a person at their public work


def test_an_office_holder_named_bare_later_is_still_one() -> None:
    names = LegalNames.of(["Opponents of President Jory Trevanion face no risk."])
    for later, span in [
        ("Trevanion later formed a government.", "Trevanion"),
        ("Jory Trevanion won again.", "Jory Trevanion"),
        ("Jory spoke first.", "Jory"),
    ]:
        assert names.kind_at(later, *_at(later, span)) is OFFICE, later
    other = "Mr Trevanion of 4 Mill Lane saw it."  # a title: anyone of that name
    assert names.kind_at(other, *_at(other, "Trevanion")) is None


def test_a_shop_named_once_before_its_address_is_a_shop_on_other_pages() -> None:
    names = LegalNames.of(["The defendant entered Brindlecost, 14 Fore Street, Pennick."])
    later = "Staff at Brindlecost stopped him."
    assert names.kind_at(later, *_at(later, "Brindlecost")) is BODY


@pytest.mark.parametrize(
    ("text", "span"),
    [
        # The title of the case itself: the defendant, not a cited case.
        ("R v Daniel HOLLOWAY\nURN 01AB2345624", "Daniel HOLLOWAY"),
        ("R v Daniel HOLLOWAY\nURN 01AB2345624", "HOLLOWAY"),
        ("REGINA v Daniel Kieran HOLLOWAY", "Daniel Kieran HOLLOWAY"),
        # Lay people in legal prose.
        ("The appellant's neighbour, Mrs Alwen Pryce, said she saw him", "Alwen Pryce"),
        ("I heard Jane Tonkin warning him to stop", "Jane Tonkin"),
        ("Jane Tonkin of Merseyside Police took my statement", "Jane Tonkin"),
        ("Jane Tonkin argued with her neighbour", "Jane Tonkin"),
        ("I went to see Dr Polglase's Surgery", "Polglase"),
        ("Tom Hughes for the defendant's mother", "Tom Hughes"),
        # Initials and forms, not post-nominals.
        ("Statement of Daniel J Holloway", "Daniel"),
        ("Name: BROWN, J\nDOB 01/01/1990", "BROWN"),
        ("Name: Jane SMITH\nPolice station: Walton Lane", "Jane SMITH"),
        ("Master Daniel Holloway, aged 9", "Daniel Holloway"),
        ("Mr Holloway told the officer", "Holloway"),
        ("Turnbull said he had seen the car", "Turnbull"),
        # A person's name before an address stays a name: only a one-word shop is read so.
        ("He was at Mary Jones, 14 Mill Lane", "Mary Jones"),
        ("I stayed with Mary Jones, 14 Mill Lane", "Mary Jones"),
        ("I spoke to Mrs Pryce, 12 Mill Lane", "Mrs Pryce"),
        # Offices and bodies: only where the office or the body's word is written.
        ("I saw Mr King Tonkin at the bus stop", "Tonkin"),
        ("the President of the tennis club, Mrs Pryce, said", "Mrs Pryce"),
        ("Jane Tonkin's party was on the Saturday", "Jane Tonkin"),
        ("Dean Tonkin and his brother ran off", "Dean Tonkin"),
    ],
)
def test_people_stay_people(text: str, span: str) -> None:
    assert kind(text, span) is None
    assert not not_a_person(text, *_at(text, span))


BUNDLE = [
    "Mr Alwyn Treharne KC and Ms Bea Ostler (instructed by Penrose Solicitors) for the appellant\n"
    "Mr Piran Rowse for the Crown\nBefore: Lord Justice Quarrendon\n",
    "The defence relied on R v Kessock [2026] UKSC 8 and Tregarthen v Polkinghorne [2029] "
    "EWCA Crim 12. He was held at Ashworth Hospital.\n",
    "Mr Treharne said that in Kessock the court was wrong. Ms Treharne, the victim's aunt, "
    "was at home. Mrs Ostler gave evidence. Quarrendon agreed. Kessock lays down a rule. "
    "Tregarthen v Polkinghorne did not decide it. He was returned to Ashworth.\n",
]


@pytest.mark.parametrize(
    ("span", "nth", "expected"),
    [
        ("Treharne", 0, COUNSEL),  # "Mr Treharne", introduced as counsel pages before
        ("Ms Treharne", 0, None),  # a woman's title: not Mr Treharne KC
        # "Mrs" and "Ms" are both a woman's titles: taken for the same counsel. A witness
        # the case knows is placed by the case before this is asked (policy.decide).
        ("Ostler", 0, COUNSEL),
        ("Kessock", 0, CASE),  # "in Kessock"
        ("Kessock", 1, CASE),  # bare, and the texts never make Kessock a person
        ("Tregarthen", 0, CASE),  # one side of a cited pair
        ("Polkinghorne", 0, CASE),
        ("Quarrendon", 0, JUDGE),
        ("Ashworth", 0, BODY),  # "returned to Ashworth" after "Ashworth Hospital"
    ],
)
def test_what_the_bundle_said_before(span: str, nth: int, expected: LegalKind | None) -> None:
    names = LegalNames.of(BUNDLE)
    page = BUNDLE[2]
    assert names.kind_at(page, *_at(page, span, nth)) is expected


def test_cited_party_also_written_as_a_person_needs_a_cue() -> None:
    pages = [
        "see Trewin v Kitto [2027] EWCA Crim 3.\n",
        "Mr Trewin was deprived of his pay. In Trewin the court said so. Trewin spoke.\n",
    ]
    names = LegalNames.of(pages)
    page = pages[1]
    assert names.kind_at(page, *_at(page, "Trewin", 0)) is None  # "Mr Trewin"
    assert names.kind_at(page, *_at(page, "Trewin", 1)) is CASE  # "In Trewin"
    assert names.kind_at(page, *_at(page, "Trewin", 2)) is None  # a person elsewhere


def test_the_title_of_this_case_is_never_a_cited_case() -> None:
    # The bundle cites a case whose party shares the defendant's surname.
    pages = [
        "R v Daniel HOLLOWAY\nThe Crown relies on R v Holloway [2027] EWCA Crim 9.\n",
        "R v HOLLOWAY\nSummary of the case against the defendant.\n",
    ]
    names = LegalNames.of(pages)
    assert names.kind_at(pages[0], *_at(pages[0], "Daniel HOLLOWAY")) is None
    assert names.kind_at(pages[1], *_at(pages[1], "HOLLOWAY")) is None
    # ... while the citation itself is the cited case.
    assert names.kind_at(pages[0], *_at(pages[0], "Holloway")) is CASE


def test_kinds_split_into_people_and_not_people() -> None:
    assert set(LegalKind) == PEOPLE | NOT_PEOPLE
    assert not PEOPLE & NOT_PEOPLE


def test_a_company_party_is_named_again_by_its_first_word() -> None:
    pages = [
        "the decision of the EAT in Polwhele (Kernow) Limited v Hosken [1994] ICR 962\n",
        "I am bound to follow Polwhele v Hosken. Hosken lays down no rule.\n",
    ]
    names = LegalNames.of(pages)
    page = pages[1]
    assert names.kind_at(page, *_at(page, "Polwhele")) is CASE
    assert names.kind_at(page, *_at(page, "Hosken")) is CASE
    assert names.kind_at(page, *_at(page, "Hosken", 1)) is CASE


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        # A quoted passage ends, the next paragraph's number follows the post-nominal.
        ("an offence. As Fennimore J 81. As I said in A v B", "Fennimore J", JUDGE),
        # A knight or dame listed with judges sits with them.
        ("(Quarrendon LJ; Ashdown J; Sir Peter Tallis)", "Sir Peter Tallis", JUDGE),
        ("(Ashdown and Quarrendon LJJ and Dame Ruth Penhale) dismissed it", "Dame Ruth Penhale",
         JUDGE),
        # A knight outside a bench is whoever the rest of the text says.
        ("my neighbour Sir Tom Hale and his wife", "Sir Tom Hale", None),
        ("I saw Sir Tom Hale; he was shouting", "Sir Tom Hale", None),
    ],
)  # fmt: skip
def test_judges_by_their_place_in_a_list_or_before_a_paragraph_number(
    text: str, span: str, expected: LegalKind | None
) -> None:
    assert kind(text, span) is expected


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        # One side of a civil case whose other side is not the Crown: a cited case.
        ("as the EAT said in Northfield Coal Board v Quennell, time runs", "Quennell", CASE),
        ("the claim: Quennell v Eastvale Borough Council (unreported)", "Quennell", CASE),
        ("the decision in Quennell is neither evidence nor argument", "Quennell", CASE),
        # The Crown on the other side: the defendant of a prosecution, a person.
        ("The appeal in R v Quennell was heard", "Quennell", None),
        ("In Quennell v R the court", "Quennell", None),
        ("DPP v Quennell", "Quennell", None),
    ],
)
def test_one_side_of_a_civil_case_is_a_case_name_but_a_prosecutions_defendant_is_not(
    text: str, span: str, expected: LegalKind | None
) -> None:
    assert kind(text, span) is expected


def test_a_knight_listed_with_judges_is_a_judge_wherever_named_again() -> None:
    text = "[2006] IPT 3 (Quarrendon LJ; Ashdown J; Sir Peter\nTallis). Later Sir Peter Tallis sat."
    names = LegalNames.of([text])
    start = text.rindex("Sir Peter Tallis")
    assert names.kind_at(text, start, start + len("Sir Peter Tallis")) is JUDGE
