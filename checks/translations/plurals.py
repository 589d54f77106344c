"""Plural-Forms headers compared by meaning: how they split the numbers into forms.

Two expressions can be spelt differently and mean the same (Babel 2.18 and 2.19 spell Polish's
rule differently), so a header is judged by evaluating it and CLDR's rule (from Babel) for every
``n`` from 0 to :data:`UPTO`. The expressions are compiled with :func:`gettext.c2py`, the parser
the running gettext (and so Sphinx) uses, which accepts only gettext's C subset and refuses
anything else: a header is untrusted input.
"""

from __future__ import annotations

import gettext
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache

from babel.core import UnknownLocaleError
from babel.messages.plurals import get_plural

UPTO = 1000
_HEADER = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=(.+?);?\s*$", re.DOTALL)


class PluralError(ValueError):
    """A Plural-Forms header that gettext cannot use; the message says why."""


@dataclass(frozen=True)
class PluralForms:
    """A parsed ``Plural-Forms`` header: the number of forms and the form of each ``n``."""

    count: int
    expr: str
    split: tuple[int, ...]

    @property
    def header(self) -> str:
        """The header's value as gettext writes it."""
        return f"nplurals={self.count}; plural={self.expr};"

    def first_difference(self, other: PluralForms) -> int | None:
        """The smallest ``n`` that the two put in different forms, or None."""
        return next((n for n, (a, b) in enumerate(zip(self.split, other.split, strict=True))
                     if a != b), None)

    def means(self, other: PluralForms) -> bool:
        """Whether both have as many forms and give every ``n`` the same form."""
        return self.count == other.count and self.split == other.split


@lru_cache(maxsize=256)
def parse(value: str) -> PluralForms:
    """Parse and evaluate a header value, or raise :class:`PluralError`."""
    found = _HEADER.match(value)
    if not found:
        raise PluralError("it is not of the form `nplurals=N; plural=EXPRESSION;`")
    count, expr = int(found.group(1)), found.group(2).strip()
    if not 1 <= count <= 6:
        raise PluralError(f"nplurals={count}; gettext languages have 1 to 6 forms")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            function = gettext.c2py(expr)
            split = tuple(function(n) for n in range(UPTO + 1))
    except (ValueError, SyntaxError, RecursionError, ZeroDivisionError) as exc:
        raise PluralError(f"gettext cannot evaluate `{expr}`: {exc}") from None
    beyond = next((n for n, form in enumerate(split) if not 0 <= form < count), None)
    if beyond is not None:
        raise PluralError(f"n={beyond} gives form {split[beyond]}, but nplurals={count}")
    return PluralForms(count, expr, split)


@lru_cache(maxsize=64)
def cldr(code: str) -> PluralForms | None:
    """CLDR's plural forms for a language, from the installed Babel (None if unknown)."""
    try:
        plural = get_plural(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    return parse(plural.plural_forms)
