"""Archive audits: aggregate figures without personal data, on a local Dask cluster."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from idpc_guard.batch.audit import aggregate, chart_png
from idpc_guard.batch.pool import BatchItem
from idpc_guard.errors import ExitStatus
from tests.conftest import FIXTURES


def test_aggregate_counts_bundles_not_findings() -> None:
    items = [
        BatchItem(
            Path("a.pdf"),
            ExitStatus.FINDINGS,
            verdict="block",
            redact=9,
            entities=("PHONE_NUMBER", "PERSON"),
            issue_kinds=("witness_contact_details",),
            offences=("Burglary",),
        ),
        BatchItem(
            Path("b.pdf"),
            ExitStatus.FINDINGS,
            verdict="review",
            redact=1,
            entities=("PHONE_NUMBER",),
            offences=("burglary",),
        ),
        BatchItem(Path("c.pdf"), ExitStatus.CLEAR, verdict="clear"),
        BatchItem(Path("d.pdf"), ExitStatus.INPUT, error="not a PDF"),
    ]
    figures = aggregate(items)
    assert figures["bundles"] == 4 and figures["scanned"] == 3 and figures["failed"] == 1
    assert figures["with_breaches"] == 2
    assert figures["by_entity"] == {"PHONE_NUMBER": 2, "PERSON": 1}
    assert figures["by_issue"] == {"witness_contact_details": 1}
    assert figures["by_offence"] == {"burglary": 2}
    assert chart_png(figures).startswith(b"\x89PNG")


def test_audit_on_a_local_dask_cluster_of_two_workers(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    for name in ("sample_bundle.pdf", "clean_bundle.pdf", "canary_bundle.pdf"):
        shutil.copy(FIXTURES / name, archive / name)
    out = tmp_path / "audit.json"
    chart = tmp_path / "audit.png"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "idpc_guard",
            "audit",
            str(archive),
            "--dask",
            "local",
            "--jobs",
            "2",
            "--out",
            str(out),
            "--chart",
            str(chart),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(out.read_text())
    assert figures["scanned"] == 3 and figures["with_breaches"] == 2
    assert figures["by_issue"] == {"witness_contact_details": 1}
    assert chart.read_bytes().startswith(b"\x89PNG")
    # Reports were written beside the bundles; no redacted copies in an audit.
    assert len(list(archive.glob("*.report.json"))) == 3
    assert not list(archive.glob("*.redacted.pdf"))
    text = out.read_text() + result.stdout
    assert "canary" not in text.casefold() and "900731" not in text
