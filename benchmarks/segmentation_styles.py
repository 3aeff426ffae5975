"""Bundles written by code in styles that are not the MG templates, with their truth.

Every person, place and number is invented (Faker ``en_GB``, seeded). The styles:

==============  ===========================================================================
``plain``       plain-text s.9 statements ("I, X, make this statement"), no form code;
                continuation pages with no header, a page count or "(continued)"
``columns``     two-column pages: a label column and a value column (a summary or a
                schedule), or running text set in two columns
``letter``      letters (letterhead, "Dear", "Yours sincerely") and emails (From/To/Subject)
``notebook``    police notebook transcriptions with a running heading on every page
``interview``   interview transcripts, several pages, "interview concluded"
``legal``       judgment-like and practice-direction-like pages that mention sensitive
                schedules, MG6D and witness contact details, and a contents page
``removed``     pages that must go, in plain styles: a sensitive schedule, a witness's
                contact details page, a charging advice, all without the MG layout
==============  ===========================================================================

    build_style_bundle(seed) -> (pdf bytes, truth)

The truth gives each page's kind and each document's first page (1-based); a kind of
``other`` is met by ``other`` only (the benchmark also counts "other or better").
"""

from __future__ import annotations

import random
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pymupdf
from faker import Faker

STYLES = ("plain", "columns", "letter", "notebook", "interview", "legal", "removed")

_WIDTH = 92  # characters per line of running text in 10 pt Helvetica on A4
_LINES_PER_PAGE = 52


@dataclass
class _Doc:
    """One document: its kind, style and pages (each a list of lines or a drawing)."""

    kind: str
    style: str
    pages: list[Callable[[Any], None]] = field(default_factory=list)


def _lines_page(lines: list[str]) -> Callable[[Any], None]:
    def draw(page: Any) -> None:
        for i, line in enumerate(lines[:_LINES_PER_PAGE]):
            page.insert_text((56, 60 + i * 14), line, fontname="helv", fontsize=10)

    return draw


def _two_columns(title: list[str], left: list[str], right: list[str]) -> Callable[[Any], None]:
    def draw(page: Any) -> None:
        for i, line in enumerate(title):
            page.insert_text((56, 60 + i * 16), line, fontname="hebo", fontsize=12)
        top = 60 + len(title) * 16 + 10
        for column, x in ((left, 56), (right, 310)):
            for i, line in enumerate(column[: _LINES_PER_PAGE - 4]):
                page.insert_text((x, top + i * 14), line, fontname="helv", fontsize=10)

    return draw


