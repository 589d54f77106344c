"""A hostile catalogue against the build: nothing it holds breaks out of the page.

The miniature site is built with theme strings that try to close ``<title>``, open
``<script>`` and break out of attributes. Each is either refused by the translations check with
its file and line, or rendered as inert text; the page keeps its Content Security Policy in
``<head>``, its ``<main>``, its language switcher and no script but the theme's own.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from checks.cli import main as check_main
from pipeline.build import build
from pipeline.config import Config
from tests.test_languages import make_project

SITE = Path(__file__).resolve().parent / "sites" / "minimal"
HOSTILE = {
    "Skip to main content": "</title><script>alert(1)</script>",
    "Languages": 'Ieithoedd" hidden="',
    "This translation is a draft. A native speaker has not checked it yet.":
        "<title>drafft",
    "Previous": "<img src=x onerror=alert(1)>",
    "If you are in danger now, call %(number)s.": '%(number)s "><script src=//evil></script>',
}


class _Dom(HTMLParser):
    """Where each tag is: what a browser would build, roughly."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.found: list[tuple[str, dict[str, str | None], tuple[str, ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs), tuple(self.stack)))
        if tag not in {"meta", "link", "img", "br", "input", "hr"}:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass


def _catalogue(entries: dict[str, str]) -> str:
    body = "".join(
        f'msgid "{k}"\nmsgstr "{v.replace(chr(34), chr(92) + chr(34))}"\n\n'
        for k, v in entries.items())
    return ('msgid ""\nmsgstr ""\n"Language: ar\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"'
            '\n\n' + body)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(SITE, root, dirs_exist_ok=True)
    po = root / "locales" / "ar" / "LC_MESSAGES" / "sphinx.po"
    po.write_text(_catalogue(HOSTILE), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", "-D", "language=ar",
                    str(root / "docs"), str(root / "out" / "ar")], check=True)
    return root


def test_hostile_theme_strings_stay_text(hostile: Path) -> None:
    html = (hostile / "out" / "ar" / "index.html").read_text(encoding="utf-8")
    dom = _Dom()
    dom.feed(html)
    tags = [(tag, parents) for tag, _, parents in dom.found]
    csp = [p for tag, a, p in dom.found
           if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp == [("html", "head")], "the CSP must be in <head>"
    assert ("main", ("html", "body", "div")) in tags
    scripts = [a.get("src") for tag, a, _ in dom.found if tag == "script"]
    assert scripts == ["_static/quick-exit.js"]
    assert not [a for tag, a, _ in dom.found if tag == "img"]
    switcher = [a for tag, a, _ in dom.found if tag == "nav" and a.get("class") ==
                "language-switcher"]
    assert switcher and "hidden" not in switcher[0]
    assert "&lt;/title&gt;&lt;script&gt;" in html and 'Ieithoedd&#34; hidden=&#34;' in html
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<" not in title


def test_the_translations_check_names_the_hostile_entries(
        hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    po = hostile / "locales" / "ar" / "LC_MESSAGES" / "sphinx.po"
    assert check_main(["translations", str(po)]) == 1
    out = capsys.readouterr().out
    flagged = {line.split(":")[1] for line in out.splitlines() if "[po-html]" in line}
    lines = po.read_text(encoding="utf-8").splitlines()
    expect = {str(n) for n, text in enumerate(lines, 1) if text.startswith("msgid") and any(
        k in text for k in ("Skip to", "This translation", "Previous\"", "in danger"))}
    assert flagged == expect


def test_an_edit_to_theme_strings_alone_rebuilds_every_page(tmp_path: Path) -> None:
    config: Config = make_project(tmp_path, ("en", "cy"))
    first = build(config, ["cy"])
    assert first.ok and "cy" not in first.fresh
    assert "cy" in build(config, ["cy"]).fresh  # nothing changed: skipped
    po = config.locales / "cy" / "LC_MESSAGES" / "sphinx.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgstr "Datganiad hygyrchedd"', 'msgstr "Datganiad hygyrchedd y canllaw"'),
        encoding="utf-8")
    second = build(config, ["cy"])
    assert second.ok and "cy" not in second.fresh
    pages = sorted((second.site / "cy").glob("*.html"))
    assert len(pages) == 11
    for page in pages:
        assert "Datganiad hygyrchedd y canllaw" in page.read_text(encoding="utf-8"), page.name


def test_a_full_disk_during_an_update_loses_no_translation(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import errno

    from pipeline import files
    from pipeline.cli import main as guide

    config = make_project(tmp_path, ("en", "cy"))
    support = config.locales / "cy" / "LC_MESSAGES" / "support.po"
    before = support.read_bytes()
    real_replace = files.os.replace

    def full(src: object, dst: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(dst))

    monkeypatch.setattr(files.os, "replace", full)
    assert guide(["--root", str(tmp_path), "translations", "cy"]) == 2
    err = capsys.readouterr().err
    assert "No space left on device" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert support.read_bytes() == before, "the catalogue is untouched"
    assert not list(support.parent.glob(".*.tmp")), "no temporary file is left behind"
    monkeypatch.setattr(files.os, "replace", real_replace)
    assert guide(["--root", str(tmp_path), "translations", "cy"]) == 0


def test_a_read_only_build_folder_is_one_line_and_exit_2(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import errno

    from pipeline.cli import main as guide

    make_project(tmp_path, ("en", "cy"))
    real_mkdir = Path.mkdir

    def read_only(self: Path, *args: object, **kwargs: object) -> None:
        if self.is_relative_to(tmp_path / "_build"):  # as a read-only mount would refuse
            raise OSError(errno.EROFS, "Read-only file system", str(self))
        real_mkdir(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "mkdir", read_only)
    for command in (["build", "cy"], ["publish"], ["translations", "cy"]):
        assert guide(["--root", str(tmp_path), *command]) == 2, command
        err = capsys.readouterr().err
        assert "Traceback" not in err and "Read-only file system" in err, (command, err)
        assert err.startswith("error: ") and len(err.strip().splitlines()) <= 2, err
