"""``run_checks`` runs the browser's families beside the others: findings still come in the
families' order, and an error on either side is raised only once both sides have finished (no
browser is left running behind an error)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from checks import run as runs
from checks.core import Finding, InputError, Options
from pipeline.config import Config


def _finding(check: str) -> Finding:
    return Finding(rule=f"{check}-rule", severity="warning", path=f"{check}.txt", line=1,
                   check=check, message=check)


@pytest.fixture
def record(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """The browser and translations runners replaced by slow stand-ins that log what ran,
    and on which thread; ``raise`` lists the runners that fail with an input error."""
    seen: dict[str, list[str]] = {"log": [], "raise": []}

    def runner(name: str, delay: float) -> runs.Runner:
        def run(paths: list[Path], options: Options) -> list[Finding]:
            seen["log"].append(f"{name} start {threading.current_thread().name}")
            time.sleep(delay)
            if name in seen["raise"]:
                seen["log"].append(f"{name} failed")
                raise InputError(f"{name}: broken")
            seen["log"].append(f"{name} done")
            return [_finding(name)]
        return run

    browser = runner("browser", 0.4)
    monkeypatch.setattr(runs.browser, "run", browser)
    monkeypatch.setitem(runs.FAMILIES, "a11y", browser)
    monkeypatch.setitem(runs.FAMILIES, "privacy", browser)
    monkeypatch.setitem(runs.FAMILIES, "translations", runner("translations", 0.2))
    return seen


def test_the_browser_runs_beside_the_others_and_findings_keep_their_order(
        record: dict[str, list[str]], config: Config, tmp_path: Path) -> None:
    found = runs.run_checks(config, tmp_path, ["a11y", "translations"], catalogues=[tmp_path],
                            timings=False)
    assert [f.check for f in found] == ["translations", "browser"]
    starts = [line for line in record["log"] if " start " in line]
    assert len({line.split(" start ")[1] for line in starts}) == 2  # two threads
    # Each started before the other finished: side by side.
    assert record["log"].index(starts[1]) < record["log"].index(f"{starts[0].split()[0]} done")


@pytest.mark.parametrize("broken", ["translations", "browser"])
def test_an_error_waits_for_the_other_side(record: dict[str, list[str]], config: Config,
                                           tmp_path: Path, broken: str) -> None:
    record["raise"].append(broken)
    with pytest.raises(InputError, match=f"{broken}: broken"):
        runs.run_checks(config, tmp_path, ["a11y", "translations"], catalogues=[tmp_path],
                        timings=False)
    other = "browser" if broken == "translations" else "translations"
    assert f"{other} done" in record["log"]  # finished before the error was raised


def test_one_side_alone_runs_in_the_callers_thread(record: dict[str, list[str]],
                                                    config: Config, tmp_path: Path) -> None:
    found = runs.run_checks(config, tmp_path, ["privacy"], timings=False)
    assert [f.check for f in found] == ["browser"]
    assert record["log"][0] == f"browser start {threading.current_thread().name}"
