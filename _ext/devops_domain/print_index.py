"""The printed index (LaTeX): one line per term or person, as a publisher prints it.

« Debois, Patrick, 3, 7, **13** »: the page of each mention, and the page of the definition
in bold, which makeindex or xindy merge into one line of the book's index. Entries are set
in roman (Sphinx sets index entries as code), sorted in French order by a key without
accents (makeindex cannot sort « É », and stops pdflatex on it), and an alias that is a
real alternative name gets « voir » (the forms of ``:forms:`` do not).

The definition's ``\\index`` goes inside its term, so it carries the term's page, not the
page before ``\\begin{description}``.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.texescape import escape

from .entries import french_sort_key
from .latex import heading_of

APOSTROPHE = "\N{RIGHT SINGLE QUOTATION MARK}"
#: An apostrophe of elision, between two letters (not a quotation mark: 'sq').
ELIDED = re.compile(r"(?<=\w)'(?=\w)")
#: What makeindex and xindy read specially in an entry, and how Sphinx quotes it.
INDEX_QUOTES = (
    (r"\{", r"\sphinxleftcurlybrace{}"),
    (r"\}", r"\sphinxrightcurlybrace{}"),
    ('"', '""'),
    ("@", '"@'),
    ("!", '"!'),
    ("|", r"\textbar{}"),
)


def index_text(text: str, engine: str) -> str:
    r"""``text`` as LaTeX, quoted for makeindex and xindy.

    A straight apostrophe between two letters (a name as the author typed it in a directive:
    « d'approvisionnement ») is the typographic one the text prints, and a character, not
    ``\textquotesingle{}``: LaTeX writes that command to the index file with a space after it
    when the ``\index`` is in an argument (a glossary term), so a term's definition and its
    mentions became two index lines.
    """
    value = escape(ELIDED.sub(APOSTROPHE, text), engine)
    for special, quoted in INDEX_QUOTES:
        value = value.replace(special, quoted)
    return value


def index_command(text: str, engine: str, encap: str = "") -> str:
    """``\\index{key@text|encap}``: sorted without accents and case, shown as written."""
    key = index_text(french_sort_key(text)[1], engine)
    return rf"\index{{{key}@{index_text(text, engine)}{encap}}}"


class PrintedIndex(SphinxPostTransform):
    """Write the domain's index entries, and one for each mention, as LaTeX ``\\index``."""

    default_priority = 25  # references resolved (10); mentions still hold their anchors (30)
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        engine = self.env.config.latex_engine
        for index in list(self.document.findall(addnodes.index)):
            if "devops_index" in index:
                self.definition_entries(index, engine)
        for reference in list(self.document.findall(nodes.reference)):
            if reference["ids"] and "devops_index" in reference:
                command = index_command(reference["devops_index"], engine)
                self.place(reference, nodes.raw("", command, format="latex"))

    def definition_entries(self, index: addnodes.index, engine: str) -> None:
        """The definition's entry (bold page) and « voir » lines, moved into its term."""
        commands = [index_command(index["devops_index"], engine, "|spxpagem")]
        for kind, text, *_ in index["entries"]:
            if kind == "see":
                alias, name = (part.strip() for part in text.split(";", 1))
                commands.append(index_command(alias, engine, f"|see{{{index_text(name, engine)}}}"))
        entry_list = index.next_node(nodes.definition_list, siblings=True)
        term = entry_list.next_node(nodes.term) if entry_list is not None else None
        raw = nodes.raw("", "".join(commands), format="latex")
        if term is None:
            index.replace_self(raw)
        else:
            index.parent.remove(index)
            term.append(raw)

    @staticmethod
    def place(reference: nodes.reference, raw: nodes.raw) -> None:
        """Before the mention; for a mention in a heading, where LaTeX can take it."""
        found = heading_of(reference)
        if found is None:
            reference.parent.insert(reference.parent.index(reference), raw)
            return
        heading, element = found
        if isinstance(element, nodes.section):
            element.insert(element.index(heading) + 1, raw)  # just after \section{…}
        elif element.parent is not None:
            element.parent.insert(element.parent.index(element), raw)
