"""The command line's contract: rules listed and documented, exit codes, output formats."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from checks.cli import main
from checks.core import rules
from checks.plurals import cldr

ROOT = Path(__file__).resolve().parent.parent


def test_every_rule_is_listed_and_explained_in_the_readme(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--list-rules"]) == 0
    listed = {line.split()[0] for line in capsys.readouterr().out.splitlines() if line.strip()}
    registered = {r.id for r in rules()}
    assert listed == registered and len(registered) > 40
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z0-9-]+)` \|", readme, flags=re.MULTILINE))
    assert registered == documented, registered ^ documented


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["no-such-check"]) == 2
    assert main([]) == 2
    assert main(["readability", str(ROOT / "nowhere")]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_json_output_and_flags_after_paths(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    po = tmp_path / "cy" / "LC_MESSAGES" / "x.po"
    po.parent.mkdir(parents=True)
    welsh = cldr("cy")
    assert welsh is not None
    po.write_text('msgid ""\nmsgstr ""\n"Language: cy\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                  f'"Plural-Forms: {welsh.header}\\n"\n\n'
                  'msgid "Call :tel:`999` now."\nmsgstr "Ffonia :tel:`998` nawr."\n', encoding="utf-8")
    assert main(["translations", str(po), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    changed = [d for d in data if d["severity"] == "error"]
    assert [d["rule"] for d in changed] == ["po-tel-changed"] or [d["rule"] for d in changed] == ["po-number-changed"]
    assert changed and {"rule", "severity", "path", "line", "message", "lang"} <= set(changed[0])
    assert changed[0]["lang"] == "cy" and "999" in changed[0]["message"] and "998" in changed[0]["message"]
    assert main(["translations", str(po)]) == 1
    line = next(li for li in capsys.readouterr().out.splitlines() if ": error: " in li)
    assert re.match(rf"{re.escape(str(po))}:\d+: error: .+ \[po-[a-z-]+\]$", line)
