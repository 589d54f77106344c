"""The a11y and privacy checks find planted faults, and pass the real guide in every language.

The fault site is built from ``tests/sites/faults/``: one page per fault, each on the
quick-exit theme's real stylesheet and script, served with a ``_headers`` file written from
the same table, so that every page must give exactly its own findings.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest

from checks.browser.check import check_site, pages_of
from checks.cli import main
from checks.core import RULES, Finding, Options
from pipeline.build import BuildResult
from pipeline.config import Config
from quick_exit_theme.context import direction

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
FAULTS = Path(__file__).resolve().parent / "sites" / "faults"
SPEC = tomllib.loads((FAULTS / "faults.toml").read_text(encoding="utf-8"))
BOTH = frozenset({"a11y", "privacy"})


def make_fault_site(target: Path, theme_static: Path) -> Path:
    """Write every page of faults.toml into a built-site layout with the theme's static files
    (from a real build) and the faults' own, and a ``_headers`` block for each page."""
    template = (FAULTS / "page.html.in").read_text(encoding="utf-8")
    headers = []
    for page in SPEC["page"]:
        lang = page["path"].split("/")[0]
        values = {**SPEC["defaults"],
                  **{k: v for k, v in page.items() if k not in ("path", "expect", "warn")}}
        values["html_attrs"] = values["html_attrs"].format(lang=lang, dir=direction(lang))
        out = target / page["path"]
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(template.format(**values), encoding="utf-8")
        headers.append(f"/{page['path']}\n{values['headers']}\n")
        static = out.parent / "_static"
        if not static.exists():
            shutil.copytree(theme_static, static)
            for extra in (FAULTS / "static").iterdir():
                shutil.copy(extra, static / extra.name)
    (target / "_headers").write_text("\n".join(headers), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def fault_findings(guide: BuildResult, config: Config,
                   tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Finding]]:
    site = make_fault_site(tmp_path_factory.mktemp("faults") / "site",
                           guide.site / "en" / "_static")
    return site, check_site(site, Options(config=config, families=BOTH, jobs=2))


@pytest.mark.parametrize("page", SPEC["page"], ids=[p["path"] for p in SPEC["page"]])
def test_planted_fault_is_found(fault_findings: tuple[Path, list[Finding]],
                                page: dict[str, Any]) -> None:
    site, findings = fault_findings
    mine = [f for f in findings if f.path == str(site / page["path"])]
    blocking = sorted({f.rule for f in mine if f.blocks})
    assert blocking == sorted(set(page["expect"])), [str(f) for f in mine if f.blocks]
    warned = {f.rule for f in mine if f.severity == "warning"}
    assert set(page.get("warn", [])) <= warned, [str(f) for f in mine]
    for f in mine:
        assert f.lang and f.check in BOTH and f.message
        if f.rule.startswith("axe-"):
            assert f.element and f.snippet and f.impact and f.fix


#: The rules added with the checks at 320 px, 400 % zoom and 200 % text, forced colours,
#: history, head order and served headers: each has a page of its own above.
NEW_RULES = {"a11y-bar-size", "a11y-quick-exit-hint-touch", "a11y-quick-exit-forced-colors",
             "a11y-quick-exit-history", "a11y-heading-overlap", "a11y-script-font",
             "a11y-lang-names", "privacy-head-order", "privacy-headers", "privacy-framing",
             "axe-practice"}


def test_every_new_rule_has_its_planted_fault() -> None:
    planted = {rule for page in SPEC["page"] for rule in page["expect"] + page.get("warn", [])}
    assert NEW_RULES <= set(RULES)
    missing = {r for r in NEW_RULES if not any(p == r or p.startswith(r + "-") for p in planted)}
    assert not missing


def test_head_order_names_what_comes_first(fault_findings: tuple[Path, list[Finding]]) -> None:
    _, findings = fault_findings
    late = [f for f in findings if f.rule == "privacy-head-order"]
    assert {Path(f.path).name for f in late} == {"late-policies.html"}
    assert any("csp meta comes after" in f.message for f in late)


def test_axe_finding_names_element_and_has_a_screenshot(fault_findings: tuple[Path, list[Finding]],
                                                         config: Config) -> None:
    _, findings = fault_findings
    alt = next(f for f in findings if f.rule == "axe-image-alt")
    assert alt.element == "img" and "<img" in alt.snippet and alt.impact == "critical"
    shot = config.build / "reports" / alt.screenshot
    assert alt.screenshot.startswith("shots/") and shot.is_file() and shot.stat().st_size > 100


def test_axe_version_rules_and_best_practices_are_recorded(
        fault_findings: tuple[Path, list[Finding]]) -> None:
    _, findings = fault_findings
    ran = [f for f in findings if f.rule == "a11y-axe-ran"]
    assert len(ran) == 1 and "axe-core 4." in ran[0].message
    for rule in ("target-size", "color-contrast", "region", "heading-order"):
        assert rule in ran[0].message
    assert "best-practice" in ran[0].message and "promoted to block: " in ran[0].message


def test_focus_hidden_by_shift_tab_is_found_with_the_screen(
        fault_findings: tuple[Path, list[Finding]]) -> None:
    _, findings = fault_findings
    hidden = [f for f in findings if f.rule == "a11y-focus-obscured"]
    assert hidden and all("with Shift+Tab" in f.message for f in hidden)
    assert any("400 % zoom" in f.message for f in hidden)


def test_fault_site_blocks_on_the_command_line(fault_findings: tuple[Path, list[Finding]],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    site, _ = fault_findings
    assert main(["privacy", str(site), "--no-cache"]) == 1
    out = capsys.readouterr().out
    assert ("third-party-script.html:1: error: request to another origin: "
            "http://127.0.0.2:9/tracker.js [privacy-request]") in out
    assert "framable.html:1: error: a page of another origin showed this page in a frame" in out


def test_a_site_without_headers_file_says_so(guide: BuildResult, config: Config,
                                             tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "en").mkdir(parents=True)
    shutil.copy(guide.site / "en" / "support.html", site / "en" / "support.html")
    shutil.copytree(guide.site / "en" / "_static", site / "en" / "_static")
    found = check_site(site, Options(config=config, families=frozenset({"privacy"}), jobs=1))
    assert [f.rule for f in found] == ["privacy-headers-file"]


def test_missing_site_is_an_input_error(tmp_path: Path) -> None:
    assert main(["a11y", str(tmp_path / "nowhere")]) == 2
    (tmp_path / "empty").mkdir()
    assert main(["a11y", str(tmp_path / "empty"), "--no-cache"]) == 2


def test_real_guide_has_no_blocking_finding(guide: BuildResult, config: Config) -> None:
    findings = check_site(guide.site, Options(config=config, families=BOTH, jobs=2))
    assert [str(f) for f in findings if f.blocks] == []
    assert [str(f) for f in findings if f.rule.startswith("axe-practice")] == []
    ran = [f.message for f in findings if f.rule == "a11y-axe-ran"]
    assert len(ran) == 1 and f"on each of {len(pages_of(guide.site))} pages" in ran[0]
    assert len(pages_of(guide.site)) == 1 + 11 * len(guide.built)
