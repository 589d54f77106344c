"""The real guide built by Sphinx: theme markup, privacy, languages and page weight."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.build import BuildResult
from pipeline.config import Config

PAGES = [
    "index", "what-to-do", "warning-signs", "how-to-report", "remove-images", "if-you-paid",
    "support", "parents-and-carers", "staying-safe", "cover-your-tracks", "accessibility",
]


class Tags(HTMLParser):
    """Every start tag with its attributes, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def tags(path: Path) -> list[tuple[str, dict[str, str]]]:
    parser = Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tags


def focusable(path: Path) -> list[dict[str, str]]:
    return [a for t, a in tags(path) if t in ("a", "button") and ("href" in a or t == "button")]


def test_every_page_is_built_in_every_published_language(guide: BuildResult) -> None:
    codes = guide.published
    assert sorted(guide.built) == sorted(codes) and codes[0] == "en"
    assert {"en", "cy", "pl", "ro", "ar", "ur"} <= set(codes)
    for code in codes:
        for page in PAGES:
            assert (guide.site / code / f"{page}.html").is_file(), f"{code}/{page}.html"


@pytest.mark.parametrize("page", PAGES)
def test_skip_link_then_quick_exit_first_in_tab_order(guide: BuildResult, config: Config,
                                                     page: str) -> None:
    links = focusable(guide.site / "en" / f"{page}.html")
    assert links[0]["href"] == "#main" and links[0]["class"] == "skip-link"
    exit_link = links[1]
    assert "data-quick-exit" in exit_link
    assert exit_link["href"] == config.quick_exit_url
    assert set(exit_link["rel"].split()) == {"nofollow", "noreferrer"}


def test_quick_exit_label_and_hint(guide: BuildResult) -> None:
    html = (guide.site / "en" / "support.html").read_text(encoding="utf-8")
    assert re.search(r"<a [^>]*data-quick-exit[^>]*>Leave this site</a>", html)
    assert "<kbd>Esc</kbd>" in html and "<kbd>Shift</kbd>" in html
    assert re.search(r'<p class="quick-exit-hint" hidden>', html), "shown only with JavaScript"
    assert '<div class="quick-exit-cover" hidden data-status="Loading">' in html


def test_theme_strings_are_translated(guide: BuildResult) -> None:
    html = (guide.site / "cy" / "support.html").read_text(encoding="utf-8")
    assert "Leave this site" not in html and "Skip to main content" not in html
    label = re.search(r"<a [^>]*data-quick-exit[^>]*>([^<]+)</a>", html)
    assert label and label.group(1).strip()


@pytest.mark.parametrize("code", ["en", "cy", "ar", "ur"])
def test_privacy_meta_and_no_external_resources(guide: BuildResult, code: str) -> None:
    for page in (guide.site / code).glob("*.html"):
        found = tags(page)
        metas = {a.get("name") or a.get("http-equiv"): a.get("content", "")
                 for t, a in found if t == "meta"}
        assert metas["referrer"] == "no-referrer", page
        assert "default-src 'self'" in metas["Content-Security-Policy"], page
        for tag, attrs in found:
            if tag in ("script", "img", "iframe", "source", "video", "audio"):
                assert not attrs.get("src", "").startswith(("http:", "https:", "//")), (page, attrs)
            if tag == "link" and attrs.get("rel") in ("stylesheet", "preload", "icon", "manifest"):
                assert not attrs.get("href", "").startswith(("http:", "https:", "//")), (
                    page, attrs)
        scripts = [a["src"] for t, a in found if t == "script" and "src" in a]
        assert scripts == ["_static/quick-exit.js"], (page, scripts)
        assert not any(t == "script" and "src" not in a for t, a in found), "no inline script"
        assert not any("style" in a for _, a in found), f"inline style breaks the CSP: {page}"


