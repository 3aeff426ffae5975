"""Jobs, workplaces and relations: recall on a corpus made by code, silence on what is not one.

The corpus (:mod:`tests.recognizers.contextual_corpus`) writes at least 100 sentences
per entity in five styles with invented people and places; each entity must be found
in at least 90% of them, by its recogniser alone and through the detection engine
(where it shares sentences with names and addresses).
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.recognizers.contextual_corpus import PER_STYLE, STYLES, corpus, recall

from idpc_guard.recognizers.relations import RelationshipRecognizer
from idpc_guard.recognizers.work import OccupationRecognizer

ENTITIES = ("OCCUPATION", "RELATIONSHIP")
SAMPLES = corpus(seed=0)


def test_the_corpus_is_big_enough_and_varied() -> None:
    for entity in ENTITIES:
        positives = [s for s in SAMPLES if s.entity == entity and s.span is not None]
        assert len(positives) >= 100
        assert {s.style for s in positives} == set(STYLES)
        assert len({s.text for s in positives}) >= 0.8 * len(positives)
    assert len(SAMPLES) == 2 * len(STYLES) * PER_STYLE + sum(s.span is None for s in SAMPLES)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_each_recogniser_finds_90_percent_and_nothing_in_the_negatives(seed: int) -> None:
    samples = corpus(seed=seed)
    recognisers = {"OCCUPATION": OccupationRecognizer(), "RELATIONSHIP": RelationshipRecognizer()}
    spans = {
        entity: [[(f.start, f.end) for f in r.find(s.text)] for s in samples]
        for entity, r in recognisers.items()
    }
    for entity, value in recall(samples, spans).items():
        assert value >= 0.9, entity
    for i, sample in enumerate(samples):
        if sample.span is None:
            assert spans[sample.entity][i] == [], sample.text


def test_through_the_engine_beside_names_and_addresses(scanner: Any) -> None:
    hits = scanner.engine.analyze_texts([s.text for s in SAMPLES])
    spans = {
        entity: [[(h[1], h[2]) for h in found if h[0] == entity] for found in hits]
        for entity in ENTITIES
    }
    for entity, value in recall(SAMPLES, spans).items():
        assert value >= 0.9, entity
    # A job or relation never hides an identifier: no hit of theirs overlaps another's.
    for found in hits:
        context = [(h[1], h[2]) for h in found if h[0] in ENTITIES]
        others = [(h[1], h[2]) for h in found if h[0] not in ENTITIES]
        assert not any(s < e2 and s2 < e for s, e in context for s2, e2 in others)


def test_a_description_is_cut_before_an_identifier_and_a_place_yields_to_an_address() -> None:
    from idpc_guard.recognizers.engine import _Hit, _with_context

    text = "I work at Tesco on 12 Friar Road, and I live off Mill Lane."
    job = text.index("Tesco")
    address = text.index("12 Friar Road")
    street = text.index("Mill Lane")
    hits = [
        _Hit("OCCUPATION", job, address + len("12 Friar Road"), 0.6, "OccupationRecognizer"),
        _Hit("UK_ADDRESS", address, address + len("12 Friar Road"), 0.9, "UkAddressRecognizer"),
        _Hit("LOCATION", street - 4, street + len("Mill Lane"), 0.6, "HomeLocationRecognizer"),
        _Hit("UK_ADDRESS", street, street + len("Mill Lane"), 0.5, "UkAddressRecognizer"),
    ]
    kept = [(h.entity, text[h.start : h.end]) for h in _with_context(hits, text)]
    assert kept == [
        ("OCCUPATION", "Tesco"),
        ("UK_ADDRESS", "12 Friar Road"),
        ("UK_ADDRESS", "Mill Lane"),
    ]
