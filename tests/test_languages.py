"""The multilingual build and the translator's workflow, on copies of the real project."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest

from pipeline.build import build
from pipeline.config import Config, parse
from pipeline.progress import completeness

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
    assert (ar.native_name, ar.direction, ar.policy) == ("العربية", "rtl", "drafts")


def test_language_below_threshold_is_held_back(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    for po in (config.locales / "pl" / "LC_MESSAGES").glob("*.po"):
        empty_out(po, keep=0.5)
    assert completeness(config, "pl") < 0.9 <= completeness(config, "cy")
    result = build(config)
    assert sorted(result.built) == ["cy", "en"] and result.published == ["en", "cy"]
    assert "pl" in result.held_back and "below 90%" in result.held_back["pl"]
    assert not (result.site / "pl").exists()
    page = (result.site / "cy" / "support.html").read_text(encoding="utf-8")
    assert 'hreflang="pl"' not in page and 'hreflang="en"' in page
    assert 'hreflang="pl"' not in (result.site / "index.html").read_text(encoding="utf-8")


def test_syntax_error_stops_only_that_language(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    po = config.locales / "cy" / "LC_MESSAGES" / "what-to-do.po"
    lines = po.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines)
                  if line.startswith('msgstr "') and len(line) > 10)
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


def test_update_refuses_a_broken_catalogue(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    config = make_project(tmp_path)
    po = config.locales / "cy" / "LC_MESSAGES" / "index.po"
    original = po.read_text(encoding="utf-8")
    po.write_text(original.replace('msgstr "Cael help nawr"', 'msgstr "Cael help nawr'),
                  encoding="utf-8")
    from pipeline.catalogues import update

    assert update(config, ["cy"]) == 1
    err = capsys.readouterr().err
    assert f"{po}:" in err and "not closed" in err and "nox -s translations -- cy" in err
    assert "Cael help nawr" in po.read_text(encoding="utf-8")


def test_real_catalogues_are_complete(config: Config) -> None:
    for lang in config.languages:
        assert completeness(config, lang.code) >= lang.min_complete, lang.code
    for lang in config.translated:
        text = (config.locales / lang.code / "LC_MESSAGES" / "index.po").read_text(encoding="utf-8")
        assert text.startswith("# DRAFT:")  # no page is signed off yet