def test_no_search_and_no_unused_assets(guide: BuildResult) -> None:
    site = guide.site / "en"
    for name in ("search.html", "searchindex.js", "genindex.html"):
        assert not (site / name).exists(), name
    assert sorted(p.name for p in (site / "_static").iterdir()) == [
        "guide.css", "quick-exit-theme.css", "quick-exit.js"]
    html = (site / "index.html").read_text(encoding="utf-8")
    for word in ("searchtools", "documentation_options", "doctools", "sphinx_highlight",
                 "localStorage"):
        assert word not in html


def test_page_weight_under_40_kb(guide: BuildResult) -> None:
    static = guide.site / "en" / "_static"
    assets = sum(p.stat().st_size for p in static.iterdir())
    for code in guide.built:
        for page in (guide.site / code).glob("*.html"):
            weight = page.stat().st_size + assets
            assert weight < 40 * 1024, f"{page} weighs {weight} bytes with its CSS and script"


def test_headers_file(guide: BuildResult) -> None:
    text = (guide.site / "_headers").read_text(encoding="utf-8")
    assert "Referrer-Policy: no-referrer" in text
    assert "Content-Security-Policy: default-src 'self'" in text
    assert "Cache-Control: no-store" in text
    assert "X-Frame-Options: DENY" in text and "frame-ancestors 'none'" in text
    assert "Strict-Transport-Security: max-age=" in text


def test_language_chooser_offers_native_names(guide: BuildResult) -> None:
    links = [a for t, a in tags(guide.site / "index.html") if t == "a" and "hreflang" in a]
    by_lang = {a["hreflang"]: a for a in links}
    html = (guide.site / "index.html").read_text(encoding="utf-8")
    for code, name in {"cy": "Cymraeg", "pl": "Polski", "ar": "العربية", "ur": "اردو"}.items():
        assert by_lang[code]["href"] == f"{code}/index.html" and by_lang[code]["lang"] == code
        assert f">{name}</a>" in html


@pytest.mark.parametrize(("code", "direction"),
                         [("en", "ltr"), ("cy", "ltr"), ("ar", "rtl"), ("ur", "rtl")])
def test_html_lang_and_dir(guide: BuildResult, code: str, direction: str) -> None:
    html_tag = next(a for t, a in tags(guide.site / code / "what-to-do.html") if t == "html")
    assert html_tag["lang"] == code and html_tag["dir"] == direction


def test_switcher_and_alternates_point_to_the_same_page(guide: BuildResult) -> None:
    codes = guide.published
    found = tags(guide.site / "pl" / "support.html")
    alternates = {a["hreflang"]: a["href"] for t, a in found
                  if t == "link" and a.get("rel") == "alternate"}
    assert alternates == {**{c: f"../{c}/support.html" for c in codes},
                          "x-default": "../en/support.html"}
    switcher = [a for t, a in found if t == "a" and a.get("hreflang") and a.get("lang")]
    assert [a["href"] for a in switcher] == [f"../{c}/support.html" for c in codes]
    current = [a for a in switcher if a.get("aria-current") == "page"]
    assert [a["lang"] for a in current] == ["pl"]


def test_phone_numbers_and_addresses_stay_left_to_right(guide: BuildResult) -> None:
    html = (guide.site / "ar" / "support.html").read_text(encoding="utf-8")
    assert re.search(
        r'<a class="tel reference external" dir="ltr" href="tel:116123">116 123</a>', html)
    assert re.search(
        r'<a class="reference external" dir="ltr" href="https://www.samaritans.org">', html)


def test_draft_notice_on_pages_not_signed_off(guide: BuildResult, config: Config) -> None:
    for code in guide.published:  # no page is signed off yet: every translation is a draft
        html = (guide.site / code / "index.html").read_text(encoding="utf-8")
        assert ('class="draft-notice"' in html) == (code != config.source_language), code
    cy = (guide.site / "cy" / "index.html").read_text(encoding="utf-8")
    assert 'href="../en/index.html" hreflang="en"' in cy
