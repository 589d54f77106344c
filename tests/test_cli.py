"""The command line's contract: rules listed and documented, exit codes, output formats."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from checks.cli import main
from checks.core import rules
from checks.translations.plurals import cldr
from pipeline.poformat import canonical

ROOT = Path(__file__).resolve().parent.parent


def test_every_rule_is_listed_and_the_readme_table_comes_from_the_registry(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--list-rules"]) == 0
    listed = {line.split()[0] for line in capsys.readouterr().out.splitlines() if line.strip()}
    registered = {r.id for r in rules()}
    assert listed == registered and len(registered) > 50
    assert main(["--list-rules", "--format", "markdown"]) == 0
    table = capsys.readouterr().out.strip()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- rules:start -->", 1)[1].split("<!-- rules:end -->", 1)[0]
    assert section.strip() == table, "run: python -m checks --list-rules --format markdown"


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["no-such-check"]) == 2
    assert main([]) == 2
    assert main(["readability", str(ROOT / "nowhere")]) == 2
    assert main(["translations", "--lang", "cyy"]) == 2  # a typo checks nothing: not a pass
    err = capsys.readouterr().err
    assert "Traceback" not in err and "--lang cyy: not a language of this guide" in err


def test_json_output_and_flags_after_paths(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    po = tmp_path / "cy" / "LC_MESSAGES" / "x.po"
    po.parent.mkdir(parents=True)
    welsh = cldr("cy")
    assert welsh is not None
    po.write_text(canonical(
        'msgid ""\nmsgstr ""\n"Language: cy\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Plural-Forms: {welsh.header}\\n"\n\n'
        'msgid "Call :tel:`999` now."\nmsgstr "Ffonia :tel:`998` nawr."\n'), encoding="utf-8")
    assert main(["translations", str(po), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    changed = [d for d in data if d["severity"] == "error"]
    assert [d["rule"] for d in changed] in (["po-tel-changed"], ["po-number-changed"])
    assert changed and {"rule", "severity", "path", "line", "message", "lang"} <= set(changed[0])
    assert changed[0]["lang"] == "cy"
    assert "999" in changed[0]["message"] and "998" in changed[0]["message"]
    assert main(["translations", str(po)]) == 1
    line = next(li for li in capsys.readouterr().out.splitlines() if ": error: " in li)
    assert re.match(rf"{re.escape(str(po))}:\d+: error: .+ \[po-[a-z-]+\]$", line)
