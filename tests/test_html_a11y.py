"""The book's HTML carries the ARIA that Sphinx and docutils leave out (see _ext/html_a11y)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup


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
