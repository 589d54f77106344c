"""The locked toolchain: refresh the lock, and find drift from it before it reaches anyone.

``requirements.txt`` pins every Python package the project and its tests use, with hashes; a
fresh machine installs exactly that (``.ci/bootstrap``). :func:`lock` refreshes it with uv to the
newest versions that the ranges in ``pyproject.toml`` allow, so an upgrade is one reviewed
change. :func:`drift` installs those newest versions into a separate virtualenv, names the
packages that differ from the lock, and runs the tests and a publish with them in a copy of the
project, so that a release that breaks the gate is found the week it ships.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

LOCK = "requirements.txt"
#: The interpreter the lock is resolved for (the oldest the project supports).
PYTHON = "3.12"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)


def normal(name: str) -> str:
    """A package name as PyPI compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def build_requirements(root: Path) -> list[str]:
    """The build backend's requirements, from ``[build-system]``: locked too, because the
    editable install runs without build isolation (nothing is fetched that the lock lacks)."""
    data = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    return [str(r) for r in data.get("build-system", {}).get("requires", [])]


def locked(lock: Path) -> dict[str, str]:
    """Package name to version, as pinned in a lock file."""
    return {normal(m.group(1)): m.group(2) for m in _PIN.finditer(lock.read_text("utf-8"))}


def installed(python: Path) -> dict[str, str]:
    """Package name to version, as installed for an interpreter (the project itself left out)."""
    code = ("import importlib.metadata as m, json; print(json.dumps({d.metadata['Name']: "
            "d.version for d in m.distributions()}))")
    out = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True)
    return {normal(k): v for k, v in json.loads(out.stdout).items()}


@dataclass(frozen=True)
class Difference:
    """One package whose newest allowed version is not the locked one."""

    name: str
    locked: str
    newest: str

    def __str__(self) -> str:
        return f"{self.name}: {self.locked or 'not locked'} -> {self.newest or 'not installed'}"


def differences(lock: dict[str, str], found: dict[str, str], project: str) -> list[Difference]:
    """Packages that differ between the lock and an installed set (pip and the project aside)."""
    ignore = {normal(project), "pip"}
    names = sorted((set(lock) | set(found)) - ignore)
    return [Difference(n, lock.get(n, ""), found.get(n, "")) for n in names
            if lock.get(n) != found.get(n)]


def lock(root: Path, extra: list[str]) -> int:
    """Refresh ``requirements.txt`` with uv: every package pinned with its hashes."""
    cmd = [sys.executable, "-m", "uv", "pip", "compile", "pyproject.toml", "-", "--extra", "test",
           "--generate-hashes", "--python-version", PYTHON, "--no-header", "--upgrade",
           "-o", LOCK, *extra]
    stdin = "\n".join(build_requirements(root)) + "\n"
    proc = subprocess.run(cmd, cwd=root, input=stdin, text=True, check=False)
    if proc.returncode == 0:
        print(f"{LOCK} refreshed; review `git diff {LOCK}`, run the tests, commit it")
    return proc.returncode


def copy_project(root: Path, target: Path) -> None:
    """The files git tracks (or, outside git, the tree without builds and environments)."""
    shutil.rmtree(target, ignore_errors=True)
    try:
        listed = subprocess.run(["git", "ls-files", "-z"], cwd=root, capture_output=True,
                                check=True).stdout.decode().split("\0")
    except (OSError, subprocess.CalledProcessError):
        shutil.copytree(root, target, ignore=shutil.ignore_patterns(
            "_build", ".venv", ".nox", "__pycache__", "*.egg-info", ".git"))
        return
    for name in filter(None, listed):
        source = root / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def drift(root: Path) -> int:
    """Install the newest allowed versions apart, then run the tests and a publish with them.

    Writes ``_build/drift/summary.md``; exits 1 when the tests or the publish fail with them.
    """
    work = root / "_build" / "drift"
    project, venv = work / "project", work / "venv"
    copy_project(root, project)
    shutil.rmtree(venv, ignore_errors=True)
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    # The build backend too, as the lock has it: the tests build a wheel without isolation.
    install = subprocess.run([str(python), "-m", "pip", "install", "-q", "-e", f"{project}[test]",
                              *build_requirements(root)], env=env, check=False)
    if install.returncode:
        print("drift: the newest allowed versions do not install", file=sys.stderr)
        return 1
    changed = differences(locked(root / LOCK), installed(python), "sextortion-guide")
    steps = {
        "tests": [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        "publish": [str(python), "-m", "pipeline", "publish"],
    }
    results = {name: subprocess.run(cmd, cwd=project, env=env, check=False).returncode
               for name, cmd in steps.items()}
    lines = ["# Dependency drift", "",
             f"{len(changed)} package(s) differ from `{LOCK}` (locked -> newest allowed):", ""]
    lines += [f"- `{d}`" for d in changed] or ["- none"]
    lines += ["", *(f"- {name}: {'passed' if code == 0 else f'FAILED (exit {code})'}"
                    for name, code in results.items())]
    summary = "\n".join(lines) + "\n"
    (work / "summary.md").write_text(summary, encoding="utf-8")
    print(summary)
    return 0 if all(code == 0 for code in results.values()) else 1
