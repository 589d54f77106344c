"""``python -m checks translations [PATHS...]``: what a translator must fix in the catalogues.

The file rules (:mod:`checks.translations.catalogue`) check each ``.po`` file's syntax, header
and progress; the rules on one message (:mod:`checks.translations.entries`,
:mod:`checks.translations.safety`, :mod:`checks.translations.glossary`) run on every
translated, non-fuzzy entry.
A translator silences one rule on one entry with a translator comment,
``# checks: ignore po-number-changed -- reason`` (on the header for file rules); a silenced
finding is still reported, but does not block.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

import polib

from checks.core import RULES, Finding, InputError, Options, rule, rules
from checks.translations import safety  # noqa: F401  (registers its rules)
from checks.translations.catalogue import Catalogue, current, read
from checks.translations.entries import FAMILY, Pair, Problem
from checks.translations.files import MAX_MESSAGE, catalogues_in
from checks.translations.files import check_file as check_safe
from checks.translations.glossary import load as load_glossary

_SILENCE = re.compile(r"checks:\s*ignore\s+(?P<rule>[\w-]+)\s*(?:--(?P<reason>.*))?$")


def _silences(comment: str) -> tuple[dict[str, str], list[str]]:
    """Rules silenced by translator comments (rule → reason), and malformed silences."""
    silenced: dict[str, str] = {}
    bad: list[str] = []
    for line in (comment or "").splitlines():
        line = line.strip()
        if not line.lower().startswith("checks:"):
            continue
        match = _SILENCE.match(line)
        reason = (match.group("reason") or "").strip() if match else ""
        if not match:
            bad.append(f"`# {line}` names no rule")
        elif match.group("rule") not in RULES:
            bad.append(f"`# {line}` names `{match.group('rule')}`, which is not a rule")
        elif not RULES[match.group("rule")].style:
            # A catalogue is untrusted input: it may not silence what guards readers.
            bad.append(f"`# {line}`: only a reviewer can accept `{match.group('rule')}`, in "
                       "checks/baseline.toml with a reason; a translator comment may silence "
                       "only matters of style, so it silences nothing")
        elif not reason:
            bad.append(f"`# {line}` gives no reason after `--`, so it silences nothing")
        else:
            silenced[match.group("rule")] = reason
    return silenced, bad


@rule("po-bad-silence", FAMILY, "warning", scope="file")
def check_silences(cat: Catalogue) -> Iterator[Problem]:
    """A `# checks: ignore` comment that silences nothing: no known rule, no reason, or a rule
    that only the reviewed baseline may accept.

    Bad: ``# checks: ignore po-number-changed -- the number is different in Welsh``
    Good: ``# checks: ignore po-glossary-required -- the term is split by a mutation here``"""
    assert cat.po is not None
    fix = "Write `# checks: ignore <rule-id> -- <reason>` with an id from `--list-rules`."
    for message in _silences(cat.po.header)[1]:
        yield Problem(message, fix, line=1)
    for entry in current(cat):
        for message in _silences(entry.tcomment)[1]:
            yield Problem(message, fix, line=cat.msgid_line(entry))


@rule("po-too-long", FAMILY, scope="")
def too_long(size: int) -> tuple[str, str]:
    """A message so long that it is refused rather than checked (more than 5,000 characters).

    Bad: a ten-megabyte msgstr that would make every rule crawl.
    Good: a translated paragraph."""
    return (f"the entry holds {size:,} characters, more than a paragraph can "
            f"({MAX_MESSAGE:,}); it is not checked",
            "Translate the message as it is; split long text in the English source instead.")


def _source(entry: polib.POEntry) -> str:
    if not entry.occurrences:
        return ""
    path, line = entry.occurrences[0]
    while path.startswith(("../", "./")):
        path = path.split("/", 1)[1]
    return f"{path}:{line}" if line else path


def _finding(cat: Catalogue, rule_id: str, problem: Problem, line: int, source: str,
             silenced: dict[str, str]) -> Finding:
    finding = Finding(rule=rule_id, severity=problem.severity or RULES[rule_id].severity,
                      path=cat.shown, line=problem.line or line, message=problem.message,
                      lang=cat.lang, check=FAMILY, source=source, fix=problem.fix)
    if rule_id in silenced:
        finding = replace(finding, silenced=True, reason=silenced[rule_id])
    return finding


def _entry_findings(cat: Catalogue) -> Iterator[Finding]:
    url = cat.options.config.quick_exit_url or ""
    glossary = load_glossary(cat.path)
    for entry in current(cat):
        if not entry.translated():
            continue
        size = len(entry.msgid) + sum(len(s) for s in [entry.msgstr,
                                                        *entry.msgstr_plural.values()])
        if size > MAX_MESSAGE:  # refused before any rule reads it
            yield _finding(cat, "po-too-long", Problem(*too_long(size)),
                           cat.msgid_line(entry), _source(entry), {})
            continue
        pairs = ([(entry.msgid_plural if n else entry.msgid, s)
                  for n, s in sorted(entry.msgstr_plural.items())]
                 if entry.msgid_plural else [(entry.msgid, entry.msgstr)])
        silenced = _silences(entry.tcomment)[0]
        line, source = cat.msgid_line(entry), _source(entry)
        for msgid, msgstr in pairs:
            pair = Pair(msgid, msgstr, "python-format" in entry.flags, url, cat.lang,
                        cat.options.config.root, glossary)
            for entry_rule in rules(FAMILY, "entry"):
                rule_id = entry_rule.id
                for problem in entry_rule.func(pair):
                    yield _finding(cat, rule_id, problem, line, source, silenced)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def check_file(path: Path, options: Options) -> list[Finding]:
    """Every finding of one catalogue; a broken file yields findings, never an exception."""
    cat = read(path, _shown(path, options.config.root), options)
    findings: list[Finding] = []
    header_silenced = _silences(cat.po.header)[0] if cat.po is not None else {}
    for file_rule in rules(FAMILY, "file"):
        rule_id, check = file_rule.id, file_rule.func
        if cat.po is None and rule_id not in ("po-syntax", "po-unreadable"):
            continue
        findings += [_finding(cat, rule_id, p, 1, "", header_silenced) for p in check(cat)]
    if cat.po is not None:
        findings += _entry_findings(cat)
    return sorted(findings, key=lambda f: (f.line, f.rule))


def catalogues(paths: Iterable[Path], root: Path) -> list[Path]:
    """The ``.po`` files named or found (recursively) under the paths, each once, in order;
    anything that is not a regular file inside ``root`` or the folder given is refused."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += catalogues_in(path, [root])
        elif path.exists() or path.is_symlink():
            check_safe(path, [root, path.parent])
            found.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return list(dict.fromkeys(found))


def run(paths: list[Path], options: Options) -> list[Finding]:
    """Check every catalogue under the paths (default ``locales/``), of the languages asked for."""
    languages = options.languages  # `--lang`; empty means every one
    findings: list[Finding] = []
    if not paths and not options.config.locales.is_dir():
        return []  # a project without catalogues (someone else's site): nothing to check
    for path in catalogues(paths or [options.config.locales], options.config.root):
        folder = path.parent.parent.name if path.parent.name == "LC_MESSAGES" else ""
        if not languages or not folder or folder in languages:
            findings += check_file(path, options)
    return findings
