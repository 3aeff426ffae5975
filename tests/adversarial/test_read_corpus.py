"""The reading half of issue 23: every planted value is found, and gone from the copy.

Each file of :mod:`tests.adversarial.read_corpus` is scanned with the built-in rules.
The scan must not crash; every planted value must be reported for redaction; and
the redacted copy is checked by a reader that trusts nothing of the tool's: the
copy's extracted text, its rendering read by Tesseract, and every place outside
the page content a reader reaches (bookmarks, page labels, named destinations,
annotations, link targets decoded). Files of the x-ray must also report their
defect. OCR makes these tests slow.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import urllib.parse
from pathlib import Path
from typing import Any

import jsonschema
import pymupdf
import pytest

from idpc_guard import ScanOptions
from idpc_guard.errors import RedactionNotVerifiedError
from idpc_guard.model import Action
from idpc_guard.report.html import render_html
from idpc_guard.report.json import render_json
from idpc_guard.report.sarif import render_sarif
from idpc_guard.report.text import render_text
from tests.adversarial.read_corpus import Item, corpus

pytestmark = pytest.mark.slow

ITEMS = {item.name: item for item in corpus()}

#: Values written outside the page content, by file: each must be reported and gone.
CARRIED = {
    "bookmark-unspaced": {"phone2": "07700900462"},
    "page-label": {"phone3": "07700900463"},
    "named-destination": {"phone4": "07700900464"},
    "annotation-contents": {"phone5": "07700900465"},
    "link-uris": {
        "phone6": "447700900466",
        "email": "ondrelquistfireexamplecom",
        "street": "TannerFold",
        "postcode": "LS73QT",
    },
}

_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"})


def flat(text: str) -> str:
    """Letters, digits and slashes only (how a value is looked for)."""
    return re.sub(r"[^0-9A-Za-z/]", "", text)


def ocr_forms(text: str) -> set[str]:
    """The text flattened as read, and with look-alike letters read as digits."""
    return {flat(text), flat(text).translate(_OCR_DIGITS)}


def planted_forms(value: str) -> set[str]:
    return {value, value.translate(_OCR_DIGITS)}


def test_the_corpus_has_three_variants_of_each_class() -> None:
    classes: dict[str, int] = {}
    for item in ITEMS.values():
        classes[item.klass] = classes.get(item.klass, 0) + 1
    assert {k: v for k, v in classes.items() if k != "control"} == {
        "text-layer": 7,
        "outside": 5,
        "recogniser": 6,
        "malformed": 5,
        "xray": 4,
    }


def in_findings(report: Any, value: str, *actions: Action) -> bool:
    """Whether a finding (redact or review, or of ``actions``) holds ``value``."""
    wanted = actions or (Action.REDACT, Action.REVIEW)
    texts = [
        urllib.parse.unquote_plus(f.detection.text)
        for f in report.decisions.findings
        if f.action in wanted
    ]
    found = flat("\n".join(texts))
    return flat(value) in found or flat(value) in found.translate(_OCR_DIGITS)


def tesseract_text(pdf: bytes) -> str:
    """Every page of ``pdf`` rendered at 200 dpi and read by the Tesseract program."""
    out = []
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        for page in doc:
            png = page.get_pixmap(dpi=200).tobytes("png")
            run = subprocess.run(
                ["tesseract", "stdin", "stdout", "--psm", "6"],
                input=png,
                capture_output=True,
                check=True,
                timeout=60,
            )
            out.append(run.stdout.decode("utf-8", "replace"))
    return "\n".join(out)


def carriers_text(pdf: bytes) -> str:
    """What a reader reaches outside the page content: outline, labels, names, notes, links."""
    found: list[str] = []
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        found += [str(entry[1]) for entry in doc.get_toc(simple=True)]
        found += [doc[i].get_label() for i in range(doc.page_count)]
        found += list(doc.resolve_names())
        for page in doc:
            found += [a.info.get("content", "") for a in page.annots()]
            found += [urllib.parse.unquote(str(link.get("uri") or "")) for link in page.get_links()]
    return "\n".join(found)


def scan(item: Item, scanner: Any, tmp_path: Path) -> Any:
    """The scan of ``item``; when its copy is refused, the report alone and the refusal."""
    path = tmp_path / f"{item.name}.pdf"
    path.write_bytes(item.build())
    try:
        return scanner.scan(path, ScanOptions()), None
    except RedactionNotVerifiedError as refused:
        return scanner.scan(path, ScanOptions(redact=False)), refused


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs the tesseract program")
@pytest.mark.parametrize("name", sorted(ITEMS))
def test_planted_values_are_found_and_gone_from_the_copy(
    name: str, scanner: Any, tmp_path: Path, report_schema: dict[str, Any]
) -> None:
    item = ITEMS[name]
    result, refused = scan(item, scanner, tmp_path)
    report = result.report
    # Every report renders, and the JSON keeps to the contract (no character breaks it).
    jsonschema.validate(json.loads(render_json(report)), report_schema)
    render_text(report, show_values=True).encode("utf-8")
    render_sarif(report, show_values=True).encode("utf-8")
    render_html(report, ()).encode("utf-8")
    planted = {**item.planted, **CARRIED.get(name, {})}
    missed = [key for key, value in planted.items() if not in_findings(report, value)]
    assert not missed, f"{name}: not reported: {missed}"
    # A witness's address in their statement is left for a lawyer's review by the
    # built-in rules (it may be where they saw from): the copy keeps what is in review.
    planted = {k: v for k, v in planted.items() if in_findings(report, v, Action.REDACT)}
    if item.issue is not None:
        kinds = {issue.kind.value for issue in report.decisions.document_issues}
        assert item.issue in kinds, f"{name}: {item.issue} not reported ({kinds})"
    if refused is not None:
        # A refused copy is written nowhere; the refusal must name what survived, and
        # each must be a finding of the report (a value the copy could not lose).
        assert item.may_refuse, f"{name}: copy refused: {refused}"
        ids = {f.id for f in report.decisions.findings}
        assert refused.failed and set(refused.failed) <= ids, str(refused)
        return
    copy = result.redacted_pdf
    assert copy is not None
    with pymupdf.open(stream=copy, filetype="pdf") as doc:
        text = "\n".join(page.get_text() for page in doc)
    seen = {
        "text": {flat(text)},
        "ocr": ocr_forms(tesseract_text(copy)),
        "outside": {flat(carriers_text(copy))},
    }
    leaks = [
        f"{key} in {where}"
        for key, value in planted.items()
        for where, forms in seen.items()
        if any(form in read for form in planted_forms(flat(value)) for read in forms)
    ]
    assert not leaks, f"{name}: left in the copy: {leaks}"
