"""book_gc_freeze: the book's own collector tuning changes the time of a build, not its output,
and leaves the interpreter as it found it (a test process or a live preview builds again)."""

from __future__ import annotations

import gc
import os
from pathlib import Path
from types import SimpleNamespace

import book_gc_freeze
import pytest
from roots_build import build, copy_root, sphinx_build


def switched(on: bool) -> SimpleNamespace:
    return SimpleNamespace(config=SimpleNamespace(book_gc_freeze=on))


def test_freezes_after_reading_and_unfreezes_at_the_end():
    assert gc.get_freeze_count() == 0
    try:
        book_gc_freeze.freeze_what_was_read(switched(True), None)
        assert gc.get_freeze_count() > 0
    finally:
        book_gc_freeze.unfreeze(switched(True), None)
    assert gc.get_freeze_count() == 0


def test_switched_off_changes_nothing():
    book_gc_freeze.freeze_what_was_read(switched(False), None)
    assert gc.get_freeze_count() == 0


def pages(outdir: Path) -> dict[str, bytes]:
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file() and path.name != ".buildinfo"
    }


@pytest.mark.sphinx
def test_same_output_on_and_off_and_nothing_left_frozen(tmp_path):
    built = {}
    for on in (True, False):
        srcdir = copy_root("domain", tmp_path / str(on))
        with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write('\nextensions.append("book_gc_freeze")\n')
        result = build(srcdir, book_gc_freeze=on)
        assert result.warnings == ""
        assert gc.get_freeze_count() == 0
        built[on] = pages(result.outdir)
    assert len(built[True]) > 5
    assert built[True] == built[False]


@pytest.mark.slow
def test_the_book_is_the_same_without_the_tuning(book_build, tmp_path):
    """The whole site, byte for byte, with the switch off (the session's build has it on)."""
    html = book_build("html")
    out = tmp_path / "html"
    result = sphinx_build("html", out, "-D", "book_gc_freeze=0", doctrees=tmp_path / "doctrees")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    on, off = pages(html), pages(out)
    assert sorted(on) == sorted(off)
    assert [name for name in on if on[name] != off[name]] == []
    assert os.path.exists(html / "source" / "introduction.html")
