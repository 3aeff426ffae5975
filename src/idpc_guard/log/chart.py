"""A one-page chart of a redaction log, for a team's wall (PNG, drawn with matplotlib)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display; must precede pyplot

import matplotlib.pyplot as plt
from matplotlib.axes import Axes

from idpc_guard._atomic import write_atomic
from idpc_guard.log.summary import Breakdown, LogSummary

_RED, _AMBER, _GREY = "#c62828", "#ef8f00", "#607d8b"
_TOP = 10  # bars per ranking: a wall chart, not a table


def write_chart(summary: LogSummary, path: Path, *, title: str = "Redaction log") -> None:
    """Draw ``summary`` as a one-page A4-landscape PNG at ``path`` (atomic, owner-only)."""
    fig = plt.figure(figsize=(11.69, 8.27), dpi=110, layout="constrained")
    try:
        grid = fig.add_gridspec(2, 3)
        fig.suptitle(
            f"{title}: {summary.scans:,} scans, {summary.first[:10]} to {summary.last[:10]}",
            fontsize=15,
            fontweight="bold",
        )
        _months(fig.add_subplot(grid[0, :]), summary.by_month)
        _ranking(fig.add_subplot(grid[1, 0]), "By offence family", summary.by_offence_family)
        _ranking(fig.add_subplot(grid[1, 1]), "By document kind", summary.by_document_kind)
        _ranking(fig.add_subplot(grid[1, 2]), "By kind of personal data", summary.by_entity)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
    finally:
        plt.close(fig)
    write_atomic(path, buffer.getvalue())


def _months(ax: Axes, months: Sequence[Breakdown]) -> None:
    labels = [m.key for m in months]
    x = range(len(labels))
    redact = [m.redact for m in months]
    review = [m.review for m in months]
    ax.bar(x, redact, color=_RED, label="redacted")
    ax.bar(x, review, bottom=redact, color=_AMBER, label="sent for review")
    ax.set_xticks(list(x), labels, rotation=45 if len(labels) > 12 else 0, ha="right")
    ax.set_title("Items redacted and sent for review, by month", loc="left")
    ax.set_ylabel("items")
    scans = ax.twinx()
    scans.plot(list(x), [m.scans for m in months], color="black", marker="o", label="scans")
    scans.set_ylabel("scans")
    # Bars in the lower three quarters, the scans line above them: they never cross.
    ax.set_ylim(0, 1.35 * max([r + v for r, v in zip(redact, review, strict=True)] + [1]))
    scans.set_ylim(0, 1.12 * max([m.scans for m in months] + [1]))
    handles = ax.get_legend_handles_labels()
    more = scans.get_legend_handles_labels()
    ax.legend(
        handles[0] + more[0],
        handles[1] + more[1],
        loc="lower right",
        bbox_to_anchor=(1.0, 1.0),
        ncols=3,
        frameon=False,
    )
    ax.spines[["top"]].set_visible(False)


def _ranking(ax: Axes, title: str, rows: Sequence[Breakdown]) -> None:
    top = sorted(rows, key=lambda r: r.redact + r.review, reverse=True)[:_TOP][::-1]
    y = range(len(top))
    redact = [r.redact for r in top]
    ax.barh(y, redact, color=_RED)
    ax.barh(y, [r.review for r in top], left=redact, color=_AMBER)
    ax.set_yticks(list(y), [r.key.replace("_", " ") for r in top])
    ax.set_title(title, loc="left")
    ax.set_xlabel("items (red: redacted, amber: review)", color=_GREY)
    ax.spines[["top", "right"]].set_visible(False)