class _Writer:
    """Invented people and prose for one bundle."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fake = Faker("en_GB")
        self.fake.seed_instance(seed)

    def person(self) -> str:
        return f"{self.fake.first_name()} {self.fake.last_name().upper()}"

    def officer(self) -> str:
        rank = self.rng.choice(("PC", "DC", "PS", "DS"))
        return f"{rank} {self.rng.randint(100, 9999)} {self.fake.last_name().upper()}"

    def date(self) -> str:
        return self.fake.date_between("-2y", "today").strftime(
            self.rng.choice(("%d/%m/%Y", "%d %B %Y", "%d.%m.%Y"))
        )

    def sentences(self, n: int, who: str = "") -> list[str]:
        """Statement-like prose, wrapped: not lorem ipsum, but no real events either."""
        bits = [
            f"At about {self.rng.randint(1, 12)} o'clock I was walking along "
            f"{self.fake.street_name()} towards the shops.",
            f"I saw a man I now know to be {who or self.person()} standing by a parked car.",
            "He was shouting and waving his arms, and I could see that he was angry.",
            f"I have known {self.fake.first_name()} for about {self.rng.randint(2, 20)} years.",
            f"The lighting was good because the street lamps were on near {self.fake.city()}.",
            "I did not see where he went after that because a bus came past.",
            "Later that day I spoke to an officer and gave a description of what I saw.",
            "I am willing to attend court to give evidence if I am required to do so.",
            f"I made a note of the time on my phone, which showed {self.rng.randint(10, 23)}:"
            f"{self.rng.randint(10, 59)}.",
            "Nothing blocked my view and I was about ten metres away from him.",
        ]
        text = " ".join(self.rng.choice(bits) for _ in range(n))
        return textwrap.wrap(text, _WIDTH)


def _paginate(head: list[str], body: list[str], room: int) -> list[list[str]]:
    """Split ``body`` lines over pages of ``room`` lines, ``head`` on the first only."""
    pages = [head + body[: room - len(head)]]
    rest = body[room - len(head) :]
    while rest:
        pages.append(rest[:room])
        rest = rest[room:]
    return pages


def _plain_statement(w: _Writer) -> _Doc:
    maker = w.person()
    head = [
        w.rng.choice(("STATEMENT OF WITNESS", "Witness Statement", "STATEMENT")),
        "(Criminal Justice Act 1967, s.9)" if w.rng.random() < 0.5 else "",
        f"I, {maker}, make this statement believing it to be true.",
        "",
    ]
    body = w.sentences(w.rng.randint(6, 60))
    body += ["", f"Signed: {maker}", f"Dated: {w.date()}"]
    pages = _paginate(head, body, 40)
    continuation = w.rng.randrange(3)
    docs = _Doc("witness_statement", "plain")
    for n, lines in enumerate(pages, start=1):
        if n > 1 and continuation == 1:
            lines = [f"Statement of {maker} (continued)", "", *lines]
        if continuation == 2:
            lines = [*lines, "", f"Page {n} of {len(pages)}"]
        docs.pages.append(_lines_page(lines))
    return docs


def _columns(w: _Writer) -> _Doc:
    if w.rng.random() < 0.5:
        who = w.person()
        labels = ["Defendant", "Date of birth", "Offence", "Date of offence", "Officer", "Court"]
        values = [who, w.date(), "Assault by beating", w.date(), w.officer(), "Magistrates"]
        title = [w.rng.choice(("CASE SUMMARY", "Summary of the case")), ""]
        narrative = w.sentences(8, who)
        return _Doc(
            "case_summary",
            "columns",
            [_two_columns(title, [*labels, "", *narrative[:20]], values)],
        )
    items = [
        f"{n}. {w.rng.choice(('CCTV', 'Call log', 'Notebook', 'Custody record'))}"
        for n in range(1, 12)
    ]
    where = [w.rng.choice(("Station store", "Digital system", "Held by OIC")) for _ in items]
    title = [
        w.rng.choice(
            ("SCHEDULE OF NON-SENSITIVE UNUSED MATERIAL", "Non-sensitive unused material")
        ),
        "",
    ]
    return _Doc("unused_material_schedule", "columns", [_two_columns(title, items, where)])


def _letter(w: _Writer) -> _Doc:
    if w.rng.random() < 0.35:
        lines = [
            f"From: {w.fake.first_name().lower()}.{w.fake.last_name().lower()}@example.police.uk",
            f"To: {w.fake.first_name().lower()}@example.gov.uk",
            f"Sent: {w.date()}",
            f"Subject: {w.rng.choice(('Outstanding exhibits', 'File update', 'Court date'))}",
            "",
            *w.sentences(w.rng.randint(2, 6)),
            "",
            "Regards",
            w.officer(),
        ]
        return _Doc("other", "letter", [_lines_page(lines)])
    sender = w.fake.company()
    head = [
        sender,
        w.fake.street_address().replace("\n", ", "),
        w.fake.postcode(),
        "",
        w.date(),
        "",
        f"Our ref: {w.rng.randint(1000, 99999)}",
        "",
        f"Dear {w.rng.choice(('Sir or Madam', 'Officer', w.person().split()[0]))},",
        "",
    ]
    body = [*w.sentences(w.rng.randint(4, 50)), "", "Yours sincerely,", "", w.person()]
    pages = _paginate(head, body, 44)
    return _Doc("other", "letter", [_lines_page(p) for p in pages])


def _notebook(w: _Writer) -> _Doc:
    who = w.officer()
    heading = w.rng.choice(
        (f"POCKET NOTEBOOK ENTRY - {who}", f"Transcript of pocket notebook: {who}")
    )
    entries: list[str] = []
    for _ in range(w.rng.randint(6, 40)):
        entries += textwrap.wrap(
            f"{w.rng.randint(0, 23):02d}{w.rng.randint(0, 59):02d} hrs " + " ".join(w.sentences(1)),
            _WIDTH,
        )
    pages = _paginate([], entries, 38)
    return _Doc("other", "notebook", [_lines_page([heading, "", *p]) for p in pages])


def _interview(w: _Writer) -> _Doc:
    who = w.person()
    officer = w.officer()
    head = [
        w.rng.choice(("TRANSCRIPT OF INTERVIEW", "Record of tape recorded interview")),
        f"Person interviewed: {who}",
        f"Interviewing officer: {officer}",
        f"Date: {w.date()}",
        "",
    ]
    body: list[str] = []
    for _ in range(w.rng.randint(8, 60)):
        body += textwrap.wrap(w.rng.choice(("Q: ", "A: ")) + " ".join(w.sentences(1)), _WIDTH)
    body += ["", "Interview concluded."]
    pages = _paginate(head, body, 40)
    return _Doc("interview_record", "interview", [_lines_page(p) for p in pages])


_LEGAL = (
    "The prosecution prepared a schedule of sensitive unused material (MG6D) which was "
    "reviewed by the prosecutor. Material on that schedule will not be disclosed to the "
    "defence unless the court orders otherwise, and the witness contact details held on the "
    "rear of each witness statement are not served. The disclosure officer's report was "
    "considered by the judge in the absence of the defence. In our judgment the approach "
    "taken was correct and the charging decision was properly reviewed."
)


def _legal(w: _Writer) -> _Doc:
    if w.rng.random() < 0.3:
        lines = [
            "Contents",
            "",
            "1. General matters ........ 1",
            "2. Witness statements and witness contact details ........ 4",
            "3. Schedule of sensitive unused material (MG6D) ........ 7",
            "4. Disclosure officer's report (MG6E) ........ 9",
            "5. Case summary and the charging decision ........ 12",
        ]
        return _Doc("other", "legal", [_lines_page(lines)])
    paras: list[str] = []
    for n in range(1, w.rng.randint(6, 30)):
        paras += [*textwrap.wrap(f"{n}. {_LEGAL}", _WIDTH), ""]
    head = [
        f"R v {w.fake.last_name()}",
        w.rng.choice(("Judgment", "Approved Judgment", "Criminal Practice Direction")),
        "",
    ]
    pages = _paginate(head, paras, 48)
    return _Doc("other", "legal", [_lines_page(p) for p in pages])


def _removed(w: _Writer) -> _Doc:
    choice = w.rng.randrange(3)
    if choice == 0:
        rows = [
            f"{n}. {w.rng.choice(('Informant log', 'Intelligence report'))}" for n in range(1, 9)
        ]
        lines = [
            w.rng.choice(("SCHEDULE OF SENSITIVE MATERIAL", "Sensitive unused material schedule")),
            "",
            *rows,
        ]
        return _Doc("not_disclosable", "removed", [_lines_page(lines)])
    if choice == 1:
        who = w.person()
        lines = [
            "WITNESS CONTACT DETAILS",
            f"Witness: {who}",
            f"Home address: {w.fake.street_address().replace(chr(10), ', ')}",
            f"Home telephone: {w.fake.phone_number()}",
            f"Mobile: {w.fake.phone_number()}",
            f"Email address: {w.fake.free_email()}",
            "Preferred means of contact: mobile",
        ]
        return _Doc("witness_contact_details", "removed", [_lines_page(lines)])
    lines = [
        w.rng.choice(("REPORT TO CROWN PROSECUTOR FOR CHARGING DECISION", "Charging decision")),
        "",
        *w.sentences(6),
    ]
    return _Doc("not_disclosable", "removed", [_lines_page(lines)])


def _expert(w: _Writer) -> _Doc:
    """An expert's report: numbered section headings, pages numbered "Page n" only."""
    author = f"Dr {w.fake.first_name()} {w.fake.last_name()}"
    body: list[str] = []
    for n, section in enumerate(("INTRODUCTION", "INSTRUCTIONS", "FINDINGS", "OPINION"), 1):
        body += [f"{n}. {section}", *w.sentences(w.rng.randint(3, 14)), ""]
    body += ["Statement of truth", f"I confirm that this report is my own work. {author}"]
    head = [f"EXPERT REPORT OF {author.upper()}", f"Prepared for the court on {w.date()}", ""]
    pages = _paginate(head, body, 42)
    return _Doc(
        "other",
        "expert",
        [_lines_page([*p, "", f"Page {n}"]) for n, p in enumerate(pages, start=1)],
    )


