"""This book's own build tuning: Python's cyclic collector walks the build's data less often.

A Sphinx build keeps growing data (the environment: every document's metadata, the domains'
data, the toctrees); CPython 3.11 runs a full collection each time ten young-generation
collections have passed and the long-lived objects have grown by a quarter, and each full
collection walks all of it again.  On the benchmark's 800-document book, the collector took
6 of 23 s of CPU time, 5 of them in 18 full collections (bench/RESULTS.md).  This extension

* raises the collector's third threshold from 10 to 100 (``gc.set_threshold``) from
  ``config-inited``: a full collection waits for a hundred young-generation collections;
* freezes what is alive once the sources are read (``gc.freeze()`` at ``env-updated``), so that
  the collections while pages are written skip the environment;
* gives the interpreter back as it found it at ``build-finished`` (thresholds, no frozen
  objects), for a process that builds again (a test, a live preview).

It changes the interpreter for the whole process: it belongs to this book's configuration,
never to an extension that other projects load (``devops_domain``).  Switch:
``book_gc_tuning = False``.  The output is the same either way (tests/test_book_gc_tuning.py);
the time and memory are measured by the benchmark (bench/).
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

#: Full collections wait for this many young-generation collections (CPython's default: 10).
FULL_COLLECTION_THRESHOLD = 100

_saved_thresholds: list[tuple[int, int, int]] = []


def collect_less_often(app: Sphinx, config: Config) -> None:
    if config.book_gc_tuning:
        young, middle, _ = thresholds = gc.get_threshold()
        _saved_thresholds.append(thresholds)
        gc.set_threshold(young, middle, FULL_COLLECTION_THRESHOLD)


def freeze_what_was_read(app: Sphinx, env: BuildEnvironment) -> None:
    if app.config.book_gc_tuning:
        gc.freeze()


def restore(app: Sphinx, exception: BaseException | None) -> None:
    if app.config.book_gc_tuning:
        gc.unfreeze()
        if _saved_thresholds:
            gc.set_threshold(*_saved_thresholds.pop())


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("book_gc_tuning", True, "", types=frozenset({bool}))
    app.connect("config-inited", collect_less_often)
    app.connect("env-updated", freeze_what_was_read)
    app.connect("build-finished", restore)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
