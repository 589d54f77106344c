"""Serve a built site on loopback for the browser checks and tests.

The server stands in for the quick exit's real destination: every HTML page it serves has the
configured destination replaced by a local page, ``/__exit__.html``, so that leaving is tested
without any request to another origin. The destination can answer slowly, so that a test can
see what the reader sees between pressing the key and the next page arriving.

With ``headers=True`` it serves the site as a host that reads the site's ``_headers`` file
would (Netlify, Cloudflare Pages), so that the checks see the headers readers get. It also
serves a neutral start page (``/__start__.html``, where a test's history begins) and a page of
another origin that tries to frame a page of the site (``/__frame__.html?src=/path``, asked
for as ``localhost`` rather than ``127.0.0.1``).
"""

from __future__ import annotations

import functools
import html
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from checks.browser.headers import HeaderRules, parse_headers

EXIT_PATH = "/__exit__.html"
START_PATH = "/__start__.html"
FRAME_PATH = "/__frame__.html"
EXIT_PAGE = (
    b'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Weather</title>'
    b'</head><body><main><h1>Weather</h1><p>Sunny spells.</p></main></body></html>'
)
START_PAGE = (
    b'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Search</title>'
    b'</head><body><main><h1>Search results</h1></main></body></html>'
)


@dataclass
class ServerState:
    """What the server is told to do and what it saw."""

    destination: str = ""
    exit_delay: float = 0.0
    requests: list[str] = field(default_factory=list)
    #: The site's ``_headers`` rules, applied to every file of the site when serving with them.
    headers: HeaderRules | None = None


class _Handler(SimpleHTTPRequestHandler):
    state: ServerState
    protocol_version = "HTTP/1.1"  # keep-alive: a page and its assets over one connection
    disable_nagle_algorithm = True  # or each small write waits for the last one's ACK

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.state.requests.append(self.path)
        path = urlsplit(self.path).path
        if path == EXIT_PATH:
            if self.state.exit_delay:
                time.sleep(self.state.exit_delay)
            self._send(EXIT_PAGE, "text/html; charset=utf-8")
            return
        if path == START_PATH:
            self._send(START_PAGE, "text/html; charset=utf-8")
            return
        if path == FRAME_PATH:
            src = parse_qs(urlsplit(self.path).query).get("src", ["/"])[0]
            port = self.server.server_address[1]  # type: ignore[index]
            target = html.escape(f"http://127.0.0.1:{port}/{src.lstrip('/')}", quote=True)
            frame = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Frame'
                     f'</title></head><body><iframe src="{target}" width="600" height="400" '
                     f'title="framed"></iframe></body></html>')
            self._send(frame.encode(), "text/html; charset=utf-8")
            return
        file = Path(self.translate_path(self.path))
        if file.is_dir():
            file = file / "index.html"
        if file.suffix == ".html" and file.is_file() and self.state.destination:
            body = file.read_bytes().replace(
                self.state.destination.encode(), EXIT_PATH.encode()
            )
            self._send(body, "text/html; charset=utf-8")
            return
        super().do_GET()

    def _own_page(self) -> bool:
        return urlsplit(self.path).path in (EXIT_PATH, START_PATH, FRAME_PATH)

    def end_headers(self) -> None:
        # The site's files get the site's headers; the server's own pages get none of them.
        if self.state.headers is not None and not self._own_page():
            for name, value in self.state.headers.for_path(urlsplit(self.path).path):
                self.send_header(name, value)
        super().end_headers()

    def _send(self, body: bytes, ctype: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if self.state.headers is None or self._own_page():
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

    @property
    def start_url(self) -> str:
        """A neutral page of the server's own, where a test's history begins."""
        return self.base + START_PATH

    def frame_url(self, rel: str) -> str:
        """A page of another origin (``localhost``) that shows ``rel`` in a frame."""
        port = self.base.rsplit(":", 1)[1]
        return f"http://localhost:{port}{FRAME_PATH}?src=/{rel.lstrip('/')}"

    def is_site(self, url: str) -> bool:
        """Whether an address is a page of the served site (not the server's own pages)."""
        parts = urlsplit(url)
        return (f"{parts.scheme}://{parts.netloc}" == self.base
                and parts.path not in (EXIT_PATH, START_PATH, FRAME_PATH))


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser that closes a connection early (a tab moving on, a peer tool done with a
        # missing favicon) is not an error of the site's: say nothing of it.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@contextmanager
def serve(site: Path, destination: str = "", *, headers: bool = False) -> Iterator[Server]:
    """Serve ``site`` on 127.0.0.1 on a free port until the block ends; with ``headers``, as
    the site's ``_headers`` file says (when it has one)."""
    rules = parse_headers(site / "_headers") if headers else None
    state = ServerState(destination=destination, headers=rules)
    handler = type("Handler", (_Handler,), {"state": state})
    httpd = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{httpd.server_port}", state)
    finally:
        httpd.shutdown()
        httpd.server_close()
