"""How rule-file problems are worded: the location path, the value, a suggestion.

``rules[2].entities[0]: 'UK_ADRESS' is not a known entity (did you mean UK_ADDRESS?)``
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from idpc_guard.model import Action, DocumentKind, Entity, Role, Severity
from idpc_guard.policy.schema import Proof, RuleFileSpec
from idpc_guard.policy.taxonomy import TaxonomyFileSpec
from idpc_guard.text.suggest import hint

__all__ = ["describe_error", "hint"]


_VOCABULARIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "entities": ("entity", tuple(e.value for e in Entity)),
    "entity": ("entity", tuple(e.value for e in Entity)),
    "documents": ("document kind", tuple(d.value for d in DocumentKind)),
    "document": ("document kind", tuple(d.value for d in DocumentKind)),
    "roles": ("role", tuple(r.value for r in Role)),
    "role": ("role", tuple(r.value for r in Role)),
    "action": ("action", tuple(a.value for a in Action)),
    "expect": ("action", tuple(a.value for a in Action)),
    "severity": ("severity", tuple(s.value for s in Severity)),
    "proof": ("proof", tuple(p.value for p in Proof)),
}


def _fields_at(loc: Sequence[object]) -> list[str]:
    """The field names allowed where an unknown field was written (for suggestions)."""
    keys = [part for part in loc[:-1] if isinstance(part, str)]
    spec: type[BaseModel] = (
        TaxonomyFileSpec if "families" in keys or "flags" in keys else (RuleFileSpec)
    )
    for key in keys:
        field = spec.model_fields.get(key)
        inner = getattr(field.annotation, "__args__", ()) if field else ()
        models = [a for a in inner if isinstance(a, type) and issubclass(a, BaseModel)]
        if models:
            spec = models[0]
    return [f.alias or name for name, f in spec.model_fields.items()]


def describe_error(error: Any) -> str:
    """One pydantic error as ``rules[2].entities[0]: 'X' is not ... (did you mean Y?)``."""
    loc = error["loc"]
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    value = error.get("input")
    field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    if field in _VOCABULARIES and isinstance(value, str) and error["type"] != "missing":
        singular, words = _VOCABULARIES[field]
        return f"{path}: '{value}' is not a known {singular}{hint(value, words)}"
    if error["type"] == "extra_forbidden":
        return f"{path}: unknown field '{field}'{hint(field, _fields_at(loc))}"
    if error["type"] == "value_error":
        return f"{path or '(top level)'}: {error['ctx']['error']}"
    if error["type"] == "missing":
        parent = path.rsplit(".", 1)[0] if "." in path else "(top level)"
        return f"{parent}: missing required field '{field}'"
    return f"{path or '(top level)'}: {error['msg']}"
