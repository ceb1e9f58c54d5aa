"""incremental_build: after an incremental build, the reader gets what a clean build gives.

Each page shows the navigation (the sidebar's table of contents with the toctree's caption,
previous/next links with the other documents' titles); a change to it must reach the pages
Sphinx does not re-read, whichever builder wrote them and even after an interrupted build.
The search page finds every index entry; a deleted chapter is gone from the site and EPUB.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sphinx
from roots_build import build, copy_root, edit, search_index, sphinx_build, written_pages

import sphinx_book_compat

#: Edits of the root toctree (tests/roots/test-equivalence/index.md), one per option.
TOCTREE_EDITS = {
    "caption": (":caption: Sommaire\n", ":caption: Table des chapitres\n"),
    "numbered": (":maxdepth: 2\n", ":maxdepth: 2\n:numbered:\n"),
    "maxdepth": (":maxdepth: 2\n", ":maxdepth: 1\n"),
    "hidden": (":maxdepth: 2\n", ":maxdepth: 2\n:hidden:\n"),
    "titlesonly": (":maxdepth: 2\n", ":maxdepth: 2\n:titlesonly:\n"),
}


def pages(outdir: Path) -> dict[str, str]:
    return {
        str(p.relative_to(outdir)): p.read_text(encoding="utf-8")
        for p in sorted(outdir.rglob("*.html"))
    }


def stale_pages(actual: Path, expected: Path) -> list[str]:
    """The pages of ``expected`` that ``actual`` lacks or shows otherwise."""
    got, want = pages(actual), pages(expected)
    return [name for name in want if got.get(name) != want[name]]


def clean_build(srcdir: Path, dest: Path, builder: str = "html") -> Path:
    """The same sources built from nothing."""
    shutil.copytree(srcdir, dest, ignore=shutil.ignore_patterns("_build"))
    return build(dest, builder).outdir


def retitle_chapter(srcdir: Path) -> None:
    edit(srcdir / "chap2.md", "# Deuxième chapitre", "# Chapitre deux")


@pytest.mark.parametrize("option", list(TOCTREE_EDITS))
def test_a_toctree_option_change_reaches_every_page(option, tmp_path):
    srcdir = copy_root("equivalence", tmp_path)
    build(srcdir, "html")
    edit(srcdir / "index.md", *TOCTREE_EDITS[option])
    again = build(srcdir, "html")
    assert "chap1" in written_pages(again.status)  # not re-read, but shows the toctree
    assert stale_pages(again.outdir, clean_build(srcdir, tmp_path / "clean")) == []


def test_each_builder_sharing_the_doctrees_rewrites_its_own_pages(tmp_path):
    """``html`` then ``dirhtml`` with one doctree folder: the second builder's pages get the
    new title too, although the first build already read the retitled chapter."""
    srcdir = copy_root("equivalence", tmp_path)
    build(srcdir, "html")
    build(srcdir, "dirhtml")
    retitle_chapter(srcdir)
    build(srcdir, "html")
    again = build(srcdir, "dirhtml")
    assert "chap1" in written_pages(again.status)
    expected = clean_build(srcdir, tmp_path / "clean", "dirhtml")
    assert stale_pages(again.outdir, expected) == []


def test_an_interrupted_build_is_completed_by_the_next_one(tmp_path):
    """A build stopped while it writes (Ctrl-C) leaves old pages; the next build, which has
    nothing to re-read, still rewrites them."""
    srcdir = copy_root("equivalence", tmp_path)
    build(srcdir, "html")
    retitle_chapter(srcdir)

    def interrupt(app, pagename, *args) -> None:
        if pagename == "chap1":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build(srcdir, "html", events={"html-page-context": interrupt})
    again = build(srcdir, "html")
    assert "chap1" in written_pages(again.status)
    assert stale_pages(again.outdir, clean_build(srcdir, tmp_path / "clean")) == []


#: A project extension that stops the build while it writes: after ``STOP_AFTER`` pages,
#: with the signal ``STOP_SIGNAL`` (``KILL``: the process dies at once, nothing runs after).
#: Loaded in every build (a change of extensions would make Sphinx read everything again).
STOPPER = """
import os, signal

written = []


def stop(app, pagename, *args):
    written.append(pagename)
    if len(written) == int(os.environ.get("STOP_AFTER", "0")):
        os.kill(os.getpid(), getattr(signal, "SIG" + os.environ["STOP_SIGNAL"]))


