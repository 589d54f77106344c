"""The a11y and privacy checks find planted faults, and pass the real guide in every language."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from checks.browser import check_site, pages_of
from checks.build import BuildResult
from checks.cli import main
from checks.config import Config
from checks.core import Finding, Options

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
FAULTS = Path(__file__).resolve().parent / "sites" / "faults"
SPEC = tomllib.loads((FAULTS / "faults.toml").read_text(encoding="utf-8"))
BOTH = frozenset({"a11y", "privacy"})


def make_fault_site(target: Path) -> Path:
    """Write every page of faults.toml into a built-site layout, with the theme's assets."""
    template = (FAULTS / "page.html.in").read_text(encoding="utf-8")
    for page in SPEC["page"]:
        lang = page["path"].split("/")[0]
        values = {**SPEC["defaults"], **{k: v for k, v in page.items() if k not in ("path", "expect")}}
        values["html_attrs"] = values["html_attrs"].format(lang=lang, dir="rtl" if lang == "ar" else "ltr")
        out = target / page["path"]
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(template.format(**values), encoding="utf-8")
        static = out.parent / "_static"
        if not static.exists():
            shutil.copytree(ROOT / "_static", static)
            for extra in (FAULTS / "static").iterdir():
                shutil.copy(extra, static / extra.name)
    return target


@pytest.fixture(scope="module")
def fault_findings(config: Config, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Finding]]:
    site = make_fault_site(tmp_path_factory.mktemp("faults") / "site")
    return site, check_site(site, Options(config=config, families=BOTH, jobs=2))


@pytest.mark.parametrize("page", SPEC["page"], ids=[p["path"] for p in SPEC["page"]])
def test_planted_fault_is_found(fault_findings: tuple[Path, list[Finding]], page: dict) -> None:
    site, findings = fault_findings
    mine = [f for f in findings if f.path == str(site / page["path"])]
    blocking = sorted({f.rule for f in mine if f.blocks})
    assert blocking == sorted(set(page["expect"])), [str(f) for f in mine if f.blocks]
    for f in mine:
        assert f.lang and f.check in BOTH and f.message
        if f.rule.startswith("axe-"):
            assert f.element and f.snippet and f.impact and f.fix


def test_axe_finding_names_element_and_has_a_screenshot(fault_findings: tuple[Path, list[Finding]],
                                                         config: Config) -> None:
    _, findings = fault_findings
    alt = next(f for f in findings if f.rule == "axe-image-alt")
    assert alt.element == "img" and "<img" in alt.snippet and alt.impact == "critical"
    shot = config.build / "reports" / alt.screenshot
    assert alt.screenshot.startswith("shots/") and shot.is_file() and shot.stat().st_size > 100


def test_axe_version_and_rules_are_recorded(fault_findings: tuple[Path, list[Finding]]) -> None:
    _, findings = fault_findings
    ran = [f for f in findings if f.rule == "a11y-axe-ran"]
    assert len(ran) == 1 and "axe-core 4." in ran[0].message
    assert "target-size" in ran[0].message and "color-contrast" in ran[0].message


def test_fault_site_blocks_on_the_command_line(fault_findings: tuple[Path, list[Finding]],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    site, _ = fault_findings
    assert main(["privacy", str(site), "--no-cache"]) == 1
    out = capsys.readouterr().out
    assert "third-party-script.html:1: error: request to another origin: http://127.0.0.2:9/tracker.js [privacy-request]" in out


def test_missing_site_is_an_input_error(tmp_path: Path) -> None:
    assert main(["a11y", str(tmp_path / "nowhere")]) == 2
    (tmp_path / "empty").mkdir()
    assert main(["a11y", str(tmp_path / "empty"), "--no-cache"]) == 2


def test_real_guide_has_no_blocking_finding(guide: BuildResult, config: Config) -> None:
    findings = check_site(guide.site, Options(config=config, families=BOTH, jobs=2))
    assert [str(f) for f in findings if f.blocks] == []
    ran = [f.message for f in findings if f.rule == "a11y-axe-ran"]
    assert len(ran) == 1 and f"on each of {len(pages_of(guide.site))} pages" in ran[0]
    assert len(pages_of(guide.site)) == 1 + 11 * len(guide.built)
