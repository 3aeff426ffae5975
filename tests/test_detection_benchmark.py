"""The detection benchmark's corpus and scoring (no analyser is run here)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from detection import score  # noqa: E402
from detection_corpus import build_corpus  # noqa: E402

from idpc_guard.model import Entity  # noqa: E402


def test_corpus_is_big_varied_and_exactly_labelled() -> None:
    corpus = build_corpus(seed=7, pages=260)
    counts = Counter(span[2] for page in corpus for span in page.spans)
    assert sum(counts.values()) >= 3000
    assert set(counts) <= {e.value for e in Entity}
    assert all(n >= 50 for n in counts.values()), counts
    for page in corpus:
        for start, end, _entity in page.spans:
            value = page.text[start:end]
            assert value and value == value.strip()
    # The same seed gives the same corpus; another seed another one.
    again = build_corpus(seed=7, pages=260)
    assert [p.text for p in again] == [p.text for p in corpus]
    assert build_corpus(seed=8, pages=260)[0].text != corpus[0].text


def test_score_counts_overlaps_and_entity_mismatches() -> None:
    page = build_corpus(seed=3, pages=1)[0]
    perfect = score([page], [list(page.spans)])
    assert all(c["fp"] == 0 and c["fn"] == 0 for c in perfect.values())
    start, end, entity = page.spans[0]
    wrong = [(start, end, "PERSON" if entity != "PERSON" else "UK_NINO"), *page.spans[1:]]
    counts = score([page], [wrong])
    assert counts[entity]["fn"] == 1
    half = [(start, start + (end - start) // 3, entity), *page.spans[1:]]
    assert score([page], [half])[entity]["fn"] == 1
