"""The general index in French order.

Sphinx sorts the general index by code point after NFD decomposition, which puts
« DevSecOps » before « décalage » (the accent sorts after every letter).  French order, as
xindy prints the PDF's index and as the devops domain sorts its own indexes: accents and case
ignored first, then the exact text; entries grouped under their unaccented capital.
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING, Any

from french_collation import index_letter, sort_key

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The pages of the general index (``genindex-A``… when ``html_split_index`` is on).
PAGES = ("genindex", "genindex-all")


#: French order (:mod:`french_collation`, as the domain's indexes): symbols first, accents,
#: ligatures and case ignored, then the exact text.
french_key = sort_key
letter_of = index_letter


def sort_general_index(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Re-sort the general index of the page's context: entries, sub-entries, letters."""
    if pagename not in PAGES or "genindexentries" not in context:
        return
    groups = context["genindexentries"]
    symbols = next((letter for letter, _ in groups if not letter[:1].isalpha()), "Symboles")
    entries = sorted(
        (entry for _letter, group in groups for entry in group), key=lambda e: french_key(e[0])
    )
    for _name, (_links, subentries, _key) in entries:
        subentries.sort(key=lambda sub: french_key(sub[0]))
    regrouped = [
        (letter, list(group))
        for letter, group in groupby(entries, key=lambda e: letter_of(e[0], symbols))
    ]
    context["genindexentries"] = regrouped
    context["genindexcounts"] = [
        sum(1 + len(subentries) for _name, (_links, subentries, _key) in group)
        for _letter, group in regrouped
    ]
