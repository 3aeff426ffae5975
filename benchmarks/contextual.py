"""Contextual identifiers (jobs and workplaces, relations): recall on a corpus, false alarms on
judgments.

    PYTHONPATH=src:. .venv/bin/python benchmarks/contextual.py [JUDGMENTS] [--scan]
        [--seeds 0 1 2] [--show-values]

1. Recall per entity (``OCCUPATION``, ``RELATIONSHIP``) on the corpus made by code
   (:mod:`tests.recognizers.contextual_corpus`: 125 sentences per entity and seed, in
   five styles), by the recognisers alone and through the detection engine.
2. With a folder of judgments (``judgments.py``'s corpus; see README.md): the values
   the recognisers find per 1,000 words (and places said in words, ``LOCATION``).
   Nothing in a judgment is a lay witness's statement, so each is counted as a false
   alarm (some are real jobs and relations of the people in the case:
   ``--show-values`` lets a person look). With ``--scan`` each judgment is also
   scanned as a bundle and the findings of these entities left for review (not kept
   by a rule) are counted.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

from tests.recognizers.contextual_corpus import corpus, recall

from benchmarks.judgments import read_text, render_pdf
from idpc_guard.model import Action
from idpc_guard.recognizers.normalise import normalise
from idpc_guard.recognizers.places import HomeLocationRecognizer, SchoolRecognizer
from idpc_guard.recognizers.relations import RelationshipRecognizer
from idpc_guard.recognizers.work import OccupationRecognizer
from idpc_guard.scanner import ScanOptions

ENTITIES = ("OCCUPATION", "RELATIONSHIP")
#: Counted on judgments: the new entities, and places said in words (schools, homes).
ALARMS = (*ENTITIES, "LOCATION")


def main(argv: list[str] | None = None) -> int:
    """Print recall per entity, then false alarms per 1,000 words of judgments."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("judgments", type=Path, nargs="?")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--scan", action="store_true", help="also scan each judgment")
    parser.add_argument("--show-values", action="store_true")
    args = parser.parse_args(argv)

    from idpc_guard import Scanner

    scanner = Scanner()
    recognisers = {"OCCUPATION": OccupationRecognizer(), "RELATIONSHIP": RelationshipRecognizer()}
    print("| seed | sentences | entity | recall (recogniser) | recall (engine) |")
    print("|---|---|---|---|---|")
    for seed in args.seeds:
        samples = corpus(seed=seed)
        alone = {
            e: [[(f.start, f.end) for f in r.find(s.text)] for s in samples]
            for e, r in recognisers.items()
        }
        hits = scanner.engine.analyze_texts([s.text for s in samples])
        engine = {e: [[(h[1], h[2]) for h in f if h[0] == e] for f in hits] for e in ENTITIES}
        by_alone, by_engine = recall(samples, alone), recall(samples, engine)
        for entity in ENTITIES:
            n = sum(s.entity == entity and s.span is not None for s in samples)
            print(f"| {seed} | {n} | {entity} | {by_alone[entity]:.3f} | {by_engine[entity]:.3f} |")

    if args.judgments is None:
        return 0
    paths = sorted(p for p in args.judgments.iterdir() if p.suffix.lower() in {".xml", ".txt"})
    if not paths:
        print(f"no judgments in {args.judgments}", file=sys.stderr)
        return 2
    finders = {
        **{e: [r] for e, r in recognisers.items()},
        "LOCATION": [SchoolRecognizer(), HomeLocationRecognizer()],
    }
    words = 0
    found: Counter[str] = Counter()
    reviewed: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for path in paths:
            text = read_text(path)
            words += len(text.split())
            clean = normalise(text).text
            for entity, recogniser in ((e, r) for e, rs in finders.items() for r in rs):
                for hit in recogniser.find(clean):
                    found[entity] += 1
                    if args.show_values:
                        around = clean[max(0, hit.start - 40) : hit.end + 20].replace("\n", " ")
                        print(f"{path.stem} {entity}: ...{around}...")
            if args.scan:
                pdf = Path(tmp) / f"{path.stem}.pdf"
                pdf.write_bytes(render_pdf(text))
                report = scanner.scan(pdf, ScanOptions(redact=False)).report
                for f in report.decisions.findings:
                    if f.detection.entity in ALARMS and f.action is not Action.KEEP:
                        reviewed[f.detection.entity] += 1
    print(f"\n{len(paths)} judgments, {words:,} words")
    print("| entity | found by the recogniser | per 1,000 words |", end="")
    print(" for review in a scan | per 1,000 words |" if args.scan else "")
    print("|---|---|---|" + ("---|---|" if args.scan else ""))
    for entity in (*ALARMS, "all"):
        n = sum(found.values()) if entity == "all" else found[entity]
        row = f"| {entity} | {n} | {1000 * n / max(words, 1):.3f} |"
        if args.scan:
            m = sum(reviewed.values()) if entity == "all" else reviewed[entity]
            row += f" {m} | {1000 * m / max(words, 1):.3f} |"
        print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
