"""`idpc-guard review`: sub-commands, --import, the interactive walk, exit statuses, the log."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from idpc_guard.cli.app import app
from idpc_guard.log.store import open_log, verify_log
from idpc_guard.report.review import ATTESTATION, DECISIONS_SCHEMA, findings_fingerprint
from tests.unit.report.test_review import review_pdf, review_report


@pytest.fixture()
def files(tmp_path: Path) -> tuple[Path, Path]:
    pdf = review_pdf()
    bundle = tmp_path / "b.pdf"
    bundle.write_bytes(pdf)
    path = tmp_path / "b.report.json"
    path.write_text(json.dumps(review_report(pdf)))
    path.chmod(0o644)
    return bundle, path


def _review(path: Path, *args: str, env: dict[str, str] | None = None, input: str = "") -> Any:
    return CliRunner().invoke(
        app, ["review", str(path), *args], env=env or {"IDPC_GUARD_USER": "C. Reviewer"},
        input=input,
    )  # fmt: skip


def _data(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text())
    return data


def _actions(path: Path) -> dict[str, str]:
    return {f["id"]: f["action"] for f in _data(path)["findings"]}


def _one_line_error(result: Any) -> str:
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("idpc-guard: error: "), result.output
    return str(lines[0])


def test_sub_commands_record_each_change(
    files: tuple[Path, Path], report_schema: dict[str, Any]
) -> None:
    _, path = files
    result = _review(path, "accept", "F0001", "--reason", "a witness's name")
    assert result.exit_code == 1, result.output  # F0005 is still for review
    assert (
        "Recorded: 1 accept" in result.output and "1 finding(s) still for review" in result.output
    )
    result = _review(path, "reject", "--term", "F0001", "--reason", "a place", "--reviewer", "D")
    assert result.exit_code == 1, result.output
    result = _review(path, "--reviewer", "E", "reject", "--person", "P1", "--reason", "swapped")
    assert result.exit_code == 1, result.output
    result = _review(path, "change", "F0005", "--action", "redact", "--reason", "a witness")
    assert result.exit_code == 0, result.output
    data = _data(path)
    jsonschema.validate(data, report_schema)
    assert _actions(path) == {
        "F0001": "keep",
        "F0002": "keep",
        "F0003": "redact",
        "F0004": "keep",
        "F0005": "redact",
    }
    assert [c["by"] for c in data["review"]["changes"]] == [
        "C. Reviewer",
        "D",
        "D",
        "E",
        "E",
        "C. Reviewer",
    ]
    assert path.stat().st_mode & 0o777 == 0o600


def test_accept_all_is_refused_without_the_attestation(files: tuple[Path, Path]) -> None:
    _, path = files
    before = path.read_bytes()
    for args in ([], ["--attest", "yes"], ["--attest", "I have reviewed"]):
        line = _one_line_error(_review(path, "accept-all", *args))
        assert "attestation" in line and ATTESTATION in line
    assert path.read_bytes() == before
    result = _review(path, "accept-all", "--attest", ATTESTATION, "--decide", "keep")
    assert result.exit_code == 0, result.output
    assert "Recorded: 5 accept" in result.output
    assert _data(path)["review"]["attestations"][0]["by"] == "C. Reviewer"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["accept", "F0999"], "no finding F0999"),
        (["accept", "F0005"], "F0005 is for review"),
        (["reject", "F0001"], "--reason"),
        (["accept"], "name the finding"),
        (["accept", "--person", "P9"], "no person P9"),
        (["page", "9", "remove", "--reason", "x"], "page 9 is not in the bundle"),
        (["page", "1", "shred", "--reason", "x"], "remove or keep"),
        (["add-box", "--page", "1", "--bbox", "1,2,3", "--entity", "PERSON", "--reason", "x"],
         "four"),
        (["add-box", "--page", "1", "--bbox", "a,b,c,d", "--entity", "PERSON", "--reason", "x"],
         "four"),
        ([], "give a sub-command"),
        (["--import", "missing.json"], "cannot read the decisions file"),
    ],
)  # fmt: skip
def test_mistakes_exit_2_in_one_line_and_change_nothing(
    files: tuple[Path, Path], args: list[str], words: str
) -> None:
    _, path = files
    before = path.read_bytes()
    assert words in _one_line_error(_review(path, *args))
    assert path.read_bytes() == before


def test_a_bad_report_exits_2(tmp_path: Path, files: tuple[Path, Path]) -> None:
    _, path = files
    data = _data(path)
    data["verdict"] = "maybe"
    path.write_text(json.dumps(data))
    assert "report schema" in _one_line_error(_review(path, "accept", "F0001"))
    assert "cannot read the report" in _one_line_error(
        _review(tmp_path / "no.json", "accept", "F1")
    )


def test_add_box_and_pages(files: tuple[Path, Path]) -> None:
    _, path = files
    result = _review(
        path, "add-box", "--page", "1", "--bbox", "56,140,200,152", "--entity", "UK_ADDRESS",
        "--reason", "missed",
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    assert _data(path)["findings"][-1]["id"] == "F0006"
    assert _review(path, "page", "1", "remove", "--reason", "back page").exit_code == 1
    assert _data(path)["page_actions"] == [{"page": 1, "action": "remove", "reason": "back page"}]
    assert _review(path, "page", "1", "keep", "--reason", "needed").exit_code == 1
    assert _data(path)["page_actions"] == []


def _decisions(path: Path, *items: dict[str, Any]) -> dict[str, Any]:
    report = _data(path)
    return {
        "schema": DECISIONS_SCHEMA,
        "report": {
            "bundle_sha256": report["bundle"]["sha256"],
            "fingerprint": findings_fingerprint(report),
        },
        "reviewer": "F. Page",
        "decisions": list(items),
    }


def test_import_a_decisions_file_with_the_log(files: tuple[Path, Path], tmp_path: Path) -> None:
    _, path = files
    decisions = tmp_path / "d.json"
    decisions.write_text(
        json.dumps(
            _decisions(
                path,
                {"decision": "reject", "finding": "F0004", "scope": "term", "reason": "a place"},
                {"decision": "keep", "finding": "F0005", "reason": "public"},
            )
        )
    )
    log = tmp_path / "log.csv"
    result = _review(path, "--import", str(decisions), "--log", str(log))
    assert result.exit_code == 0, result.output
    data = _data(path)
    assert {c["by"] for c in data["review"]["changes"]} == {"F. Page"}
    assert {c["source"] for c in data["review"]["changes"]} == {"html"}
    assert _actions(path)["F0001"] == "keep"
    assert verify_log(log).records == 3
    with open_log(log) as db:
        rows = db.execute(
            "SELECT event, item, entity, action, rule, reviewer, reason FROM redactions"
        ).fetchall()
    assert rows[0][:6] == ("review", "finding", "PERSON", "keep", "review-reject", "F. Page")
    assert rows[0][6] == "F0001: redact -> keep (term); a place"
    with open_log(log) as db:
        (steps,) = db.execute("SELECT count(DISTINCT scan_id) FROM redactions").fetchone()
    assert steps == 1  # one import, one event
    text = log.read_text()
    for value in ("Alderwyn", "Dunsterleigh"):
        assert value not in text
    # --reviewer wins over the file's name.
    result = _review(path, "--import", str(decisions), "--reviewer", "G")
    assert result.exit_code == 0 and _data(path)["review"]["changes"][-1]["by"] == "G"


def test_import_refuses_accept_all_without_the_attestation(
    files: tuple[Path, Path], tmp_path: Path
) -> None:
    _, path = files
    before = path.read_bytes()
    decisions = tmp_path / "d.json"
    decisions.write_text(json.dumps(_decisions(path, {"decision": "accept-all"})))
    assert "attestation" in _one_line_error(_review(path, "--import", str(decisions)))
    decisions.write_text("{not json")
    assert "not valid JSON" in _one_line_error(_review(path, "--import", str(decisions)))
    other = _decisions(path)
    other["report"]["fingerprint"] = "0" * 16
    decisions.write_text(json.dumps(other))
    assert "another report" in _one_line_error(_review(path, "--import", str(decisions)))
    assert path.read_bytes() == before


def test_a_log_that_is_not_a_log_changes_nothing(files: tuple[Path, Path], tmp_path: Path) -> None:
    _, path = files
    before = path.read_bytes()
    log = tmp_path / "log.db"
    log.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    result = _review(path, "accept", "F0001", "--log", str(log))
    assert result.exit_code == 2, result.output
    assert path.read_bytes() == before


def test_the_interactive_walk(files: tuple[Path, Path], tmp_path: Path) -> None:
    _, path = files
    log = tmp_path / "log.db"
    answers = [
        "a", "",  # F0001: accept
        "tr", "a place",  # F0002... no: F0002 is the person's; reject its term
        "pa", "",  # F0003: accept the person (F0002 rejected already: accepted again)
        "s",  # F0004: skip
        "a",  # F0005: accept is not offered for a review item: asked again
        "k", "public figure",  # F0005: keep
    ]  # fmt: skip
    result = _review(
        path, "--interactive", "--show-values", "--log", str(log), input="\n".join(answers) + "\n"
    )
    assert result.exit_code == 0, result.output
    assert "Alderwyn" in result.output  # --show-values
    assert _actions(path) == {
        "F0001": "redact",
        "F0002": "redact",
        "F0003": "keep",
        "F0004": "redact",
        "F0005": "keep",
    }
    changes = _data(path)["review"]["changes"]
    assert {c["source"] for c in changes} == {"interactive"}
    assert [c["kind"] for c in changes] == ["accept", "reject", "accept", "accept", "change"]
    assert verify_log(log).records == 5


def test_the_interactive_walk_masks_values_and_accepts_all_after_the_attestation(
    files: tuple[Path, Path],
) -> None:
    _, path = files
    answers = ["A", "yes", "A", ATTESTATION, "whole bundle read", "k", ""]
    result = _review(path, "--interactive", input="\n".join(answers) + "\n")
    assert "Alderwyn" not in result.output and "masked" in result.output
    assert "not recorded: accept all needs the attestation" in result.output
    assert result.exit_code == 1, result.output  # F0005 left for review
    data = _data(path)
    assert [c["kind"] for c in data["review"]["changes"]] == ["accept"] * 4
    assert data["review"]["attestations"][0]["source"] == "interactive"


def test_a_signature_of_the_report_before_review_is_said_to_be_stale(
    files: tuple[Path, Path],
) -> None:
    _, path = files
    signature = path.with_name(path.name + ".sig")
    signature.write_bytes(b"signed before")
    result = _review(path, "accept", "F0001")
    assert "b.report.json.sig signed the report before this review" in result.output
    assert signature.read_bytes() == b"signed before"
