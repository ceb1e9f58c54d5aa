"""What the browser and validator tests need from outside Python: npm packages, Playwright.

Like ``conftest.require_tool``: a missing tool skips the test on a laptop and fails it in CI
(``BOOK_REQUIRE_ALL_TOOLS=1``, set by ``.ci/run``).
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from types import ModuleType

import pytest

BOOK = Path(__file__).resolve().parents[2]
#: The npm packages of package.json, installed by ``npm ci --ignore-scripts``.
NODE_MODULES = BOOK / "node_modules"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

#: Debian's Chromium, quiet: no network of its own, no updates, no first-run pages.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 800}
#: A small phone (iPhone SE/8, 375 CSS pixels): furo's narrowest layout.
PHONE = {"width": 375, "height": 667}
#: The chapter the tests of the domain's HTML look at first.
INTRODUCTION = "source/introduction.html"

#: Lines for the end of the test report (screenshots, findings below "serious").
REPORT: list[str] = []


def missing(what: str, hint: str) -> None:
    """Skip the test, or fail it in CI, because `what` is not installed."""
    if os.environ.get("BOOK_REQUIRE_ALL_TOOLS"):
        pytest.fail(f"{what} is required in CI but is not installed ({hint})")
    pytest.skip(f"{what} is not installed ({hint})")


def require_npm_file(path: Path) -> Path:
    """A file of an npm package of package.json (skip without it, fail in CI)."""
    if not path.is_file():
        missing(str(path.relative_to(BOOK)), "run `npm ci --ignore-scripts` at the repository root")
    return path


def require_module(name: str) -> ModuleType:
    """A Python package of requirements-dev.txt that a plain Sphinx build does not need."""
    try:
        return importlib.import_module(name)
    except ImportError:
        missing(f"the Python package {name}", "pip install -r requirements-dev.txt")
        raise  # not reached: missing() skips or fails
