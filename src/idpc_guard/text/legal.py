"""Legal and institutional vocabulary: capitalised words of legal prose that are no one's data.

Judgments, skeleton arguments and the papers of a case name judges ("Lord Justice X",
"HHJ X", "X LJ"), counsel ("Mr X KC", "counsel for the appellant, Ms X"), cited cases
("R v X [2019] EWCA Crim 12", "in X" after it), terms of art named after cases (a
"Turnbull direction", a "Newton hearing"), rules and legislation ("CrimPR", "the
Regulations", "Ground 2") and institutions ("Merseyside Police", "St James's University
Hospital"). A language model takes many of them for people's names. None of them is
anyone's personal data to withhold from a bundle:

* judges and counsel are people doing their public work: their names are kept, as a
  professional's are (:data:`PEOPLE`);
* a cited case, a term of art and an institution are not people at all: the words are
  not a person's name there (:data:`NOT_PEOPLE`).

:func:`kind_at` reads one span from the words around it; :class:`LegalNames` also
remembers who a text introduced as a judge or counsel and which cases it cited, so that
"Mr X" pages after "Mr X KC (instructed by ...) for the appellant" is still counsel and
"in X" after "R v X [2019] EWCA Crim 12" is still the case. The title of the case itself
("R v Daniel HOLLOWAY", with no citation after it) is never read as a cited case: that
is the defendant.

Cues are chosen so that a bundle's own prose does not trip them: a name with a title
("Mr X", "Dr X") is never a term or an institution; a chain to "Police" or "Act" does not
cross a line break (forms put a name above the next field); "SMITH, J" (a surname and an
initial) is not "Smith J" (a judge).

Pure: regular expressions over text, no I/O and no heavy imports.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class LegalKind(StrEnum):
    """What a name-like span of legal prose is."""

    JUDGE = "judge"
    COUNSEL = "counsel"
    CASE_NAME = "case_name"
    LEGAL_TERM = "legal_term"
    INSTITUTION = "institution"
    #: A holder of public office named by it: "President X", "the Prime Minister, X".
    PUBLIC_OFFICE = "public_office"


#: Kinds that name a person at work (kept as a professional's name).
PEOPLE = frozenset({LegalKind.JUDGE, LegalKind.COUNSEL, LegalKind.PUBLIC_OFFICE})
#: Kinds that are not a person's name at all.
NOT_PEOPLE = frozenset({LegalKind.CASE_NAME, LegalKind.LEGAL_TERM, LegalKind.INSTITUTION})

# --- building blocks -------------------------------------------------------------------

_S = r"[ \t]"  # a space within a line
_SN = r"[ \t\n]"  # a space that may be a line break
#: A name word: Capitalised (O'Brien, McDonald, Smith-Jones), CAPITALS, or an initial.
_NW = r"(?:(?:Mc|Mac|O['’]|D['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)*|[A-Z]{2,}(?:-[A-Z]{2,})*|[A-Z]\.?)"
#: One to four name words on one line.
_NAME = rf"{_NW}(?:{_S}+{_NW}){{0,3}}"
_TITLE = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor)\.?"
_TITLES = frozenset("mr mrs ms miss mx dr prof professor".split())
_WOMEN = frozenset("mrs ms miss".split())
_NOT_GENDERED = frozenset("mx dr prof professor".split())

#: Neutral citations ("[2019] EWCA Crim 12") and law reports ("[2014] 1 WLR 4071",
#: "(1994) 99 Cr App R 123"): a year in brackets, a volume (required after a year in
#: round brackets), a short series name, a number.
_SERIES = (
    rf"[A-Z][A-Za-z0-9&'’.]*(?:{_SN}+(?:[A-Z][A-Za-z0-9&'’.]*|\([A-Za-z]+\))){{0,3}}"
    rf"{_SN}*\d{{1,5}}\b"
)
CITATION = re.compile(
    rf"\[(?:1[6-9]|20)\d\d\]{_SN}*(?:\d{{1,3}}{_SN}+)?{_SERIES}"
    rf"|\((?:1[6-9]|20)\d\d\){_SN}+\d{{1,3}}{_SN}+{_SERIES}"
    # "[2002] UKEAT/0938/01"; a complaint to Strasbourg: "(Application No 31475/05)".
    rf"|\[(?:1[6-9]|20)\d\d\]{_SN}*[A-Z]{{2,}}[A-Za-z]*/\d"
    rf"|\(Application{_SN}+[Nn]o\.?{_SN}*\d+/\d+\)|\(?UKEAT/\d+/\d+"
)
#: A word that may stand in a case name between a party and the citation:
#: "R (Allen) v HM Coroner for Inner North London [2009] ...", "Re X (No 2) [2001] ...".
_CASE_WORD = (
    r"(?:(?<![A-Za-z])(?:[A-Z][\w'’.&\-]*|v\.?|and|of|for|the|on|in|at|ex|parte|p|re|de|da|du|"
    r"la|le|van|von|am|others|anor|ors|another)(?![A-Za-z])|&|\((?:No\.?[ \t]*\d+|[^()\n]{1,60})\)"
    r"|\(|\))"
)
#: From the end of a party's name to the citation: " v Jones ", ", ", " (No 2) ".
_TO_CITATION = re.compile(
    rf"(?:['’]s?)?(?:{_SN}*,?{_SN}*{_CASE_WORD}){{0,12}}?{_SN}*,?{_SN}*(?:{CITATION.pattern})"
)
_CASE_TOKEN = re.compile(rf"{_CASE_WORD}")

# Judges ---------------------------------------------------------------------------------
#: Titles written before a judge's name, in Title case and in CAPITALS.
_JUDGE_TITLE = (
    rf"(?:(?:Lord|Lady|Mr|Mrs|Ms|Miss){_S}+Justice|(?:His|Her){_S}+Honour(?:{_S}+Judge)?|"
    rf"HH{_S}*Judge|HHJ|(?:(?:Deputy{_S}+)?(?:District|Circuit|High{_S}+Court)|Employment|"
    rf"(?:Upper|First-tier){_S}+Tribunal|Tribunal|Immigration|Designated|Resident|Senior|"
    rf"Costs|Deputy){_S}+Judge|Judge|D?DJ(?:{_S}*\(MC\))?|UTJ|Recorder|Lord|Lady|Baroness|"
    rf"(?:LORD|LADY|MR|MRS|MS|MISS){_S}+JUSTICE|(?:HIS|HER){_S}+HONOUR{_S}+JUDGE|"
    rf"(?:(?:DEPUTY{_S}+)?(?:DISTRICT|CIRCUIT)|EMPLOYMENT|TRIBUNAL){_S}+JUDGE|"
    r"HIS HONOUR|HER HONOUR|JUDGE|RECORDER|LORD|LADY|BARONESS)"
)
_JUDGE_BEFORE = re.compile(
    rf"\b(?:(?:The|THE){_S}+(?:Hon(?:ourable|\.)?|HON(?:OURABLE|\.)?){_S}+)?{_JUDGE_TITLE}{_S}+$"
    rf"|\b(?i:(?:trial|sentencing|single|learned|circuit|district|deputy|the){_S}+judge)"
    rf"{_S}*,{_S}*(?:Sir{_S}+|Dame{_S}+)?$"
)
#: After a judge's surname: "Holgate J", "Singh LJ", "Bingham CJ", "Munby P", "X JSC";
#: then punctuation, a line break or a word in lower case ("Holgate J said"), never a
#: further name ("Daniel J Holloway": J is an initial).
_POST_NOMINAL = r"(?:LJJ|LJ|JJ|J|LCJ|CJ|MR|P|JSC|PSC|DPSC|V-?C|SCJ)"
_AFTER_POST_NOMINAL = (
    rf"(?={_S}*[,;:)\]]|{_S}*\n|{_S}*$|\.{_S}*\n|\.$|{_S}+(?:[a-z(\[]|and\b|at\b)|\.{_S}+[a-z]"
    # A quotation ends and the next paragraph's number follows: "As Cobb J 81. As I said".
    rf"|['’]s\b|{_S}+\d{{1,3}}\.{_S})"
)
_JUDGE_AFTER = re.compile(
    rf"^(?:{_S}+of{_S}+[A-Z][a-z]+(?:{_S}+[A-Z][a-z]+)?)?{_S}+{_POST_NOMINAL}{_AFTER_POST_NOMINAL}"
    # "Hayden, J. at [10] said", "Peter Jackson, J's determination" (not "BROWN, J").
    rf"|^,{_SN}*{_POST_NOMINAL}(?:\.?{_S}+(?:[a-z]|at\b)|['’]s\b|\.?,)"
    # A line break before the post-nominal, in prose: "see Mostyn\nJ in Lancashire".
    rf"|^{_S}*\n{_S}*{_POST_NOMINAL}(?:\.?{_S}+[a-z]|['’]s\b)"
    rf"|^{_S}*,?{_S}*(?:(?:QC|KC){_S}*)?\((?:sitting|as)\b"
    # The opening of a judgment: "Sir X, with whom Lord Y agrees:".
    rf"|^{_S}*,?{_S}*with{_S}+whom\b"
)
#: A knight or dame who presides: "Sir X President", "Dame X President of the Family Division".
_PRESIDING = re.compile(rf"^,?{_SN}+(?:President|Chancellor|P)\b")
_KNIGHTED = frozenset({"Sir", "Dame"})
#: A knight or dame listed with judges: "Mummery LJ; Burton J; Sir X", "Lloyd LJJ and Sir X".
_KNIGHT_ON_THE_BENCH = re.compile(
    rf"\b{_POST_NOMINAL}{_S}*(?:[;,]|,?{_SN}+and){_SN}+(?:Sir|Dame){_SN}+"
    rf"(?P<n>{_NW}(?:{_SN}+{_NW}){{0,2}})"  # the name may break across a line
)
_ON_THE_BENCH = re.compile(
    rf"\b{_POST_NOMINAL}{_S}*(?:[;,]|,?{_SN}+and){_SN}+(?:(?:Sir|Dame){_SN}+)?$"
)
_FOLLOWS_POST_NOMINAL = re.compile(_AFTER_POST_NOMINAL)
_JUDGE_TITLED = re.compile(
    rf"\b{_JUDGE_TITLE}{_S}+(?P<n>{_NAME})"
    rf"|judge{_S}*,{_S}*(?P<k>(?:Sir|Dame){_S}+{_NAME})"
)
#: A post-nominal word (found first: a scan led by its capital letters is fast), then
#: the name before it.
_POST_NOMINAL_AT = re.compile(rf"{_POST_NOMINAL}{_AFTER_POST_NOMINAL}")
_NAME_BEFORE_POST_NOMINAL = re.compile(rf"(?<![A-Za-z])(?P<n>{_NW}){_S}+$")

# Counsel --------------------------------------------------------------------------------
_PARTY = (
    rf"(?:appellant|respondent|applicant|claimant|defendant|prosecution|crown|defence|"
    rf"prosecutor|secretary{_S}+of{_S}+state|interested{_S}+part(?:y|ies)|intervener|"
    rf"petitioner|requesting|requested|judicial{_S}+authority|government|home{_S}+office|"
    rf"local{_S}+authority|council|guardian|official{_S}+solicitor|commissioners?|revenue|"
    rf"hmrc|director|first|second|third|fourth|fifth|sixth|parents?|accused|"
    rf"(?:first|second|third|fourth)(?:{_S}+\w+)?)s?(?![A-Za-z'’])"
)
_COUNSEL_AFTER = re.compile(
    rf"^{_S}*,?{_S}*(?:Q\.?C\.?|K\.?C\.?|SC|BL)(?![A-Za-z])"
    rf"|^{_S}*,?{_S}*(?:of{_S}+counsel|counsel{_S}+for)\b"
    rf"|^{_SN}*\((?i:instructed|solicitor)"
    rf"|^{_S}*,?{_S}*(?:who{_S}+)?(?:appeared|appears|appearing){_S}+(?:again{_S}+)?"
    rf"(?:on{_S}+behalf{_S}+of|for|as{_S}+(?i:counsel))\b"
    rf"|^{_S}*,?{_S}*(?:the{_S}+)?(?i:solicitors?|counsel){_S}+(?:for|to|acting)\b"
    rf"|^{_S}*,?{_S}*(?:on{_S}+behalf{_S}+of|for|representing){_S}+the{_S}+(?i:{_PARTY})"
    rf"|^['’]s?{_S}+(?:(?:written|oral|helpful|main|further|principal|first|second|"
    rf"careful|able|skeleton){_S}+)*(?:submissions?|skeleton|arguments?|contentions?)\b"
    rf"|^{_S}*,?{_S}*(?:(?:also|further|rightly|correctly){_S}+)?(?:submitted|submits|"
    rf"contended|contends|conceded|concedes|(?:argued|argues){_S}+that)\b"
)
_COUNSEL_CUE = (
    rf"(?i:\b(?:counsel|advocate|barrister|solicitor[- ]advocate|represented{_S}+by)"
    rf"(?:{_S}+(?:for|on{_S}+behalf{_S}+of){_S}+the{_S}+{_PARTY})?){_S}*,?{_S}*"
    rf"|(?i:\bfor{_S}+the{_S}+{_PARTY}){_S}*:{_S}*"
)
_COUNSEL_BEFORE = re.compile(rf"(?:{_COUNSEL_CUE})(?:{_TITLE}{_SN}+)?$")
_COUNSEL_NAMED = re.compile(rf"(?:{_COUNSEL_CUE})(?P<n>(?:{_TITLE}{_S}+)?{_NAME})")
#: What follows the names of counsel introduced together, on the lines before it:
#: "Mr A KC and Ms B (instructed by X) for the appellant", "A of X Chambers (instructed
#: by Y)", "A appeared on behalf of the Crown", "A appeared as Counsel to the Tribunal".
_COUNSEL_LIST_END = re.compile(
    rf"\((?i:instructed|solicitor)|\b(?:appeared|appearing){_S}+"
    rf"(?:on{_S}+behalf{_S}+of|for|as{_S}+(?i:counsel))\b"
)
#: One name just before "for the appellant", maybe with a parenthesis between:
#: "A (by Direct Access) for the Defendant".
_COUNSEL_FOR = re.compile(rf"(?i:\b(?:for|on{_S}+behalf{_S}+of){_S}+the{_S}+{_PARTY})")
_NAME_BEFORE_FOR = re.compile(
    rf"(?:{_TITLE}{_S}+)?{_NAME}{_S}*(?:\([^()\n]{{0,60}}\){_S}*)?,?{_S}*$"
)
#: A line of representation: "For the appellants: Mr A (10 May) and Mr B, instructed by X".
_REPRESENTATION = re.compile(rf"(?i:\bfor{_S}+the{_S}+{_PARTY}){_S}*:(?P<line>[^\n]*)")
_TITLED_NAME = re.compile(rf"{_TITLE}{_S}+{_NAME}")
_SILK_AT = re.compile(r"[QK]C\b")
_NAME_BEFORE_SILK = re.compile(rf"(?:{_TITLE}{_S}+)?{_NAME}{_S}*,?{_S}*$")
_ONE_COUNSEL = re.compile(rf"(?:{_TITLE}{_S}+)?{_NAME}")
_NAME_LINE = re.compile(rf"(?:{_TITLE}{_S}+)?{_NAME}(?:{_S}*,?{_S}*(?:QC|KC|SC|BL))?")
#: Where a list of counsel before its end starts: after the last bracket, stop or colon.
_LIST_START = re.compile(r"[).;:][^).;:]*$")
_SILK = frozenset({"QC", "KC", "SC", "BL", "Q.C", "K.C"})
#: Inside "(instructed by ...)": the solicitors' firm, not a person.
_INSTRUCTED_BY = re.compile(r"\((?i:instructed|solicitors?)\b[^()]*$")
#: Signs of legal prose on a page: a judicial title, counsel, a year in brackets. A page
#: with none is not searched for judges, counsel or citations (most pages of a bundle).
#: Each pattern starts with a few capital letters or brackets, so a scan is fast.
_JUDGE_SIGN = re.compile(
    r"[LMHJjRBDU](?:ord Justice|ORD JUSTICE|ady Justice|ADY JUSTICE|r Justice|R JUSTICE|"
    r"rs Justice|RS JUSTICE|s Justice|S JUSTICE|udge|UDGE|HJ|onour|ONOUR|ecorder|ECORDER|"
    r"ord |ORD |ady |ADY |aroness|ARONESS|J |TJ)"
)
#: Literal words (a literal is found much faster than a set of alternatives).
_COUNSEL_SIGNS = ("ounsel", "QC", "KC", "nstructed", "OUNSEL")
_YEAR_SIGN = re.compile(r"[\[(](?:1[6-9]|20)\d\d[\])]")

# Public office ---------------------------------------------------------------------------
#: Offices whose holders are named in public by them: heads of state and government,
#: ministers, legislators, governors, church leaders. (Not judicial offices, above; not
#: "General" or "Chancellor", which also head hospitals and judges' divisions; not "King"
#: or "Queen", which are people's names and name hospitals, streets and courts.)
_OFFICE = (
    rf"(?:(?:[Ff]ormer|[Ll]ate|[Ii]nterim|[Aa]cting|[Dd]eputy|[Vv]ice|[Ee]x){_S}*-?{_S}*)?"
    rf"(?:President|Prime{_S}+Minister|Premier|Minister|Senator|Governor|Chancellor{_S}+of"
    rf"{_S}+the{_S}+Exchequer|(?:Home|Foreign|Justice|Health|Defence){_S}+Secretary|"
    rf"Secretary{_S}+of{_S}+State|Secretary-General|Emperor|Pope|Cardinal|"
    rf"Archbishop|Ayatollah|Sheikh|Mayor)"
)
#: The office just before a span: "President ", "the Prime Minister, ", "former President ".
_OFFICE_BEFORE = re.compile(
    rf"\b{_OFFICE}(?:{_S}+of{_S}+(?:the{_S}+)?{_NW}(?:{_S}+{_NW})?)?"
    rf"{_S}*,?{_S}+$"
)
#: The office written in the span itself ("President Trevanion" as one span).
_OFFICE_IN_SPAN = re.compile(rf"^{_OFFICE}{_S}+(?=[A-Z])")
#: After a span: "X MP", "X, MP for Y", ", the Prime Minister".
_OFFICE_AFTER = re.compile(
    rf"^{_S}*,?{_S}*(?:MP|MEP|MSP)\b(?!['’])|^,{_S}+(?:the{_S}+)?{_OFFICE}\b"
)
#: An office and the name after it, to remember the holder when named bare.
_OFFICE_NAMED = re.compile(rf"\b{_OFFICE}{_S}*,?{_S}+(?P<n>{_NAME})")

# Terms and institutions -----------------------------------------------------------------
#: A word that alone is never a person's name in legal prose: parties by their role,
#: parts of rules and legislation, offices, law reports. ("Bill", "King", "Judge" and
#: "Justice" are names too, so they are not here.)
_LEGAL_WORDS = frozenset(
    """
    claimant claimants appellant appellants respondent respondents applicant applicants
    intervener interveners petitioner petitioners defendants child children mother father
    guardian registrar ground grounds regulation regulations rule rules article articles
    schedule schedules part section sections paragraph paragraphs directive directives
    convention tribunal lordship lordships ladyship honour counsel judgment judgments
    crown commissioner commissioners coroner magistrate magistrates jury juror registry
    appendix annex annexe parliament hansard ombudsman secretary minister government
    chancellor recorder crimpr cpr pace admin civ crim fam ch qb kb ac wlr lr cr app er r
    ewca ewhc uksc ukhl ukpc ukut ukftt ewfc ewcop eat nica niqb eu
    paternal maternal grandmother grandfather grandparent grandparents aunt uncle sibling
    siblings stepfather stepmother local authority submissions submission closing opening
    skeleton reasons conclusion conclusions transcript shorthand writers placement madam
    """.split()
)
#: A first word that makes a span a reference to a part of a document: "Ground Floor"
#: aside, "Ground 2", "Appendix EU", "Schedule 1", "Part 7".
_PART_WORDS = frozenset(
    "appendix annex annexe schedule article art part section paragraph ground chapter clause"
    " reg regulation".split()
)
#: Words that make any span holding them a citation or a rule, not a name.
#: Law reports and courts of neutral citations: a span holding one is a citation.
_NEVER_NAME = frozenset("wlr ewca ewhc uksc ukhl ukpc ewfc ewcop".split())
#: A term of art named after a case: "a Turnbull direction", "Goodyear indication".
#: Words that could also be a verb or a noun after a person's name ("X warning him",
#: "X's order") count only after an article: "a Newton hearing", "the Bolam test".
_TERM_ALWAYS = re.compile(
    rf"^{_S}+(?:direction|directions|indication|guidelines?|criteria|competen(?:ce|t|cy)|"
    r"unreasonabl(?:e|eness)|doctrine|injunction|jurisdiction|questionnaire|compliant)\b"
)
_TERM_AFTER_ARTICLE = re.compile(
    rf"^{_SN}+(?:hearing|hearings|warning|test|order|orders|submission|exception|principles?|"
    r"report|inquiry|review)\b"
)
_INSTITUTION_WORDS = (
    r"(?:Police|Constabulary|Hospitals?|Infirmary|Courts?|Council|University|NHS|Trust|"
    r"Tribunal|Commission|Service|Services|Authority|Board|Prison|College|School|Academy|"
    r"Borough|Department|Office|Agency|Ltd|Limited|plc|PLC|LLP|Chambers|Solicitors|Centre|"
    r"Clinic|Surgery|Foundation|Society|Association|Institute|Ministry|Government|Bank|"
    r"Group|Company|Partnership|Corporation|Inc|Church|Mosque|Cathedral|Prosecution|"
    r"Probation|Ombudsman|Inquiry|Commissioners|Executive|Directorate|Coalition|Alliance|"
    r"Movement|Union|Platform|Front|Region|Province)"
)
#: Lower-case words after a name that make it a place's or a body's: "the Kasai region",
#: "the Lamuka coalition", "the X regime".
_BODY_AFTER = re.compile(
    rf"^{_S}+(?:region|province|coalition|alliance|regime|government|administration|movement|"
    r"militia|rebels|platform)\b"
)
#: Statutes, rules and instruments: "Misuse of Drugs Act", "Police (Conduct) Regulations".
_INSTRUMENT_WORDS = (
    r"(?:Act|Acts|Rules|Regulations|Order|Orders|Code|Bill|Convention|Directive|Treaty|"
    r"Protocol|Guidelines?|Guidance|Direction|Directions|Statute|Report)"
)
_INSTRUMENT = re.compile(rf"{_INSTRUMENT_WORDS}$")
#: The last word of a body's own name ("Coventry University"); not "Court" or "Bank",
#: which are surnames too.
_INSTITUTION_END = re.compile(
    r"(?:Police|Constabulary|Hospitals?|Infirmary|Council|University|NHS|Trust|Tribunal|"
    r"Commission|Service|Services|Authority|Prison|College|School|Academy|Borough|Department|"
    r"Agency|Ltd|Limited|plc|PLC|LLP|Chambers|Solicitors|Clinic|Foundation|Society|"
    r"Association|Institute|Ministry|Government|Ombudsman|Inquiry|Commissioners|Executive)$"
)
#: Names that are also words for a law or an office: "the Bill", "the Judge".
_THE_WORDS = frozenset("bill judge justice king queen master".split())
#: From a span to the body's or instrument's word, on one line: "'s University",
#: " Children's", " and Somerset", " (Conduct)". The first step is a capitalised word,
#: or "and" one ("X and Somerset Constabulary"), so "X of Merseyside Police" (a person
#: of the force) is not the force.
_CHAIN = (
    rf"^(?:['’]s?)?(?:{_S}(?:(?:and|&){_S})?(?:[A-Z][\w'’.\-]*|\([A-Z][^()\n]{{0,40}}\))"
    rf"(?:{_S}(?:(?:of|and|for|on|&){_S})?(?:[A-Z][\w'’.\-]*|\([A-Z][^()\n]{{0,40}}\))){{0,4}})?"
    rf"{_S}"
)
_INSTITUTION_AFTER = re.compile(rf"{_CHAIN}{_INSTITUTION_WORDS}\b")
#: An instrument's name may go on with "of" at once: "Misuse of Drugs Act" (no person is
#: "X of Drugs Act", while "X of Merseyside Police" is an officer).
_INSTRUMENT_AFTER = re.compile(
    rf"^(?:['’]s?)?(?:{_S}(?:(?:of|and|for|on|&){_S})?(?:[A-Z][\w'’.\-]*|\([A-Z][^()\n]{{0,40}}\)))"
    rf"{{0,5}}{_S}{_INSTRUMENT_WORDS}\b"
)
_INSTITUTION_BEFORE = re.compile(
    rf"(?:\b(?:HMP|HMYOI|YOI|HM{_S}+Prison|(?:Her|His){_S}+Majesty['’]s{_S}+Prison|"
    rf"University{_S}+of|(?:Crown|Magistrates['’]?|County|Youth|Family){_S}+Court{_S}+at|"
    rf"(?:London|Royal|Metropolitan){_S}+Borough{_S}+of|Messrs\.?|(?i:instructed{_S}+by))"
    rf"{_S}+)$"
)
_SPAN_TITLE = re.compile(rf"^{_TITLE}{_S}+")
#: Cues that a cited case is referred back to: "in X", "see X", "per X", "X's case".
_BACK_BEFORE = re.compile(
    rf"\b(?:in|In|see|See|per|Per|cf\.?|Cf\.?|following|Following|applying|Applying|apply|"
    rf"approved|approve|distinguished|distinguish|followed|follow|overruled|overrule|"
    rf"explained|considered|consider|discussed|cited|relied{_S}+(?:on|upon)|depart{_S}+from|"
    rf"decision{_S}+in|case{_S}+of|authority{_S}+of)"
    rf"{_SN}+(?:(?:R|Re|In{_S}+re){_S}+(?:v\.?{_S}+)?)?$"
)
_BACK_AFTER = re.compile(
    rf"^(?:['’]s?{_S}+case\b|{_S}+case\b|{_S}*\(supra\)|{_S}*,{_S}*supra\b|{_S}+at{_S}+\[|"
    rf"{_S}+at{_S}+(?:para|p\.?{_S}*\d)|{_SN}*\([^()\n]{{0,30}}\b(?:above|below|supra)\)|"
    rf"{_S}+(?:was|is|were){_S}+(?:(?:wrongly|rightly|correctly){_S}+)?decided\b|"
    rf"{_S}+(?:established|held|decided|makes{_S}+clear|made{_S}+clear|is{_S}+authority|"
    rf"was{_S}+(?:impliedly{_S}+)?(?:overruled|followed|applied|distinguished|approved)|"
    rf"does{_S}+not{_S}+(?:apply|assist|help))\b)"
)
#: An institution named once in full and again by its first words: "Ashworth Hospital
#: ("Ashworth")", then "returned to Ashworth".
_INSTITUTION_AT = re.compile(
    r"[HIPCUA](?:ospital|nfirmary|rison|olice|onstabulary|ouncil|niversity|linic|cademy|ollege)\b"
)
_INSTITUTION_HEAD = re.compile(
    rf"\b(?P<n>[A-Z][a-z]+(?:{_S}[A-Z][a-z]+)?)(?:['’]s)?{_S}+(?:University{_S}+)?$"
)
_V_BEFORE = re.compile(rf"(?P<party>{_NW})\)?{_SN}+v\.?{_SN}+$")
_V_AFTER = re.compile(rf"^{_SN}+v\.?{_SN}+(?P<party>{_NW})")
_V_INSIDE = re.compile(r"\sv\.?\s")
#: A cited case named by the decision in it: "the decision in X", "the judgment in X".
_DECISION_IN = re.compile(
    rf"\b(?i:decision|judgment|judgement|ruling|reasoning|dicta|dictum)s?{_S}+in{_SN}+$"
)
#: A pinpoint into a judgment: "in X at [13]", "X at para 20", "X (supra)".
_PINPOINT = re.compile(
    rf"^(?:['’]s{_S}+case)?(?:{_S}+at{_S}+(?:\[\d|paras?\.?{_S}*\d|p\.?{_S}*\d)|{_S}*\(supra\)|"
    rf"{_S}*,{_S}*supra\b)"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")


#: Last words before a span that may end each cue before a name: a regular expression is
#: tried only when the last word is one of them (most spans have no cue at all).
_JUDGE_LAST = frozenset(
    "justice judge hhj honour recorder lord lady baroness dj ddj utj (mc) sir dame".split()
)
_COUNSEL_LAST = frozenset(
    "counsel advocate barrister solicitor-advocate by mr mrs ms miss mx dr".split()
)
_BACK_LAST = frozenset(
    """in see per cf following applying apply approved approve distinguished distinguish
    followed follow overruled overrule explained considered consider discussed cited on
    upon from of r re v""".split()
)
_ARTICLE_LAST = frozenset("a an the full proper any no this that usual".split())
_INSTITUTION_LAST = frozenset("hmp hmyoi yoi prison of at messrs by".split())
#: Words before a shop's or business's name that an address follows: "entered X, 12
#: High Street", "employed as a store detective at X, Unit 4, ...".
_PREMISES_LAST = frozenset("entered at inside outside into from left leaving near visited".split())
#: An address straight after a name: ", 12 High Street", ", Unit 4, 7 Mill Lane".
_ADDRESS_AFTER = re.compile(
    rf"^,{_SN}*(?:(?:Unit|Shop|Units|Suite){_S}+\d{{1,4}}[A-Za-z]?,{_SN}*)?"
    rf"\d{{1,4}}[A-Za-z]?,?{_SN}+[A-Z][a-z]+"
)
#: Words that make a name a shop's or business's: "X Store", "X Pharmacy", "X Ltd".
_SHOP_WORDS = (
    r"(?:Store|Stores|Superstore|Supermarket|Pharmacy|Chemist|Express|Extra|Metro|Local|"
    r"Outlet|Garage|Takeaway|Restaurant|Cafe|Café|Hotel|Salon|Bakery|Butchers|Newsagents?)"
)
_SHOP_AFTER = re.compile(rf"^{_S}*\n?{_S}*{_SHOP_WORDS}\b")
_SHOP_END = re.compile(rf"{_SHOP_WORDS}$")
#: A shop named (in one word) before its address or with its kind: remembered for the
#: whole bundle. A longer name before an address may be a person's ("at Mary Jones, 14
#: Mill Lane"), so only its kind ("X Pharmacy") makes it a shop.
_PREMISES_NAMED = re.compile(
    rf"\b(?:entered|at|inside|outside|into|from|left|leaving|near|visited){_SN}+"
    rf"(?P<n>[A-Z][A-Za-z'’&]+)"
    rf"(?=,{_SN}*(?:(?:Unit|Shop|Units|Suite){_S}+\d{{1,4}}[A-Za-z]?,{_SN}*)?"
    rf"\d{{1,4}}[A-Za-z]?,?{_SN}+[A-Z][a-z]+)"
    rf"|(?P<s>[A-Z][A-Za-z'’&]+){_S}*\n?{_S}*{_SHOP_WORDS}\b"
)
_PLACE_LAST = frozenset(
    """at to from in into within outside inside near leaving left attended admitted
    transferred returned detained staff ward the""".split()
)


def _last(before: str) -> tuple[str, str]:
    """The last word before a span (case-folded, without its final stop) and last mark."""
    tail = before.rstrip(" \t\n")
    if not tail:
        return "", ""
    word = tail.rsplit(None, 1)[-1]
    return word.rstrip(".,:").casefold(), tail[-1]


def _words(span: str) -> list[str]:
    return [w.removesuffix("'s").removesuffix("’s").rstrip("'’") for w in _WORD.findall(span)]


def _folded(span: str) -> tuple[str, ...]:
    return tuple(w.casefold() for w in _words(span) if w.casefold() not in _TITLES)


# --- one span from its neighbours ----------------------------------------------------


def kind_at(text: str, start: int, end: int) -> LegalKind | None:
    """What the span ``text[start:end]`` is, read from the words around it; None for a name.

    Only the span and its neighbours are read; :class:`LegalNames` adds what the rest of
    the text said about the same words.
    """
    span = text[start:end]
    words = _words(span)
    if not words:
        return None
    folded = [w.casefold() for w in words]
    before = text[max(0, start - 90) : start]
    after = text[end : end + 200]
    last, mark = _last(before)

    if _is_judge(span, words, before, after, last, mark):
        return LegalKind.JUDGE
    if (
        (len(words) > 1 and words[-1].rstrip(".") in _SILK)
        or _COUNSEL_AFTER.match(after)
        or ((last in _COUNSEL_LAST or mark in ",:") and _COUNSEL_BEFORE.search(before))
    ):
        return LegalKind.COUNSEL
    if _holds_office(span, before, after):
        return LegalKind.PUBLIC_OFFICE
    if (
        any(w in _NEVER_NAME for w in folded)
        or _V_INSIDE.search(span)
        or (last in _ARTICLE_LAST and _V_AFTER.match(after))  # "a Smith v Jones award"
    ):
        return LegalKind.CASE_NAME
    if "(" in before and _INSTRUCTED_BY.search(before):
        return LegalKind.INSTITUTION  # "(instructed by Messrs X, Y and Z)": a firm
    if _SPAN_TITLE.match(span) or last in _TITLES:
        return None  # "Mr X", "Dr X": a person, whatever follows the name
    if _one_side_of_a_civil_case(before, after, last) or (
        len(words) == 1 and _DECISION_IN.search(before)
    ):
        return LegalKind.CASE_NAME  # "Coal Board v X", "X v Walsall Council", "the decision in X"
    if (("[" in after or "(" in after) and _TO_CITATION.match(after)) or (
        last in _BACK_LAST and _PINPOINT.match(after) and _BACK_BEFORE.search(before)
    ):
        return LegalKind.CASE_NAME
    if (
        all(w in _LEGAL_WORDS for w in folded)
        or folded[0] in _PART_WORDS
        or (len(words) > 1 and _INSTRUMENT.match(words[-1]))
        or (len(words) == 1 and folded[0] in _THE_WORDS and last in {"the", "this", "that"})
    ):
        return LegalKind.LEGAL_TERM
    if (
        (last in _INSTITUTION_LAST and _INSTITUTION_BEFORE.search(before))
        or _INSTITUTION_AFTER.match(after)
        or _BODY_AFTER.match(after)
        or (len(words) > 1 and _INSTITUTION_END.match(words[-1]))
    ):
        return LegalKind.INSTITUTION
    if (
        (len(words) == 1 or _SHOP_END.match(words[-1]))
        and last in _PREMISES_LAST
        and mark not in ".:"
        and _ADDRESS_AFTER.match(after)
    ) or _SHOP_AFTER.match(after):
        return LegalKind.INSTITUTION  # a shop: "entered X, 12 High Street", "X Store"
    if (
        _TERM_ALWAYS.match(after)
        or (last in _ARTICLE_LAST and _TERM_AFTER_ARTICLE.match(after))
        or _INSTRUMENT_AFTER.match(after)
    ):
        return LegalKind.LEGAL_TERM
    return None


def _one_side_of_a_civil_case(before: str, after: str, last: str) -> bool:
    """Whether the span is one side of "X v Y" whose other side is not the Crown.

    "R v X", "X v R" and "DPP v X" name a defendant: the title of a prosecution.
    """
    other = (_V_BEFORE.search(before) if last == "v" else None) or _V_AFTER.match(after)
    return other is not None and other.group("party").casefold() not in _CROWN_WORDS


def _holds_office(span: str, before: str, after: str) -> bool:
    """Whether the span names a public office holder: "President X", "X MP"."""
    if _SPAN_TITLE.match(span):
        return bool(_OFFICE_AFTER.match(after))  # "Mr X MP"; "Mr X" alone is anyone
    return bool(
        _OFFICE_IN_SPAN.match(span) or _OFFICE_BEFORE.search(before) or _OFFICE_AFTER.match(after)
    )


def _is_judge(span: str, words: list[str], before: str, after: str, last: str, mark: str) -> bool:
    if len(words) > 1 and words[0] in {"Lord", "Lady", "Baroness", "LORD", "LADY", "BARONESS"}:
        return True  # "Lord Bingham", "Lady Hale" as one span
    if len(words) > 1 and words[-1] in {"LJ", "LJJ", "CJ", "LCJ", "JSC", "PSC"}:
        return True  # "Singh LJ" as one span
    if len(words) > 1 and words[-1] in {"J", "P", "MR"} and _FOLLOWS_POST_NOMINAL.match(after):
        return True  # "Irwin J said": not "Daniel J Holloway"
    if _SPAN_TITLE.match(span):
        return False  # "Mr X" is not "Mr Justice X"
    if (last in _JUDGE_LAST or mark == ",") and _JUDGE_BEFORE.search(before):
        return True
    if _JUDGE_AFTER.match(after):
        return True
    knighted = words[0] in _KNIGHTED or last in {"sir", "dame"}
    return knighted and bool(_PRESIDING.match(after) or _ON_THE_BENCH.search(before))


# --- what a whole text says ------------------------------------------------------------

#: Honorifics left out when names are compared ("Sir Geoffrey X" is "X").
_HONORIFICS = _TITLES | {"sir", "dame", "lord", "lady", "baroness"}


def _person_words(span: str) -> tuple[str, ...]:
    words = (w.casefold() for w in _words(span))
    return tuple(w for w in words if w not in _HONORIFICS and w not in {"qc", "kc", "sc", "bl"})


@dataclass(frozen=True, slots=True)
class _Counsel:
    """How counsel was introduced: surname, whether the title was a woman's, initial."""

    surname: str
    women: bool | None  # None: no gendered title written
    initial: str | None


