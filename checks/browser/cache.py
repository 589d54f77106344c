"""The browser check's cache: a page's findings are reused only when nothing they depend on
has changed.

An entry's name is a digest of the page's bytes, the families asked for, the quick exit's
destination, the site's ``_headers`` and the engine (this package's code, the measuring script,
axe-core and the browser). Inside it, every file the visit used (each stylesheet, script and
other file the page loaded, and the pages the theme checks read) is listed with its digest; a
hit is a hit only while each still has it. A damaged or unreadable entry is a miss.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from checks.browser.chrome import CHROMIUM, axe_script
from checks.core import Finding
from pipeline.files import write_atomic

HERE = Path(__file__).resolve().parent


@cache
def engine() -> str:
    """A digest of what decides a visit's findings besides the site: this package's code,
    the measuring script, axe-core and the browser's binary."""
    digest = hashlib.sha256()
    for path in sorted([*HERE.glob("*.py"), *HERE.glob("*.js"), axe_script()]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for binary in (CHROMIUM, "/usr/lib/chromium/chromium"):
        try:
            real = os.path.realpath(binary)
            stat = os.stat(real)
        except OSError:
            continue
        digest.update(f"{real}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def file_digest(path: Path) -> str:
    """The digest of a file's bytes ('' when it cannot be read)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


class Cache:
    """The entries of one site check (``folder`` None: no cache)."""

    def __init__(self, folder: Path | None, site: Path, salt: str) -> None:
        self.folder = folder
        self.site = site
        headers = site / "_headers"
        served = headers.read_bytes() if headers.is_file() else b"-"
        self.salt = hashlib.sha256(f"{engine()}|{salt}|".encode() + served).hexdigest()
        self._digests: dict[str, str] = {}

    def key(self, page: Path) -> str:
        """The name of a page's entry: its place in the site and its bytes (findings name the
        page, so two pages with the same bytes do not share an entry)."""
        rel = page.relative_to(self.site).as_posix()
        return hashlib.sha256(f"{self.salt}|{rel}|".encode() + page.read_bytes()).hexdigest()

    def site_file(self, url: str, base: str) -> str | None:
        """The site-relative path of a served URL, or None when it is not a file of the site."""
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != base:
            return None
        rel = unquote(parts.path).lstrip("/") or "index.html"
        path = (self.site / rel).resolve()
        if not path.is_relative_to(self.site.resolve()) or not path.is_file():
            return None
        return path.relative_to(self.site.resolve()).as_posix()

    def digest(self, rel: str) -> str:
        """A site file's digest, computed once per run."""
        if rel not in self._digests:
            self._digests[rel] = file_digest(self.site / rel)
        return self._digests[rel]

    def load(self, name: str) -> Any:
        """An entry's payload, if it exists, is whole, and every file it used is unchanged."""
        if self.folder is None:
            return None
        try:
            data: Any = json.loads((self.folder / f"{name}.json").read_text("utf-8"))
            files = data["files"]
            if not isinstance(files, dict) or any(
                    self.digest(str(rel)) != digest for rel, digest in files.items()):
                return None
            return data["payload"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # no entry, or a damaged one: a miss, never a crash

    def store(self, name: str, payload: Any, files: set[str]) -> None:
        """Write an entry with the site files its result depends on."""
        if self.folder is None:
            return
        data = {"files": {rel: self.digest(rel) for rel in sorted(files)}, "payload": payload}
        write_atomic(self.folder / f"{name}.json", json.dumps(data, ensure_ascii=False))

    def get(self, page: Path) -> list[Finding] | None:
        """The page's findings, if an entry holds them and every file it used is unchanged."""
        payload = self.load(self.key(page))
        try:
            return None if payload is None else [Finding(**item) for item in payload]
        except TypeError:
            return None

    def put(self, page: Path, findings: list[Finding], files: set[str]) -> None:
        """Store a page's findings with the site files its visit used."""
        self.store(self.key(page), [f.to_json() for f in findings], files)

    def named(self, kind: str, signature: str) -> str:
        """The entry name of a result shared by pages (the theme's behaviour, framing)."""
        return f"{kind}-" + hashlib.sha256(f"{self.salt}|{signature}".encode()).hexdigest()
