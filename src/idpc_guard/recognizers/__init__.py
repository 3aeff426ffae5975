"""Recognisers of UK personal data, one module per family of identifiers.

Every module here except :mod:`engine` and :mod:`normalise` ends with ``RECOGNIZERS``: a tuple of
zero-argument callables (usually classes) that build Presidio recognisers.
:func:`discover` finds them; adding a recogniser is one module plus its test
vectors, with no list to update by hand.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import Any

#: Modules of this package that hold no recognisers.
_NOT_FAMILIES = frozenset({"engine", "normalise"})


def discover() -> tuple[tuple[str, Callable[[], Any]], ...]:
    """The recogniser factories of every family module, as ``(module, factory)``, sorted."""
    found: list[tuple[str, Callable[[], Any]]] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name in _NOT_FAMILIES or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        factories = getattr(module, "RECOGNIZERS", None)
        if factories is None:
            raise ImportError(f"recognizers.{info.name} has no RECOGNIZERS tuple")
        found.extend((info.name, factory) for factory in factories)
    return tuple(found)
