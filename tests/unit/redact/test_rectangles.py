"""Removal rectangles in bulk: merged without changing what they cover, near words by grid."""

from __future__ import annotations

import dataclasses
import itertools
import time

import pymupdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from idpc_guard.errors import LimitExceededError
from idpc_guard.model import (
    Action,
    Box,
    Decisions,
    Detection,
    Finding,
    LabelStyle,
    PageAction,
    PageActionKind,
    Severity,
    Source,
    Verdict,
)
from idpc_guard.read.extract import extract_bytes
from idpc_guard.read.layout import page_text, span_boxes
from idpc_guard.redact.plan import redaction_plan
from idpc_guard.redact.rectangles import BoxGrid, RectTuple, check_page_redactions, merged_rects
from idpc_guard.redact.redaction import redact, word_boxes
from idpc_guard.redact.review_copy import mark
from idpc_guard.verify.verification import verify

# Coordinates on a coarse lattice, so that rectangles often share bands and edges.
_COORD = st.integers(-4, 60).map(lambda v: v / 2)


@st.composite
def rects(draw: st.DrawFn) -> RectTuple:
    x0, x1 = draw(_COORD), draw(_COORD)
    y0 = draw(st.sampled_from((0.0, 0.0, 3.0, 10.0, 10.5)))
    return (x0, y0, x1, y0 + draw(st.sampled_from((0.0, 2.0, 2.0, 4.5))))


def _inside(point: tuple[float, float], rect: RectTuple) -> bool:
    x, y = point
    x0, y0, x1, y1 = rect
    return min(x0, x1) <= x <= max(x0, x1) and min(y0, y1) <= y <= max(y0, y1)


@given(st.lists(rects(), max_size=30))
@settings(max_examples=200, deadline=None)
def test_merging_covers_exactly_the_same_points(given_rects: list[RectTuple]) -> None:
    merged = merged_rects(given_rects)
    assert len(merged) <= len(given_rects)
    # Every region of the plane cut by the rectangles' edges holds one of these points.
    xs = sorted({v for r in given_rects for v in (r[0], r[2])})
    ys = sorted({v for r in given_rects for v in (r[1], r[3])})
    xs += [(a + b) / 2 for a, b in itertools.pairwise(xs)]
    ys += [(a + b) / 2 for a, b in itertools.pairwise(ys)]
    for point in ((x, y) for x in xs for y in ys):
        before = any(_inside(point, r) for r in given_rects)
        assert before == any(_inside(point, r) for r in merged), point


def test_a_rectangle_given_many_times_is_one() -> None:
    rect = (72.0, 70.9, 85.7, 72.3)
    assert merged_rects([rect] * 40_000) == [rect]


def _meets(a: RectTuple, b: RectTuple) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


_BOX = st.tuples(st.floats(-50, 700), st.floats(-50, 900), st.floats(0, 40), st.floats(0, 30)).map(
    lambda b: (b[0], b[1], b[0] + b[2], b[1] + b[3])
)


@given(st.lists(_BOX, max_size=60), st.lists(_BOX, min_size=1, max_size=10))
@settings(max_examples=150, deadline=None)
def test_the_grid_offers_every_box_that_meets_the_query(
    boxes: list[RectTuple], queries: list[RectTuple]
) -> None:
    odd = [(0.0, 0.0, float("inf"), 5.0), (-1e12, 0.0, 1e12, 1.0)]  # kept apart
    grid = BoxGrid([*boxes, *odd], scan_first=0)
    for query in queries:
        offered = set(grid.near(query))
        assert {b for b in boxes if _meets(b, query)} <= offered


def test_the_grid_offers_few_boxes_on_a_crowded_page() -> None:
    boxes = [(x * 10.0, y * 10.0, x * 10.0 + 8, y * 10.0 + 8) for x in range(60) for y in range(80)]
    grid = BoxGrid(boxes * 3)  # and each drawn three times
    query = (100.5, 100.5, 107.5, 107.5)
    offered = [len(grid.near(query)) for _ in range(6)]
    # Plain scans first (a normal page never needs more), then the index.
    assert offered[0] == len(boxes)
    assert offered[-1] <= 9


def test_a_normal_page_is_offered_every_word_without_an_index() -> None:
    words = [
        (x * 40.0, y * 12.0, x * 40.0 + 30, y * 12.0 + 10) for x in range(12) for y in range(25)
    ]
    grid = BoxGrid(words)
    for _ in range(30):  # a page's boxes
        assert len(grid.near((42.0, 14.0, 60.0, 20.0))) == len(words)
    assert grid._cells is None


def _finding(number: int, page: int, boxes: tuple[Box, ...], action: Action) -> Finding:
    detection = Detection("PERSON", "x", page, boxes, 0.9, Source.TEXT, "t", 0, 0, 1)
    return Finding(f"F{number:04d}", detection, action, "r", "x", Severity.HIGH)


