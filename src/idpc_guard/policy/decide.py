"""Turn detections into decisions: which rule applies, what to do, how serious.

Pure: no I/O, no global state. Precedence is :func:`choose_rule`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from idpc_guard.entities import DESCRIPTIONS
from idpc_guard.model import (
    Action,
    Case,
    Detection,
    Document,
    DocumentIssue,
    DocumentKind,
    Entity,
    PageAction,
    PageActionKind,
    PageText,
    Role,
    Severity,
)
from idpc_guard.policy.builtin import NAME_ALSO_NOT_A_NAME, NO_RULE, rule_conflict
from idpc_guard.policy.consistency import unredacted_elsewhere
from idpc_guard.policy.facts import CaseFacts, in_first_person
from idpc_guard.policy.finalise import Draft
from idpc_guard.policy.loader import Rule
from idpc_guard.policy.owners import owners
from idpc_guard.policy.placeholders import named_where_withheld
from idpc_guard.policy.ruling import Ruling
from idpc_guard.policy.spans import SpanSet
from idpc_guard.policy.taxonomy import Taxonomy
from idpc_guard.read.layout import ValueFinder, span_boxes, span_source
from idpc_guard.text.dates import parse_date
from idpc_guard.text.legal import NOT_PEOPLE, PEOPLE, LegalNames
from idpc_guard.text.names import SAME_PERSON, TITLES, UNSURE, KnownNames
from idpc_guard.text.relations import CLOSE, WIDER

_SEVERITY_ORDER = {Severity.CRITICAL: 3, Severity.HIGH: 2, Severity.MEDIUM: 1, Severity.LOW: 0}

_RANK_BEFORE = re.compile(
    r"\b(?:PC|DC|PS|DS|DI|DCI|Sgt|Insp|SPC|PCSO|Supt|Constable|Sergeant|Inspector|"
    r"Officer)\.?\s+(?:\d{2,6}\s+)?(?:[A-Z][A-Za-z'\-]+\s+){0,2}$"
)
#: A professional's title or job just before a name: "Dr Patel", "the nurse, Ann Lee".
_PROFESSIONAL_BEFORE = re.compile(
    r"(?i:\b(?:Dr|Doctor|Prof|Professor|nurse|paramedic|surgeon|consultant|GP|midwife|"
    r"social\s+worker|solicitor|legal\s+(?:adviser|advisor|representative)|"
    r"duty\s+solicitor|interpreter|appropriate\s+adult|probation\s+officer)\b)"
    r"\.?[ \t]*[,:]?\s+$"
)
#: After a name, the firm or the job that makes it a professional's: "X, Abbey Row
#: Solicitors", "X (solicitor)", "X of Penrose Solicitors".
_PROFESSIONAL_AFTER = re.compile(
    r"(?:,|[ \t]+of)[ \t]+(?:[A-Z][\w&'’.-]*[ \t]+){0,4}(?i:solicitors|law|legal|chambers|llp)\b"
    r"|[ \t]*\((?i:solicitor|interpreter|appropriate\s+adult|social\s+worker)\)"
    # A signatory with their job on the next line: "Yours sincerely,\nX\nHousing Officer".
    r"|[ \t]*\n[ \t]*(?:(?:Senior|Lead|Principal|Chief|Deputy|Assistant|Specialist|Duty)[ \t]+)?"
    r"(?:[A-Z][\w'’-]*[ \t]+){0,3}(?i:officer|worker|manager|nurse|doctor|consultant|adviser|"
    r"advisor|co-?ordinator|practitioner|caseworker|clinician|therapist|psychologist|"
    r"paramedic|surgeon|physician|registrar|head\s*teacher|headteacher|teacher|supervisor|"
    r"investigator|analyst|solicitor|paralegal|interpreter|director|clerk|detective)\b"
    r"[^\n:]{0,40}(?:\n|$)"
)
#: A name written with a professional's title as part of it: "Dr K. Olawale", "Prof. Marchetti".
_PROFESSIONAL_TITLE = re.compile(r"(?:Dr|Doctor|Prof|Professor)\.?\s+[A-Z]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
#: A person by their tie to someone else: "her neighbour", "my son's friend", "the caller":
#: family, household and friends (the relations' words, :mod:`idpc_guard.text.relations`),
#: and people the events brought in.
_RELATION = (
    r"(?i:(?:my|his|her|their|our|your|(?:the\s+)?\w+(?:'s|’s)|the|a|an)\s+(?:[\w-]+\s+){0,2}?"
    rf"(?:{CLOSE}|{WIDER}|colleagues?|landlord|landlady|tenant|caller|passenger|passer-by|"
    r"bystander|member\s+of\s+the\s+public))"
)
#: The tie written just before the name ("her neighbour, X") or just after it ("X, her son").
_RELATION_BEFORE = re.compile(_RELATION + r"[ \t]*[,:(-]?\s*(?:(?:called|named|known\s+as)\s+)?$")
_RELATION_AFTER = re.compile(r"[ \t]*(?:,|\(|-|–)?[ \t]*(?:who\s+is\s+)?" + _RELATION + r"\b")


@dataclass(frozen=True, slots=True)
class Subject:
    """Facts about one detection that rules are matched on.

    ``offences`` are taxonomy names (offences, their families and flags), as
    :meth:`Taxonomy.match` gives them for the case's offences.
    """

    entity: str
    role: Role
    document: DocumentKind
    offences: frozenset[str] = frozenset()


def precedence(rule: Rule) -> tuple[int, int, int]:
    """How specific a rule is; among the rules that match, the most specific decides.

    The order, compared left to right:

    1. the offence: a rule naming offences (by name, statute or CJS code) beats one
       naming a family or flag, which beats one naming no offence;
    2. the document kind: a rule for named document kinds beats one for any;
    3. the role: a rule for named roles beats one for any (the default).

    Rules that match with equal precedence and give different actions are a
    conflict: ``rules check`` reports it, and at scan time the item goes to review.
    """
    return (rule.offence_level, int(bool(rule.documents)), int(bool(rule.roles)))


def matches(rule: Rule, subject: Subject) -> bool:
    """Whether the subject is within the rule's scope (an empty scope means any)."""
    return (
        subject.entity in rule.entities
        and (not rule.documents or subject.document in rule.documents)
        and (not rule.roles or subject.role in rule.roles)
        and (not rule.offences or bool(rule.offences & subject.offences))
    )


