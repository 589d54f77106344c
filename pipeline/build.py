"""Build every published language of the guide into ``<site>/<lang>/``, and the chooser.

Languages build in parallel, one Sphinx process each, as many at a time as there are cores
(several languages in one process would share Sphinx's translators). A language below its
completeness threshold is held back; a language whose catalogues do not parse, or whose build
fails, is reported and left out; the others still build. The result says all of this as data.

An unchanged language is skipped by a digest of everything its pages are made from: the
sources, its catalogues, the theme (templates, static files, strings, code), the guide's
templates and static files, and the configuration. When any of them changed, Sphinx writes every
page again (``-a``), so that a changed theme string, template or title reaches every page.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import sphinx

import quick_exit_theme
from checks.translations.syntax import parse_errors
from pipeline import progress, reviews, sourcemap
from pipeline.config import Config
from pipeline.files import write_atomic
from quick_exit_theme import chooser, markup
from quick_exit_theme.catalogues import translations

STAMP = ".inputs"


@dataclass
class BuildResult:
    """What a build produced and what it left out, with the reasons, as later stages need it."""

    site: Path
    #: Languages that the site offers (built and not held back), the source language first.
    published: list[str] = field(default_factory=list)
    built: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    held_back: dict[str, str] = field(default_factory=dict)
    completeness: dict[str, float] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    fresh: list[str] = field(default_factory=list)  # up to date: Sphinx did not need to run

    @property
    def ok(self) -> bool:
        """Whether every language asked for was built."""
        return not self.failed

    def save(self) -> Path:
        """Record what the site offers and holds back in ``<site>/.build.json`` (for a later
        ``check``; dot files are never published)."""
        path = self.site / ".build.json"
        data = {"published": self.published, "held_back": self.held_back,
                "completeness": {k: round(v, 4) for k, v in self.completeness.items()}}
        write_atomic(path, json.dumps(data, indent=2) + "\n")
        return path


@dataclass(frozen=True)
class Pages:
    """What the pages of one language say about their translation (theme options)."""

    reviewed: tuple[str, ...] = ()  # signed off and unchanged since
    outdated: tuple[str, ...] = ()  # the English changed: fuzzy or missing translations
    held: tuple[str, ...] = ()  # not signed off, in a "reviewed" language: shown in English

    def options(self) -> list[str]:
        """``-D`` settings of the theme."""
        out = []
        for name, value in (("reviewed_pages", self.reviewed), ("outdated_pages", self.outdated),
                            ("held_pages", self.held)):
            out += ["-D", f"html_theme_options.{name}={','.join(value)}"]
        return out


def pages_of(config: Config, code: str, parts: dict[str, progress.Progress] | None) -> Pages:
    """Review state and freshness of each page of a language (``parts``: its progress)."""
    if code == config.source_language:
        return Pages()
    states = reviews.states(config, [code]).get(code, {})
    reviewed = tuple(p for p, state in states.items() if state == "reviewed")
    parts = parts or {}
    outdated = tuple(p for p, part in parts.items()
                     if p != "sphinx" and part.translated < part.strings)
    policy = config.language(code).policy if any(
        lang.code == code for lang in config.languages) else "drafts"
    held = tuple(p for p in states if p not in reviewed) if policy == "reviewed" else ()
    return Pages(reviewed, outdated, held)


def _reviewed_locale(config: Config, code: str, pages: Pages, build: Path) -> Path:
    """A locale folder with only the signed-off pages' catalogues (and the site's strings), for
    a language published under the "reviewed" policy: the other pages stay in English."""
    target = build / "reviewed-locales" / code / "LC_MESSAGES"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for po in (config.locales / code / "LC_MESSAGES").glob("*.po"):
        if po.stem not in pages.held:
            shutil.copy2(po, target / po.name)
    return target.parent.parent


def sphinx_command(config: Config, code: str, out: Path, doctrees: Path,
                   published: list[str], pages: Pages | None = None) -> list[str]:
    """The ``sphinx-build`` command line for one language."""
    pages = pages or Pages()
    extra = []
    if pages.held:
        extra = ["-D", f"locale_dirs={_reviewed_locale(config, code, pages, doctrees.parent)}"]
    return [
        sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going", "-a",
        "-D", f"language={code}", "-D", f"html_theme_options.languages={','.join(published)}",
        "-D", f"html_theme_options.base_url={config.base_url}",
        *pages.options(), *extra, "-d", str(doctrees), str(config.docs), str(out),
    ]


def _inputs(config: Config, code: str) -> list[Path]:
    theme = Path(quick_exit_theme.__file__).resolve().parent
    files = [config.root / "pyproject.toml", Path(__file__).with_name("config.py"),
             Path(sourcemap.__file__)]
    for folder in (config.docs, config.root / "_templates", config.root / "_static", theme):
        files.extend(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                     and p.suffix != ".mo" and "locale" not in p.relative_to(folder).parts)
    files.extend((config.locales / code / "LC_MESSAGES").glob("*.po"))
    files.extend(p for p in (config.locales / code / reviews.FILE,) if p.exists())
    files.extend((theme / "locale" / code / "LC_MESSAGES").glob("*.po"))
    return sorted(files)


def inputs_digest(config: Config, code: str, published: list[str], pages: Pages) -> str:
    """A digest of everything a language's pages are made from, to skip an unchanged build."""
    digest = hashlib.sha256(f"{sphinx.__version__}|{code}|{','.join(published)}|"
                            f"{pages.options()}".encode())
    for path in _inputs(config, code):
        name = path.relative_to(config.root) if path.is_relative_to(config.root) else path.name
        digest.update(str(name).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def build_language(config: Config, code: str, site: Path, doctrees: Path,
                   published: list[str], pages: Pages) -> tuple[float, str | None, bool]:
    """Build one language: the seconds taken, an error text or None, and whether Sphinx ran."""
    start = time.perf_counter()
    if code != config.source_language:
        theme = Path(quick_exit_theme.__file__).resolve().parent / "locale" / code / "LC_MESSAGES"
        errors = parse_errors(config.locales / code / "LC_MESSAGES", config.root)
        if theme.is_dir() and theme.is_relative_to(config.root.resolve()):
            errors += parse_errors(theme, config.root)  # the theme's strings, edited here too
        if errors:
            return 0.0, "\n".join(errors), False
    out = site / code
    stamp = out / STAMP
    digest = inputs_digest(config, code, published, pages)
    if stamp.exists() and stamp.read_text(encoding="utf-8") == digest:
        return time.perf_counter() - start, None, False
    stamp.unlink(missing_ok=True)
    cmd = sphinx_command(config, code, out, doctrees / code, published, pages)
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        error = (proc.stderr or proc.stdout).strip() or f"sphinx-build exited {proc.returncode}"
        return seconds, error, True
    stamp.write_text(digest, encoding="utf-8")
    return seconds, None, True


def write_chooser(config: Config, site: Path, codes: list[str]) -> Path:
    """Write ``index.html``: every published language by its native name, with the quick exit
    and its key hint in each of them."""
    cache = config.build / "catalogues"
    entries = [chooser.language(code, translations(code, [config.locales], cache),
                                config.project) for code in codes]
    page = chooser.render(entries, exit_url=config.quick_exit_url,
                          static=f"{config.source_language}/_static",
                          stylesheets=("guide.css",), base_url=config.base_url,
                          description=config.description)
    path = site / "index.html"
    write_atomic(path, page)
    return path


def build(config: Config, only: list[str] | None = None, jobs: int | None = None,
          site: Path | None = None) -> BuildResult:
    """Build the published languages (or only those named) into ``site`` (``_build/site``)."""
    site = site or config.build / "site"
    doctrees = site.parent / "doctrees"
    site.mkdir(parents=True, exist_ok=True)
    result = BuildResult(site=site)
    offered = [lang for lang in config.languages if lang.published]
    parts = {lang.code: progress.current(config, lang.code) for lang in offered}
    for lang in offered:
        result.completeness[lang.code] = progress.share(config, lang.code, parts[lang.code])
    ready = [lang.code for lang in offered if result.completeness[lang.code] >= lang.min_complete]
    if only:
        wanted = list(dict.fromkeys(only))  # a translator previewing a language gets it anyway
        published = [lang.code for lang in offered if lang.code in ready or lang.code in wanted]
    else:
        for lang in offered:
            if lang.code not in ready:
                share = result.completeness[lang.code]
                result.held_back[lang.code] = (f"{share:.0%} translated, below "
                                               f"{lang.min_complete:.0%}")
                shutil.rmtree(site / lang.code, ignore_errors=True)
        wanted = published = ready
    workers = max(1, min(jobs or os.cpu_count() or 1, len(wanted) or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        outcomes = pool.map(lambda c: (c, *build_language(
            config, c, site, doctrees, published,
            pages_of(config, c, parts[c] if c in parts else progress.current(config, c)))),
            wanted)
        for code, seconds, error, rebuilt in outcomes:
            result.seconds[code] = seconds
            if error:
                result.failed[code] = error
                continue
            result.built.append(code)
            if not rebuilt:
                result.fresh.append(code)
    result.published = [code for code in published if code in result.built or (
        only and code not in result.failed and (site / code).is_dir())]
    if config.source_language in result.built:
        write_chooser(config, site, result.published)
    markup.write_headers(site / "_headers", quick_exit_theme.CSP)
    result.save()
    return result
