"""The bibliography's entries, marked for how they are set (:file:`static/citations_fr.css`)."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform


def is_author_year(reference_style: str) -> bool:
    """Do the citations name authors and years (not labels such as « [1] »)?"""
    return str(reference_style).startswith("author_year")


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
