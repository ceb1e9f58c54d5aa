"""First-mention footnotes: a person's biography, or a ``:footnote:`` term's definition.

Which mention is first is decided at write time, among the mentions the output keeps (its
``only`` blocks), once every definition is known; the footnotes are real docutils footnotes,
numbered with the author's own, so every builder (and Sphinx's LaTeX footnote transform)
treats them alike.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import traverse_parent

from sphinx_book_compat import build_tags, current_builder

from .copies import copy_for_page
from .env_access import domain_of
from .outputs import excluded_xrefs
from .reading import is_entry, is_mention
from .tooltips import tooltip_id

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.environment import BuildEnvironment

    from .entries import Entry


def wants_footnote(entry: Entry) -> bool:
    return entry.kind == "person" or entry.footnote


def has_text(entry: Entry) -> bool:
    """An entry written without text gets no (empty) footnote; it is warned about already."""
    return entry.content is not None and len(entry.content) > 0


class FirstMentionFootnotes(SphinxPostTransform):
    """Add a footnote after the first mention of each person or footnote term in each document.

    Runs before the references are resolved, so that links inside a biography resolve from
    the page that shows it. Mentions inside footnotes or inside entries never get one, so a
    biography that mentions someone does not nest footnotes.
    """

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        domain = domain_of(self.env)
        # Decide « first » on the mentions this output really has; the ``only`` blocks it
        # drops stay in the doctree until Sphinx has resolved (and checked) their references.
        excluded = excluded_xrefs(self.document, build_tags(self.env))
        # Texinfo writes the title of a topic, sidebar or admonition as plain text.
        plain_titles = current_builder(self.env).format == "texinfo"
        seen: set[tuple[str, str, str]] = set()
        added: set[str] = set()
        # (Sphinx joins the parts without setting their children's ``parent``: no walk up.)
        self.parts = {
            part["docname"]: part for part in self.document.findall(addnodes.start_of_file)
        }
        for mention in list(self.document.findall(addnodes.pending_xref)):
            if not is_mention(mention) or id(mention) in excluded:
                continue
            mode = mention.get("devops_footnote", "first")
            if mode == "never":
                continue
            entry = domain.find(mention["reftype"], mention["reftarget"])
            if entry is None or not wants_footnote(entry) or not has_text(entry):
                continue
            if is_excluded(mention, plain_titles):  # the one check that walks up: last
                continue
            docname = mention["refdoc"]
            # An entry is its document and anchor: anchors are unique per document only.
            first = (docname, entry.docname, entry.anchor)
            if mode == "first" and first in seen:
                continue
            seen.add(first)
            self.add_footnote(mention, entry, docname)
            added.add(docname)
        if added:
            renumber_footnotes(self.document, added, {d for d in added if is_markdown(self.env, d)})

    def add_footnote(self, mention: nodes.Element, entry: Entry, docname: str) -> None:
        footnote_id = self.unique_id(f"devops-fn-{entry.anchor}")
        reference_id = self.unique_id(f"devops-fnref-{entry.anchor}")
        reference = nodes.footnote_reference(
            "", "0", ids=[reference_id], refid=footnote_id, auto=1, docname=docname
        )
        footnote = nodes.footnote(
            "",
            nodes.label("", "0"),
            *self.footnote_body(entry, docname),
            ids=[footnote_id],
            backrefs=[reference_id],
            auto=1,
            docname=docname,
            classes=["devops-footnote", f"devops-{entry.kind}-footnote"],
        )
        for node in (reference, footnote):
            node.source, node.line = mention.source, mention.line
        mention.parent.insert(mention.parent.index(mention) + 1, reference)
        # At the end of the mention's document: in a builder that joins documents into one
        # tree (texinfo, man, singlehtml), that is the end of its part, where those writers
        # look for a document's footnotes.
        self.parts.get(docname, self.document).append(footnote)

    def footnote_body(self, entry: Entry, docname: str) -> list[nodes.Node]:
        """A copy of the entry's content, its references resolving from ``docname``."""
        if entry.content is None:
            return []
        body = list(copy_for_page(entry.content, docname).children)
        # A term's tooltip points at its footnote's first paragraph: its text is written once.
        paragraph = next((n for n in body if isinstance(n, nodes.paragraph)), None)
        if entry.kind == "term" and paragraph is not None:
            paragraph["ids"].append(self.unique_id(tooltip_id(entry)))
        return body

    def unique_id(self, wanted: str) -> str:
        candidate, serial = wanted, 1
        while candidate in self.document.ids:
            serial += 1
            candidate = f"{wanted}-{serial}"
        self.document.ids[candidate] = self.document
        return candidate


