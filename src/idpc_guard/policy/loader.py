"""Load rule and taxonomy files into frozen values, with ``file:line`` errors.

A rules folder holds YAML files of three schemas: rule files
(``idpc-guard/rules/v1``), the offence taxonomy (``idpc-guard/taxonomy/v1``) and at
most one redaction file (``idpc-guard/redaction/v1``: the CPS types and the width of
the copy's boxes, see :mod:`idpc_guard.policy.cps`).
:func:`load_rule_set` loads the built-in folder (or another) and, optionally, a
folder of local rules that override rules of the same id.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from idpc_guard.documents.case import case_of
from idpc_guard.errors import RuleFileError
from idpc_guard.model import Action, Case, DocumentKind, Role, Severity
from idpc_guard.policy.builtin import BUILTIN_IDS
from idpc_guard.policy.cps import NO_CPS_TYPES, REDACTION_SCHEMA, CpsTypes, RedactionFileSpec
from idpc_guard.policy.messages import describe_error, hint
from idpc_guard.policy.schema import Proof, RuleFileSpec
from idpc_guard.policy.taxonomy import (
    CJS_CODE,
    Statute,
    Taxonomy,
    TaxonomyFileSpec,
    TermKind,
    build_taxonomy,
)
from idpc_guard.policy.yamlsource import LineMap, Location, YamlSyntaxError, parse_yaml

RULES_SCHEMA = "idpc-guard/rules/v1"
TAXONOMY_SCHEMA = "idpc-guard/taxonomy/v1"
#: The shipped redaction file, used by a rules folder that has none of its own.
REDACTION_FILE = "redaction.yaml"


@dataclass(frozen=True, slots=True)
class Example:
    """A worked example that ``rules check`` proves (see :class:`ExampleSpec`).

    ``role`` is None when the example states none; ``case`` is its case file, if any.
    """

    text: str
    entity: str
    role: Role | None
    document: DocumentKind
    offences: tuple[str, ...]
    expect: Action
    line: int = 0
    value: str | None = None
    case: Case | None = None
    before: str = ""
    after: str = ""
    proof: Proof = Proof.SCAN
    why: str | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule in force. Empty scope sets mean "any".

    ``offences`` holds taxonomy names; ``offence_level`` is 2 when the rule names
    offences only (by name, statute or code), 1 when it names a family or a flag,
    0 when it names none. See :func:`idpc_guard.policy.decide.precedence`.
    """

    id: str
    description: str
    entities: frozenset[str]
    offences: frozenset[str]
    documents: frozenset[DocumentKind]
    roles: frozenset[Role]
    action: Action
    severity: Severity
    reason: str
    source: str
    examples: tuple[Example, ...] = ()
    offence_level: int = 0
    line: int = 0

    @property
    def where(self) -> str:
        """``file:line`` of the rule."""
        return f"{self.source}:{self.line}"


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The rules in force and the taxonomy they are written against."""

    rules: tuple[Rule, ...]
    taxonomy: Taxonomy
    #: The CPS types and reasons, and the width of the copy's boxes.
    cps: CpsTypes = NO_CPS_TYPES


def default_rules_dir() -> Path:
    """The rules shipped with the package (or, in a source checkout, the repo's ``rules/``)."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "_rules"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "rules"


def load_rules(directory: Path | None = None) -> tuple[Rule, ...]:
    """The rules of ``directory`` (default: built-in); see :func:`load_rule_set`."""
    return load_rule_set(directory).rules


def load_rule_set(directory: Path | None = None, local: Path | None = None) -> RuleSet:
    """Load a rules folder, and optionally a folder of local rules that override by id.

    When ``directory`` holds no taxonomy file the built-in taxonomy is used.

    Raises:
        RuleFileError: any file cannot be read or breaks its schema; ``problems``
            lists every error found as ``file:line: message``.
    """
    problems: list[str] = []
    base = directory or default_rules_dir()
    files = _files(base, problems)
    local_files = _files(local, problems) if local is not None else []
    docs = [_read(path, name, problems) for path, name in (*files, *local_files)]
    taxonomy_docs = [d for d in docs if d is not None and d[2] == TAXONOMY_SCHEMA]
    if not taxonomy_docs and base != default_rules_dir():
        taxonomy_docs = [
            d
            for d in (_read(p, n, problems) for p, n in _files(default_rules_dir(), problems))
            if d is not None and d[2] == TAXONOMY_SCHEMA
        ]
    taxonomy = _taxonomy(taxonomy_docs, problems)
    base_docs = docs[: len(files)]
    if base != default_rules_dir() and not any(
        d is not None and d[2] == REDACTION_SCHEMA for d in base_docs
    ):
        shipped = default_rules_dir() / REDACTION_FILE
        base_docs = [_read(shipped, f"rules/{REDACTION_FILE}", problems)]
    cps = _redaction(base_docs, docs[len(files) :], problems)
    rules: dict[str, Rule] = {}
    local_names = {name for _, name in local_files}
    for doc in docs:
        if doc is None or doc[2] != RULES_SCHEMA:
            continue
        name, raw, _, lines = doc
        for rule in _rules(raw, name, lines, taxonomy, problems):
            if rule.id in BUILTIN_IDS:
                problems.append(
                    f"{rule.where}: rule id '{rule.id}' is a built-in rule's (the tool applies "
                    "it itself; see `idpc-guard rules list`): choose another id"
                )
                continue
            earlier = rules.get(rule.id)
            if earlier is not None and (name not in local_names or earlier.source in local_names):
                problems.append(
                    f"{rule.where}: rule id '{rule.id}' is already used at {rules[rule.id].where}"
                )
            rules[rule.id] = rule  # a local rule replaces the built-in one
    if not rules and not problems:
        problems.append(f"{base}: holds no rule files (schema: {RULES_SCHEMA})")
    if problems:
        raise RuleFileError(problems[0], problems)
    return RuleSet(tuple(rules.values()), taxonomy, cps)


def _files(directory: Path, problems: list[str]) -> list[tuple[Path, str]]:
    if not directory.is_dir():
        problems.append(f"rules folder {directory} does not exist")
        return []
    files = sorted(p for p in directory.rglob("*.yaml") if p.is_file())
    if not files:
        problems.append(f"rules folder {directory} holds no .yaml rule files")
    return [(p, str(p.relative_to(directory.parent))) for p in files]


_Doc = tuple[str, Any, str, LineMap]


def _read(path: Path, name: str, problems: list[str]) -> _Doc | None:
    try:
        raw, lines = parse_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{name}:1: cannot be read: {exc}")
        return None
    except YamlSyntaxError as exc:
        problems.append(f"{name}:{exc.line or 1}: not valid YAML")
        return None
    except RecursionError:
        problems.append(f"{name}:1: nested too deeply to be a rule file")
        return None
    schema = raw.get("schema") if isinstance(raw, dict) else None
    if schema not in (RULES_SCHEMA, TAXONOMY_SCHEMA, REDACTION_SCHEMA):
        problems.append(
            f"{name}:{lines.line(('schema',))}: schema must be {RULES_SCHEMA}, "
            f"{TAXONOMY_SCHEMA} or {REDACTION_SCHEMA}, not {schema!r}"
        )
        return None
    return name, raw, str(schema), lines


_M = TypeVar("_M", bound=BaseModel)


def _validate(
    model: type[_M], raw: Any, name: str, lines: LineMap, problems: list[str]
) -> _M | None:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        for error in exc.errors():
            problems.append(f"{name}:{lines.line(error['loc'])}: {describe_error(error)}")
        return None


def _taxonomy(docs: Sequence[_Doc], problems: list[str]) -> Taxonomy:
    merged: dict[str, Any] = {"schema": TAXONOMY_SCHEMA, "flags": [], "families": []}
    seen: dict[str, str] = {}
    for name, raw, _, lines in docs:
        spec = _validate(TaxonomyFileSpec, raw, name, lines, problems)
        if spec is None:
            continue
        flags = {f.name for f in spec.flags} | {
            f["name"] for f in merged["flags"] if isinstance(f, dict)
        }
        entries: list[tuple[Location, str]] = [
            (("flags", i), f.name) for i, f in enumerate(spec.flags)
        ]
        for i, family in enumerate(spec.families):
            entries.append((("families", i), family.name))
            for j, offence in enumerate(family.offences):
                where: Location = ("families", i, "offences", j)
                entries.append((where, offence.name))
                for k, flag in enumerate(offence.flags):
                    if flag not in flags:
                        problems.append(
                            f"{name}:{lines.line((*where, 'flags', k))}: '{flag}' is not a "
                            f"flag{hint(flag, sorted(flags))}"
                        )
                for k, code in enumerate(offence.cjs_codes):
                    if not CJS_CODE.fullmatch(code):
                        problems.append(
                            f"{name}:{lines.line((*where, 'cjs_codes', k))}: '{code}' is not "
                            "a CJS offence code (two letters and five digits, e.g. TH68036)"
                        )
            for where_key, statutes in [(("families", i), family.statutes)] + [
                (("families", i, "offences", j), o.statutes) for j, o in enumerate(family.offences)
            ]:
                for k, statute in enumerate(statutes):
                    if Statute.parse(statute) is None:
                        problems.append(
                            f"{name}:{lines.line((*where_key, 'statutes', k))}: '{statute}' is "
                            "not a statute section (write it as 'Theft Act 1968 s.9')"
                        )
        for where, term in entries:
            if term in seen:
                problems.append(
                    f"{name}:{lines.line(where)}: name '{term}' is already used in {seen[term]}"
                )
            seen[term] = name
        merged["flags"] += [f.model_dump() for f in spec.flags]
        merged["families"] += [f.model_dump() for f in spec.families]
    if not merged["families"]:
        problems.append("no offence taxonomy file found (schema: idpc-guard/taxonomy/v1)")
        return Taxonomy({})
    return build_taxonomy(TaxonomyFileSpec.model_validate(merged))


def _redaction(
    base: Sequence[_Doc | None], local: Sequence[_Doc | None], problems: list[str]
) -> CpsTypes:
    """The redaction file's mapping: a local folder's replaces the rules folder's."""
    chosen: _Doc | None = None
    for folder in (base, local):
        found = [d for d in folder if d is not None and d[2] == REDACTION_SCHEMA]
        for extra in found[1:]:
            problems.append(
                f"{extra[0]}:1: a second redaction file ({REDACTION_SCHEMA}) in the folder; "
                f"{found[0][0]} is one already: keep one"
            )
        chosen = found[0] if found else chosen
    if chosen is None:
        return NO_CPS_TYPES
    name, raw, _, lines = chosen
    spec = _validate(RedactionFileSpec, raw, name, lines, problems)
    return CpsTypes.from_spec(spec) if spec is not None else NO_CPS_TYPES


def _rules(
    raw: Any, name: str, lines: LineMap, taxonomy: Taxonomy, problems: list[str]
) -> list[Rule]:
    spec = _validate(RuleFileSpec, raw, name, lines, problems)
    if spec is None:
        return []
    rules: list[Rule] = []
    for i, r in enumerate(spec.rules):
        names: set[str] = set()
        level = 2 if r.offences else 0
        for j, entry in enumerate(r.offences):
            resolved = taxonomy.resolve(entry)
            if not resolved and taxonomy.terms:
                problems.append(
                    f"{name}:{lines.line(('rules', i, 'offences', j))}: rules[{i}].offences[{j}]: "
                    f"'{entry}' names no "
                    f"offence, family, flag, statute or CJS code in the taxonomy"
                    f"{hint(entry, taxonomy.names())}"
                )
            names |= resolved
            if any(taxonomy.terms[n].kind is not TermKind.OFFENCE for n in resolved):
                level = 1
        rules.append(
            Rule(
                id=r.id,
                description=r.description,
                entities=frozenset(e.value for e in r.entities),
                offences=frozenset(names),
                documents=frozenset(r.documents),
                roles=frozenset(r.roles),
                action=r.action,
                severity=r.severity,
                reason=r.reason,
                source=name,
                examples=tuple(
                    Example(
                        e.text,
                        e.entity.value,
                        e.role,
                        e.document,
                        tuple(e.offences),
                        e.expect,
                        lines.line(("rules", i, "examples", k)),
                        value=e.value,
                        case=case_of(e.case) if e.case is not None else None,
                        before=e.before,
                        after=e.after,
                        proof=e.proof,
                        why=e.why,
                    )
                    for k, e in enumerate(r.examples)
                ),
                offence_level=level,
                line=lines.line(("rules", i)),
            )
        )
    return rules


def rules_fingerprint(rules: Sequence[Rule]) -> str:
    """A short hash of the rules in force: a report made under other rules is out of date."""
    canonical = "\n".join(
        repr(
            (
                r.id,
                sorted(r.entities),
                sorted(r.offences),
                r.offence_level,
                sorted(d.value for d in r.documents),
                sorted(x.value for x in r.roles),
                r.action.value,
                r.severity.value,
                r.reason,
            )
        )
        for r in sorted(rules, key=lambda rule: rule.id)
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
