"""The segmentation benchmark's bundles in other styles, and its scoring."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from segmentation_corpus import score, styles  # noqa: E402
from segmentation_styles import STYLES, build_style_bundle  # noqa: E402


def test_style_bundles_are_varied_and_labelled() -> None:
    seen: set[str] = set()
    for seed in range(12):
        data, truth = build_style_bundle(seed)
        assert data.startswith(b"%PDF")
        assert len(truth["page_kinds"]) == len(truth["page_styles"])
        assert truth["starts"][0] == 1
        assert truth["starts"] == sorted(set(truth["starts"]))
        seen |= set(truth["page_styles"])
    assert seen == set(STYLES)
    # The same seed gives the same bundle (the PDF's own id aside).
    assert build_style_bundle(3)[1] == build_style_bundle(3)[1]


@pytest.mark.slow
def test_pages_in_other_styles_are_classified_and_split() -> None:
    figures = score(styles(pages=80, seed=500))
    seen, right = figures["seen"], figures["right"]
    assert sum(right.values()) >= 0.95 * sum(seen.values())
    tp, fp, fn = figures["boundaries"]
    assert tp >= 0.95 * (tp + fp) and tp >= 0.95 * (tp + fn)
    _must_go, _removed, wrongly_removed, _reviewed = figures["removal"]
    assert wrongly_removed == 0
