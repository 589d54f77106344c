"""The reviewer's report and the publish gate."""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import polib
import pytest

from checks.browser.chrome import Browser, run_axe
from checks.browser.serve import serve
from checks.core import Accepted, Finding, Options, apply_baseline, load_baseline
from checks.report.write import write_reports
from pipeline import publish as gate
from pipeline.cli import main as guide
from pipeline.config import Config
from pipeline.sitemap import sitemap
from tests.test_languages import make_project

FAMILIES = ["translations", "readability", "a11y", "privacy"]


def sample(config: Config) -> list[Finding]:
    shots = config.build / "reports" / "shots"
    shots.mkdir(parents=True, exist_ok=True)
    png = Path(__file__).parent / "fixtures" / "pixel.png"
    (shots / "pixel.png").write_bytes(png.read_bytes())
    return [
        Finding("po-number-changed", "error", "locales/cy/LC_MESSAGES/support.po", 40,
                "number `116 123` in the source is `116 124` in the translation", lang="cy",
                check="translations", source="docs/support.rst:12", fix="Copy the number."),
        Finding("axe-image-alt", "error", "_build/site/en/index.html", 1,
                "Images must have alternative text", lang="en", check="a11y", impact="critical",
                element="img", snippet="<img src=x>",
                source="docs/index.rst:20", screenshot="shots/pixel.png", fix="Add alt text."),
        Finding("a11y-reflow", "error", "_build/site/ar/support.html", 1, "page is 400 px wide",
                lang="ar", check="a11y"),
        Finding("read-score", "info", "_build/site/en/index.html", 30, "Flesch-Kincaid grade 3.1",
                lang="en", check="readability", score=3.1, threshold=6.0),
        Finding("read-score", "info", "_build/site/cy/index.html", 30,
                "LIX 30.0 vs 18.0 in English", lang="cy", check="readability", score=30.0,
                threshold=27.0),
    ]


def test_reports_show_what_blocks_and_where(config: Config, tmp_path: Path) -> None:
    baseline = [Accepted(rule="a11y-reflow", path="*/ar/support.html",
                         reason="wide table, issue 12")]
    findings = apply_baseline(sample(config), baseline)
    out = tmp_path / "reports"
    write_reports(findings, out, Options(config=config), FAMILIES, baseline)
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith("## ❌ Not publishable: 2 blocking findings")
    # Backticks from the message are escaped: untrusted text stays literal in Markdown.
    assert ("`locales/cy/LC_MESSAGES/support.po:40` (cy): number \\`116 123\\` in the source is "
            "\\`116 124\\`") in summary
    assert "| cy | 1 blocking | pass | pass | pass |" in summary
    assert "| ar | pass | pass | 1 accepted | pass |" in summary
    assert len(summary.splitlines()) < 40
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in html and "<svg" in html and "wide table, issue 12" in html
    assert "http://" not in html.replace("http://www.w3.org", "") and "<script" not in html
    assert "(impact: critical)" in html and "Add alt text." in html and "docs/index.rst:20" in html
    assert "&lt;img src=x&gt;" in html and "Flesch-Kincaid grade against 6" in html
    suites = ET.parse(out / "junit.xml").getroot()
    failures = {s.get("name"): int(s.get("failures") or 0) for s in suites}
    assert failures == {"translations": 1, "readability": 0, "a11y": 1, "privacy": 0}
    data = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert {"rule", "severity", "path", "line", "message", "lang", "source"} <= set(data[0])
    assert [d["accepted"] for d in data if d["rule"] == "a11y-reflow"] == [True]
    assert sorted(p.name for p in out.iterdir()) == [
        "findings.json", "junit.xml", "report.html", "summary.md"], "no temporary file left"