@dataclass(frozen=True, slots=True)
class LegalNames:
    """Judges, counsel and cited cases a text introduced, to recognise them again later.

    Build it once from every page of a bundle (:meth:`of`); :meth:`kind_at` then reads a
    span from its neighbours first and from what the bundle said second. A name seen
    again matches a judge or counsel by surname, title (a woman's title is not a man's)
    and, where both are written, first initial: "Mr X" and "X" after "Mr Alan X KC", but
    not "Mrs X" nor "Joan X".
    """

    #: Judges' names as written (case-folded words without honorifics): ("holgate",).
    judges: frozenset[tuple[str, ...]] = frozenset()
    counsel: frozenset[_Counsel] = frozenset()
    #: Parties to cited cases: ("okedare",), ("government", "of", "rwanda").
    cited: frozenset[tuple[str, ...]] = frozenset()
    #: Institutions by the words before "Hospital", "Prison", "Police"...: ("ashworth",).
    institutions: frozenset[tuple[str, ...]] = frozenset()
    #: Cited parties the texts also write as a person ("Mr X", "John X"): only a cue
    #: ("in X", "X's case") makes X the case there.
    persons: frozenset[tuple[str, ...]] = frozenset()
    #: Holders of public office by the words of their names: ("trevanion",) from
    #: "President Trevanion", ("jory", "trevanion") from "President Jory Trevanion".
    officials: frozenset[tuple[str, ...]] = frozenset()

    @classmethod
    def of(cls, texts: Iterable[str]) -> LegalNames:
        """What the texts say about judges, counsel and cited cases."""
        judges: set[tuple[str, ...]] = set()
        counsel: set[_Counsel] = set()
        cited: set[tuple[str, ...]] = set()
        institutions: set[tuple[str, ...]] = set()
        officials: set[tuple[str, ...]] = set()
        texts = list(texts)
        for text in texts:
            judging = _JUDGE_SIGN.search(text) is not None
            pleading = any(sign in text for sign in _COUNSEL_SIGNS)
            citing = _YEAR_SIGN.search(text) is not None
            if judging or pleading or citing:
                judges.update(_judges_in(text, titled=judging))
            if pleading:
                counsel.update(_counsel_in(text))
            if citing:
                cited.update(_cited_in(text))
            institutions.update(_institutions_in(text))
            officials.update(_officials_in(text))
        persons = _written_as_people({c[0] for c in cited if len(c) == 1}, texts)
        return cls(
            frozenset(judges),
            frozenset(counsel),
            frozenset(cited),
            frozenset(institutions),
            frozenset((p,) for p in persons),
            frozenset(officials),
        )

    def kind_at(self, text: str, start: int, end: int) -> LegalKind | None:
        """What ``text[start:end]`` is: from its neighbours, else from what the texts said."""
        kind = kind_at(text, start, end)
        if kind is not None or not (
            self.judges or self.counsel or self.cited or self.institutions or self.officials
        ):
            return kind
        span = text[start:end]
        before = text[max(0, start - 90) : start]
        after = text[end : end + 90]
        last, _ = _last(before)
        if self.cited and self._cited_again(span, before, after, last):
            return LegalKind.CASE_NAME
        words = _person_words(span)
        if not words:
            return None
        title = _title_of(span, last)
        if title is None and words in self.institutions and last in _PLACE_LAST:
            return LegalKind.INSTITUTION
        if self.counsel and self._is_counsel(words, title):
            return LegalKind.COUNSEL
        if self.judges and title is None and self._is_judge(words):
            return LegalKind.JUDGE  # "Holgate" after "Mr Justice Holgate"
        if self.officials and title is None and self._is_official(words):
            return LegalKind.PUBLIC_OFFICE  # "Trevanion" after "President Trevanion"
        return None

    def _is_official(self, words: tuple[str, ...]) -> bool:
        """The surname of an office holder, alone or with the same first name."""
        return any(
            (
                known[-1] == words[-1]
                and (len(words) == 1 or len(known) == 1 or known[0] == words[0])
            )
            # A first name alone, where the office holder's name is written that way
            # ("Prime Minister Ysolt Carew", then "Ysolt").
            or (len(words) == 1 and len(known) > 1 and known[0] == words[0])
            for known in self.officials
        )

    def _cited_again(self, span: str, before: str, after: str, last: str) -> bool:
        party = _folded(span)
        if party not in self.cited:
            return False
        if (last in _BACK_LAST and _BACK_BEFORE.search(before)) or _BACK_AFTER.match(after):
            return True
        crown_v = last == "v" and _V_BEFORE.search(before)
        if crown_v and crown_v.group("party").casefold() in _CROWN_WORDS:
            return False  # "R v X" with no cue or citation: the title of this case
        if party not in self.persons and _title_of(span, last) is None:
            return True  # "Hoddinott lays down ...": the texts never make X a person
        # One side of "X v Y" whose other side is not the Crown: "Marshall v Hamblin"
        # ("R v X" with no citation may be the title of this very case: its defendant).
        other = (last == "v" and _V_BEFORE.search(before)) or _V_AFTER.match(after)
        return other is not None and other.group("party").casefold() not in _CROWN_WORDS

    def _is_counsel(self, words: tuple[str, ...], title: str | None) -> bool:
        women = None if title is None or title in _NOT_GENDERED else title in _WOMEN
        initial = words[0][0] if len(words) > 1 else None
        return any(
            known.surname == words[-1]
            and (women is None or known.women is None or women == known.women)
            and (initial is None or initial == known.initial)
            for known in self.counsel
        )

    def _is_judge(self, words: tuple[str, ...]) -> bool:
        if len(words) == 1:
            return any(known[-1] == words[0] for known in self.judges)
        return any(
            len(known) > 1 and known[-1] == words[-1] and known[0] == words[0]
            for known in self.judges
        )


