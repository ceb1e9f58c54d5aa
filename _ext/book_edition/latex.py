"""The PDF: the book's LaTeX package, its values from conf.py, and the parts of the book.

The typography lives in ``texinputs/sdfrbook.sty``; this module only copies it next to the
``.tex`` file, writes the values it reads (``sdfrbook-values.cfg``) and marks, in the
assembled book, where the main matter and the annexes begin.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.latex import XINDY_CYRILLIC_SCRIPTS, XINDY_LANG_OPTIONS
from sphinx.locale import _
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
#: The first line of what :func:`give_xindy_its_options` adds to Sphinx's ``latexmkrc``.
XINDY_MARK = "# book_edition: xindy's options"


def add_package(app: Sphinx, config: Config) -> None:
    """``\\usepackage{sdfrbook}``: after babel and geometry, before hyperref."""
    app.add_latex_package(PACKAGE)


#: The boxes of Sphinx's LaTeX (sphinx.sty: admonitions, topics, sidebars), whose colours a
#: print edition sets to black and white.
BOXES = (
    *("topic", "contents", "sidebar", "note", "hint", "important", "tip", "seealso", "todo"),
    *("warning", "caution", "attention", "danger", "error"),
)
BLACK, WHITE = "{rgb}{0,0,0}", "{rgb}{1,1,1}"


def print_colours() -> str:
    """``\\sphinxsetup`` keys of a one-colour PDF: black text, links and rules, white fills.

    Every colour Sphinx's LaTeX draws with is one of these options (sphinx.sty).  (Not
    xcolor's ``monochrome``: it turned the white fills black.)
    """
    keys = [
        *(f"{name}={BLACK}" for name in ("TitleColor", "InnerLinkColor", "OuterLinkColor")),
        f"VerbatimColor={WHITE}",
        f"VerbatimBorderColor={BLACK}",
        f"VerbatimHighlightColor={WHITE}",
        *(f"TableRowColor{row}={WHITE}" for row in ("Header", "Odd", "Even")),
    ]
    for kind in BOXES:
        keys += [
            f"div.{kind}_border-TeXcolor={BLACK}",
            f"div.{kind}_background-TeXcolor={WHITE}",
            f"div.{kind}_title-background-TeXcolor={WHITE}",
            f"div.{kind}_title-foreground-TeXcolor={BLACK}",
            f"div.{kind}_TeXcolor={BLACK}",
        ]
    return ",\n".join(keys)


#: Set for the figures of the one-colour PDF (read by ``_ext/dot_svg.py``, which Sphinx runs).
MONOCHROME = "BOOK_DOT_MONOCHROME"


def use_print_colours(app: Sphinx, config: Config) -> None:
    """With ``book_print``, the PDF for a printer: one colour, no tint (the screen PDF keeps
    its blue links and titles and its grey table rows).  The code's colours too (Pygments'
    ``bw`` style), and the figures: Graphviz's dot
    draws them through ``_ext/dot_svg.py``, which reads ``BOOK_DOT_MONOCHROME``."""
    if not config.book_print:
        os.environ.pop(MONOCHROME, None)
        return
    os.environ[MONOCHROME] = "1"
    config.pygments_style = "bw"  # code in black, its syntax in bold and italics
    elements = dict(config.latex_elements)
    setup = elements.get("sphinxsetup", "")
    elements["sphinxsetup"] = ",\n".join(part for part in (setup, print_colours()) if part)
    config.latex_elements = elements


def book_values(config: Config) -> dict[str, str]:
    """The LaTeX macros of ``sdfrbook.sty`` that hold the book's own words."""
    return {
        "sdfrsubtitle": escape(config.book_subtitle),
        "sdfredition": escape(config.book_edition),
        "sdfrcopyright": escape(config.copyright),
        "sdfrlicence": escape(config.book_licence),
        "sdfrkeywords": escape(", ".join(config.book_subjects)),
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


def xindy_options(config: Config) -> str:
    """The ``XINDYOPTS`` that Sphinx's ``Makefile`` exports for this language and engine.

    The same computation as Sphinx's ``texinputs/Makefile.jinja``, from the same tables.
    """
    language = config.language[:2]
    cyrillic = language in XINDY_CYRILLIC_SCRIPTS
    options = [XINDY_LANG_OPTIONS.get(language, "-L general -C utf8 ").strip(), "-M sphinx.xdy"]
    if config.latex_engine == "pdflatex":
        options.append("-M LICRlatin2utf8.xdy")
        if cyrillic:
            options.append("-M LICRcyr2utf8.xdy")
    if cyrillic:
        options.append("-M LatinRules.xdy")
    if config.latex_engine == "xelatex":
        options.append("-I xelatex")
    return " ".join(options)


def give_xindy_its_options(app: Sphinx, exception: Exception | None) -> None:
    """Make ``latexmk -r latexmkrc`` build the index without Sphinx's ``Makefile``.

    Sphinx's ``latexmkrc`` runs ``xindy`` with the options of ``$XINDYOPTS``, which only its
    ``Makefile`` exports (``make latexpdf``).  Read the Docs runs ``latexmk -r latexmkrc``
    itself: xindy then fails (« LANG/GENERAL/LATIN9-LANG.XDY has no value ») and latexmk
    still writes a PDF, without its index.  The lines added here give xindy the Makefile's
    options when the variable is unset, and leave ``make latexpdf`` (and a reader's own
    ``XINDYOPTS``) as they are.  Appending to Sphinx's file, rather than replacing it through
    ``latex_additional_files``, keeps whatever a newer Sphinx writes there.
    """
    if exception is not None or app.builder.name != "latex" or not app.config.latex_use_xindy:
        return
    rcfile = Path(app.builder.outdir) / "latexmkrc"
    if not rcfile.is_file():
        return
    text = rcfile.read_text(encoding="utf-8")
    if XINDY_MARK in text:
        return
    addition = (
        f"{XINDY_MARK}, as Sphinx's Makefile exports them, for a latexmk run\n"
        "# without that Makefile (Read the Docs runs `latexmk -r latexmkrc` itself).\n"
        "if (!$ENV{'XINDYOPTS'}) {\n"
        f"  $ENV{{'XINDYOPTS'}} = '{xindy_options(app.config)}';\n"
        "  $makeindex = 'internal xindy ' . $ENV{'XINDYOPTS'} . ' %O -o %D %S';\n"
        "}\n"
    )
    rcfile.write_text(text.rstrip("\n") + "\n" + addition, encoding="utf-8")


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


class PeopleWithoutHeadingsOnScreen(SphinxPostTransform):
    """The same on the web pages and in the EPUB: each entry of the people page is its
    biography, which opens on the name in bold; the name no longer stands above it as well.

    The entry (a ``div``) takes the anchors of the heading it replaces.
    """

    default_priority = 26
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for entry_list in list(self.document.findall(nodes.definition_list)):
            if "devops-persons" not in entry_list["classes"]:
                continue
            entries: list[nodes.Node] = []
            for item in entry_list.findall(nodes.definition_list_item):
                term = item.next_node(nodes.term)
                definition = item.next_node(nodes.definition)
                body = list(definition.children) if definition is not None else []
                ids = list(term["ids"]) if term is not None else []
                entries.append(nodes.container("", *body, ids=ids, classes=["devops-person"]))
            entry_list.replace_self(entries)


class KeepEntryNotesTogether(SphinxPostTransform):
    """« Voir aussi » and « Mentionné dans » never open a page alone: no break before them."""

    default_priority = 25  # after the domain fills « Mentionné dans » (20)
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for paragraph in list(self.document.findall(nodes.paragraph)):
            classes = paragraph["classes"]
            if "devops-backlinks" in classes or "devops-see" in classes:
                _insert_before(paragraph, latex("\n\\par\\nopagebreak[4]\n"))


class FloatNumberedTables(SphinxPostTransform):
    """A table with a caption (so a number) floats in the PDF: ``\\sdfrfloattable`` first.

    ``sdfrbook.sty`` then sets it where it is written if it fits there, else at the top of
    the next page, and the text fills the page; an uncaptioned table stays where it is.
    """

    default_priority = 25
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for table in list(self.document.findall(nodes.table)):
            if any(isinstance(child, nodes.title) for child in table.children):
                _insert_before(table, latex("\\sdfrfloattable\n"))


class IndexReferencesInPrint(SphinxPostTransform):
    """In the PDF, « l'index des termes » and « l'index des personnes » are « l'index ».

    The printed book has one index, which holds the terms and the people; the links to the
    domain's own indexes (``{ref}`devops-terms```, ``{ref}`devops-people```) have no page to
    go to there.
    """

    default_priority = 5  # before the references are resolved
    formats = ("latex",)
    TARGETS = ("devops-terms", "devops-people")

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(addnodes.pending_xref)):
            if node.get("refdomain") == "std" and node.get("reftarget") in self.TARGETS:
                node.replace_self(nodes.Text(_("Index").lower()))


def _insert_before(node: nodes.Node, new: nodes.Node) -> None:
    node.parent.insert(node.parent.index(node), new)
