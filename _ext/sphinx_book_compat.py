"""The private and version-dependent Sphinx API of the book's extensions, in one place.

Sphinx offers no public way to reach some things an extension needs: the builder from a
transform (Sphinx's own post-transforms read the environment's application), the tags
``only`` blocks are decided on, the document being read, and the search indexer's tables.
Their names moved between Sphinx 7.4 and 9.1 (``env.app`` became ``env._app`` in 9.0,
``env.temp_data`` became ``env.current_document`` in 8.2).  Every such access is here:

* on the versions this module was checked against (:data:`CHECKED_SPHINX`), each accessor
  reads the attribute that version has;
* on a newer Sphinx, the accessors try the newest names first; a feature whose internals
  are gone warns once (:func:`warn_unsupported`, a type ``suppress_warnings`` accepts) and
  switches itself off, instead of failing the build for being new.

The extensions call :func:`require_sphinx` in ``setup()``: below :data:`MINIMUM_SPHINX`
the build stops with one clear message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

import sphinx
from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinx.search import IndexBuilder
    from sphinx.util.tags import Tags

logger = logging.getLogger(__name__)

#: The oldest Sphinx the extensions support (``app.require_sphinx`` stops below it).
MINIMUM_SPHINX = "7.4"
#: The (major, minor) versions of Sphinx whose internals this module was checked against.
CHECKED_SPHINX = frozenset({(7, 4), (8, 0), (8, 1), (8, 2), (9, 0), (9, 1)})
#: ``suppress_warnings = ["sphinx_compat"]`` silences the warnings about a Sphinx whose
#: internals lack something a feature needs.
WARNING_TYPE = "sphinx_compat"


def require_sphinx(app: Sphinx) -> None:
    """Stop with Sphinx's own clear error on a Sphinx older than :data:`MINIMUM_SPHINX`."""
    app.require_sphinx(MINIMUM_SPHINX)


def checked() -> bool:
    """Whether the running Sphinx is one whose internals were checked here."""
    return tuple(sphinx.version_info[:2]) in CHECKED_SPHINX


def warn_unsupported(feature: str, missing: str) -> None:
    """Say which feature is off and what it missed (once per feature).  No location: the
    cause is the installed Sphinx, not a line of the project."""
    logger.warning(
        "%s is disabled: Sphinx %s has no %s (checked against Sphinx %s)",
        feature,
        sphinx.__display_version__,
        missing,
        ", ".join(f"{major}.{minor}" for major, minor in sorted(CHECKED_SPHINX)),
        type=WARNING_TYPE,
        subtype="version",
        once=True,
    )


# -- the application, builder and tags of the build, from a transform -----------------------------


def _application(env: BuildEnvironment) -> Sphinx:
    # 9.0 renamed ``env.app`` to ``env._app`` and deprecated the old name.
    app = getattr(env, "_app", None)
    return app if app is not None else env.app


def current_builder(env: BuildEnvironment) -> Builder:
    """The builder of the build (what ``SphinxPostTransform`` itself consults)."""
    return _application(env).builder


def builder_name(env: BuildEnvironment) -> str:
    """The name of the builder, also while documents are read (as smartquotes asks it)."""
    cls = getattr(env, "_builder_cls", None)  # 9.0: the builder's class, set before reading
    return str(cls.name) if cls is not None else str(current_builder(env).name)


def build_tags(env: BuildEnvironment) -> Tags:
    """The tags ``only`` directives are decided on (as Sphinx's ``OnlyNodeTransform``)."""
    return _application(env).tags


# -- the document being read -----------------------------------------------------------------------


class ReadingState(Protocol):
    """What both kinds of reading state offer (a dictionary's ``setdefault``)."""

    def setdefault(self, key: str, default: Any = None, /) -> Any: ...


def reading_state(env: BuildEnvironment) -> ReadingState:
    """Scratch data that lives while one document is read (``env.current_document`` since
    Sphinx 8.2, the ``env.temp_data`` dictionary before)."""
    current: ReadingState | None = getattr(env, "current_document", None)
    return current if current is not None else env.temp_data


# -- the search index -----------------------------------------------------------------------------

#: What ``IndexBuilder.feed`` keeps for a page: (entry, anchor, "main" or "").
IndexEntry = tuple[str, str, str]

#: The private tables the search index repair reads, in the environment (``_search_index_*``,
#: which the indexer starts from) and in the indexer (the same from Sphinx 7.4 to 9.1).
SEARCH_INDEX_TABLES = ("titles", "index_entries", "mapping", "title_mapping")


def search_index_supported(env: BuildEnvironment, indexer: IndexBuilder | None = None) -> bool:
    """Whether this Sphinx's environment (and indexer, once there is one) have the tables
    the repair reads."""
    return all(hasattr(env, f"_search_index_{name}") for name in SEARCH_INDEX_TABLES) and (
        indexer is None or all(hasattr(indexer, f"_{name}") for name in SEARCH_INDEX_TABLES)
    )


def carried_index_entries(env: BuildEnvironment) -> dict[str, list[IndexEntry]]:
    """The index entries the next ``IndexBuilder`` starts from (page -> entries)."""
    return env._search_index_index_entries


def indexed_pages(indexer: IndexBuilder) -> dict[str, Any]:
    """The pages the indexer holds (page -> title)."""
    return indexer._titles


def set_index_entries(indexer: IndexBuilder, entries: dict[str, list[IndexEntry]]) -> None:
    indexer._index_entries = entries


def index_entries(indexer: IndexBuilder) -> dict[str, list[IndexEntry]]:
    return indexer._index_entries


def word_tables(indexer: IndexBuilder) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Word -> pages, for the pages' text and for their titles."""
    return indexer._mapping, indexer._title_mapping


# -- the HTML builder's domain index pages -----------------------------------------------------

#: One page of a domain index as the HTML builder lists it: name, class, content, collapse.
DomainIndexPage = tuple[str, Any, Any, bool]


def filter_domain_index_pages(
    builder: Builder, choose: Callable[[list[DomainIndexPage]], list[DomainIndexPage]]
) -> bool:
    """Let ``choose`` decide which domain index pages the HTML builder writes in each build.

    ``StandaloneHTMLBuilder.prepare_writing`` lists the pages in ``builder.domain_indices``
    (every page's related links are made from that list), and ``write_domain_indices``, run
    at ``finish``, writes them all.  The builder's ``write_domain_indices`` is wrapped to
    write only what ``choose`` returns of that list (7.4 to 9.1).  False when the builder
    has neither.
    """
    original = getattr(builder, "write_domain_indices", None)
    if original is None or not hasattr(builder, "domain_indices"):
        return False
    if getattr(original, "filtered_by", None) == choose:
        return True  # the same application set up twice (tests)

    def write_domain_indices() -> None:
        listed = builder.domain_indices
        builder.domain_indices = choose(listed)
        try:
            original()
        finally:
            builder.domain_indices = listed

    write_domain_indices.filtered_by = choose  # type: ignore[attr-defined]
    builder.write_domain_indices = write_domain_indices  # type: ignore[attr-defined]
    return True
