"""Planted faults: hostile text in a finding stays inert in every report and on a terminal.

A translator may write anything in a ``.po`` file, and a page may carry anything. Each payload
below is planted in one finding's message; the test reads each output back the way its reader
would (Markdown read token by token, XML parsed, HTML parsed) and checks the payload is there as
literal text and nowhere as markup. Ordinary text (Welsh, Arabic, punctuation) must be unchanged.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from checks.core import Finding, Options
from checks.report.inert import clean, relative_path, relative_text, terminal
from checks.report.markdown import md
from checks.report.write import write_reports
from pipeline.config import Config

FAMILIES = ["translations", "readability", "a11y", "privacy"]
PAYLOADS = {
    "image": "![x](http://evil/x.png)",
    "link": "[a](http://evil)",
    "script": "<script>alert(1)</script>",
    "img-tag": "<img src=x onerror=alert(1)>",
    "comment": "<!-- hidden --> shown",
    "ansi": "\x1b[31mred\x1b[0m",
    "control": "nul\x00 soh\x01 del\x7f csi\x9b",
    "bidi": "abc\u202edcba\u2066x\u2069",
    "heading": "# Heading\n## Sub",
    "pipe": "a | b || c",
    "backticks": "``code`` and `tick",
    "bare-url": "see https://evil.example/x and www.evil.example, or me@evil.example",
    "mention": "@everyone look",
}
ORDINARY = ("Rhif ffôn: 116 123 (am ddim) — «اتصل بنا على ١١٦ ١٢٣»; 5 * 3 = 15, 50% done & "
            "it's fine!")
#: What a backslash escapes in CommonMark.
PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
#: Markdown characters that would act if left unescaped outside a code span.
ACTIVE = set("[]<>`!*_#|~&$")
#: XML 1.0 allows tab, newline, carriage return and these ranges only.
XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: What no report may carry: control characters but tab and newline, and bidi controls.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: A terminal line may not even carry a newline.
TERMINAL_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def planted(root: Path) -> list[Finding]:
    """One blocking finding per payload, each on its own catalogue, plus the ordinary one."""
    found = [Finding("po-planted", "error", f"locales/cy/LC_MESSAGES/{name}.po", 7,
                     f"before {payload} after", lang="cy", check="translations",
                     fix=f"fix {payload}", source=f"docs/{name}.rst:3")
             for name, payload in PAYLOADS.items()]
    found.append(Finding("po-ordinary", "error", "locales/cy/LC_MESSAGES/ordinary.po", 2,
                         ORDINARY, lang="cy", check="translations", fix=ORDINARY))
    found.append(Finding("po-path", "error", "/tmp/abs/path", 5, "built in /tmp/abs/path/cy",
                         lang="cy", check="translations", source=f"{root}/docs/support.rst:9"))
    found.append(Finding("html-lang", "error", "_build/site/x/index.html", 1, "odd lang",
                         lang="x | ![l](http://evil/l.png)", check="a11y"))
    return found


@dataclass(frozen=True)
class Written:
    summary: str
    junit: str
    html: str
    json: str


@pytest.fixture(scope="module")
def written(config: Config, tmp_path_factory: pytest.TempPathFactory) -> Written:
    """The four report files written for the planted findings."""
    out = tmp_path_factory.mktemp("inert") / "reports"
    write_reports(planted(config.root), out, Options(config=config), FAMILIES, [])
    return Written(*((out / name).read_text(encoding="utf-8")
                     for name in ("summary.md", "junit.xml", "report.html", "findings.json")))


def literal(text: str) -> str:
    """What a reviewer reads: the payload as ``clean`` leaves it, on one line."""
    return " ".join(clean(text).split())


def markdown_tokens(line: str) -> list[tuple[str, str]]:
    """A line of inline Markdown as (kind, text): ``text``, ``escaped`` or ``code``.

    Follows CommonMark's precedence: a backslash escapes ASCII punctuation; a run of backticks
    opens a code span only if the same run closes it; anything else is literal text.
    """
    tokens: list[tuple[str, str]] = []
    i = 0
    while i < len(line):
        char = line[i]
        if char == "\\" and i + 1 < len(line) and line[i + 1] in PUNCTUATION:
            tokens.append(("escaped", line[i + 1]))
            i += 2
            continue
        if char == "`":
            run = re.match(r"`+", line[i:])
            assert run
            fence = run.group()
            close = re.compile(f"(?<!`){fence}(?!`)").search(line, i + len(fence))
            if close:
                body = line[i + len(fence):close.start()]
                if body.startswith(" ") and body.endswith(" ") and body.strip():
                    body = body[1:-1]
                tokens.append(("code", body.replace("\\|", "|")))
                i = close.end()
                continue
            tokens.append(("text", fence))
            i += len(fence)
            continue
        tokens.append(("text", char))
        i += 1
    return tokens


def summary_line(summary: str, marker: str) -> str:
    lines = [line for line in summary.splitlines() if marker in line]
    assert len(lines) == 1, (marker, summary)
    return lines[0]


def message_part(line: str) -> str:
    """The message of a "What blocks" item: between ``(lang): `` and the rule in code."""
    return line.split("): ", 1)[1].rsplit(" [`", 1)[0]


class Markup(HTMLParser):
    """Every tag, attribute, comment and piece of text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.comments: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(html: str) -> Markup:
    parser = Markup()
    parser.feed(html)
    parser.close()
    return parser


