"""Whose identifier is it? Owners read from the layout and grammar of the page.

An address, phone number or date of birth is decided by whose it is: the
defendant's own particulars are served, a witness's are not. The case file rarely
says (it names the defendant, seldom their address or phone), so the owner is read
from the page, in three ways, most certain first:

1. **Field blocks.** Forms give a person's particulars as fields under a label that
   says whose they are::

       Defendant: Jane DOE            Defendant
       DOB: 01/02/1980                Jane DOE
       Address: 1 High St, Town       Date of birth
                                      01/02/1980

   A block starts at a person label ("Defendant", "Victim", "Name of witness", or a
   plain "Name" whose value is a person the case knows) and runs over the
   particulars' labels and values that follow ("DOB", "Address", "Tel", "PNC ID",
   ...), however the form lays label and value out (same line, next line), up to
   the next person label or the first line that is neither.
2. **The subject of the document.** A PNC print is about one person: when that
   person is the defendant, its identifiers are the defendant's.
3. **Grammar.** "the defendant's mobile, 07700 900123", "from his own number ...",
   where the last person the sentence named is the defendant; "registered to the
   defendant"; "the defendant was driving a ... registration ..."; "the complainant's
   mobile, 07700 900123" (the victim's); an age set after a person ("The complainant,
   aged 9, ...") is theirs.

An identifier none of these places gets no owner from here (``None``), and the
rules decide it as today: never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from idpc_guard.model import Detection, Document, DocumentKind, Entity, PageText, Role
from idpc_guard.policy.facts import digits, first_line, postcode_of
from idpc_guard.text.names import SAME_PERSON, name_match, parse_name

#: The identifiers an owner is read for (a name is a person, not something they own).
OWNED_ENTITIES = frozenset(
    {
        Entity.UK_ADDRESS,
        Entity.UK_POSTCODE,
        Entity.PHONE_NUMBER,
        Entity.EMAIL_ADDRESS,
        Entity.DATE_OF_BIRTH,
        Entity.UK_NHS,
        Entity.UK_NINO,
        Entity.HOSPITAL_NUMBER,
        Entity.VEHICLE_REGISTRATION,
        Entity.BANK_DETAILS,
        Entity.UK_PASSPORT,
        Entity.UK_DRIVING_LICENCE,
        Entity.PNC_ID,
        Entity.AGE,
    }
)
#: Identifiers that are one person's wherever their value is written again (an age is
#: a bare number: the defendant's 34 is not everyone's 34).
_SAME_VALUE_SAME_OWNER = OWNED_ENTITIES - {Entity.AGE}

# A label ends the line, or is followed by a colon (and its value), or by a wide gap.
_LABEL_TAIL = r"[ \t]*(?:\(s\))?[ \t]*(?::[ \t]*|(?=\n|$)|[ \t]{2,})"
#: In a block of particulars a form may also set a value one space after its label, when
#: the value starts as values do ("Date of birth 28/08/1975", "Surname ACHTERBERG").
_FIELD_TAIL = rf"(?:{_LABEL_TAIL}|(?<=[\w)])[ \t](?=(?-i:[A-Z0-9+(])))"

#: Labels that say whose the particulars below them are.
_PERSON_LABELS: tuple[tuple[re.Pattern[str], Role], ...] = tuple(
    (re.compile(rf"^[ \t]*(?:{words}){_LABEL_TAIL}", re.IGNORECASE), role)
    for words, role in (
        (
            r"(?:name\s+of\s+(?:the\s+)?)?(?:defendant|accused|suspect|offender|"
            r"person\s+charged|interviewee|detained\s+person)(?:'s)?"
            r"(?:\s+(?:name|details|particulars))?",
            Role.DEFENDANT,
        ),
        (
            r"(?:name\s+of\s+(?:the\s+)?)?(?:victim|complainant|injured\s+party|"
            r"aggrieved(?:\s+party)?)(?:'s)?(?:\s+(?:name|details|particulars))?",
            Role.VICTIM,
        ),
        (
            r"(?:name\s+of\s+(?:the\s+)?)?witness(?:'s)?(?:\s+(?:name|details|particulars))?|"
            r"statement\s+of",
            Role.WITNESS,
        ),
        (
            r"officer\s+in\s+(?:the\s+)?case|o\.?i\.?c\.?|(?:interviewing|reporting|"
            r"arresting)\s+officer",
            Role.OFFICER,
        ),
    )
)
#: A label naming a person without saying who they are: the name decides.
_NAME_LABEL = re.compile(
    rf"^[ \t]*(?:full\s+)?(?:name|surname|subject)"
    rf"(?:[ \t]*(?:/|,|and|&)[ \t]*(?:forenames?|first[ \t]+names?|given[ \t]+names?)(?:\(s\))?)?"
    rf"{_FIELD_TAIL}",
    re.IGNORECASE,
)
#: Labels of a person's particulars, as forms write them.
_PARTICULAR_LABEL = re.compile(
    r"^[ \t]*(?:"
    r"d\.?o\.?b\.?|date\s+of\s+birth|place\s+of\s+birth|date\s+and\s+place\s+of\s+birth|born|"
    r"age(?:\s+if\s+under\s+18)?|(?:resides|residing|lives|living|of\s+no\s+fixed)\s+at|"
    r"(?:home\s+|last\s+known\s+|current\s+|permanent\s+|postal\s+|private\s+)?address|"
    r"post\s*code|"
    r"(?:home\s+|work\s+|mobile\s+|contact\s+)?(?:tel(?:ephone)?|phone|mobile)"
    r"(?:\s+(?:no\.?|number))?|"
    r"e-?mail(?:\s+address)?|occupation|"
    r"n\.?i\.?(?:\s*no\.?|\s+number)?|nino|national\s+insurance(?:\s+(?:no\.?|number))?|"
    r"pnc\s*(?:id|no\.?|number)?|cro(?:\s+(?:no\.?|number))?|"
    r"nhs\s+(?:no\.?|number)|hospital\s+(?:no\.?|number)|"
    r"vehicle(?:\s+(?:reg(?:istration)?|vrm))?|vrm|registration(?:\s+(?:no\.?|number|mark))?|"
    r"gender|sex|nationality|ethnicity|forenames?|first\s+names?|aliases?|also\s+known\s+as"
    rf"){_FIELD_TAIL}",
    re.IGNORECASE,
)
_ADDRESS_LABEL = re.compile(
    r"address|post\s*code|(?:resides|residing|lives|living)\s+at", re.IGNORECASE
)
#: The longest run of lines a block may span (a form's particulars fit well within it).
_MAX_BLOCK_LINES = 24
#: Lines an address value may wrap onto after its label.
_MAX_ADDRESS_LINES = 4

_DEFENDANT_WORDS = r"(?:the\s+)?(?:defendant|accused|suspect|offender)"
_POSSESSED = (
    r"(?:own\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:mobile|phone|telephone|number|home|address|house|flat|e-?mail(?:\s+address)?|"
    r"account|car|vehicle|van|motorcycle|lorry|registration)"
    r"(?:\s+(?:number|no\.?|phone))?"
)
#: "the defendant's mobile number, VALUE" / "the accused's own car, VALUE".
_DEFENDANTS_BEFORE = re.compile(
    rf"\b{_DEFENDANT_WORDS}(?:'s|’s)\s+{_POSSESSED}\s*(?:[,:(]|\bis\b|\bwas\b|\bof\b|\bat\b)?\s*$",
    re.IGNORECASE,
)
#: "sent texts from his own number VALUE", "called her from his mobile, VALUE": whose
#: depends on the sentence. Without "own", only a phone or car the subject used
#: ("from", "using", "in") counts: in "rang her mobile" the mobile is the object's.
_PRONOUN_BEFORE = re.compile(
    rf"(?:\b(?:his|her|their)\s+own\s+|\b(?:from|using|on|via|in|with)\s+(?:his|her|their)\s+)"
    rf"{_POSSESSED}\s*(?:[,:(]|\bis\b|\bwas\b|\bof\b|\bat\b|\bas\b)?\s*$",
    re.IGNORECASE,
)
#: "the complainant's mobile, VALUE" / "the victim's home address is VALUE".
_VICTIMS_BEFORE = re.compile(
    rf"\b(?:the\s+)?(?:victim|complainant|injured\s+party)(?:'s|’s)\s+{_POSSESSED}"
    rf"\s*(?:[,:(]|\bis\b|\bwas\b|\bof\b|\bat\b)?\s*$",
    re.IGNORECASE,
)
#: "VALUE, which is registered to the defendant" / "VALUE (the defendant's)".
_DEFENDANTS_AFTER = re.compile(
    rf"^\W{{0,3}}(?:which\s+|that\s+)?(?:is\s+|was\s+)?(?:(?:registered|belonging|"
    rf"issued)\s+to|owned\s+by|used\s+by)\s+{_DEFENDANT_WORDS}\b|^\W{{0,3}}{_DEFENDANT_WORDS}(?:'s|’s)\)",
    re.IGNORECASE,
)
#: The subject's home just before an address: "The defendant, X, ... lives at ADDRESS",
#: "X, of ADDRESS, was arrested".
_LIVES_AT = re.compile(
    r"(?:\b(?:lives|lived|living|resides|resided|residing|stays|stayed|staying)\s+at"
    r"|\b(?:is|was)\s+of|,\s+of)\s*$",
    re.IGNORECASE,
)
#: A date of birth given in a sentence: "was born on", "(date of birth ...", "DOB".
_BORN = re.compile(r"\b(?:born|date\s+of\s+birth|d\.?o\.?b\.?)\b", re.I)
_DEFENDANT_WORD = re.compile(rf"\b{_DEFENDANT_WORDS}\b", re.I)
_VICTIM_WORD = re.compile(r"\b(?:the\s+)?(?:complainant|victim)\b", re.I)
#: The keeper or owner of a vehicle: "registered keeper of", "registered to", "owner".
_KEEPER = re.compile(r"\b(?:registered\s+keeper|keeper|registered\s+(?:owner|to)|owner)\b", re.I)
#: An interviewer asking the interviewee whether the vehicle is theirs.
_ASKED_KEEPER = re.compile(r"\b(?:are|were)\s+you\s+(?:the\s+)?$", re.I)
#: The defendant driving or riding in the sentence before a registration.
_DRIVING = re.compile(r"\b(?:driv\w*|drove|rode|riding|ridden)\b", re.IGNORECASE)
#: The driver named after the vehicle: "... registration X, went through a red light.
#: The driver, NAME, was arrested", "the driver was identified as the defendant".
_DRIVER = re.compile(r"\b(?:the|its)\s+(?:driver|rider)\b", re.IGNORECASE)
#: How far after a registration the narrative may name its driver (two sentences or so).
_DRIVER_WINDOW = 300
#: Words that name the driver, just after "the driver".
_DRIVER_NAMED = 50
#: A registration plate of the current format, another vehicle between a plate and its driver.
_PLATE = re.compile(r"\b[A-Z]{2}[0-9]{2}\s?[A-Z]{3}\b")
#: Other people a sentence may name before a pronoun.
_OTHER_PERSON_WORDS = re.compile(
    r"\b(?:victim|complainant|witness|(?:his|her|their|the)\s+(?:mother|father|partner|"
    r"ex-partner|wife|husband|son|daughter|brother|sister|friend|neighbour)|"
    r"(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z])",
    re.IGNORECASE,
)
#: Someone else's thing between the defendant's verb and the value ("the victim's car").
_ANOTHERS = re.compile(r"(?:'s|’s)\b|\b(?:her|their)\b|" + _OTHER_PERSON_WORDS.pattern, re.I)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n\s*\n")

NameRole = Callable[[str], Role]


@dataclass(frozen=True, slots=True)
class Owner:
    """Whose an identifier is, and what on the page says so (for the report's reason)."""

    role: Role
    evidence: str


@dataclass(frozen=True, slots=True)
class _Block:
    start: int
    end: int
    role: Role
    label: str


def owners(
    detections: Sequence[Detection],
    documents: Sequence[Document],
    texts: Sequence[PageText],
    defendants: Sequence[str],
    name_role: NameRole,
) -> dict[tuple[int, int, int], Owner]:
    """The owner of each identifier the page places, by ``(page, start, end)``.

    ``defendants`` are the defendants' names as the case knows them; ``name_role``
    tells the role of a named person (the case's people).
    """
    by_index = {d.index: d for d in documents}
    subjects = _defendant_documents(documents, defendants)
    people: dict[int, list[tuple[int, Role]]] = {}
    for d in detections:
        if d.entity == Entity.PERSON:
            people.setdefault(d.page, []).append((d.end, name_role(d.text)))
    blocks: dict[int, list[_Block]] = {}
    found: dict[tuple[int, int, int], Owner] = {}
    for detection in detections:
        if detection.entity not in OWNED_ENTITIES:
            continue
        text = texts[detection.page].text
        if detection.page not in blocks:
            blocks[detection.page] = list(field_blocks(text, name_role))
        owner = _in_block(blocks[detection.page], detection)
        if owner is None and detection.document in subjects:
            kind = by_index[detection.document].kind.value.replace("_", " ")
            owner = Owner(Role.DEFENDANT, f"on the {kind} of the defendant")
        if owner is None:
            document = by_index.get(detection.document)
            named = _References(
                defendants,
                people.get(detection.page, ()),
                interviewing=document is not None
                and document.kind is DocumentKind.INTERVIEW_RECORD,
            )
            owner = _by_grammar(detection, text, named)
        if owner is not None:
            found[(detection.page, detection.start, detection.end)] = owner
    return _everywhere(found, detections)


def value_key(entity: str, text: str) -> str:
    """One form of an identifier's value, so that two spellings of it compare equal."""
    if entity == Entity.UK_ADDRESS:
        return first_line(text)
    if entity == Entity.UK_POSTCODE:
        return postcode_of(text) or text.upper()
    if entity == Entity.PHONE_NUMBER:
        return digits(text)
    return re.sub(r"[^0-9A-Z@.]", "", text.upper())


def _everywhere(
    found: dict[tuple[int, int, int], Owner], detections: Sequence[Detection]
) -> dict[tuple[int, int, int], Owner]:
    """The defendant's value is the defendant's wherever it is written.

    A form gives the defendant's address; a statement repeats it in a sentence that
    does not say whose it is: both are the defendant's, and are decided alike.
    """
    keys = {(d.page, d.start, d.end): (d.entity, value_key(d.entity, d.text)) for d in detections}
    theirs = {
        keys[key]: owner
        for key, owner in found.items()
        if owner.role is Role.DEFENDANT
        and key in keys
        and keys[key][1]
        and keys[key][0] in _SAME_VALUE_SAME_OWNER
    }
    for key, value in keys.items():
        if key not in found and value in theirs:
            found[key] = Owner(Role.DEFENDANT, theirs[value].evidence + " (the same value)")
    return found


def field_blocks(text: str, name_role: NameRole) -> Iterator[_Block]:
    """The blocks of particulars under a person label on a page (see the module docstring)."""
    lines = list(_lines(text))
    i = 0
    while i < len(lines):
        start, line = lines[i]
        role, label, value = _person_label(line, name_role, lines, i)
        if role is None:
            i += 1
            continue
        end, i = _block_end(lines, i, value_inline=bool(value))
        yield _Block(start, end, role, label)


def _lines(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1


def _person_label(
    line: str, name_role: NameRole, lines: Sequence[tuple[int, str]], i: int
) -> tuple[Role | None, str, str]:
    for pattern, role in _PERSON_LABELS:
        match = pattern.match(line)
        if match:
            return role, match.group(0).strip(" :\t"), line[match.end() :].strip()
    match = _NAME_LABEL.match(line)
    if match is None:
        return None, "", ""
    value = line[match.end() :].strip()
    if not value and i + 1 < len(lines):
        value = lines[i + 1][1].strip()
    named = name_role(_first_field(value)) if value else Role.UNKNOWN
    if named in (Role.DEFENDANT, Role.VICTIM, Role.WITNESS, Role.OFFICER):
        return named, match.group(0).strip(" :\t"), line[match.end() :].strip()
    return None, "", ""


def _first_field(value: str) -> str:
    """A name field's value without the next field on its line ("DOE, Jane  DOB: ...")."""
    return re.split(r"[ \t]{2,}|\b[A-Z][A-Za-z ]{1,20}:", value)[0].strip(" ,")


def _block_end(lines: Sequence[tuple[int, str]], i: int, *, value_inline: bool) -> tuple[int, int]:
    """Where the block starting at line ``i`` ends (a character offset) and the next line."""
    expecting = not value_inline  # the person's name on the next line
    address_lines = 0
    j = i + 1
    while j < len(lines) and j - i <= _MAX_BLOCK_LINES:
        line = lines[j][1]
        if not line.strip():
            break
        if any(p.match(line) for p, _ in _PERSON_LABELS):
            break
        label = _PARTICULAR_LABEL.match(line)
        if label:
            expecting = not line[label.end() :].strip()
            address_lines = _MAX_ADDRESS_LINES if _ADDRESS_LABEL.search(label.group(0)) else 0
        elif expecting:
            expecting = False
            address_lines = max(0, address_lines - 1)
        elif address_lines and _address_continues(line):
            address_lines -= 1
        else:
            break
        j += 1
    end = lines[j][0] if j < len(lines) else lines[-1][0] + len(lines[-1][1])
    return end, j


def _address_continues(line: str) -> bool:
    """A short line that can be the next line of an address (a town, a postcode)."""
    words = line.split()
    return 0 < len(words) <= 6 and not line.rstrip().endswith((".", ":")) and ":" not in line


def _in_block(blocks: Sequence[_Block], detection: Detection) -> Owner | None:
    for block in blocks:
        if block.start <= detection.start < block.end:
            return Owner(block.role, f"in the particulars under '{block.label}'")
    return None


def _defendant_documents(documents: Sequence[Document], defendants: Sequence[str]) -> set[int]:
    """Documents about one person who is the defendant (a PNC print of the defendant)."""
    about = set()
    for doc in documents:
        if doc.kind is not DocumentKind.PREVIOUS_CONVICTIONS or not doc.fields.names:
            continue
        if all(
            any(name_match(name, d) >= SAME_PERSON for d in defendants) for name in doc.fields.names
        ):
            about.add(doc.index)
    return about


@dataclass(frozen=True, slots=True)
class _References:
    """The defendants' names, and the people named on the page (end offset, role)."""

    defendants: Sequence[str]
    people: Sequence[tuple[int, Role]]
    #: Whether the page is the defendant's interview ("you" is the defendant).
    interviewing: bool = False

    def last_is_defendant(self, text: str, start: int, end: int) -> bool:
        """Whether the last person ``text[start:end]`` names is the defendant."""
        defendant, other = self._mentions(text, start, end)
        return max(defendant, default=-1) > max(other, default=-1)

    def first_is_defendant(self, text: str, start: int, end: int) -> bool:
        """Whether the first person ``text[start:end]`` names (the subject) is the defendant."""
        defendant, other = self._mentions(text, start, end)
        return bool(defendant) and min(defendant) < min(other, default=end + 1)

    def subject_role(self, text: str, start: int, end: int) -> Role | None:
        """The role of the first person ``text[start:end]`` names, if the case knows it.

        "The complainant, X, was 8 (date of birth ...)": the complainant; "The defendant,
        X, was born on ...": the defendant; a name: the role the case gives that name.
        """
        window = text[start:end]
        mentions = [(m.start(), Role.DEFENDANT) for m in _DEFENDANT_WORD.finditer(window)]
        mentions += [(m.start(), Role.VICTIM) for m in _VICTIM_WORD.finditer(window)]
        mentions += [(m.start(), Role.THIRD_PARTY) for m in _OTHER_PERSON_WORDS.finditer(window)]
        for person_end, role in self.people:
            if start < person_end <= end:
                mentions.append((person_end - start - 1, role))
        if not mentions:
            return None
        role = min(mentions, key=lambda m: m[0])[1]
        return None if role is Role.UNKNOWN else role

    def _mentions(self, text: str, start: int, end: int) -> tuple[list[int], list[int]]:
        """Where ``text[start:end]`` names the defendant, and where anyone else (end offsets)."""
        before = text[start:end]
        defendant = [m.end() + start for m in re.finditer(rf"\b{_DEFENDANT_WORDS}\b", before, re.I)]
        for word in _surnames(self.defendants):
            defendant += [
                m.end() + start for m in re.finditer(rf"\b{re.escape(word)}\b", before, re.I)
            ]
        other = [m.end() + start for m in _OTHER_PERSON_WORDS.finditer(before)]
        for person_end, role in self.people:
            if start < person_end <= end:
                (defendant if role is Role.DEFENDANT else other).append(person_end)
        return defendant, other


def _by_grammar(detection: Detection, text: str, named: _References) -> Owner | None:
    start = _sentence_start(text, detection.start)
    near_start = max(start, detection.start - 80)
    near = text[near_start : detection.start]
    if _DEFENDANTS_BEFORE.search(near) or _DEFENDANTS_AFTER.search(
        text[detection.end : detection.end + 60]
    ):
        return Owner(Role.DEFENDANT, "named as the defendant's in the sentence")
    if _VICTIMS_BEFORE.search(near):
        return Owner(Role.VICTIM, "named as the victim's in the sentence")
    if (
        detection.entity in (Entity.UK_ADDRESS, Entity.UK_POSTCODE)
        and _LIVES_AT.search(near)
        and named.first_is_defendant(text, start, detection.start)
        and named.last_is_defendant(text, start, detection.start)
    ):
        return Owner(Role.DEFENDANT, "where the defendant, the sentence's subject, lives")
    pronoun = _PRONOUN_BEFORE.search(near)
    if pronoun:
        cut = near_start + pronoun.start()
        # "his own" is the subject's: "the defendant sent texts to the victim's mobile
        # from his own number"; a bare "his" is the last person's named before it.
        own = re.search(r"\bown\b", pronoun.group(0), re.IGNORECASE) is not None
        if (
            named.first_is_defendant(text, start, cut)
            if own
            else named.last_is_defendant(text, start, cut)
        ):
            return Owner(Role.DEFENDANT, "the defendant's, by the sentence that names it")
    if detection.entity == Entity.AGE:
        role = _aged(detection, text, named)
        if role is not None:
            return Owner(role, f"the age of the {role.value} it is written after")
    if detection.entity == Entity.DATE_OF_BIRTH and _BORN.search(near):
        role = named.subject_role(text, start, detection.start)
        if role in (Role.DEFENDANT, Role.VICTIM, Role.WITNESS):
            return Owner(role, f"the {role.value}'s, by the sentence that gives it")
    if detection.entity == Entity.VEHICLE_REGISTRATION:
        driving = _DRIVING.search(text, start, detection.start)
        between = text[driving.end() : detection.start] if driving else ""
        if (
            driving
            and named.last_is_defendant(text, start, driving.start())
            and not _ANOTHERS.search(between)
        ):
            return Owner(Role.DEFENDANT, "the vehicle the defendant was driving")
        if _driver_is_defendant(detection, text, named):
            return Owner(
                Role.DEFENDANT, "the vehicle whose driver the narrative names as the defendant"
            )
        if _keeper_is_defendant(detection, text, start, named):
            return Owner(Role.DEFENDANT, "the vehicle whose registered keeper is the defendant")
    return None


def _aged(detection: Detection, text: str, named: _References) -> Role | None:
    """Whose an age is when it follows a person: "The complainant, aged 9, ...".

    Only an age set right after the person (a comma or bracket, "who is", "aged"
    between) is theirs; "the defendant pushed the victim, aged 9" is the victim's.
    """
    lead = _AGE_LEAD.search(text, max(0, detection.start - _AGE_WINDOW), detection.start)
    if lead is None:
        return None
    mention = lead.start()
    word = _PERSON_WORD_BEFORE.search(text, max(0, mention - _AGE_WINDOW), mention)
    if word is not None:
        return Role.VICTIM if word["who"].lower() in ("complainant", "victim") else Role.DEFENDANT
    role = next((r for end, r in named.people if end == mention), None)
    return role if role in (Role.DEFENDANT, Role.VICTIM, Role.WITNESS) else None


#: What may stand between a person and their age: ", aged ", " (aged ", ", who is now ".
_AGE_LEAD = re.compile(
    r"[ \t]*[,(]?[ \t]*(?:who[ \t]+(?:is|was)[ \t]+)?(?:(?:now|then)[ \t]+)?"
    r"(?:aged?[ \t]*:?[ \t]*)?$",
    re.IGNORECASE,
)
#: "the complainant" / "the defendant" ending just where an age is set after it.
_PERSON_WORD_BEFORE = re.compile(r"\b(?P<who>complainant|victim|defendant|accused)$", re.IGNORECASE)
_AGE_WINDOW = 40


def _keeper_is_defendant(detection: Detection, text: str, start: int, named: _References) -> bool:
    """Whether the sentence makes the defendant the vehicle's keeper or owner.

    "A PNC check showed the registered keeper of X to be the defendant, NAME", "X is
    registered to NAME" (the first person named after "keeper" is the defendant, with no
    other plate between); in an interview: "Are you the registered keeper of ..., X?".
    """
    end = _SENTENCE_END.search(text, detection.end)
    stop = end.start() if end else min(len(text), detection.end + 200)
    keeper = None
    for match in _KEEPER.finditer(text, start, stop):
        keeper = match
    if keeper is None:
        return False
    if named.interviewing and _ASKED_KEEPER.search(text, start, keeper.start()):
        return True
    after = max(keeper.end(), detection.end)
    if _PLATE.search(text, detection.end, after) or _ANOTHERS.search(text, start, keeper.start()):
        return False
    return named.first_is_defendant(text, after, stop)


def _driver_is_defendant(detection: Detection, text: str, named: _References) -> bool:
    """Whether the narrative after a registration names its driver as the defendant.

    "... saw a silver hatchback, registration X, travelling at speed. The driver, NAME,
    was breathalysed": the first driver named after the vehicle, with no other person
    or vehicle between them (and no one else's just before the plate: "the victim's
    car, X"), is its driver.
    """
    after = text[detection.end : detection.end + _DRIVER_WINDOW]
    driver = _DRIVER.search(after)
    if driver is None or "\n\n" in after[: driver.start()]:
        return False
    between = after[: driver.start()]
    own = text[max(_sentence_start(text, detection.start), detection.start - 40) : detection.start]
    if _ANOTHERS.search(own) or _ANOTHERS.search(between) or _PLATE.search(between):
        return False
    start = detection.end + driver.end()
    return named.last_is_defendant(text, start, start + _DRIVER_NAMED)


def _sentence_start(text: str, position: int) -> int:
    window_start = max(0, position - 400)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, window_start, position)]
    return ends[-1] if ends else window_start


def _surnames(names: Sequence[str]) -> set[str]:
    """Each defendant's surname, as the project's name parser reads it."""
    return {parsed.surname for name in names if (parsed := parse_name(name)) is not None}
