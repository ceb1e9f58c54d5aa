"""Citations as the author writes them, and a French bibliography.

* Pandoc's citation syntax in MyST (``[@key]``, ``[voir @key, p. 12]``, ``[-@key]``,
  ``@key``), which becomes the equivalent sphinxcontrib-bibtex roles
  (:mod:`citations_fr.pandoc`, :mod:`citations_fr.parser`);
* a French author-year bibliography style ``fr`` for pybtex
  (:mod:`citations_fr.style`) and reference style ``author_year_fr`` for
  sphinxcontrib-bibtex (:mod:`citations_fr.referencing`);
* Markdown in prefixes and suffixes (:class:`citations_fr.parser.FillCitationTexts`);
* the bibliography set as French publishers set it, in every output: entries of author-year
  styles marked for ``static/citations_fr.css`` (:mod:`citations_fr.bibliography`), and
  ``texinputs/sphinxcitationsfr.sty``, which also makes a PDF build in any language
  (U+202F, citation links under babel-french);
* located warnings for the .bib files (:mod:`citations_fr.checks`): a syntax error
  (``citations.bibfile``), a repeated key or field (``bibtex.bibfile_data_error``, as
  sphinxcontrib-bibtex warns it; the rest of the file is kept), an entry of a type that
  the style does not know (``citations.unknown_entry_type``);
* each entry formatted once per build, for the bibliography and its tooltips alike
  (:mod:`citations_fr.format_once`, switch ``citations_format_once``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils.nodes import SkipNode

from sphinx_book_assets import add_latex_file, add_static_path
from sphinx_book_compat import require_sphinx

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def skip_node(translator: Any, node: Any) -> None:
    raise SkipNode


TEXINPUTS = Path(__file__).parent.resolve() / "texinputs"
LATEX_PACKAGE = "sphinxcitationsfr"


def add_latex_package(app: Sphinx, config: Config) -> None:
    """Load the LaTeX package that the citations need (U+202F, links, bibliography), and
    ship it next to the ``.tex`` files."""
    from .bibliography import is_author_year

    author_year = is_author_year(config.bibtex_reference_style)
    app.add_latex_package(LATEX_PACKAGE, "authoryear" if author_year else None)
    add_latex_file(config, TEXINPUTS / f"{LATEX_PACKAGE}.sty")


def read_pandoc_citations_in_myst(app: Sphinx, config: Config) -> None:
    """Read Pandoc's citations in the project's MyST documents.

    Only where the project loads myst-parser (in any order: every extension is set up
    before ``config-inited``): loading it ourselves would take ``.md`` from a project that
    reads Markdown with another parser, and a reStructuredText project has no use for it
    (its citations are sphinxcontrib-bibtex's roles, formatted in French all the same).
    """
    if "myst_parser" in app.extensions:
        from .parser import PandocCitationsParser

        app.add_source_parser(PandocCitationsParser, override=True)


def add_stylesheet(app: Sphinx) -> None:
    """Ship the bibliography's stylesheet to every HTML-like output (HTML, EPUB)."""
    if app.builder.format != "html":
        return
    add_static_path(app.config, Path(__file__).parent.resolve() / "static")
    app.add_css_file("citations_fr.css")


def setup(app: Sphinx) -> dict[str, Any]:
    import pybtex.plugin
    import sphinxcontrib.bibtex.plugin

    from .bibliography import MarkAuthorYearEntries, PlainEntriesInText
    from .checks import read_bibfiles, warn_bad_urls, warn_missing_fields, warn_unsupported_types
    from .format_once import register_style
    from .incremental import pages_showing_changed_citations
    from .parser import (
        FillCitationTexts,
        WarnUnresolvedCitations,
        citation_texts,
        unresolved_citation,
    )
    from .referencing import FrenchAuthorYearReferenceStyle
    from .style import FrenchLabelStyle, FrenchSortingStyle, FrenchStyle

    require_sphinx(app)
    app.setup_extension("sphinxcontrib.bibtex")
    app.setup_extension("citations_fr.plugin_lookup")  # pybtex lookups without entry-point scans

    pybtex.plugin.register_plugin("pybtex.style.formatting", "fr", FrenchStyle, force=True)
    pybtex.plugin.register_plugin("pybtex.style.labels", "fr", FrenchLabelStyle, force=True)
    pybtex.plugin.register_plugin("pybtex.style.sorting", "fr", FrenchSortingStyle, force=True)
    # each entry formatted once per build, not for the bibliography and again for the tooltip
    app.add_config_value("citations_format_once", True, "", types=frozenset({bool}))
    app.connect("config-inited", register_style)
    sphinxcontrib.bibtex.plugin.register_plugin(
        "sphinxcontrib.bibtex.style.referencing",
        "author_year_fr",
        FrenchAuthorYearReferenceStyle,
        force=True,
    )

    app.connect("config-inited", read_pandoc_citations_in_myst)
    app.add_node(unresolved_citation)
    # moved into the citations before any writer sees it (FillCitationTexts)
    skip = (skip_node, None)
    app.add_node(citation_texts, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
    app.add_post_transform(WarnUnresolvedCitations)
    app.add_post_transform(FillCitationTexts)
    # Before sphinxcontrib-bibtex's own handler (500), which then keeps what this one read.
    app.connect("builder-inited", read_bibfiles, priority=400)
    app.connect("builder-inited", warn_unsupported_types, priority=600)
    app.connect("builder-inited", warn_missing_fields, priority=600)
    app.connect("builder-inited", warn_bad_urls, priority=600)
    app.connect("config-inited", add_latex_package)
    app.connect("builder-inited", add_stylesheet)
    # After sphinxcontrib-bibtex's own handler (500), which decides what each bibliography lists.
    app.connect("env-updated", pages_showing_changed_citations, priority=600)
    app.add_post_transform(MarkAuthorYearEntries)
    app.add_post_transform(PlainEntriesInText)
    return {
        "version": "1.2",
        # the doctrees hold citation groups with placeholders since 1.1; the environment
        # keeps what the bibliographies show since 1.2: read them again
        "env_version": 4,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
