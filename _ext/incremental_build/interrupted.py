"""A build stopped after reading (Ctrl-C, a killed process, a full disk) is completed by the
next one.

Sphinx saves the environment once the documents are read, then writes the pages.  What it
learnt while reading (which pages show a definition that changed, a title, a citation) is
kept only in memory: if the build stops while it writes, the next build finds nothing to
re-read, and the pages not yet written keep their old text for good.

So a mark is left on disk, next to the doctrees, for each builder, as soon as the reading
is done; it is removed only when a build has finished without error.  A build that finds
the mark rewrites every page, as a clean build would.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


def mark(builder: Builder) -> Path:
    """The mark of a build of ``builder`` that started writing and did not finish."""
    return Path(builder.doctreedir, f"incremental_build-unfinished-{builder.name}")


def rewrite_all_after_an_unfinished_build(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Every page if the last build of this builder did not finish; then leave the mark for
    this one (``env-get-updated``: the reading is done, the writing is to come)."""
    path = mark(app.builder)
    unfinished = path.is_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()
    return sorted(env.found_docs) if unfinished else []


def forget_the_mark(app: Sphinx, exception: BaseException | None) -> None:
    """After a build that finished without error (``build-finished``)."""
    if exception is None:
        mark(app.builder).unlink(missing_ok=True)
