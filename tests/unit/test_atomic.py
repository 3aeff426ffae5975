"""Outputs appear together or not at all; earlier outputs are never half-overwritten."""

from __future__ import annotations

import os
import signal
import stat
from pathlib import Path
from typing import Any

import pytest

from idpc_guard._atomic import write_atomic, write_atomic_group
from idpc_guard.errors import OutputError


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _interrupt_on_rename(monkeypatch: pytest.MonkeyPatch, call: int, exc: BaseException) -> None:
    """Make the ``call``-th rename (1-based) raise ``exc``."""
    real = Path.replace
    calls = {"n": 0}

    def replace(self: Path, target: Any) -> Path:
        calls["n"] += 1
        if calls["n"] == call:
            raise exc
        return real(self, target)

    monkeypatch.setattr(Path, "replace", replace)


def test_files_are_written_owner_only(tmp_path: Path) -> None:
    write_atomic_group([(tmp_path / "a.pdf", b"A"), (tmp_path / "a.json", b"J")])
    assert _files(tmp_path) == {"a.json": b"J", "a.pdf": b"A"}
    for path in tmp_path.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize("existing", [False, True], ids=["fresh", "over-earlier-run"])
def test_interrupt_between_copy_and_report_leaves_the_folder_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: bool
) -> None:
    if existing:
        write_atomic_group([(tmp_path / "b.redacted.pdf", b"old"), (tmp_path / "b.json", b"o")])
    before = _files(tmp_path)
    # The copy is renamed into place, then Ctrl-C comes before the report's rename.
    _interrupt_on_rename(monkeypatch, 2, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        write_atomic_group([(tmp_path / "b.redacted.pdf", b"new"), (tmp_path / "b.json", b"n")])
    assert _files(tmp_path) == before


def test_failure_while_writing_a_temporary_file_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_atomic(tmp_path / "c.json", b"old")
    real = os.fsync
    calls = {"n": 0}

    def fsync(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(28, "No space left on device")
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(OutputError, match="No space left"):
        write_atomic_group([(tmp_path / "c.pdf", b"new"), (tmp_path / "c.json", b"new")])
    assert _files(tmp_path) == {"c.json": b"old"}


def test_a_signal_during_the_renames_is_held_until_both_are_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = Path.replace
    sent = {"done": False}

    def replace(self: Path, target: Any) -> Path:
        if not sent["done"]:
            sent["done"] = True
            os.kill(os.getpid(), signal.SIGINT)
        return real(self, target)

    monkeypatch.setattr(Path, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        write_atomic_group([(tmp_path / "d.pdf", b"P"), (tmp_path / "d.json", b"J")])
    # Both renames completed before Ctrl-C was delivered: a complete pair, nothing else.
    assert _files(tmp_path) == {"d.json": b"J", "d.pdf": b"P"}


def test_unwritable_folder_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="--out-dir"):
        write_atomic(tmp_path / "missing" / "x.json", b"x")
