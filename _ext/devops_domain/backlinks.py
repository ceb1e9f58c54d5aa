"""« Mentionné dans » under each entry: links back to every document that mentions it."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_book_compat import current_builder

from .env_access import domain_of
from .nodes import backlinks

_ = get_translation("devops_domain")


class FillBacklinks(SphinxPostTransform):
    """Replace each placeholder with the documents that mention the entry, in book order."""

    default_priority = 20

    def run(self, **kwargs: Any) -> None:
        domain = domain_of(self.env)
        builder = current_builder(self.env)
        for placeholder in list(self.document.findall(backlinks)):
            entry = domain.find(placeholder["devops_kind"], placeholder["devops_key"])
            documents = domain.mentioning_documents(entry, builder) if entry is not None else []
            if not documents:
                placeholder.parent.remove(placeholder)
                continue
            fromdocname = placeholder["refdoc"]
            placeholder += nodes.Text(_("Mentioned in: "))
            for position, (docname, title, mentions) in enumerate(documents):
                if position:
                    placeholder += nodes.Text(", ")
                anchor = mentions[0].anchor
                placeholder += domain.internal_link(
                    builder, fromdocname, docname, anchor, nodes.Text(title)
                )
                if builder.format == "latex":  # on paper, the page of that mention
                    placeholder += page_number(docname, anchor)
            placeholder += nodes.Text(".")


def page_number(docname: str, anchor: str) -> nodes.raw:
    """« (p. 7) »: the page a label of the PDF is on (the label Sphinx writes for an id)."""
    return nodes.raw("", rf"~(p.~\pageref{{\detokenize{{{docname}:{anchor}}}}})", format="latex")
