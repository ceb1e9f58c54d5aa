"""The domain's index pages are written again only when what they show may have changed.

Sphinx writes every domain index page in every HTML build (``write_domain_indices``, at the
end of the build), even when none of its entries changed: after any edit of the book at 800
documents, even one that changed nothing, ``devops-terms.html`` (1.7 MB) and
``devops-people.html`` took 0.26 to 0.41 s of the rebuild.  Here each page's digest (its
entries, its title, the related links and the other values every page of the build shows) is
kept in the doctree folder, one file per builder, once the build has succeeded; the next
build writes the page again only when

* its digest differs (an entry, a mention or a title in it changed, or the build's date);
* its file is not in the output folder (a new output folder, a page deleted by hand);
* the build writes every document (a clean build, a changed configuration or template, or
  a changed navigation that ``incremental_build`` rewrites every page for): the sidebar of
  the index page may have changed too.

Otherwise the page left by the previous build is already what this build would write
(``tests/test_domain_index_pages.py`` compares with a clean build).  Switch:
``devops_write_unchanged_index_pages = True`` writes them in every build, as Sphinx does.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.builders.html import StandaloneHTMLBuilder

from sphinx_book_compat import DomainIndexPage, filter_domain_index_pages

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

PLAIN = (str, int, float, bool, type(None))


def plain(value: object) -> bool:
    """Whether ``value`` has a ``repr`` that is the same from one build to the next (no
    object's address in it)."""
    if isinstance(value, (list, tuple)):
        return all(plain(item) for item in value)
    return isinstance(value, PLAIN)


def digest(builder: Builder, page: DomainIndexPage) -> str:
    """What the index page shows: its entries and title, and the values of the context every
    page of the build shares (related links, date, title of the site, …)."""
    name, index_class, content, collapse = page
    context = getattr(builder, "globalcontext", {})
    shared = sorted((key, value) for key, value in context.items() if plain(value))
    shown = repr((name, str(index_class.localname), content, collapse, shared))
    return hashlib.sha256(shown.encode()).hexdigest()


def record_file(builder: Builder) -> Path:
    """Where ``builder`` keeps the digests of the index pages it wrote."""
    return Path(builder.doctreedir, f"devops-index-pages-{builder.name}.json")


class IndexPages:
    """Decide which of the domain's index pages to write; remember what was written."""

    def __init__(self, pages: frozenset[str]) -> None:
        self.pages = pages
        self.builder: Builder | None = None
        self.resolved: set[str] = set()
        self.digests: dict[str, str] = {}

    def set_up(self, app: Sphinx) -> None:
        if isinstance(app.builder, StandaloneHTMLBuilder):
            self.builder = app.builder
            filter_domain_index_pages(app.builder, self.choose)

    def start(self, app: Sphinx, builder: Builder) -> None:
        self.resolved.clear()
        self.digests.clear()

    def document_written(self, app: Sphinx, doctree: nodes.document, docname: str) -> None:
        self.resolved.add(docname)  # resolved to be written (in the main process with -j)

    def choose(self, listed: list[DomainIndexPage]) -> list[DomainIndexPage]:
        builder = self.builder
        assert builder is not None  # set up for this builder
        stored = record_file(builder)
        try:
            previous = json.loads(stored.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            previous = {}
        everything = builder.env.found_docs <= self.resolved
        chosen = []
        for page in listed:
            name = page[0]
            if name not in self.pages:
                chosen.append(page)
                continue
            self.digests[name] = digest(builder, page)
            if (
                builder.config.devops_write_unchanged_index_pages
                or everything
                or previous.get(name) != self.digests[name]
                or not Path(builder.get_outfilename(name)).is_file()  # type: ignore[attr-defined]
            ):
                chosen.append(page)
        return chosen

    def save(self, app: Sphinx, exception: BaseException | None) -> None:
        """After a build that succeeded: its index pages show what the digests say."""
        if exception is not None or not self.digests:
            return
        stored = record_file(app.builder)
        stored.parent.mkdir(parents=True, exist_ok=True)
        stored.write_text(json.dumps(self.digests, sort_keys=True), encoding="utf-8")
