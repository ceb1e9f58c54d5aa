"""LaTeX/PDF: an acronym's long form is written out at its first mention in each chapter."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import traverse_parent

from .nodes import term_reference


class ExpandFirstAcronym(SphinxPostTransform):
    """« CI/CD (intégration continue et déploiement continu) » once per chapter, then « CI/CD ».

    Sphinx's own LaTeX writer expands an abbreviation once per book; a reader of one chapter
    wants it once per chapter.
    """

    default_priority = 30
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        seen: set[tuple[str, str]] = set()
        for reference in self.document.findall(term_reference):
            for abbreviation in list(reference.findall(nodes.abbreviation)):
                first = (reference.get("refdoc", ""), reference.get("devops_key", ""))
                replacement: list[nodes.Node] = list(abbreviation.children)
                if first not in seen:
                    seen.add(first)
                    replacement.append(nodes.Text(f" ({abbreviation['explanation']})"))
                abbreviation["classes"] = []
                abbreviation.replace_self(replacement)


class AnchorMentionsInTitles(SphinxPostTransform):
    """Give a mention's anchor to its section, table or figure when it stands in a title.

    LaTeX cannot put a label inside a title or caption, so the index's page reference to
    such a mention would be undefined; the enclosing element's label is on the same page.
    """

    default_priority = 30
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for reference in self.document.findall(nodes.reference):
            if not reference["ids"]:
                continue
            title = next(
                iter(traverse_parent(reference.parent, (nodes.title, nodes.caption))), None
            )
            if title is not None and title.parent is not None:
                title.parent["ids"].extend(reference["ids"])
                reference["ids"] = []
