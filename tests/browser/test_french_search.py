"""The search as a French reader uses it, in Chromium: a word typed without its accents finds
the pages that have it with them, and the other way round; what was found before still is."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

#: What a reader types, and a page that must come up.
QUERIES = (
    ("securite", "source/introduction.html"),  # « sécurité »
    ("sécurité", "source/introduction.html"),
    ("chaine", "source/glossaire.html"),  # « chaîne d'approvisionnement »
    ("chaîne", "source/glossaire.html"),
    ("deploiement", "source/glossaire.html"),  # « déploiement continu »
    ("DEPLOIEMENT", "source/glossaire.html"),
    ("coeur", "source/introduction.html"),  # « cœur »
    ("GitOps", "source/introduction.html"),  # a word without accents, as before
)


def found(tab, root: str, query: str) -> list[str]:
    """The pages Sphinx's search lists for `query`, once it has finished."""
    page = tab.goto(f"{root}search.html?q={query}")
    page.locator("#search-results .search-summary").wait_for()
    return [
        href.split("#")[0].split("?")[0]
        for href in page.eval_on_selector_all(
            "#search-results li a", "els => els.map(a => a.getAttribute('href'))"
        )
    ]


def test_accents_optional_in_queries(http_root, open_page):
    tab = open_page(http_root + "index.html")
    for query, expected in QUERIES:
        pages = found(tab, http_root, query)
        assert expected in pages, (query, pages)
    # Accents or not, the same pages.
    assert sorted(found(tab, http_root, "securite")) == sorted(found(tab, http_root, "sécurité"))
