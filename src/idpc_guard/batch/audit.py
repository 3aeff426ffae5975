"""Aggregate figures over many scanned bundles, for archive audits. No personal data."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from typing import Any

from idpc_guard.batch.pool import BatchItem
from idpc_guard.entities import DEFAULT_LABEL, entity_label
from idpc_guard.errors import ExitStatus


def aggregate(items: Sequence[BatchItem]) -> dict[str, Any]:
    """Counts of bundles: scanned, failed, with breaches, by issue kind, entity and offence.

    A bundle "with breaches" is one whose verdict is not clear: something must be
    redacted, reviewed or removed before it is served. Each breakdown counts bundles,
    not findings, so one bundle with ten phone numbers counts once under PHONE_NUMBER.
    """
    done = [i for i in items if i.verdict is not None]
    breached = [i for i in done if i.verdict != "clear"]
    by_offence: Counter[str] = Counter()
    for item in breached:
        by_offence.update({o.casefold() for o in item.offences} or {"(unknown)"})
    return {
        "schema": "idpc-guard/audit/v1",
        "bundles": len(items),
        "scanned": len(done),
        "failed": sum(1 for i in items if i.status >= ExitStatus.USAGE),
        "with_breaches": len(breached),
        "share_with_breaches": round(len(breached) / len(done), 4) if done else 0.0,
        "by_verdict": dict(sorted(Counter(i.verdict for i in done if i.verdict).items())),
        "by_issue": _count(breached, "issue_kinds"),
        "by_entity": _count(breached, "entities"),
        "by_offence": dict(by_offence.most_common()),
    }


def _count(items: Sequence[BatchItem], attribute: str) -> dict[str, int]:
    counter: Counter[str] = Counter()
    for item in items:
        counter.update(set(getattr(item, attribute)))
    return dict(counter.most_common())


def chart_panels(audit: dict[str, Any]) -> list[tuple[str, dict[str, int]]]:
    """The chart's panels: a title and bars (label: bundles), in words a reader knows.

    Issue kinds and verdicts lose their underscores, entities are named as the
    redaction boxes name them ("NHS no.", "DOB"), and only the ten commonest offences
    are shown.
    """

    def words(data: dict[str, int]) -> dict[str, int]:
        return {key.replace("_", " "): value for key, value in data.items()}

    entities: dict[str, int] = {}
    for entity, count in audit["by_entity"].items():
        label = entity_label(entity) if entity_label(entity) != DEFAULT_LABEL else entity
        entities[label] = entities.get(label, 0) + count
    return [
        ("Bundles by verdict", words(audit["by_verdict"])),
        ("Bundles with each document issue", words(audit["by_issue"])),
        ("Bundles with each kind of personal data to redact", entities),
        ("Bundles with breaches by offence", dict(list(audit["by_offence"].items())[:10])),
    ]


def chart_png(audit: dict[str, Any]) -> bytes:
    """A one-page PNG chart of an audit: bundles with breaches by issue, entity and offence."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.ticker import MaxNLocator

    panels = chart_panels(audit)
    figure, axes = plt.subplots(2, 2, figsize=(11.7, 8.3))
    for axis, (title, data) in zip(axes.flat, panels, strict=True):
        labels = list(data) or ["(none)"]
        values = list(data.values()) or [0]
        axis.barh(labels[::-1], values[::-1], color="#2b6cb0")
        axis.set_title(title, fontsize=11)
        axis.tick_params(labelsize=8)
        axis.xaxis.set_major_locator(MaxNLocator(integer=True))  # bundles are counted whole
        for y, value in enumerate(values[::-1]):
            axis.text(value, y, f" {value}", va="center", fontsize=8)
    figure.suptitle(
        f"idpc-guard audit: {audit['with_breaches']} of {audit['scanned']} bundles need "
        f"redaction or review ({audit['share_with_breaches']:.0%}); {audit['failed']} failed",
        fontsize=13,
    )
    figure.tight_layout(rect=(0, 0, 1, 0.95))
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100)
    plt.close(figure)
    return buffer.getvalue()
