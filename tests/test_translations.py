"""The translations check: each rule on fixture catalogues, the command line, the real catalogues.

Each ``tests/fixtures/po/NAME.po`` holds a mistake, with the findings it must give written beside
it in ``NAME.expected`` (``rule line [silenced]`` a line); a fixture without ``.expected`` is a
correct translation that must give no finding at all.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from checks.cli import main
from checks.core import InputError, Options, rules
from checks.translations.check import check_file, run
from checks.translations.entries import Pair
from checks.translations.invariants import normal_number, numbers, urls
from checks.translations.rst import markup
from pipeline.config import Config
from pipeline.poformat import canonical
from tests.pofixtures import cldr, materialise, respelt, shifted

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = materialise()  # tests/fixtures/po, with the installed Babel's Plural-Forms
PO_FIXTURES = sorted(FIXTURES.rglob("*.po"))
TEXT_LINE = re.compile(r"^(\S+):(\d+): (error|warning|info): (.+) \[(po-[a-z-]+)\]( \(\w+\))?$")
INCOMPLETE = {"po-untranslated", "po-fuzzy"}

Expected = tuple[str, int, bool]


def expected(po: Path) -> list[Expected]:
    """The findings written beside a fixture: (rule, line, silenced)."""
    path = po.with_suffix(".expected")
    if not path.exists():
        return []
    out: list[Expected] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rule_id, number, *mark = line.split()
            out.append((rule_id, int(number), mark == ["silenced"]))
    return sorted(out)


@pytest.fixture(scope="module")
def options(config: Config) -> Options:
    """Options with the project's real configuration."""
    return Options(config=config)


def problems(msgid: str, msgstr: str, python_format: bool = False) -> list[str]:
    """The rule ids that fire on one translated message."""
    pair = Pair(msgid, msgstr, python_format, "https://www.bbc.co.uk/weather")
    return [r.id for r in rules("translations", "entry") for _ in r.func(pair)]


# --- every rule, on fixtures ----------------------------------------------------------------

@pytest.mark.parametrize("po", PO_FIXTURES, ids=lambda p: p.relative_to(FIXTURES).as_posix())
def test_fixture_gives_exactly_its_expected_findings(po: Path, options: Options) -> None:
    findings = check_file(po, options)
    assert sorted((f.rule, f.line, f.silenced) for f in findings) == expected(po)


def test_every_rule_has_a_bad_fixture_and_there_are_clean_ones() -> None:
    broken = {rule_id for po in PO_FIXTURES for rule_id, _, _ in expected(po)}
    ids = {r.id for r in rules("translations")}
    assert ids - broken == {"po-too-long"}  # a ten-thousand-character entry: made below
    assert len([po for po in PO_FIXTURES if not expected(po)]) >= 6


def test_rules_have_stable_ids_and_one_line_descriptions() -> None:
    registered = rules("translations")
    assert len(registered) >= 20
    for r in registered:
        assert re.fullmatch(r"po-[a-z]+(-[a-z]+)*", r.id)
        assert r.description and r.description != r.id and "\n" not in r.description


def test_a_finding_says_where_what_and_how_to_fix(options: Options) -> None:
    first = check_file(FIXTURES / "number-changed.po", options)[0]
    assert (first.rule, first.severity, first.check) == (
        "po-number-changed", "error", "translations")
    assert first.path == (FIXTURES / "number-changed.po").relative_to(ROOT).as_posix()
    assert first.line == 13 and first.lang == "cy"
    assert first.source == "docs/support.rst:12"
    assert first.message == "number `24` in the source is `12` in the translation"
    assert first.fix.endswith(".") and first.blocks


def test_messages_quote_both_sides(options: Options) -> None:
    by_rule: dict[str, str] = {}
    for po in ("url-changed.po", "tel-changed.po"):
        for finding in check_file(FIXTURES / po, options):
            by_rule.setdefault(finding.rule, finding.message)
    assert by_rule["po-url-changed"].startswith(
        "URL `https://www.samaritans.org` in the source is `https://www.samaritans.org/cymru`")
    assert "`` :tel:`999` `` in the source is `` :tel:`٩٩٩` ``" in by_rule["po-tel-changed"]


def test_english_left_as_its_own_translation_is_flagged_but_a_key_name_is_not() -> None:
    assert problems("Stay calm", "Stay calm") == ["po-same-as-source"]
    assert problems("Esc", "Esc") == [] and problems("Call 999.", "Call 999.") == []


