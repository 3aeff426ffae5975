"""False alarms on real legal prose: name redactions per 1,000 words of public judgments.

A judgment names judges, counsel, cited cases, courts, police forces, hospitals and
public bodies, and uses terms of art (Turnbull, CrimPR, Newton hearing); none of these
is anyone's personal data to withhold, and a bundle quotes and cites the same things.
This script scans a folder of judgment texts as bundles and counts the PERSON findings
whose action is ``redact``, per 1,000 words, with a breakdown by what each one fell on,
and the names it leaves to a reviewer (``review``), which cost a person's time instead.

    PYTHONPATH=src .venv/bin/python benchmarks/judgments.py FOLDER [--show-values]
        [--only REGEX] [--pdf-dir DIR] [--json OUT] [--copy]

With ``--copy`` each judgment's redacted copy is made and verified too, and the table
says whether it was verified (and how many pages were served as pictures) or refused.

FOLDER holds ``*.xml`` (Find Case Law's Akoma Ntoso), ``*.html``, ``*.txt`` or ``*.pdf``
files; every file that is not a PDF is rendered to a plain PDF (PyMuPDF, Helvetica 10 pt,
wrapped lines) before the scan. Texts of judgments are not kept in the repository
(licences): benchmarks/README.md says where to get the corpus.

The category of each redaction is guessed from the words around it on the page, by
simple cues written here and nowhere else (not ``idpc_guard.text.legal``), so that the
figures do not grade the tool's vocabulary with itself; ``--show-values`` lets a person
check them. Cues are local: a judge or counsel named again pages later without a title
or post-nominal falls in a later category.

* ``judge``: a judicial title or post-nominal next to it ("Lord X", "Mr Justice X",
  "HHJ X", "X LJ", "X J", "Sir X", "Master X");
* ``counsel``: "QC"/"KC", "(instructed by", "appeared", "for the appellant", "submitted"
  after it, "counsel (for the X)," before it;
* ``case name``: "v", "R (", "ex p" before it, "v" or a citation ("[2019]", "(1994) 99")
  after it, "in X at [13]";
* ``legal term``: "direction", "hearing", "test", "Act", "Regulations", "Report" after
  it, or a word such as "Ground", "Registrar", "Claimant", "Schedule";
* ``institution``: "Police", "Hospital", "Court", "Council", "Ltd", "Solicitors"... after
  it, "instructed by", "HMP" before it;
* ``expert (Dr, Prof)``: a doctor's or professor's title (an expert witness);
* ``party to this case``: a word of the judgment's own title (its parties: Find Case
  Law's XML names them);
* ``other``: none of these (other people, places and words taken for names).

``--show-values`` prints every redaction with its category and the words around it.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import tempfile
import textwrap
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pymupdf

from idpc_guard import Scanner, ScanOptions
from idpc_guard.errors import RedactionNotVerifiedError
from idpc_guard.model import Action, Entity, Finding

CATEGORIES = (
    "judge",
    "counsel",
    "case name",
    "legal term",
    "institution",
    "expert (Dr, Prof)",
    "party to this case",
    "lay person (Mr, Mrs, Ms, Miss)",
    "other",
)

_PAGE_W, _PAGE_H = 595.0, 842.0  # A4 in points
_MARGIN = 56.0
_FONT_SIZE = 10.0
_LEADING = 13.0
_WRAP = 95


# --- texts ---------------------------------------------------------------------------


_BLOCK_END = re.compile(
    r"</(?:p|heading|subheading|tr|li|h\d|div|blockList|item|title|docTitle|"
    r"docProponent|docDate|neutralCitation|party|role|judge|lawyer|tblock)>|<br\s*/?>",
    re.IGNORECASE,
)
_CELL_END = re.compile(r"</(?:td|th)>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_DROP = re.compile(
    r"<(?P<tag>meta|proprietary|references|style|script|head)\b[^>]*>.*?</(?P=tag)>",
    re.IGNORECASE | re.DOTALL,
)


def markup_to_text(markup: str) -> str:
    """The readable text of an Akoma Ntoso or HTML judgment, a line per block."""
    markup = _DROP.sub(" ", markup)
    markup = _BLOCK_END.sub("\n", markup)
    markup = _CELL_END.sub("  ", markup)
    text = html.unescape(_TAG.sub("", markup))
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def read_text(path: Path) -> str:
    """The text of a judgment file (not a PDF)."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix.lower() in {".xml", ".html", ".htm"}:
        return markup_to_text(raw)
    return raw


