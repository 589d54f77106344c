"""The translator's workflow keeps every bit of context, over several consecutive updates.

Each test edits the English of a copy of the project, runs ``update`` two or three times, and
reads the Welsh catalogue with polib (which keeps ``#|``, unlike Babel's reader).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from pipeline.catalogues import extract, update
from pipeline.config import Config
from pipeline.poformat import canonical
from pipeline.progress import print_status
from tests.test_languages import make_project

CALM = "The person who is blackmailing you is the one doing wrong."


def _edit(config: Config, page: str, old: str, new: str) -> None:
    path = config.docs / f"{page}.rst"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _catalogue(config: Config, page: str, code: str = "cy") -> polib.POFile:
    return polib.pofile(str(config.locales / code / "LC_MESSAGES" / f"{page}.po"))


def _live(po: polib.POFile, start: str) -> polib.POEntry:
    return next(e for e in po if e.msgid.startswith(start) and not e.obsolete)


@pytest.fixture()
def project(tmp_path: Path) -> Config:
    """A copy of the project with English and Welsh, updated once so it is canonical."""
    config = make_project(tmp_path, ("en", "cy"))
    assert update(config, ["cy"]) == 0
    return config


def test_previous_english_survives_three_updates_until_translated_again(project: Config) -> None:
    before = _live(_catalogue(project, "what-to-do"), "This is not your fault.")
    _edit(project, "what-to-do", CALM, "The person who is blackmailing you is doing wrong.")
    for _ in range(3):
        assert update(project, ["cy"]) == 0
        entry = _live(_catalogue(project, "what-to-do"), "This is not your fault.")
        assert entry.fuzzy and entry.msgstr == before.msgstr
        assert entry.previous_msgid == before.msgid
        text = (project.locales / "cy" / "LC_MESSAGES" / "what-to-do.po").read_text("utf-8")
        assert "# | msgid" not in text and f'#| msgid "{before.msgid}"' in text
    # A second change: the previous text stays the English the translation was made from.
    _edit(project, "what-to-do", "is doing wrong.", "is the one who does wrong.")
    assert update(project, ["cy"]) == 0
    entry = _live(_catalogue(project, "what-to-do"), "This is not your fault.")
    assert entry.fuzzy and entry.previous_msgid == before.msgid
    # Translated again (fuzzy flag removed by the translator): the previous text goes.
    po = _catalogue(project, "what-to-do")
    entry = _live(po, "This is not your fault.")
    entry.flags.remove("fuzzy")
    entry.msgstr = "Nid dy fai di yw hyn."
    po.save()
    assert update(project, ["cy"]) == 0
    entry = _live(_catalogue(project, "what-to-do"), "This is not your fault.")
    assert not entry.fuzzy and not entry.previous_msgid


def test_a_changed_heading_becomes_fuzzy_not_obsolete(project: Config) -> None:
    heading = _live(_catalogue(project, "what-to-do"), "Keep proof")
    _edit(project, "what-to-do", "Keep proof\n----------", "Save the proof\n--------------")
    for _ in range(2):
        assert update(project, ["cy"]) == 0
        po = _catalogue(project, "what-to-do")
        entry = _live(po, "Save the proof")
        assert entry.fuzzy and entry.msgstr == heading.msgstr
        assert entry.previous_msgid == "Keep proof"
        assert not [e for e in po.obsolete_entries() if e.msgid == "Keep proof"]


def test_a_renamed_page_carries_its_translations_and_leaves_no_stale_template(
        project: Config) -> None:
    paid = {e.msgid: e.msgstr for e in _catalogue(project, "if-you-paid") if e.msgstr}
    (project.docs / "if-you-paid.rst").rename(project.docs / "already-paid.rst")
    for rst in project.docs.glob("*.rst"):
        rst.write_text(rst.read_text(encoding="utf-8").replace("if-you-paid", "already-paid"),
                       encoding="utf-8")
    for _ in range(2):
        assert update(project, ["cy"]) == 0
        renamed = _catalogue(project, "already-paid")
        title = renamed.find("If you have already paid")
        assert title is not None and title.msgstr == paid["If you have already paid"]
        assert sum(1 for e in renamed if e.translated()) >= len(paid) - 1
        gone = _catalogue(project, "if-you-paid")
        assert not [e for e in gone if not e.obsolete]  # not live any more
        assert not (project.build / "gettext" / "if-you-paid.pot").exists()
        assert not (project.locales / "templates" / "if-you-paid.pot").exists()
    report = project.build / "status.json"
    assert print_status(project, ["cy"], report) == 0
    pages = json.loads(report.read_text(encoding="utf-8"))["cy"]
    assert "already-paid" in pages and "if-you-paid" not in pages


def test_obsolete_entries_stay_until_pruned(project: Config) -> None:
    _edit(project, "what-to-do", "Do not delete the chat, even if you want to.\n", "")
    for _ in range(2):
        assert update(project, ["cy"]) == 0
        obsolete = _catalogue(project, "what-to-do").obsolete_entries()
        assert [e.msgid for e in obsolete] == ["Do not delete the chat, even if you want to."]
        assert obsolete[0].msgstr
    assert update(project, ["cy"], prune=True) == 0
    assert _catalogue(project, "what-to-do").obsolete_entries() == []


def test_updates_are_canonical_idempotent_and_date_only_real_changes(project: Config) -> None:
    folder = project.locales / "cy" / "LC_MESSAGES"
    first = {p.name: p.read_bytes() for p in sorted(folder.glob("*.po"))}
    assert update(project, ["cy"]) == 0
    assert {p.name: p.read_bytes() for p in sorted(folder.glob("*.po"))} == first
    for name, data in first.items():
        text = data.decode("utf-8")
        assert canonical(text) == text, name
        if shutil.which("msgcat"):
            out = subprocess.run(["msgcat", "--no-wrap", str(folder / name)],
                                 capture_output=True, check=True).stdout
            assert out == data, f"msgcat would rewrite {name}"
    # A new English sentence is no translation change: the revision date stays.
    date = _catalogue(project, "support").metadata["PO-Revision-Date"]
    _edit(project, "support", "Where to get support\n====================",
          "Where to get support\n====================\n\nThese services are free.")
    assert update(project, ["cy"]) == 0
    po = _catalogue(project, "support")
    assert po.metadata["PO-Revision-Date"] == date
    assert po.metadata["Language"] == "cy" and po.metadata["Language-Team"].startswith("Cymraeg")
    assert "Plural-Forms" in po.metadata


def test_two_branches_editing_different_entries_merge_without_conflict(
        project: Config, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    po_path = repo / "what-to-do.po"
    shutil.copy(project.locales / "cy" / "LC_MESSAGES" / "what-to-do.po", po_path)

    def git(*args: str) -> str:
        return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org",
                               *args], cwd=repo, capture_output=True, text=True,
                              check=True).stdout

    git("init", "-q", "-b", "main")
    git("add", "."), git("commit", "-qm", "base")

    def translate(branch: str, start: str, text: str) -> None:
        git("checkout", "-q", "-b", branch, "main")
        po = polib.pofile(str(po_path))
        _live(po, start).msgstr = text
        po_path.write_text(canonical(str(po)), encoding="utf-8")
        git("commit", "-qam", branch)

    translate("one", "Stay calm", "Aros yn dawel")
    translate("two", "Talk to someone", "Siarad â rhywun")
    git("checkout", "-q", "main")
    git("merge", "-q", "one")
    git("merge", "-q", "--no-edit", "two")  # raises if git reports a conflict
    merged = polib.pofile(str(po_path))
    assert _live(merged, "Stay calm").msgstr == "Aros yn dawel"
    assert _live(merged, "Talk to someone").msgstr == "Siarad â rhywun"


def test_committed_templates_match_the_english(config: Config, tmp_path: Path) -> None:
    """``locales/templates`` is what translation platforms read: it must be current."""
    fresh = extract(config, tmp_path / "gettext")
    committed = config.locales / "templates"
    assert sorted(p.name for p in fresh.glob("*.pot")) == sorted(
        p.name for p in committed.glob("*.pot"))
    for pot in fresh.glob("*.pot"):
        want = [(e.msgctxt, e.msgid) for e in polib.pofile(str(pot))]
        have = [(e.msgctxt, e.msgid) for e in polib.pofile(str(committed / pot.name))]
        assert have == want, f"{pot.name} is out of date: run nox -s translations"


def test_preview_serves_one_language_and_rebuilds_when_a_catalogue_is_saved(
        project: Config) -> None:
    import threading
    import urllib.request

    from pipeline.preview import preview

    lines: list[str] = []
    stop = threading.Event()
    thread = threading.Thread(target=preview, args=(project, "cy", 0, stop),
                              kwargs={"interval": 0.1, "report": lines.append})
    thread.start()
    try:
        for _ in range(200):
            if lines:
                break
            thread.join(0.1)
        url = lines[0].split(" at ")[1].split(" ")[0]
        assert url.startswith("http://127.0.0.1:")
        assert "Datganiad hygyrchedd" in urllib.request.urlopen(url).read().decode()
        po = project.locales / "cy" / "LC_MESSAGES" / "sphinx.po"
        po.write_text(po.read_text(encoding="utf-8").replace(
            'msgstr "Datganiad hygyrchedd"', 'msgstr "Datganiad am hygyrchedd"'), "utf-8")
        for _ in range(300):
            if any(line.startswith("rebuilt cy") for line in lines):
                break
            thread.join(0.1)
        assert any("sphinx.po" in line for line in lines if line.startswith("rebuilt cy"))
        assert "Datganiad am hygyrchedd" in urllib.request.urlopen(url).read().decode()
    finally:
        stop.set()
        thread.join(10)
