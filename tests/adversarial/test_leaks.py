"""The adversarial corpus: every copy is verified clean by an independent checker, or refused.

Each crafted statement is scanned with the command line (default options, a
burglary offence); the copy written, if any, is read by :mod:`tests.adversarial.checker`,
which shares no code with the tool, and must hold none of the planted values in any
carrier, nor any content that was hidden in the original. A copy may instead be
refused (status 4) with a one-line message naming what survived.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.adversarial.checker import leaks
from tests.adversarial.corpus import VALUES, Adversarial, corpus, write_corpus
from tests.hostile.runner import assert_no_leak, run_cli

CASES = {item.name: item for item in corpus()}
REFUSED = 4


@pytest.fixture(scope="module")
def corpus_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_corpus(tmp_path_factory.mktemp("adversarial"))


def test_every_class_has_at_least_three_variants() -> None:
    kinds = Counter(item.kind for item in CASES.values())
    assert set(kinds) == {"links", "outside", "reuse", "strings", "layers"}
    assert min(kinds.values()) >= 3


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_copy_is_clean_or_refused(
    name: str,
    corpus_files: dict[str, Path],
    tmp_path: Path,
    scanner: Any,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    item: Adversarial = CASES[name]
    run = run_cli(
        ["scan", corpus_files[name], "--out-dir", tmp_path, "--offence", "burglary dwelling"],
        scanner=scanner,
        monkeypatch=monkeypatch,
        capfd=capfd,
    )
    assert_no_leak(run)
    if run.status == REFUSED:
        assert "still present" in run.stderr or "could not be removed" in run.stderr, run.stderr
        assert list(tmp_path.iterdir()) == []
        return
    assert run.status == 1, run.stderr
    report = json.loads((tmp_path / f"{name}.report.json").read_text())
    marked = {f["entity"] for f in report["findings"] if f["action"] == "redact"}
    assert {"PHONE_NUMBER", "UK_ADDRESS", "DATE_OF_BIRTH", "UK_NHS"} <= marked
    copy = (tmp_path / f"{name}.redacted.pdf").read_bytes()
    assert leaks(copy, (*VALUES, *item.never), ocr=item.ocr) == set()