def rule_for(rules: Iterable[Rule], subject: Subject) -> Ruling:
    """The ruling for one subject: the most specific matching rule's (see :func:`precedence`).

    No matching rule, or equally specific rules that disagree, give ``review``.
    The result never depends on the order of ``rules``.
    """
    matching = [r for r in rules if matches(r, subject)]
    if not matching:
        return NO_RULE
    top = max(map(precedence, matching))
    best = sorted((r for r in matching if precedence(r) == top), key=lambda r: r.id)
    if len({r.action for r in best}) > 1:
        return rule_conflict(
            [r.id for r in best], max((r.severity for r in best), key=_SEVERITY_ORDER.__getitem__)
        )
    chosen = max(best, key=lambda r: _SEVERITY_ORDER[r.severity])
    return Ruling(chosen.id, chosen.action, chosen.reason, chosen.severity)


def choose_rule(rules: Iterable[Rule], subject: Subject) -> Rule | None:
    """The rule that decides the subject, or None (no rule, or a conflict)."""
    rules = tuple(rules)
    ruling = rule_for(rules, subject)
    return next((r for r in rules if r.id == ruling.rule), None)


def decide(  # noqa: PLR0913 - the stage's inputs (design.md), taxonomy keyword-only
    detections: Sequence[Detection],
    documents: Sequence[Document],
    texts: Sequence[PageText],
    case: Case,
    rules: Sequence[Rule],
    issues: Sequence[DocumentIssue] = (),
    covered: Sequence[Detection] = (),
    *,
    taxonomy: Taxonomy | None = None,
) -> Draft:
    """Decide every detection and add page actions for removed documents.

    ``issues`` (found by earlier stages) are carried into the draft, after them the
    issues of consistency across documents. The draft is not final:
    :func:`~idpc_guard.policy.finalise.finalise` numbers the findings and gives the verdict.

    ``taxonomy`` reads the case's offences; without it no offence-specific rule applies.
    ``covered`` is text the bundle's author boxed over but left in the PDF
    (see :mod:`idpc_guard.documents.covered_text`): it is redacted for real, and the same
    person or identifier is withheld wherever else it appears.
    """
    kinds = {d.index: d.kind for d in documents}
    people = _People.of(case, documents, texts)
    # A professional named once with their firm or job ("X, Abbey Row Solicitors") is
    # the same professional when named again bare (a transcript's speaker label "X").
    people = people.with_professionals(detections, texts)
    # Cited cases, terms of art and institutions are no one's name (text/legal.py);
    # the words seen so are remembered, to reconcile with the same words taken for a name.
    not_names: set[str] = set()

    def a_name_here(detection: Detection) -> bool:
        if people.not_a_name(detection, texts[detection.page]):
            not_names.add(_words_key(detection.text))
            return False
        return True

    detections = [d for d in detections if a_name_here(d)]
    facts = CaseFacts.of(case)
    makers = {
        d.index: d.fields.witness
        for d in documents
        if d.kind is DocumentKind.WITNESS_STATEMENT and d.fields.witness
    }
    offences = taxonomy.match(case.offences) if taxonomy is not None else frozenset()
    owned = owners(
        detections, documents, texts, [p.name for p in case.defendants], people.name_role
    )
    # The defendant's date of birth, found under their particulars, is theirs however
    # else it is written ("1st November 1990" there, "01.11.1990" on the PNC print).
    defendant_born = frozenset(
        born
        for d in detections
        if d.entity == Entity.DATE_OF_BIRTH
        and (owner := owned.get(_key(d))) is not None
        and owner.role is Role.DEFENDANT
        and (born := parse_date(d.text)) is not None
    )
    # A place the text marks as a business's once is that business's wherever it is
    # written ("entered TK Maxx, ADDRESS" in one statement, the bare address in another).
    businesses = frozenset(
        _place_key(d.text)
        for d in detections
        if d.entity == Entity.UK_ADDRESS and d.recognizer == BUSINESS_ADDRESS_RECOGNIZER
    )
    # The words before each business's address ("entered Harbourside Hardware store, ..."),
    # where its name is written: a job there is at that business.
    business_names = frozenset(
        _place_key(texts[d.page].text[max(0, d.start - 60) : d.start])
        for d in detections
        if d.entity == Entity.UK_ADDRESS and d.recognizer == BUSINESS_ADDRESS_RECOGNIZER
    )
    rulings: dict[Subject, Ruling] = {}  # many detections share a subject
    # Documents of no known kind that name no one the case knows: not the case's material.
    case_material = {
        d.document
        for d in detections
        if d.entity == Entity.PERSON and people.name_role(d.text) in _CASE_PEOPLE
    }
    unidentified = {
        doc.index
        for doc in documents
        if doc.kind is DocumentKind.OTHER and doc.index not in case_material
    }

    def decide_one(detection: Detection) -> tuple[Detection, Ruling]:
        document = kinds.get(detection.document, DocumentKind.OTHER)
        role = facts.role_of(detection.entity, detection.text, document)
        if role is None and (owner := owned.get(_key(detection))) is not None:
            role = owner.role
        if (
            role is None
            and detection.entity == Entity.DATE_OF_BIRTH
            and parse_date(detection.text) in defendant_born
        ):
            role = Role.DEFENDANT
        if (
            role is None
            and detection.entity == Entity.UK_ADDRESS
            and _place_key(detection.text) in businesses
            and not _HOME_BEFORE.search(
                texts[detection.page].text, max(0, detection.start - 40), detection.start
            )
        ):
            role = Role.BUSINESS
        if (
            role is None
            and detection.entity == Entity.OCCUPATION
            and _at_a_business(detection.text, business_names)
        ):
            role = Role.BUSINESS  # works at the shop the bundle names as a business's
        maker = makers.get(detection.document)
        text = texts[detection.page].text
        if role is None and maker and in_first_person(detection.entity, text, detection.start):
            role = people.name_role(maker)  # "I was born on ..." in X's own statement
        subject = Subject(
            entity=detection.entity,
            role=role
            or people.role_of(
                detection, texts[detection.page], unidentified=detection.document in unidentified
            ),
            document=document,
            offences=offences,
        )
        ruling = rulings.get(subject)
        if ruling is None:
            ruling = rulings[subject] = dataclasses.replace(
                rule_for(rules, subject), role=subject.role
            )
        return detection, ruling

    decided = [decide_one(d) for d in detections]
    # A job or a relation ("carer", "my son") is words many share: not looked for elsewhere.
    withheld = [
        d
        for d, ruling in decided
        if ruling.action is not Action.KEEP and d.entity not in DESCRIPTIONS
    ]
    decided += [
        decide_one(d)
        for d in _same_value_elsewhere(withheld, detections, texts, documents)
        if a_name_here(d)
    ]
    # The same words withheld as a name in one place and a cited case in another: a
    # person decides, rather than the copy serving them in one place and not the other.
    decided = [
        (d, NAME_ALSO_NOT_A_NAME)
        if ruling.action is Action.REDACT
        and d.entity == Entity.PERSON
        and _words_key(d.text) in not_names
        else (d, ruling)
        for d, ruling in decided
    ]
    removed = frozenset(
        p for d in documents if d.kind in REMOVED_KINDS and not d.doubt for p in d.pages
    )
    decided, consistency_issues = unredacted_elsewhere(decided, documents, texts, removed, covered)
    reported = {i.document for i in consistency_issues}
    consistency_issues += [
        issue
        for issue in named_where_withheld(decided, documents, texts, removed)
        if issue.document not in reported
    ]
    return Draft(tuple(decided), _page_actions(documents), (*issues, *consistency_issues))


