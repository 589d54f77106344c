"""Review sign-offs that expire on change, the publish policy, and review dates of the advice."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path

import polib
import pytest

from checks.core import InputError, exit_code
from checks.run import run_checks
from pipeline import reviews
from pipeline.build import build
from pipeline.config import Config, Language
from pipeline.poformat import write
from tests.test_languages import make_project


@pytest.fixture()
def project(tmp_path: Path) -> Config:
    """A copy of the project with English and Welsh."""
    return make_project(tmp_path, ("en", "cy"))


def _page(config: Config, lang: str, page: str) -> str:
    return (config.build / "site" / lang / f"{page}.html").read_text(encoding="utf-8")


def test_a_sign_off_expires_when_one_translation_of_its_page_changes(project: Config) -> None:
    assert reviews.state(project, "cy", "support") == "draft"
    signoff = reviews.sign(project, "cy", "support", "native speaker, youth worker",
                           date(2026, 12, 1))
    assert signoff.digest.startswith("sha256:") and "support" in reviews.load(project, "cy")
    text = reviews.path(project, "cy").read_text(encoding="utf-8")
    assert 'role = "native speaker, youth worker"' in text and "date = 2026-12-01" in text
    assert reviews.state(project, "cy", "support") == "reviewed"
    build(project, ["cy"])
    assert 'class="draft-notice"' not in _page(project, "cy", "support")
    assert 'class="draft-notice"' in _page(project, "cy", "what-to-do")

    path = project.locales / "cy" / "LC_MESSAGES" / "support.po"
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgstr and not e.obsolete)
    entry.msgstr += " "  # one character of one translation
    write(path, po)
    assert reviews.state(project, "cy", "support") == "stale"
    found = run_checks(project, None, ["reviews"], timings=False)
    assert [(f.rule, f.lang, f.severity) for f in found] == [("review-stale", "cy", "warning")]
    build(project, ["cy"])
    assert 'class="draft-notice"' in _page(project, "cy", "support")


def test_only_a_complete_page_can_be_signed_off(project: Config) -> None:
    path = project.locales / "cy" / "LC_MESSAGES" / "support.po"
    po = polib.pofile(str(path))
    next(e for e in po if e.msgstr and not e.obsolete).flags.append("fuzzy")
    write(path, po)
    with pytest.raises(InputError, match="untranslated or fuzzy"):
        reviews.sign(project, "cy", "support", "native speaker")
    with pytest.raises(InputError, match="no such catalogue"):
        reviews.sign(project, "cy", "no-such-page", "native speaker")


def test_the_reviewed_only_policy_holds_back_an_unsigned_page(project: Config) -> None:
    welsh = dataclasses.replace(project.language("cy"), policy="reviewed")
    config = dataclasses.replace(project, languages=tuple(
        welsh if lang.code == "cy" else lang for lang in project.languages))
    reviews.sign(config, "cy", "support", "native speaker, teacher")
    result = build(config, ["cy"])
    assert result.ok
    signed, held = _page(config, "cy", "support"), _page(config, "cy", "what-to-do")
    assert "Ble i gael cymorth" in signed and 'class="draft-notice"' not in signed
    assert "What to do now" in held and "Beth i'w wneud nawr" not in held
    assert "has not been checked by a native speaker yet" not in held  # said in Welsh
    assert "Dydy siaradwr Cymraeg iaith gyntaf ddim wedi gwirio&#39;r dudalen hon" in held


def _due(config: Config, page: str, when: date) -> None:
    path = config.docs / f"{page}.rst"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = f":review-due: {when.isoformat()}\n"
    path.write_text("".join(lines), encoding="utf-8")


def test_an_overdue_review_blocks_and_a_near_one_warns(project: Config) -> None:
    assert run_checks(project, None, ["reviews"], timings=False) == []
    _due(project, "support", date.today() - timedelta(days=3))
    _due(project, "index", date.today() + timedelta(days=10))
    found = run_checks(project, None, ["reviews"], timings=False)
    assert sorted((f.rule, f.path, f.line, f.severity) for f in found) == [
        ("review-due-soon", "docs/index.rst", 2, "warning"),
        ("review-overdue", "docs/support.rst", 2, "error")]
    assert "3 days ago" in next(f.message for f in found if f.rule == "review-overdue")
    assert exit_code(found) == 1  # the publish gate refuses


def test_a_page_without_review_dates_is_named(project: Config) -> None:
    path = project.docs / "support.rst"
    path.write_text("\n".join(path.read_text(encoding="utf-8").splitlines()[3:]) + "\n",
                    encoding="utf-8")
    found = run_checks(project, None, ["reviews"], timings=False)
    assert [(f.rule, f.path) for f in found] == [("review-dates-missing", "docs/support.rst")] * 2


def test_every_page_shows_when_it_was_reviewed_in_its_language(project: Config) -> None:
    build(project)
    english, welsh = _page(project, "en", "support"), _page(project, "cy", "support")
    assert '<time datetime="2026-11-25">25 November 2026</time>' in english
    assert '<time datetime="2027-05-25">' in english and "Next review due" in english
    assert '<time datetime="2026-11-25">25 Tachwedd 2026</time>' in welsh
    assert "Adolygwyd ddiwethaf" in welsh


def test_languages_have_a_known_policy(project: Config) -> None:
    assert {lang.policy for lang in project.languages} <= {"drafts", "reviewed"}
    assert Language("cy").policy == "drafts"
