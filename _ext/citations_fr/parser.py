"""The MyST parser with Pandoc citations, and what the parser leaves for later.

myst-parser builds its markdown-it parser inside ``MystParser.parse`` and offers no hook
to add a markdown-it plugin, so :class:`PandocCitationsParser` is a ``MystParser`` whose
``parse`` does the same and adds :func:`~citations_fr.pandoc.pandoc_citation_plugin`; it
is registered with Sphinx's ``add_source_parser(..., override=True)``.

A bracket that looks like a citation but whose keys are all unknown stays text, inside an
:class:`unresolved_citation` node.  :class:`WarnUnresolvedCitations`, a post-transform,
warns about it exactly when and as sphinxcontrib-bibtex warns about an unknown key in
``{cite:p}``: at resolve time, with the same message, location, type and subtype.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from myst_parser.config.main import TopmatterReadError, merge_file_level, read_topmatter
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.warnings_ import create_warning
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from .pandoc import Brackets, pandoc_citation_plugin

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


class unresolved_citation(nodes.inline):
    """A Pandoc citation whose keys are unknown: its text, as written, and the keys."""


def bib_keys(env: BuildEnvironment) -> frozenset[str]:
    """All citation keys of ``bibtex_bibfiles``, with their case (as the roles match)."""
    return frozenset(env.get_domain("cite").bibdata.data.entries.keys())


def bib_brackets(env: BuildEnvironment) -> Brackets:
    """The parenthetical punctuation of the reference style (for mixed ``@a; -@b``)."""
    style = getattr(env.get_domain("cite"), "reference_style", None)
    bracket = getattr(style, "role_style", {}).get("p")
    bracket = getattr(bracket, "bracket", None)
    if bracket is None:
        return Brackets()
    return Brackets(left=str(bracket.left), right=str(bracket.right), sep=str(bracket.sep))


class PandocCitationsRenderer(SphinxRenderer):
    """MyST's Sphinx renderer, plus the token of an unresolved Pandoc citation."""

    def render_pandoc_citation_unresolved(self, token: SyntaxTreeNode) -> None:
        node = unresolved_citation(token.content, token.content)
        node["keys"] = list(token.meta.get("keys", ()))
        node["braces"] = bool(token.meta.get("braces"))
        lineno = token.map[0] if token.map else 0
        # the source and line that a role gets from MyST's mock inliner
        get_source_and_line = getattr(self.reporter, "get_source_and_line", None)
        if get_source_and_line is not None:
            node.source, node.line = get_source_and_line(lineno)
        else:
            node.source, node.line = self.document["source"], lineno
        self.current_node.append(node)


class PandocCitationsParser(MystParser):
    """MyST with Pandoc's citation syntax (``[@key]``, ``@key``) on top."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env: BuildEnvironment = document.settings.env
        config = env.myst_config
        # as MystParser.parse: the file-level configuration (front matter) first
        try:
            topmatter = read_topmatter(inputstring)
        except TopmatterReadError:
            pass  # reported during the render
        else:
            if topmatter:

                def warning(wtype: Any, msg: str) -> None:
                    create_warning(document, msg, wtype, line=1, append_to=document)

                config = merge_file_level(config, topmatter, warning)

        parser = create_md_parser(config, PandocCitationsRenderer)
        if not (config.commonmark_only or config.gfm_only):
            parser.use(
                pandoc_citation_plugin,
                keys=bib_keys(env),
                brackets=bib_brackets(env),
                on_candidate=lambda: note_bibfiles(env),
            )
        parser.options["document"] = document
        parser.render(inputstring)


def note_bibfiles(env: BuildEnvironment) -> None:
    """Make the current document depend on the .bib files.

    Whether ``@name`` is a citation depends on the keys; a document that has one must be
    read again when the bibliography changes.
    """
    for bibfile in env.get_domain("cite").bibdata.bibfiles:
        env.note_dependency(str(Path(bibfile)))


class WarnUnresolvedCitations(SphinxPostTransform):
    """Warn about unresolved Pandoc citations, as the cite domain does for its roles.

    Priority 5, like sphinxcontrib-bibtex's own post-transform, so before the references
    are resolved (10): the text of the citation stays as the author wrote it.
    """

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(unresolved_citation)):
            for key in node["keys"]:
                logger.warning(
                    'could not find bibtex key "%s"',
                    key,
                    location=node,
                    type="bibtex",
                    subtype="key_not_found",
                )
            if node["braces"]:
                logger.warning(
                    "a citation's prefix or suffix cannot contain { or }: %s",
                    node.astext(),
                    location=node,
                    type="citations",
                    subtype="pandoc_syntax",
                )
            node.replace_self(nodes.Text(node.astext()))
