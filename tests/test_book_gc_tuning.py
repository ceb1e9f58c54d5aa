"""book_gc_tuning: the book's own collector tuning changes the time of a build, not its output,
and leaves the interpreter as it found it (a test process or a live preview builds again)."""

from __future__ import annotations

import gc
import os
from types import SimpleNamespace

import book_gc_tuning
import pytest
from roots_build import build, copy_root, output_files, sphinx_build


def switched(on: bool) -> SimpleNamespace:
    config = SimpleNamespace(book_gc_tuning=on)
    return SimpleNamespace(config=config)


def test_tunes_the_collector_during_a_build_and_restores_it():
    app = switched(True)
    before = gc.get_threshold()
    assert gc.get_freeze_count() == 0
    try:
        book_gc_tuning.collect_less_often(app, app.config)
        assert gc.get_threshold() == (*before[:2], book_gc_tuning.FULL_COLLECTION_THRESHOLD)
        book_gc_tuning.freeze_what_was_read(app, None)
        assert gc.get_freeze_count() > 0
    finally:
        book_gc_tuning.restore(app, None)
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before


def test_switched_off_changes_nothing():
    app = switched(False)
    before = gc.get_threshold()
    book_gc_tuning.collect_less_often(app, app.config)
    book_gc_tuning.freeze_what_was_read(app, None)
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before
    book_gc_tuning.restore(app, None)


def test_same_output_on_and_off_and_nothing_left_frozen(tmp_path):
    built = {}
    for on in (True, False):
        srcdir = copy_root("domain", tmp_path / str(on))
        with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write('\nextensions.append("book_gc_tuning")\n')
        before = gc.get_threshold()
        result = build(srcdir, book_gc_tuning=on)
        assert result.warnings == ""
        assert gc.get_freeze_count() == 0
        assert gc.get_threshold() == before
        built[on] = output_files(result.outdir)
    assert len(built[True]) > 5
    assert built[True] == built[False]


@pytest.mark.slow
def test_the_book_is_the_same_without_the_tuning(book_build, tmp_path):
    """The whole site, byte for byte, with the switch off (the session's build has it on)."""
    html = book_build("html")
    out = tmp_path / "html"
    result = sphinx_build("html", out, "-D", "book_gc_tuning=0", doctrees=tmp_path / "doctrees")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    on, off = output_files(html), output_files(out)
    assert sorted(on) == sorted(off)
    assert [name for name in on if on[name] != off[name]] == []
    assert os.path.exists(html / "source" / "introduction.html")
