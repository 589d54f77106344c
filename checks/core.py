"""What every check shares: findings, the rule registry and the baseline of accepted findings.

Checks yield :class:`Finding` objects; reporters only read them. A rule is a small function
registered with :func:`rule`, whose docstring's first line is its description.
"""

from __future__ import annotations

import fnmatch
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from pipeline.config import Config

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


class InputError(Exception):
    """Input the checks cannot use at all (exit code 2); the message names the path."""


@dataclass(frozen=True)
class Finding:
    """One fact a check found, located in a file (a built page or a catalogue)."""

    rule: str
    severity: Severity
    path: str
    line: int
    message: str
    lang: str = ""
    check: str = ""
    source: str = ""
    impact: str = ""
    element: str = ""
    snippet: str = ""
    #: On a translated page: the source-language text that ``snippet`` translates.
    original: str = ""
    fix: str = ""
    screenshot: str = ""
    accepted: bool = False
    reason: str = ""
    silenced: bool = False
    score: float | None = None
    threshold: float | None = None

    def __str__(self) -> str:
        note = " (accepted)" if self.accepted else " (silenced)" if self.silenced else ""
        return f"{self.path}:{self.line}: {self.severity}: {self.message} [{self.rule}]{note}"

    @property
    def blocks(self) -> bool:
        """An error that is neither accepted by the baseline nor silenced blocks publication."""
        return self.severity == "error" and not self.accepted and not self.silenced

    def to_json(self) -> dict[str, Any]:
        """Plain data for ``findings.json``."""
        return asdict(self)

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        """What identifies a finding across runs (line numbers move, so they are left out)."""
        return (self.rule, self.path, self.lang, self.element, self.message)


Scope = Literal["file", "entry", "page", "site", ""]


@dataclass(frozen=True)
class Rule:
    """A registered rule: what it is called, what it checks and how its findings are fixed.

    ``style`` marks a matter of wording that a translator may silence on one entry with a
    comment in the ``.po`` file; every other rule (numbers, phone links, addresses, markup,
    HTML, includes, the quick exit, privacy) can be accepted only in the reviewed baseline.
    """

    id: str
    family: str
    severity: Severity
    description: str
    fix: str = ""
    style: bool = False
    scope: Scope = ""
    example: str = ""
    func: Callable[..., Any] = field(compare=False, repr=False, default=lambda: None)


RULES: dict[str, Rule] = {}


Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def rule(rule_id: str, family: str, severity: Severity = "error", *, fix: str = "",
         style: bool = False, scope: Scope = "") -> Decorator:
    """Register a rule function, once. Its docstring's first line is the rule's description;
    the rest (for example ``Bad:`` and ``Good:`` lines) is its example."""

    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        if rule_id in RULES and RULES[rule_id].func is not func:
            raise ValueError(f"rule {rule_id!r} registered twice")
        doc = [line.strip() for line in (func.__doc__ or "").strip().splitlines()]
        description = doc[0] if doc else rule_id
        example = "\n".join(line for line in doc[1:] if line)
        RULES[rule_id] = Rule(rule_id, family, severity, description, fix, style, scope,
                              example, func)
        return func

    return register


def rules(family: str | None = None, scope: Scope | None = None) -> list[Rule]:
    """Registered rules (of a family, of a scope), in the order they were registered."""
    return [r for r in RULES.values()
            if (family is None or r.family == family) and (scope is None or r.scope == scope)]


@dataclass(frozen=True)
class Accepted:
    """One baseline entry: findings it matches are reported as accepted, with the reason."""

    rule: str
    path: str
    reason: str
    lang: str = "*"
    element: str = "*"
    message: str = "*"

    def matches(self, finding: Finding) -> bool:
        """Whether this entry accepts the finding (``*`` and globs allowed in every field)."""
        return (
            fnmatch.fnmatchcase(finding.rule, self.rule)
            and fnmatch.fnmatchcase(finding.path, self.path)
            and fnmatch.fnmatchcase(finding.lang or "", self.lang)
            and fnmatch.fnmatchcase(finding.element or "", self.element)
            and fnmatch.fnmatchcase(finding.message, self.message)
        )


def load_baseline(path: Path) -> list[Accepted]:
    """Read a baseline file (TOML, ``[[accept]]`` tables, each with a ``reason``)."""
    if not path.exists():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: {exc}") from None
    out: list[Accepted] = []
    for number, raw in enumerate(data.get("accept", []), start=1):
        missing = [k for k in ("rule", "path", "reason") if not str(raw.get(k, "")).strip()]
        if missing:
            raise InputError(f"{path}: [[accept]] entry {number} needs {', '.join(missing)}")
        out.append(Accepted(**{k: str(v) for k, v in raw.items() if k in Accepted.__annotations__}))
    return out


def apply_baseline(findings: Iterable[Finding], baseline: list[Accepted]) -> list[Finding]:
    """Mark the findings that the baseline accepts, carrying the entry's reason."""
    out: list[Finding] = []
    for finding in findings:
        entry = next((a for a in baseline if a.matches(finding)), None)
        out.append(replace(finding, accepted=True, reason=entry.reason) if entry else finding)
    return out


def exit_code(findings: Iterable[Finding]) -> int:
    """0 when nothing blocks, 1 when a finding blocks."""
    return 1 if any(f.blocks for f in findings) else 0


@dataclass(frozen=True)
class Options:
    """Everything a check needs besides its paths; passed in, never global."""

    config: Config
    families: frozenset[str] = frozenset()
    jobs: int = 2
    cache_dir: Path | None = None
    progress: bool = False
    #: Only these languages' pages (empty: all).
    languages: frozenset[str] = frozenset()