@pytest.mark.parametrize("name", [*PAYLOADS, "ordinary"])
def test_summary_shows_each_payload_as_literal_text(written: Written, name: str) -> None:
    line = summary_line(written.summary, f"/{name}.po:")
    tokens = markdown_tokens(message_part(line))
    live = "".join(text for kind, text in tokens if kind == "text")
    assert not ACTIVE & set(live), (name, line)
    assert not re.search(r"(?i)https?:|www\.|@\w", live), (name, line)
    message = ORDINARY if name == "ordinary" else f"before {PAYLOADS[name]} after"
    assert "".join(text for _, text in tokens) == literal(message)
    assert not TERMINAL_UNSAFE.search(line)


def test_summary_table_keeps_its_columns_and_ordinary_text_reads_as_written(
        written: Written) -> None:
    rows = [line for line in written.summary.splitlines() if line.startswith("| ")]
    assert len(rows) >= 4
    assert {len(re.findall(r"(?<!\\)\|", row)) for row in rows} == {6}
    assert "| cy | 15 blocking | pass | pass | pass |" in rows
    line = summary_line(written.summary, "/ordinary.po:")
    assert "Rhif ffôn: 116 123 (am ddim) — «اتصل بنا على ١١٦ ١٢٣»; 5 \\* 3 = 15" in line
    assert len(written.summary.splitlines()) < 40


@pytest.mark.parametrize("name", [*PAYLOADS, "ordinary"])
def test_junit_stays_valid_and_literal(written: Written, name: str) -> None:
    assert not XML_FORBIDDEN.search(written.junit)
    root = ET.fromstring(written.junit)
    case = next(c for c in root.iter("testcase") if c.get("name", "").endswith(f"/{name}.po"))
    failure = case.find("failure")
    assert failure is not None
    message = ORDINARY if name == "ordinary" else f"before {PAYLOADS[name]} after"
    assert failure.get("message") == clean(message)
    assert clean(message) in (failure.text or "")


@pytest.mark.parametrize("name", [*PAYLOADS, "ordinary"])
def test_html_escapes_each_payload(written: Written, name: str) -> None:
    page = parsed(written.html)
    message = ORDINARY if name == "ordinary" else f"before {PAYLOADS[name]} after"
    fix = ORDINARY if name == "ordinary" else f"fix {PAYLOADS[name]}"
    text = "".join(page.text)
    assert clean(message) in text and clean(fix) in text


