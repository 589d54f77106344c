"""The readability check: splitting and counting in every script, the formulas, the check on a
hand-written site (``tests/fixtures/readability/site``) and on the real guide."""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from checks import cli
from checks.core import Finding, InputError, Options, exit_code
from checks.readability import syllables
from checks.readability.check import run
from checks.readability.measures import (
    FORMULAS,
    Counts,
    Formula,
    count_sentence,
    flesch_kincaid_grade,
    flesch_reading_ease,
    formula_for,
    gulpease,
)
from checks.readability.page import parse_page, read_page
from checks.readability.score import Settings
from checks.readability.split import Token, is_long, letters, split_sentences, tokens
from checks.sources import blocks
from pipeline.build import BuildResult, build
from pipeline.config import Config, load, parse

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "readability"
SITE = FIXTURES / "site"
TRANSLATED = ("cy", "pl", "ar", "ur")


def with_readability(config: Config, **changes: object) -> Config:
    """The configuration with some keys of ``[tool.guide.readability]`` changed."""
    return replace(config, readability={**config.readability, **changes})


@pytest.fixture(scope="module")
def cfg() -> Config:
    """The project's configuration, compared on LIX in every language as the fixtures expect."""
    return with_readability(load(ROOT), compare={"default": "lix"})


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a socket fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("tried to use the network")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def sentences(text: str, lang: str) -> list[str]:
    return [s for _, s in split_sentences(text, lang)]


def counts(text: str, lang: str) -> Counts:
    total = Counts(syllables=0 if lang == "en" else None)
    for sentence in sentences(text, lang):
        total = total + count_sentence(sentence, lang)
    return total


def fixture_text(lang: str, kind: str) -> str:
    return (FIXTURES / "texts" / f"{lang}-{kind}.txt").read_text(encoding="utf-8")


def check(config: Config, *paths: Path) -> list[Finding]:
    return run(list(paths), Options(config=config))


def by_page(findings: list[Finding], rule: str) -> dict[str, Finding]:
    return {f.path.split("site/", 1)[1]: f for f in findings if f.rule == rule}


# --- splitting and counting -------------------------------------------------------------

