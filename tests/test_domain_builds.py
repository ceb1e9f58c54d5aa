"""Parallel and incremental builds give the same pages as a clean serial build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from roots_build import build, copy_root, edit, output_files, written_pages


def pages(outdir: Path) -> dict[str, bytes]:
    return output_files(outdir, "*.html")


def assert_same_pages(actual: Path, expected: Path) -> None:
    """Byte-identical pages."""
    got, want = pages(actual), pages(expected)
    assert want, "the expected build wrote no page"
    assert sorted(got) == sorted(want)
    different = [name for name in want if got[name] != want[name]]
    assert different == [], f"pages that differ: {different}"


def page_bodies(outdir: Path) -> dict[str, str]:
    return {
        name: str(BeautifulSoup(html, "html.parser").select_one("div.body"))
        for name, html in pages(outdir).items()
    }


def assert_same_bodies(actual: Path, expected: Path) -> None:
    """The same text on every page of the expected build.

    Only the page body is compared, and only for pages the clean build has: Sphinx itself
    leaves the output of a deleted document in place and does not rewrite a page whose
    previous/next neighbour changed; neither is the domain's doing.
    """
    got, want = page_bodies(actual), page_bodies(expected)
    assert want, "the expected build wrote no page"
    missing = sorted(set(want) - set(got))
    assert missing == []
    different = [name for name in want if got[name] != want[name]]
    assert different == [], f"pages that differ: {different}"


def clean_build(srcdir: Path, tmp_path: Path, **kwargs) -> Path:
    """A fresh copy of the sources, built from nothing."""
    fresh = tmp_path / f"clean-{len(list(tmp_path.iterdir()))}"
    shutil.copytree(srcdir, fresh, ignore=shutil.ignore_patterns("_build"))
    built = build(fresh, "html", **kwargs)
    return built.outdir


@pytest.mark.slow
def test_parallel_build_equals_serial(tmp_path):
    serial = build(copy_root("domain", tmp_path / "serial"), "html")
    parallel = build(copy_root("domain", tmp_path / "parallel"), "html", parallel=2)
    assert serial.warnings == parallel.warnings == ""
    assert_same_pages(parallel.outdir, serial.outdir)


EDITS = {
    "definition changed": lambda src: edit(
        src / "glossaire.md", "Ensemble de pratiques d'automatisation.", "Pratiques automatisées."
    ),
    "footnote term changed": lambda src: edit(
        src / "glossaire.md", "L'agilité permet", "L'agilité aide"
    ),
    "biography changed": lambda src: edit(
        src / "personnes.md", "**Patrick Debois** a inventé", "**Patrick Debois**, Belge, a inventé"
    ),
    "term renamed": lambda src: edit(
        src / "glossaire.md", "{term} GitOps\n", "{term} Git-Ops\n:aliases: GitOps\n"
    ),
    "mention removed": lambda src: edit(
        src / "chap2.md", "le {term}`GitOps` s'explique", "le GitOps s'explique"
    ),
    "document deleted": lambda src: (
        (src / "chap2.md").unlink(),
        edit(src / "index.md", "chap2\n", ""),
    ),
    "document added": lambda src: (
        (src / "chap3.md").write_text(
            "# Troisième\n\nEncore {person}`Gene Kim` et le {term}`DevOps`.\n", encoding="utf-8"
        ),
        edit(src / "index.md", "chap2\n", "chap2\nchap3\n"),
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("change", list(EDITS))
def test_incremental_build_equals_clean_build(change, tmp_path):
    srcdir = copy_root("domain", tmp_path / "incremental")
    first = build(srcdir, "html")
    assert first.warnings == ""
    EDITS[change](srcdir)
    again = build(srcdir, "html")
    assert again.warnings == ""
    expected = clean_build(srcdir, tmp_path)
    assert_same_bodies(again.outdir, expected)


def test_definition_change_rewrites_the_pages_that_show_it(tmp_path):
    srcdir = copy_root("domain", tmp_path / "which")
    build(srcdir, "html")
    EDITS["biography changed"](srcdir)
    again = build(srcdir, "html")
    written = written_pages(again.status)
    assert {"chap1", "chap2", "personnes"} <= written
    assert "glossaire" not in written


@pytest.mark.slow
@pytest.mark.parametrize("change", ["document added", "document deleted", "term renamed"])
def test_incremental_build_makes_whole_pages_equal(change, tmp_path):
    """With incremental_build, whole pages (sidebar, previous/next) match a clean build."""
    settings = {
        "extensions": ["myst_parser", "devops_domain", "incremental_build"],
        "html_theme": "furo",
    }
    srcdir = copy_root("domain", tmp_path / "incremental")
    build(srcdir, "html", **settings)
    EDITS[change](srcdir)
    again = build(srcdir, "html", **settings)
    expected = clean_build(srcdir, tmp_path, **settings)
    stale = {"chap2.html"} if change == "document deleted" else set()
    got = {name: html for name, html in pages(again.outdir).items() if name not in stale}
    assert got == pages(expected)
