"""Findings for personal data outside the page content (bookmarks, labels, notes, links).

What the recognisers find in a :class:`~idpc_guard.model.Carrier` becomes a finding on
the page the carrier belongs to, with the carrier named in its reason. Its value then
joins the values the copy withholds (:attr:`~idpc_guard.redact.plan.RedactionPlan.redacted_texts`),
so the copy's bookmarks, labels and links lose it and verification looks for it. It has
no box on the page (one empty box): nothing is drawn for it.

A value the pages already decided is decided the same way here (a kept value is kept);
any other is withheld: a bookmark or a link does not need a phone number to work, so
taking it out costs nothing. Names are left alone (a bookmark naming the witness whose
statement it opens is what bookmarks are for). Pure: no I/O.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Sequence
from dataclasses import replace

from idpc_guard.model import (
    Action,
    Box,
    Carrier,
    CarrierKind,
    Detection,
    Document,
    Entity,
    Source,
)
from idpc_guard.policy.builtin import outside_page_content
from idpc_guard.policy.finalise import Draft
from idpc_guard.policy.ruling import Decided, Ruling

#: A finding outside the page has this one box: empty, at the page's corner.
NO_BOX = Box(0.0, 0.0, 0.0, 0.0)

#: What detection found in one carrier: ``(entity, start, end, score, recogniser)``.
Hit = tuple[str, int, int, float, str]

#: Entities left alone outside the page (see the module's docstring).
_LEFT_ALONE = frozenset({Entity.PERSON.value})
_SPACE = re.compile(r"[^0-9A-Za-z@]")


def carrier_text(carrier: Carrier) -> str:
    """The text detection reads for ``carrier``: a link target decoded and spaced."""
    if carrier.kind is CarrierKind.LINK:
        return re.sub(r"[?&=]", " ", urllib.parse.unquote_plus(carrier.text))
    return carrier.text


def with_carriers(
    draft: Draft,
    carriers: Sequence[Carrier],
    hits: Sequence[Sequence[Hit]],
    documents: Sequence[Document],
) -> Draft:
    """``draft`` with a finding for each value detected in a carrier (``hits``, one list each)."""
    if not carriers:
        return draft
    decided = _page_decisions(draft.findings)
    doc_of_page = {p: d.index for d in documents for p in d.pages}
    added: list[Decided] = []
    seen: set[tuple[CarrierKind, int, str]] = set()
    for carrier, found in zip(carriers, hits, strict=True):
        text = carrier_text(carrier)
        for entity, start, end, score, recognizer in found:
            value = text[start:end].strip()
            key = (carrier.kind, carrier.page, _flat(value))
            if entity in _LEFT_ALONE or not key[2] or key in seen:
                continue
            on_pages = decided.get(_flat(value))
            action = on_pages.action if on_pages is not None else Action.REDACT
            if action is Action.KEEP:
                continue
            seen.add(key)
            detection = Detection(
                entity=entity,
                # The value as a reader follows the link ("@", not "%40"): removal and
                # verification compare link targets decoded, in every phone format.
                text=value,
                page=carrier.page,
                boxes=(NO_BOX,),
                score=round(score, 3),
                source=Source.TEXT,
                recognizer=recognizer,
                document=doc_of_page.get(carrier.page, 0),
            )
            ruling = outside_page_content(carrier.kind.value, action)
            if on_pages is not None:  # as serious as on the pages ("critical" for an NHS no.)
                ruling = replace(ruling, severity=on_pages.severity)
            added.append((detection, ruling))
    return replace(draft, findings=(*draft.findings, *added))


def _page_decisions(findings: Sequence[Decided]) -> dict[str, Ruling]:
    """What the pages decided for each value: withheld wins over review over kept."""
    rank = {Action.REDACT: 2, Action.REVIEW: 1, Action.KEEP: 0}
    decided: dict[str, Ruling] = {}
    for detection, ruling in findings:
        flat = _flat(detection.text)
        known = decided.get(flat)
        if flat and (known is None or rank[ruling.action] >= rank[known.action]):
            decided[flat] = ruling
    return decided


def _flat(text: str) -> str:
    return _SPACE.sub("", text).casefold()