def _transcript(w: _Writer) -> _Doc:
    """A transcript of a 999 call or of text messages, exhibited by an officer."""
    letters = w.fake.random_uppercase_letter() + w.fake.random_uppercase_letter()
    exhibit = f"{letters}/{w.rng.randint(1, 9)}"
    if w.rng.random() < 0.5:
        head = [f"Transcript of 999 call - exhibit {exhibit}", ""]
        speakers = ("Operator: ", "Caller: ")
    else:
        head = [f"Exhibit {exhibit}: messages between two phones", ""]
        speakers = (f"[{w.date()} 21:0{w.rng.randint(0, 9)}] A: ", "B: ")
    body: list[str] = []
    for _ in range(w.rng.randint(6, 50)):
        body += textwrap.wrap(w.rng.choice(speakers) + " ".join(w.sentences(1)), _WIDTH)
    return _Doc("other", "transcript", [_lines_page(p) for p in _paginate(head, body, 44)])


def _personal_statement(w: _Writer) -> _Doc:
    """A victim personal statement in plain form."""
    maker = w.person()
    head = [
        "VICTIM PERSONAL STATEMENT",
        f"Name: {maker}",
        f"I, {maker}, make this statement about how the offence has affected me.",
        "",
    ]
    body = [*w.sentences(w.rng.randint(4, 30)), "", f"Signed {maker}", f"Date {w.date()}"]
    return _Doc(
        "witness_statement", "personal", [_lines_page(p) for p in _paginate(head, body, 44)]
    )


