"""Build a test root outside the per-test `app` fixture, for module-scoped fixtures."""

from __future__ import annotations

import json
import re
import shutil
from io import StringIO
from pathlib import Path
from typing import Any, NamedTuple

from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

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


def build(
    srcdir: Path,
    builder: str = "html",
    parallel: int = 0,
    builddir: Path | None = None,
    **confoverrides: Any,
) -> Built:
    """Build ``srcdir`` (keeping its environment for incremental builds) and return the result.

    ``builddir``: where the output (``<builddir>/<builder>``) and the environment go, by
    default ``srcdir/_build``."""
    status, warning = StringIO(), StringIO()
    app = SphinxTestApp(
        builder,
        srcdir=srcdir,
        builddir=builddir,
        status=status,
        warning=warning,
        parallel=parallel,
        confoverrides=confoverrides or None,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    # In-process builds colour their output whatever the environment says: plain text here.
    return Built(
        Path(app.outdir),
        srcdir,
        strip_escape_sequences(status.getvalue()),
        strip_escape_sequences(warning.getvalue()),
    )


#: A page Sphinx reports writing, in its output (one line per page without colours).
WRITING = re.compile(r"writing output\.\.\. \[\s*\d+%\] (\S+)")


def written_pages(output: str) -> set[str]:
    """The documents a build wrote, from what Sphinx printed."""
    return set(WRITING.findall(output))


def search_index(data: bytes) -> dict:
    """The data of a ``searchindex.js``."""
    text = data.decode("utf-8")
    assert text.startswith("Search.setIndex(")
    assert text.endswith(")")
    return json.loads(text[len("Search.setIndex(") : -1])


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` in a source file; an edit that no longer applies fails loudly."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is no longer in {path.name}: update the edit"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
