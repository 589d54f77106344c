"""The checks on someone else's site: a plain Sphinx project, no ``[tool.guide]``, no quick exit.

Translations, readability, axe-core and privacy run with sensible defaults; the quick-exit
rules apply only to pages that use the quick-exit theme.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checks.core import exit_code
from checks.run import ORDER, run_checks
from pipeline.config import load

SITE = Path(__file__).resolve().parent / "sites" / "plain"


@pytest.mark.browser
def test_a_plain_sphinx_site_is_checked_with_defaults(tmp_path: Path) -> None:
    shutil.copytree(SITE, tmp_path, dirs_exist_ok=True)
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", str(tmp_path / "docs"),
                    str(out)], check=True)
    config = load(tmp_path)  # no pyproject.toml: defaults
    assert config.languages == () and config.quick_exit_url == ""
    findings = run_checks(config, out, ORDER, jobs=1, timings=False)
    ran = {f.check for f in findings}
    assert {"readability", "a11y"} <= ran  # scores and axe's own report
    assert any(f.rule == "read-score" and f.path.endswith("index.html") for f in findings)
    assert any(f.rule == "a11y-axe-ran" for f in findings)
    assert not [f for f in findings if f.rule.startswith("a11y-quick-exit")]
    assert not [f for f in findings if f.rule == "privacy-request"]  # alabaster loads nothing
    # A plain theme has no Content Security Policy: the privacy check says so, it does not crash.
    assert any(f.rule == "privacy-csp" for f in findings)
    assert exit_code(findings) == 1