def parties_of(path: Path, text: str) -> frozenset[str]:
    """Words of the names of this judgment's own parties (its title), case-folded.

    Find Case Law's XML names them (``FRBRname``, ``<party>``); otherwise the lines with
    " v " among the first 60 lines are read as the title.
    """
    title = ""
    if path.suffix.lower() == ".xml":
        raw = path.read_text(encoding="utf-8", errors="replace")
        title = " ".join(
            re.findall(r'<FRBRname value="([^"]*)"', raw)
            + re.findall(r"<party\b[^>]*>([^<]*)", raw)
        )
    if not title:
        head = text.splitlines()[:60]
        title = " ".join(line for line in head if re.search(r"\sv\.?\s", line))
    return frozenset(w.casefold() for w in re.findall(r"[A-Za-z][A-Za-z'-]+", html.unescape(title)))


#: Typographic characters outside Latin-1, as the plain characters a typist would use.
_ASCII = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
     "\u2026": "...", "\u2022": "*", "\u2212": "-", "\u00a0": " ", "\u2011": "-"}
)  # fmt: skip


def render_pdf(text: str) -> bytes:
    """A plain A4 PDF of the text: wrapped lines, Helvetica 10 pt."""
    lines: list[str] = []
    for paragraph in text.splitlines():
        lines.extend(textwrap.wrap(paragraph, _WRAP) or [""])
        lines.append("")
    per_page = int((_PAGE_H - 2 * _MARGIN) // _LEADING)
    doc = pymupdf.open()
    for first in range(0, max(len(lines), 1), per_page):
        page = doc.new_page(width=_PAGE_W, height=_PAGE_H)
        y = _MARGIN
        for line in lines[first : first + per_page]:
            if line:
                # Helvetica's encoding covers Latin-1; anything else would draw as "?".
                safe = line.translate(_ASCII).encode("latin-1", "replace").decode("latin-1")
                page.insert_text((_MARGIN, y), safe, fontsize=_FONT_SIZE, fontname="helv")
            y += _LEADING
    data: bytes = doc.tobytes(garbage=3, deflate=True)
    return data


# --- categories ----------------------------------------------------------------------

_POST = r"(?:LJJ|LJ|JJ|J|CJ|LCJ|MR|P|JSC|PSC|DPSC|V-?C|SCJ|President|QC\s*\(sitting)"
_JUDGE_BEFORE = re.compile(
    r"\b(?:Lord|Lady|Baroness|Justice|JUSTICE|Judge|JUDGE|HHJ|Honour|HONOUR|Recorder|Master|"
    r"Sir|Dame|LORD|LADY)\s*$|\bjudge,\s*$"
)
_JUDGE_AFTER = re.compile(rf"^\s*,?\s*{_POST}(?![A-Za-z])")
_COUNSEL_AFTER = re.compile(
    r"^\s*,?\s*(?:QC|KC)\b|^\s*\((?:instructed|Instructed)|^\s*,?\s*(?:appeared|appearing|"
    r"for the (?:appellant|respondent|claimant|defendant|applicant|Appellant|Respondent|"
    r"Claimant|Defendant|Applicant|Crown|prosecution)|submitted|submits|contended|argued that)"
    r"|^'s\s+(?:\w+\s+)?submissions"
)
_COUNSEL_BEFORE = re.compile(
    r"(?:counsel|Counsel|represented by|appeared)(?:\s+for the \w+)?,?\s*(?:Mr|Mrs|Ms|Miss)?\.?\s*$"
)
_CASE_AFTER = re.compile(
    r"^(?:\s*\(No\.?\s*\d+\))?\s*(?:\[\d{4}\]|\(\d{4}\)\s*\d|v\.?\s)|^\s+at\s+\[\d"
    r"|^'s case|^\s*\((?:supra|above)\)"
)
_CASE_BEFORE = re.compile(r"(?:\bv\.?|\bR\s*\(|\bex\s+p(?:arte)?\.?|\bRe)\s*$")
_TERM_AFTER = re.compile(
    r"^\s*(?:direction|hearing|test|principles?|guidelines|indication|unreasonableness|Act|"
    r"Acts|Rules|Regulations|Order|Code|Directive|Convention|Report|report|Practice)\b"
)
_TERM_WORDS = frozenset(
    """ground grounds registrar regulations crimpr cpr claimant claimants appellant appellants
    respondent respondents applicant applicants child mother father guardian appendix annex
    schedule article part section paragraph submissions admin crim civ""".split()
)
_INSTITUTION_AFTER = re.compile(
    r"^(?:'s)?(?:\s+[A-Z][\w']*){0,3}\s+(?:Police|Constabulary|Hospital|Infirmary|Court|"
    r"Council|University|NHS|Trust|Ltd|Limited|plc|PLC|LLP|Tribunal|Commission|Service|"
    r"Authority|Prison|College|School|Solicitors|Chambers|Foundation|Office|Department)\b"
)
_INSTITUTION_BEFORE = re.compile(r"(?:instructed by|Instructed by|HMP|Messrs\.?)\s*$")
_EXPERT = re.compile(r"^(?:Dr|Drs|Prof|Professor)\.?\s")
_CROWN = frozenset("r regina rex queen king crown the of and".split())


def category(value: str, before: str, after: str, parties: frozenset[str]) -> str:
    """What a redacted value most likely is, from the words around it on its page.

    Written apart from ``idpc_guard.text.legal`` (simpler cues, other code), so that the
    figures do not grade the tool's vocabulary with itself; check with ``--show-values``.
    """
    before, after = before[-80:], after[:80]
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", value)
    if not words:
        return "other"
    if (
        _JUDGE_BEFORE.search(before)
        or _JUDGE_AFTER.match(after)
        or words[0] in {"Lord", "Lady", "Sir", "Dame"}
        or words[-1] in {"J", "LJ", "LJJ", "CJ"}
    ):
        return "judge"
    if _COUNSEL_AFTER.match(after) or _COUNSEL_BEFORE.search(before) or words[-1] in {"QC", "KC"}:
        return "counsel"
    if (
        _CASE_AFTER.match(after)
        or _CASE_BEFORE.search(before)
        or re.search(r"\sv\.?\s", value)
        or (re.search(r"\b(?:in|see)\s*$", before) and re.match(r"^\s*(?:at|,|\.|is|was)", after))
    ):
        return "case name"
    folded = [w.casefold() for w in words]
    if _TERM_AFTER.match(after) or all(w in _TERM_WORDS for w in folded):
        return "legal term"
    if _INSTITUTION_AFTER.match(after) or _INSTITUTION_BEFORE.search(before):
        return "institution"
    if _EXPERT.match(value) or re.search(r"\b(?:Dr|Drs|Prof)\.?\s*$", before):
        return "expert (Dr, Prof)"
    if any(w in parties for w in folded if w not in _CROWN and len(w) > 2):
        return "party to this case"
    if words[0] in {"Mr", "Mrs", "Ms", "Miss", "Mx"} or re.search(
        r"\b(?:Mr|Mrs|Ms|Miss|Mx)\.?\s*$", before
    ):
        return "lay person (Mr, Mrs, Ms, Miss)"  # a witness, a relative: may be withheld
    return "other"


def _context(page: Any, finding: Finding) -> tuple[str, str]:
    """The words before and after a finding on its page, from the rendered lines."""
    box = finding.detection.boxes[0]
    last = finding.detection.boxes[-1]
    words = page.get_text("words")  # x0, y0, x1, y1, word, block, line, n
    before: list[str] = []
    after: list[str] = []
    for x0, y0, x1, y1, word, *_ in words:
        mid = (y0 + y1) / 2
        if mid < box.y0 or (box.y0 <= mid <= box.y1 and x1 <= box.x0 + 1):
            before.append(word)
        elif mid > last.y1 or (last.y0 <= mid <= last.y1 and x0 >= last.x1 - 1):
            after.append(word)
    return " ".join(before[-14:]), " ".join(after[:14])


# --- the run -------------------------------------------------------------------------


@dataclass
class Row:
    """One judgment's figures."""

    name: str
    words: int
    pages: int
    seconds: float
    redactions: int
    #: With ``--copy``: "verified", "verified (pages as pictures: N)" or "refused".
    copy: str = ""
    #: Pages the report proposes to remove (none of a judgment should go).
    removed: int = 0
    #: PERSON findings left to a reviewer (not redacted, but work for a person).
    reviews: int = 0
    reviews_by_category: Counter[str] = field(default_factory=Counter)
    by_category: Counter[str] = field(default_factory=Counter)
    items: list[tuple[str, str, str, str, int]] = field(default_factory=list)

    @property
    def per_1000(self) -> float:
        """PERSON redactions per 1,000 words."""
        return 1000 * self.redactions / max(self.words, 1)


def scan_one(scanner: Scanner, path: Path, pdf_dir: Path, *, copy: bool = False) -> Row:
    """Render (unless a PDF), scan and classify one judgment; with ``copy``, make its copy."""
    if path.suffix.lower() == ".pdf":
        pdf = path
        with pymupdf.open(pdf) as doc:
            text = "\n".join(page.get_text() for page in doc)
    else:
        text = read_text(path)
        pdf = pdf_dir / f"{path.stem}.pdf"
        pdf.write_bytes(render_pdf(text))
    words = len(text.split())
    parties = parties_of(path, text)
    started = time.perf_counter()
    made = ""
    try:
        result = scanner.scan(pdf, ScanOptions(redact=copy))
        if copy and result.verification is not None:
            pictures = len(result.verification.pages_as_images)
            made = f"verified (pages as pictures: {pictures})" if pictures else "verified"
    except RedactionNotVerifiedError:
        made = "refused"
        result = scanner.scan(pdf, ScanOptions(redact=False))
    seconds = time.perf_counter() - started
    redacted = [
        f
        for f in result.report.decisions.findings
        if f.detection.entity == Entity.PERSON.value and f.action is Action.REDACT
    ]
    row = Row(path.stem, words, result.report.bundle.page_count, seconds, len(redacted), made)
    row.removed = len(result.report.decisions.page_actions)
    reviewed = [
        f
        for f in result.report.decisions.findings
        if f.detection.entity == Entity.PERSON.value and f.action is Action.REVIEW
    ]
    row.reviews = len(reviewed)
    with pymupdf.open(pdf) as doc:
        for finding in redacted:
            before, after = _context(doc[finding.detection.page], finding)
            kind = category(finding.detection.text, before, after, parties)
            row.by_category[kind] += 1
            row.items.append(
                (kind, finding.detection.text, before, after, finding.detection.page + 1)
            )
        for finding in reviewed:
            before, after = _context(doc[finding.detection.page], finding)
            row.reviews_by_category[category(finding.detection.text, before, after, parties)] += 1
    return row


def main(argv: list[str] | None = None) -> int:
    """Scan every judgment of the folder and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--show-values", action="store_true", help="print every redaction")
    parser.add_argument("--only", help="scan only files whose name matches this regex")
    parser.add_argument("--pdf-dir", type=Path, help="keep the rendered PDFs here")
    parser.add_argument("--json", type=Path, help="write the figures (no values) here")
    parser.add_argument(
        "--copy",
        action="store_true",
        help="also make and verify each redacted copy, and count the copies refused",
    )
    args = parser.parse_args(argv)

    paths = sorted(
        p
        for p in args.folder.iterdir()
        if p.suffix.lower() in {".xml", ".html", ".htm", ".txt", ".pdf"}
        and (not args.only or re.search(args.only, p.name))
    )
    if not paths:
        print(f"no judgments in {args.folder}", file=sys.stderr)
        return 2
    scanner = Scanner()
    with tempfile.TemporaryDirectory() as tmp:
        pdf_dir = args.pdf_dir or Path(tmp)
        pdf_dir.mkdir(parents=True, exist_ok=True)
        rows = [scan_one(scanner, p, pdf_dir, copy=args.copy) for p in paths]

    header = ["judgment", "words", "pages", "s", "names redacted", "per 1,000", *CATEGORIES]
    header += ["pages to remove", "names for review", "review per 1,000"]
    if args.copy:
        header.append("copy")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        cells = [row.name, str(row.words), str(row.pages), f"{row.seconds:.1f}"]
        cells += [str(row.redactions), f"{row.per_1000:.2f}"]
        cells += [str(row.by_category[c]) for c in CATEGORIES]
        cells += [
            str(row.removed),
            str(row.reviews),
            f"{1000 * row.reviews / max(row.words, 1):.2f}",
        ]
        if args.copy:
            cells.append(row.copy)
        print("| " + " | ".join(cells) + " |")
    words = sum(r.words for r in rows)
    total: Counter[str] = Counter()
    for row in rows:
        total.update(row.by_category)
    redactions = sum(r.redactions for r in rows)
    cells = [f"**all {len(rows)}**", str(words), str(sum(r.pages for r in rows))]
    cells += [f"{sum(r.seconds for r in rows):.1f}", str(redactions)]
    cells += [f"**{1000 * redactions / max(words, 1):.2f}**"]
    cells += [f"{total[c]} ({1000 * total[c] / max(words, 1):.2f})" for c in CATEGORIES]
    reviews = sum(r.reviews for r in rows)
    cells += [
        str(sum(r.removed for r in rows)),
        str(reviews),
        f"{1000 * reviews / max(words, 1):.2f}",
    ]
    if args.copy:
        cells.append(f"{sum(r.copy == 'refused' for r in rows)} refused")
    print("| " + " | ".join(cells) + " |")

    reviewed: Counter[str] = Counter()
    for row in rows:
        reviewed.update(row.reviews_by_category)
    print()
    print("Names left for review, by what they fell on (per 1,000 words):")
    print("| " + " | ".join(CATEGORIES) + " |")
    print("|" + "---|" * len(CATEGORIES))
    print(
        "| "
        + " | ".join(
            f"{reviewed[c]} ({1000 * reviewed[c] / max(words, 1):.2f})" for c in CATEGORIES
        )
        + " |"
    )

    if args.show_values:
        for row in rows:
            for kind, value, before, after, page in row.items:
                where = f"{row.name} p{page} [{kind}] {value!r}"
                print(f"{where}: ...{before[-50:]} [[{value}]] {after[:50]}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "words": words,
                    "redactions": redactions,
                    "per_1000": 1000 * redactions / max(words, 1),
                    "by_category": dict(total),
                    "copies_refused": sum(r.copy == "refused" for r in rows) if args.copy else None,
                    "pages_to_remove": sum(r.removed for r in rows),
                    "reviews": reviews,
                    "reviews_per_1000": 1000 * reviews / max(words, 1),
                    "reviews_by_category": dict(reviewed),
                    "judgments": [
                        {
                            "name": r.name,
                            "words": r.words,
                            "redactions": r.redactions,
                            "by_category": dict(r.by_category),
                            "copy": r.copy,
                            "pages_to_remove": r.removed,
                            "reviews": r.reviews,
                        }
                        for r in rows
                    ],
                },
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