def _title_of(span: str, last: str) -> str | None:
    """The title written in or just before a span ("mr", "dr"), if any."""
    match = _SPAN_TITLE.match(span)
    if match:
        return match.group(0).strip().rstrip(".").casefold()
    return last if last in _TITLES else None


def _judges_in(text: str, *, titled: bool = True) -> set[tuple[str, ...]]:
    """Judges' names after a judicial title ("HHJ X") or before a post-nominal ("X LJ")."""
    names: list[str] = []
    for post in _POST_NOMINAL_AT.finditer(text):
        if post.start() and text[post.start() - 1] in " \t":
            before = _NAME_BEFORE_POST_NOMINAL.search(text, max(0, post.start() - 40), post.start())
            if before:
                names.append(before.group("n"))
    for bench in _KNIGHT_ON_THE_BENCH.finditer(text):
        names.append(bench.group("n"))
    if titled:  # each title starts where a sign of one was seen
        for sign in _JUDGE_SIGN.finditer(text):
            title = _JUDGE_TITLED.match(text, sign.start())
            if title:
                names.append(title.group("n") or title.group("k"))
    found: set[tuple[str, ...]] = set()
    for written in names:
        words = _person_words(written)
        if words and len(words[-1]) > 2 and words[-1] not in _LEGAL_WORDS:
            found.add(words)
    return found


