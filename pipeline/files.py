"""Writing a file so that no reader ever sees half of it, whatever happens during the write."""

from __future__ import annotations

import os
import threading
from pathlib import Path


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file beside it and ``os.replace``.

    Beside the target (same file system, so the rename is atomic) and with the usual
    permissions, which a mkstemp file (0600) would not have once published. A full disk or a
    read-only folder raises ``OSError`` with the old file untouched and no temporary file left.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8", newline="\n")
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