def is_excluded(mention: nodes.Element, plain_titles: bool = False) -> bool:
    """Mentions in footnotes and in entries never carry a footnote of their own; nor, where
    the output writes such titles as plain text (``plain_titles``: the footnote would be lost
    there), mentions in the title of a topic, sidebar or admonition: the next one does."""
    for parent in traverse_parent(mention.parent):
        if isinstance(parent, nodes.footnote) or is_entry(parent):
            return True
        if plain_titles and isinstance(parent, nodes.title):
            return not isinstance(parent.parent, (nodes.section, nodes.table))
    return False


def is_markdown(env: BuildEnvironment, docname: str) -> bool:
    """Whether ``docname`` is MyST: there ``[^1]`` is a label, as in Pandoc, not a number."""
    suffix = PurePath(env.doc2path(docname)).suffix
    return bool(env.config.source_suffix.get(suffix) == "markdown")


def renumber_footnotes(
    document: nodes.document, docnames: set[str], labelled: Set[str] = frozenset()
) -> None:
    """Number the footnotes of each document in the order they are referenced.

    Auto-numbered footnotes are renumbered; so are the numeric labels of MyST documents
    (``labelled``), which MyST hands to docutils as fixed numbers. Other fixed numbers (``[1]``
    in reStructuredText) are kept, and skipped. Two walks over the tree, also when it holds a
    whole book (LaTeX).
    """
    default = next(iter(docnames)) if len(docnames) == 1 else ""
    footnotes: dict[tuple[str, str], nodes.footnote] = {}
    taken: dict[str, set[str]] = {}
    for footnote in document.findall(nodes.footnote):  # class walks: docutils' fast path
        docname = footnote.get("docname", default)
        if docname not in docnames or not footnote["ids"]:
            continue
        if footnote.get("auto") == 1 or docname in labelled:
            footnotes[docname, footnote["ids"][0]] = footnote
        elif len(footnote) and isinstance(footnote[0], nodes.label):
            taken.setdefault(docname, set()).add(footnote[0].astext())
    numbers: dict[tuple[str, str], int] = {}
    last: dict[str, int] = {}

    def number_of(docname: str, footnote_id: str) -> int:
        if (docname, footnote_id) not in numbers:
            candidate = last.get(docname, 0) + 1
            while str(candidate) in taken.get(docname, ()):
                candidate += 1
            numbers[docname, footnote_id] = last[docname] = candidate
        return numbers[docname, footnote_id]

    for reference in document.findall(nodes.footnote_reference):
        docname = reference.get("docname", default)
        if (docname, reference.get("refid", "")) in footnotes:
            reference.children = []
            reference += nodes.Text(str(number_of(docname, reference["refid"])))
    for (docname, footnote_id), footnote in footnotes.items():
        label = footnote[0]
        if isinstance(label, nodes.label):
            label.children = []
            label += nodes.Text(str(number_of(docname, footnote_id)))
    # The footnotes that close a document (or its part of a joined tree), in number order.
    renumbered = {id(footnote) for footnote in footnotes.values()}
    for container in (document, *document.findall(addnodes.start_of_file)):
        closing = [
            child
            for child in container.children
            if isinstance(child, nodes.footnote) and id(child) in renumbered
        ]
        if closing:
            container.children = [c for c in container.children if id(c) not in renumbered]
            container.extend(sorted(closing, key=lambda fn: int(fn.children[0].astext())))
