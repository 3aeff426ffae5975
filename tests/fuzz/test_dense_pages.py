"""Pages with tens of thousands of words and findings end in bounded time.

The fuzzer found a damaged two-page bundle whose second page draws one e-mail
address 42,788 times over itself (a content stream repeated): deciding compared
each finding with every other, and redaction fitted and annotated each box, for
minutes. Such a page is now scanned in seconds with a verified copy; a page with
more separate boxes than ``--max-page-redactions`` is refused (exit status 3).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pymupdf
import pytest

from tests.fuzz.harness import REGRESSIONS
from tests.hostile.runner import CANARIES, assert_no_leak, assert_one_line_error, run_cli

DRAWN_OVER_ITSELF = REGRESSIONS / "hang-one-value-drawn-over-itself-42788-times.pdf"
SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "sample_bundle.pdf"


def test_a_page_drawn_over_itself_is_scanned_in_seconds(
    tmp_path: Path, scanner: Any, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    run = run_cli(
        ["scan", DRAWN_OVER_ITSELF, "--out-dir", tmp_path, "--format", "json"],
        scanner=scanner,
        monkeypatch=monkeypatch,
        capfd=capfd,
    )
    assert_no_leak(run)
    assert run.status == 1, run.stderr
    assert run.seconds < 60  # about 10 s here; minutes (then exit 3) before
    copy = pymupdf.open(tmp_path / f"{DRAWN_OVER_ITSELF.stem}.redacted.pdf")
    text = "".join(page.get_text() for page in copy)
    assert not any(canary in text for canary in CANARIES)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ((), "separate boxes to redact, more than the limit of 1"),
        (("--mark-only",), "boxes to redact or mark, more than the limit of 1"),
    ],
    ids=["redacted copy", "reviewer's copy"],
)
def test_a_page_over_the_redaction_limit_is_refused(
    tmp_path: Path,
    scanner: Any,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    extra: tuple[str, ...],
    message: str,
) -> None:
    run = run_cli(
        ["scan", SAMPLE, "--out-dir", tmp_path, *extra, "--max-page-redactions", "1"],
        scanner=scanner,
        monkeypatch=monkeypatch,
        capfd=capfd,
    )
    assert_no_leak(run)
    assert run.status == 3
    assert_one_line_error(run, message)
    assert "--max-page-redactions" in run.stderr
    assert list(tmp_path.iterdir()) == []
