"""Shared fixtures: the project's configuration, one build of the real guide per test session,
a loopback server and one browser per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from checks.browser.chrome import Browser
from checks.browser.serve import Server, serve
from pipeline.build import BuildResult, build
from pipeline.config import Config, load

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def config() -> Config:
    """The project's real configuration."""
    return load(ROOT)


@pytest.fixture(scope="session")
def guide(config: Config, tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real guide, every published language, built once into a temporary folder."""
    site = tmp_path_factory.mktemp("guide") / "site"
    result = build(config, site=site)
    assert result.ok, result.failed
    return result


@pytest.fixture(scope="session")
def server(guide: BuildResult, config: Config) -> Iterator[Server]:
    """The built guide served on loopback, with the quick exit pointed at a local page."""
    with serve(guide.site, config.quick_exit_url) as running:
        yield running


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium shared by the browser tests."""
    with Browser() as shared:
        yield shared


@pytest.fixture(scope="session")
def nojs_browser() -> Iterator[Browser]:
    """One headless Chromium with JavaScript turned off."""
    with Browser(javascript=False) as shared:
        yield shared
