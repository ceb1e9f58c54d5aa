"""Print-like outputs: an acronym's long form is written out at its first mention in each
chapter; in LaTeX, a mention in a title keeps an anchor the index can point to."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.builders.latex.nodes import footnotemark, footnotetext
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import traverse_parent

from sphinx_book_compat import current_builder

from .nodes import term_reference


class ExpandFirstAcronym(SphinxPostTransform):
    """« CI/CD (intégration continue et déploiement continu) » once per chapter, then « CI/CD ».

    Outside HTML an abbreviation has no tooltip: Sphinx's LaTeX writer expands it once per
    book, its text writer at every use, Texinfo inside a link not at all; a reader of one
    chapter wants it once per chapter.  A glossary entry's « Voir aussi » list is not running
    text: it shows the names only, and leaves the chapter's first mention to come.
    """

    default_priority = 30

    def is_supported(self) -> bool:
        return current_builder(self.env).format != "html"

    def run(self, **kwargs: Any) -> None:
        seen: set[tuple[str, str]] = set()
        for reference in self.document.findall(term_reference):
            for abbreviation in list(reference.findall(nodes.abbreviation)):
                first = (reference.get("refdoc", ""), reference.get("devops_key", ""))
                replacement: list[nodes.Node] = list(abbreviation.children)
                if first not in seen and not reference.get("devops_see"):
                    seen.add(first)
                    replacement.append(nodes.Text(f" ({abbreviation['explanation']})"))
                abbreviation["classes"] = []
                abbreviation.replace_self(replacement)


#: Elements whose ids LaTeX labels where they start: a mention in their title takes that label.
LABELLED = (nodes.section, nodes.table, nodes.figure)
#: Headings LaTeX sets as a macro's argument, where a label or a footnote cannot go.
HEADINGS = (nodes.title, nodes.caption, nodes.rubric)


def heading_of(node: nodes.Node) -> tuple[nodes.Element, nodes.Element] | None:
    """The heading ``node`` stands in, and what LaTeX sets around it: a rubric itself, or
    the element a title or caption heads; ``None`` outside headings."""
    heading = next(iter(traverse_parent(node.parent, HEADINGS)), None)
    if heading is None:
        return None
    return heading, heading if isinstance(heading, nodes.rubric) else heading.parent


class AnchorMentionsInTitles(SphinxPostTransform):
    """Give a mention that stands in a heading an anchor LaTeX can set, on the same page.

    LaTeX cannot put a label inside a title, caption or rubric, so the index's page reference
    to such a mention would be undefined (« ?? »). A section, table or figure takes the
    mention's anchor as its own label; before a rubric, an admonition, topic or sidebar whose
    title holds it, a target sets it.
    """

    default_priority = 30
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for reference in list(self.document.findall(nodes.reference)):
            if not reference["ids"]:
                continue
            found = heading_of(reference)
            if found is None or found[0].parent is None:
                continue
            element = found[1]
            if isinstance(element, LABELLED):
                element["ids"].extend(reference["ids"])
            else:
                element.parent.insert(
                    element.parent.index(element), nodes.target("", "", ids=reference["ids"])
                )
            reference["ids"] = []


class FootnotesOutOfHeadings(SphinxPostTransform):
    """A first-mention footnote in a rubric, or in an admonition's, topic's or sidebar's
    title: a mark there and the text after that element, as Sphinx does for section titles.

    Sphinx handles footnotes in section titles, tables and captions only; a ``\\footnote``
    in any other heading stops pdflatex.
    """

    default_priority = 590  # before Sphinx's LaTeXFootnoteTransform (600)
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        footnotes = {
            footnote["ids"][0]: footnote
            for footnote in self.document.findall(nodes.footnote)
            if "devops-footnote" in footnote["classes"]
        }
        for reference in list(self.document.findall(nodes.footnote_reference)):
            footnote = footnotes.get(reference.get("refid", ""))
            if footnote is None or reference.parent is None:
                continue
            found = heading_of(reference)
            if found is None:
                continue
            element = found[1]
            if isinstance(element, LABELLED):
                continue  # Sphinx's own transform handles these
            reference.replace_self(footnotemark("", reference.astext(), refid=reference["refid"]))
            footnote.parent.remove(footnote)
            element.parent.insert(
                element.parent.index(element) + 1,
                footnotetext("", *footnote.children, ids=footnote["ids"]),
            )
