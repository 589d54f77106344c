"""Serve a built site on loopback for the browser checks and tests.

The server stands in for the quick exit's real destination: every HTML page it serves has the
configured destination replaced by a local page, ``/__exit__.html``, so that leaving is tested
without any request to another origin. The destination can answer slowly, so that a test can
see what the reader sees between pressing the key and the next page arriving.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

EXIT_PATH = "/__exit__.html"
EXIT_PAGE = (
    b'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Weather</title>'
    b'</head><body><main><h1>Weather</h1><p>Sunny spells.</p></main></body></html>'
)


@dataclass
class ServerState:
    """What the server is told to do and what it saw."""

    destination: str = ""
    exit_delay: float = 0.0
    requests: list[str] = field(default_factory=list)


class _Handler(SimpleHTTPRequestHandler):
    state: ServerState

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.state.requests.append(self.path)
        if self.path.split("?")[0] == EXIT_PATH:
            if self.state.exit_delay:
                time.sleep(self.state.exit_delay)
            self._send(EXIT_PAGE, "text/html; charset=utf-8")
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file() and self.state.destination:
            body = path.read_bytes().replace(
                self.state.destination.encode(), EXIT_PATH.encode()
            )
            self._send(body, "text/html; charset=utf-8")
            return
        super().do_GET()

    def _send(self, body: bytes, ctype: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


@dataclass
class Server:
    """A running loopback server: its base URL and its state."""

    base: str
    state: ServerState

    def url(self, rel: str) -> str:
        """Absolute URL of a path relative to the site folder."""
        return f"{self.base}/{rel.lstrip('/')}"

    @property
    def exit_url(self) -> str:
        """Where the quick exit goes while served here."""
        return self.base + EXIT_PATH


@contextmanager
def serve(site: Path, destination: str = "") -> Iterator[Server]:
    """Serve ``site`` on 127.0.0.1 on a free port until the block ends."""
    state = ServerState(destination=destination)
    handler = type("Handler", (_Handler,), {"state": state})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{httpd.server_port}", state)
    finally:
        httpd.shutdown()
        httpd.server_close()
