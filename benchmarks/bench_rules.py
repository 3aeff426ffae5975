"""Cost of the offence-aware rules, as ratios to a baseline measured in the same run.

* matching free-text offences to the taxonomy, against the substring test it replaced
  (``term in offence.casefold()`` over every rule's offence words);
* deciding one item with every shipped rule (defaults + exceptions), against deciding
  it with the national defaults alone;
* loading and validating the whole rules folder, against loading the defaults and
  the taxonomy alone (what a folder without exception files costs).

    .venv/bin/python benchmarks/bench_rules.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from idpc_guard.model import DocumentKind, Role
from idpc_guard.policy.decide import Subject, rule_for
from idpc_guard.policy.loader import default_rules_dir, load_rule_set

OFFENCES = [
    "Burglary dwelling - theft s.9(1)(b) Theft Act 1968",
    "sexual assault of a female child under 13",
    "Assault occasioning actual bodily harm contrary to section 47 of the Offences Against "
    "the Person Act 1861",
    "theft from a shop",
    "Harassment contrary to s.2 Protection from Harassment Act 1997",
    "drive whilst disqualified",
    "TH68036",
    "possession with intent to supply class A",
]


def _best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    full = load_rule_set()
    taxonomy = full.taxonomy
    words = sorted({w for t in taxonomy.terms.values() for s in t.synonyms for w in [" ".join(s)]})
    with tempfile.TemporaryDirectory() as tmp:
        defaults_dir = Path(tmp) / "rules"
        defaults_dir.mkdir()
        for name in ("defaults.yaml", "taxonomy.yaml"):
            (defaults_dir / name).write_text((default_rules_dir() / name).read_text())
        defaults = load_rule_set(defaults_dir)
        subjects = [
            Subject(entity, role, document, taxonomy.match([offence]))
            for offence in OFFENCES
            for entity in ("UK_ADDRESS", "PHONE_NUMBER", "DATE_OF_BIRTH", "PERSON")
            for role in (Role.SCENE, Role.VICTIM, Role.UNKNOWN)
            for document in (DocumentKind.CASE_SUMMARY, DocumentKind.WITNESS_STATEMENT)
        ]
        rows = [
            (
                f"match {len(OFFENCES)} offence texts",
                _best(
                    lambda: [any(w in o.casefold() for w in words) for o in OFFENCES], args.repeat
                ),
                _best(lambda: [taxonomy.match([o]) for o in OFFENCES], args.repeat),
            ),
            (
                f"decide {len(subjects)} items ({len(full.rules)} vs {len(defaults.rules)} rules)",
                _best(lambda: [rule_for(defaults.rules, s) for s in subjects], args.repeat),
                _best(lambda: [rule_for(full.rules, s) for s in subjects], args.repeat),
            ),
            (
                f"load the rules folder ({len(full.rules)} vs {len(defaults.rules)} rules)",
                _best(lambda: load_rule_set(defaults_dir), args.repeat),
                _best(load_rule_set, args.repeat),
            ),
        ]
    print(f"{'case':<48} {'baseline s':>11} {'measured s':>11} {'ratio':>7}")
    for name, base, measured in rows:
        print(f"{name:<48} {base:>11.5f} {measured:>11.5f} {measured / base:>7.1f}")


if __name__ == "__main__":
    main()
