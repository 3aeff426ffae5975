"""A served copy: verify-copy (hash, signatures, leak checks) and rescan after a leak."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from typer.testing import CliRunner

from idpc_guard.apply import apply_report
from idpc_guard.cli import served as served_cli
from idpc_guard.cli.app import app
from idpc_guard.errors import ReportFileError
from idpc_guard.scanner import ScanOptions, output_paths, write_outputs
from idpc_guard.served import Change, change_note, check_copy, read_previous, rescan
from idpc_guard.signing import (
    load_private_key,
    load_public_key,
    sign,
    signature_holds,
    signature_path,
)
from tests.pdfs import make_pdf
from tests.unit.test_signing import write_key_pair

SHOWN = "07700 900461"  # invented numbers, in the ranges reserved for drama
MISSED = "01632 960123"
PAGES = [
    ["WITNESS STATEMENT", "Statement of an invented witness.", f"The caller rang from {SHOWN}."],
    ["The statement goes on.", f"I later called {MISSED} myself.", "That is all I can say."],
]


def _text(pdf: bytes) -> str:
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        return "\n".join(page.get_text() for page in doc)


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory, scanner: Any) -> dict[str, Path]:
    """A bundle scanned, its report and redacted copy written and signed."""
    folder = tmp_path_factory.mktemp("served")
    bundle = folder / "bundle.pdf"
    bundle.write_bytes(make_pdf(PAGES))
    private, public = write_key_pair(folder)
    result = scanner.scan(bundle)
    assert {f.detection.text for f in result.report.decisions.findings} >= {SHOWN, MISSED}
    paths = output_paths(bundle, folder / "out", redacted=True)
    key = load_private_key(private)
    write_outputs(result, paths, lambda data: sign(key, data))
    assert paths.redacted is not None
    return {"bundle": bundle, "report": paths.report, "copy": paths.redacted, "pub": public}


def test_the_report_records_the_copy_it_was_written_with(scanned: dict[str, Path]) -> None:
    data = json.loads(scanned["report"].read_text())
    assert data["copy"]["sha256"] == hashlib.sha256(scanned["copy"].read_bytes()).hexdigest()
    for path in (scanned["report"], scanned["copy"]):
        assert signature_path(path).stat().st_mode & 0o777 == 0o600


def test_a_signed_copy_verifies(scanned: dict[str, Path]) -> None:
    check = check_copy(scanned["copy"], scanned["report"], scanned["pub"])
    assert check.problems == ()
    assert check.verification is not None and check.verification.values_checked >= 2
    assert len(check.signatures) == 2
    args = ["verify-copy", str(scanned["copy"]), "--report", str(scanned["report"])]
    result = CliRunner().invoke(app, [*args, "--pubkey", str(scanned["pub"])])
    assert result.exit_code == 0, result.output
    assert "signatures hold" in result.output


def test_a_copy_changed_by_one_byte_does_not(scanned: dict[str, Path], tmp_path: Path) -> None:
    changed = tmp_path / scanned["copy"].name
    data = bytearray(scanned["copy"].read_bytes())
    data[-1] ^= 0x01  # the last byte: the newline after %%EOF
    changed.write_bytes(bytes(data))
    signature_path(changed).write_bytes(signature_path(scanned["copy"]).read_bytes())
    check = check_copy(changed, scanned["report"], scanned["pub"])
    assert any("SHA-256 differs" in p for p in check.problems)
    assert any("does not hold" in p for p in check.problems)
    args = ["verify-copy", str(changed), "--report", str(scanned["report"])]
    result = CliRunner().invoke(app, [*args, "--pubkey", str(scanned["pub"])])
    assert result.exit_code == 1
    assert "NOT verified" in result.output


def test_the_bundle_served_instead_fails_the_leak_checks(scanned: dict[str, Path]) -> None:
    check = check_copy(scanned["bundle"], scanned["report"])
    assert any(p.startswith("leak check:") and "F000" in p for p in check.problems)
    assert not any(SHOWN in p or MISSED in p for p in check.problems)


def test_a_report_without_a_copy_or_a_missing_signature(
    scanned: dict[str, Path], tmp_path: Path
) -> None:
    data = json.loads(scanned["report"].read_text())
    del data["copy"]
    bare = tmp_path / "bare.report.json"
    bare.write_text(json.dumps(data))
    with pytest.raises(ReportFileError, match="records no redacted copy"):
        check_copy(scanned["copy"], bare)
    result = CliRunner().invoke(app, ["verify-copy", str(scanned["copy"]), "--report", str(bare)])
    assert result.exit_code == 2
    unsigned = tmp_path / "unsigned.pdf"
    unsigned.write_bytes(scanned["copy"].read_bytes())
    check = check_copy(unsigned, scanned["report"], scanned["pub"])
    assert check.problems == ("unsigned.pdf has no signature unsigned.pdf.sig",)


@pytest.fixture(scope="module")
def served_with_a_miss(scanned: dict[str, Path]) -> dict[str, Path]:
    """The copy as served: made from a report that missed the second phone number."""
    data = json.loads(scanned["report"].read_text())
    data["findings"] = [f for f in data["findings"] if f["text"] != MISSED]
    folder = scanned["report"].parent
    previous = folder / "missed.report.json"
    previous.write_text(json.dumps(data))
    served = folder / "served.pdf"
    served.write_bytes(apply_report(scanned["bundle"], previous).redacted_pdf)
    assert MISSED in _text(served.read_bytes()) and SHOWN not in _text(served.read_bytes())
    return {"served": served, "previous": previous}


def test_a_missed_phone_number_is_rescanned_into_a_corrected_copy(
    served_with_a_miss: dict[str, Path], scanner: Any
) -> None:
    served, previous = served_with_a_miss["served"], served_with_a_miss["previous"]
    found = rescan(scanner, served, read_previous(previous), ScanOptions())
    assert found.changes == (Change(2, "phone number"),)
    corrected = found.result.redacted_pdf
    assert corrected is not None and MISSED not in _text(corrected)
    assert "The statement goes on." in _text(corrected)
    note = change_note(found, served, served.with_name("served.corrected.pdf"), previous)
    assert "- page 2: phone number" in note
    assert MISSED not in note and SHOWN not in note


def test_rescan_command_writes_the_copy_the_note_and_a_report_that_verifies(
    served_with_a_miss: dict[str, Path],
    scanner: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(served_cli, "Scanner", lambda **_: scanner)  # the model loads once
    out = tmp_path / "fixed"
    log = tmp_path / "log.db"
    args = [str(served_with_a_miss["served"]), "--previous", str(served_with_a_miss["previous"])]
    result = CliRunner().invoke(app, ["rescan", *args, "--out-dir", str(out), "--log", str(log)])
    assert result.exit_code == 1, result.output
    assert "page 2: phone number" in result.output
    corrected, report = out / "served.corrected.pdf", out / "served.rescan.report.json"
    note = (out / "served.changes.md").read_text()
    assert "- page 2: phone number" in note and MISSED not in note
    for path in (corrected, report, out / "served.changes.md"):
        assert path.stat().st_mode & 0o777 == 0o600
    assert check_copy(corrected, report).problems == ()
    verified = CliRunner().invoke(app, ["log", "verify", str(log)])
    assert verified.exit_code == 0 and "rescan" in verified.output
    # Rescanning the corrected copy finds nothing more: exit 0, no copy.
    again = CliRunner().invoke(
        app, ["rescan", str(corrected), "--previous", str(report), "--out-dir", str(out)]
    )
    assert again.exit_code == 0, again.output
    assert not (out / "served.corrected.corrected.pdf").exists()
    assert "no correction needed" in (out / "served.corrected.changes.md").read_text()


def test_a_bad_signing_key_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    bundle = tmp_path / "b.pdf"
    bundle.write_bytes(make_pdf(PAGES))
    junk = tmp_path / "junk.pem"
    junk.write_text("not a key\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["scan", str(bundle), "--out-dir", str(out), "--sign-key", str(junk)]
    )
    assert result.exit_code == 2
    assert "not a PEM private key" in result.output
    assert not out.exists()


def test_apply_signs_its_copy_and_records_the_event(
    scanned: dict[str, Path], tmp_path: Path
) -> None:
    private, public = write_key_pair(tmp_path)
    copy, log = tmp_path / "applied.pdf", tmp_path / "trail.csv"
    args = [str(scanned["bundle"]), "--report", str(scanned["report"]), "--out", str(copy)]
    result = CliRunner().invoke(
        app, ["apply", *args, "--sign-key", str(private), "--log", str(log), "--reviewer", "R"]
    )
    assert result.exit_code == 1, result.output
    signature = signature_path(copy).read_bytes()
    assert signature_holds(load_public_key(public), copy.read_bytes(), signature)
    text = log.read_text()
    assert ",apply," in text and SHOWN not in text and MISSED not in text
    assert CliRunner().invoke(app, ["log", "verify", str(log)]).exit_code == 0