def test_second_run_says_what_is_new_and_fixed(config: Config, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    first = sample(config)
    write_reports(first, out, Options(config=config), FAMILIES, [])
    second = [*first[1:], Finding("privacy-cookie", "error", "_build/site/en/x.html", 1,
                                  "cookie set: a", lang="en", check="privacy")]
    write_reports(second, out, Options(config=config), FAMILIES, [])
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "- 1 new, 1 fixed, 0 accepted since the last run" in summary


def test_report_names_held_back_languages_as_the_build_found_them(config: Config,
                                                                   tmp_path: Path) -> None:
    out = tmp_path / "reports"
    write_reports(sample(config), out, Options(config=config), FAMILIES, [],
                  held_back={"pl": "40% translated, below 90%"})
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "- Held back: Polski (pl), 40% translated, below 90%." in summary
    assert "Held back: Polski (pl)" in (out / "report.html").read_text(encoding="utf-8")


def test_report_passes_axe(config: Config, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    write_reports(sample(config), out, Options(config=config), FAMILIES, [])
    with serve(out) as server, Browser() as browser:
        browser.driver.get(server.url("report.html"))
        result = run_axe(browser)
    assert result["version"].startswith("4.")
    assert [v["id"] for v in result["violations"]] == []


def test_baseline_entries_need_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "baseline.toml"
    path.write_text('[[accept]]\nrule = "axe-*"\npath = "*"\n', encoding="utf-8")
    with pytest.raises(Exception, match="needs reason"):
        load_baseline(path)


def _job(folder: Path, findings: list[Finding], languages: list[str] | None) -> str:
    folder.mkdir(parents=True)
    (folder / "findings.json").write_text(json.dumps([f.to_json() for f in findings]), "utf-8")
    if languages is not None:  # a job that finished records what it covered
        (folder / "run.json").write_text(json.dumps(
            {"complete": True, "languages": languages, "checks": FAMILIES}), "utf-8")
    return str(folder / "findings.json")


def test_merge_of_per_language_jobs(config: Config, tmp_path: Path) -> None:
    findings = sample(config)
    codes = [lang.code for lang in config.languages]
    parts = [_job(tmp_path / "a", findings[:3], codes[:3]),
             _job(tmp_path / "b", findings[2:], codes[3:])]
    assert guide(["merge", *parts, "--report-dir", str(tmp_path / "merged")]) == 1
    merged = json.loads((tmp_path / "merged" / "findings.json").read_text(encoding="utf-8"))
    assert len(merged) == len(findings)
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    assert guide(["merge", str(tmp_path / "bad.json"), "--report-dir", str(tmp_path / "m2")]) == 2


def test_merge_refuses_when_a_language_job_crashed(
        config: Config, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    codes = [lang.code for lang in config.languages]
    clean = [_job(tmp_path / "a", [], codes[:-1])]
    crashed = _job(tmp_path / "b", [], None)  # findings.json written, the run never finished
    assert guide(["merge", *clean, crashed, "--report-dir", str(tmp_path / "m")]) == 2
    assert "crashed or was cut short" in capsys.readouterr().err
    assert guide(["merge", *clean, "--report-dir", str(tmp_path / "m")]) == 2
    assert f"no finished check for {codes[-1]}" in capsys.readouterr().err
    assert not (tmp_path / "m" / "summary.md").exists(), "no report says Publishable"


@pytest.mark.browser
def test_publish_refuses_a_broken_translation_and_keeps_the_last_publication(
        tmp_path: Path) -> None:
    config = make_project(tmp_path)
    root = ["--root", str(tmp_path), "publish", "--base-url", "https://guide.example"]
    assert guide(root) == 0
    publish = tmp_path / "_build" / "publish"
    first = publish.resolve()
    site = publish / "site"
    assert (site / "cy" / "support.html").is_file() and (site / "_headers").is_file()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert '<loc>https://guide.example/pl/support.html</loc>' in sitemap
    assert 'hreflang="cy" href="https://guide.example/cy/support.html"' in sitemap
    assert (publish / "report" / "summary.md").read_text(encoding="utf-8").startswith("## ✅")
    assert not list(site.rglob(".*")), "source maps and build records are never published"
    assert not (publish / "report" / "findings.json").read_text("utf-8").count(str(tmp_path))

    po_path = config.locales / "cy" / "LC_MESSAGES" / "support.po"
    po = polib.pofile(str(po_path))
    entry = next(e for e in po if ":tel:`116 123`" in e.msgid)
    entry.msgstr = entry.msgstr.replace("116 123", "116 124")
    po.save(str(po_path))

    assert guide(root) == 1
    assert publish.resolve() == first, "the previous publication is untouched"
    summary = (tmp_path / "_build" / "reports" / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith("## ❌ Not publishable")
    assert "116 124" in summary and "support.po" in summary
    assert os.path.islink(publish)


def test_sitemap_lists_each_page_per_language_with_alternates(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for page in ("en/index", "en/support", "cy/index", "cy/support", "ar/index"):
        (site / f"{page}.html").parent.mkdir(parents=True, exist_ok=True)
        (site / f"{page}.html").write_text("<html></html>", encoding="utf-8")
    text = sitemap(site, "https://guide.example/a&b/", ["en", "cy", "ar"], "en")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert not re.search(r"&(?!amp;)", text), "a bare & would make the XML invalid"
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(text)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    base = "https://guide.example/a&b"
    urls = {u.findtext("s:loc", namespaces=ns) or "": {link.get("hreflang"): link.get("href")
                                                for link in u.findall("x:link", ns)
                                                if link.get("rel") == "alternate"}
            for u in root.findall("s:url", ns)}
    assert sorted(urls) == sorted(f"{base}/{p}.html" for p in
                                  ("en/index", "cy/index", "ar/index", "en/support", "cy/support"))
    assert urls[f"{base}/cy/index.html"] == {
        "en": f"{base}/en/index.html", "cy": f"{base}/cy/index.html",
        "ar": f"{base}/ar/index.html", "x-default": f"{base}/en/index.html"}
    assert urls[f"{base}/cy/support.html"] == {
        "en": f"{base}/en/support.html", "cy": f"{base}/cy/support.html",
        "x-default": f"{base}/en/support.html"}
    assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in text
    assert 'hreflang="cy" href="https://guide.example/a&amp;b/cy/support.html"' in text


def _fast_gate(monkeypatch: pytest.MonkeyPatch, during: object = None) -> list[Path]:
    """Publish without the browser: the checks are replaced by a fake that records the site it
    was given (and can act while it runs, as a concurrent build would)."""
    seen: list[Path] = []

    def fake(config: Config, site: Path, *args: object, **kwargs: object) -> list[Finding]:
        seen.append(site)
        if callable(during):
            during(config)
        return []

    monkeypatch.setattr(gate, "run_checks", fake)
    return seen


def test_publish_ships_the_checked_copy_not_what_a_concurrent_build_writes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = make_project(tmp_path, ("en", "cy"))

    def concurrent_build(cfg: Config) -> None:
        page = cfg.build / "site" / "cy" / "support.html"
        page.write_text(page.read_text("utf-8") + "<script src=//evil></script>", "utf-8")

    seen = _fast_gate(monkeypatch, concurrent_build)
    assert guide(["--root", str(tmp_path), "publish"]) == 0
    checked = seen[0]
    assert checked.is_relative_to(config.build / "publications") and checked.name == "site"
    published = (config.build / "publish" / "site" / "cy" / "support.html").read_text("utf-8")
    assert "evil" not in published


def test_publish_cleans_staging_left_by_a_crash_and_holds_a_lock(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from pipeline.locking import hold

    config = make_project(tmp_path, ("en", "cy"))
    _fast_gate(monkeypatch)
    leftover = config.build / "publications" / ".20260101T000000000000.tmp"
    (leftover / "site").mkdir(parents=True)
    (config.build / ".publish-20260101T000000000000").symlink_to("nowhere")
    with hold(config.build):  # another run is publishing
        assert guide(["--root", str(tmp_path), "publish"]) == 2
        assert "is in use by process" in capsys.readouterr().err
        assert not (config.build / "publish").exists()
    assert guide(["--root", str(tmp_path), "publish"]) == 0
    assert not leftover.exists() and not list(config.build.glob(".publish-*"))
    assert (config.build / "publish" / "site" / "cy" / "index.html").is_file()


def test_publish_refuses_a_special_file_in_the_catalogues(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    config = make_project(tmp_path, ("en", "cy"))
    _fast_gate(monkeypatch)
    assert guide(["--root", str(tmp_path), "publish"]) == 0
    first = (config.build / "publish").resolve()
    support = config.locales / "cy" / "LC_MESSAGES" / "support.po"
    support.unlink()
    os.mkfifo(support)  # would hang anything that reads it
    assert guide(["--root", str(tmp_path), "publish"]) == 2
    err = capsys.readouterr().err
    assert f"{support}: a FIFO" in err and "Traceback" not in err
    assert (config.build / "publish").resolve() == first
