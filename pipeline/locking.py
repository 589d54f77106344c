"""One build or publish at a time: an advisory lock on ``_build/.lock``.

A second run does not wait in silence: it fails at once and says which run holds the lock.
The lock is released by the kernel when the process ends, however it ends.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class Busy(Exception):
    """Another run holds the lock."""


@contextmanager
def hold(build: Path) -> Iterator[None]:
    """Hold ``<build>/.lock`` for the duration of the block, or raise :class:`Busy`."""
    build.mkdir(parents=True, exist_ok=True)
    path = build / ".lock"
    with path.open("a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            owner = handle.read().strip() or "another process"
            raise Busy(f"{build} is in use by {owner}; wait for it to finish") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"process {os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)
