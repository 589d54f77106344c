"""Thin sessions over the project's importable code. Run them with ``.venv/bin/nox -s NAME``.

Sessions run in the interpreter that runs nox (the project's ``.venv``), so nothing is
downloaded at build or check time.
"""

from __future__ import annotations

import sys

import nox

nox.options.default_venv_backend = "none"
nox.options.sessions = ["build"]
PY = sys.executable


@nox.session
def build(session: nox.Session) -> None:
    """Build every published language into _build/site/<lang>/ (or only the languages named)."""
    session.run(PY, "-m", "pipeline", "build", *session.posargs)


@nox.session
def translations(session: nox.Session) -> None:
    """Extract messages and update or create the catalogues, never losing a translation."""
    session.run(PY, "-m", "pipeline", "translations", *session.posargs)


@nox.session(name="translation-status")
def translation_status(session: nox.Session) -> None:
    """Print translated, fuzzy and untranslated strings and words per language and page."""
    session.run(PY, "-m", "pipeline", "status", *session.posargs)


@nox.session
def preview(session: nox.Session) -> None:
    """Build one language, serve it on 127.0.0.1:8000 and rebuild when a file is saved."""
    session.run(PY, "-m", "pipeline", "preview", *session.posargs)


@nox.session
def sign(session: nox.Session) -> None:
    """Sign off a reviewed page: nox -s sign -- LANG PAGE --role "native speaker, ..."."""
    session.run(PY, "-m", "pipeline", "sign", *session.posargs)


@nox.session
def check(session: nox.Session) -> None:
    """Run every check on the built site and write the reviewer report to _build/reports/."""
    session.run(PY, "-m", "checks", "all", "_build/site", *session.posargs)


@nox.session
def publish(session: nox.Session) -> None:
    """Build, check, and only if nothing blocks write _build/publish/ atomically."""
    session.run(PY, "-m", "pipeline", "publish", *session.posargs)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the whole pytest suite, browser tests included."""
    session.run(PY, "-m", "pytest", *session.posargs)


@nox.session
def lock(session: nox.Session) -> None:
    """Refresh requirements.txt to the newest versions pyproject.toml allows (needs network)."""
    session.run(PY, "-m", "pipeline", "lock", *session.posargs)


@nox.session
def drift(session: nox.Session) -> None:
    """Test and publish with the newest allowed versions; name what differs from the lock."""
    session.run(PY, "-m", "pipeline", "drift", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (pycodestyle, pyflakes, isort, pyupgrade, bugbear, ruff's own) and mypy."""
    session.run(PY, "-m", "ruff", "check", "checks", "pipeline", "quick_exit_theme", "docs",
                "tests", "benchmarks", "noxfile.py")
    session.run(PY, "-m", "mypy")
