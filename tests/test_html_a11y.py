"""The book's HTML carries the ARIA that Sphinx and docutils leave out (see _ext/html_a11y)."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from conftest import require_tool
from roots_build import build


@pytest.fixture(scope="module")
def html(book_build):
    return book_build("html")


def soup(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.slow
def test_toctree_captions_are_level_two_headings(html):
    for name in ("index", "introduction"):
        captions = soup(html / "source" / f"{name}.html").select("p.caption")
        assert captions, name
        for caption in captions:
            assert caption["role"] == "heading"
            assert caption["aria-level"] == "2"


@pytest.mark.slow
def test_bibliography_entries_are_list_items(html):
    page = soup(html / "source" / "bibliographie.html")
    lists = page.select('[role="list"].citation-list')
    assert lists
    for entries in lists:
        roles = [child["role"] for child in entries.find_all("div", recursive=False)]
        assert roles
        assert set(roles) == {"listitem"}


def test_an_svg_figure_is_an_image_named_by_its_alt_text(tmp_path):
    """sphinx.ext.graphviz's ``<object>`` gets ``role="img"`` and the ``:alt:`` as its name."""
    require_tool("dot")
    (tmp_path / "conf.py").write_text(
        'extensions = ["sphinx.ext.graphviz", "html_a11y"]\n'
        'graphviz_output_format = "svg"\nproject = "Figures"\n',
        encoding="utf-8",
    )
    (tmp_path / "index.rst").write_text(
        "Figures\n=======\n\n.. graphviz::\n   :alt: A leads to B & C\n\n"
        "   digraph { A -> B; A -> C }\n",
        encoding="utf-8",
    )
    built = build(tmp_path, "html")
    assert built.warnings == ""
    figure = soup(built.outdir / "index.html").select_one("object.graphviz")
    assert figure is not None
    assert figure["role"] == "img"
    assert figure["aria-label"] == "A leads to B & C"


def test_a_numbered_table_keeps_one_id_under_furo(tmp_path):
    """furo wraps a table in a ``div`` that copied the table's id: twice on the page."""
    (tmp_path / "conf.py").write_text(
        'extensions = ["html_a11y"]\nhtml_theme = "furo"\nnumfig = True\nproject = "Tables"\n',
        encoding="utf-8",
    )
    (tmp_path / "index.rst").write_text(
        "Tables\n======\n\n.. list-table:: A numbered table\n\n   * - a\n     - b\n",
        encoding="utf-8",
    )
    built = build(tmp_path, "html")
    assert built.warnings == ""
    page = (built.outdir / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'id="(id\d+)"', page)
    assert ids
    assert len(ids) == len(set(ids)), ids
