"""An accent-insensitive French search: words folded, then stemmed, on both sides.

A reader types « securite » or « chaine » as often as « sécurité » or « chaîne ».  Snowball's
French stemmer keeps accents (« sécurité » gives « sécur », « securite » gives « securit »),
so the fold comes first: the stemmer then sees the same letters whichever way a word was
typed, in the index (Python) and in the query (the browser).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from sphinx.search.fr import SearchFrench

#: Letters that decomposition does not split but a French reader may type either way.
LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})


@lru_cache(maxsize=65536)  # a book repeats the same words
def fold(word: str) -> str:
    """« Sécurité » → « Securite », « chaîne » → « chaine », « cœur » → « coeur »."""
    decomposed = unicodedata.normalize("NFD", word.translate(LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


#: The same fold in the browser, around Snowball's French stemmer (``language_data.js`` has
#: just defined it as ``window.Stemmer``).  Sphinx writes a language's splitter code after
#: its stemmer: this is where the stemmer can be wrapped.  The default ``splitQuery`` of
#: searchtools.js still applies (nothing here defines another).
FOLD_JS = """
(function () {
  const ligatures = {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"};
  const fold = (word) => word.replace(/[œŒæÆ]/g, (letter) => ligatures[letter])
    .normalize("NFD").replace(/\\p{M}/gu, "");
  const FrenchStemmer = window.Stemmer;
  window.Stemmer = function () {
    const stemmer = new FrenchStemmer();
    this.stemWord = (word) => stemmer.stemWord(fold(word));
  };
  window.foldForSearch = fold;
})();
"""


class FoldedFrenchSearch(SearchFrench):
    """Sphinx's French search, with every word folded before it is stemmed or kept."""

    js_splitter_code = FOLD_JS
    stopwords = frozenset(fold(word) for word in SearchFrench.stopwords)

    def split(self, input: str) -> list[str]:
        """The words of a text, folded: both the stems and the short words Sphinx keeps as
        they are (when their stem is a stop word) are then accent-free."""
        return [fold(word) for word in super().split(input)]

    def stem(self, word: str) -> str:
        return super().stem(fold(word))
