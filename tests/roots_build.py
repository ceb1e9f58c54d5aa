"""The two ways the tests build a project: in process (``build``: fast, gives the doctrees) and
as ``make`` does, in a subprocess (``sphinx_build``: the command line, parallel builds, a
copy of the extensions on PYTHONPATH)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from io import StringIO
from pathlib import Path
from typing import Any, NamedTuple

from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

ROOTS = Path(__file__).parent / "roots"
BOOK = Path(__file__).resolve().parent.parent
#: One date for every build of the session (Sphinx honours SOURCE_DATE_EPOCH for « Mis à jour
#: le … », the title page and the EPUB's metadata): builds made a minute apart stay comparable.
#: NO_COLOR: plain, one-line-per-event output, even where CI=true or FORCE_COLOR is set.
BUILD_ENV = {**os.environ, "SOURCE_DATE_EPOCH": str(int(time.time())), "NO_COLOR": "1"}


class Built(NamedTuple):
    """The result of a build: where the output is, the sources, what was logged, and the
    application (its environment and builder, for doctree-level tests)."""

    outdir: Path
    srcdir: Path
    status: str
    warnings: str
    app: SphinxTestApp


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
    events: Mapping[str, Callable[..., Any]] | None = None,
    builddir: Path | None = None,
    **confoverrides: Any,
) -> Built:
    """Build ``srcdir`` (keeping its environment for incremental builds) and return the result.

    ``events``: handlers to connect before the build (Sphinx event name -> callback).
    ``builddir``: where the output (``<builddir>/<builder>``) and the environment go, by
    default ``srcdir/_build``.
    """
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
    for event, handler in (events or {}).items():
        app.connect(event, handler)
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
        app,
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


def output_files(outdir: Path, pattern: str = "*") -> dict[str, bytes]:
    """The files a build wrote, by path, for byte-for-byte comparisons; not ``.buildinfo``,
    which holds the hash of the configuration (a switch turned off changes it)."""
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted(outdir.rglob(pattern))
        if path.is_file() and path.name != ".buildinfo"
    }


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` in a source file; an edit that no longer applies fails loudly."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is no longer in {path.name}: update the edit"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def sphinx_build(
    builder: str,
    outdir: Path,
    *extra: str,
    srcdir: Path = BOOK,
    options: tuple[str, ...] = ("-nW", "--keep-going"),
    doctrees: Path | None = None,
    pythonpath: tuple[Path, ...] = (),
    env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m sphinx`` as ``make`` does (warnings as errors unless ``options`` say
    otherwise); return the finished process.  ``extra``: more options (``-j 2``); ``env``:
    more environment variables."""
    env = {**BUILD_ENV, **(env or {})}
    if pythonpath:
        env["PYTHONPATH"] = os.pathsep.join(str(path) for path in pythonpath)
    doctrees = doctrees or outdir.parent / f"doctrees-{outdir.name}"
    command = [sys.executable, "-m", "sphinx", *options, "-b", builder, "-d", str(doctrees)]
    return subprocess.run(
        [*command, *extra, str(srcdir), str(outdir)],
        capture_output=True,
        encoding="utf-8",
        errors="replace",  # LaTeX's output is not always UTF-8
        check=False,
        env=env,
    )


def latex_to_pdf(latex_outdir: Path) -> Path:
    """The PDF of a LaTeX build, made by the folder's own Makefile as ``make latexpdf`` does
    (latexmk, stopping at the first LaTeX error); the test fails with the end of the log."""
    result = subprocess.run(
        [
            "make",
            "-C",
            str(latex_outdir),
            "all-pdf",
            "LATEXMKOPTS=-interaction=nonstopmode -halt-on-error",
        ],
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    (pdf,) = Path(latex_outdir).glob("*.pdf")
    return pdf
