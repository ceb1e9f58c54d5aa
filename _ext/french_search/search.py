"""An accent-insensitive French search: words folded, then stemmed, on both sides.

A reader types « securite » or « chaine » as often as « sécurité » or « chaîne ».  Snowball's
French stemmer keeps accents (« sécurité » gives « sécur », « securite » gives « securit »),
so the fold comes first: the stemmer then sees the same letters whichever way a word was
typed, in the index (Python) and in the query (the browser).
"""

from __future__ import annotations

import json

from sphinx.search.fr import SearchFrench

from french_collation import SPELT_OUT, fold

#: The same fold in the browser, around Snowball's French stemmer (``language_data.js`` has
#: just defined it as ``window.Stemmer``).  Sphinx writes a language's splitter code after
#: its stemmer: this is where the stemmer can be wrapped.  The default ``splitQuery`` of
#: searchtools.js still applies (nothing here defines another).
FOLD_JS = """
(function () {
  const spelt = __SPELT__;
  const fold = (word) => word.replace(/[__LETTERS__]/g, (letter) => spelt[letter])
    .normalize("NFKD").replace(/\\p{M}/gu, "");
  const FrenchStemmer = window.Stemmer;
  window.Stemmer = function () {
    const stemmer = new FrenchStemmer();
    this.stemWord = (word) => stemmer.stemWord(fold(word));
  };
  window.foldForSearch = fold;
})();
""".replace("__SPELT__", json.dumps(SPELT_OUT, ensure_ascii=False)).replace(
    "__LETTERS__", "".join(SPELT_OUT)
)


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