#: Words just before an address that make it someone's home, whatever a business uses
#: it for elsewhere: "Address:", "lives at", "my home at".
_HOME_BEFORE = re.compile(
    r"(?i:\b(?:address|li(?:ve|ves|ved|ving)|resid(?:e|es|ed|ing)|home|stay(?:s|ed|ing)?)\b)"
    r"[^\n.]{0,12}:?\s*$"
)


def _words_key(text: str) -> str:
    """Words as compared across the bundle: case-folded, any whitespace one space."""
    return " ".join(text.casefold().split())


#: Between a job and its workplace: "receptionist at X", "manager of X".
_WORKPLACE_AFTER = re.compile(r"^.*?\b(?:at|of|for|by|with|in)\s+(?:the\s+)?", re.I | re.S)


def _at_a_business(occupation: str, business_names: frozenset[str]) -> bool:
    """Whether a job's workplace is named just before an address marked as a business's."""
    key = _place_key(_WORKPLACE_AFTER.sub("", occupation, count=1))
    return len(key) >= 3 and any(key in words for words in business_names)


def _place_key(address: str) -> str:
    """An address as compared across the bundle: letters and digits, case-folded."""
    return "".join(c for c in address.casefold() if c.isalnum())


def _key(detection: Detection) -> tuple[int, int, int]:
    return (detection.page, detection.start, detection.end)


