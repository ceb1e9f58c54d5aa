"""Build a test root outside the per-test `app` fixture, for module-scoped fixtures."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path
from typing import Any, NamedTuple

from sphinx.testing.util import SphinxTestApp

ROOTS = Path(__file__).parent / "roots"


class Built(NamedTuple):
    """The result of a build: where the output is, the sources, and what was logged."""

    outdir: Path
    srcdir: Path
    status: str
    warnings: str


def copy_root(name: str, dest: Path) -> Path:
    """A private copy of ``tests/roots/test-<name>``, safe to edit."""
    srcdir = dest / name
    if not srcdir.exists():
        shutil.copytree(ROOTS / f"test-{name}", srcdir)
    return srcdir


def build(srcdir: Path, builder: str = "html", parallel: int = 0, **confoverrides: Any) -> Built:
    """Build ``srcdir`` (keeping its environment for incremental builds) and return the result."""
    status, warning = StringIO(), StringIO()
    app = SphinxTestApp(
        builder,
        srcdir=srcdir,
        status=status,
        warning=warning,
        parallel=parallel,
        confoverrides=confoverrides or None,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return Built(Path(app.outdir), srcdir, status.getvalue(), warning.getvalue())
