"""Shared fixtures: sphinx.testing roots under tests/roots, and one build of the real book."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest_plugins = ["sphinx.testing.fixtures"]

TESTS = Path(__file__).parent.resolve()
BOOK = TESTS.parent
sys.path.insert(0, str(BOOK / "_ext"))


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where sphinx.testing finds the `test-<name>` roots."""
    return TESTS / "roots"


def require_tool(name: str) -> str:
    """The path of an external program; skip without it, fail in CI (BOOK_REQUIRE_ALL_TOOLS)."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("BOOK_REQUIRE_ALL_TOOLS"):
            pytest.fail(f"{name} is required in CI but is not installed")
        pytest.skip(f"{name} is not installed")
    return path


def sphinx_build(
    builder: str, outdir: Path, *extra: str, srcdir: Path = BOOK
) -> subprocess.CompletedProcess:
    """Build `srcdir` with warnings as errors, as `make` does; return the finished process."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-nW",
            "--keep-going",
            "-b",
            builder,
            "-d",
            str(outdir.parent / f"doctrees-{outdir.name}"),
            *extra,
            str(srcdir),
            str(outdir),
        ],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def book_build(tmp_path_factory):
    """Build the real book once per session with a given builder; cached per builder."""
    base = tmp_path_factory.mktemp("book")
    done: dict[str, Path] = {}

    def build(builder: str) -> Path:
        if builder not in done:
            out = base / builder
            result = sphinx_build(builder, out)
            assert result.returncode == 0, result.stdout[-3000:] + result.stderr
            done[builder] = out
        return done[builder]

    return build
