"""Case files and rule files: any input gives a value or the tool's own error, and no
value from the file is ever quoted in the error unless it is a field name."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from idpc_guard.documents.case import load_case_file, parse_case
from idpc_guard.errors import CaseFileError, RuleFileError
from idpc_guard.model import Action, Case, DocumentKind, Entity, Role, Severity
from idpc_guard.policy.loader import Rule, default_rules_dir, load_rule_set

CANARY = "Zebedee Canarywood"
_CASE_KEYS = st.sampled_from(
    ["urn", "defendants", "offences", "complainants", "officers", "name", "dob", "role", CANARY]
)
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.just(CANARY),
    st.dates(),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(_CASE_KEYS, inner, max_size=4)
    ),
    max_leaves=20,
)
_TEXT = st.one_of(
    st.text(max_size=200),
    st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
    st.sampled_from(["urn: x\n", "defendants:\n  - name: A\n", ": :\n", "[", "- a", "&a [*a]"]),
)


@given(_VALUES)
def test_any_parsed_case_file_is_a_case_or_a_case_file_error(raw: object) -> None:
    try:
        case = parse_case(raw, "case.yaml")
    except CaseFileError as exc:
        assert CANARY not in str(exc)
    else:
        assert isinstance(case, Case)


@given(_TEXT)
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_case_file_text_is_a_case_or_a_case_file_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogateescape")
    with contextlib.suppress(CaseFileError):
        assert isinstance(load_case_file(path), Case)


_RULE_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "schema",
                    "rules",
                    "id",
                    "entities",
                    "action",
                    "severity",
                    "reason",
                    "description",
                    "examples",
                    "roles",
                    "x",
                ]
            ),
            inner,
            max_size=5,
        ),
    ),
    max_leaves=25,
)


TAXONOMY = default_rules_dir() / "taxonomy.yaml"


def _load_one(text: str) -> tuple[Rule, ...]:
    """Load one rule file (with the shipped offence taxonomy beside it)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copy(TAXONOMY, folder / "taxonomy.yaml")
        (folder / "r.yaml").write_text(text, encoding="utf-8", errors="surrogateescape")
        return load_rule_set(folder).rules


@given(_RULE_VALUES)
@settings(max_examples=60)
def test_any_parsed_rule_file_is_rules_or_a_rule_file_error(raw: object) -> None:
    try:
        rules = _load_one(yaml.safe_dump(raw))
    except RuleFileError as exc:
        assert "r.yaml:" in str(exc)
    else:
        assert isinstance(rules, tuple)


@given(_TEXT)
@settings(max_examples=60)
def test_any_rule_file_text_is_rules_or_a_rule_file_error(text: str) -> None:
    with contextlib.suppress(RuleFileError):
        assert isinstance(_load_one(text), tuple)


@st.composite
def valid_rules(draw: st.DrawFn) -> dict[str, object]:
    return {
        "id": draw(st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True)),
        "description": draw(st.text(alphabet="abc xyz", min_size=1, max_size=30).filter(str.strip)),
        "entities": draw(st.lists(st.sampled_from([e.value for e in Entity]), min_size=1)),
        "roles": draw(st.lists(st.sampled_from([r.value for r in Role]), max_size=3)),
        "documents": draw(st.lists(st.sampled_from([d.value for d in DocumentKind]), max_size=2)),
        "action": draw(st.sampled_from([a.value for a in Action])),
        "severity": draw(st.sampled_from([s.value for s in Severity])),
        "reason": draw(st.text(alphabet="abc xyz", min_size=1, max_size=30).filter(str.strip)),
    }


@given(st.lists(valid_rules(), min_size=1, max_size=5, unique_by=lambda r: r["id"]))
@settings(max_examples=40)
def test_valid_rule_files_load_every_rule(specs: list[dict[str, object]]) -> None:
    rules = _load_one(yaml.safe_dump({"schema": "idpc-guard/rules/v1", "rules": specs}))
    by_id = {r.id: r for r in rules}
    assert sorted(by_id) == sorted(str(s["id"]) for s in specs)
    for spec in specs:
        rule = by_id[str(spec["id"])]
        assert rule.action.value == spec["action"]
        assert rule.entities == frozenset(spec["entities"])  # type: ignore[arg-type]


@pytest.mark.parametrize("key", [CANARY, "Sarah PATEL", "07700 900731"])
def test_an_unknown_key_is_never_quoted(key: str) -> None:
    with pytest.raises(CaseFileError) as info:
        parse_case({"defendants": [{"name": "A B", key: 1}]})
    assert key not in str(info.value)
    assert "(unknown field)" in str(info.value)
