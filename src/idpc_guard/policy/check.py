"""What ``rules check`` proves about a rule set: no conflicts, every example holds.

Pure: takes a loaded :class:`RuleSet`, returns ``file:line: message`` strings.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from idpc_guard.policy.decide import Subject, precedence, rule_for
from idpc_guard.policy.loader import Rule, RuleSet


def check_rule_set(rule_set: RuleSet) -> list[str]:
    """Every conflict and every failing worked example, as ``file:line: message``."""
    return [*find_conflicts(rule_set.rules), *run_examples(rule_set)]


def _overlap(a: frozenset[object], b: frozenset[object]) -> bool:
    return (not a and not b) or bool(a & b)


def conflict(a: Rule, b: Rule) -> bool:
    """Whether two rules can match the same item with equal precedence and disagree."""
    return (
        a.action is not b.action
        and precedence(a) == precedence(b)
        and bool(a.entities & b.entities)
        and _overlap(frozenset(a.documents), frozenset(b.documents))
        and _overlap(frozenset(a.roles), frozenset(b.roles))
        and _overlap(frozenset(a.offences), frozenset(b.offences))
    )


def find_conflicts(rules: tuple[Rule, ...]) -> Iterator[str]:
    """Pairs of rules with the same scope and precedence but different actions."""
    for a, b in itertools.combinations(sorted(rules, key=lambda r: (r.source, r.line)), 2):
        if conflict(a, b):
            shared = ", ".join(sorted(a.entities & b.entities))
            yield (
                f"{b.where}: rule '{b.id}' ({b.action.value}) conflicts with rule '{a.id}' "
                f"({a.action.value}) at {a.where}: same scope and precedence for {shared}; "
                "narrow one of them (offences, documents or roles) or make them agree"
            )


def run_examples(rule_set: RuleSet) -> Iterator[str]:
    """Run every worked example through the whole rule set."""
    for rule in rule_set.rules:
        for number, example in enumerate(rule.examples):
            offences = rule_set.taxonomy.match(example.offences)
            where = f"{rule.source}:{example.line}: rule '{rule.id}' example {number}"
            unknown = [o for o in example.offences if not rule_set.taxonomy.match([o])]
            if unknown:
                yield f"{where}: offence {unknown[0]!r} matches nothing in the taxonomy"
                continue
            subject = Subject(example.entity, example.role, example.document, offences)
            ruling = rule_for(rule_set.rules, subject)
            if ruling.action is not example.expect:
                yield (
                    f"{where}: expected {example.expect.value}, got {ruling.action.value} "
                    f"from rule '{ruling.rule}'"
                )
