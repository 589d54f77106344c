"""Catalogue fixtures with the installed Babel's plural rule written in, never a copied string.

``tests/fixtures/po`` writes ``Plural-Forms: @CLDR@`` where a catalogue must carry CLDR's rule
for its ``Language``, and ``@CLDR-RESPELT@`` where it must carry the same rule spelt another way.
:func:`materialise` copies the tree to a temporary folder with both filled in from Babel at run
time, so the tests hold whatever CLDR data the installed Babel ships.
"""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
from functools import cache
from pathlib import Path

from checks.translations.plurals import PluralForms, cldr

SOURCE = Path(__file__).resolve().parent / "fixtures" / "po"
_LANGUAGE = re.compile(rb'^"Language:\s*([\w-]+)', re.MULTILINE)


def respelt(forms: PluralForms) -> str:
    """The same rule written differently: no spaces, extra parentheses, a neutral ``* 1``."""
    return f"nplurals={forms.count}; plural=(({forms.expr.replace(' ', '')})*1);"


def shifted(forms: PluralForms) -> str:
    """A rule that splits the numbers differently (each form moved one along)."""
    return f"nplurals={forms.count}; plural=(({forms.expr}) + 1) % {forms.count};"


def fill(data: bytes) -> bytes:
    """A catalogue's bytes with ``@CLDR@`` and ``@CLDR-RESPELT@`` filled in for its Language."""
    found = _LANGUAGE.search(data)
    forms = cldr(found.group(1).decode()) if found else None
    if forms is None:
        forms = cldr("en")
    assert forms is not None
    return (data.replace(b"@CLDR-RESPELT@", respelt(forms).encode())
            .replace(b"@CLDR@", forms.header.encode()))


@cache
def materialise() -> Path:
    """A temporary copy of the fixture tree, placeholders filled (made once per test run)."""
    # Inside the project, so that the paths findings show stay relative.
    scratch = SOURCE.parents[2] / "_build" / "test-fixtures"
    scratch.mkdir(parents=True, exist_ok=True)
    target = Path(tempfile.mkdtemp(prefix="po-", dir=scratch)) / "po"
    atexit.register(shutil.rmtree, target.parent, True)
    for path in sorted(SOURCE.rglob("*")):
        out = target / path.relative_to(SOURCE)
        if path.is_dir():
            out.mkdir(parents=True, exist_ok=True)
        else:
            out.parent.mkdir(parents=True, exist_ok=True)
            data = path.read_bytes()
            out.write_bytes(fill(data) if path.suffix == ".po" else data)
    return target
