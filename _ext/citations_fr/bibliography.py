"""The bibliography's entries, marked for how they are set (:file:`static/citations_fr.css`)."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

#: The group of sphinxcontrib-bibtex's reference styles (``bibtex_reference_style``).
REFERENCE_STYLES = "sphinxcontrib.bibtex.style.referencing"


def is_author_year(reference_style: str) -> bool:
    """Is the reference style this extension's French author-year style (or one built on
    it)?  Its citations name authors and years, so its entries need no label.

    Not any style whose name starts with ``author_year``: sphinxcontrib-bibtex's own
    ``author_year`` prints its labels (« [Ju07] ») in the bibliography, and a project that
    chose it keeps them.
    """
    from sphinxcontrib.bibtex.plugin import find_plugin

    from .referencing import FrenchAuthorYearReferenceStyle

    try:
        style = find_plugin(REFERENCE_STYLES, str(reference_style))
    except ImportError:  # an unknown style: sphinxcontrib-bibtex reports it
        return False
    return isinstance(style, type) and issubclass(style, FrenchAuthorYearReferenceStyle)


class MarkAuthorYearEntries(SphinxPostTransform):
    """Give sphinxcontrib-bibtex's entries the class ``author-year`` in author-year styles.

    Their stylesheet then hides the label (the citations do not use it) and sets each
    entry with a hanging indent, ragged right.  Priority 6: just after sphinxcontrib-bibtex
    writes the entries (5).
    """

    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        if not is_author_year(self.config.bibtex_reference_style):
            return
        for citation in self.document.findall(nodes.citation):
            if "docname" in citation:  # written by sphinxcontrib-bibtex
                citation["classes"].append("author-year")


class PlainEntriesInText(SphinxPostTransform):
    """In plain text, an author-year entry is a paragraph, without its label.

    Sphinx's text writer prints « [label] » before each entry and indents it by the label's
    width: a corporate author's label (« US Department of Commerce et National
    Telecommunications and Information Administration, 2021 ») made the indent wider than
    the line, and the writer stopped with a ValueError.  The label is the citation's, which
    the text already prints where the work is cited.
    """

    default_priority = 7  # after MarkAuthorYearEntries
    formats = ("text",)

    def run(self, **kwargs: Any) -> None:
        for citation in list(self.document.findall(nodes.citation)):
            if "author-year" in citation["classes"]:
                entry = [child for child in citation.children if not isinstance(child, nodes.label)]
                citation.replace_self(entry)
