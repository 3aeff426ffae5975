"""What ``rules check`` proves about a rule set: no conflicts, every example holds.

Each worked example is scanned as a page (:mod:`idpc_guard.policy.proof`): the check
proves that its item is detected, that the words and case facts give it the role the
example states, and that the rules then take the action it expects. An example marked
``proof: rule-only`` checks the rule lookup for its stated role alone. Problems are
``file:line: message`` strings.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from idpc_guard.model import Role
from idpc_guard.policy.decide import Subject, precedence, rule_for
from idpc_guard.policy.loader import Example, Rule, RuleSet
from idpc_guard.policy.proof import ExampleScanner
from idpc_guard.policy.schema import Proof
from idpc_guard.recognizers.engine import DetectionEngine


@dataclass(frozen=True, slots=True)
class RuleCheck:
    """What ``rules check`` found: the problems, and how the examples were proven."""

    problems: tuple[str, ...]
    rules: int
    examples: int
    #: Examples scanned as a page through detection, the case model and decide.
    scanned: int
    #: Examples checked by the rule lookup alone (``proof: rule-only``).
    rule_only: int

    def summary(self) -> str:
        """``34 rule(s), 76 worked example(s): 74 proven through the case model, 2 rule-only``."""
        return (
            f"{self.rules} rule(s), {self.examples} worked example(s): {self.scanned} proven "
            f"through the case model, {self.rule_only} rule-only"
        )


def check_rule_set(rule_set: RuleSet, engine: DetectionEngine | None = None) -> list[str]:
    """Every conflict and every failing worked example, as ``file:line: message``.

    ``engine`` scans the examples (without one, one is built, loading the language model,
    when an example needs it).
    """
    return list(check_rules(rule_set, engine).problems)


def check_rules(rule_set: RuleSet, engine: DetectionEngine | None = None) -> RuleCheck:
    """Check ``rule_set``: conflicts, then every worked example (see the module docstring)."""
    examples = [e for r in rule_set.rules for e in r.examples]
    rule_only = sum(e.proof is Proof.RULE_ONLY for e in examples)
    scanner = ExampleScanner(rule_set, engine)
    return RuleCheck(
        problems=(*find_conflicts(rule_set.rules), *run_examples(rule_set, scanner)),
        rules=len(rule_set.rules),
        examples=len(examples),
        scanned=len(examples) - rule_only,
        rule_only=rule_only,
    )


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


def run_examples(rule_set: RuleSet, scanner: ExampleScanner) -> Iterator[str]:
    """Prove every worked example against the whole rule set (``scanner`` scans them)."""
    for rule in rule_set.rules:
        for number, example in enumerate(rule.examples):
            where = f"{rule.source}:{example.line}: rule '{rule.id}' example {number}"
            unknown = [
                o
                for o in (*example.offences, *(example.case.offences if example.case else ()))
                if not rule_set.taxonomy.match([o])
            ]
            if unknown:
                yield f"{where}: offence {unknown[0]!r} matches nothing in the taxonomy"
                continue
            if example.proof is Proof.RULE_ONLY:
                problem = _rule_only(rule_set, example)
            else:
                problem = _scanned(scanner, example)
            if problem:
                yield f"{where}: {problem}"


def _rule_only(rule_set: RuleSet, example: Example) -> str:
    """The example's problem by the rule lookup for its stated role ("" when it holds)."""
    offences = rule_set.taxonomy.match(example.offences)
    subject = Subject(example.entity, example.role or Role.UNKNOWN, example.document, offences)
    ruling = rule_for(rule_set.rules, subject)
    if ruling.action is not example.expect:
        got = f"got {ruling.action.value} from rule '{ruling.rule}'"
        return f"expected {example.expect.value}, {got}"
    return ""


def _scanned(scanner: ExampleScanner, example: Example) -> str:
    """The example's problem when its page is scanned ("" when it holds)."""
    finding = scanner.finding(example)
    where = f"in {example.value!r}" if example.value is not None else "in the text"
    if finding is None:
        return (
            f"no {example.entity} is detected {where}: write the item as a bundle "
            f"writes it (the {example.document.value} the example is in is scanned as a page)"
        )
    role = finding.role or Role.UNKNOWN
    decided = f"got {finding.action.value} from rule '{finding.rule}'"
    if example.role is not None and role is not example.role:
        return (
            f"role: a scan makes this {example.entity} {role.value}, not "
            f"{example.role.value} ({decided}); add the words (before:, after:) or the "
            f"case facts (case:) that make it {example.role.value}, or mark the example "
            "`proof: rule-only` with a `why:`"
        )
    if finding.action is not example.expect:
        return f"expected {example.expect.value}, {decided}"
    return ""
