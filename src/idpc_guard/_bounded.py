"""Run a PDF stage in a forked child that is killed when it runs over its time.

The redaction stage (and its verification) parse the bundle again with PyMuPDF,
whose C code a thread or signal cannot interrupt; a hostile page can keep it busy
for ever. :func:`run_bounded` runs such a stage in a child process and waits at
most ``seconds`` for its answer. The stage's return value, or the exception it raised, travels back
through a pipe; a child that dies without answering is reported as a damaged
bundle, one that runs over its time as over a limit (both exit status 3).
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
from collections.abc import Callable, Iterator
from multiprocessing import Pipe
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from idpc_guard.errors import DamagedPdfError, LimitExceededError

T = TypeVar("T")


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block (restored as it was on leaving).

    For loops that make hundreds of thousands of short-lived objects none of which
    is in a cycle (a page's characters, words and boxes): reference counting frees
    them, and the collector would only walk them, and every other object of the
    process, again and again. Reading a long bundle's pages spends a fifth of its
    time in the collector otherwise.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextlib.contextmanager
def forked(target: Callable[..., None], args: tuple[Any, ...]) -> Iterator[Connection]:
    """Run ``target(sender, *args)`` in a forked child; yield the receiving end of its pipe.

    A plain ``os.fork`` rather than :class:`multiprocessing.Process`: it works inside
    daemonic pool workers too (which may not start processes) and needs no import of
    the caller's ``__main__``. The child never returns into the caller's code: it
    ends with ``os._exit``. On leaving the block the child is killed (if still
    running) and reaped.
    """
    _reap_exited()
    receiver, sender = Pipe(duplex=False)
    # The caller's objects (a language model: millions) are frozen across the fork, so
    # that the child's garbage collector never walks them: walking them would cost time
    # and copy every memory page they are on into the child.
    gc.freeze()
    try:
        pid = os.fork()
    except BaseException:
        gc.unfreeze()
        raise
    if pid != 0:
        gc.unfreeze()
    if pid == 0:  # the child
        code = 0
        try:
            receiver.close()
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the caller's to handle
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            target(sender, *args)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    sender.close()
    try:
        yield receiver
    finally:
        receiver.close()
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        _UNREAPED.add(pid)
        _reap_exited()


#: Children killed but not yet reaped. A child's exit unmaps its copy of this process's
#: memory (a language model: milliseconds per child); nobody needs to wait for that, so
#: a child not yet gone is reaped, without waiting, at the next fork or the next exit of
#: a child. At most the children of the last call remain, as zombies, until then.
_UNREAPED: set[int] = set()


def _reap_exited() -> None:
    """Reap the killed children that have exited, without waiting for the others."""
    for pid in list(_UNREAPED):
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:  # reaped by someone else
            done = pid
        if done:
            _UNREAPED.discard(pid)


def run_bounded(target: Callable[..., T], args: tuple[Any, ...], seconds: float, what: str) -> T:
    """``target(*args)`` in a child process, given at most ``seconds``.

    Args:
        target: the stage; its result must pickle.
        args: its arguments.
        seconds: how long to wait for the answer.
        what: the stage, for messages ("making the redacted copy").

    Raises:
        LimitExceededError: no answer within ``seconds`` (the child is killed).
        DamagedPdfError: the child died without answering.
        Exception: whatever ``target`` raised.
    """
    with forked(_child, (target, args)) as receiver:
        if not receiver.poll(seconds):
            raise LimitExceededError(
                f"{what} took longer than {seconds:g} s (damaged or hostile content): "
                "check the bundle, raise --page-timeout, or scan with --no-redact"
            )
        try:
            ok, value = receiver.recv()
        except (EOFError, OSError) as exc:
            raise DamagedPdfError(
                f"{what} stopped the PDF library (damaged or hostile content): "
                "ask for the bundle to be re-exported, or scan with --no-redact"
            ) from exc
    if ok:
        return value  # type: ignore[no-any-return]
    raise value


def _child(sender: Connection, target: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        message: tuple[bool, Any] = (True, target(*args))
    except Exception as exc:
        message = (False, exc)
    try:
        sender.send(message)
    except (pickle.PicklingError, TypeError, AttributeError):
        sender.send((False, RuntimeError(type(message[1]).__name__)))
    finally:
        sender.close()
