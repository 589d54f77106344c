"""``python -m checks reviews``: is the advice itself reviewed, and are the translations?

Every English page carries, in its first lines, when its advice was last reviewed and when the
next review is due::

    :reviewed: 2026-11-25
    :review-due: 2027-05-25

The check warns ``warn_days`` (``[tool.guide.reviews]``) before a review is due and blocks once
it is overdue: out-of-date advice on phone numbers or services can hurt. It also reports
translated pages whose sign-off no longer matches their catalogue (:mod:`pipeline.reviews`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from checks.core import RULES, Finding, Options, rule
from pipeline import reviews

FAMILY = "reviews"
_FIELD = re.compile(r"^:(reviewed|review-due):\s*(\S*)\s*$")


@dataclass(frozen=True)
class Problem:
    """What a review rule found, and where."""

    message: str
    line: int = 1
    fix: str = ""


@dataclass(frozen=True)
class PageDates:
    """A source page and its review fields (with their lines)."""

    path: Path
    fields: dict[str, tuple[str, int]]
    today: date
    warn_days: int


def read_dates(path: Path, today: date, warn_days: int) -> PageDates:
    """The review fields at the top of a page (before its title)."""
    fields: dict[str, tuple[str, int]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()[:10], 1):
        found = _FIELD.match(line)
        if found:
            fields[found.group(1)] = (found.group(2), number)
    return PageDates(path, fields, today, warn_days)


def _date(page: PageDates, field: str) -> tuple[date | None, int]:
    value, line = page.fields.get(field, ("", 1))
    try:
        return date.fromisoformat(value), line
    except ValueError:
        return None, line


@rule("review-dates-missing", FAMILY, scope="page",
      fix="Add ':reviewed: YYYY-MM-DD' and ':review-due: YYYY-MM-DD' as the page's first lines.")
def check_missing(page: PageDates) -> Iterator[Problem]:
    """A page does not say when its advice was reviewed and when it will be again.

    Bad: a page without ``:reviewed:`` and ``:review-due:``.
    Good: ``:reviewed: 2026-11-25`` and ``:review-due: 2027-05-25`` before the title."""
    for field in ("reviewed", "review-due"):
        when, line = _date(page, field)
        if when is None:
            shown = page.fields.get(field, ("",))[0]
            yield Problem(f"`:{field}:` is {'`' + shown + '`, not a date' if shown else 'missing'}",
                          line)


@rule("review-overdue", FAMILY, scope="page",
      fix="Review the page's advice against the current facts, then move both dates on.")
def check_overdue(page: PageDates) -> Iterator[Problem]:
    """The page's review is overdue: its advice may be out of date.

    Bad: ``:review-due:`` in the past. Good: reviewed, and the next date ahead."""
    due, line = _date(page, "review-due")
    if due is not None and due < page.today:
        yield Problem(f"the review was due on {due.isoformat()}, "
                      f"{(page.today - due).days} days ago", line)


@rule("review-due-soon", FAMILY, "warning", scope="page",
      fix="Plan the review: check each fact, phone number and address on the page.")
def check_due_soon(page: PageDates) -> Iterator[Problem]:
    """The page's review is due within the warning period."""
    due, line = _date(page, "review-due")
    if due is not None and page.today <= due <= page.today + timedelta(days=page.warn_days):
        yield Problem(f"the review is due on {due.isoformat()}, in "
                      f"{(due - page.today).days} days", line)


@rule("review-stale", FAMILY, "warning", scope="site",
      fix="Ask a native speaker to review the page again: nox -s sign -- LANG PAGE --role ...")
def check_stale(options: Options) -> Iterator[tuple[str, str, str]]:
    """A translated page changed after its sign-off: it is a draft again."""
    config = options.config
    for lang, pages in reviews.states(config).items():
        if options.languages and lang not in options.languages:
            continue
        for page, state in pages.items():
            if state == "stale":
                yield lang, page, (f"the {lang} page `{page}` changed after its sign-off: it "
                                   "shows as a draft until it is signed off again")


def run(paths: list[Path], options: Options, today: date | None = None) -> list[Finding]:
    """Review dates of every source page, and stale sign-offs of every translation."""
    config = options.config
    today = today or date.today()
    findings: list[Finding] = []
    if (config.docs).is_dir() and config.languages:
        for path in sorted(config.docs.glob("*.rst")):
            page = read_dates(path, today, config.review_warn_days)
            shown = path.relative_to(config.root).as_posix()
            for name in ("review-dates-missing", "review-overdue", "review-due-soon"):
                registered = RULES[name]
                for problem in registered.func(page):
                    findings.append(Finding(
                        rule=name, severity=registered.severity, path=shown, line=problem.line,
                        message=problem.message, lang=config.source_language, check=FAMILY,
                        source=f"{shown}:{problem.line}", fix=registered.fix))
        stale = RULES["review-stale"]
        for lang, page, message in check_stale(options):
            po = f"locales/{lang}/LC_MESSAGES/{page}.po"
            findings.append(Finding(rule=stale.id, severity=stale.severity,
                                    path=f"locales/{lang}/{reviews.FILE}", line=1,
                                    message=message, lang=lang, check=FAMILY, source=po,
                                    fix=stale.fix))
    return findings