def _officials_in(text: str) -> set[tuple[str, ...]]:
    """Names written after a public office: ("trevanion",) from "President Trevanion"."""
    found: set[tuple[str, ...]] = set()
    if not any(sign in text for sign in _OFFICE_SIGNS):
        return found
    for match in _OFFICE_NAMED.finditer(text):
        words = _person_words(match.group("n"))
        if words and len(words[-1]) > 2 and words[-1] not in _LEGAL_WORDS:
            found.add(words)
    return found


#: Literal words, one in each office (a page with none is not searched for office holders).
_OFFICE_SIGNS = (
    "resident", "inister", "remier", "enator", "overnor", "xchequer", "ecretary", "mperor",
    "Pope", "ardinal", "rchbishop", "yatollah", "heikh", "Mayor", " MP",
)  # fmt: skip


def _institutions_in(text: str) -> set[tuple[str, ...]]:
    """The words before "Hospital", "Police"...: ("ashworth",) from "Ashworth Hospital".

    Also shops and businesses named before their address or with their kind: ("tesco",)
    from "entered Tesco, 5 High Street" or "Tesco Store".
    """
    found: set[tuple[str, ...]] = {
        _folded(m.group("n") or m.group("s")) for m in _PREMISES_NAMED.finditer(text)
    }
    for match in _INSTITUTION_AT.finditer(text):
        head = _INSTITUTION_HEAD.search(text, max(0, match.start() - 40), match.start())
        if head:
            found.add(_folded(head.group("n")))
    return found


