"""A translator's preview: one language built, served on loopback, rebuilt on every save.

``nox -s preview -- cy`` builds Welsh, serves the site at ``http://127.0.0.1:8000/cy/`` and
watches the catalogues, the English sources and the theme: when a file is saved, the language
is built again (only what changed) and a reload of the browser shows it. Nothing is served
beyond the loopback address, and the pages keep their Content Security Policy, so no
live-reload script is injected: press reload.
"""

from __future__ import annotations

import functools
import http.server
import threading
import time
from collections.abc import Callable
from pathlib import Path

import quick_exit_theme
from pipeline.build import BuildResult, build
from pipeline.config import Config


def watched(config: Config, code: str) -> dict[Path, int]:
    """Every file the language's pages are made from, with its modification time."""
    theme = Path(quick_exit_theme.__file__).resolve().parent
    folders = [config.docs, config.locales / code, config.root / "_templates",
               config.root / "_static", theme]
    out: dict[Path, int] = {}
    for folder in folders:
        for path in folder.rglob("*") if folder.is_dir() else []:
            if path.is_file() and path.suffix not in {".mo", ".pyc"} and \
                    not path.name.startswith("."):
                out[path] = path.stat().st_mtime_ns
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


def serve(site: Path, port: int) -> http.server.ThreadingHTTPServer:
    """A static server of ``site`` on 127.0.0.1 (``port`` 0: any free port), started."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def preview(config: Config, code: str, port: int = 8000, stop: threading.Event | None = None,
            interval: float = 0.5, report: Callable[[str], None] = print) -> int:
    """Build, serve and rebuild on change until ``stop`` is set (or Ctrl+C)."""
    stop = stop or threading.Event()
    result: BuildResult = build(config, [code])
    if not result.ok:
        report(result.failed[code])
        return 1
    server = serve(result.site, port)
    host, bound = server.server_address[:2]
    report(f"previewing {code} at http://{host!s}:{bound}/{code}/index.html "
           "(save a file to rebuild; Ctrl+C to stop)")
    seen = watched(config, code)
    try:
        while not stop.wait(interval):
            now = watched(config, code)
            if now == seen:
                continue
            changed = sorted(str(p.relative_to(config.root)) for p in now.keys() | seen.keys()
                             if now.get(p) != seen.get(p) and p.is_relative_to(config.root))
            seen = now
            start = time.perf_counter()
            result = build(config, [code])
            if result.ok:
                report(f"rebuilt {code} in {time.perf_counter() - start:.1f}s after "
                       f"{', '.join(changed[:3]) or 'a theme change'}: reload the page")
            else:
                report(f"{code} did not build:\n{result.failed[code]}")
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return 0
