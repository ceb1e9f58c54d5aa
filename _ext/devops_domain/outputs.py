"""What one output holds: the documents it contains and the ``only`` blocks its tags keep.

A mention counts for an output (« Mentionné dans », the indexes, the first-mention footnote)
only if that output shows it: the PDF leaves out orphan documents and documents outside its
``latex_documents``, and each builder drops the ``only`` blocks its tags exclude.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx import addnodes
from sphinx.errors import NoUri

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.builders import Builder
    from sphinx.util.tags import Tags


def has_document(builder: Builder, docname: str) -> bool:
    """Whether the output has a page (or a part of its one file) for ``docname``."""
    try:
        builder.get_target_uri(docname)
    except NoUri:
        return False
    return True


def keeps(conditions: tuple[str, ...], tags: Tags) -> bool:
    """Whether every ``only`` expression holds; one Sphinx cannot evaluate keeps its block
    (as Sphinx does, which also warns about it)."""
    for condition in conditions:
        try:
            if not tags.eval_condition(condition):
                return False
        except Exception:  # Sphinx keeps such a block, and reports it
            continue
    return True


def excluded_xrefs(document: nodes.document, tags: Tags) -> set[int]:
    """The ``id()`` of each cross-reference inside an ``only`` block this output drops.

    Sphinx drops those blocks after it resolves references (so that a broken reference in
    one still warns): until then they are in the doctree, and the domain skips them.
    """
    return {
        id(xref)
        for block in document.findall(addnodes.only)
        if not keeps((block["expr"],), tags)
        for xref in block.findall(addnodes.pending_xref)
    }