def _counsel_in(text: str) -> set[_Counsel]:
    """Counsel a text introduces.

    Names before "(instructed by", "appeared for", "for the appellant" and "QC", after
    "counsel for the appellant," and on a line "For the appellant: Mr X and Ms Y".
    """
    spans: list[str] = []
    for end in _COUNSEL_LIST_END.finditer(text):
        chunk = text[max(0, end.start() - 200) : end.start()]
        start = _LIST_START.search(chunk)
        lines = chunk[start.start() + 1 if start else 0 :].split("\n")
        # The clause's own line, and the lines above it that hold nothing but a name
        # (counsel listed one a line); "R v X" above is the title, not counsel.
        taken = [lines.pop()]
        while lines and len(taken) < 4 and _NAME_LINE.fullmatch(lines[-1].strip()):
            taken.append(lines.pop())
        spans.extend(m.group(0) for m in _ONE_COUNSEL.finditer("\n".join(taken)))
    for anchor in (_COUNSEL_FOR, _SILK_AT):
        pattern = _NAME_BEFORE_FOR if anchor is _COUNSEL_FOR else _NAME_BEFORE_SILK
        for end in anchor.finditer(text):
            name = pattern.search(text, max(0, end.start() - 120), end.start())
            if name:
                spans.append(_ONE_COUNSEL.match(name.group(0)).group(0))  # type: ignore[union-attr]
    spans.extend(m.group("n") for m in _COUNSEL_NAMED.finditer(text))
    for line in _REPRESENTATION.finditer(text):
        spans.extend(m.group(0) for m in _TITLED_NAME.finditer(line.group("line")))
    found: set[_Counsel] = set()
    for span in spans:
        title = _SPAN_TITLE.match(span)
        words = _person_words(span)
        if not words or len(words[-1]) < 2 or (len(words) == 1 and words[0] in _LEGAL_WORDS):
            continue
        key = title.group(0).strip().rstrip(".").casefold() if title else None
        women = None if key is None or key in _NOT_GENDERED else key in _WOMEN
        found.add(_Counsel(words[-1], women, words[0][0] if len(words) > 1 else None))
    return found


