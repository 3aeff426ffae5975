from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import FIXTURES


@pytest.fixture(scope="session")
def scanned(scanner: Any) -> dict[str, Any]:
    """Scan results of the three fixture bundles (with page pictures), by name."""
    from idpc_guard.scanner import ScanOptions

    options = ScanOptions(redact=False, page_images=True)
    return {
        name: scanner.scan(FIXTURES / f"{name}.pdf", options)
        for name in ("sample_bundle", "clean_bundle", "canary_bundle")
    }
