"""The ``devops`` Sphinx domain: glossary terms and key people, defined once, used everywhere."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_book_assets import add_static_path
from sphinx_book_compat import require_sphinx

from . import nodes as devops_nodes
from .backlinks import FillBacklinks
from .domain import DevOpsDomain
from .env_access import domain_of
from .footnotes import FirstMentionFootnotes
from .index_pages import IndexPages
from .latex import AnchorMentionsInTitles, ExpandFirstAcronym, FootnotesOutOfHeadings
from .missing import warn_missing_reference
from .print_index import PrintedIndex
from .tooltips import TOOLTIP_BUILDERS, AddTooltips, FlattenTooltips

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

__version__ = "1.0.0"
PACKAGE = Path(__file__).parent


def add_assets(app: Sphinx) -> None:
    """Ship the stylesheets to every HTML-like output, the script only where tooltips are."""
    if app.builder.format != "html":
        return
    add_static_path(app.config, PACKAGE / "static")
    app.add_css_file("devops.css")
    if app.builder.name in TOOLTIP_BUILDERS:
        add_static_path(app.config, PACKAGE / "static-tooltips")
        app.add_js_file("devops.js", defer="defer")


#: The pages of the domain's indexes (``devops-terms``, ``devops-people``).
INDEX_PAGES = frozenset(f"{DevOpsDomain.name}-{index.name}" for index in DevOpsDomain.indices)


def style_index_page(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.Node | None,
) -> None:
    """The indexes list words: their page gets a stylesheet that undoes the code face Sphinx's
    template gives every index entry (a stylesheet of that page only)."""
    if pagename in INDEX_PAGES:
        app.add_css_file("devops-index.css")


def record_document(app: Sphinx, document: nodes.document) -> None:
    """Record the definitions and mentions of the document just read."""
    domain_of(app.env).record_document(app.env.docname, document)


def outdated_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages that show a definition or a « Mentionné dans » list changed by this build's reading."""
    return sorted(domain_of(env).outdated_pages())


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the domain, its transforms, nodes, assets and French messages."""
    require_sphinx(app)
    app.add_config_value(
        "devops_report_unused",
        False,
        "env",
        bool,
        description="Report terms that are defined but never used (info).",
    )
    app.add_domain(DevOpsDomain)
    app.add_node(
        devops_nodes.term_reference,
        html=(devops_nodes.visit_term_reference_html, None),  # departs as any reference
    )
    app.add_node(devops_nodes.backlinks)
    app.add_node(  # made for html and dirhtml pages only (AddTooltips)
        devops_nodes.tooltip_store,
        html=(devops_nodes.visit_tooltip_store_html, devops_nodes.depart_tooltip_store_html),
    )
    for transform in (
        FirstMentionFootnotes,
        AddTooltips,
        FillBacklinks,
        FlattenTooltips,
        ExpandFirstAcronym,
        AnchorMentionsInTitles,
        FootnotesOutOfHeadings,
        PrintedIndex,
    ):
        app.add_post_transform(transform)
    app.connect("builder-inited", add_assets)
    app.connect("html-page-context", style_index_page)
    # After Sphinx's collectors (priority 500), which complete images and downloads.
    app.connect("doctree-read", record_document, priority=900)
    app.connect("env-get-updated", outdated_pages)
    app.connect("warn-missing-reference", warn_missing_reference)
    app.add_config_value(
        "devops_write_unchanged_index_pages",
        False,
        "",
        bool,
        description="Write the index pages in every HTML build, even when they cannot have "
        "changed (as Sphinx does).",
    )
    index_pages = IndexPages(INDEX_PAGES)
    app.connect("builder-inited", index_pages.set_up)
    app.connect("write-started", index_pages.start)
    app.connect("doctree-resolved", index_pages.document_written)
    app.connect("build-finished", index_pages.save)
    app.add_message_catalog("devops_domain", str(PACKAGE / "locale"))
    return {
        "version": __version__,
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