#: Words before a case name that are not part of it ("In R v X", "see X").
_LEADING = frozenset(
    "in see per cf following applying as and also but was of to by the re ex parte p".split()
)
_PARTY_SPLIT = re.compile(rf"{_SN}+v\.?{_SN}+|\b(?i:ex){_SN}+(?:p|parte)\.?{_SN}+")
_CROWN = frozenset({("r",), ("regina",), ("rex",), ("the", "queen"), ("the", "king"), ("dpp",)})
_CROWN_WORDS = frozenset({"r", "regina", "rex", "queen", "king", "crown", "dpp"})
#: Words a company's name ends with, left off when it is named again ("Barton v Wright").
_COMPANY = frozenset("limited ltd plc llp inc co and others".split())


def _cited_in(text: str) -> set[tuple[str, ...]]:
    """The parties named before each citation of the text, as case-folded words."""
    found: set[tuple[str, ...]] = set()
    if "[" not in text and "(" not in text:
        return found
    for citation in CITATION.finditer(text):
        head = text[max(0, citation.start() - 160) : citation.start()]
        rest = head.rstrip(" \t\n,")
        taken: list[str] = []
        # The case name runs up to the citation: walk back over its words.
        for token in reversed(_CASE_TOKEN.findall(rest)):
            if not rest.endswith(token):
                break
            taken.append(token)
            rest = rest[: -len(token)].rstrip(" \t\n,")
            if len(taken) >= 20:
                break
        for party in _PARTY_SPLIT.split(" ".join(reversed(taken))):
            found.update(_party_names(party))
    return found


