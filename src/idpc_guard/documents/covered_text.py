"""Text the bundle's author covered with a box but left in the text layer.

A black rectangle drawn over a name hides it on screen, yet the name is still in
the PDF: whoever prepared the bundle meant to withhold it. These spans are
reported as detections so that the decide stage redacts them for real and keeps
the rest of the bundle consistent with them (``unredacted_elsewhere``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from idpc_guard.model import Box, Bundle, Detection, Document, Entity, PageText, Source

RECOGNIZER = "CoveredInInput"
_EMAIL = re.compile(r"\S+@\S+\.\S+")
_DIGITS = re.compile(r"\d")
_NAME_WORD = re.compile(r"^(?:[A-Z][a-z'\-]+|[A-Z]{2,}|[A-Z]\.?)[,.]?$")


def covered_text(
    bundle: Bundle, texts: Sequence[PageText], documents: Sequence[Document]
) -> tuple[Detection, ...]:
    """Each run of words on one line whose middle lies under a dark box."""
    doc_of_page = {p: d.index for d in documents for p in d.pages}
    found: list[Detection] = []
    for page, text in zip(bundle.pages, texts, strict=True):
        if not page.covers:
            continue
        run: list[int] = []
        for i, word in enumerate(text.words):
            if _under(word.box, page.covers) and (not run or text.words[run[-1]].line == word.line):
                run.append(i)
                continue
            found.extend(_detection(text, run, doc_of_page.get(page.index, 0)))
            run = [i] if _under(word.box, page.covers) else []
        found.extend(_detection(text, run, doc_of_page.get(page.index, 0)))
    return tuple(found)


def _under(box: Box, covers: Sequence[Box]) -> bool:
    x, y = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
    return any(c.x0 <= x <= c.x1 and c.y0 <= y <= c.y1 for c in covers)


def _detection(text: PageText, run: list[int], document: int) -> list[Detection]:
    if not run:
        return []
    start, end = text.spans[run[0]][0], text.spans[run[-1]][1]
    value = text.text[start:end].strip(" ,.;:()")
    entity = _entity(value)
    if entity is None:
        return []
    start = text.text.index(value, start)
    boxes = tuple(text.words[i].box for i in run)
    return [
        Detection(
            entity=entity,
            text=value,
            page=text.page,
            boxes=boxes,
            score=1.0,
            source=Source.TEXT,
            recognizer=RECOGNIZER,
            document=document,
            start=start,
            end=start + len(value),
        )
    ]


def _entity(value: str) -> str | None:
    """What the covered text most likely is: an email, a number, or a name."""
    if _EMAIL.fullmatch(value):
        return Entity.EMAIL_ADDRESS.value
    if len(_DIGITS.findall(value)) >= 6:
        return Entity.PHONE_NUMBER.value
    words = value.split()
    if 1 <= len(words) <= 4 and all(_NAME_WORD.match(w) for w in words):
        return Entity.PERSON.value
    return None
