"""Reading catalogues as untrusted input: regular files only, inside the project, of sane size.

A FIFO named ``support.po`` would hang a build, a symbolic link could pull a system file into
the log and the report, a folder named ``dir.po`` could silently drop a language, and a
ten-megabyte message would make every rule crawl. Each of these is refused before anything reads
the file, with the path and the reason, never the content.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from checks.core import InputError

#: No catalogue of a guide page comes near this (the largest is under 30 KB).
MAX_BYTES = 1_000_000
#: A message longer than this is not a paragraph: it is refused, not checked.
MAX_MESSAGE = 5_000


class UnsafeFile(InputError):
    """A catalogue that must not be read; the message names the path and why."""


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device")):
        if test(mode):
            return name
    return "not a regular file"


def check_file(path: Path, inside: Iterable[Path]) -> None:
    """Refuse ``path`` unless it is a regular file (or a link to one) within ``inside``."""
    try:
        link = path.lstat()
    except OSError as exc:
        raise UnsafeFile(f"{path}: cannot be read ({exc.strerror})") from None
    if stat.S_ISLNK(link.st_mode):
        target = path.resolve()
        if not any(target.is_relative_to(root.resolve()) for root in inside):
            raise UnsafeFile(f"{path}: a symbolic link that leads outside the project; "
                             "catalogues must be files in it")
    try:
        info = path.stat()
    except OSError as exc:
        raise UnsafeFile(f"{path}: a link to nothing ({exc.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        raise UnsafeFile(f"{path}: {_kind(info.st_mode)}, not a catalogue file")
    if info.st_size > MAX_BYTES:
        raise UnsafeFile(f"{path}: {info.st_size:,} bytes, more than a catalogue can be "
                         f"({MAX_BYTES:,}); split the page or remove what does not belong")
    if not os.access(path, os.R_OK):
        raise UnsafeFile(f"{path}: cannot be read (permission denied)")


def catalogues_in(folder: Path, inside: Iterable[Path]) -> list[Path]:
    """Every ``*.po`` under ``folder``, each checked (a folder named ``x.po`` is refused)."""
    roots = [*inside, folder]
    found = sorted(folder.rglob("*.po"))
    for path in found:
        check_file(path, roots)
    return found
