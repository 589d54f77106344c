"""The quick-exit theme as another project uses it: installed from a wheel, ``html_theme`` alone.

``tests/sites/theme-only`` is a plain Sphinx project: no ``sys.path`` change, no ``[tool.guide]``,
no extension. The wheel of this project is installed into a fresh virtualenv (with the locked
packages it depends on visible from the project's own environment, so nothing is downloaded)
and the site is built there: it proves the package ships everything the theme needs.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from pipeline.toolchain import copy_project

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "tests" / "sites" / "theme-only"


@pytest.fixture(scope="module")
def wheel_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An interpreter that has this project installed from its wheel, not from the source tree."""
    work = tmp_path_factory.mktemp("wheel")
    # From a copy of the tracked files: setuptools builds in the source tree, and a stale
    # build/ there could put files in the wheel that the project no longer has.
    copy_project(ROOT, work / "project")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(work / "dist"), str(work / "project")], check=True)
    (wheel,) = (work / "dist").glob("*.whl")
    env_dir = work / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    # The project's own environment gives Sphinx and Babel; the wheel gives the theme.
    site = subprocess.run([sys.executable, "-c", "import sysconfig; print(sysconfig.get_paths()"
                           "['purelib'])"], capture_output=True, text=True, check=True).stdout
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()"
                              "['purelib'])"], capture_output=True, text=True,
                             check=True).stdout.strip()
    Path(purelib).mkdir(parents=True, exist_ok=True)
    (Path(purelib) / "project-env.pth").write_text(site.strip() + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    purelib, str(wheel)], check=True)
    return python


@pytest.fixture(scope="module")
def built(wheel_python: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The theme-only site built with the wheel's theme, from outside the source tree."""
    work = tmp_path_factory.mktemp("theme-only")
    shutil.copytree(SITE, work, dirs_exist_ok=True)
    found = subprocess.run([str(wheel_python), "-c", "import quick_exit_theme; "
                            "print(quick_exit_theme.__file__)"], capture_output=True, text=True,
                           check=True, cwd=work).stdout
    assert str(ROOT) not in found, "the theme must come from the wheel, not the source tree"
    subprocess.run([str(wheel_python), "-m", "sphinx", "-b", "html", "-q", "-W",
                    str(work / "docs"), str(work / "out")], check=True, cwd=work)
    return work / "out"


def test_the_page_has_the_quick_exit_skip_link_and_privacy_first(built: Path) -> None:
    html = (built / "index.html").read_text(encoding="utf-8")
    head = html.split("<head>", 1)[1].split("</head>", 1)[0]
    tags = re.findall(r"<(meta|title|link|script)\b", head)
    assert tags[:3] == ["meta", "meta", "meta"]  # charset, CSP, referrer: before anything else
    assert re.search(r'<meta charset="utf-8">\s*<meta http-equiv="Content-Security-Policy"', head)
    assert '<meta name="referrer" content="no-referrer">' in head
    assert re.search(r'<a class="skip-link" href="#main">Skip to main content</a>\s*'
                     r'<div class="quick-exit"', html)
    assert ('<a class="quick-exit-link" href="https://www.example.org/weather" '
            'rel="nofollow noreferrer" data-quick-exit>Leave this site</a>') in html
    assert 'href="tel:112">112</a>' in html  # the emergency number option
    assert 'href="tel:08001111">0800 1111</a>' in html  # the theme's :tel: role


def test_the_theme_ships_its_assets_and_nothing_that_tracks(built: Path) -> None:
    assert (built / "_static" / "quick-exit-theme.css").stat().st_size > 1000
    script = (built / "_static" / "quick-exit.js").read_text(encoding="utf-8")
    assert "location.replace" in script and "{%" not in script
    css = (built / "_static" / "quick-exit-theme.css").read_text(encoding="utf-8")
    assert ".quick-exit-link" in css and "{%" not in css  # the component's styles, included
    assert not (built / "search.html").exists() and not (built / "searchindex.js").exists()
    for page in built.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "searchtools" not in html and "doctools" not in html
        assert not re.search(r'(src|href)="(https?:)?//', html.replace(
            'href="https://www.example.org/weather"', ""))
    headers = (built / "_headers").read_text(encoding="utf-8")
    assert "X-Frame-Options: DENY" in headers and "frame-ancestors 'none'" in headers
    assert "Strict-Transport-Security" in headers
