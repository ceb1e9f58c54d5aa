"""« Mentionné dans » under each entry: links back to every document that mentions it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform

from .nodes import backlinks

if TYPE_CHECKING:
    from .domain import DevOpsDomain

_ = get_translation("devops_domain")


class FillBacklinks(SphinxPostTransform):
    """Replace each placeholder with the documents that mention the entry, in book order."""

    default_priority = 20

    def run(self, **kwargs: Any) -> None:
        domain: DevOpsDomain = self.env.domains["devops"]  # type: ignore[assignment]
        order = domain.reading_order
        for placeholder in list(self.document.findall(backlinks)):
            entry = domain.find(placeholder["devops_kind"], placeholder["devops_key"])
            mentions = domain.mentions_of(entry) if entry is not None else {}
            if not mentions:
                placeholder.parent.remove(placeholder)
                continue
            fromdocname = placeholder["refdoc"]
            placeholder += nodes.Text(_("Mentioned in: "))
            for position, docname in enumerate(
                sorted(mentions, key=lambda d: (order.get(d, len(order)), d))
            ):
                if position:
                    placeholder += nodes.Text(", ")
                title = domain.titles.get(docname) or docname
                placeholder += domain.internal_link(
                    self.env._app.builder,
                    fromdocname,
                    docname,
                    mentions[docname][0].anchor,
                    nodes.Text(title),
                )
            placeholder += nodes.Text(".")
