"""This book's own build tuning: Python's cyclic collector leaves alone what is alive once the
sources are read.

After reading, a build keeps the environment (every document's metadata, the domains' data,
the toctrees) for the rest of the run; each full collection while pages are written walks all
of it again, for nothing. ``gc.freeze()`` at ``env-updated`` moves those objects into the
collector's permanent generation (Python's documented use of it), and ``build-finished``
unfreezes them, so that a process that builds again (a test, a live preview) collects as usual.

The tuning changes the interpreter for the whole process: it belongs to this book's
configuration, never to an extension that other projects load (``devops_domain``).  Switch:
``book_gc_freeze = False``; the output is the same either way (tests/test_book_gc_freeze.py), the
time is measured by the benchmark (bench/).
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def freeze_what_was_read(app: Sphinx, env: BuildEnvironment) -> list[str]:
    if app.config.book_gc_freeze:
        gc.freeze()
    return []


def unfreeze(app: Sphinx, exception: BaseException | None) -> None:
    if app.config.book_gc_freeze:
        gc.unfreeze()


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("book_gc_freeze", True, "", types=frozenset({bool}))
    app.connect("env-updated", freeze_what_was_read)
    app.connect("build-finished", unfreeze)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
