"""Page reading that goes wrong on chosen pages: for the page-worker tests."""

from __future__ import annotations

import os
import time

import pymupdf
import pytest

from idpc_guard.errors import LimitExceededError
from idpc_guard.read import workers as page_worker
from idpc_guard.read.extract import Limits


def misbehave_on(monkeypatch: pytest.MonkeyPatch, bad: set[int], how: str) -> None:
    """Make reading the pages ``bad`` (0-based) hang, crash, fail or go over a limit."""
    real = page_worker.read_page

    def read(page: pymupdf.Page, index: int, limits: Limits) -> page_worker.PackedPage:
        if index in bad:
            if how == "hang":
                time.sleep(30)
            elif how == "crash":
                os._exit(70)
            elif how == "error":
                raise RuntimeError("MuPDF failed")
            elif how == "limit":
                raise LimitExceededError(f"page {index + 1} has an image over the limit")
        return real(page, index, limits)

    monkeypatch.setattr(page_worker, "read_page", read)
