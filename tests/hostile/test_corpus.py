"""Every hostile PDF of the corpus: the right exit status and message, no traceback,
no hang past its limit, no partial file, and no canary value on stderr."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import jsonschema
import pymupdf
import pytest

from tests.hostile.corpus import CANARY_EMAIL, Hostile, corpus, write_corpus
from tests.hostile.runner import assert_no_leak, assert_one_line_error, run_cli

CASES = {item.name: item for item in corpus()}

#: No corpus file may take longer than this (seconds), limits included (generous: CI is shared).
TIME_BOUND = 120.0


@pytest.fixture(scope="module")
def corpus_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_corpus(tmp_path_factory.mktemp("hostile"))


def test_the_corpus_has_at_least_40_pdfs() -> None:
    assert len(CASES) >= 40
    assert len(set(CASES)) == len(corpus())


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_pdf(
    name: str,
    corpus_files: dict[str, Path],
    tmp_path: Path,
    scanner: Any,
    report_schema: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    item: Hostile = CASES[name]
    for key, value in item.env.items():
        monkeypatch.setenv(key, value)
    run = run_cli(
        ["scan", corpus_files[name], "--out-dir", tmp_path, *item.args],
        scanner=scanner,
        monkeypatch=monkeypatch,
        capfd=capfd,
    )
    assert run.status in item.status, run.stderr
    assert run.seconds < TIME_BOUND
    assert_no_leak(run)
    written = sorted(p.name for p in tmp_path.iterdir())
    if run.status >= 2:
        assert_one_line_error(run, item.message)
        assert written == []
        return
    assert run.stderr == ""
    assert written == [f"{name}.redacted.pdf", f"{name}.report.json"]
    for path in tmp_path.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    report = json.loads((tmp_path / f"{name}.report.json").read_text())
    jsonschema.validate(report, report_schema)
    not_scanned = [i for i in report["document_issues"] if i["kind"] == "not_scanned"]
    assert len(not_scanned) >= item.not_scanned
    if not_scanned:
        assert report["verdict"] != "clear"
        assert run.status == 1
    pymupdf.open(tmp_path / f"{name}.redacted.pdf").close()  # a readable PDF


def test_slow_page_is_reported_and_removed_from_the_copy(
    corpus_files: dict[str, Path],
    tmp_path: Path,
    scanner: Any,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    run = run_cli(
        [
            *("scan", corpus_files["slow-page-over-time"], "--out-dir", tmp_path),
            *("--page-timeout", "0.1", "--format", "json"),
        ],
        scanner=scanner,
        monkeypatch=monkeypatch,
        capfd=capfd,
    )
    report = json.loads(run.stdout)
    (issue,) = [i for i in report["document_issues"] if i["kind"] == "not_scanned"]
    assert issue["pages"] == [2]
    assert "longer than 0.1 s" in issue["detail"]
    assert {"page": 2, "action": "remove"}.items() <= report["page_actions"][0].items()
    copy = pymupdf.open(tmp_path / "slow-page-over-time.redacted.pdf")
    assert copy.page_count == 1
    copy.close()


def test_garbage_text_page_is_flagged_but_kept(
    corpus_files: dict[str, Path],
    tmp_path: Path,
    scanner: Any,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    run = run_cli(
        ["scan", corpus_files["font-without-unicode"], "--out-dir", tmp_path, "--format", "json"],
        scanner=scanner,
        monkeypatch=monkeypatch,
        capfd=capfd,
    )
    report = json.loads(run.stdout)
    assert report["verdict"] == "block"
    (issue,) = report["document_issues"]
    assert issue["kind"] == "not_scanned" and "Unicode map" in issue["detail"]
    assert report["page_actions"] == []


def test_attachments_and_javascript_do_not_reach_the_copy(
    corpus_files: dict[str, Path],
    tmp_path: Path,
    scanner: Any,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    run = run_cli(
        ["scan", corpus_files["javascript-and-attachment"], "--out-dir", tmp_path],
        scanner=scanner,
        monkeypatch=monkeypatch,
        capfd=capfd,
    )
    assert run.status == 1
    data = (tmp_path / "javascript-and-attachment.redacted.pdf").read_bytes()
    copy = pymupdf.open(stream=data, filetype="pdf")
    assert copy.embfile_count() == 0
    assert "JavaScript" not in copy.xref_object(copy.pdf_catalog())
    assert CANARY_EMAIL not in copy[0].get_text()
    copy.close()


def test_right_to_left_and_mixed_scripts_are_scanned(
    corpus_files: dict[str, Path],
    tmp_path: Path,
    scanner: Any,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    run = run_cli(
        [
            *("scan", corpus_files["right-to-left-and-mixed"], "--out-dir", tmp_path),
            *("--format", "json", "--show-values"),
        ],
        scanner=scanner,
        monkeypatch=monkeypatch,
        capfd=capfd,
    )
    report = json.loads(run.stdout)
    assert not [i for i in report["document_issues"] if i["kind"] == "not_scanned"]
    assert CANARY_EMAIL in {f["text"] for f in report["findings"]}


def test_encrypted_bundle_with_its_password_is_scanned_and_decrypted(
    corpus_files: dict[str, Path],
    tmp_path: Path,
    scanner: Any,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    path = corpus_files["encrypted-with-password"]
    run = run_cli(
        ["scan", path, "--out-dir", tmp_path, "--password", "user-secret", "--format", "json"],
        scanner=scanner,
        monkeypatch=monkeypatch,
        capfd=capfd,
    )
    assert run.status == 1
    report = json.loads(run.stdout)
    assert any(f["entity"] == "EMAIL_ADDRESS" for f in report["findings"])
    copy = pymupdf.open(tmp_path / "encrypted-with-password.redacted.pdf")
    assert not copy.needs_pass
    assert CANARY_EMAIL not in copy[0].get_text()
    copy.close()
