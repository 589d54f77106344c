"""A miniature Sphinx site built with the real theme: markup of one page in LTR and RTL."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SITE = Path(__file__).resolve().parent / "sites" / "minimal"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The miniature site in English and Arabic, each language in its own process."""
    root = tmp_path_factory.mktemp("minimal")
    shutil.copytree(SITE, root, dirs_exist_ok=True)
    for lang in ("en", "ar"):
        subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "-D",
                        f"language={lang}", str(root / "docs"), str(root / "out" / lang)],
                       check=True)
    return root / "out"


def test_english_page(built: Path) -> None:
    html = (built / "en" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en" dir="ltr">' in html
    assert re.search(r'<a class="skip-link" href="#main">Skip to main content</a>\s*'
                     r'<div class="quick-exit"', html)
    assert '<a class="tel reference external" dir="ltr" href="tel:08001111">0800 1111</a>' in html
    assert '<meta name="referrer" content="no-referrer">' in html
    assert "draft-notice" not in html and "untranslated" not in html
    assert not (built / "en" / "search.html").exists()


def test_arabic_page_is_right_to_left_with_english_fallback(built: Path) -> None:
    html = (built / "ar" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in html
    assert "<h1>صفحة صغيرة</h1>" in html
    assert ('<p class="untranslated" dir="ltr" lang="en">This sentence has no translation yet.'
            '</p>') in html
    assert 'dir="ltr" href="tel:08001111">0800 1111</a>' in html
    assert 'class="draft-notice"' in html and 'href="../en/index.html" hreflang="en"' in html
    assert '<link rel="alternate" hreflang="ar" href="../ar/index.html">' in html


def test_theme_strings_and_title_still_in_english_are_marked(tmp_path: Path) -> None:
    """Persian: right to left, and neither the theme nor the site has its strings yet."""
    shutil.copytree(SITE, tmp_path, dirs_exist_ok=True)
    subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", "-D", "language=fa",
                    "-D", "html_theme_options.languages=en,fa", str(tmp_path / "docs"),
                    str(tmp_path / "out")], check=True)
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fa" dir="rtl">' in html
    assert ('<a class="skip-link" href="#main"><span lang="en" dir="ltr">Skip to main content'
            '</span></a>') in html
    assert re.search(r'data-quick-exit><span lang="en" dir="ltr">Leave this site</span></a>', html)


def test_a_title_still_in_english_is_marked(tmp_path: Path) -> None:
    shutil.copytree(SITE, tmp_path, dirs_exist_ok=True)
    po = tmp_path / "locales" / "ar" / "LC_MESSAGES" / "index.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "صفحة صغيرة"', 'msgstr ""'),
                  encoding="utf-8")
    subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", "-D", "language=ar",
                    str(tmp_path / "docs"), str(tmp_path / "out")], check=True)
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<title lang="en" dir="ltr">A tiny page', html)
