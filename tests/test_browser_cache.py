"""The browser check's cache is honest: a result is reused only while everything it depends
on is unchanged, and a damaged entry is a miss, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.browser.cache import Cache, engine
from checks.core import Finding


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "en" / "_static").mkdir(parents=True)
    (root / "en" / "page.html").write_text("<p>one</p>", encoding="utf-8")
    (root / "en" / "copy.html").write_text("<p>one</p>", encoding="utf-8")
    (root / "en" / "_static" / "theme.css").write_text("p {}", encoding="utf-8")
    (root / "_headers").write_text("/*\n  X-Frame-Options: DENY\n", encoding="utf-8")
    return root


def finding(page: Path) -> Finding:
    return Finding(rule="a11y-reflow", severity="error", path=str(page), line=1,
                   message="too wide")


def stored(tmp_path: Path, site: Path, salt: str = "a11y") -> tuple[Cache, Path]:
    cache = Cache(tmp_path / "cache", site, salt)
    page = site / "en" / "page.html"
    cache.put(page, [finding(page)], {"en/page.html", "en/_static/theme.css"})
    return cache, page


def test_a_result_is_reused_while_nothing_changed(tmp_path: Path, site: Path) -> None:
    _, page = stored(tmp_path, site)
    assert Cache(tmp_path / "cache", site, "a11y").get(page) == [finding(page)]


@pytest.mark.parametrize("change", ["page", "asset", "headers", "families"])
def test_any_input_changed_is_a_miss(tmp_path: Path, site: Path, change: str) -> None:
    _, page = stored(tmp_path, site)
    salt = "a11y"
    if change == "page":
        page.write_text("<p>two</p>", encoding="utf-8")
    elif change == "asset":
        (site / "en" / "_static" / "theme.css").write_text("p { color: red }", "utf-8")
    elif change == "headers":
        (site / "_headers").write_text("/*\n  X-Frame-Options: SAMEORIGIN\n", "utf-8")
    else:
        salt = "a11y,privacy"
    assert Cache(tmp_path / "cache", site, salt).get(page) is None


def test_pages_with_the_same_bytes_do_not_share_an_entry(tmp_path: Path, site: Path) -> None:
    cache, _ = stored(tmp_path, site)
    assert cache.get(site / "en" / "copy.html") is None


@pytest.mark.parametrize("damage", ["", "{", "[]", '{"files": {}, "payload": [{"x": 1}]}',
                                    '{"files": [], "payload": []}', "\x00\xff"])
def test_a_damaged_entry_is_a_miss(tmp_path: Path, site: Path, damage: str) -> None:
    _, page = stored(tmp_path, site)
    entry = next((tmp_path / "cache").glob("*.json"))
    entry.write_text(damage, encoding="utf-8", errors="surrogateescape")
    assert Cache(tmp_path / "cache", site, "a11y").get(page) is None


def test_no_folder_means_no_cache(site: Path) -> None:
    cache = Cache(None, site, "a11y")
    page = site / "en" / "page.html"
    cache.put(page, [finding(page)], set())
    assert cache.get(page) is None


def test_the_engine_covers_the_check_code_axe_and_the_browser() -> None:
    assert len(engine()) == 64 and engine() == engine()


def test_only_files_of_the_site_are_recorded(site: Path, tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache", site, "a11y")
    base = "http://127.0.0.1:8000"
    assert cache.site_file(f"{base}/en/_static/theme.css?v=1", base) == "en/_static/theme.css"
    assert cache.site_file(f"{base}/", base) is None  # no index.html in this site
    assert cache.site_file(f"{base}/../../etc/passwd", base) is None
    assert cache.site_file("http://example.org/en/page.html", base) is None
