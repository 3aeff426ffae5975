"""The command line end to end: exit statuses, outputs, stdout/stderr, file modes."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pymupdf
import pytest

from idpc_guard.cli.options import MASK
from tests.conftest import FIXTURES, load_truth
from tests.pdfs import make_pdf

SAMPLE = FIXTURES / "sample_bundle.pdf"
CLEAN = FIXTURES / "clean_bundle.pdf"
CANARY = FIXTURES / "canary_bundle.pdf"
CANARY_VALUES = ("canary.pii.7731@example.com", "07700 900731", "07700900731")


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "idpc_guard", *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
        check=False,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], status: int) -> None:
    assert result.returncode == status, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("idpc-guard: error: "), result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def sample_scan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    out = tmp_path_factory.mktemp("sample")
    result = run("scan", SAMPLE, "--out-dir", out)
    return out, result


def test_sample_bundle_exits_1_with_a_valid_report(
    sample_scan: tuple[Path, Any], report_schema: dict[str, Any]
) -> None:
    out, result = sample_scan
    assert result.returncode == 1, result.stderr
    report = json.loads((out / "sample_bundle.report.json").read_text())
    jsonschema.validate(report, report_schema)
    assert report["verdict"] == "block"
    truth = load_truth("sample_bundle")
    assert report["bundle"]["pages"] == truth["pages"]
    assert report["case"]["urn"] == truth["urn"]
    assert report["case"]["inferred"] is True
    assert [a["page"] for a in report["page_actions"]] == truth["back_pages"]
    assert {i["kind"] for i in report["document_issues"]} >= {"witness_contact_details"}
    # The people view: each person's findings name them, and the defendant is one of them.
    people = {p["id"]: p for p in report["people"]}
    assert any(p["role"] == "defendant" for p in people.values())
    for finding in report["findings"]:
        if "person" in finding:
            assert finding["id"] in people[finding["person"]]["findings"]


def test_sample_redacted_copy_holds_no_redacted_value(sample_scan: tuple[Path, Any]) -> None:
    out, _ = sample_scan
    report = json.loads((out / "sample_bundle.report.json").read_text())
    copy = pymupdf.open(out / "sample_bundle.redacted.pdf")
    text = "".join(page.get_text() for page in copy)
    flat_text = "".join(text.split())
    raw = copy.tobytes(expand=255)
    truth = load_truth("sample_bundle")
    assert copy.page_count == truth["pages"] - len(truth["back_pages"])
    kept = {f["text"] for f in report["findings"] if f["action"] != "redact"}
    for finding in report["findings"]:
        value = finding["text"]
        flat_value = "".join(value.split())
        # A value inside a kept one (the scene's postcode, redacted on the back page) stays.
        if finding["action"] != "redact" or any(flat_value in "".join(k.split()) for k in kept):
            continue
        assert flat_value not in flat_text, finding["id"]
        if len(value) >= 6:
            assert value.encode("latin-1", "ignore") not in raw, finding["id"]
    # Every planted leak the fixture script recorded is gone from the copy.
    for item in truth["must_redact"]:
        if item["page"] in truth["back_pages"]:
            continue
        assert "".join(item["text"].split()) not in flat_text, item
    # The burgled premises stay wherever they are written as the scene.
    for item in truth["scene"]:
        assert "".join(item["text"].split()) in flat_text, item
    # The defendant's and the officers' names stay.
    assert truth["defendant"] in text
    for officer in truth["officers"]:
        assert officer in text


def test_clean_bundle_exits_0(tmp_path: Path, report_schema: dict[str, Any]) -> None:
    result = run("scan", CLEAN, "--out-dir", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads((tmp_path / "clean_bundle.report.json").read_text())
    jsonschema.validate(report, report_schema)
    assert report["verdict"] == "clear"
    assert (tmp_path / "clean_bundle.redacted.pdf").exists()


def test_outputs_are_owner_only(sample_scan: tuple[Path, Any]) -> None:
    out, _ = sample_scan
    for name in ("sample_bundle.report.json", "sample_bundle.redacted.pdf"):
        mode = stat.S_IMODE((out / name).stat().st_mode)
        assert mode == 0o600, (name, oct(mode))
    assert not list(out.glob(".*.part"))


def test_no_redact_writes_only_the_report(tmp_path: Path) -> None:
    result = run("scan", SAMPLE, "--out-dir", tmp_path, "--no-redact", "--format", "json")
    assert result.returncode == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sample_bundle.report.json"]
    printed = json.loads(result.stdout)
    assert printed["verdict"] == "block"
    # The people view is masked on stdout like the findings; the file has the names.
    saved = json.loads((tmp_path / "sample_bundle.report.json").read_text())
    names = {
        name
        for person in saved["people"]
        if person["role"] != "defendant"
        for name in person["names"]
    }
    assert names and not any(name in result.stdout for name in names)
    assert {n for p in printed["people"] for n in p["names"]} == {MASK}


def test_canary_never_reaches_stdout_or_stderr(tmp_path: Path) -> None:
    for fmt in ("text", "json", "sarif"):
        result = run("scan", CANARY, "--out-dir", tmp_path, "--format", fmt)
        assert result.returncode == 1, result.stderr
        for value in CANARY_VALUES:
            assert value not in result.stdout and value not in result.stderr, fmt
    report = (tmp_path / "canary_bundle.report.json").read_text()
    assert any(value in report for value in CANARY_VALUES)  # the report itself has them
    shown = run("scan", CANARY, "--out-dir", tmp_path, "--show-values")
    assert any(value in shown.stdout for value in CANARY_VALUES)


def test_sarif_output_is_sarif(tmp_path: Path) -> None:
    result = run("scan", SAMPLE, "--out-dir", tmp_path, "--format", "sarif")
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0"
    assert sarif["runs"][0]["results"]


# --- exit statuses for bad input ---------------------------------------------


def _bad_inputs(tmp: Path) -> dict[str, Path]:
    text = tmp / "notes.pdf"
    text.write_text("this is a text file\n")
    empty = tmp / "empty.pdf"
    empty.write_bytes(b"")
    data = make_pdf([["page one"], ["page two"], ["page three"]])
    truncated = tmp / "truncated.pdf"
    truncated.write_bytes(data[: len(data) // 2])
    doc = pymupdf.open(stream=data, filetype="pdf")
    encrypted = tmp / "encrypted.pdf"
    doc.save(encrypted, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="u", owner_pw="o")
    return {
        "text": text,
        "empty": empty,
        "truncated": truncated,
        "encrypted": encrypted,
        "missing": tmp / "missing.pdf",
    }


@pytest.mark.parametrize("kind", ["text", "empty", "truncated", "encrypted", "missing"])
def test_unprocessable_bundles_exit_3_and_write_nothing(tmp_path: Path, kind: str) -> None:
    bundle = _bad_inputs(tmp_path)[kind]
    out = tmp_path / "out"
    out.mkdir()
    result = run("scan", bundle, "--out-dir", out)
    assert_one_line_error(result, 3)
    assert list(out.iterdir()) == []


def test_bad_case_file_exits_2(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text("urn: 05AB1234524\ndefendant: oops\n")
    result = run("scan", SAMPLE, "--case", case, "--out-dir", tmp_path)
    assert_one_line_error(result, 2)
    assert "defendant" in result.stderr
    assert not list(tmp_path.glob("sample_bundle.*"))


def test_bad_rules_folder_exits_2(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bad.yaml").write_text("schema: idpc-guard/rules/v1\nrules: []\n")
    result = run("scan", SAMPLE, "--rules", rules, "--out-dir", tmp_path)
    assert_one_line_error(result, 2)
    check = run("rules", "check", rules)
    assert check.returncode == 2


def test_bad_option_exits_2() -> None:
    assert_one_line_error(run("scan", SAMPLE, "--no-such-option"), 2)
    assert_one_line_error(run("scan", SAMPLE, "--format", "xml"), 2)


def test_unwritable_out_dir_exits_4(tmp_path: Path) -> None:
    # /proc refuses new files (and folders) even to root.
    result = run("scan", SAMPLE, "--out-dir", "/proc/self")
    assert_one_line_error(result, 4)
    result = run("scan", SAMPLE, "--out-dir", "/proc/self/review")
    assert_one_line_error(result, 4)
    assert "cannot create the output folder /proc/self/review" in result.stderr


def test_a_missing_out_dir_is_created(tmp_path: Path) -> None:
    # The README's review workflow, as written: --out-dir review/ on a fresh clone.
    out = tmp_path / "review"
    result = run("scan", SAMPLE, "--mark-only", "--out-dir", out)
    assert result.returncode == 1, result.stderr
    assert (out / "sample_bundle.report.json").exists()
    assert (out / "sample_bundle.marked.pdf").exists()


def test_out_dir_that_is_a_file_exits_2(tmp_path: Path) -> None:
    a_file = tmp_path / "file"
    a_file.write_text("x")
    assert_one_line_error(run("scan", SAMPLE, "--out-dir", a_file), 2)


def test_missing_model_exits_4_naming_the_package(tmp_path: Path) -> None:
    result = run(
        "scan", SAMPLE, "--out-dir", tmp_path, env={"IDPC_GUARD_SPACY_MODEL": "no_such_model_pkg"}
    )
    assert_one_line_error(result, 4)
    assert "no_such_model_pkg" in result.stderr
    assert not list(tmp_path.iterdir())


def test_debug_shows_a_traceback(tmp_path: Path) -> None:
    result = run("scan", tmp_path / "missing.pdf", "--debug")
    assert result.returncode == 3
    assert "Traceback" in result.stderr


def test_rules_check_and_list_on_shipped_rules() -> None:
    check = run("rules", "check")
    assert check.returncode == 0 and "proven through the case model" in check.stdout
    listing = run("rules", "list")
    assert listing.returncode == 0 and "redact-phone" in listing.stdout
