"""Write output files atomically and owner-readable only."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from idpc_guard.errors import OutputError

#: Outputs hold personal data: only their owner may read them.
OWNER_ONLY = 0o600


def write_atomic(path: Path, data: bytes, mode: int = OWNER_ONLY) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new, never half.

    The bytes go to a temporary file in the same folder (created with ``mode``),
    are flushed to disk, then renamed over ``path``. On any failure the temporary
    file is removed and :class:`OutputError` is raised; an existing ``path`` is
    left untouched.
    """
    folder = path.parent
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise OutputError(
            f"cannot write to {folder}: {exc.strerror or exc}; choose a writable --out-dir"
        ) from exc
    tmp = Path(tmp_name)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
        raise
