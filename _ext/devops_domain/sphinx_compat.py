"""The private Sphinx API the book's extensions rely on, in one place, for known Sphinx only.

It lives in the domain's package, so that the domain, which other projects load, comes with
it; ``incremental_build`` imports it from here.

Sphinx offers no public way to reach some things an extension needs: the builder from a
post-transform (Sphinx's own post-transforms read ``env._app.builder``), the tags ``only``
blocks are decided on, and the search indexer's tables.  Every such access is here, behind
:func:`supported`: on a Sphinx whose internals were not checked (``KNOWN_SPHINX``), the
features that depend on them warn once and switch themselves off instead of misbehaving.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sphinx
from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinx.search import IndexBuilder
    from sphinx.util.tags import Tags

logger = logging.getLogger(__name__)

#: The (major, minor) versions of Sphinx whose internals this module was checked against.
KNOWN_SPHINX = frozenset({(9, 0)})
#: ``suppress_warnings = ["sphinx_compat"]`` silences the warning about an unknown Sphinx.
WARNING_TYPE = "sphinx_compat"


def supported() -> bool:
    """Whether the running Sphinx is one whose private API is known here."""
    return tuple(sphinx.version_info[:2]) in KNOWN_SPHINX


def warn_unsupported(feature: str) -> None:
    """Say which feature is off, and why (called once per feature, at setup).  No location:
    the cause is the installed Sphinx, not a line of the project."""
    logger.warning(
        "%s is disabled: Sphinx %s is not one of the versions it was checked against (%s)",
        feature,
        sphinx.__display_version__,
        ", ".join(f"{major}.{minor}" for major, minor in sorted(KNOWN_SPHINX)),
        type=WARNING_TYPE,
        subtype="version",
    )


# -- the builder and tags of the build, from a transform ------------------------------------------


def current_builder(env: BuildEnvironment) -> Builder:
    """The builder writing the page (what ``SphinxPostTransform`` itself consults)."""
    return env._app.builder


def build_tags(env: BuildEnvironment) -> Tags:
    """The tags ``only`` directives are decided on (as Sphinx's ``OnlyNodeTransform``)."""
    return env._tags


# -- the search index -----------------------------------------------------------------------------

#: What ``IndexBuilder.feed`` keeps for a page: (entry, anchor, "main" or "").
IndexEntry = tuple[str, str, str]


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
