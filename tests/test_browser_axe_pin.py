"""axe-core is pinned to one exact version: another one is a finding, not a silent change."""

from __future__ import annotations

from checks.browser.axe import AXE_CORE, check_axe_version
from checks.browser.chrome import axe_script
from checks.browser.rules import PageFacts


def _facts(version: str) -> PageFacts:
    return PageFacts(folder="en", document={"lang": "en", "dir": "ltr", "exit": None},
                     expects_exit=False, axe={"version": version, "ran": []})


def test_the_pinned_version_is_the_one_the_lock_installs() -> None:
    header = axe_script().read_text(encoding="utf-8")[:40]
    assert f"axe v{AXE_CORE}" in header


def test_another_axe_core_is_refused_and_the_pinned_one_passes() -> None:
    (problem,) = check_axe_version(_facts("4.9.1"))
    assert "4.9.1" in problem.message and AXE_CORE in problem.message
    assert list(check_axe_version(_facts("4.10.3"))) != []
    assert list(check_axe_version(_facts(AXE_CORE))) == []