def setup(app):
    app.connect("html-page-context", stop)
    return {"parallel_write_safe": True}
"""


@pytest.mark.slow
@pytest.mark.parametrize("stop_signal", ["KILL", "INT"])
@pytest.mark.parametrize("stop_after", [1, 4])
def test_a_build_stopped_while_writing_is_completed_by_the_next(tmp_path, stop_signal, stop_after):
    """A definition edited (its tooltip and footnote change on the pages that mention it),
    then the build killed or interrupted after some pages: the next build, which has
    nothing to re-read, writes what a clean build writes."""
    srcdir = copy_root("equivalence", tmp_path)
    (srcdir / "stopper.py").write_text(STOPPER, encoding="utf-8")
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(
            "\nimport os\nsys.path.insert(0, os.path.dirname(__file__))\n"
            "extensions.append('stopper')\n"
        )
    out, doctrees = tmp_path / "html", tmp_path / "doctrees"
    ext = (Path(__file__).parents[1] / "_ext",)

    def sphinx(**env: str) -> int:
        options = ("-q",)  # warnings are not errors: the stopped build does not finish
        result = sphinx_build(
            "html",
            out,
            srcdir=srcdir,
            options=options,
            doctrees=doctrees,
            pythonpath=ext,
            env=env,
        )
        return result.returncode

    assert sphinx() == 0
    edit(srcdir / "personnes.md", "a inventé le mot DevOps", "a lancé le mouvement DevOps")
    assert sphinx(STOP_AFTER=str(stop_after), STOP_SIGNAL=stop_signal) != 0
    assert sphinx() == 0
    expected = clean_build(srcdir, tmp_path / "clean")
    assert "a lancé le mouvement" in (expected / "chap1.html").read_text(encoding="utf-8")
    assert stale_pages(out, expected) == []


# -- the search index and removed documents ------------------------------------------------

#: The domain's small project with only the extension under test (no theme, no citations).
SETTINGS = {"extensions": ["myst_parser", "devops_domain", "incremental_build"]}


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


def test_a_newer_sphinx_with_the_same_internals_keeps_the_repair(tmp_path, monkeypatch):
    """A Sphinx newer than those checked is not an error: while its indexer has the tables
    the repair reads, a ``-W`` build passes and the search index stays whole."""
    monkeypatch.setattr(sphinx, "version_info", (99, 0, 0, "final", 0))
    srcdir = copy_root("domain", tmp_path / "incremental")
    first = build(srcdir, "html", **SETTINGS)
    assert "sphinx_compat" not in first.warnings
    edit_chapter_text(srcdir)
    again = build(srcdir, "html", **SETTINGS)
    assert "glossaire" in pages_with_index_entries(index_of(again.outdir))


def test_a_sphinx_without_the_indexer_tables_warns_once_and_stays_off(tmp_path, monkeypatch):
    """The repair reads Sphinx's private indexer tables: on a Sphinx that lacks them, it says
    so once, at a type ``suppress_warnings`` accepts, and leaves the index as Sphinx writes
    it."""
    monkeypatch.setattr(sphinx_book_compat, "SEARCH_INDEX_TABLES", ("titles", "no_such_table"))
    srcdir = copy_root("domain", tmp_path / "incremental")
    first = build(srcdir, "html", **SETTINGS)
    assert first.warnings.count("incremental_build's search index repair is disabled") == 1
    assert "[sphinx_compat.version]" in first.warnings
    edit_chapter_text(srcdir)
    again = build(srcdir, "html", **SETTINGS)
    assert "glossaire" not in pages_with_index_entries(index_of(again.outdir))  # Sphinx's loss


def test_an_edit_that_leaves_the_navigation_alone_rewrites_only_its_page(tmp_path):
    """The fingerprint is stable: without it every page would be rewritten on every build,
    and the tests above would pass for the wrong reason."""
    srcdir = copy_root("equivalence", tmp_path)
    build(srcdir, "html")
    chapter = srcdir / "chap3.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", "utf-8")
    again = build(srcdir, "html")
    assert written_pages(again.status) == {"chap3", "index"}  # index: Sphinx's own (its toctree)
    unchanged = build(srcdir, "html")
    assert written_pages(unchanged.status) == set()
