"""Long bundles are read by two page workers at once: same pages, same order, and a bad
page in either run is reported without losing the pages around it."""

from __future__ import annotations

import time

import pymupdf
import pytest

from idpc_guard.errors import LimitExceededError
from idpc_guard.model import Unscanned
from idpc_guard.read import workers as page_worker
from idpc_guard.read.extract import Limits, extract_bytes
from idpc_guard.read.page import read_page
from tests.bad_pages import misbehave_on
from tests.pdfs import make_pdf

COUNT = 20
PDF = make_pdf([[f"page {n} text", f"second line {n}"] for n in range(COUNT)])


@pytest.fixture(autouse=True)
def _two_idle_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two workers whatever the machine (one with a single core would choose one)."""
    monkeypatch.setattr(page_worker, "available_cores", lambda: 2)


def _words(pages: tuple[page_worker.Page, ...]) -> list[list[str]]:
    return [[w.text for w in p.words] for p in pages]


def test_two_workers_read_what_one_reads() -> None:
    doc = pymupdf.open(stream=PDF, filetype="pdf")
    sizes = [(p.rect.width, p.rect.height) for p in doc]
    one = page_worker.read_pages(PDF, sizes, Limits(), workers=1)
    two = page_worker.read_pages(PDF, sizes, Limits(), workers=2)
    assert one == two
    assert [p.index for p in two] == list(range(COUNT))
    assert two[0] == read_page(doc[0], 0, Limits())
    assert _words(two)[COUNT - 1] == [
        "page",
        f"{COUNT - 1}",
        "text",
        "second",
        "line",
        f"{COUNT - 1}",
    ]


@pytest.mark.parametrize(
    ("how", "reason"),
    [
        ("hang", Unscanned.TIMED_OUT),
        ("crash", Unscanned.READER_STOPPED),
        ("error", Unscanned.DAMAGED),
    ],
)
# Not a run's first page: a worker's first page also has its start-up allowance (30 s).
@pytest.mark.parametrize(
    "bad", [{3}, {COUNT - 2}, {1, COUNT // 2 + 1}, {COUNT // 2 - 1, COUNT - 1}]
)
def test_bad_pages_in_either_run_are_reported_and_the_rest_read(
    monkeypatch: pytest.MonkeyPatch, how: str, reason: Unscanned, bad: set[int]
) -> None:
    misbehave_on(monkeypatch, bad, how)
    start = time.monotonic()
    bundle = extract_bytes(PDF, "b.pdf", Limits(page_seconds=0.5))
    assert time.monotonic() - start < 15
    assert [p.index for p in bundle.pages] == list(range(COUNT))
    for page in bundle.pages:
        if page.index in bad:
            assert page.unscanned is reason
            assert page.words == () and not page.has_text_layer
        else:
            assert page.unscanned is None
            assert [w.text for w in page.words][:2] == ["page", str(page.index)]


def test_a_limit_in_the_second_run_refuses_the_bundle(monkeypatch: pytest.MonkeyPatch) -> None:
    misbehave_on(monkeypatch, {COUNT - 3}, "limit")
    with pytest.raises(LimitExceededError, match=f"page {COUNT - 2}"):
        extract_bytes(PDF, "b.pdf")