def _party_names(party: str) -> set[tuple[str, ...]]:
    """A party as it may be named again: "Marshall (Cambridge) Limited" is also "Marshall"."""
    inner = re.search(r"\(([^()]+)\)", party)
    outside = _clean(_folded(re.sub(r"\([^()]*\)", " ", party)))
    if outside in _CROWN and inner:  # "R (on the application of Allen) v ...": Allen
        outside = _clean(_folded(inner.group(1)))
    names = {outside, _after_in(outside)}
    if inner:  # "Marshall (Cambridge) Limited": also "Marshall"
        names.add(_after_in(_clean(_folded(party[: inner.start()]))))
    for name in list(names):
        while len(name) > 1 and name[-1] in _COMPANY:
            name = name[:-1]
            names.add(name)
    return {n for n in names if n and n not in _CROWN and len(n) <= 6}


def _after_in(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words after the last "in": "the EAT in Marshall" is "Marshall"."""
    if "in" not in words:
        return words
    return words[len(words) - words[::-1].index("in") :]


_APPLICATION = ("on", "the", "application", "of")


def _clean(words: tuple[str, ...]) -> tuple[str, ...]:
    if words[: len(_APPLICATION)] == _APPLICATION:
        words = words[len(_APPLICATION) :]
    while words and words[0] in _LEADING:
        words = words[1:]
    return words


#: Capitalised words before a surname that are not given names.
_NOT_GIVEN = (
    _LEADING
    | _CROWN_WORDS
    | frozenset(
        "re v whatever however while although if when where then thus so and but or nor "
        "he she it they we i his her its their our court house lord lady sir dame".split()
    )
)


def _written_as_people(surnames: set[str], texts: list[str]) -> set[str]:
    """The surnames some text writes after a title or a given name ("Mr X", "John X")."""
    if not surnames:
        return set()
    found: set[str] = set()
    before_name = re.compile(
        rf"(?P<w>{_TITLE}|[A-Z][a-z]+|[A-Z]\.?){_S}+(?:[A-Z]\.?{_S}+)?(?P<s>[A-Z][A-Za-z'’\-]+)\b"
    )
    for text in texts:
        for match in before_name.finditer(text):
            surname = match.group("s").casefold()
            if surname in surnames and match.group("w").rstrip(".").casefold() not in _NOT_GIVEN:
                found.add(surname)
    return found


@functools.lru_cache(maxsize=16)
def page_names(text: str) -> LegalNames:
    """:class:`LegalNames` of one text (cached: several recognisers read the same page)."""
    return LegalNames.of((text,))


def not_a_person(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a cited case, a term of art or an institution here."""
    return page_names(text).kind_at(text, start, end) in NOT_PEOPLE
