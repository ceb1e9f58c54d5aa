"""The PDF: the book's LaTeX package, its values from conf.py, and the parts of the book.

The typography lives in ``texinputs/sdfrbook.sty``; this module only copies it next to the
``.tex`` file, writes the values it reads (``sdfrbook-values.cfg``) and marks, in the
assembled book, where the main matter and the annexes begin.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.fileutil import copy_asset_file
from sphinx.util.nodes import traverse_parent
from sphinx.util.texescape import escape

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

TEXINPUTS = Path(__file__).parent.resolve() / "texinputs"
PACKAGE = "sdfrbook"
VALUES_FILE = "sdfrbook-values.cfg"


def add_package(app: Sphinx, config: Config) -> None:
    """``\\usepackage{sdfrbook}``: after babel and geometry, before hyperref."""
    app.add_latex_package(PACKAGE)


def book_values(config: Config) -> dict[str, str]:
    """The LaTeX macros of ``sdfrbook.sty`` that hold the book's own words."""
    return {
        "sdfrsubtitle": escape(config.book_subtitle),
        "sdfredition": escape(config.book_edition),
        "sdfrcopyright": escape(config.copyright),
        # \url reads its argument verbatim: the address as it is.
        "sdfronlineurl": config.book_online_url,
    }


def write_package(app: Sphinx) -> None:
    """Put the package and its values next to the ``.tex`` file, where latexmk finds them."""
    if app.builder.format != "latex":
        return
    lines = [
        f"\\renewcommand*{{\\{name}}}{{{value}}}" for name, value in book_values(app.config).items()
    ]
    try:
        copy_asset_file(TEXINPUTS / f"{PACKAGE}.sty", app.builder.outdir, force=True)
        (Path(app.builder.outdir) / VALUES_FILE).write_text(
            "\n".join(lines) + "\n", encoding="utf-8"
        )
    except OSError as error:  # a full disk: a warning with the path, not a traceback
        logging.getLogger(__name__).warning(
            "cannot write %s: %s",
            error.filename2 or error.filename or app.builder.outdir,
            error.strerror,
            type="book_edition",
            subtype="output",
        )


def latex(text: str) -> nodes.raw:
    return nodes.raw("", text, format="latex")


class MarkBookParts(SphinxPostTransform):
    """``\\sdfrmainmatter`` before the first chapter, ``\\sdfrbackmatter`` before the annexes.

    The book is one toctree; the LaTeX builder inlines each of its documents in a
    ``start_of_file`` node, which is where a part of the book starts.
    """

    default_priority = 25
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        chapters = [
            node
            for node in self.document.findall(addnodes.start_of_file)
            if next(iter(traverse_parent(node.parent, addnodes.start_of_file)), None) is None
        ]
        if not chapters:
            return  # a single document, not the assembled book
        back_matter = set(self.config.book_back_matter)
        _insert_before(chapters[0], latex("\\sdfrmainmatter\n"))
        first_annex = next((node for node in chapters if node["docname"] in back_matter), None)
        if first_annex is not None:
            _insert_before(first_annex, latex("\\sdfrbackmatter\n"))


class PeopleWithoutHeadings(SphinxPostTransform):
    """On the people page, each biography opens the entry; no heading repeats the name.

    A biography starts with the person's name in bold (it is also the footnote at their
    first mention); a definition list would print the name twice.  The anchors of the
    heading move to the start of the biography, so links and the index still land there.
    """

    default_priority = 26  # after the domain's printed index puts its ``\index`` in the term
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for entry_list in list(self.document.findall(nodes.definition_list)):
            if "devops-persons" not in entry_list["classes"]:
                continue
            replacement: list[nodes.Node] = [latex("\\sdfrpersonentry\n")]
            for item in entry_list.findall(nodes.definition_list_item):
                term = item.next_node(nodes.term)
                definition = item.next_node(nodes.definition)
                body = list(definition.children) if definition is not None else []
                first = next((node for node in body if isinstance(node, nodes.paragraph)), None)
                if term is not None and first is not None:
                    # the index entries of the term (raw LaTeX) go with its anchors
                    kept = [child for child in term.children if isinstance(child, nodes.raw)]
                    for child in kept:
                        term.remove(child)
                    first[0:0] = kept
                    if term["ids"]:
                        first.insert(0, nodes.target("", "", ids=list(term["ids"])))
                replacement.extend(body)
            entry_list.replace_self(replacement)


class KeepEntryNotesTogether(SphinxPostTransform):
    """« Voir aussi » and « Mentionné dans » never open a page alone: no break before them."""

    default_priority = 25  # after the domain fills « Mentionné dans » (20)
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for paragraph in list(self.document.findall(nodes.paragraph)):
            classes = paragraph["classes"]
            if "devops-backlinks" in classes or "devops-see" in classes:
                _insert_before(paragraph, latex("\n\\par\\nopagebreak[4]\n"))


def _insert_before(node: nodes.Node, new: nodes.Node) -> None:
    node.parent.insert(node.parent.index(node), new)
