"""Build every published language of the guide into ``_build/site/<lang>/``.

Languages build in parallel, one Sphinx process each, as many at a time as there are cores.
A language whose catalogues do not parse, or whose build fails, is reported and left out;
the others still build. ``python -m checks.build [LANG...]``.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import sphinx

from checks.catalogs import held_back, published_languages
from checks.config import CSP, Config, ConfigError, Language, load
from checks.pofiles import parse_errors

CSP_HEADER = CSP + "; frame-ancestors 'none'"


@dataclass
class BuildResult:
    """What a build produced and what it left out, with the reasons."""

    site: Path
    built: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    held_back: dict[str, str] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    fresh: list[str] = field(default_factory=list)  # up to date: Sphinx did not need to run

    @property
    def ok(self) -> bool:
        return not self.failed


def sphinx_command(config: Config, code: str, out: Path, doctrees: Path) -> list[str]:
    """The ``sphinx-build`` command line for one language."""
    return [
        sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going",
        "-D", f"language={code}", "-d", str(doctrees), str(config.docs), str(out),
    ]


STAMP = ".inputs"


def inputs_digest(config: Config, code: str, languages: list[str]) -> str:
    """A digest of everything a language's pages are made from, to skip an unchanged build."""
    digest = hashlib.sha256(f"{sphinx.__version__}|{code}|{','.join(languages)}".encode())
    files = [config.root / "pyproject.toml", Path(__file__).with_name("config.py"),
             Path(__file__).with_name("catalogs.py")]
    for folder in (config.docs, config.root / "_templates", config.root / "_static"):
        files.extend(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    files.extend((config.locales / code / "LC_MESSAGES").glob("*.po"))
    for path in sorted(files):
        digest.update(str(path.relative_to(config.root) if path.is_relative_to(config.root)
                          else path.name).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def build_language(config: Config, code: str, site: Path, doctrees: Path | None = None,
                   languages: list[str] | None = None) -> tuple[str, float, str | None, bool]:
    """Build one language: its code, the seconds taken, an error text or None, and whether
    Sphinx ran (False when nothing it is made from changed)."""
    start = time.perf_counter()
    if code != config.source_language:
        errors = parse_errors(config.locales / code / "LC_MESSAGES")
        if errors:
            return code, 0.0, "\n".join(errors), False
    out = site / code
    stamp = out / STAMP
    digest = inputs_digest(config, code, languages or [])
    if stamp.exists() and stamp.read_text(encoding="utf-8") == digest:
        return code, time.perf_counter() - start, None, False
    stamp.unlink(missing_ok=True)
    cmd = sphinx_command(config, code, out, (doctrees or config.build / "doctrees") / code)
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        return code, seconds, (proc.stderr or proc.stdout).strip() or f"sphinx-build exited {proc.returncode}", True
    stamp.write_text(digest, encoding="utf-8")
    return code, seconds, None, True


def write_index(config: Config, site: Path, languages: list[Language]) -> Path:
    """Write ``index.html``: every published language by its native name."""
    source = config.source_language
    items = "\n".join(
        f'      <li><a href="{lang.code}/index.html" lang="{lang.code}" hreflang="{lang.code}" '
        f'dir="{lang.direction}">{html.escape(lang.native_name)}</a></li>'
        for lang in languages
    )
    alternates = "\n".join(
        f'  <link rel="alternate" hreflang="{lang.code}" href="{lang.code}/index.html">'
        for lang in languages
    )
    page = f"""<!DOCTYPE html>
<html lang="{source}" dir="ltr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="referrer" content="no-referrer">
  <meta http-equiv="Content-Security-Policy" content="{html.escape(CSP)}">
  <title>{html.escape(config.project)}: choose your language</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="{source}/_static/guide.css">
  <script src="{source}/_static/quick-exit.js" defer></script>
{alternates}
  <link rel="alternate" hreflang="x-default" href="index.html">
</head>
<body>
  <a class="skip-link" href="#main">Skip to main content</a>
  <div class="quick-exit" data-neutral-title="New tab">
    <a class="quick-exit-link" href="{html.escape(config.quick_exit_url)}" rel="nofollow noreferrer" data-quick-exit>Leave this site</a>
    <p class="quick-exit-hint" hidden>Or press <kbd>Esc</kbd> once, or <kbd>Shift</kbd> three times.</p>
  </div>
  <div class="page">
    <main id="main" tabindex="-1">
      <h1>{html.escape(config.project)}</h1>
      <p>Choose your language.</p>
      <ul class="language-list">
{items}
      </ul>
    </main>
  </div>
  <div class="quick-exit-cover" hidden><p role="status">Loading</p></div>
</body>
</html>
"""
    path = site / "index.html"
    path.write_text(page, encoding="utf-8")
    return path


def write_headers(site: Path) -> Path:
    """Write ``_headers`` for hosts that set HTTP headers from a file (Netlify, Cloudflare)."""
    text = f"""/*
  Content-Security-Policy: {CSP_HEADER}
  Referrer-Policy: no-referrer
  X-Content-Type-Options: nosniff
  Permissions-Policy: camera=(), microphone=(), geolocation=(), interest-cohort=()
  Cache-Control: no-store

/*/_static/*
  Cache-Control: public, max-age=3600
"""
    path = site / "_headers"
    path.write_text(text, encoding="utf-8")
    return path


def build(config: Config, only: list[str] | None = None, jobs: int | None = None,
          site: Path | None = None) -> BuildResult:
    """Build the published languages (or only those named) into ``site`` (``_build/site``)."""
    site = site or config.build / "site"
    doctrees = site.parent / "doctrees"
    site.mkdir(parents=True, exist_ok=True)
    result = BuildResult(site=site)
    published = published_languages(config)
    codes = [lang.code for lang in published]
    if only:
        # A translator previewing one language gets it even below its threshold.
        wanted = list(dict.fromkeys(only))
    else:
        for lang, share in held_back(config):
            result.held_back[lang.code] = f"{share:.0%} translated, below {lang.min_complete:.0%}"
            shutil.rmtree(site / lang.code, ignore_errors=True)
        wanted = [lang.code for lang in published]
    workers = max(1, min(jobs or os.cpu_count() or 1, len(wanted) or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for code, seconds, error, rebuilt in pool.map(
                lambda c: build_language(config, c, site, doctrees, codes), wanted):
            result.seconds[code] = seconds
            if not rebuilt and not error:
                result.fresh.append(code)
            if error:
                result.failed[code] = error
            else:
                result.built.append(code)
    write_index(config, site, [lang for lang in published if lang.code not in result.failed])
    write_headers(site)
    return result


def main(argv: list[str] | None = None) -> int:
    """Command line: build, print one line per language, exit 1 if a language failed."""
    parser = argparse.ArgumentParser(prog="python -m checks.build", description=__doc__)
    parser.add_argument("languages", nargs="*", help="language codes (default: all published)")
    parser.add_argument("-j", "--jobs", type=int, default=None, help="languages built at once")
    args = parser.parse_args(argv)
    try:
        config = load()
        for code in args.languages:
            config.language(code)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    result = build(config, args.languages, args.jobs)
    for code in result.built:
        state = "up to date" if code in result.fresh else f"built in {result.seconds[code]:.1f}s"
        print(f"{code}: {state}: {result.site / code}")
    for code, reason in result.held_back.items():
        print(f"held back {code}: {reason}")
    for code, error in result.failed.items():
        print(f"FAILED {code}:\n{error}", file=sys.stderr)
    print(f"{len(result.built)} languages in {time.perf_counter() - start:.1f}s")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