#: Documents removed whole: their pages are never served.
REMOVED_KINDS: dict[DocumentKind, str] = {
    DocumentKind.WITNESS_CONTACT_DETAILS: "MG11 back page: witness contact details",
    DocumentKind.NOT_DISCLOSABLE: "Not-disclosable form: must never be served",
}


def _page_actions(documents: Sequence[Document]) -> tuple[PageAction, ...]:
    # A document whose kind is in doubt is not removed: its document issue asks for review.
    return tuple(
        PageAction(page=page, action=PageActionKind.REMOVE, reason=REMOVED_KINDS[doc.kind])
        for doc in documents
        if doc.kind in REMOVED_KINDS and not doc.doubt
        for page in doc.pages
    )


def name_tokens(name: str) -> frozenset[str]:
    """The words of a name, case-folded, without titles."""
    words = (w.strip("'-").casefold() for w in _WORD.findall(name))
    return frozenset(w for w in words if w and w.rstrip(".") not in TITLES)


#: The people whose naming makes a document part of the case's material.
_CASE_PEOPLE = frozenset({Role.DEFENDANT, Role.VICTIM, Role.WITNESS, Role.OFFICER})

#: Roles of a name the case could not place (a judge or counsel is one of them).
_UNPLACED = frozenset({Role.THIRD_PARTY, Role.UNKNOWN})

