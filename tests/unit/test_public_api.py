from __future__ import annotations

import logging
import socket
from pathlib import Path
from typing import Any

import pytest

import idpc_guard
from idpc_guard.model import Entity
from tests.conftest import FIXTURES


def test_all_is_sorted_and_complete() -> None:
    public = {name for name in vars(idpc_guard) if not name.startswith("_")}
    modules = {
        name
        for name, value in vars(idpc_guard).items()
        if getattr(value, "__name__", "").startswith("idpc_guard.")
        and type(value).__name__ == "module"
    }
    assert idpc_guard.__all__ == sorted(idpc_guard.__all__, key=str.casefold) or (
        idpc_guard.__all__ == sorted(idpc_guard.__all__)
    )
    assert set(idpc_guard.__all__) - {"__version__"} == public - modules - {"annotations", "Path"}


def test_entity_vocabulary_has_the_contract_names() -> None:
    contract = {
        "UK_ADDRESS",
        "UK_POSTCODE",
        "PHONE_NUMBER",
        "EMAIL_ADDRESS",
        "DATE_OF_BIRTH",
        "UK_NHS",
        "UK_NINO",
        "PERSON",
        "BANK_DETAILS",
        "VEHICLE_REGISTRATION",
        "HOSPITAL_NUMBER",
    }
    assert contract <= {e.value for e in Entity}


def test_engine_reports_only_known_entities(scanner: Any) -> None:
    assert set(scanner.engine.entities) <= {e.value for e in Entity}


def test_scan_uses_no_network_and_logs_no_personal_data(
    scanner: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    with caplog.at_level(logging.DEBUG):
        result = scanner.scan(FIXTURES / "canary_bundle.pdf")
    values = {f.detection.text for f in result.report.decisions.findings}
    assert "canary.pii.7731@example.com" in values
    for record in caplog.records:
        message = record.getMessage()
        assert "canary" not in message.casefold() and "900731" not in message
    for finding in result.report.decisions.findings:
        assert finding.detection.text not in repr(finding)


def test_library_errors_are_exceptions_not_exits(scanner: Any, tmp_path: Path) -> None:
    bad = tmp_path / "x.pdf"
    bad.write_text("not a pdf")
    with pytest.raises(idpc_guard.NotAPdfError) as info:
        scanner.scan(bad)
    assert info.value.exit_status == idpc_guard.ExitStatus.INPUT
