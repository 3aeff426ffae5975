"""The case: from the case file (YAML, see the contract) and/or inferred from the bundle."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
)

from idpc_guard.errors import CaseFileError
from idpc_guard.model import (
    Case,
    Document,
    DocumentKind,
    PageText,
    Person,
    Premises,
    PremisesKind,
    Role,
)
from idpc_guard.text.dates import parse_date
from idpc_guard.text.names import SAME_PERSON, name_match
from idpc_guard.text.suggest import hint


def _as_text(value: Any) -> Any:
    # YAML reads 2026-02-03 as a date and 0512 as a number; the case file means text.
    if isinstance(value, dt.date | int | float) and not isinstance(value, bool):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    return value


Text = Annotated[str, BeforeValidator(_as_text), Field(min_length=1)]


def _real_date(value: str) -> str:
    # A date of birth the policy cannot read would be ignored without a word.
    if parse_date(value) is None:
        raise ValueError("not a real date: write it as YYYY-MM-DD, e.g. 1990-02-03")
    return value


DateText = Annotated[Text, AfterValidator(_real_date)]


class _TextLoader(yaml.SafeLoader):
    """YAML without timestamps: ``1994-21-09`` stays text for the case file to check."""


_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _DefendantEntry(_Model):
    name: Text
    dob: DateText | None = None
    phones: list[Text] = []
    vehicles: list[Text] = []


class _ComplainantEntry(_Model):
    name: Text
    role: Role = Role.VICTIM
    dob: DateText | None = None


class _PremisesEntry(_Model):
    address: Text
    kind: PremisesKind = PremisesKind.SCENE


class _OfficerEntry(_Model):
    name: Text


class CaseFile(_Model):
    """The case file of the contract. Every field is optional; unknown keys are errors."""

    urn: Text | None = None
    defendants: list[_DefendantEntry] = []
    offences: list[Text] = []
    complainants: list[_ComplainantEntry] = []
    officers: list[_OfficerEntry] = []
    premises: list[_PremisesEntry] = []


def load_case_file(path: Path) -> Case:
    """Read and validate a case file; raise :class:`CaseFileError` naming the problem."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_TextLoader)
    except FileNotFoundError as exc:
        raise CaseFileError(f"case file {path} does not exist") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseFileError(f"case file {path} cannot be read: {exc}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise CaseFileError(f"case file {path} is not valid YAML{where}") from exc
    except RecursionError as exc:
        raise CaseFileError(f"case file {path} is nested too deeply to be a case file") from exc
    return parse_case(raw, str(path))


#: Every field name of the case file schema: the only keys an error message may quote.
_FIELDS = frozenset(
    name
    for model in (CaseFile, _DefendantEntry, _ComplainantEntry, _PremisesEntry, _OfficerEntry)
    for name in model.model_fields
)


def _safe_part(part: object) -> str:
    # An unknown key may be a person's name typed in the wrong place: quote it only
    # when it is a near miss of a field name (a typo), never otherwise.
    if isinstance(part, int) or part in _FIELDS:
        return str(part)
    if isinstance(part, str) and difflib.get_close_matches(part, _FIELDS, n=1, cutoff=0.8):
        return part
    return "(unknown field)"


#: The entry model under each list field of the case file (for suggestions).
_ENTRIES: dict[str, type[BaseModel]] = {
    "defendants": _DefendantEntry,
    "complainants": _ComplainantEntry,
    "premises": _PremisesEntry,
    "officers": _OfficerEntry,
}


def _describe(error: Any) -> str:
    """One validation error as ``field.path: problem; fix``, never quoting a value."""
    parts = error["loc"]
    loc = "".join(
        f"[{part}]" if isinstance(part, int) else f"{'.' if i else ''}{_safe_part(part)}"
        for i, part in enumerate(parts)
    )
    if error["type"] == "extra_forbidden":
        model = _ENTRIES.get(str(parts[0]), CaseFile) if len(parts) > 1 else CaseFile
        fields = list(model.model_fields)
        return (
            f"{loc}: unknown field{hint(str(parts[-1]), fields)}; "
            f"the fields here are {', '.join(fields)}"
        )
    if error["type"] == "value_error":
        return f"{loc}: {error['ctx']['error']}"
    return f"{loc or '(top level)'}: {error['msg']}"


def parse_case(raw: object, name: str = "case file") -> Case:
    """Validate a parsed case file (a mapping) into a :class:`Case`."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise CaseFileError(f"{name}: expected a mapping of fields (urn, defendants, ...)")
    try:
        model = CaseFile.model_validate(raw)
    except ValidationError as exc:
        raise CaseFileError(f"{name}: {_describe(exc.errors()[0])}") from None
    return case_of(model)


def case_of(model: CaseFile) -> Case:
    """The :class:`Case` a validated case file states (a rule example's ``case:`` too)."""
    return Case(
        urn=model.urn,
        defendants=tuple(
            Person(d.name, Role.DEFENDANT, d.dob, tuple(d.phones), tuple(d.vehicles))
            for d in model.defendants
        ),
        offences=tuple(model.offences),
        complainants=tuple(Person(c.name, c.role, c.dob) for c in model.complainants),
        officers=tuple(Person(o.name, Role.OFFICER) for o in model.officers),
        inferred=False,
        premises=tuple(Premises(p.address, p.kind) for p in model.premises),
    )


# --- inference from the bundle -------------------------------------------------

_RANKS = (
    r"Police Constable|Detective Constable|Detective Sergeant|Detective Inspector|"
    r"Detective Chief Inspector|Sergeant|Inspector|Constable|Chief Inspector|"
    r"PC|DC|PS|DS|DI|DCI|Sgt|Insp|SPC|PCSO|Supt"
)
#: A rank, an optional collar number, then a name (capitalised or in capitals).
OFFICER_PATTERN = re.compile(
    rf"\b(?:{_RANKS})\.?[ \t]+(?:\d{{2,6}}[ \t]+)?"
    r"((?:[A-Z][a-zA-Z'\-]+[ \t]+){0,2}[A-Z][A-Za-z'\-]+)(?![a-z])"
)
_CHARGE = re.compile(
    r"^[ \t]*(?:Charges?|Offences?)(?:[ \t]+charged)?[ \t]*(?:\(s\))?"
    r"(?::[ \t]*(?:\n[ \t]*)?|[ \t]*\n[ \t]*)([^\n]+)",
    re.IGNORECASE | re.MULTILINE,
)
#: The charge in prose: "He is charged with burglary of a dwelling, contrary to ...",
#: "You are charged with assault occasioning actual bodily harm".
_CHARGED_WITH = re.compile(
    r"\b(?i:is|was|are|were|been|stands?|has\s+been)[ \t]*\n?[ \t]*(?i:charged)[ \t]*\n?[ \t]*"
    r"(?i:with)[ \t\n]+"
    r"(?:(?i:an?|the)[ \t]+(?i:offence|count)[ \t]+(?i:of)[ \t\n]+)?"
    r"([^,.;:\n]+(?:\n[^,.;:\n]+)?)"
)
# In an MG5 header the first date of birth field is the defendant's.
_DOB_FIELD = re.compile(
    r"^\s*(?:Date of birth|D\.?O\.?B\.?)\s*:\s*([^\n]+)", re.IGNORECASE | re.MULTILINE
)
# The premises in charge particulars: "entered as a trespasser a building, namely
# 12 Acacia Avenue, Liverpool L4 6TH, being a dwelling" (the wording of the
# burglary, criminal damage and arson specimen charges).
_NAMELY = re.compile(
    r"\bnamely\s+(?P<address>\d+[A-Za-z]?\s+[^\n]*?(?:\n[^\n]*?)??)"
    r"(?=,\s*being\b|,\s*(?:and|belonging)\b|\s+and\s+(?:stole|damaged|did)\b|[.;]\s|$)",
    re.IGNORECASE | re.MULTILINE,
)
# An address as narrative writes it: an optional house name, then a number and a street,
# running on (over one line break at most) to what the pattern after it allows.
_NARRATIVE_ADDRESS = (
    r"(?P<address>(?:[A-Z][\w'\-]+(?:[ \t]+[A-Z][\w'\-]+)*,\s*)?"
    r"\d+[A-Za-z]?\s+[A-Z][^.;\n]*?(?:\n[^.;\n]*?)??)"
)
_BURGLED = r"(?:burgled|broken\s+into|burglared|entered|ransacked|targeted|raided|ram-?raided)"
_PREMISES = (
    r"(?:home|house|flat|property|premises|dwelling|bungalow|maisonette|shop|store|office|"
    r"garage|shed)"
)
#: Where an address in a sentence ends: a full stop, or a word that starts the rest.
_ADDRESS_ENDS = (
    r"(?=\s*[.;]|\s*,?\s+(?:on|between|at|in|by|through|and|when|where|while|during|"
    r"was|were|had|has|which|who)\b|\s*,?\s*$)"
)
#: The premises a narrative says were burgled or entered: "the home of X at ADDRESS was
#: burgled", "the house at ADDRESS had been ransacked", "a burglary (in progress) at ADDRESS",
#: "entered the property at ADDRESS".
_SCENE_SENTENCES = (
    re.compile(
        rf"\b(?:at|of)\s+{_NARRATIVE_ADDRESS}\s+(?:was|were|had\s+been|has\s+been|is\s+being)\s+{_BURGLED}\b",
    ),
    re.compile(
        rf"\b(?i:burglary|burglaries|break-in|breaking\s+in|forced\s+entry)"
        rf"(?:\s+(?i:in\s+progress))?\s+(?i:at|of|into)\s+"
        rf"(?:the\s+\w+\s+at\s+)?{_NARRATIVE_ADDRESS}{_ADDRESS_ENDS}",
        re.MULTILINE,
    ),
    re.compile(
        rf"\b(?i:entered|broke\s+into|forced\s+(?:his|her|their)\s+way\s+into|gained\s+entry\s+to)"
        rf"\s+(?i:the\s+)?(?i:{_PREMISES})\s+(?i:at)\s+{_NARRATIVE_ADDRESS}{_ADDRESS_ENDS}",
        re.MULTILINE,
    ),
)
# Where charge wording turns from the offence to its particulars.
_PARTICULARS = re.compile(r",|\bon\s+\d|\bcontrary\b|\bnamely\b", re.IGNORECASE)
# A "Particulars:" field, with the lines it wraps onto (up to the next "Label:").
_PARTICULARS_FIELD = re.compile(
    r"^\s*Particulars(?: of (?:the )?(?:offence|charge))?\s*:\s*(.+?)"
    r"(?=\n\s*[A-Z][A-Za-z ()/]{1,40}:|\n\s*\n|\Z)",
    re.IGNORECASE | re.MULTILINE | re.DOTALL,
)


_A_NAME = r"(?:[A-Z][A-Za-z'\-]+\.?[ \t]+){0,4}[A-Z][A-Za-z'\-]+"
#: A case title at the start of a line: "R v Jane DOE", "Regina -v- DOE and SMITH".
_CASE_TITLE = re.compile(
    rf"^[ \t]*(?i:R|Regina|Rex|The[ \t]+(?:King|Queen|Crown))\.?[ \t]+(?:-?[ \t]*v[s]?\.?[ \t]*-?|"
    rf"against)[ \t]+(?P<names>{_A_NAME}(?:(?:[ \t]*,[ \t]*|[ \t]+(?:and|&)[ \t]+){_A_NAME})*)"
    r"[ \t]*(?P<rest>[^\n]*)$",
    re.MULTILINE,
)
#: What follows a cited authority's name: a year in brackets, a law report, a court.
_CITATION = re.compile(
    r"^[\[(]\d{4}[\])]|^\d{4}\b|\b(?:Cr(?:im)?\.?[ \t]*App|EWCA|EWHC|UKSC|UKHL|WLR|All[ \t]*ER|"
    r"QB|KB|AC|Crim[ \t]*LR)\b"
)


#: A person's name in narrative: two to four capitalised words (a surname may be in
#: capitals), on one line or wrapped once.
_PERSON = (
    r"(?:Mc|Mac|O')?[A-Z][a-z'\-]+"
    r"(?:[ \t]*\n?[ \t]*(?:(?:Mc|Mac|O')?[A-Z][a-z'\-]+|[A-Z][A-Z'\-]+)){1,3}"
)
#: The same on one line: a form's value.
_PERSON_LINE = _PERSON.replace(r"[ \t]*\n?[ \t]*", r"[ \t]+")
_VICTIM_WORDS = r"(?i:victim|complainant|injured[ \t]+party|aggrieved)"
#: How a summary names the complainant: "the victim, NAME,", "The complainant is NAME",
#: "Victim: NAME", "NAME (the victim)", "the home of NAME at ... was burgled".
_COMPLAINANT = (
    re.compile(
        rf"\b(?i:the)[ \t]+{_VICTIM_WORDS}(?:[ \t]+in[ \t]+this[ \t]+case)?"
        rf"(?:[ \t]*,[ \t]*|[ \t]+(?:is|was)[ \t]+|[ \t]+)\n?[ \t]*(?P<name>{_PERSON})"
        rf"(?=[ \t]*[,.;(]|[ \t]+(?:who|and|was|is|had|has|aged|\())",
    ),
    re.compile(
        rf"^[ \t]*{_VICTIM_WORDS}(?:[ \t]*\(s\))?(?:[ \t]*:[ \t]*\n?|[ \t]*\n)[ \t]*"
        rf"(?P<name>{_PERSON_LINE})[ \t]*$",
        re.MULTILINE,
    ),
    re.compile(rf"(?P<name>{_PERSON})[ \t]*\((?i:the)[ \t]+{_VICTIM_WORDS}\)"),
    re.compile(
        rf"\b(?i:the[ \t]+(?:home|house|flat|property)[ \t]+of)[ \t]+\n?[ \t]*(?P<name>{_PERSON})"
        rf"(?=[ \t]*,?[ \t\n]+(?i:at|in)\b)"
    ),
)


def infer_complainants(texts: Sequence[str]) -> tuple[str, ...]:
    """Complainants a case summary or charge names ("the victim, Jane DOE, ...").

    Read only from this case's summaries and charges: a witness statement's "the victim"
    may be a witness's guess, and another case's summary names another victim.
    """
    names: dict[str, None] = {}
    for text in texts:
        for pattern in _COMPLAINANT:
            for match in pattern.finditer(text):
                name = " ".join(match["name"].split())
                if not any(w.casefold() in _NOT_NAME_WORDS for w in name.split()):
                    names.setdefault(name, None)
    return tuple(names)


#: Capitalised words that follow "the victim" but are no name ("the victim, Police ...").
_NOT_NAME_WORDS = frozenset(
    "police officer officers the he she they who was is and a an his her their mr mrs ms "
    "personal statement statements details contact care unit impact".split()
)


def title_defendants(texts: Sequence[PageText]) -> tuple[str, ...]:
    """Defendants named by the case's title ("R v Daniel HOLLOWAY"), not by a label.

    Only a title at the start of a line counts, and not when a citation follows it
    ("R v Smith [2001] EWCA Crim 12" is an authority cited, not this case).
    """
    names: dict[str, None] = {}
    for text in texts:
        for match in _CASE_TITLE.finditer(text.text):
            if _CITATION.search(match["rest"]):
                continue
            for name in re.split(r"[ \t]*,[ \t]*|[ \t]+(?:and|&)[ \t]+", match["names"]):
                names.setdefault(name.strip(), None)
    return tuple(names)


def infer_case(documents: Sequence[Document], texts: Sequence[PageText]) -> Case:
    """Infer URN, defendants, offences and officers from the bundle's summary and charges."""
    sources = [
        d for d in documents if d.kind in (DocumentKind.CASE_SUMMARY, DocumentKind.CHARGE_SHEET)
    ]
    # The URN most documents carry: a stray summary of another case does not win.
    counts = Counter(d.fields.urn for d in documents if d.fields.urn)
    urn = max(counts, key=lambda u: (counts[u], u in {d.fields.urn for d in sources}), default=None)
    sources = [d for d in sources if d.fields.urn in (urn, None)] or sources
    defendants: dict[str, Person] = {}
    offences: dict[str, None] = {}
    premises: dict[str, Premises] = {}
    particulars: dict[str, None] = {}
    # Every summary and charge sheet of the case: co-defendants may each have their own.
    for doc in sources:
        first_text = texts[doc.pages[0]].text
        dob = _DOB_FIELD.search(first_text) if len(doc.fields.names) == 1 else None
        for name in doc.fields.names:
            if any(name_match(name, known) >= SAME_PERSON for known in defendants):
                continue  # "Michael BROWN" on the charge sheet is the MG5's Michael Thomas BROWN
            defendants[name] = Person(name, Role.DEFENDANT, dob.group(1).strip() if dob else None)
        for page in doc.pages:
            text = texts[page].text
            for match in (*_CHARGE.finditer(text), *_CHARGED_WITH.finditer(text)):
                offence = _PARTICULARS.split(match.group(1), maxsplit=1)[0].strip(" .;:")
                offence = " ".join(offence.split())
                if offence:
                    offences.setdefault(offence, None)
    for doc in sources:
        text = "\n".join(texts[p].text for p in doc.pages)
        for match in _PARTICULARS_FIELD.finditer(text):
            particulars.setdefault(" ".join(match.group(1).split()), None)
    for name in title_defendants(texts):
        if not any(name_match(name, known) >= SAME_PERSON for known in defendants):
            defendants[name] = Person(name, Role.DEFENDANT)
    # Premises from the particulars joined onto one line (an address may wrap), else from
    # the charge wording wherever it is written.
    wordings = list(particulars) or [texts[p].text for doc in sources for p in doc.pages]
    for wording in wordings:
        for address in infer_premises(wording):
            premises.setdefault(address, Premises(address))
    # The premises the narrative says were burgled, wherever the bundle says so.
    for page_text in texts:
        for address in scene_addresses(page_text.text):
            premises.setdefault(address, Premises(address))
    summaries = ["\n".join(texts[p].text for p in doc.pages) for doc in sources]
    complainants = tuple(
        Person(name, Role.VICTIM)
        for name in infer_complainants(summaries)
        if not any(name_match(name, known) >= SAME_PERSON for known in defendants)
    )
    return Case(
        urn=urn,
        defendants=tuple(defendants.values()),
        offences=tuple(offences),
        complainants=complainants,
        officers=infer_officers(texts),
        inferred=True,
        premises=tuple(premises.values()),
        particulars=tuple(particulars),
    )


def scene_addresses(text: str) -> tuple[str, ...]:
    """Addresses a narrative says were burgled or entered (see ``_SCENE_SENTENCES``)."""
    found: dict[str, None] = {}
    for pattern in _SCENE_SENTENCES:
        for match in pattern.finditer(text):
            address = " ".join(match["address"].split()).strip(" ,")
            # An address ends in a capitalised word or a postcode, never in "and" or "the".
            if address and not re.search(r"\b[a-z]+$", address):
                found.setdefault(address, None)
    return tuple(found)


def infer_premises(text: str) -> tuple[str, ...]:
    """Addresses named as the premises in charge particulars ("namely 12 Acacia Avenue, ...")."""
    found: dict[str, None] = {}
    for match in _NAMELY.finditer(text):
        address = " ".join(match["address"].split()).strip(" ,")
        if address:
            found.setdefault(address, None)
    return tuple(found)


def infer_officers(texts: Sequence[PageText]) -> tuple[Person, ...]:
    """Officers named with a rank anywhere in the bundle ("PC 4471 Jane SMITH")."""
    names: dict[str, None] = {}
    for text in texts:
        for match in OFFICER_PATTERN.finditer(text.text):
            names.setdefault(match.group(1).strip(), None)
    return tuple(Person(name, Role.OFFICER) for name in names)


def merge_case(given: Case | None, inferred: Case, extra_offences: Sequence[str] = ()) -> Case:
    """The case in force: the case file's facts, with what it leaves out read from the bundle.

    Officers named in the bundle are always added (a case file rarely lists them), and so
    are complainants the case summary names that the case file does not,
    and ``extra_offences`` (``--offence``) add to the offences. ``inferred`` is set
    when any of URN, defendants or offences came from the bundle.
    """
    given = given or Case()
    officers = {p.name: p for p in (*given.officers, *inferred.officers)}
    premises = {p.address: p for p in (*given.premises, *inferred.premises)}
    offences = dict.fromkeys((*(given.offences or inferred.offences), *extra_offences))
    return Case(
        urn=given.urn or inferred.urn,
        defendants=given.defendants or inferred.defendants,
        offences=tuple(offences),
        complainants=(
            *given.complainants,
            *(
                p
                for p in inferred.complainants
                if not any(name_match(p.name, c.name) >= SAME_PERSON for c in given.complainants)
            ),
        ),
        officers=tuple(officers.values()),
        premises=tuple(premises.values()),
        particulars=given.particulars or inferred.particulars,
        inferred=(
            (not given.urn and inferred.urn is not None)
            or (not given.defendants and bool(inferred.defendants))
            or (not given.offences and bool(inferred.offences))
        ),
    )


def disagreements(given: Case | None, inferred: Case) -> tuple[str, ...]:
    """Where the case file and the bundle disagree, in words without personal data.

    The URN, each defendant (by name) and each defendant's date of birth are compared
    when both sides state them; a case file for another case, or with a typo, changes
    what is kept and redacted, so the summary says so.
    """
    if given is None:
        return ()
    found: list[str] = []
    if given.urn and inferred.urn and _flat(given.urn) != _flat(inferred.urn):
        found.append("the case file's URN is not the URN the bundle carries")
    for number, person in enumerate(given.defendants, start=1):
        if not inferred.defendants:
            break
        same = [p for p in inferred.defendants if name_match(person.name, p.name) >= SAME_PERSON]
        if not same:
            found.append(f"defendant {number} of the case file is not a defendant the bundle names")
            continue
        given_dob = parse_date(person.dob) if person.dob else None
        bundle_dobs = {d for p in same if p.dob and (d := parse_date(p.dob))}
        if given_dob and bundle_dobs and given_dob not in bundle_dobs:
            found.append(
                f"defendant {number}'s date of birth in the case file is not the one in the bundle"
            )
    return tuple(found)


def _flat(urn: str) -> str:
    return "".join(urn.split()).upper()