#: Styles written after the rules were first tuned (measured once before the rules saw
#: them; see ``segmentation_corpus.py``): their figures are quoted separately.
LATER: dict[str, Callable[[_Writer], _Doc]] = {
    "expert": _expert,
    "transcript": _transcript,
    "personal": _personal_statement,
}


def build_later_bundle(seed: int, documents: int = 6) -> tuple[bytes, dict[str, Any]]:
    """A bundle mixing the later styles with the others, and its truth."""
    w = _Writer(seed)
    makers = [*LATER.values(), *LATER.values(), *_MAKERS.values()]
    return _render([w.rng.choice(makers)(w) for _ in range(documents)])


_MAKERS: dict[str, Callable[[_Writer], _Doc]] = {
    "plain": _plain_statement,
    "columns": _columns,
    "letter": _letter,
    "notebook": _notebook,
    "interview": _interview,
    "legal": _legal,
    "removed": _removed,
}


def build_style_bundle(seed: int, documents: int = 8) -> tuple[bytes, dict[str, Any]]:
    """A bundle of ``documents`` documents in the styles above, and its truth."""
    w = _Writer(seed)
    return _render([_MAKERS[w.rng.choice(STYLES)](w) for _ in range(documents)])


def _render(docs: list[_Doc]) -> tuple[bytes, dict[str, Any]]:
    pdf = pymupdf.open()
    kinds: list[str] = []
    styles: list[str] = []
    starts: list[int] = []
    for doc in docs:
        starts.append(len(kinds) + 1)
        for draw in doc.pages:
            draw(pdf.new_page())
            kinds.append(doc.kind)
            styles.append(doc.style)
    data: bytes = pdf.tobytes(garbage=4, deflate=True)
    pdf.close()
    return data, {"page_kinds": kinds, "page_styles": styles, "starts": starts}