#: The recogniser that reports addresses the text marks as a business's or public body's.
BUSINESS_ADDRESS_RECOGNIZER = "UkBusinessAddressRecognizer"


@dataclass(frozen=True, slots=True)
class _People:
    """The people the case knows, by the words of their names."""

    known: tuple[tuple[frozenset[str], Role], ...]
    defendant_dobs: frozenset[dt.date]
    names: tuple[tuple[str, Role], ...] = ()
    #: Judges, counsel and cited cases the bundle's text introduced.
    legal: LegalNames = field(default_factory=LegalNames)
    #: ``names`` indexed by surname, and ``known`` by word (built from them).
    _written: KnownNames[Role] = field(init=False, repr=False, compare=False)
    _by_word: dict[str, list[int]] = field(init=False, repr=False, compare=False)
    #: Roles already worked out, by name as written (a bundle repeats its names).
    _roles: dict[str, Role] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_word: dict[str, list[int]] = {}
        for i, (tokens, _) in enumerate(self.known):
            for token in tokens:
                by_word.setdefault(token, []).append(i)
        object.__setattr__(self, "_written", KnownNames(self.names))
        object.__setattr__(self, "_by_word", by_word)
        object.__setattr__(self, "_roles", {})

    @classmethod
    def of(
        cls, case: Case, documents: Sequence[Document], texts: Sequence[PageText] = ()
    ) -> _People:
        known: list[tuple[frozenset[str], Role]] = []
        names: list[tuple[str, Role]] = []
        for person in (*case.defendants, *case.complainants, *case.officers):
            known.append((name_tokens(person.name), person.role))
            names.append((person.name, person.role))
        for doc in documents:
            if doc.fields.witness:
                known.append((name_tokens(doc.fields.witness), Role.WITNESS))
                names.append((doc.fields.witness, Role.WITNESS))
        dobs = frozenset(d for p in case.defendants if p.dob and (d := parse_date(p.dob)))
        return cls(
            tuple((tokens, role) for tokens, role in known if tokens),
            dobs,
            tuple(names),
            LegalNames.of(t.text for t in texts),
        )

    def not_a_name(self, detection: Detection, text: PageText) -> bool:
        """Whether a name found here is a cited case, a term of art or an institution.

        "R v X [2019] EWCA Crim 12", "in X" after it, "a Turnbull direction", "Merseyside
        Police": the words are no one's name there (:mod:`idpc_guard.text.legal`), unless
        they are the name of someone the case knows.
        """
        return (
            detection.entity == Entity.PERSON.value
            and self.legal.kind_at(text.text, detection.start, detection.end) in NOT_PEOPLE
            and self.name_role(detection.text) in _UNPLACED  # a person of the case stays one
        )

    def with_professionals(
        self, detections: Sequence[Detection], texts: Sequence[PageText]
    ) -> _People:
        """These people and the professionals the text names by their work."""
        found = [
            (d.text, Role.PROFESSIONAL)
            for d in detections
            if d.entity == Entity.PERSON
            and len(d.text.split()) > 1
            and self.name_role(d.text) is Role.THIRD_PARTY
            and self.role_of(d, texts[d.page]) is Role.PROFESSIONAL
        ]
        if not found:
            return self
        known = [(name_tokens(name), role) for name, role in found]
        return dataclasses.replace(
            self,
            known=(*self.known, *((tokens, role) for tokens, role in known if tokens)),
            names=(*self.names, *found),
        )

    def role_of(self, detection: Detection, text: PageText, *, unidentified: bool = False) -> Role:
        """Whose data a detection is, as far as the case and the text tell.

        A name the case does not know is a third party's in the case's material: the
        police's and the prosecution's own documents, and any document that names the
        case's people, where people with no part in the case are named (a neighbour, a
        caller). In an ``unidentified`` document (of no known kind, naming no one the
        case knows: a judgment, a report) it is a third party's only where the text ties
        the person to someone ("her neighbour, X"); otherwise a person decides.
        """
        if detection.entity == Entity.PERSON:
            role = self._person_role(detection, text)
            if (
                role is Role.THIRD_PARTY
                and unidentified
                and not _RELATION_BEFORE.search(
                    text.text, max(0, detection.start - 50), detection.start
                )
                and not _RELATION_AFTER.match(text.text, detection.end, detection.end + 50)
            ):
                return Role.UNKNOWN
            return role
        return self._thing_role(detection)

    def _person_role(self, detection: Detection, text: PageText) -> Role:
        """A name's role from the case and the words around it, wherever it is."""
        if _RANK_BEFORE.search(text.text[max(0, detection.start - 40) : detection.start]):
            return Role.OFFICER
        role = self.name_role(detection.text)
        if role is Role.THIRD_PARTY and (
            _PROFESSIONAL_BEFORE.search(text.text[max(0, detection.start - 30) : detection.start])
            or _PROFESSIONAL_TITLE.match(detection.text)
            or _PROFESSIONAL_AFTER.match(text.text, detection.end, detection.end + 60)
        ):
            return Role.PROFESSIONAL
        if role in _UNPLACED and (
            self.legal.kind_at(text.text, detection.start, detection.end) in PEOPLE
        ):
            return Role.PROFESSIONAL  # a judge or counsel: "HHJ X", "Mr X KC"
        return role

    def _thing_role(self, detection: Detection) -> Role:
        """The role of an identifier that is not a name, from the case's facts."""
        if (
            detection.entity == Entity.UK_ADDRESS
            and detection.recognizer == BUSINESS_ADDRESS_RECOGNIZER
        ):
            return Role.BUSINESS
        if (
            detection.entity == Entity.DATE_OF_BIRTH
            and parse_date(detection.text) in self.defendant_dobs
        ):
            return Role.DEFENDANT
        return Role.UNKNOWN

    def name_role(self, name: str) -> Role:
        """The role of the person with this name, as far as the case tells."""
        role = self._roles.get(name)
        if role is None:
            role = self._roles[name] = self._name_role(name)
        return role

    def _name_role(self, name: str) -> Role:
        tokens = name_tokens(name)
        if not tokens:
            return Role.UNKNOWN
        # Only the known names holding one of the words can hold them all.
        holding = [self.known[i] for i in self._by_word.get(min(tokens), ())]
        # Defendant first: a witness who shares a surname is still not the defendant.
        for wanted in (Role.DEFENDANT, Role.OFFICER, Role.VICTIM, Role.WITNESS, Role.PROFESSIONAL):
            if any(role is wanted and tokens <= known for known, role in holding):
                return wanted
        if any(tokens <= known for known, _ in holding):
            return Role.WITNESS
        # Written another way ("Mick Brown", "BROWN, M."): sure, or a person decides.
        score, role = self._written.best(name)
        if score >= SAME_PERSON and role is not None:
            return role
        return Role.UNKNOWN if score >= UNSURE else Role.THIRD_PARTY


