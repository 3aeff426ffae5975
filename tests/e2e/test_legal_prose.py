"""A judgment-style page: judges, counsel, cited cases and terms stay; a lay person goes.

Every name here is made up, and so are the citations.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from idpc_guard import ScanOptions
from idpc_guard.model import Action, Entity
from tests.pdfs import make_pdf

JUDGMENT = [
    [
        "IN THE COURT OF APPEAL (CRIMINAL DIVISION)",
        "Neutral Citation Number: [2031] EWCA Crim 4417",
        "Before: LORD JUSTICE QUARRENDON and MR JUSTICE FENNIMORE",
        "R v Daniel HOLLOWAY",
        "Mr Alwyn Treharne KC (instructed by Penrose Solicitors) for the appellant",
        "Ms Bea Ostler for the Crown",
        "JUDGMENT",
        "Lord Justice Quarrendon:",
        "1. The appellant was convicted at the Crown Court at Truro before HHJ Ashdown.",
        "2. The appellant's neighbour, Mrs Alwen Pryce, said she saw him at the door.",
        "3. Mr Treharne submitted that a Turnbull direction was needed, relying on",
        "R v Penhaligon [2029] 1 WLR 4071 and Tregarthen v Polkinghorne [2027] EWCA Crim 12.",
        "In Penhaligon the court held that CrimPR 25 applied to such a case.",
        "4. Ms Ostler relied on what Fennimore J said and on a report of Merseyside Police.",
        "5. Ground 2 fails. As Tremough LJ said in Kessock [2026] UKSC 8, the Registrar",
        "was right to refer it. The Regulations do not apply.",
    ],
    [
        "6. Mr Treharne's second point was answered in Penhaligon, and Tregarthen was",
        "rightly decided. Mrs Pryce's account was clear. Tregarthen lays down the test.",
        "7. The appeal is dismissed. Fennimore J and HHJ Ashdown were right.",
    ],
]

#: Words that name no one whose data is withheld here.
NOT_WITHHELD = (
    "Quarrendon QUARRENDON Fennimore FENNIMORE Ashdown Treharne Ostler Penrose Penhaligon "
    "Tregarthen Polkinghorne Turnbull CrimPR Merseyside Tremough Kessock Registrar "
    "Regulations Ground Truro"
).split()


def test_judgment_page_keeps_legal_vocabulary_and_withholds_a_lay_person(
    scanner: Any, tmp_path: Path
) -> None:
    bundle = tmp_path / "judgment.pdf"
    bundle.write_bytes(make_pdf(JUDGMENT, fontsize=9))
    report = scanner.scan(bundle, ScanOptions(redact=False)).report
    names = [f for f in report.decisions.findings if f.detection.entity == Entity.PERSON.value]
    withheld = [f.detection.text for f in names if f.action is not Action.KEEP]
    assert any("Alwen Pryce" in value for value in withheld)
    for word in NOT_WITHHELD:
        assert not any(word in value for value in withheld), word
    # The title of this very case has no citation: its defendant is still a name found
    # (whose role the case model decides), never dropped as a cited case.
    assert any("HOLLOWAY" in f.detection.text for f in names)
