"""An incremental build writes what a clean build of the same sources writes.

Sphinx 9.0 leaves these differences behind, all visible to readers:

* pages not re-read keep the old navigation (sidebar, previous/next) after a document is
  added, removed, moved, retitled or a toctree option changes (``navigation``);
* the search index loses the index entries of every page the build did not rewrite, and
  keeps the words of removed pages (``search_index``);
* the page of a removed document, or of a domain index that no longer lists anything, stays
  in the output, and the EPUB builder, which packs every file of its output folder, ships
  it; so does the ``.buildinfo.bak`` of a changed configuration (``removed_pages``);
* a build stopped while it writes leaves pages that no later build rewrites
  (``interrupted``: the next build rewrites every page);
* once a toctree is no longer ``:numbered:``, the pages not re-read keep their section
  numbers (``navigation.forget_section_numbers``).

Each builder keeps its own records next to the doctrees, saved only when its build
succeeded.  The search index repair uses Sphinx's private API (``sphinx_book_compat``): on a
Sphinx whose internals lack what it reads, it warns once and stays off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from incremental_build.interrupted import (
    forget_the_mark,
    rewrite_all_after_an_unfinished_build,
)
from incremental_build.navigation import NavigationRefresh, forget_section_numbers
from incremental_build.removed_pages import (
    record_documents_with_pages,
    remove_build_info_backup,
    remove_pages_of_empty_indices,
    remove_pages_of_removed_documents,
)
from incremental_build.search_index import carry_over_index_entries, match_clean_build
from sphinx_book_compat import require_sphinx

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "1.0.0"


def setup(app: Sphinx) -> ExtensionMetadata:
    """Connect the repairs; all run in the main process, after reading or around writing."""
    require_sphinx(app)
    navigation = NavigationRefresh()
    # Before Sphinx's toctree collector (500) numbers the sections again.
    app.connect("env-get-updated", forget_section_numbers, priority=400)
    app.connect("env-get-updated", navigation.pages_to_rewrite)
    app.connect("build-finished", navigation.save)
    app.connect("write-started", remove_pages_of_removed_documents)
    app.connect("build-finished", record_documents_with_pages)
    app.connect("html-collect-pages", remove_pages_of_empty_indices)
    app.connect("html-collect-pages", remove_build_info_backup)
    app.connect("env-get-updated", rewrite_all_after_an_unfinished_build)
    app.connect("build-finished", forget_the_mark)
    app.connect("write-started", carry_over_index_entries)
    app.connect("html-collect-pages", match_clean_build)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
