"""Where a person works and what they do: a lay witness's job and workplace.

Taking the address out of a statement is not enough when the statement still says
"I work as a nurse at the Royal Infirmary" or "she is the manager of the Co-op on
Mill Lane": anyone who wants to find the witness knows where to wait. These are read
in the sentences lay people write, by the verbs that carry a job and its workplace
("work as a nurse at", "is employed by", "I am a cashier at", "my job at", "runs the
cafe on") and a noun phrase naming a job before a workplace ("the manager of the
Co-op"). The span is the job and the workplace, not the verb: "nurse at the Royal
Infirmary".

Left alone, on purpose:

* form fields ("Occupation: Police Constable"): a statement header's own field, read
  by the forms' owners (:mod:`idpc_guard.policy.owners`), and an officer's or a
  professional's job is served;
* police work in any form ("I am a police constable stationed at ..."): an
  officer's own particulars, which stay;
* a job without a workplace ("I work as a roofer", "he is a nurse"): nearly every
  witness statement gives the maker's, and a job alone does not say where to find
  anyone; with the workplace it does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from presidio_analyzer import EntityRecognizer

from idpc_guard.model import Entity
from idpc_guard.recognizers._base import Found, Recognizer

__all__ = ["RECOGNIZERS", "OccupationRecognizer"]

#: Between two words: spaces, or a line break of wrapped prose.
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
#: Lay jobs, as people name them in statements (a word or two each).
_JOBS = (
    "nurse|staff nurse|dental nurse|nursery nurse|veterinary nurse|carer|care worker|"
    "care assistant|support worker|healthcare assistant|health care assistant|cleaner|"
    "teacher|teaching assistant|dinner lady|lollipop lady|childminder|nanny|au pair|"
    "receptionist|cashier|shop assistant|sales assistant|retail assistant|checkout operator|"
    "customer service adviser|customer service advisor|call centre adviser|"
    "call centre advisor|manager|assistant manager|deputy manager|store manager|"
    "shop manager|duty manager|area manager|site manager|office manager|general manager|"
    "supervisor|team leader|shift leader|shift manager|foreman|barman|barmaid|bar worker|"
    "bartender|waiter|waitress|chef|head chef|sous chef|cook|kitchen porter|kitchen assistant|"
    "driver|taxi driver|cab driver|bus driver|delivery driver|lorry driver|HGV driver|"
    "van driver|courier|postman|postwoman|postal worker|builder|plumber|electrician|joiner|"
    "carpenter|labourer|mechanic|painter|decorator|painter and decorator|plasterer|roofer|"
    "scaffolder|tiler|bricklayer|gardener|landscaper|caretaker|janitor|hairdresser|barber|"
    "beautician|beauty therapist|nail technician|accountant|book-?keeper|administrator|"
    "admin assistant|administrative assistant|secretary|personal assistant|PA|clerk|"
    "accounts clerk|bank clerk|office worker|engineer|apprentice|trainee|student|"
    "security guard|security officer|doorman|door supervisor|bouncer|warehouse operative|"
    "warehouse worker|warehouse supervisor|factory worker|forklift driver|packer|picker|"
    "shelf stacker|porter|hospital porter|midwife|pharmacist|pharmacy assistant|"
    "dentist|optician|vet|farmer|farm worker|fisherman|butcher|baker|florist|estate agent|"
    "lettings agent|landlord|landlady|publican|shopkeeper|newsagent|owner|co-owner|"
    "proprietor|director|lecturer|librarian|tutor|social worker|youth worker|"
    "personal trainer|fitness instructor|lifeguard|driving instructor|swimming instructor|"
    "software developer|web developer|developer|programmer|designer|photographer|"
    "journalist|musician|DJ|firefighter|soldier"
)
#: The jobs as alternatives, longest first ("painter and decorator" before "painter").
_LONGEST_FIRST = "|".join(
    job.replace(" ", _GAP) for job in sorted(_JOBS.split("|"), key=len, reverse=True)
)
_JOB = (
    rf"(?i:(?:(?:senior|junior|head|chief|trainee|part-time|full-time|relief|agency|night|"
    rf"self-employed){_GAP})?(?:{_LONGEST_FIRST})s?)\b"
)
#: A capitalised word of a workplace's name ("Royal", "Co-op", "St", "Mary's", "B&Q").
_CAP = r"(?:St\.?(?![a-z])|[A-Z][\w'’&-]+)"
#: A named workplace: capitalised words, joined by "of", "and", "&", "the".
_NAMED = rf"(?:the{_GAP})?{_CAP}(?:{_GAP}(?:(?:of|and|&|the|on|de|la){_GAP})?{_CAP}){{0,5}}"
#: A workplace by its kind ("the chip shop", "a local garage", "the care home").
_KINDS = (
    "shop|chip shop|corner shop|garage|pub|bar|cafe|café|restaurant|takeaway|factory|"
    "warehouse|school|primary school|hospital|surgery|practice|salon|hotel|store|supermarket|"
    "office|depot|leisure centre|sports centre|call centre|club|gym|farm|bakery|newsagents?|"
    "care home|nursing home|nursery|library|petrol station|car wash|launderette|"
    "bookmakers|bookies|off-licence|chemists?|pharmacy|hairdressers|barbers|site|yard"
)
_KIND_PLACE = rf"(?:the|a|an){_GAP}(?:[a-z][\w'’-]*{_GAP}){{0,2}}?(?:{_KINDS.replace(' ', _GAP)})\b"
#: Where it is: "on Mill Lane", "in Harrowgate" (capitalised words only).
_STREET = rf"{_GAP}(?:on|in|at|near|off){_GAP}{_CAP}(?:{_GAP}{_CAP}){{0,3}}"
_WHERE = rf"(?:{_STREET})?"
#: A workplace that says where: a named one, or one by its kind with its street ("the
#: shop" alone could be any shop; "the chip shop on Mill Lane" is one).
_PLACE = rf"(?:{_KIND_PLACE}{_STREET}|{_NAMED}{_WHERE})"
_ARTICLE = rf"(?:(?:an?|the){_GAP})"

_OCCUPATION = re.compile(
    rf"""
    # "works as a nurse (at the Royal Infirmary)", "employed as a cleaner by the council"
    (?:\b(?i:work(?:s|ed|ing)?|employed|job){_GAP}(?i:as){_GAP}{_ARTICLE}?
        (?P<job1>{_JOB}{_GAP}(?i:at|for|in|with|by){_GAP}{_PLACE}))
    # "works at the Co-op", "is employed by Harrow Lettings", "my job at Greggs"
    |(?:\b(?i:work(?:s|ed|ing)?|employed|job|shifts?){_GAP}(?i:at|for|by){_GAP}
        (?P<place1>{_PLACE}))
    # "I am a cashier at Tesco", "she was the manager of the Co-op"
    |(?:\b(?:I{_GAP}am|I['’]m|I{_GAP}was|(?i:he|she){_GAP}(?:is|was)|(?i:he|she)['’]s)
        {_GAP}{_ARTICLE}(?P<job2>{_JOB}{_GAP}(?i:at|for|of|in){_GAP}{_PLACE}))

    # "the manager of the Co-op on Mill Lane", "the landlord at the Lantern Inn"
    |(?:\b(?i:the|a|an){_GAP}(?P<job3>{_JOB}{_GAP}(?i:of|at){_GAP}{_PLACE}))
    # "runs the cafe on Mill Lane", "owns a garage in Harrowgate"
    |(?:\b(?i:runs|ran|owns|owned|manages|managed){_GAP}(?P<place2>{_KIND_PLACE}{_STREET}))
    """,
    re.VERBOSE,
)
#: Police work: an officer's own particulars, served.
_POLICE = re.compile(
    r"(?i:\bpolice\b|constab|detective|sergeant|inspector|\bPCSO\b|\bCID\b|custody)"
)
#: Workplace words that are not a workplace ("at the time", "at the scene").
_NOT_A_PLACE = re.compile(
    rf"^(?:the{_GAP})?(?:time|moment|scene|weekend|end|start|beginning|same|other|rear|front"
    r"|back|top|bottom|side|door|address|property|premises|house|home|flat)\b"
)


class OccupationRecognizer(Recognizer):
    """A lay person's job and workplace in a sentence: "a nurse at the Royal Infirmary"."""

    ENTITY = Entity.OCCUPATION
    SCORE = 0.6

    def find(self, text: str) -> Iterator[Found]:
        """Each job or workplace named in ``text``, without the verb before it."""
        for match in _OCCUPATION.finditer(text):
            group = next(g for g in ("job1", "place1", "job2", "job3", "place2") if match[g])
            value = match[group].rstrip(" \t\n.,;:")
            start = match.start(group)
            if _POLICE.search(value) or _NOT_A_PLACE.match(value):
                continue
            # "the manager of the Co-op" is lay prose; "the Secretary of State", "the
            # Director of Public Prosecutions" are offices, written with capitals.
            if group == "job3" and not value[0].islower():
                continue
            # A named place alone must be a name, not a sentence's first word ("at I").
            if group == "place1" and len(value) < 3:
                continue
            yield Found(start, start + len(value), self.SCORE, "a job or workplace in a sentence")


RECOGNIZERS: tuple[Callable[[], EntityRecognizer], ...] = (OccupationRecognizer,)