def test_a_translator_may_silence_style_but_never_what_guards_readers(
        options: Options) -> None:
    findings = check_file(FIXTURES / "silenced.po", options)
    silenced = [f for f in findings if f.silenced]
    assert [(f.rule, f.reason) for f in silenced] == [
        ("po-obsolete", "kept while the page is rewritten")]
    assert not any(f.blocks for f in silenced)
    # "# checks: ignore po-number-changed -- ..." silences nothing: both numbers still block,
    # and each attempt is reported as a silence that only a reviewer's baseline may grant.
    assert [f.rule for f in findings if f.blocks] == ["po-number-changed", "po-number-changed"]
    attempts = [f for f in findings if f.rule == "po-bad-silence"]
    assert len(attempts) == 2 and "only a reviewer can accept" in attempts[0].message


def test_incomplete_entries_block_only_in_the_configured_languages(config: Config) -> None:
    lenient = Options(config=replace(config, block_incomplete=frozenset()))
    strict = Options(config=replace(config, block_incomplete=frozenset({"cy"})))
    for name, rule_id in (("untranslated.po", "po-untranslated"), ("fuzzy.po", "po-fuzzy")):
        assert [f.severity for f in check_file(FIXTURES / name, lenient)] == ["warning"]
        (finding,) = check_file(FIXTURES / name, strict)
        assert (finding.rule, finding.severity) == (rule_id, "error")
    assert [f.severity for f in check_file(FIXTURES / "obsolete.po", strict)] == ["warning"]
    message = check_file(FIXTURES / "untranslated.po", lenient)[0].message
    assert message == "3 untranslated entries of 5 (lines 17, 21, 29)"


def test_entries_missing_from_a_catalogue_count_against_the_current_template(
        tmp_path: Path, config: Config) -> None:
    project = replace(config, root=tmp_path)
    po = tmp_path / "locales" / "cy" / "LC_MESSAGES" / "page.po"
    pot = tmp_path / "locales" / "templates" / "page.pot"
    for path in (po.parent, pot.parent):
        path.mkdir(parents=True)
    shutil.copy(FIXTURES / "lang" / "pl" / "LC_MESSAGES" / "language-ok.po", pot)
    polish, welsh = cldr("pl"), cldr("cy")
    assert polish is not None and welsh is not None
    po.write_text(canonical(pot.read_text(encoding="utf-8").replace("Language: pl", "Language: cy")
                            .replace(polish.header, welsh.header).split("#: ")[0]),
                  encoding="utf-8")
    (finding,) = check_file(po, Options(config=project))
    assert finding.rule == "po-untranslated"
    assert finding.message.startswith("1 untranslated entry of 1 (1 in the current template")


# --- untrusted files: refused by path and reason, never read, never echoed -----------------

SECRET = "root:x:0:0:secret-line"


def _refused(capsys: pytest.CaptureFixture[str], *paths: Path) -> str:
    code, out, err = cli(capsys, *paths)
    assert code == 2, (out, err)
    assert "Traceback" not in err and SECRET not in out + err
    return err


