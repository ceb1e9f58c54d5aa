"""One French order for the book's extensions: the domain's indexes, the printed index's
keys, the general index and search (french_search) and the bibliography (citations_fr)."""

from __future__ import annotations

import re

import pytest
from citations_fr.style import _sort_text
from french_search.genindex import french_key
from french_search.search import FOLD_JS, FoldedFrenchSearch

from devops_domain.entries import french_sort_key
from devops_domain.print_index import index_command
from french_collation import SPELT_OUT, fold

WORDS = ["Oz", "Œuvre", "Ode", "Éthique", "Ethernet", "Eve", "Łódź", "Lyon", "Ørsted", "Orange"]
FRENCH_ORDER = [
    "Ethernet",
    "Éthique",
    "Eve",
    "Łódź",
    "Lyon",
    "Ode",
    "Œuvre",
    "Orange",
    "Ørsted",
    "Oz",
]


@pytest.mark.parametrize(
    "key",
    [french_sort_key, french_key, _sort_text],
    ids=["devops_domain", "french_search", "citations_fr"],
)
def test_every_extension_sorts_in_french_order(key):
    assert sorted(WORDS, key=key) == FRENCH_ORDER


@pytest.mark.parametrize("word", ["Œuvre", "Æsir", "Ørsted", "Łukasiewicz", "ßuffix", "Đakovo"])
def test_the_printed_index_key_is_ascii(word):
    """makeindex reads bytes: a key that starts with a multi-byte letter stopped pdflatex."""
    key = re.match(r"\\index\{([^@]*)@", index_command(word, "pdflatex"))
    assert key is not None
    assert key[1].isascii(), key[1]
    assert key[1][:1].isalpha()


def test_the_browser_folds_as_the_index_does():
    """The search index is folded in Python, the query in the browser: one table of letters."""
    table = re.search(r"const spelt = (\{.*?\});", FOLD_JS)
    assert table is not None
    assert eval(table[1]) == SPELT_OUT
    assert '.normalize("NFKD")' in FOLD_JS


def test_search_finds_a_ligature_typed_either_way():
    search = FoldedFrenchSearch({})
    assert search.stem("cœur") == search.stem("coeur")
    assert search.split("Œuvre œuvre") == ["OEuvre", "oeuvre"]


@pytest.mark.parametrize(("text", "folded"), [("Sécurité", "Securite"), ("straße", "strasse")])
def test_fold(text, folded):
    assert fold(text) == folded
