"""Recognisers of UK personal data, one module per family of identifiers.

Every public module here except :mod:`engine` and :mod:`normalise` is a *family*
and ends with ``RECOGNIZERS``: a tuple of zero-argument callables (usually
classes) that build Presidio recognisers. :func:`discover` finds them, and
:class:`~idpc_guard.recognizers.engine.DetectionEngine` runs them all; modules
whose names start with ``_`` are helpers (:mod:`._base`, :mod:`._labelled`,
:mod:`._ner`). The name a recogniser reports (``Detection.recognizer``,
``recognizer`` in the report) is its class name.

How to add a recogniser
-----------------------
Files to touch: the family module, and its test vectors. Nothing else lists
recognisers (the engine, the tests and the benchmarks all go through
:func:`discover`).

1. Pick the family: add the class to an existing module (``contact``, ``dates``,
   ``finance``, ``names``, ``patient_labels``, ``uk_address``, ``uk_health``,
   ``uk_identity``, ``vehicles``) or start a module ``recognizers/<family>.py``.
2. Pick the base class:

   * an identifier known by its shape and a label before it ("Sort code:",
     "VRM"): :class:`._labelled.LabelledPatternRecognizer`, with ``ENTITY`` and a
     tuple of ``RULES`` (pattern, label, scores, optional checksum), no code;
   * any other rule on the text: :class:`._base.Recognizer`, with ``ENTITY`` and
     a ``find(text)`` that yields :class:`._base.Found` spans (start, end, score,
     why); the entity check, the results and the name are the base's;
   * one of Presidio's own recognisers (``UkNinoRecognizer``, ``NhsRecognizer``,
     ``EmailRecognizer``...), configured or subclassed to add a check
     (``validate_result``, ``invalidate_result``) or a context rule;
   * spaCy's entities: a subclass of Presidio's ``SpacyRecognizer`` (the engine
     gives those the model's entities, after the pattern recognisers have run).

   Give it no ``name``: Presidio then names it after its class, so the report
   says which class fired. Apply context (labels, words around the value) inside
   the recogniser, on the text alone: the engine does not run Presidio's
   context enhancer.
3. List the class in the module's ``RECOGNIZERS`` tuple (in a new module, end it
   with one).
4. Vectors: ``tests/recognizers/vectors/<family>.yaml``, with ``match`` cases
   (text, entity, exact spans, optional ``min_score``/``max_score``) for every
   entity the module reports, and ``no_match`` cases for what it must leave
   alone (made-up values only). ``tests/recognizers/test_vectors.py`` runs them
   and fails when a family has no vectors, a case for an entity is missing, two
   recognisers share a name or a name is not its class name.
5. Run ``pytest tests/recognizers`` and, if results on bundles may change,
   ``benchmarks/detection.py`` and ``benchmarks/report_snapshot.py`` before and
   after.

A recogniser of an entity that :class:`~idpc_guard.model.Entity` does not have
yet is also a new entity: that takes the entity and its default rule too.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import Any

#: Public modules of this package that hold no recognisers.
NOT_FAMILIES = frozenset({"engine", "normalise"})


def family_modules() -> tuple[str, ...]:
    """The names of the family modules of this package, sorted."""
    names = (info.name for info in pkgutil.iter_modules(__path__))
    return tuple(sorted(n for n in names if n not in NOT_FAMILIES and not n.startswith("_")))


def discover() -> tuple[tuple[str, Callable[[], Any]], ...]:
    """The recogniser factories of every family module, as ``(module, factory)``, sorted."""
    found: list[tuple[str, Callable[[], Any]]] = []
    for name in family_modules():
        module = importlib.import_module(f"{__name__}.{name}")
        factories = getattr(module, "RECOGNIZERS", None)
        if factories is None:
            raise ImportError(f"recognizers.{name} has no RECOGNIZERS tuple")
        found.extend((name, factory) for factory in factories)
    return tuple(found)
