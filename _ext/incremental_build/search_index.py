"""The search index of an incremental build, equal to a clean build's.

Sphinx 9.0 (sphinx/search/__init__.py, sphinx-doc/sphinx#12599) reloads the previous
``searchindex.js`` before writing, but not its ``indexentries``: those are gathered while pages
are written and kept in the environment, which is saved before writing.  After an incremental
build, the index entries of every page not rewritten are gone, and the search page no longer
finds them.  Pruning also leaves words of removed or rewritten pages with no page at all.

Before writing, the entries of the previous index are handed back to the indexer (pages the
build rewrites replace theirs); before the index is saved, it is put in a clean build's order
and the words without pages are dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.builders.html import StandaloneHTMLBuilder

from sphinx_book_compat import (
    IndexEntry,
    carried_index_entries,
    index_entries,
    indexed_pages,
    search_index_supported,
    set_index_entries,
    warn_unsupported,
    word_tables,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

#: The feature named in the warning of a Sphinx whose internals lack what it reads.
FEATURE = "incremental_build's search index repair"
MISSING = "search index tables of the kind it repairs"


def previous_index(builder: StandaloneHTMLBuilder) -> dict[str, Any] | None:
    """The search index the last build wrote, if it is there and Sphinx would load it."""
    path = builder.outdir / builder.searchindex_filename
    mode = "r" if builder.indexer_dumps_unicode else "rb"
    encoding = "utf-8" if builder.indexer_dumps_unicode else None
    try:
        with open(path, mode, encoding=encoding) as stream:
            frozen = builder.indexer_format.load(stream)
    except (OSError, ValueError):
        return None
    if not isinstance(frozen, dict) or frozen.get("envversion") != builder.env.version:
        return None
    return frozen


def entries_by_page(frozen: dict[str, Any]) -> dict[str, list[IndexEntry]]:
    """The frozen ``indexentries`` back in the indexer's form, page by page.

    The index stores entries lower-cased, as the indexer writes them: feeding those back
    writes the same keys.  Within a key, each page keeps its entries in their order.
    """
    docnames = frozen["docnames"]
    pages: dict[str, list[IndexEntry]] = {}
    for entry, places in frozen["indexentries"].items():
        for number, anchor, main in places:
            pages.setdefault(docnames[number], []).append((entry, anchor, "main" if main else ""))
    return pages  # put in name order with the rest by match_clean_build


def carry_over_index_entries(app: Sphinx, builder: Builder) -> None:
    """Give the indexer the entries of the previous index before any page is written.

    The indexer Sphinx is about to create takes its entries from the environment's
    ``_search_index_index_entries``; the pages it rewrites overwrite theirs.
    """
    if not isinstance(builder, StandaloneHTMLBuilder) or not builder.search:
        return
    if not search_index_supported(builder.env):
        warn_unsupported(FEATURE, MISSING)
        return
    frozen = previous_index(builder)
    if frozen is None:
        return
    carried = carried_index_entries(builder.env)
    carried.clear()
    carried.update(entries_by_page(frozen))


def match_clean_build(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """Once every page is written: pages in name order, as a clean build feeds them; only
    the pages still in the index; no word left without a page."""
    builder = app.builder
    indexer = getattr(builder, "indexer", None)
    if not isinstance(builder, StandaloneHTMLBuilder) or indexer is None:
        return []
    if not search_index_supported(builder.env, indexer):
        warn_unsupported(FEATURE, MISSING)
        return []
    pages = indexed_pages(indexer)
    set_index_entries(
        indexer,
        {
            docname: entries
            for docname, entries in sorted(index_entries(indexer).items())
            if docname in pages
        },
    )
    for mapping in word_tables(indexer):
        for word in [word for word, docnames in mapping.items() if not docnames]:
            del mapping[word]
    return []
