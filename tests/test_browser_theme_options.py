"""The theme's head: its policies first, a meta description and absolute hreflang addresses
when the site's address is given (the ``description`` and ``base_url`` options), on Sphinx
pages and on the language chooser."""

from __future__ import annotations

import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from quick_exit_theme import chooser

SITE = Path(__file__).resolve().parent / "sites" / "theme-only"


class Head(HTMLParser):
    """The start tags inside <head>, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "head":
            self.inside = True
        elif self.inside:
            self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.inside = False


def head(html: str) -> list[tuple[str, dict[str, str]]]:
    parser = Head()
    parser.feed(html)
    return parser.tags


def policies_first(tags: list[tuple[str, dict[str, str]]]) -> bool:
    first = tags[:3]
    kinds = {a.get("http-equiv") or a.get("name") for _, a in first[1:]}
    return "charset" in first[0][1] and kinds == {"Content-Security-Policy", "referrer"}


def build(work: Path, *options: str) -> Path:
    """The theme-only site built with these theme options; its English pages."""
    shutil.copytree(SITE, work, dirs_exist_ok=True)
    argv = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-D", "language=en",
            "-D", "html_theme_options.languages=en,cy"]
    for option in options:
        argv += ["-D", f"html_theme_options.{option}"]
    subprocess.run([*argv, str(work / "docs"), str(work / "out" / "en")], check=True, cwd=work)
    return work / "out" / "en"


def test_sphinx_pages_have_absolute_alternates_with_a_base_url(tmp_path: Path) -> None:
    built = build(tmp_path, "base_url=https://guide.example.org/")
    tags = head((built / "more.html").read_text(encoding="utf-8"))
    assert policies_first(tags)
    alternates = {a["hreflang"]: a["href"] for t, a in tags
                  if t == "link" and a.get("rel") == "alternate"}
    assert alternates == {"en": "https://guide.example.org/en/more.html",
                          "cy": "https://guide.example.org/cy/more.html",
                          "x-default": "https://guide.example.org/en/more.html"}


def test_sphinx_pages_have_the_meta_description(tmp_path: Path) -> None:
    built = build(tmp_path, "description=Help for people blackmailed online")
    tags = head((built / "more.html").read_text(encoding="utf-8"))
    metas = {a.get("name"): a.get("content") for t, a in tags if t == "meta"}
    assert metas["description"] == "Help for people blackmailed online"


def test_without_the_options_there_is_no_description_and_links_are_relative(
        tmp_path: Path) -> None:
    tags = head((build(tmp_path) / "more.html").read_text(encoding="utf-8"))
    assert policies_first(tags)
    assert not any(a.get("name") == "description" for t, a in tags if t == "meta")
    assert {a["href"] for t, a in tags if a.get("rel") == "alternate"} == {
        "../en/more.html", "../cy/more.html"}


def test_the_chooser_has_the_same_head() -> None:
    languages = [chooser.language(code, __import__("gettext").NullTranslations(), "Guide")
                 for code in ("en", "ar")]
    page = chooser.render(languages, exit_url="https://www.bbc.co.uk/weather", static="en/_static",
                          base_url="https://guide.example.org", description="Help")
    tags = head(page)
    assert policies_first(tags)
    assert {a.get("name"): a.get("content") for t, a in tags if t == "meta"}["description"] \
        == "Help"
    assert {a["hreflang"]: a["href"] for t, a in tags if a.get("rel") == "alternate"} == {
        "en": "https://guide.example.org/en/index.html",
        "ar": "https://guide.example.org/ar/index.html",
        "x-default": "https://guide.example.org/index.html"}
    assert 'data-presses-2="Press Shift two more times to leave this site."' in page
