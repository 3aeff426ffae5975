"""Write output files atomically and owner-readable only.

A scan writes two files that belong together (the redacted copy and its report).
:func:`write_atomic_group` makes them appear together or not at all: every file
is first written in full to a temporary file beside its target, and only then are
the temporary files renamed over the targets, with Ctrl-C and SIGTERM held back
for those few renames. If anything fails, every target is put back as it was
(an existing output is never left half-overwritten, nor paired with the other
file of a different run) and no temporary file is left behind.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import FrameType

from idpc_guard.errors import OutputError

#: Outputs hold personal data: only their owner may read them.
OWNER_ONLY = 0o600

_HELD_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def write_atomic(path: Path, data: bytes, mode: int = OWNER_ONLY) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new, never half."""
    write_atomic_group([(path, data)], mode)


def write_atomic_group(files: Sequence[tuple[Path, bytes]], mode: int = OWNER_ONLY) -> None:
    """Write several files so that either all are replaced or none is.

    Raises:
        OutputError: a file cannot be written; every target is as it was before.
    """
    temps: list[Path] = []
    backups: dict[Path, Path | None] = {}
    try:
        for path, data in files:
            temps.append(_write_temp(path, data, mode))
        with _signals_held():
            try:
                for (path, _), temp in zip(files, temps, strict=True):
                    backups[path] = _backup(path)
                    temp.replace(path)
            except BaseException:
                _restore(backups)
                raise
    except OSError as exc:
        raise OutputError(
            f"cannot write {exc.filename or 'an output'}: {exc.strerror or exc}"
        ) from exc
    finally:
        for temp in temps:
            with contextlib.suppress(OSError):
                temp.unlink()
        for backup in backups.values():
            if backup is not None:
                with contextlib.suppress(OSError):
                    backup.unlink()


def _write_temp(path: Path, data: bytes, mode: int) -> Path:
    folder = path.parent
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise OutputError(
            f"cannot write to {folder}: {exc.strerror or exc}; choose a writable --out-dir"
        ) from exc
    temp = Path(name)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return temp


def _backup(path: Path) -> Path | None:
    """A hard link to the existing ``path`` (``None`` when there is none), to restore it."""
    if not path.exists():
        return None
    backup = path.with_name(f".{path.name}.{os.getpid()}.old")
    with contextlib.suppress(FileNotFoundError):
        backup.unlink()
    os.link(path, backup)
    return backup


def _restore(backups: dict[Path, Path | None]) -> None:
    for path, backup in backups.items():
        with contextlib.suppress(OSError):
            if backup is None:
                path.unlink(missing_ok=True)
            else:
                backup.replace(path)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back until the block ends, then deliver them."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []

    def hold(signum: int, frame: FrameType | None) -> None:
        del frame
        received.append(signum)

    previous = {sig: signal.signal(sig, hold) for sig in _HELD_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for number in received:
            signal.raise_signal(number)
