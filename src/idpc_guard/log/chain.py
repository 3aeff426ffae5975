"""The hash chain of the redaction log: each record carries its own hash and the one before.

A record's hash is the SHA-256 of a canonical serialisation of every column of its row
except ``hash`` itself, whatever the columns are (a column added in a later version is
covered without a change here): the JSON array of ``[name, value]`` pairs sorted by
name, values as text, UTF-8, no spaces. Columns with an empty value are left out, so a
column added to the log later (empty in the rows written before it) does not change the
hash of those rows. ``prev_hash`` and ``seq`` are columns like any other, so a record
cannot be moved or renumbered without changing its hash.

Rows written before the log was chained (no ``hash``) are hashed in the same way as
they are met, as if they had carried one: the first chained record's ``prev_hash`` is
that hash, which seals them from then on. What a chain cannot show by itself is the
removal of records at its end (what is left is a valid chain), or a whole log rewritten
with its hashes computed again: keep the head hash that ``log verify`` prints somewhere
else (the case file, an email) and give it back with ``--anchor``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring  # what json.dumps(ensure_ascii=False) uses

#: Columns the chain adds to every row.
CHAIN_COLUMNS = ("seq", "prev_hash", "hash")

#: The ``prev_hash`` of the first record of a log.
GENESIS = "0" * 64


def canonical(names: Sequence[str], values: Sequence[object]) -> bytes:
    """The bytes a record's hash is taken over (see the module's docstring).

    The same bytes as ``json.dumps(sorted(pairs), ensure_ascii=False,
    separators=(",", ":"))``, built from pieces, which is twice as fast.
    """
    return _Layout(names).canonical(values)


class _Layout:
    """The columns of a log in the order they are serialised, each name's JSON prefix ready."""

    def __init__(self, names: Sequence[str]) -> None:
        self.at_prev = list(names).index("prev_hash") if "prev_hash" in names else -1
        self.prefixes = [
            (i, f"[{encode_basestring(name)},")
            for name, i in sorted((name, i) for i, name in enumerate(names) if name != "hash")
        ]

    def canonical(self, values: Sequence[object], prev: str | None = None) -> bytes:
        """The serialisation of ``values``; with ``prev``, as if ``prev_hash`` held it."""
        if prev is not None:
            values = list(values)
            values[self.at_prev] = prev
        parts = [
            f"{prefix}{encode_basestring(v if v.__class__ is str else str(v))}]"
            for i, prefix in self.prefixes
            if (v := values[i]) is not None and v != ""
        ]
        return f"[{','.join(parts)}]".encode()


def record_hash(names: Sequence[str], values: Sequence[object]) -> str:
    """The SHA-256 (hex) of a record, from its columns' names and values."""
    return hashlib.sha256(canonical(names, values)).hexdigest()


@dataclass(frozen=True, slots=True)
class ChainCheck:
    """What :func:`check_chain` found. ``problem`` is empty when the chain is intact."""

    records: int
    #: Records written before the log was chained (at its start, sealed by the first
    #: chained record after them, if there is one).
    unchained: int
    #: The hash of the last record (``GENESIS`` for an empty log); the anchor to keep.
    head: str
    #: The first bad record (1-based) and what is wrong with it, in words.
    bad_record: int = 0
    problem: str = ""
    #: Whether a given anchor was found among the records' hashes.
    anchor_found: bool = False
    #: Records per event kind (scan, apply, rescan, sample-check...).
    events: tuple[tuple[str, int], ...] = ()


def check_chain(
    names: Sequence[str], rows: Iterable[Sequence[object]], anchor: str | None = None
) -> ChainCheck:
    """Walk the records in their order and stop at the first that breaks the chain.

    Args:
        names: the column names, in the order of each row's values.
        rows: the records in the order they were appended (SQLite rowid, CSV lines).
        anchor: a head hash printed earlier; :attr:`ChainCheck.anchor_found` says
            whether a record with that hash is still in the log.
    """
    where = {name: i for i, name in enumerate(names)}
    at_hash, at_prev, at_seq = where["hash"], where["prev_hash"], where["seq"]
    at_event = where.get("event")
    serialise = _Layout(names).canonical
    sha256 = hashlib.sha256
    prev = GENESIS
    number = unchained = 0
    found = False
    events: dict[str, int] = {}

    def result(problem: str = "") -> ChainCheck:
        return ChainCheck(
            records=number if not problem else number - 1,
            unchained=unchained,
            head=prev,
            bad_record=number if problem else 0,
            problem=problem,
            anchor_found=found,
            events=tuple(sorted(events.items())),
        )

    width = len(names)
    for row in rows:
        number += 1
        if len(row) != width:
            return result(f"it has {len(row)} fields, not {width} (a line of it was edited)")
        stored = row[at_hash]
        if stored:
            digest = sha256(serialise(row)).hexdigest()
        else:
            if number > unchained + 1:
                return result("it has no hash, after records that have one (added by hand?)")
            unchained += 1
            digest = sha256(serialise(row, prev)).hexdigest()
        if stored:
            if digest != stored:
                return result("it was edited: its hash does not match what it holds")
            if str(row[at_seq]) != str(number):
                return result(
                    f"it is record {row[at_seq]} of the chain: records before it were "
                    "deleted or moved"
                )
            if row[at_prev] != prev:
                return result(
                    f"it does not follow record {number - 1}: that record was edited, or "
                    "records were deleted, moved or inserted between them"
                )
        prev = digest
        found = found or digest == anchor
        if at_event is not None:
            kind = str(row[at_event] or "scan")
            events[kind] = events.get(kind, 0) + 1
    return result()
