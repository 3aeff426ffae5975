"""Load rule files into frozen :class:`Rule` values."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from idpc_guard.errors import RuleFileError
from idpc_guard.model import Action, DocumentKind, Entity, Role, Severity
from idpc_guard.policy.schema import RuleFileSpec


@dataclass(frozen=True, slots=True)
class Example:
    """A worked example that ``rules check`` runs through the rules."""

    text: str
    entity: str
    role: Role
    document: DocumentKind
    offences: tuple[str, ...]
    expect: Action


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule in force. Empty scope sets mean "any"."""

    id: str
    description: str
    entities: frozenset[str]
    offences: tuple[str, ...]
    documents: frozenset[DocumentKind]
    roles: frozenset[Role]
    action: Action
    severity: Severity
    reason: str
    source: str
    examples: tuple[Example, ...] = ()

    @property
    def specificity(self) -> int:
        """How narrow the rule's scope is; the narrowest matching rule decides."""
        return 4 * bool(self.offences) + 2 * bool(self.roles) + bool(self.documents)


def default_rules_dir() -> Path:
    """The rules shipped with the package (or, in a source checkout, the repo's ``rules/``)."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "_rules"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "rules"


def load_rules(directory: Path | None = None) -> tuple[Rule, ...]:
    """Load every ``*.yaml`` rule file under ``directory`` (recursively), sorted by path.

    Raises:
        RuleFileError: a file cannot be read or breaks the schema, or two rules share an id.
    """
    directory = directory or default_rules_dir()
    if not directory.is_dir():
        raise RuleFileError(f"rules folder {directory} does not exist")
    files = sorted(p for p in directory.rglob("*.yaml") if p.is_file())
    if not files:
        raise RuleFileError(f"rules folder {directory} holds no .yaml rule files")
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in files:
        name = str(path.relative_to(directory))
        for rule in load_rule_file(path, name):
            if rule.id in seen:
                raise RuleFileError(
                    f"{name}: rule id '{rule.id}' is already used in {seen[rule.id]}"
                )
            seen[rule.id] = name
            rules.append(rule)
    return tuple(rules)


def load_rule_file(path: Path, name: str | None = None) -> tuple[Rule, ...]:
    """Load one rule file."""
    name = name or path.name
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(f"{name}: cannot be read: {exc}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise RuleFileError(f"{name}: not valid YAML{where}") from exc
    except RecursionError as exc:
        raise RuleFileError(f"{name}: nested too deeply to be a rule file") from exc
    return parse_rule_file(raw, name)


def parse_rule_file(raw: Any, name: str) -> tuple[Rule, ...]:
    """Validate a parsed rule file into rules, with errors naming file and location."""
    if not isinstance(raw, dict):
        raise RuleFileError(f"{name}: expected a mapping with 'schema' and 'rules'")
    try:
        spec = RuleFileSpec.model_validate(raw)
    except ValidationError as exc:
        raise RuleFileError(f"{name}: {_describe(exc)}") from None
    return tuple(
        Rule(
            id=r.id,
            description=r.description,
            entities=frozenset(e.value for e in r.entities),
            offences=tuple(o.casefold() for o in r.offences),
            documents=frozenset(r.documents),
            roles=frozenset(r.roles),
            action=r.action,
            severity=r.severity,
            reason=r.reason,
            source=name,
            examples=tuple(
                Example(e.text, e.entity.value, e.role, e.document, tuple(e.offences), e.expect)
                for e in r.examples
            ),
        )
        for r in spec.rules
    )


_SINGULAR = {
    "entities": "entity",
    "documents": "document kind",
    "document": "document kind",
    "roles": "role",
}

_VOCABULARIES: dict[str, tuple[str, ...]] = {
    "entities": tuple(e.value for e in Entity),
    "entity": tuple(e.value for e in Entity),
    "documents": tuple(d.value for d in DocumentKind),
    "document": tuple(d.value for d in DocumentKind),
    "roles": tuple(r.value for r in Role),
    "role": tuple(r.value for r in Role),
}


def _describe(exc: ValidationError) -> str:
    """The first error as ``rules[2].entities[0]: 'X' is not ... (did you mean Y?)``."""
    error = exc.errors()[0]
    path = ""
    for part in error["loc"]:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    value = error.get("input")
    field = next((str(p) for p in reversed(error["loc"]) if isinstance(p, str)), "")
    if field in _VOCABULARIES and isinstance(value, str):
        close = difflib.get_close_matches(value, _VOCABULARIES[field], n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        return f"{path}: '{value}' is not a known {_SINGULAR.get(field, field)}{hint}"
    if error["type"] == "extra_forbidden":
        return f"{path}: unknown field"
    return f"{path or '(top level)'}: {error['msg']}"
