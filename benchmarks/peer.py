"""pa11y-ci, the peer the browser check is compared with: installed from npm into a folder
under ``_build/`` when asked, run with axe-core only on the same pages served on loopback, in
the system's Chromium (no browser download).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

from checks.browser.chrome import CHROMIUM

VERSION = "4.1.1"


def _env() -> dict[str, str]:
    """npm and pa11y-ci's environment: Puppeteer downloads no browser of its own."""
    return {**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"}


class PeerMissing(Exception):
    """The peer cannot run here; the message says why."""


def install(folder: Path) -> Path:
    """pa11y-ci's command, installed into ``folder`` by npm when it is not there yet."""
    command = folder / "node_modules" / ".bin" / "pa11y-ci"
    if command.exists():
        return command
    npm = shutil.which("npm")
    if npm is None:
        raise PeerMissing("npm is not installed, so pa11y-ci cannot be installed")
    folder.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run([npm, "install", "--prefix", str(folder), "--no-audit", "--no-fund",
                           "--loglevel=error", f"pa11y-ci@{VERSION}"], capture_output=True,
                          text=True, env=_env(), check=False)
    if proc.returncode != 0 or not command.exists():
        raise PeerMissing(f"npm could not install pa11y-ci {VERSION}: "
                          f"{(proc.stderr or proc.stdout).strip()[-300:]}")
    return command


def run(command: Path, urls: list[str], jobs: int, work: Path) -> float:
    """Seconds pa11y-ci takes to run axe-core (its only runner) on every URL, ``jobs`` at a
    time in one Chromium, as the fastest setting that works (no incognito context per page)."""
    config = {
        "defaults": {
            "runners": ["axe"],
            "concurrency": jobs,
            "useIncognitoBrowserContext": False,
            "timeout": 60000,
            "chromeLaunchConfig": {
                "executablePath": CHROMIUM,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--no-first-run"],
            },
        },
        "urls": urls,
    }
    work.mkdir(parents=True, exist_ok=True)
    path = work / "pa11yci.json"
    path.write_text(json.dumps(config, indent=2), encoding="utf-8")
    start = time.perf_counter()
    proc = subprocess.run([str(command), "--config", str(path), "--json"], capture_output=True,
                          text=True, env=_env(), check=False)
    seconds = time.perf_counter() - start
    try:
        result = json.loads(proc.stdout)
    except ValueError:
        raise PeerMissing(f"pa11y-ci failed: {proc.stderr.strip()[-300:]}") from None
    if result.get("total") != len(urls):
        raise PeerMissing(f"pa11y-ci checked {result.get('total')} of {len(urls)} pages")
    return seconds
