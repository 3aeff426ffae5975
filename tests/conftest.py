from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# Property tests check behaviour, not speed (benchmarks/ measure that): no per-example
# deadline, which fails at random on a loaded or shared machine.
settings.register_profile("idpc-guard", deadline=None)
settings.load_profile("idpc-guard")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"

#: The slow tier, by file (under tests/): end-to-end runs of the command, the hostile-PDF
#: corpus and the fuzzer. ``pytest -m "not slow"`` leaves them out for everyday work;
#: single slow tests elsewhere carry ``@pytest.mark.slow`` themselves.
SLOW_FILES = (
    "e2e/",
    "hostile/test_corpus.py",
    "adversarial/test_leaks.py",
    "fuzz/test_fuzz.py",
    "fuzz/test_dense_pages.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests of the slow files ``slow``."""
    tests = ROOT / "tests"
    for item in items:
        path = item.path
        if path.is_relative_to(tests) and path.relative_to(tests).as_posix().startswith(SLOW_FILES):
            item.add_marker(pytest.mark.slow)


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
