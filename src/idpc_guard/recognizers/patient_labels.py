"""Names on patient labels and wristbands: a line holding only a name, beside ID lines.

A wristband or a label on medical notes prints the patient's name on a line of its
own, in the NHS style ``SURNAME, Forename`` or as ``Forename SURNAME``, next to
lines labelled DOB, NHS number or hospital number. Such a name has no "Name:"
label and spaCy rarely tags an upper-case surname, so it is found by that layout:
a line that is nothing but a name, within three lines of such an identifier label.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from presidio_analyzer import EntityRecognizer

from idpc_guard.model import Entity
from idpc_guard.recognizers._base import Found, Recognizer

__all__ = ["RECOGNIZERS", "PatientLabelNameRecognizer"]

_UPPER = r"[A-Z][A-Z'\-]+(?:\s[A-Z][A-Z'\-]*)?"
#: A capitalised word; OCR may read an "l" as "I" ("EIliot"), so one lower-case letter will
#: do, and an "I" as "l" ("lain" for "Iain"), so an initial "l" will too.
_TITLE = r"(?:[A-Z]|l(?=[a-z]))[A-Za-z'\-]*[a-z][A-Za-z'\-]*"
#: ``SURNAME, Forename [Middle]`` or ``Forename [Middle] SURNAME``, nothing else on the line.
_NAME_LINE = re.compile(
    rf"(?:(?i:name)\s*:?\s*)?(?P<name>{_UPPER}(?:,\s*|\s+){_TITLE}(?:\s+{_TITLE})?"
    rf"|{_TITLE}(?:\s+{_TITLE})?\s+{_UPPER})\s*"
)
#: The labels of a patient label's identifier lines.
_ID_LABEL = re.compile(r"D\.?\s?O\.?\s?B|\bNHS\b|\bHosp|\bMRN\b|date\s+of\s+birth", re.I)
#: How many lines above or below the name the identifier label may be.
WINDOW_LINES = 3


class PatientLabelNameRecognizer(Recognizer):
    """Names alone on a line, within a few lines of a DOB, NHS or hospital-number label."""

    ENTITY = Entity.PERSON
    SCORE = 0.7

    def find(self, text: str) -> Iterator[Found]:
        """The name of each line that is only a name, with an identifier line near it."""
        lines: list[tuple[int, str]] = []
        pos = 0
        for line in text.split("\n"):
            lines.append((pos, line))
            pos += len(line) + 1
        for index, (start, line) in enumerate(lines):
            match = _NAME_LINE.fullmatch(line)
            if match is None:
                continue
            near = lines[max(0, index - WINDOW_LINES) : index + WINDOW_LINES + 1]
            if not any(_ID_LABEL.search(other) for _, other in near if other is not line):
                continue
            yield Found(
                start + match.start("name"),
                start + match.end("name"),
                self.SCORE,
                "name alone on a line beside patient identifiers",
            )


#: The recognisers of this family, for :func:`idpc_guard.recognizers.discover`.
RECOGNIZERS: tuple[Callable[[], EntityRecognizer], ...] = (PatientLabelNameRecognizer,)
