"""An incremental HTML build writes what a clean build of the same sources writes.

Sphinx 9.0 leaves two differences behind, both visible to readers:

* the search index loses the index entries of every page the build did not rewrite, and
  keeps the words of removed pages (``search_index``);
* the page of a removed document stays in the output, and the EPUB builder, which packs
  every file of its output folder, ships it (``removed_pages``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from incremental_html.removed_pages import (
    record_documents_with_pages,
    remove_pages_of_removed_documents,
)
from incremental_html.search_index import carry_over_index_entries, match_clean_build

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    """Connect the two repairs; both run in the main process, before and after writing."""
    app.connect("write-started", remove_pages_of_removed_documents)
    app.connect("write-started", carry_over_index_entries)
    app.connect("html-collect-pages", match_clean_build)
    app.connect("build-finished", record_documents_with_pages)
    return {"version": "1.0.0", "parallel_read_safe": True, "parallel_write_safe": True}