def _same_value_elsewhere(
    withheld: Sequence[Detection],
    detections: Sequence[Detection],
    texts: Sequence[PageText],
    documents: Sequence[Document],
) -> list[Detection]:
    """Other occurrences of a withheld value that no recogniser reported.

    A phone number found once is the same phone number on every page; each
    occurrence is then decided on its own (the rule may differ by document).
    """
    doc_of_page = {p: d.index for d in documents for p in d.pages}
    spans_on: dict[int, list[tuple[int, int]]] = {}
    for d in detections:
        spans_on.setdefault(d.page, []).append((d.start, d.end))
    entities: dict[str, str] = {}
    for d in sorted(withheld, key=lambda d: (d.entity, d.text)):
        if len(d.text.strip()) >= 4:
            entities.setdefault(d.text.strip(), d.entity)
    finder = ValueFinder(entities)
    extra: list[Detection] = []
    for text in texts:
        taken = SpanSet(spans_on.get(text.page, ()))
        for value, start, end in finder.finditer(text.text):
            if taken.overlaps(start, end):
                continue
            boxes = span_boxes(text, start, end)
            if not boxes:
                continue
            taken.add(start, end)
            extra.append(
                Detection(
                    entity=entities[value],
                    text=text.text[start:end],
                    page=text.page,
                    boxes=boxes,
                    score=0.5,
                    source=span_source(text, start, end),
                    recognizer="SameValueElsewhere",
                    document=doc_of_page.get(text.page, 0),
                    start=start,
                    end=end,
                )
            )
    return extra
