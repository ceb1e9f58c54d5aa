"""LaTeX/PDF: an acronym's long form is written out at its first mention in each chapter."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

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
