"""Fuzz the PDF stages with mutated fixtures; print what ran and what it found.

    python benchmarks/fuzz.py --seconds 60            # as in CI
    python benchmarks/fuzz.py --count 10000 --seed 1  # by hand, longer

Crashes and hangs are saved in --crashes (default ./fuzz-crashes); copy each into
tests/fuzz/regressions/ (and fix it) so that it is checked from then on.
Exit status: 0 when nothing was found, 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.fuzz.harness import fuzz  # noqa: E402


def main() -> int:
    """Parse options, fuzz, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="stop after this long")
    parser.add_argument("--count", type=int, default=None, help="stop after this many inputs")
    parser.add_argument("--seed", type=int, default=0, help="random seed (runs are repeatable)")
    parser.add_argument("--crashes", type=Path, default=Path("fuzz-crashes"))
    parser.add_argument("--input-seconds", type=float, default=120.0, help="a hang after this")
    args = parser.parse_args()
    result = fuzz(
        seconds=args.seconds,
        count=args.count,
        seed=args.seed,
        crashes=args.crashes,
        input_seconds=args.input_seconds,
        progress=True,
    )
    print(f"\n{'outcome':<44} {'inputs':>8} {'share':>7}")
    for outcome, number in sorted(result.outcomes.items()):
        print(f"{outcome:<44} {number:>8} {number / max(1, result.inputs):>7.1%}")
    print(
        f"{'total':<16} {result.inputs:>8} in {result.seconds:.0f} s "
        f"({result.inputs / max(result.seconds, 1e-9):.1f} inputs/s)"
    )
    for path in result.crashes:
        print(f"CRASH saved: {path}")
    return 1 if result.crashes else 0


if __name__ == "__main__":
    sys.exit(main())