def test_html_has_no_injected_markup(written: Written) -> None:
    page = parsed(written.html)
    assert page.comments == []
    assert {tag for tag, _ in page.tags} <= {
        "html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "p", "ul",
        "li", "table", "caption", "thead", "tbody", "tr", "th", "td", "section", "code",
        "strong", "dl", "dt", "dd", "details", "summary", "figure", "figcaption", "svg", "desc",
        "rect", "text", "line", "img", "span"}
    for tag, attrs in page.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        if tag == "img":
            assert (attrs.get("src") or "").startswith("data:image/png;base64,")
    assert not CONTROL.search(written.html)


def test_no_output_names_an_absolute_build_path(written: Written, config: Config) -> None:
    for text in (written.summary, written.junit, written.html, written.json):
        assert not CONTROL.search(text)
        assert "/tmp/abs" not in text and str(config.root) not in text
        assert "…/abs/path" in text
    data = {d["rule"]: d for d in json.loads(written.json)}
    assert data["po-path"]["source"] == "docs/support.rst:9"
    assert data["po-path"]["message"] == "built in …/abs/path/cy"


def test_findings_json_holds_clean_text(written: Written) -> None:
    for item in json.loads(written.json):
        for value in item.values():
            if isinstance(value, str):
                assert not CONTROL.search(value), value


def test_relative_path(tmp_path: Path) -> None:
    root = tmp_path / "project"
    assert relative_path(f"{root}/docs/x.rst:12", [root]) == "docs/x.rst:12"
    assert relative_path("/tmp/abs/path", [root]) == "…/abs/path"
    assert relative_path("/srv/ci/build/site/cy/index.html", [root]) == "…/site/cy/index.html"
    assert relative_path("/x", [root]) == "…"
    assert relative_path("_build/site/cy/index.html", [root]) == "_build/site/cy/index.html"
    report = tmp_path / "reports"
    assert relative_path(f"{report}/shots/a.png", [root, report]) == "shots/a.png"


def test_relative_text_leaves_web_addresses_alone(tmp_path: Path) -> None:
    root = tmp_path / "project"
    assert relative_text(f"{root}/docs/x.rst:3: ERROR: bad", [root]) == "docs/x.rst:3: ERROR: bad"
    assert relative_text('<img src="/_static/logo.png">', [root]) == '<img src="/_static/logo.png">'
    assert relative_text("see https://example.org/tmp/a", [root]) == "see https://example.org/tmp/a"


def test_terminal_output_carries_no_escape() -> None:
    hostile = "\x1b[2J\x1b]8;;http://evil\x07click\x1b]8;;\x07 \u202eabc\x9b31m\nfake: 0 findings"
    shown = terminal(hostile)
    assert not TERMINAL_UNSAFE.search(shown)
    assert "\n" not in shown and "\\u202eabc" in shown and "\\nfake" in shown
    assert terminal(ORDINARY) == ORDINARY
    assert terminal("a\tb") == "a\tb"


@pytest.mark.parametrize(("text", "options", "expected"), [
    ("plain words, a full stop.", {}, "plain words, a full stop."),
    ("![x](http://evil/x.png)", {}, "\\!\\[x\\](`http://evil/x.png`)"),
    ("<!-- c -->", {}, "\\<\\!-- c --\\>"),
    ("# title\n1. item", {}, "\\# title 1. item"),
    ("1. item", {}, "1\\. item"),
    ("- item", {}, "\\- item"),
    ("a | b", {"cell": True}, "a \\| b"),
    ("`x`", {"code": True}, "`` `x` ``"),
    ("a|b", {"code": True, "cell": True}, "`a\\|b`"),
    ("x" * 300, {"limit": 20}, "x" * 19 + "…"),
])
def test_md(text: str, options: dict[str, bool | int], expected: str) -> None:
    assert md(text, **options) == expected  # type: ignore[arg-type]
