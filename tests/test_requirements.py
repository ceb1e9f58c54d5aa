"""The book's Python environment: what `make html` installs, what `make test` adds, and how
make recovers from a broken .venv."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from conftest import BOOK, require_tool
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)$")
#: Tools of the tests, lint and browser checks, and the themes of the portability matrix:
#: never in what Read the Docs and `make html` install.
DEV_ONLY = {
    "mypy",
    "pytest",
    "ruff",
    "playwright",
    "greenlet",
    "types-docutils",
    "pydata-sphinx-theme",
    "sphinx-book-theme",
    "sphinx-rtd-theme",
}


def pins(name: str) -> dict[str, str]:
    """The exact versions a requirements file pins (its own lines, not the included file's)."""
    found = {}
    for line in (BOOK / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or line == "-r requirements.txt":
            continue
        if line.startswith("./"):  # this repository's own distribution (_ext/pyproject.toml)
            continue
        match = PIN.match(line)
        assert match, f"{name}: {line!r} is not an exact pin (name==version)"
        found[canonicalize_name(match[1])] = match[2]
    return found


def test_the_book_requirements_hold_no_test_tool():
    book = pins("requirements.txt")
    assert {"sphinx", "myst-parser", "sphinxcontrib-bibtex", "furo", "sphinx-autobuild"} <= set(
        book
    )
    assert set(book) & DEV_ONLY == set()


def test_the_dev_requirements_add_the_tools_to_the_book_requirements():
    text = (BOOK / "requirements-dev.txt").read_text(encoding="utf-8")
    assert "\n-r requirements.txt\n" in text
    dev = pins("requirements-dev.txt")
    assert set(dev) >= DEV_ONLY
    assert set(dev) & set(pins("requirements.txt")) == set()  # one pin per package


def test_every_pin_installs_on_python_3_11_0():
    """What this environment installed from the pins says it runs on Python 3.11.0 (Debian 12
    ships 3.11.2; soupsieve 4.1.3, for one, needs 3.11.5).  A package installed at another
    version than its pin (an environment made from an older requirements file) is not read:
    CI's environment, made from these files, has them all."""
    checked = []
    for name, version in {**pins("requirements.txt"), **pins("requirements-dev.txt")}.items():
        try:
            installed = distribution(name)
        except PackageNotFoundError:
            continue
        if installed.version != version:
            continue
        requires = installed.metadata.get("Requires-Python") or ""
        assert SpecifierSet(requires).contains("3.11.0"), f"{name}: Requires-Python {requires}"
        checked.append(name)
    assert len(checked) > 60


def make_dry_run(venv: Path) -> str:
    """What `make html` would run with that environment (make -n: nothing is run)."""
    result = subprocess.run(
        [require_tool("make"), "-n", "-C", str(BOOK), "html", f"VENV={venv}"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def fake_venv(tmp_path: Path, python: str) -> Path:
    """An environment whose ``bin/python`` is ``python`` and whose install is up to date."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").symlink_to(python)
    (venv / "bin" / "sphinx-build").touch()  # newer than requirements.txt
    return venv


def test_make_html_reuses_a_working_environment(tmp_path):
    commands = make_dry_run(fake_venv(tmp_path, sys.executable))
    assert "-m venv" not in commands
    assert "pip install" not in commands
    assert "-m sphinx -b html" in commands


def test_make_html_rebuilds_an_environment_whose_python_does_not_run(tmp_path):
    commands = make_dry_run(venv := fake_venv(tmp_path, "/nonexistent/python3"))
    assert f"rm -rf {venv}\n" in commands
    assert f"python3 -m venv {venv}\n" in commands
    assert "pip install --quiet -r requirements.txt" in commands


def test_make_html_rebuilds_an_environment_whose_install_failed(tmp_path):
    """pip failed (or was stopped) last time: the marker it would have removed is there."""
    venv = fake_venv(tmp_path, sys.executable)
    (venv / ".install-incomplete").touch()
    commands = make_dry_run(venv)
    assert f"rm -rf {venv}\n" in commands
    assert f"python3 -m venv {venv}\n" in commands
