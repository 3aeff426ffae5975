"""The terminal review of a scanned bundle, through the installed command, then apply.

Sub-commands accept, reject and accept a term; accept-all is refused without the
attestation and done with it; the interactive walk answers on stdin; ``apply`` makes
a copy in which the rejected redaction's value stays and the accepted ones are gone,
and the redaction log records every change and still verifies.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pymupdf
import pytest

from idpc_guard.report.review import ATTESTATION
from tests.conftest import FIXTURES

SAMPLE = FIXTURES / "sample_bundle.pdf"


def _cli(*args: object, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "idpc_guard", *map(str, args)],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=300,
        check=False,
        env={"PATH": "/usr/bin:/bin", "IDPC_GUARD_USER": "ci", "PYTHONPATH": ":".join(sys.path)},
    )


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("terminal")
    result = _cli("scan", SAMPLE, "--out-dir", out, "--no-redact", "--quiet")
    assert result.returncode == 1, result.stderr
    return out / "sample_bundle.report.json"


@pytest.fixture()
def report(scanned: Path, tmp_path: Path) -> Path:
    """The scan's report, with what it left for review proposed as kept.

    Accept and reject work on proposals; an item left for review has none and is
    decided on its own (tests/unit/cli/test_review_command.py). Set to keep by hand, as a
    team lead may edit a report before it is reviewed, the walk below meets proposals only.
    """
    data = json.loads(scanned.read_text())
    for finding in data["findings"]:
        if finding["action"] == "review":
            finding["action"] = "keep"
    path = tmp_path / "sample_bundle.report.json"
    path.write_text(json.dumps(data, indent=2))
    path.chmod(0o600)
    return path


def _data(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text())
    return data


def _once(data: dict[str, Any], entity: str) -> dict[str, Any]:
    """A redacted value of ``entity`` that occurs once in the bundle."""
    counts: dict[str, int] = {}
    for f in data["findings"]:
        key = " ".join(f["text"].split()).casefold()
        counts[key] = counts.get(key, 0) + 1
    return next(
        f
        for f in data["findings"]
        if f["entity"] == entity
        and f["action"] == "redact"
        and counts[" ".join(f["text"].split()).casefold()] == 1
    )


def _text(pdf: Path) -> str:
    return " ".join(" ".join(page.get_text().split()) for page in pymupdf.open(pdf))


def test_sub_commands_then_apply(
    report: Path, tmp_path: Path, report_schema: dict[str, Any]
) -> None:
    data = _data(report)
    log = tmp_path / "log.db"
    rejected = _once(data, "PHONE_NUMBER")
    accepted = _once(data, "UK_NHS")
    term = next(f for f in data["findings"] if f["entity"] == "PHONE_NUMBER" and f is not rejected)
    same = [f["id"] for f in data["findings"] if f["text"] == term["text"]]
    assert len(same) > 1

    result = _cli("review", report, "reject", rejected["id"], "--reason", "a business number",
                  "--reviewer", "T. Reviewer", "--log", log)  # fmt: skip
    assert result.returncode == 0, result.stderr  # nothing in the sample is left for review
    result = _cli("review", report, "--log", log, "accept", accepted["id"])
    assert result.returncode == 0, result.stderr
    result = _cli("review", report, "accept", "--term", term["id"], "--log", log)
    assert result.returncode == 0, result.stderr
    assert f"Recorded: {len(same)} accept" in result.stdout

    # Accept all: refused (2, one line, nothing changed) without the attestation.
    before = report.read_bytes()
    for attest in ([], ["--attest", "I have reviewed it"]):
        result = _cli("review", report, "accept-all", *attest, "--log", log)
        assert result.returncode == 2
        (line,) = result.stderr.strip().splitlines()
        assert line.startswith("idpc-guard: error:") and ATTESTATION in line
    assert report.read_bytes() == before
    result = _cli("review", report, "accept-all", "--attest", ATTESTATION, "--log", log)
    assert result.returncode == 0, result.stderr

    reviewed = _data(report)
    jsonschema.validate(reviewed, report_schema)
    assert report.stat().st_mode & 0o777 == 0o600
    changes = reviewed["review"]["changes"]
    assert len(changes) == len(data["findings"])
    assert changes[0]["by"] == "T. Reviewer" and changes[1]["by"] == "ci"
    assert {f["id"]: f["action"] for f in reviewed["findings"]}[rejected["id"]] == "keep"

    result = _cli("log", "verify", log)
    assert result.returncode == 0, result.stderr
    assert f"(review {len(changes)})" in result.stdout
    for f in data["findings"]:
        assert f["text"].encode() not in log.read_bytes(), f["id"]

    copy = tmp_path / "copy.pdf"
    result = _cli("apply", SAMPLE, "--report", report, "--out", copy, "--log", log)
    assert result.returncode == 1, result.stderr
    text = _text(copy)
    assert " ".join(rejected["text"].split()) in text
    assert " ".join(accepted["text"].split()) not in text
    assert term["text"] not in text


def test_the_interactive_walk_then_apply(report: Path, tmp_path: Path) -> None:
    data = _data(report)
    first, second = [f for f in data["findings"] if f["action"] == "redact"][:2]
    answers = []
    for f in data["findings"]:
        if f["id"] == first["id"]:
            answers += ["r", "not personal data here"]
        elif f["id"] == second["id"]:
            answers += ["q"]
            break
        else:
            answers += ["a", ""]
    result = _cli("review", report, "--interactive", stdin="\n".join(answers) + "\n")
    assert result.returncode == 0, result.stderr
    assert first["text"] not in result.stdout  # values masked without --show-values
    reviewed = _data(report)
    assert {c["source"] for c in reviewed["review"]["changes"]} == {"interactive"}
    assert len(reviewed["review"]["changes"]) == data["findings"].index(second)

    # Continuing later: decided findings are not asked again; accept all, attested.
    result = _cli("review", report, "--interactive", stdin=f"A\n{ATTESTATION}\n\n")
    assert result.returncode == 0, result.stderr
    reviewed = _data(report)
    assert len(reviewed["review"]["changes"]) == len(data["findings"])
    assert reviewed["review"]["attestations"][0]["source"] == "interactive"

    copy = tmp_path / "copy.pdf"
    result = _cli("apply", SAMPLE, "--report", report, "--out", copy)
    assert result.returncode == 1, result.stderr
    assert " ".join(first["text"].split()) in _text(copy)
    assert " ".join(second["text"].split()) not in _text(copy)
