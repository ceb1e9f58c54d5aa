"""French search and general index for Sphinx's HTML: accents as French readers expect.

* :mod:`.search`: the search finds « sécurité » whether the reader types « securite » or
  « sécurité », « chaîne » for « chaine »: the index and the query are folded the same way
  (accents and ligatures dropped) before Snowball's French stemmer, in Python when the index
  is written and in the browser when a query is typed;
* :mod:`.genindex`: the general index in French order (« décalage, déploiement, DevSecOps »),
  where Sphinx puts accented letters after « z », and « Éthique » under « E ».

For French books only (``language = "fr"``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .genindex import sort_general_index
from .search import FoldedFrenchSearch

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "1.0.0"


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the folded French search language and the general index's French order."""
    app.add_search_language(FoldedFrenchSearch)
    app.connect("html-page-context", sort_general_index)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