def test_the_limit_counts_separate_boxes_on_pages_kept() -> None:
    same = (Box(10, 10, 20, 20),)
    findings = [_finding(n, 0, same, Action.REDACT) for n in range(50)]  # one box, 50 times
    findings += [_finding(100 + n, 1, (Box(n, 0, n + 1, 1),), Action.REDACT) for n in range(4)]
    findings += [_finding(200 + n, 2, (Box(n, 0, n + 1, 1),), Action.REDACT) for n in range(9)]
    findings += [_finding(300 + n, 3, (Box(n, 0, n + 1, 1),), Action.REVIEW) for n in range(9)]
    removed = (PageAction(2, PageActionKind.REMOVE, "r"),)
    decisions = Decisions(tuple(findings), removed, (), Verdict.REVIEW)
    plan = redaction_plan(decisions)
    check_page_redactions(plan, 4)
    with pytest.raises(LimitExceededError, match=r"page 2 has 4 separate boxes to redact, "):
        check_page_redactions(plan, 3)
    with pytest.raises(LimitExceededError, match=r"page 1 has 50 boxes to redact or mark"):
        check_page_redactions(plan, 9, marking=True)  # one annotation per finding's box
    with pytest.raises(LimitExceededError, match=r"page 4 has 9 boxes to redact or mark"):
        check_page_redactions(
            redaction_plan(dataclasses.replace(decisions, findings=tuple(findings[50:]))),
            8,
            marking=True,
        )


def test_a_value_drawn_over_itself_many_times_is_redacted_quickly() -> None:
    """A damaged page repeats its content stream: one value, thousands of times, one place."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "Kept words above the line", fontname="helv", fontsize=10)
    shape = page.new_shape()
    for _ in range(1500):
        shape.insert_text((72, 112), "Quistfire 07700900461", fontname="helv", fontsize=10)
    shape.commit()
    page.insert_text((72, 124), "Kept words below the line", fontname="helv", fontsize=10)
    pdf = doc.tobytes()
    bundle = extract_bytes(pdf, "x.pdf")
    text = page_text(bundle.pages[0])
    findings = []
    start = 0
    while (start := text.text.find("Quistfire", start)) >= 0:
        end = start + len("Quistfire 07700900461")
        boxes = span_boxes(text, start, end)
        detection = Detection(
            "PERSON", text.text[start:end], 0, boxes, 0.9, Source.TEXT, "t", 0, start, end
        )
        findings.append(
            Finding(f"F{len(findings):04d}", detection, Action.REDACT, "r", "x", Severity.HIGH)
        )
        start = end
    assert len(findings) == 1500
    decisions = Decisions(tuple(findings), (), (), Verdict.REVIEW)
    started = time.monotonic()
    out = redact(pdf, redaction_plan(decisions, LabelStyle.ENTITY), word_boxes(bundle.pages))
    verify(1, out, redaction_plan(decisions, LabelStyle.ENTITY))
    assert time.monotonic() - started < 5  # 0.05 s; one annotation per box took 9.5 s
    after = pymupdf.open(stream=out, filetype="pdf")[0].get_text()
    assert "Quistfire" not in after and "07700900461" not in after
    assert "Kept words above the line" in after and "Kept words below the line" in after


def test_marked_boxes_are_named_by_finding_and_box() -> None:
    """Each annotation's /NM is its own (PyMuPDF's default names cost n cubed to choose)."""
    doc = pymupdf.open()
    doc.new_page()
    pdf = doc.tobytes()
    two = (Box(10, 10, 40, 20), Box(10, 30, 40, 40))
    findings = (_finding(1, 0, two, Action.REDACT), _finding(2, 0, two[:1], Action.REVIEW))
    marked = pymupdf.open(
        stream=mark(pdf, redaction_plan(Decisions(findings, (), (), Verdict.REVIEW)))
    )
    names = [marked.xref_get_key(a.xref, "NM")[1] for a in marked[0].annots()]
    assert names == ["F0001-1", "F0001-2", "F0002-1"]


@pytest.mark.slow
def test_many_paths_under_many_boxes_go_and_the_paths_beside_them_stay() -> None:
    """A thousand small paths inside boxes, a thousand beside them: probes found by grid."""
    doc = pymupdf.open()
    page = doc.new_page(width=1000, height=1000)
    shape = page.new_shape()
    findings = []
    for number in range(1000):
        x, y = 10 + (number % 60) * 16, 10 + (number // 60) * 8
        for dx in (2, 8):  # the first inside the box, the second beside it
            shape.draw_rect(pymupdf.Rect(x + dx, y + 2, x + dx + 3, y + 5))
            shape.finish(color=(0, 0, 0), fill=(0, 0, 0))
        box = (Box(x, y, x + 7, y + 7),)
        findings.append(_finding(number, 0, box, Action.REDACT))
    shape.commit()
    decisions = Decisions(tuple(findings), (), (), Verdict.REVIEW)
    started = time.monotonic()
    out = redact(
        doc.tobytes(), redaction_plan(decisions, LabelStyle.NONE), {0: [(0.0, 0.0, 1.0, 1.0)]}
    )
    assert time.monotonic() - started < 8  # 1.4 s; 17 s when each box and probe was compared
    left = [d["rect"] for d in pymupdf.open(stream=out)[0].get_drawings()]
    beside = [r for r in left if r.width < 4]
    assert len(beside) == 1000
    assert all((r.x0 - 10) % 16 == 8 for r in beside)