def test_special_files_are_refused_with_their_path(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd").write_text(SECRET + "\n", encoding="utf-8")
    cases = {"fifo": "a FIFO", "folder": "a folder", "link-out": "leads outside the project",
             "dangling": "a link to nothing", "big": "more than a catalogue can be"}
    for name, reason in cases.items():
        folder = tmp_path / name / "cy" / "LC_MESSAGES"
        folder.mkdir(parents=True)
        shutil.copy(FIXTURES / "ok-cy.po", folder / "index.po")
        target = folder / "support.po"
        if name == "fifo":
            os.mkfifo(target)
        elif name == "folder":
            target.mkdir()
        elif name == "link-out":
            target.symlink_to(outside / "passwd")
        elif name == "dangling":
            target.symlink_to(folder / "nowhere.po")
        else:
            target.write_text(canonical((FIXTURES / "ok-cy.po").read_text(encoding="utf-8"))
                              + "\n# " + "x" * 1_100_000 + "\n", encoding="utf-8")
        err = _refused(capsys, tmp_path / name)
        assert f"{target}:" in err and reason in err, err


def test_a_huge_entry_is_refused_not_checked(tmp_path: Path, options: Options) -> None:
    po = tmp_path / "cy" / "LC_MESSAGES" / "page.po"
    po.parent.mkdir(parents=True)
    text = (FIXTURES / "ok-cy.po").read_text(encoding="utf-8")
    po.write_text(canonical(text + '\n#: ../../docs/x.rst:1\nmsgid "Call 999."\nmsgstr "'
                            + "Ffonia 998. " * 900 + '"\n'), encoding="utf-8")
    findings = check_file(po, options)
    assert [f.rule for f in findings] == ["po-too-long"]
    assert "10," in findings[0].message and findings[0].blocks


def test_only_the_languages_asked_for_are_checked(tmp_path: Path, options: Options) -> None:
    for code in ("cy", "pl"):
        folder = tmp_path / code / "LC_MESSAGES"
        folder.mkdir(parents=True)
        shutil.copy(FIXTURES / "number-changed.po", folder / "page.po")
    findings = run([tmp_path], replace(options, languages=frozenset({"pl"})))
    assert {f.path.split("/")[-3] for f in findings} == {"pl"}


def test_a_missing_path_is_an_input_error(options: Options) -> None:
    with pytest.raises(InputError, match=r"no-such\.po"):
        run([ROOT / "no-such.po"], options)


# --- no false positives -----------------------------------------------------------------------

@pytest.mark.parametrize(("msgid", "msgstr"), [
    ("Call :tel:`999` or :tel:`101`.", "Ffonia :tel:`101` neu :tel:`999`."),
    ("The number is 0800 1111.", "Numer to 0800\u00a01111."),
    ("The number is 0800 1111.", "Numer to 08001111."),
    ("The number is 0800 1111.", "Numer to 0800\u202f1111."),
    ("Under 19 can call.", "يمكن لمن هم دون ١٩ الاتصال."),
    ("Under 19 can call.", "۱۹ سال سے کم عمر کے لوگ کال کر سکتے ہیں۔"),
    ("Call :tel:`999`, now.", "اتصل بالرقم :tel:`999`، الآن."),
    ("Visit `site <https://a.example>`__.", "ویب سائٹ: `سائٹ <https://a.example>`__۔"),
    ("Read :doc:`what to do <what-to-do>`.", "Przeczytaj :doc:`co robić <what-to-do>`."),
    ("Read :doc:`what to do <what-to-do>`.", "Darllena :doc:`what-to-do`."),
    ("Press :kbd:`Shift` and :guilabel:`Leave`.", "Naciśnij :kbd:`Shift` i :guilabel:`Wyjdź`."),
    ("It costs 1,000 pounds.", "Kosztuje 1 000 funtów."),
    ("Go to https://www.bbc.co.uk/weather.", "Idź do https://www.bbc.co.uk/weather."),
    ("Call %(number)s.", "Ffonia %(number)s nawr."),
])
def test_correct_translations_give_no_finding(msgid: str, msgstr: str) -> None:
    assert problems(msgid, msgstr, "%(" in msgid) == []


def test_numbers_compare_by_digits_in_any_script() -> None:
    assert normal_number("٠٨٠٠ ١١١١") == normal_number("۰۸۰۰ ۱۱۱۱") == "08001111"
    assert [k for k, _ in numbers("0800\u00a01111 and 116 123")] == ["08001111", "116123"]
    assert [k for k, _ in numbers("see https://a.example/2024 or %(n)s")] == []
    assert urls("Visit https://www.police.uk.") == [("https://www.police.uk",) * 2]


def test_a_translation_never_runs_a_directive() -> None:
    read = markup(".. include:: /etc/passwd")
    assert read.blocks == ("directive",) and read.tokens == ()
    assert problems("Hello.", ".. include:: /etc/passwd") == ["po-block-changed"]


def test_the_reused_parser_gives_the_same_answer_every_time() -> None:
    markup.cache_clear()
    first = [markup(f"* item {n} :tel:`999` `a <https://a.example>`__") for n in range(50)]
    markup.cache_clear()
    again = [markup(f"* item {n} :tel:`999` `a <https://a.example>`__") for n in range(50)]
    assert first == again and {m.blocks for m in first} == {("bullet_list",)}


# --- the command line -------------------------------------------------------------------------

def cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    """Run ``python -m checks translations ARGS`` and return (exit code, stdout, stderr)."""
    code = main(["translations", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, FIXTURES / "ok-cy.po")[0] == 0
    assert cli(capsys, FIXTURES / "untranslated.po")[0] == 0  # warnings never block
    assert cli(capsys, FIXTURES / "number-changed.po")[0] == 1
    code, _, err = cli(capsys, FIXTURES / "no-such.po")
    assert code == 2 and "no-such.po" in err


def test_cli_a_silenced_style_rule_does_not_block_but_a_silenced_number_does(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (FIXTURES / "silenced.po").read_text(encoding="utf-8")
    (tmp_path / "silenced.po").write_text(canonical(
        text.split("# checks: ignore po-number-changed")[0]
        + text.split("msgstr \"Cymorth am ddim")[1].split("\n", 1)[1]), encoding="utf-8")
    code, out, _ = cli(capsys, tmp_path / "silenced.po")
    assert code == 0 and "[po-obsolete] (silenced)" in out
    code, out, _ = cli(capsys, FIXTURES / "silenced.po")
    assert code == 1 and "[po-number-changed]" in out


def test_cli_text_output_is_one_finding_a_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, FIXTURES / "number-changed.po", FIXTURES / "silenced.po")
    lines = out.splitlines()
    assert code == 1 and len(lines) == 8
    assert all(TEXT_LINE.match(line) for line in lines), lines
    shown = (FIXTURES / "number-changed.po").relative_to(ROOT).as_posix()
    assert lines[0] == (f"{shown}:13: error: number `24` in the "
                        "source is `12` in the translation [po-number-changed]")


def test_cli_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, FIXTURES / "tel-changed.po", "--format", "json")
    data = json.loads(out)
    assert code == 1 and len(data) == 3
    for item in data:
        assert {"rule", "severity", "path", "line", "message", "lang", "source", "fix"} <= set(item)
        assert (item["rule"], item["severity"], item["lang"]) == ("po-tel-changed", "error", "ar")
        assert item["path"] == (FIXTURES / "tel-changed.po").relative_to(ROOT).as_posix()


def test_cli_a_broken_file_does_not_stop_the_others(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("syntax.po", "not-utf8.po", "number-changed.po", "ok-ar.po"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    code, out, err = cli(capsys, tmp_path)
    rules_found = {m.group(5) for m in map(TEXT_LINE.match, out.splitlines()) if m}
    assert code == 1
    assert rules_found == {"po-syntax", "po-number-changed"}
    assert "Traceback" not in out + err


def test_cli_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translations", "--list-rules"]) == 0
    out = capsys.readouterr().out
    for r in rules("translations"):
        assert re.search(rf"^{r.id}\s+translations\s+{r.severity}\s+", out, re.MULTILINE)


# --- the real catalogues ----------------------------------------------------------------------

def test_real_catalogues_have_no_error_but_incompleteness(options: Options) -> None:
    findings = run([], options)
    assert findings is not None
    errors = [str(f) for f in findings if f.severity == "error" and f.rule not in INCOMPLETE]
    assert errors == []


# --- Plural-Forms judged by meaning, against the installed Babel ------------------------------

def _plural_catalogue(tmp_path: Path, code: str, header: str, plural_entry: bool) -> Path:
    po = tmp_path / code / "LC_MESSAGES" / "page.po"
    po.parent.mkdir(parents=True, exist_ok=True)
    entry = ('msgid "one picture"\nmsgid_plural "many pictures"\n' if plural_entry
             else 'msgid "Stay calm"\n')
    forms = cldr(code)
    assert forms is not None
    strings = ("".join(f'msgstr[{i}] "x"\n' for i in range(forms.count)) if plural_entry
               else 'msgstr "x"\n')
    po.write_text(canonical(f'msgid ""\nmsgstr ""\n"Language: {code}\\n"\n'
                            '"Content-Type: text/plain; charset=UTF-8\\n"\n'
                            f'"Plural-Forms: {header}\\n"\n\n{entry}{strings}'), encoding="utf-8")
    return po


@pytest.mark.parametrize("code", ["cy", "pl", "ro", "ar", "ur"])
def test_plural_forms_spelt_differently_but_meaning_the_same_pass(
        tmp_path: Path, options: Options, code: str) -> None:
    forms = cldr(code)
    assert forms is not None
    for plural_entry in (False, True):
        po = _plural_catalogue(tmp_path, code, respelt(forms), plural_entry)
        assert [f.rule for f in check_file(po, options)] == []


@pytest.mark.parametrize("code", ["cy", "pl", "ar"])
def test_plural_forms_that_split_differently_fail_only_where_plurals_are_used(
        tmp_path: Path, options: Options, code: str) -> None:
    forms = cldr(code)
    assert forms is not None
    unused = check_file(_plural_catalogue(tmp_path, code, shifted(forms), False), options)
    assert [(f.rule, f.severity) for f in unused] == [("po-plural-forms", "warning")]
    assert forms.header in unused[0].message  # quotes CLDR's form
    used = check_file(_plural_catalogue(tmp_path, code, shifted(forms), True), options)
    assert [(f.rule, f.severity) for f in used if f.rule == "po-plural-forms"] == [
        ("po-plural-forms", "error")]
    assert "n=0" in used[0].message or "n=1" in used[0].message


def test_plural_forms_with_another_number_of_forms_or_nonsense_are_named(
        tmp_path: Path, options: Options) -> None:
    (fewer,) = check_file(_plural_catalogue(tmp_path, "cy", "nplurals=2; plural=(n != 1);", True),
                          options)
    assert fewer.severity == "error" and "has 2 forms where CLDR has" in fewer.message
    for header in ("nplurals=3; plural=__import__('os');", "nplurals=2; plural=n == 1 ? 0 : 5;",
                   "plural=n != 1;"):
        (bad,) = check_file(_plural_catalogue(tmp_path, "pl", header, False), options)
        assert (bad.rule, bad.severity) == ("po-plural-forms", "error"), header
        assert "cannot be used" in bad.message


def test_the_real_catalogues_carry_cldr_plural_forms_of_the_installed_babel(
        config: Config, options: Options) -> None:
    findings = [f for f in run([config.locales], options) if f.rule == "po-plural-forms"]
    assert findings == []