@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "Use a long phrase, e.g. a song line. WCAG 2.2 has rules. Dr. Li can help! Safe? Yes.",
     ["Use a long phrase, e.g. a song line.", "WCAG 2.2 has rules.", "Dr. Li can help!",
      "Safe?", "Yes."]),
    ("en", "Visit samaritans.org. Call 0800 1111 now.",
     ["Visit samaritans.org.", "Call 0800 1111 now."]),
    ("cy", "Mae'n bwysig, e.e. i'w rhieni a’r plant. Ffonia 0800 1111 nawr.",
     ["Mae'n bwysig, e.e. i'w rhieni a’r plant.", "Ffonia 0800 1111 nawr."]),
    ("pl", "Zadzwoń np. do mamy, m.in. wieczorem. To 2.5 zł. Nie płać!",
     ["Zadzwoń np. do mamy, m.in. wieczorem.", "To 2.5 zł.", "Nie płać!"]),
    ("ro", "Sună la nr. 116 111, de ex. seara. Nu plăti.",
     ["Sună la nr. 116 111, de ex. seara.", "Nu plăti."]),
    ("ar", "هل أنت بخير؟ لا تدفع المال، واحفظ الرسائل؛ ثم احظره. اتصل الآن.",
     ["هل أنت بخير؟", "لا تدفع المال، واحفظ الرسائل؛ ثم احظره.", "اتصل الآن."]),
    ("ur", "کیا آپ ٹھیک ہیں؟ پیسے نہ دیں، پیغامات محفوظ کریں۔پھر بلاک کریں۔",
     ["کیا آپ ٹھیک ہیں؟", "پیسے نہ دیں، پیغامات محفوظ کریں۔", "پھر بلاک کریں۔"]),
])
def test_sentences_in_every_script(lang: str, text: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


def test_sentence_offsets_point_at_the_sentence() -> None:
    text = "First one.\n  Second one?"
    assert [(o, text[o:o + 6]) for o, _ in split_sentences(text, "en")] == [
        (0, "First "), (13, "Second")]


def test_tokens_keep_apostrophes_numbers_and_addresses_whole() -> None:
    assert [t.text for t in tokens("Mae'n bwysig i'w rhieni a’r plant.")] == [
        "Mae'n", "bwysig", "i'w", "rhieni", "a’r", "plant"]
    found = tokens("Call 0800 1111, 0345 6000 459 or 999; see childline.org.uk, e.g. 24/7.")
    assert [(t.text, t.kind) for t in found] == [
        ("Call", "word"), ("0800 1111", "number"), ("0345 6000 459", "number"), ("or", "word"),
        ("999", "number"), ("see", "word"), ("childline.org.uk", "link"), ("e.g.", "word"),
        ("24/7", "number")]
    assert [t.text for t in tokens("اتصل على ٠٨٠٠ ١١١١ الآن، شكرًا")] == [
        "اتصل", "على", "٠٨٠٠ ١١١١", "الآن", "شكرًا"]


def test_letters_and_long_words_per_script() -> None:
    assert letters("ddefnyddio", "cy") == 8  # dd, dd: one Welsh letter each
    assert letters("ddefnyddio", "en") == 10
    assert letters("شُكْرًا", "ar") == 4  # diacritics are not letters
    assert letters("بـ", "ar") == 1  # nor is the tatweel
    word = Token("wiadomości", "word")
    assert is_long(word, "pl") and not is_long(Token("police", "word"), "en")
    assert not is_long(Token("الشرطة", "word"), "ar")  # ال + 4 letters
    assert is_long(Token("الابتزاز", "word"), "ar")  # ال + 6 letters
    assert is_long(Token("معلومات", "word"), "ur") and not is_long(Token("پولیس", "word"), "ur")
    assert not is_long(Token("0345 6000 459", "number"), "en")


def test_syllables_offline(no_network: None) -> None:
    expected = {"evidence": 3, "blackmailing": 3, "don't": 1, "e-mail": 2, "Samaritans": 4,
                "helpline": 2, "youngminds": 2, "sextortion": 3, "UK": 2, "NCSC": 4}
    assert {w: syllables.english(w) for w in expected} == expected
    assert [syllables.heuristic(w) for w in ("make", "table", "wanted", "blocked", "the")] == [
        1, 2, 2, 1, 1]
    assert counts(fixture_text("en", "plain"), "en").syllables == 47
    findings = check(load(ROOT), SITE / "en" / "plain.html")
    assert any(f.rule == "read-score" for f in findings)


def test_nothing_imports_textstat_or_nltk() -> None:
    code = ("import sys, checks.readability.check, checks.readability.measures; "
            "print(sorted(m for m in ('textstat', 'nltk') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


# --- formulas ---------------------------------------------------------------------------

def test_flesch_kincaid_by_hand() -> None:
    # The(1) cat(1) sat(1) on(1) the(1) mat(1) / It(1) was(1) a(1) sun-ny(2) day(1):
    # 11 words, 2 sentences, 12 syllables.
    c = counts("The cat sat on the mat. It was a sunny day.", "en")
    assert c == Counts(sentences=2, words=11, letters=31, long_words=0, syllables=12)
    assert flesch_kincaid_grade(c) == pytest.approx(0.39 * 11 / 2 + 11.8 * 12 / 11 - 15.59)
    assert flesch_kincaid_grade(c) == pytest.approx(-0.5723, abs=1e-4)
    assert flesch_reading_ease(c) == pytest.approx(206.835 - 1.015 * 5.5 - 84.6 * 12 / 11)


def test_gulpease_by_hand() -> None:
    # Il(2) gatto(5) dorme(5) sul(3) letto(5) / Oggi(4) fa(2) caldo(5): 31 letters, 8 words.
    c = counts("Il gatto dorme sul letto. Oggi fa caldo.", "it")
    assert (c.sentences, c.words, c.letters, c.syllables) == (2, 8, 31, None)
    assert gulpease(c) == pytest.approx(89 + (300 * 2 - 10 * 31) / 8)


def test_formula_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    assert formula_for("en-GB") is FORMULAS["en"]
    assert formula_for("it") is FORMULAS["it"]
    assert all(formula_for(lang) is None for lang in ("cy", "pl", "ro", "ar", "ur"))
    with pytest.raises(ValueError, match="syllables"):
        flesch_kincaid_grade(counts("Dim ond prawf.", "cy"))
    # A formula that needs syllables is not used where they cannot be counted.
    spanish = Formula("fernandez-huerta", "Fernández Huerta", frozenset({"es"}),
                      lambda c: 0.0, higher_is_harder=False, default_limit=70.0,
                      needs_syllables=True)
    monkeypatch.setitem(FORMULAS, "es", spanish)
    assert formula_for("es") is None


@pytest.mark.parametrize("lang", ["en", "it", *TRANSLATED])
def test_plain_passes_and_dense_fails(lang: str) -> None:
    plain = counts(fixture_text(lang, "plain"), lang)
    dense = counts(fixture_text(lang, "dense"), lang)
    if lang == "en":
        assert flesch_kincaid_grade(plain) <= 6.0 < flesch_kincaid_grade(dense)
    elif lang == "it":
        assert gulpease(dense) < 80.0 <= gulpease(plain)
    else:
        english = counts(fixture_text("en", "plain"), "en").lix
        assert plain.lix / english <= 1.5 < dense.lix / english


# --- the page's text --------------------------------------------------------------------

def test_main_content_only() -> None:
    page = read_page(SITE / "cy" / "partial.html")
    assert page.lang == "cy" and page.main_line == 14
    text = " ".join(b.text for b in page.blocks)
    assert "Outside" not in text and "Leave this site" not in text
    assert [(b.kind, b.lang) for b in page.blocks] == [
        ("heading", "cy"), ("text", "cy"), ("text", "en"), ("text", "en"), ("text", "en")]
    second = page.blocks[1]
    assert second.line_at(second.text.index("Paid")) == 18


def test_labels_and_hidden_text() -> None:
    html = ('<html lang="en"><body><main id="main"><dl><dt>Samaritans</dt><dd><p>Call now.'
            '</p></dd></dl><p class="admonition-title">Important</p><p hidden>Secret.</p>'
            '<pre>code here</pre><nav>Next</nav></main><footer>Foot.</footer></body></html>')
    page = parse_page(html)
    assert [(b.kind, b.text) for b in page.blocks] == [
        ("label", "Samaritans"), ("text", "Call now."), ("label", "Important")]


# --- the check on the fixture site ------------------------------------------------------

def test_fixture_site(cfg: Config) -> None:
    findings = check(cfg, SITE)
    assert all(f.check == "readability" and f.path.startswith(str(SITE)) for f in findings)
    assert not any("Outside" in f.message for f in findings)
    errors = sorted(by_page(findings, "read-too-hard"))
    assert errors == sorted(["en/dense.html", "it/dense.html"]
                            + [f"{lang}/hard-translation.html" for lang in TRANSLATED])
    scores = by_page(findings, "read-score")
    assert "index.html" not in scores and len(scores) == 15
    en = scores["en/plain.html"]
    assert en.message.startswith("Flesch-Kincaid grade 0.5 (target 6.0 or below); reading ease")
    # 40 words, 7 sentences, 47 syllables (see test_syllables_offline).
    assert en.score == round(0.39 * 40 / 7 + 11.8 * 47 / 40 - 15.59, 2)
    assert (en.threshold, en.lang, en.line) == (6.0, "en", 14)
    assert scores["it/plain.html"].message.startswith("Gulpease index 110.5 (target 80.0 or above)")
    for lang in TRANSLATED:
        f = scores[f"{lang}/plain.html"]
        assert f.message.startswith("LIX ") and " in English (ratio " in f.message
        assert f.score is not None and f.threshold is not None and f.score <= f.threshold
    bad = scores["ar/hard-translation.html"]
    assert bad.threshold == pytest.approx(1.5 * 15.71, abs=0.01)


def test_hardest_sentences_are_located(cfg: Config) -> None:
    findings = [f for f in check(cfg, SITE) if f.rule == "read-hard-sentence"]
    for f in findings:
        html = Path(f.path).read_text(encoding="utf-8").splitlines()
        assert f.snippet.split()[0] in html[f.line - 1], f
        assert len(f.message) < 300
    plain = [f for f in findings if f.path.endswith("en/plain.html")]
    assert [f.snippet for f in plain] == [
        "If someone threatens you online, you are not to blame.", "Save the messages.",
        "You can call Childline on 0800 1111."]
    assert plain[0].line == 17 and plain[0].source == "docs/plain.rst"
    dense = [f for f in findings if f.path.endswith("pl/hard-translation.html")]
    assert len(dense) == 1 and "the page's only sentence" in dense[0].message
    assert dense[0].message.endswith("…”")


def test_partial_translation_compares_like_with_like(cfg: Config) -> None:
    f = by_page(check(cfg, SITE / "cy" / "partial.html"), "read-score")["cy/partial.html"]
    # Welsh: 15 words, 2 sentences, no long word. English, the same two sentences only:
    # 14 words, 2 long ("someone", "threatens"): 7 + 100 * 2 / 14.
    assert f.message.startswith("LIX 7.5 vs 21.3 in English")
    assert "5 sentences still in another language, not measured" in f.message


def test_exceptions_accept_but_keep_severity(cfg: Config) -> None:
    accepted = with_readability(cfg, exceptions=[
        {"page": "en/dense", "rule": "read-too-hard", "reason": "A test page, hard on purpose."},
        {"page": "*/hard-translation", "rule": "read-*", "reason": "Hard on purpose."},
        {"page": "it/*", "rule": "read-too-hard", "reason": "Italian is an example."},
    ])
    findings = check(accepted, SITE)
    errors = [f for f in findings if f.rule == "read-too-hard"]
    assert len(errors) == 6 and all(f.severity == "error" and f.accepted for f in errors)
    assert {f.reason for f in errors if "en/dense" in f.path} == {"A test page, hard on purpose."}
    assert exit_code(findings) == 0
    assert exit_code(check(cfg, SITE)) == 1
    with pytest.raises(InputError, match="needs reason"):
        check(with_readability(cfg, exceptions=[{"page": "en/*", "rule": "*"}]), SITE)


def test_comparison_measure_is_configurable(cfg: Config, tmp_path: Path) -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r"^compare = ", text, flags=re.MULTILINE)
    (tmp_path / "pyproject.toml").write_text(re.sub(
        r"^compare = .*$", 'compare = { default = "lix", pl = "words_per_sentence" }', text,
        flags=re.MULTILINE), "utf-8")
    config = parse(tmp_path / "pyproject.toml")
    assert Settings.from_config(config).measure("pl") == "words_per_sentence"
    scores = by_page(check(config, SITE), "read-score")
    assert scores["pl/plain.html"].message.startswith("words a sentence 5.4 vs 5.7 in English")
    assert scores["cy/plain.html"].message.startswith("LIX ")
    (tmp_path / "pyproject.toml").write_text(re.sub(r"^compare = .*$", 'compare = "fog"', text,
                                                    flags=re.MULTILINE), "utf-8")
    with pytest.raises(InputError, match="compare"):
        check(parse(tmp_path / "pyproject.toml"), SITE)


def test_unreadable_pages_are_findings(cfg: Config, tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "en").mkdir(parents=True)
    (site / "en" / "no-main.html").write_text('<html lang="en">\n<body><p>Hi.</p></body></html>')
    (site / "en" / "no-lang.html").write_text(
        '<html><body><main id="main">Hi.</main></body></html>')
    (site / "en" / "latin1.html").write_bytes(b'<html lang="en">\n<p>caf\xe9</p></html>')
    found = {Path(f.path).name: f for f in check(cfg, site)}
    assert {name: f.rule for name, f in found.items()} == {
        "no-main.html": "read-unreadable", "no-lang.html": "read-unreadable",
        "latin1.html": "read-unreadable"}
    assert "<main" in found["no-main.html"].message and "lang" in found["no-lang.html"].message
    assert found["latin1.html"].line == 2 and found["latin1.html"].severity == "error"


def test_missing_english_page_is_a_warning(cfg: Config, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE / "cy", site / "cy")
    findings = check(cfg, site / "cy" / "plain.html")
    assert [f.rule for f in findings if f.severity != "info"] == ["read-not-measured"]
    assert "no readable English page" in findings[0].message


def test_results_are_not_cached(cfg: Config, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    first = check(cfg, site)
    assert check(cfg, site) == first
    page = site / "en" / "plain.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "Do not pay them.", "Do not, notwithstanding considerable intimidation, remit payment."))
    again = by_page(check(cfg, site), "read-score")["en/plain.html"]
    assert again != by_page(first, "read-score")["en/plain.html"]


def test_exit_codes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert cli.main(["readability", str(SITE)]) == 1
    capsys.readouterr()
    assert cli.main(["readability", str(SITE / "cy" / "plain.html"), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    # Welsh has no formula and no word list: each said once, as information.
    assert {f["rule"] for f in out} == {"read-score", "read-hard-sentence", "read-no-formula",
                                        "read-no-wordlist"}
    assert {f["severity"] for f in out} == {"info"}
    assert all({"rule", "severity", "path", "line", "message", "lang", "source"} <= f.keys()
               for f in out)
    assert cli.main(["readability", str(tmp_path / "missing")]) == 2
    assert cli.main(["readability", str(tmp_path)]) == 2


# --- the real guide ---------------------------------------------------------------------

def _table(findings: list[Finding]) -> str:
    rows = [f"{f.path}: {f.message}" for f in findings if f.rule in ("read-score", "read-too-hard",
                                                                     "read-not-measured")]
    return "\n".join(rows)


def test_real_guide_english_passes(cfg: Config, tmp_path_factory: pytest.TempPathFactory) -> None:
    site = tmp_path_factory.mktemp("readability") / "site"
    result = build(cfg, ["en"], site=site)
    assert result.built == ["en"], result.failed
    findings = check(cfg, *sorted((site / "en").glob("*.html")))
    print(_table(findings))
    scores = by_page(findings, "read-score")
    assert len(scores) == len(list((ROOT / "docs").glob("*.rst")))
    assert not [f for f in findings if f.severity != "info"], _table(findings)
    assert all(f.score is not None and f.score <= 6.0 for f in scores.values())
    hardest = [f for f in findings if f.rule == "read-hard-sentence"]
    assert len(hardest) == 3 * len(scores)
    for f in hardest:  # the source is the .rst line of the block the sentence is in
        recorded = blocks(site, Path(f.path))
        assert any(b.source.rst == f.source and f.snippet in b.text for b in recorded), f


def test_real_guide_passes_in_every_language(guide: BuildResult) -> None:
    """Every page of every built language, with the project's own settings."""
    config = load(ROOT)
    findings = check(config, guide.site)
    print(_table(findings))
    scores = by_page(findings, "read-score")
    assert len(scores) == len(guide.built) * len(list((ROOT / "docs").glob("*.rst")))
    assert [str(f) for f in findings if f.severity != "info"] == []
    for name, f in scores.items():
        if not name.startswith("en/"):
            assert " in English (ratio " in f.message, f


