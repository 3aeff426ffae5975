"""Values shared by every stage of the pipeline.

Everything here is a frozen dataclass or a ``StrEnum``: stages pass these values
forward and never mutate them. Two conventions hold throughout the code:

* pages are **0-based** inside the code; the report adds one at the edge;
* boxes are **PDF points with the origin at the top-left** of the page
  (PyMuPDF's page space).

Fields that may hold personal data are declared with ``repr=False`` so that a
value printed in a log line or an exception never carries it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class Source(StrEnum):
    """Where a word or detection came from."""

    TEXT = "text"
    OCR = "ocr"
    IMAGE = "image"


class Action(StrEnum):
    """What is proposed for a finding."""

    REDACT = "redact"
    KEEP = "keep"
    REVIEW = "review"


class Severity(StrEnum):
    """How serious a leak of the item would be."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Verdict(StrEnum):
    """The bundle-level outcome of a scan."""

    CLEAR = "clear"
    REVIEW = "review"
    BLOCK = "block"


class Entity(StrEnum):
    """Kinds of personal data the recognisers report (the contract's vocabulary)."""

    UK_ADDRESS = "UK_ADDRESS"
    UK_POSTCODE = "UK_POSTCODE"
    PHONE_NUMBER = "PHONE_NUMBER"
    EMAIL_ADDRESS = "EMAIL_ADDRESS"
    DATE_OF_BIRTH = "DATE_OF_BIRTH"
    AGE = "AGE"
    UK_NHS = "UK_NHS"
    UK_NINO = "UK_NINO"
    PERSON = "PERSON"
    BANK_DETAILS = "BANK_DETAILS"
    VEHICLE_REGISTRATION = "VEHICLE_REGISTRATION"
    HOSPITAL_NUMBER = "HOSPITAL_NUMBER"
    UK_PASSPORT = "UK_PASSPORT"
    UK_DRIVING_LICENCE = "UK_DRIVING_LICENCE"
    PNC_ID = "PNC_ID"
    #: A place that is not a postal address but says where a person can be found: the
    #: school a child attends ("St Anselm's Primary School").
    LOCATION = "LOCATION"
    #: What a lay person does for a living, and where ("works as a nurse at the Royal
    #: Infirmary", "the manager of the Co-op on Mill Lane"): it says where to find them.
    OCCUPATION = "OCCUPATION"
    #: A person's relation to others ("her son", "the defendant's ex-partner's
    #: sister"): with the case's other facts it can single them out.
    RELATIONSHIP = "RELATIONSHIP"


class DocumentKind(StrEnum):
    """Kinds of document found in a bundle (the contract's list)."""

    CASE_SUMMARY = "case_summary"
    CHARGE_SHEET = "charge_sheet"
    WITNESS_STATEMENT = "witness_statement"
    WITNESS_CONTACT_DETAILS = "witness_contact_details"
    WITNESS_LIST = "witness_list"
    UNUSED_MATERIAL_SCHEDULE = "unused_material_schedule"
    PREVIOUS_CONVICTIONS = "previous_convictions"
    INTERVIEW_RECORD = "interview_record"
    MEDICAL_RECORD = "medical_record"
    COMPENSATION_CLAIM = "compensation_claim"
    FEE_NOTE = "fee_note"
    EXHIBIT_IMAGE = "exhibit_image"
    NOT_DISCLOSABLE = "not_disclosable"
    OTHER = "other"


class IssueKind(StrEnum):
    """Kinds of bundle-level problem (the contract's list)."""

    WITNESS_CONTACT_DETAILS = "witness_contact_details"
    NOT_DISCLOSABLE_DOCUMENT = "not_disclosable_document"
    FOREIGN_CASE_SUMMARY = "foreign_case_summary"
    WRONG_PREVIOUS_CONVICTIONS = "wrong_previous_convictions"
    UNREDACTED_ELSEWHERE = "unredacted_elsewhere"
    DUPLICATE_DOCUMENT = "duplicate_document"
    BAD_REDACTION = "bad_redaction"
    EARLIER_REVISION = "earlier_revision"
    NOT_SCANNED = "not_scanned"


class PageActionKind(StrEnum):
    """What is done to a whole page (only removal exists in v1)."""

    REMOVE = "remove"


class Unscanned(StrEnum):
    """Why a page was not scanned (:attr:`Page.unscanned`; None when it was)."""

    #: Reading it took longer than the page time limit (``--page-timeout``).
    TIMED_OUT = "timed_out"
    #: Reading it stopped the PDF reader (a crash, or the reader's memory limit).
    READER_STOPPED = "reader_stopped"
    #: Reading it raised an error: the page is damaged.
    DAMAGED = "damaged"
    #: Its text layer is garbage (fonts without a Unicode map); the page itself is kept.
    GARBAGE_TEXT = "garbage_text"
    #: Parts of its text layer may not say what is drawn, and OCR was off; the page is kept.
    UNTRUSTED_TEXT = "untrusted_text"


