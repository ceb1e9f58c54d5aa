"""incremental_html: after an incremental build, the reader gets what a clean build gives
(the search page finds every index entry; a deleted chapter is gone from the site and EPUB)."""

from __future__ import annotations

import shutil
from pathlib import Path

from roots_build import build, copy_root, edit, search_index, written_pages

SETTINGS = {"extensions": ["myst_parser", "devops_domain", "incremental_html"]}


def index_of(outdir: Path) -> dict:
    return search_index((outdir / "searchindex.js").read_bytes())


def pages_with_index_entries(index: dict) -> set[str]:
    return {
        index["docnames"][number]
        for places in index["indexentries"].values()
        for number, _, _ in places
    }


def edit_chapter_text(srcdir: Path) -> None:
    chapter = srcdir / "chap1.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", "utf-8")


def delete_chapter(srcdir: Path) -> None:
    (srcdir / "chap2.md").unlink()
    edit(srcdir / "index.md", "chap2\n", "")


def clean_copy(srcdir: Path, dest: Path) -> Path:
    shutil.copytree(srcdir, dest, ignore=shutil.ignore_patterns("_build"))
    return dest


def test_search_index_keeps_the_entries_of_pages_not_rewritten(tmp_path):
    srcdir = copy_root("domain", tmp_path / "incremental")
    first = build(srcdir, "html", **SETTINGS)
    assert "glossaire" in pages_with_index_entries(index_of(first.outdir))
    edit_chapter_text(srcdir)
    again = build(srcdir, "html", **SETTINGS)
    assert "chap1" in written_pages(again.status)
    assert "glossaire" not in written_pages(again.status)
    clean = build(clean_copy(srcdir, tmp_path / "clean"), "html", **SETTINGS)
    assert index_of(again.outdir) == index_of(clean.outdir)
    got = (again.outdir / "searchindex.js").read_bytes()
    assert got == (clean.outdir / "searchindex.js").read_bytes()


def test_search_index_forgets_the_words_of_a_deleted_chapter(tmp_path):
    srcdir = copy_root("domain", tmp_path / "incremental")
    build(srcdir, "html", **SETTINGS)
    delete_chapter(srcdir)
    again = build(srcdir, "html", **SETTINGS)
    index = index_of(again.outdir)
    assert "chap2" not in index["docnames"]
    assert [word for word, docs in index["terms"].items() if docs == []] == []
    clean = build(clean_copy(srcdir, tmp_path / "clean"), "html", **SETTINGS)
    assert index == index_of(clean.outdir)


def test_deleted_chapter_leaves_neither_site_nor_epub(tmp_path):
    srcdir = copy_root("domain", tmp_path / "incremental")
    html = build(srcdir, "html", **SETTINGS)
    epub = build(srcdir, "epub", **SETTINGS)
    assert (html.outdir / "chap2.html").is_file()
    assert (epub.outdir / "chap2.xhtml").is_file()
    delete_chapter(srcdir)
    html = build(srcdir, "html", **SETTINGS)
    epub = build(srcdir, "epub", **SETTINGS)
    assert not (html.outdir / "chap2.html").exists()
    assert not (epub.outdir / "chap2.xhtml").exists()
    manifest = (epub.outdir / "content.opf").read_text(encoding="utf-8")
    assert "chap1.xhtml" in manifest
    assert "chap2.xhtml" not in manifest


def test_unreadable_search_index_is_rebuilt_without_error(tmp_path):
    """A damaged searchindex.js: Sphinx says the index will be incomplete, nothing breaks."""
    srcdir = copy_root("domain", tmp_path / "incremental")
    first = build(srcdir, "html", **SETTINGS)
    (first.outdir / "searchindex.js").write_text("Search.setIndex({", encoding="utf-8")
    edit_chapter_text(srcdir)
    again = build(srcdir, "html", **SETTINGS)
    assert "Traceback" not in again.status + again.warnings
    assert "search index couldn't be loaded" in again.warnings
    assert "chap1" in index_of(again.outdir)["docnames"]
