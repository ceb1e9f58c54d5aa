"""french_search: accent-free search terms, and the general index in French order."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from french_search.genindex import french_key
from french_search.search import FoldedFrenchSearch, fold


def test_fold_drops_accents_and_ligatures():
    assert fold("Sécurité") == "Securite"
    assert fold("chaîne") == "chaine"
    assert fold("cœur") == "coeur"
    assert fold("Ægis") == "AEgis"
    assert fold("DevOps") == "DevOps"


def test_index_and_query_words_get_the_same_terms():
    """What IndexBuilder stores for a page's word is what the query's word is looked up as."""
    language = FoldedFrenchSearch({})
    for accented, typed in (
        ("sécurité", "securite"),
        ("chaînes", "chaines"),
        ("Déploiement", "deploiement"),
    ):
        assert language.stem(accented) == language.stem(typed)
    assert language.split("La chaîne d'approvisionnement") == [
        "La",
        "chaine",
        "d",
        "approvisionnement",
    ]
    assert "ou" in language.stopwords  # « où », folded like the words it filters


def test_french_order():
    words = ["DevSecOps", "Éthique", "déploiement", "décalage", "zèbre", "École", "abricot", ".NET"]
    assert sorted(words, key=french_key) == [
        ".NET",
        "abricot",
        "décalage",
        "déploiement",
        "DevSecOps",
        "École",
        "Éthique",
        "zèbre",
    ]


def entries(soup: BeautifulSoup, selector: str) -> list[str]:
    return [" ".join(element.get_text(" ").split()) for element in soup.select(selector)]


@pytest.mark.slow
def test_general_index_in_french_order_like_the_domain_indexes(book_build):
    html = book_build("html")
    page = BeautifulSoup((html / "genindex.html").read_text(encoding="utf-8"), "html.parser")
    letters = entries(page, "article h2")
    assert len(letters) == len(set(letters)), letters
    assert all(len(letter) == 1 and letter.isupper() and letter.isascii() for letter in letters)
    names = [
        " ".join(li.find(string=True, recursive=False).split()) or li.a.get_text()
        for li in page.select("article table.genindextable td > ul > li")
    ]
    assert len(names) > 50
    assert names == sorted(names, key=french_key)
    assert names.index("déploiement continu") < names.index("DevOps") < names.index("DevSecOps")
    terms = BeautifulSoup((html / "devops-terms.html").read_text(encoding="utf-8"), "html.parser")
    in_domain = [
        name for name in entries(terms, "table.domainindex-table tr:not([class]) code.xref")
    ]
    shared = [name for name in names if name in in_domain]
    assert len(shared) > 10
    assert shared == [name for name in in_domain if name in shared]
