from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"


@pytest.fixture(scope="session")
def scanner() -> Any:
    """One Scanner for the whole run: the spaCy model loads once."""
    from idpc_guard import Scanner

    return Scanner()


@pytest.fixture(scope="session")
def report_schema() -> dict[str, Any]:
    from idpc_guard import report_schema

    return report_schema()


def load_truth(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / f"{name}.truth.json").read_text())
    return data
