"""The loopback server serves a site as a host reading its ``_headers`` file would."""

from __future__ import annotations

import socket
import struct
import time
import urllib.request
from pathlib import Path

import pytest

from checks.browser.headers import parse_headers
from checks.browser.serve import serve


def write(site: Path) -> Path:
    (site / "en" / "_static").mkdir(parents=True)
    (site / "en" / "index.html").write_text(
        '<a href="https://www.bbc.co.uk/weather">Leave</a>', encoding="utf-8")
    (site / "en" / "_static" / "a.css").write_text("p {}", encoding="utf-8")
    (site / "_headers").write_text(
        "# comment\n/*\n  X-Frame-Options: DENY\n  Cache-Control: no-store\n\n"
        "/*/_static/*\n  Cache-Control: public, max-age=3600\n\n/en/:page\n  X-Test: one\n",
        encoding="utf-8")
    return site


def test_rules_match_as_hosts_match_them(tmp_path: Path) -> None:
    rules = parse_headers(write(tmp_path) / "_headers")
    assert rules is not None
    assert dict(rules.for_path("/en/index.html")) == {
        "X-Frame-Options": "DENY", "Cache-Control": "no-store", "X-Test": "one"}
    # A header named by two matching blocks keeps both values, as Cloudflare Pages joins them.
    assert dict(rules.for_path("/en/_static/a.css"))["Cache-Control"] == \
        "no-store, public, max-age=3600"
    assert "X-Test" not in dict(rules.for_path("/en/_static/a.css"))
    assert parse_headers(tmp_path / "missing") is None


def test_served_with_and_without_the_headers(tmp_path: Path) -> None:
    site = write(tmp_path)
    with serve(site, "https://www.bbc.co.uk/weather", headers=True) as server:
        page = urllib.request.urlopen(server.url("en/index.html"))
        assert page.headers["X-Frame-Options"] == "DENY"
        assert b"/__exit__.html" in page.read()
        own = urllib.request.urlopen(server.start_url)
        assert own.headers["X-Frame-Options"] is None
        frame = urllib.request.urlopen(server.frame_url("en/index.html")).read().decode()
        assert f'src="{server.url("en/index.html")}"' in frame
    with serve(site, "https://www.bbc.co.uk/weather") as server:
        page = urllib.request.urlopen(server.url("en/index.html"))
        assert page.headers["X-Frame-Options"] is None
        assert page.headers["Cache-Control"] == "no-store"


def test_a_client_that_hangs_up_is_not_reported(tmp_path: Path,
                                               capfd: pytest.CaptureFixture[str]) -> None:
    """A browser may close a connection before the answer is written (pa11y-ci does, after
    asking for a favicon the site lacks): that is the client's business, and no traceback."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "big.bin").write_bytes(b"x" * (16 << 20))
    with serve(site) as server:
        port = int(server.base.rsplit(":", 1)[1])
        for path in ("/big.bin", "/favicon.ico"):
            client = socket.create_connection(("127.0.0.1", port))
            client.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            if path == "/big.bin":
                client.recv(1024)  # the answer has begun
            # Closing with unread data resets the connection: the server's next write fails.
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            client.close()
        time.sleep(0.5)
        with urllib.request.urlopen(server.url("big.bin")) as answer:  # still serving
            assert len(answer.read()) == 16 << 20
    assert "Traceback" not in capfd.readouterr().err
