"""Search in French: the stems Sphinx writes into searchindex.js (PyStemmer, the C Snowball) are
the stems the reader's browser computes for the same words (Sphinx's JavaScript stemmer in
``language_data.js``), so that every word of the book can be found.

PyStemmer is pinned for speed only (issue 16): ``snowballstemmer`` uses it when it is
importable, and it must give the same stems as the pure-Python stemmer it replaces.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import snowballstemmer
import Stemmer
from bs4 import BeautifulSoup
from conftest import BOOK, require_tool
from french_search.search import FoldedFrenchSearch
from roots_build import search_index
from snowballstemmer.french_stemmer import FrenchStemmer
from sphinx.search.fr import SearchFrench

#: Stems a list of words (JSON on stdin) with the stemmer of a built ``language_data.js``, the
#: way searchtools.js does for the words a reader types.
NODE_STEMMER = """
const fs = require("fs"), vm = require("vm");
const context = {window: {}};
vm.createContext(context);
vm.runInContext(fs.readFileSync(process.argv[1], "utf8"), context);
const stemmer = new context.window.Stemmer();
const words = JSON.parse(fs.readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(words.map((word) => stemmer.stemWord(word))));
"""


def searchable_words(texts: list[str]) -> list[str]:
    """The words a reader may search for, as the book's search language (Sphinx's French,
    accents folded) splits and filters them (lower case)."""
    language = FoldedFrenchSearch({})
    words = {word.lower() for text in texts for word in language.split(text)}
    return sorted(word for word in words if language.word_filter(word))


def manuscript_words() -> list[str]:
    return searchable_words(
        [path.read_text(encoding="utf-8") for path in sorted((BOOK / "source").glob("*.md"))]
    )


def test_sphinx_stems_french_with_pystemmer():
    """The pin is effective: Sphinx's French search language gets the C stemmer."""
    assert isinstance(SearchFrench({}).stemmer, Stemmer.Stemmer)
    assert isinstance(FoldedFrenchSearch({}).stemmer, Stemmer.Stemmer)
    assert isinstance(snowballstemmer.stemmer("french"), Stemmer.Stemmer)


def test_pystemmer_and_pure_python_stems_are_identical():
    texts = [path.read_text(encoding="utf-8") for path in sorted((BOOK / "source").glob("*.md"))]
    accented = {word.lower() for text in texts for word in SearchFrench({}).split(text)}
    words = sorted(accented | set(manuscript_words()))  # as written, and folded
    assert len(words) > 1000
    fast, pure = Stemmer.Stemmer("french"), FrenchStemmer()
    different = [(w, fast.stemWord(w), pure.stemWord(w)) for w in words]
    different = [row for row in different if row[1] != row[2]]
    assert different == []


def node_stems(language_data: Path, words: list[str]) -> list[str]:
    node = require_tool("node")
    result = subprocess.run(
        [node, "-e", NODE_STEMMER, str(language_data)],
        input=json.dumps(words),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.mark.slow
def test_search_index_stems_match_the_browser_stemmer(book_build):
    html = book_build("html")
    texts = []
    for page in sorted(html.rglob("*.html")):
        main = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("article")
        if main is not None:
            texts.append(main.get_text(" "))
    words = searchable_words(texts)
    assert len(words) > 1000
    language = FoldedFrenchSearch({})  # the book's search language (_ext/french_search)
    indexed = [language.stem(word) for word in words]  # what IndexBuilder.feed stores
    in_browser = node_stems(html / "_static" / "language_data.js", words)
    different = [(w, p, j) for w, p, j in zip(words, indexed, in_browser, strict=True) if p != j]
    assert different == []
    index = search_index((html / "searchindex.js").read_bytes())
    terms = set(index["terms"]) | set(index["titleterms"])
    # A reader typing a word of a page finds it: its browser stem is in the index (the few
    # words left are single letters and words of elements Sphinx does not index).
    not_found = [w for w, stem in zip(words, in_browser, strict=True) if stem not in terms]
    not_found = [w for w in not_found if w not in terms and not re.fullmatch(r"\w", w)]
    assert len(not_found) <= len(words) // 100, not_found
