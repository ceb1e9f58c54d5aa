"""The domain's index pages are written again only when what they show may have changed
(``_ext/devops_domain/index_pages.py``, issue 26), and the site is then what a clean build of
the same sources writes, byte for byte.

On ``tests/roots/test-equivalence`` (terms and people mentioned in several chapters), each
build as ``make`` runs it (``python -m sphinx -nW --keep-going``, a subprocess): a clean
build, a no-op build, an edit that no index shows, an edit that adds a mention of a term; and
the switch ``devops_write_unchanged_index_pages = True``, which writes them every time with
the same bytes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import BOOK
from roots_build import copy_root, edit, output_files, sphinx_build

pytestmark = pytest.mark.slow

INDEX_PAGES = {"devops-terms", "devops-people"}


def build(src: Path, out: Path, *extra: str) -> set[str]:
    """Build as ``make`` does; the domain index pages this build wrote (Sphinx names each
    page it writes after « generating indices... »)."""
    result = sphinx_build("html", out, *extra, srcdir=src, pythonpath=(BOOK / "_ext",))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    written = re.search(r"generating indices\.\.\. (.*?)done", output)
    assert written, output[-4000:]
    return set(written.group(1).split()) & INDEX_PAGES


def clean_build_of(src: Path, tmp_path: Path, name: str) -> dict[str, bytes]:
    out = tmp_path / name
    assert build(src, out) == INDEX_PAGES
    return output_files(out)


def test_index_pages_written_only_when_they_change(tmp_path: Path) -> None:
    src = copy_root("equivalence", tmp_path)
    out = tmp_path / "html"
    assert build(src, out) == INDEX_PAGES  # a clean build writes them
    terms = (out / "devops-terms.html").read_bytes()
    assert b"shift left" in terms

    assert build(src, out) == set()  # a no-op build
    assert output_files(out) == clean_build_of(src, tmp_path, "clean-noop")

    # Text that no index shows: the pages are left as they are, and right.
    edit(src / "chap3.md", "Seul ce chapitre parle", "Ce chapitre seul parle")
    assert build(src, out) == set()
    assert "Ce chapitre seul parle" in (out / "chap3.html").read_text(encoding="utf-8")
    assert output_files(out) == clean_build_of(src, tmp_path, "clean-text")

    # A new mention of a term: the index of terms lists it, the index of people is unchanged.
    edit(src / "chap3.md", "[^seul].", "[^seul] et du {term}`GitOps`.")
    assert build(src, out) == {"devops-terms"}
    assert (out / "devops-terms.html").read_bytes() != terms
    assert output_files(out) == clean_build_of(src, tmp_path, "clean-mention")

    # A page deleted by hand is written again.
    (out / "devops-people.html").unlink()
    assert build(src, out) == {"devops-people"}
    assert output_files(out) == clean_build_of(src, tmp_path, "clean-deleted")


def test_switch_writes_them_every_time_with_the_same_bytes(tmp_path: Path) -> None:
    src = copy_root("equivalence", tmp_path)
    skipping, writing = tmp_path / "skipping", tmp_path / "writing"
    switch = ("-D", "devops_write_unchanged_index_pages=1")
    build(src, skipping)
    build(src, writing, *switch)
    edit(src / "chap1.md", "rapproche les équipes", "rapproche enfin les équipes")
    assert build(src, skipping) == set()
    assert build(src, writing, *switch) == INDEX_PAGES  # as Sphinx does
    assert output_files(skipping) == output_files(writing)
