"""A labelled corpus of synthetic case-paper pages, built from code (Faker en_GB + invented).

Every page is a run of sentences: most carry one or more labelled spans of
personal data, written in the many ways case papers write them; the rest are
hard negatives that hold no personal data at all (incident dates and times,
court references and URNs, invalid NHS numbers, sums of money, exhibit numbers,
collar numbers, road numbers). Labels are exact character spans.

An address with a postcode is one ``UK_ADDRESS`` span (the postcode inside it is
not labelled again); a postcode standing alone is ``UK_POSTCODE``. Names are the
name words only, never the title or rank before them.
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable
from dataclasses import dataclass, field

from faker import Faker

#: ``(start, end, entity)``
Span = tuple[int, int, str]
#: A piece of text: plain (``str``) or labelled (``(text, entity)``).
Piece = str | tuple[str, str]


@dataclass
class Page:
    """One page of text and its labelled spans."""

    text: str = ""
    spans: list[Span] = field(default_factory=list)

    def add(self, pieces: list[Piece]) -> None:
        """Append a sentence made of plain and labelled pieces."""
        for piece in pieces:
            if isinstance(piece, tuple):
                value, entity = piece
                self.spans.append((len(self.text), len(self.text) + len(value), entity))
                self.text += value
            else:
                self.text += piece


TOWNS = (
    "Liverpool Bootle Walton Manchester Salford Stockport Leeds Bradford Sheffield York "
    "Birmingham Coventry Solihull Bristol Bath Cardiff Swansea Newport Nottingham Derby "
    "Leicester Norwich Ipswich Exeter Plymouth Truro Carlisle Preston Blackpool Wigan Bolton "
    "Oldham Rochdale Sunderland Durham Gateshead Hull Lincoln Oxford Reading Luton"
).split()
LOCALITIES = ["West Derby", "Old Swan", "Kings Heath", "Chorlton", "Headingley", "Roath",
              "Clifton", "Jesmond", "Edgbaston", "Moseley", "Didsbury", "Anfield"]  # fmt: skip
STREET_TYPES = (
    "Road Street Avenue Lane Close Drive Way Crescent Grove Place Gardens Terrace Walk "
    "Hill Park Square Mews Row Rise View Vale Parade Green"
).split()
STREET_STEMS = (
    "Mill Church Station Victoria Albert Queens Kings Park Acacia Oak Elm Beech Willow "
    "Chestnut Manor Grange Meadow Orchard Spring Windsor York Granville Stanley Hawthorn"
).split()
HOUSE_NAMES = ["Rose Cottage", "The Old Rectory", "Ivy House", "Orchard Lodge", "Mill Farm",
               "Holly Cottage", "The Barn", "Beech House", "Church Farm"]  # fmt: skip
_AREA1, _AREA2, _UNIT = "ABCDEFGHIJKLMNOPRSTUWYZ", "ABCDEFGHKLMNOPQRSTUVWXY", "ABDEFGHJLNPQRSTUWXYZ"
_NHS_WEIGHTS = range(10, 1, -1)
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]  # fmt: skip


class Generator:
    """Random values of every kind, from one seed."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fake = Faker("en_GB")
        self.fake.seed_instance(seed)

    def pick(self, items: list[str] | tuple[str, ...]) -> str:
        return self.rng.choice(items)

    def digits(self, n: int) -> str:
        return "".join(self.rng.choice(string.digits) for _ in range(n))

    def name(self) -> str:
        first, last = self.fake.first_name(), self.fake.last_name()
        return self.pick([f"{first} {last}", f"{first} {last.upper()}", f"{first} {last}"])

    def surname(self) -> str:
        return str(self.fake.last_name())

    def postcode(self) -> str:
        r = self.rng
        shape = r.choice(["A9", "A99", "AA9", "AA99", "AA9A", "A9A"])
        out = r.choice(_AREA1)
        for i, kind in enumerate(shape[1:], start=1):
            if kind == "9":
                out += r.choice(string.digits[1:] if i == 1 else string.digits)
            elif i == 1:
                out += r.choice(_AREA2)
            else:
                out += r.choice("ABCDEFGHJKPSTUW" if shape == "A9A" else "ABEHMNPRVWXY")
        inward = r.choice(string.digits) + r.choice(_UNIT) + r.choice(_UNIT)
        return out + r.choice([" ", " ", " ", ""]) + inward

    def street(self) -> str:
        r = self.rng
        number = self.pick(
            [
                str(r.randint(1, 220)),
                f"{r.randint(1, 99)}A",
                f"{r.randint(1, 40)}b",
                str(r.randint(1, 9)),
            ]
        )
        return f"{number} {self.pick(STREET_STEMS)} {self.pick(STREET_TYPES)}"

    def address(self) -> str:
        r, town, postcode = self.rng, self.pick(TOWNS), self.postcode()
        street = self.street()
        shape = r.randrange(7)
        if shape == 0:
            return f"{street}, {town} {postcode}"
        if shape == 1:
            return f"{street}, {self.pick(LOCALITIES)}, {town}, {postcode}"
        if shape == 2:
            return f"Flat {r.randint(1, 30)}, {street}, {town} {postcode}"
        if shape == 3:
            return f"{street}\n{self.pick(LOCALITIES)}\n{town}\n{postcode}"
        if shape == 4:
            lane = f"{self.pick(STREET_STEMS)} {self.pick(STREET_TYPES)}"
            return f"{self.pick(HOUSE_NAMES)}, {lane}, {town} {postcode}"
        if shape == 5:
            return f"{street.upper()}, {town.upper()}, {postcode}"
        return f"{street}, {town}, {postcode.lower()}"

    def phone(self) -> str:
        r = self.rng
        tail = f"{r.randint(0, 999):03d}"
        shape = r.randrange(9)
        forms = [
            f"07700 900{tail}", f"07700900{tail}", f"+44 (0)7700 900{tail}",
            f"+44 7700 900{tail}", f"020 7946 0{tail}", f"0161 496 0{tail}",
            f"(0113) 496 0{tail}", f"01632 960{tail}", f"0117-496-0{tail}",
        ]  # fmt: skip
        return forms[shape]

    def email(self) -> str:
        first, last = self.fake.first_name().lower(), self.fake.last_name().lower()
        domain = self.pick(["example.com", "example.co.uk", "example.org", "mail.example.net"])
        local = self.pick([f"{first}.{last}", f"{first[0]}{last}{self.rng.randint(1, 99)}",
                           f"{first}_{last}"])  # fmt: skip
        return f"{local}@{domain}"

    def date(self, year_from: int = 1940, year_to: int = 2012) -> str:
        r = self.rng
        d, m, y = r.randint(1, 28), r.randint(1, 12), r.randint(year_from, year_to)
        month = _MONTHS[m - 1]
        suffix = "th" if 4 <= d <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
        return r.choice([
            f"{d:02d}/{m:02d}/{y}", f"{d}.{m}.{y % 100:02d}", f"{d:02d}-{m:02d}-{y}",
            f"{d}{suffix} {month} {y}", f"{d} {month[:3]} {y}", f"{month} {d}, {y}",
            f"{y}-{m:02d}-{d:02d}", f"{d} {month} {y}",
        ])  # fmt: skip

    def nhs(self, valid: bool = True) -> str:
        while True:
            nine = self.digits(9)
            check = (
                11 - sum(int(c) * w for c, w in zip(nine, _NHS_WEIGHTS, strict=True)) % 11
            ) % 11
            if check == 10 or len(set(nine)) == 1:
                continue
            last = check if valid else (check + self.rng.randint(1, 9)) % 10
            n = nine + str(last)
            return self.pick([f"{n[:3]} {n[3:6]} {n[6:]}", n, f"{n[:3]}-{n[3:6]}-{n[6:]}"])

    def nino(self) -> str:
        first = self.pick("ABCEGHJKLMNOPRSTWXYZ")
        second = self.pick("ABCEGHJKLMNPRSTWXYZ")
        if first + second in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}:
            return self.nino()
        d = self.digits(6)
        suffix = self.pick("ABCD")
        return self.pick([f"{first}{second} {d[:2]} {d[2:4]} {d[4:]} {suffix}",
                          f"{first}{second}{d}{suffix}"])  # fmt: skip

    def luhn_card(self) -> str:
        body = self.pick(["4", "5"]) + self.digits(14)
        total = 0
        for i, c in enumerate(reversed(body)):
            v = int(c)
            if i % 2 == 0:
                v = v * 2 - 9 if v > 4 else v * 2
            total += v
        n = body + str((10 - total % 10) % 10)
        return self.pick(
            [f"{n[:4]} {n[4:8]} {n[8:12]} {n[12:]}", n, f"{n[:4]}-{n[4:8]}-{n[8:12]}-{n[12:]}"]
        )

    def iban(self) -> str:
        bban = "".join(self.rng.choice(string.ascii_uppercase) for _ in range(4)) + self.digits(14)
        moved = bban + "GB00"
        check = 98 - int("".join(str(int(c, 36)) for c in moved)) % 97
        iban = f"GB{check:02d}{bban}"
        return self.pick([iban, " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))])

    def vrm(self) -> str:
        r = self.rng
        letters = "ABCDEFGHJKLMNOPRSTUVWXYZ"
        age = r.choice([r.randint(2, 25), r.randint(51, 74)])
        three = "".join(r.choice(letters) for _ in range(3))
        return f"{r.choice(letters)}{r.choice(letters)}{age:02d}{r.choice([' ', ''])}{three}"

    def old_vrm(self) -> str:
        r = self.rng
        three = "".join(r.choice("ABCDEFGHJKLMNPRSTUVWXY") for _ in range(3))
        if r.random() < 0.5:
            return f"{r.choice('ABCDEFGHJKLMNPRSTVWXY')}{r.randint(1, 999)} {three}"
        return f"{three} {r.randint(1, 999)}{r.choice('ABCDEFGHJKLMNPRSTVWXY')}"

    def licence(self) -> str:
        r = self.rng
        surname = (self.surname().upper().replace("'", "").replace("-", "") + "99999")[:5]
        month = r.randint(1, 12) + r.choice([0, 50])
        core = f"{r.randint(0, 9)}{month:02d}{r.randint(1, 28):02d}{r.randint(0, 9)}"
        initials = r.choice(string.ascii_uppercase) + r.choice(string.ascii_uppercase + "9")
        check = "".join(r.choice(string.ascii_uppercase) for _ in range(2))
        return f"{surname}{core}{initials}9{check}"

    def pnc(self) -> str:
        r = self.rng
        letter = r.choice("ABCDEFGHJKLMNPQRTUVWXYZ")
        year = r.randint(1985, 2024)
        return r.choice([f"{year}/{r.randint(0, 9999999):07d}{letter}",
                         f"{year % 100:02d}/{r.randint(1, 999999)}{letter}"])  # fmt: skip


Template = Callable[[Generator], list[Piece]]


def _t(*pieces: Callable[[Generator], Piece] | Piece) -> Template:
    """A template: plain strings and callables giving (labelled) pieces."""

    def build(g: Generator) -> list[Piece]:
        return [p(g) if callable(p) else p for p in pieces]

    return build


def _lab(entity: str, value: Callable[[Generator], str]) -> Callable[[Generator], Piece]:
    return lambda g: (value(g), entity)


def _choice(*options: str) -> Callable[[Generator], Piece]:
    return lambda g: g.pick(options)


A, P, PH, EM = "UK_ADDRESS", "UK_POSTCODE", "PHONE_NUMBER", "EMAIL_ADDRESS"
DOB, AGE, NHS, NI, PER = "DATE_OF_BIRTH", "AGE", "UK_NHS", "UK_NINO", "PERSON"
BANK, VRM, HOSP = "BANK_DETAILS", "VEHICLE_REGISTRATION", "HOSPITAL_NUMBER"
PASS, DL, PNC = "UK_PASSPORT", "UK_DRIVING_LICENCE", "PNC_ID"

name, addr, pc = _lab(PER, Generator.name), _lab(A, Generator.address), _lab(P, Generator.postcode)
phone, email = _lab(PH, Generator.phone), _lab(EM, Generator.email)
dob = _lab(DOB, Generator.date)
age = _lab(AGE, lambda g: str(g.rng.randint(2, 90)))
surname = _lab(PER, Generator.surname)


def incident(g: Generator) -> str:
    """A date of an incident, hearing or statement (not a date of birth)."""
    return g.date(2019, 2025)


POSITIVE: list[Template] = [
    _t("Statement of: ", name, "\n"),
    _t("Name: ", name, "\n"),
    _t(
        _choice("A neighbour, ", "My neighbour, ", "Her friend ", "His brother ", "The caller, "),
        name,
        _choice(", called the police. ", " was also there. ", ", saw it happen. "),
    ),
    _t(
        "I was with my ",
        _choice("mother", "sister", "partner", "cousin", "friend"),
        " ",
        name,
        _choice(" at the time. ", " that evening. "),
    ),
    _t(
        _choice("Mrs ", "Mr ", "Ms ", "Dr "),
        surname,
        _choice(
            " told me she was scared. ", " said he had seen nothing. ", " examined the injury. "
        ),
    ),
    _t(
        _choice("PC ", "DC ", "PS "),
        lambda g: f"{g.rng.randint(100, 9999)} ",
        name,
        _choice(" attended the scene. ", " interviewed the suspect. "),
    ),
    _t("I then spoke to ", name, ", who lives nearby. "),
    _t(
        _choice("Address: ", "Home address: ", "He lives at ", "Address of witness: "),
        addr,
        _choice(". ", "\n"),
    ),
    _t("The burglary took place at ", addr, ". "),
    _t("She moved to ", addr, " last year. "),
    _t(_choice("Postcode: ", "postcode ", "Post code "), pc, _choice(". ", "\n")),
    _t("He was seen near ", pc, " at about 11pm. "),
    _t(_choice("Tel: ", "Mobile: ", "Home tel: ", "Contact number: "), phone, "\n"),
    _t(
        _choice("She called me on ", "His number is ", "I rang ", "Text messages from "),
        phone,
        _choice(". ", " that night. "),
    ),
    _t(_choice("Email: ", "E-mail address: ", "He emailed me from "), email, _choice("\n", ". ")),
    _t(_choice("DOB: ", "D.O.B. ", "Date of birth: ", "Date of Birth: "), dob, "\n"),
    _t(name, " (DOB ", dob, ") was arrested. "),
    _t(_choice("She was born on ", "He was born ", "born on "), dob, " in Leeds. "),
    _t(_choice("aged ", "Aged "), age, _choice(", was present. ", " at the time. ")),
    _t("The victim, ", age, " years old, was injured. "),
    _t("Age: ", age, "\n"),
    _t(
        _choice("NHS No: ", "NHS number ", "N.H.S. no. ", "NHS Number: "),
        _lab(NHS, Generator.nhs),
        _choice("\n", ". "),
    ),
    _t(
        _choice("NI number ", "National Insurance No: ", "NINO: ", "NI No. "),
        _lab(NI, Generator.nino),
        _choice("\n", ". "),
    ),
    _t(
        "Sort code: ",
        _lab(BANK, lambda g: f"{g.digits(2)}-{g.digits(2)}-{g.digits(2)}"),
        " Account number: ",
        _lab(BANK, lambda g: g.rng.choice("123456789") + g.digits(7)),
        "\n",
    ),
    _t(
        "The money went to a/c ",
        _lab(BANK, lambda g: g.rng.choice("123456789") + g.digits(7)),
        ". ",
    ),
    _t("IBAN ", _lab(BANK, Generator.iban), "\n"),
    _t(
        _choice("Her Visa card ", "card number ", "The debit card "),
        _lab(BANK, Generator.luhn_card),
        " was used. ",
    ),
    _t("Found in the wallet: ", _lab(BANK, Generator.luhn_card), ". "),
    _t(
        _choice("a silver Ford Focus, VRM ", "registration ", "the car, reg ", "a van index "),
        _lab(VRM, Generator.vrm),
        ". ",
    ),
    _t("I saw ", _lab(VRM, Generator.vrm), " parked outside. "),
    _t(
        _choice("Vauxhall Astra registration ", "an old car, reg no. "),
        _lab(VRM, Generator.old_vrm),
        ". ",
    ),
    _t(
        _choice("Hospital No: ", "MRN ", "Unit no. ", "Hosp. no "),
        _lab(HOSP, lambda g: g.pick(["RXN", "K", "", "AB"]) + g.digits(g.rng.randint(6, 8))),
        "\n",
    ),
    _t(
        _choice("Passport number: ", "passport no. "),
        _lab(PASS, lambda g: g.rng.choice("123456789") + g.digits(8)),
        ". ",
    ),
    _t(
        _choice("Driving licence: ", "licence no ", "Licence number "),
        _lab(DL, Generator.licence),
        "\n",
    ),
    _t(
        _choice("PNC ID: ", "PNC ", "CRO No "), _lab(PNC, Generator.pnc), "\n"
    ),  # Harder phrasings: partial addresses, business premises, uncued names, noisy text.
    _t(
        _choice("I went back to my flat on ", "She has a flat on ", "They live on "),
        _lab(A, lambda g: f"{g.pick(STREET_STEMS)} {g.pick(STREET_TYPES)}"),
        " with the children. ",
    ),
    _t(
        _choice("She lives at ", "He went back to "),
        _lab(A, lambda g: f"number {g.rng.randint(1, 99)}"),
        _choice(" with her mother. ", ", next door. "),
    ),
    _t("He lives at ", _lab(A, lambda g: f"{g.street()}, {g.pick(TOWNS)}"), ". "),
    _t(
        _choice("The Red Lion public house, ", "Tesco Express, ", "The shop, "),
        addr,
        ", was busy. ",
    ),
    _t("I saw ", name, _choice(" outside the shop. ", " running away. ")),
    _t("The defendant, ", name, ", was arrested. "),
    _t(_choice("Mobile: ", "Tel "), _lab(PH, lambda g: g.phone().replace(" ", "\u00a0")), "\n"),
    _t("Call me on ", _lab(PH, lambda g: " ".join("07700900" + g.digits(3))), ". "),
    _t("Her number was ", _lab(PH, lambda g: f"07700\n900{g.digits(3)}"), " she said. "),
    _t("Email: ", _lab(EM, lambda g: g.email().upper()), "\n"),
    _t("A ", age, _choice("-year-old boy ", "-year-old woman "), "was hurt. "),
    _t("NI no ", _lab(NI, lambda g: g.nino().lower()), ". "),
]

NEGATIVE: list[Template] = [
    _t(
        "The incident happened on ",
        incident,
        " at ",
        lambda g: f"{g.rng.randint(0, 23):02d}:{g.rng.randint(0, 59):02d}",
        " hrs. ",
    ),
    _t("Hearing listed at Liverpool Crown Court on ", incident, " at 10:00. "),
    _t(
        "URN ",
        lambda g: f"{g.rng.randint(1, 99):02d}{g.pick(['AB', 'CD', 'MW', 'YK'])}{g.digits(7)}",
        ". ",
    ),
    _t("Court reference ", lambda g: f"T{g.rng.randint(2019, 2025)}{g.digits(4)}", ". "),
    _t("Case number ", lambda g: f"{g.rng.randint(2019, 2025)}/{g.digits(5)}", "\n"),
    _t("NHS No: ", lambda g: g.nhs(valid=False), " (checked and found to be wrong). "),
    _t("Invoice ", lambda g: g.nhs(valid=True), " was paid. "),
    _t(
        _choice("The loss was £", "Damage estimated at £", "He owed £"),
        lambda g: f"{g.rng.randint(1, 99)},{g.digits(3)}.{g.digits(2)}",
        ". ",
    ),
    _t(
        "Exhibit ",
        lambda g: f"{g.pick(['JS', 'MW', 'AB', 'KL'])}/{g.rng.randint(1, 20)}",
        " was produced. ",
    ),
    _t("Exhibit reference ", lambda g: g.digits(8), ". "),
    _t(
        _choice("PC ", "Collar number ", "PS "),
        lambda g: str(g.rng.randint(100, 9999)),
        _choice(" attended.", " was on duty. "),
    ),
    _t("Crime reference ", lambda g: f"{g.digits(2)}/{g.digits(5)}/{g.digits(2)}", ". "),
    _t(
        "Between ",
        lambda g: f"{g.rng.randint(0, 23):02d}00",
        " and ",
        lambda g: f"{g.rng.randint(0, 23):02d}30",
        " hours it was dark. ",
    ),
    _t("He drove along the ", _choice("M6", "M62", "A580", "A1", "M1"), " at 70 mph. "),
    _t("Statement dated ", incident, ", page 2 of 4. "),
    _t(
        "Interview commenced at ",
        lambda g: f"{g.rng.randint(0, 23):02d}:{g.digits(1)}5",
        " and lasted 42 minutes. ",
    ),
    _t("Tape reference ", lambda g: f"{g.digits(4)}/{g.digits(2)}", ". "),
    _t("Incident log ", lambda g: g.digits(4), " of ", incident, ". "),
]


def build_corpus(seed: int = 7, pages: int = 240, per_page: int = 16) -> list[Page]:
    """Pages of sentences: about three in four carry personal data, the rest do not."""
    g = Generator(seed)
    corpus = []
    for number in range(pages):
        page = Page()
        page.add([f"Page {number + 1} of {pages}\n"])
        for _ in range(per_page):
            pool = POSITIVE if g.rng.random() < 0.75 else NEGATIVE
            page.add(g.rng.choice(pool)(g))
        corpus.append(page)
    return corpus
