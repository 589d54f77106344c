"""The multilingual build and the translator's workflow, on copies of the real project."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import polib
import pytest

from checks.build import build
from checks.catalogs import held_back, published_languages
from checks.config import Config, parse
from checks.workflow import print_status, update

ROOT = Path(__file__).resolve().parent.parent


def make_project(tmp_path: Path, codes: tuple[str, ...] = ("en", "cy", "pl")) -> Config:
    """A copy of the project with only some languages, in ``tmp_path``."""
    for name in ("docs", "_templates", "_static"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    for code in codes[1:]:
        shutil.copytree(ROOT / "locales" / code, tmp_path / "locales" / code,
                        ignore=shutil.ignore_patterns("*.mo"))
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    blocks = text.split("[[tool.guide.languages]]")
    kept = [b for b in blocks[1:] if re.search('code = "(' + '|'.join(codes) + ')"', b)]
    tail = blocks[-1][blocks[-1].index("[tool.guide.readability]"):]
    kept = [b.split("[tool.guide.readability]")[0] for b in kept]
    text = blocks[0] + "".join("[[tool.guide.languages]]" + b for b in kept) + tail
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    return parse(tmp_path / "pyproject.toml")


def empty_out(po_path: Path, keep: float) -> None:
    """Blank all but a share of the translations in a catalogue."""
    po = polib.pofile(str(po_path))
    live = [e for e in po if not e.obsolete]
    for entry in live[int(len(live) * keep):]:
        entry.msgstr = ""
    po.save(str(po_path))


def test_language_list_has_one_source(config: Config) -> None:
    codes = [lang.code for lang in config.languages]
    assert codes[0] == config.source_language == "en"
    assert {"cy", "pl", "ro", "ar", "ur"} <= set(codes)
    ar = config.language("ar")
    assert (ar.native_name, ar.direction, ar.reviewed) == ("العربية", "rtl", False)


def test_language_below_threshold_is_held_back(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    for po in (config.locales / "pl" / "LC_MESSAGES").glob("*.po"):
        empty_out(po, keep=0.5)
    assert [lang.code for lang, _ in held_back(config)] == ["pl"]
    result = build(config)
    assert sorted(result.built) == ["cy", "en"]
    assert "pl" in result.held_back and "below 90%" in result.held_back["pl"]
    assert not (result.site / "pl").exists()
    page = (result.site / "cy" / "support.html").read_text(encoding="utf-8")
    assert 'hreflang="pl"' not in page and 'hreflang="en"' in page
    assert 'hreflang="pl"' not in (result.site / "index.html").read_text(encoding="utf-8")


def test_syntax_error_stops_only_that_language(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    po = config.locales / "cy" / "LC_MESSAGES" / "what-to-do.po"
    lines = po.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith('msgstr "') and len(line) > 10)
    lines[number] = lines[number].rstrip('"')
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = build(config)
    assert sorted(result.built) == ["en", "pl"]
    assert f"{po}:{number + 1}: msgstr: string is not closed" in result.failed["cy"]
    assert "Traceback" not in result.failed["cy"]


def test_untranslated_paragraph_is_marked_english(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    po_path = config.locales / "cy" / "LC_MESSAGES" / "what-to-do.po"
    po = polib.pofile(str(po_path))
    entry = next(e for e in po if e.msgid.startswith("Do not delete the chat"))
    entry.msgstr = ""
    po.save(str(po_path))
    result = build(config, ["cy"])
    html = (result.site / "cy" / "what-to-do.html").read_text(encoding="utf-8")
    assert re.search(r'<p class="untranslated" lang="en">Do not delete the chat', html)
    # The switcher's link to English, and the one fallback paragraph: nothing else.
    assert len(re.findall(r'\slang="en"', html)) == 2


def test_workflow_keeps_every_translation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = make_project(tmp_path)
    folder = config.locales / "cy" / "LC_MESSAGES"
    before = {e.msgid: e.msgstr for e in polib.pofile(str(folder / "what-to-do.po"))}
    old_calm = "This is not your fault. The person who is blackmailing you is the one doing wrong."
    docs = config.docs
    text = (docs / "what-to-do.rst").read_text(encoding="utf-8")
    text = text.replace("The person who is blackmailing you is the one doing wrong.",
                        "The person who is blackmailing you is the one who is doing wrong.")
    text = text.replace("Do not delete the chat, even if you want to.\n", "")
    (docs / "what-to-do.rst").write_text(text, encoding="utf-8")
    (docs / "if-you-paid.rst").rename(docs / "already-paid.rst")
    for rst in docs.glob("*.rst"):
        rst.write_text(rst.read_text(encoding="utf-8").replace("if-you-paid", "already-paid"),
                       encoding="utf-8")
    paid = {e.msgid: e.msgstr for e in polib.pofile(str(folder / "if-you-paid.po"))}

    assert update(config, ["cy"]) == 0

    po = polib.pofile(str(folder / "what-to-do.po"))
    changed = next(e for e in po if e.msgid.startswith("This is not your fault.") and not e.obsolete)
    assert changed.fuzzy
    assert changed.previous_msgid and changed.previous_msgid.startswith(old_calm[:40])
    old_text = next(v for k, v in before.items() if k.startswith("This is not your fault."))
    assert changed.msgstr == old_text
    removed = [e for e in po.obsolete_entries() if e.msgid.startswith("Do not delete the chat")]
    assert removed and removed[0].msgstr == before[removed[0].msgid]
    renamed = polib.pofile(str(folder / "already-paid.po"))
    title = renamed.find("If you have already paid")
    assert title is not None and title.msgstr == paid["If you have already paid"]
    assert sum(1 for e in renamed if e.translated()) >= len([v for v in paid.values() if v]) - 2
    gone = polib.pofile(str(folder / "if-you-paid.po"))
    assert not [e for e in gone if not e.obsolete] and len(gone.obsolete_entries()) >= 5
    assert "DRAFT" in (folder / "sphinx.po").read_text(encoding="utf-8").splitlines()[0]

    report = tmp_path / "status.json"
    assert print_status(config, ["cy"], report) == 0
    data = json.loads(report.read_text(encoding="utf-8"))["cy"]
    # The changed sentence, and the link whose target page was renamed: both fuzzy, not translated.
    assert data["what-to-do"]["fuzzy"] == 2
    assert data["what-to-do"]["translated"] == data["what-to-do"]["strings"] - 2
    link = next(e for e in po if "<already-paid>" in e.msgid)
    assert link.fuzzy and "<if-you-paid>" in link.msgstr
    assert data["TOTAL"]["fuzzy"] >= 1


def test_update_refuses_a_broken_catalogue(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = make_project(tmp_path)
    po = config.locales / "cy" / "LC_MESSAGES" / "index.po"
    original = po.read_text(encoding="utf-8")
    po.write_text(original.replace('msgstr "Cael help nawr"', 'msgstr "Cael help nawr'), encoding="utf-8")
    assert update(config, ["cy"]) == 1
    err = capsys.readouterr().err
    assert f"{po}:" in err and "not closed" in err and "nox -s translations -- cy" in err
    assert "Cael help nawr" in po.read_text(encoding="utf-8")


def test_real_catalogues_are_complete(config: Config) -> None:
    assert [lang.code for lang in published_languages(config)] == [l.code for l in config.languages]
    for lang in config.translated:
        text = (config.locales / lang.code / "LC_MESSAGES" / "index.po").read_text(encoding="utf-8")
        assert text.startswith("# DRAFT:") != lang.reviewed