class Role(StrEnum):
    """Whose data an item is, as far as the tool can tell."""

    DEFENDANT = "defendant"
    VICTIM = "victim"
    WITNESS = "witness"
    OFFICER = "officer"
    PROFESSIONAL = "professional"
    THIRD_PARTY = "third_party"
    SCENE = "scene"
    BUSINESS = "business"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle in PDF points, origin at the top-left of the page."""

    x0: float
    y0: float
    x1: float
    y1: float

    def __post_init__(self) -> None:
        if self.x1 < self.x0 or self.y1 < self.y0:
            raise ValueError(f"inverted box {self.x0},{self.y0},{self.x1},{self.y1}")

    @property
    def width(self) -> float:
        """Width in points."""
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        """Height in points."""
        return self.y1 - self.y0

    def union(self, other: Box) -> Box:
        """The smallest box holding both boxes."""
        return Box(
            min(self.x0, other.x0),
            min(self.y0, other.y0),
            max(self.x1, other.x1),
            max(self.y1, other.y1),
        )

    def intersects(self, other: Box) -> bool:
        """True when the boxes share an area (touching edges do not count)."""
        return (
            self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1
        )

    def as_tuple(self) -> tuple[float, float, float, float]:
        """The box as ``(x0, y0, x1, y1)``."""
        return (self.x0, self.y0, self.x1, self.y1)


@dataclass(frozen=True, slots=True)
class Word:
    """One word on a page, with its box and the x edges of its characters.

    ``char_edges`` has ``len(text) + 1`` entries (left edge of each character, then
    the right edge of the last) so that a span covering part of a word can be
    boxed to the glyphs it covers. It is empty when the word is not horizontal.
    Extraction gives it as an ``array('d')``: a long bundle has millions of edges,
    and an array holds them as plain numbers (8 bytes each, not a 32-byte float
    object in a tuple). Read it; do not change it. It is left out of the hash.
    ``line`` numbers the visual line on the page, so spans that wrap map to one
    box per line.
    """

    text: str = field(repr=False)
    box: Box
    line: int
    source: Source = Source.TEXT
    char_edges: Sequence[float] = field(default=(), repr=False, hash=False)


@dataclass(frozen=True, slots=True)
class ImageInfo:
    """An image drawn on a page."""

    xref: int
    box: Box
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class Page:
    """One page of the bundle as extracted."""

    index: int
    width: float
    height: float
    words: tuple[Word, ...]
    images: tuple[ImageInfo, ...] = ()
    has_text_layer: bool = True
    #: Dark filled rectangles drawn on the page: redaction boxes, if any were drawn.
    covers: tuple[Box, ...] = ()
    #: Why the page could not be scanned (None when it was): a page over its time
    #: limit, one whose reading failed, or one whose text layer is garbage. The
    #: scanner reports every such page as a ``not_scanned`` document issue.
    unscanned: Unscanned | None = None
    #: Regions whose text layer may not say what is drawn (no or a lying Unicode map,
    #: a Type3 font, ActualText, outlines, shuffled characters): read by OCR as well.
    untrusted: tuple[Box, ...] = ()


@dataclass(frozen=True, slots=True)
class OutlineEntry:
    """One bookmark of the PDF outline: its level (1 = top), title and 0-based page."""

    level: int
    title: str = field(repr=False)
    page: int


class CarrierKind(StrEnum):
    """Where outside the page content a reader of the PDF finds text."""

    BOOKMARK = "bookmark"
    PAGE_LABEL = "page label"
    NAMED_DESTINATION = "named destination"
    ANNOTATION = "annotation"
    LINK = "link target"
    METADATA = "document properties"


@dataclass(frozen=True, slots=True)
class Carrier:
    """Text a reader reaches outside the page content, and the 0-based page it belongs to."""

    kind: CarrierKind
    page: int
    text: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class Bundle:
    """The input PDF as the later stages see it."""

    path: str
    sha256: str
    pages: tuple[Page, ...]
    outline: tuple[OutlineEntry, ...] = ()
    #: Text outside the page content (bookmarks, labels, annotations, links...).
    carriers: tuple[Carrier, ...] = ()

    @property
    def page_count(self) -> int:
        """Number of pages in the bundle."""
        return len(self.pages)


@dataclass(frozen=True, slots=True)
class PageText:
    """A page's words laid out as one string, with each word's character span.

    Recognisers run on ``text``; ``spans[i]`` is the ``[start, end)`` of
    ``words[i]`` in it. Words on one line are joined by a space and lines by a
    newline, so line breaks remain visible to context rules.
    """

    page: int
    text: str = field(repr=False)
    words: tuple[Word, ...] = field(repr=False)
    spans: tuple[tuple[int, int], ...] = field(repr=False)


@dataclass(frozen=True, slots=True)
class Person:
    """A person the case knows about.

    ``phones`` and ``vehicles`` are the person's own numbers and registrations as the
    case file gives them (a defendant's phone that sent the messages, the car driven).
    """

    name: str = field(repr=False)
    role: Role
    dob: str | None = field(default=None, repr=False)
    phones: tuple[str, ...] = field(default=(), repr=False)
    vehicles: tuple[str, ...] = field(default=(), repr=False)


class PremisesKind(StrEnum):
    """What a place named in the case is to the offence."""

    SCENE = "scene"  # the premises entered, damaged or set on fire
    BUSINESS = "business"  # a shop, office or other business premises
    VIEWPOINT = "viewpoint"  # where a witness saw the offence from


@dataclass(frozen=True, slots=True)
class Premises:
    """A place the charge or the case file names."""

    address: str = field(repr=False)
    kind: PremisesKind = PremisesKind.SCENE


@dataclass(frozen=True, slots=True)
class DocumentFields:
    """Key facts read from one document."""

    urn: str | None = None
    names: tuple[str, ...] = field(default=(), repr=False)
    witness: str | None = field(default=None, repr=False)
    dobs: tuple[str, ...] = field(default=(), repr=False)
    pnc_id: str | None = field(default=None, repr=False)


@dataclass(frozen=True, slots=True)
class Document:
    """One document of the bundle: a run of pages of one kind."""

    index: int
    kind: DocumentKind
    title: str
    pages: tuple[int, ...]
    fields: DocumentFields = DocumentFields()
    #: Why its kind is uncertain when the kind would have its pages removed (empty when
    #: certain): such a document is proposed for review, not removed.
    doubt: str = ""


@dataclass(frozen=True, slots=True)
class Case:
    """What is known about the case: from the case file and/or the bundle."""

    urn: str | None = None
    defendants: tuple[Person, ...] = ()
    offences: tuple[str, ...] = ()
    complainants: tuple[Person, ...] = ()
    officers: tuple[Person, ...] = ()
    inferred: bool = False
    premises: tuple[Premises, ...] = ()
    #: The charge particulars as written ("On 14/06/2026 at Liverpool entered as ...").
    particulars: tuple[str, ...] = field(default=(), repr=False)


@dataclass(frozen=True, slots=True)
class Detection:
    """An item of possible personal data found on a page."""

    entity: str
    text: str = field(repr=False)
    page: int
    boxes: tuple[Box, ...]
    score: float
    source: Source
    recognizer: str
    document: int
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class Finding:
    """A detection with the decision taken on it."""

    id: str
    detection: Detection
    action: Action
    rule: str
    reason: str
    severity: Severity
    #: Whose data it is, as the decision saw it (None: the decision did not turn on it).
    role: Role | None = None
    #: For a name: the person of the case it names (``P1``...; see :class:`Person`).
    person: str | None = None
    #: The CPS casework system's redaction type ("Named individual", "Address"...),
    #: as the rule files map it (empty until :func:`idpc_guard.policy.cps.with_cps`).
    cps_type: str = ""


@dataclass(frozen=True, slots=True)
class PageAction:
    """A whole-page action (only ``remove`` exists in v1)."""

    page: int
    action: PageActionKind
    reason: str
    #: The CPS casework system's deletion reason ("MG11 Backsheet"...), as the rule
    #: files map it (empty until :func:`idpc_guard.policy.cps.with_cps`).
    cps_reason: str = ""


@dataclass(frozen=True, slots=True)
class DocumentIssue:
    """A problem with a whole document rather than a single item."""

    kind: IssueKind
    document: int
    pages: tuple[int, ...]
    detail: str


@dataclass(frozen=True, slots=True)
class CasePerson:
    """A person named in the bundle, as the report lists them (the people view).

    Every form of the name found (``names``: "Daniel HOLLOWAY", "HOLLOWAY, Daniel",
    "DC Dunne") is one person; ``role`` is whose data the decisions took their name
    to be, and ``evidence`` the reasons the rules gave. ``findings`` are the ids of
    the findings on their name.
    """

    id: str
    role: Role
    names: tuple[str, ...] = field(repr=False)
    evidence: tuple[str, ...]
    findings: tuple[str, ...]
    redacted: int
    kept: int
    review: int


@dataclass(frozen=True, slots=True)
class ExposureItem:
    """One thing left in the copy that could lead to a protected person."""

    #: The finding that holds it.
    finding: str
    #: 0-based page.
    page: int
    #: What it is: ``home`` (where they live, in words), ``school``, ``workplace``,
    #: ``relative``, ``relative's name``, ``vehicle``.
    kind: str
    #: What a reviewer should consider doing with it.
    suggest: Action


@dataclass(frozen=True, slots=True)
class Exposure:
    """What a protected person's own statements leave that could lead to them.

    See :mod:`idpc_guard.policy.exposure`. Holds ids and vocabularies, never values.
    """

    #: The person of the case (``P1``...), when their name is among the findings.
    person: str | None
    role: Role
    #: Their statements (document indexes).
    documents: tuple[int, ...]
    #: Entities of their contact details redacted from those statements.
    withheld: tuple[str, ...]
    items: tuple[ExposureItem, ...]
    #: Their home can be inferred from what remains.
    home: bool


@dataclass(frozen=True, slots=True)
class Decisions:
    """What the decide stage proposes for a bundle."""

    findings: tuple[Finding, ...]
    page_actions: tuple[PageAction, ...]
    document_issues: tuple[DocumentIssue, ...]
    verdict: Verdict
    #: The people the findings name (see :mod:`idpc_guard.policy.people`).
    people: tuple[CasePerson, ...] = ()
    #: What still points to each protected person (see :mod:`idpc_guard.policy.exposure`).
    exposure: tuple[Exposure, ...] = ()


@dataclass(frozen=True, slots=True)
class CopyFailure:
    """Why no redacted copy was written: what survived even the page-as-picture fallback."""

    #: The findings whose value could still be read in the copy (ids, no values).
    findings: tuple[str, ...]
    #: What verification found, in words without personal data.
    reason: str

    def not_removed(self, findings: Sequence[Finding]) -> list[tuple[str, Finding | None]]:
        """Each finding id that stayed readable, with its finding when ``findings`` has it."""
        by_id = {f.id: f for f in findings}
        return [(i, by_id.get(i)) for i in self.findings]


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a scan produced, ready to serialise."""

    tool_version: str
    rules_fingerprint: str
    bundle: Bundle = field(repr=False)
    case: Case
    documents: tuple[Document, ...]
    decisions: Decisions
    #: Fingerprint of everything else that shapes the outputs (case, offences, limits,
    #: labels, OCR, taxonomy): a batch rescans when it differs.
    options_fingerprint: str = ""
    #: The files made beside the report: ``redacted``, ``marked``, ``html``.
    outputs: tuple[str, ...] = ()
    #: Offences given by the user that the taxonomy does not know (allowed on request):
    #: no offence exception can apply to them.
    unrecognised_offences: tuple[str, ...] = ()
    #: Where the case file and the bundle disagree (URN, defendant, date of birth), in
    #: words without personal data.
    case_disagreements: tuple[str, ...] = ()
    #: Pages (0-based) the redacted copy serves as pictures, boxes painted in, because
    #: text on them resisted redaction (see :mod:`idpc_guard.redact.as_image`).
    pages_as_images: tuple[int, ...] = ()
    #: The SHA-256 (hex) of the redacted copy made with the report ("" when none was
    #: made): ``verify-copy`` checks a served copy against it.
    copy_sha256: str = ""
    #: Set when the copy could not be verified even with its pages as pictures: the
    #: report is written, the copy is not.
    copy_failure: CopyFailure | None = None


class LabelStyle(StrEnum):
    """What is written in each redaction box of the copy.

    Labels come from a fixed vocabulary (or the finding id), never from the
    redacted value, so a label cannot re-introduce personal data.
    """

    ENTITY = "entity"
    ID = "id"
    NONE = "none"


class OcrEngineName(StrEnum):
    """The OCR engines to choose from (``--ocr-engine``), and ``none`` for no OCR."""

    #: RapidOCR for pictures, Tesseract for scanned pages (RapidOCR alone without Tesseract).
    AUTO = "auto"
    RAPIDOCR = "rapidocr"
    TESSERACT = "tesseract"
    #: No OCR: text layers only (a choice on the command line, not an engine).
    NONE = "none"


@dataclass(frozen=True, slots=True)
class InputDefect:
    """A problem found in the input file itself: a failed earlier redaction or old revision.

    ``page`` is 0-based (``None`` for the whole file); ``boxes`` cover the text
    left readable (one per line); ``text`` is that text, which is personal data.
    """

    kind: IssueKind
    page: int | None
    boxes: tuple[Box, ...]
    text: str = field(repr=False)
    detail: str
