"""A strict reader of gettext ``.po`` syntax that reports every problem with its line.

polib and Babel both accept files that GNU ``msgfmt`` rejects (an unterminated string, a
duplicate entry), and Sphinx would then silently use half a catalogue. This reader follows
the PO grammar closely enough to name the line a translator has to fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(.*)$")
_ESCAPE = re.compile(r'\\(?:[\\"ntrabfv]|[0-7]{1,3}|x[0-9A-Fa-f]+)')


@dataclass(frozen=True)
class SyntaxProblem:
    """One syntax problem: the line it is on and what is wrong."""

    line: int
    message: str


def _string_problem(token: str) -> str | None:
    """Why ``token`` is not one well-formed PO string literal, or None if it is."""
    if not token.startswith('"'):
        return f"expected a quoted string, found {token[:20]!r}"
    if len(token) < 2 or not token.endswith('"'):
        return "string is not closed with a double quote"
    body = token[1:-1]
    rest = _ESCAPE.sub("", body)
    if "\\" in rest:
        bad = rest[rest.index("\\"):][:2]
        return f"bad escape sequence {bad!r}"
    if '"' in rest:
        return "unescaped double quote inside a string"
    return None


def _unescape(token: str) -> str:
    body = token[1:-1]
    table = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
    return re.sub(r'\\(.)', lambda m: table.get(m.group(1), m.group(1)), body)


def problems(text: str) -> Iterator[SyntaxProblem]:
    """Every syntax problem in the text of a ``.po`` file."""
    seen: dict[tuple[str | None, str], int] = {}
    ctxt: str | None = None
    msgid: str | None = None
    msgid_line = 0
    current: str | None = None
    has_msgstr = False
    parts: dict[str, str] = {}

    def finish() -> Iterator[SyntaxProblem]:
        nonlocal ctxt, msgid, current, has_msgstr, parts
        if msgid is not None:
            if not has_msgstr:
                yield SyntaxProblem(msgid_line, "entry has a msgid but no msgstr")
            key = (ctxt, msgid)
            if key in seen:
                yield SyntaxProblem(
                    msgid_line, f"duplicate entry (first defined on line {seen[key]})"
                )
            else:
                seen[key] = msgid_line
        ctxt = msgid = current = None
        has_msgstr = False
        parts = {}

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("#~"):
            continue  # obsolete entries are kept for translators, never compiled
        if not line or line.startswith("#"):
            if not line or has_msgstr:
                yield from finish()
            continue
        match = _KEYWORD.match(line)
        if match:
            keyword, _, rest = match.groups()
            problem = _string_problem(rest.strip())
            if problem:
                yield SyntaxProblem(number, f"{keyword}: {problem}")
                if keyword.startswith("msgstr"):
                    has_msgstr, current = True, None
                continue
            value = _unescape(rest.strip())
            if keyword == "msgctxt" or (keyword == "msgid" and has_msgstr):
                yield from finish()
            if keyword == "msgid" and msgid is not None and not has_msgstr:
                yield SyntaxProblem(number, "msgid follows a msgid without a msgstr")
            if keyword.startswith("msgstr") and msgid is None:
                yield SyntaxProblem(number, f"{keyword} without a msgid before it")
            if keyword == "msgctxt":
                ctxt = value
            elif keyword == "msgid":
                msgid, msgid_line = value, number
            elif keyword.startswith("msgstr"):
                has_msgstr = True
            current = keyword
            parts[keyword] = value
            continue
        if line.startswith('"'):
            problem = _string_problem(line)
            if problem:
                yield SyntaxProblem(number, problem)
            elif current is None:
                yield SyntaxProblem(number, "string continues nothing (no keyword before it)")
            elif current == "msgid" and msgid is not None:
                msgid += _unescape(line)
            elif current == "msgctxt" and ctxt is not None:
                ctxt += _unescape(line)
            continue
        word = line.split()[0]
        yield SyntaxProblem(number, f"unknown keyword {word!r}")
    yield from finish()


def file_problems(path: Path) -> list[SyntaxProblem]:
    """Syntax problems of one file, including one for a file that cannot be read as UTF-8."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        return [SyntaxProblem(line, f"not valid UTF-8: {exc.reason}")]
    except OSError as exc:
        return [SyntaxProblem(0, f"cannot read the file: {exc.strerror}")]
    return list(problems(text))


def parse_errors(folder: Path, root: Path | None = None) -> list[str]:
    """``path:line: message`` for every syntax problem in the ``.po`` files of a folder.

    Raises :class:`~checks.translations.files.UnsafeFile` for anything that is not a regular
    file inside ``root`` (default: the folder), before reading it."""
    from checks.translations.files import check_file

    out: list[str] = []
    for path in sorted(folder.glob("*.po")):
        check_file(path, [root or folder])
        out.extend(f"{path}:{p.line}: {p.message}" for p in file_problems(path))
    return out
