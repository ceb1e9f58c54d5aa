"""The MyST parser with Pandoc citations, and what the parser leaves for later.

myst-parser builds its markdown-it parser inside ``MystParser.parse`` and offers no hook
to add a markdown-it plugin, so :class:`PandocCitationsParser` is a ``MystParser`` whose
``parse`` does the same and adds :func:`~citations_fr.pandoc.pandoc_citation_plugin`; it
is registered with Sphinx's ``add_source_parser(..., override=True)``.

A citation group becomes sphinxcontrib-bibtex roles (:func:`roles_of`).  A role target is
plain text, so its prefixes and suffixes are placeholders; their Markdown, rendered as the
rest of the paragraph, waits in a :class:`citation_texts` node next to the roles, and
:class:`FillCitationTexts` puts it in the place of the placeholders once the references are
resolved (in every builder: emphasis, code, links, textual citations in a suffix).

A bracket that looks like a citation but whose keys are all unknown stays Markdown, inside
an :class:`unresolved_citation` node.  :class:`WarnUnresolvedCitations`, a post-transform,
warns about it exactly when and as sphinxcontrib-bibtex warns about an unknown key in
``{cite:p}``: at resolve time, with the same message, location, type and subtype.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from myst_parser.config.main import TopmatterReadError, merge_file_level, read_topmatter
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.warnings_ import create_warning
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from .pandoc import GROUP, Citation, pandoc_citation_plugin
from .referencing import locator_spaces

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


class unresolved_citation(nodes.inline):
    """A Pandoc citation whose keys are all unknown: its Markdown, as written, and the keys."""


class citation_text(nodes.inline):
    """The Markdown of a prefix or a suffix, until it takes the place of its placeholder."""


class citation_texts(nodes.Element):
    """The prefixes and suffixes of one citation group, until the references are resolved.

    The roles receive placeholders instead of the prefixes and suffixes (a role target is
    plain text); :class:`FillCitationTexts` puts these nodes in their place.
    """

    def astext(self) -> str:
        return ""  # not text of its paragraph (titles, search) before it is moved


#: What a role receives instead of a prefix or a suffix: private-use characters around the
#: name of the :class:`citation_text`, « <document>.<number> ».  The document's part keeps
#: apart the texts of two documents on one page: a glossary definition travels, placeholders
#: and all, into the tooltips of the chapters, whose own texts are numbered from 0 too.
PLACEHOLDER = "\ue000{}\ue001"
PLACEHOLDERS = re.compile("\ue000([0-9a-f]+\\.\\d+)\ue001")


def text_name(docname: str, number: int) -> str:
    """The name of a citation text: a digest of its document, then its number in it."""
    return f"{document_digest(docname)}.{number}"


@cache
def document_digest(docname: str) -> str:
    """A document's name as a role target may hold it (a docname may hold any character);
    once per document, not per citation text."""
    return hashlib.sha1(docname.encode()).hexdigest()[:12]


def cite_domain(env: BuildEnvironment) -> Any:
    """sphinxcontrib-bibtex's ``cite`` domain (the package ships no types)."""
    return env.get_domain("cite")


def bib_keys(env: BuildEnvironment) -> frozenset[str]:
    """All citation keys of ``bibtex_bibfiles``, with their case (as the roles match)."""
    return frozenset(cite_domain(env).bibdata.data.entries.keys())


@dataclass(frozen=True)
class Brackets:
    """The punctuation around a parenthetical citation that mixes ``@a`` and ``-@b``.

    A single sphinxcontrib-bibtex role cannot mix author-year and year-only citations,
    so such a group is written as ``(`` + ``{cite:alp}`` + ``; `` + ``{cite:year}`` +
    ``)``, with the punctuation of the reference style in use.
    """

    left: str = "("
    right: str = ")"
    sep: str = "; "


def bib_brackets(env: BuildEnvironment) -> Brackets:
    """The parenthetical punctuation of the reference style (for mixed ``@a; -@b``)."""
    style = getattr(cite_domain(env), "reference_style", None)
    bracket = getattr(style, "role_style", {}).get("p")
    bracket = getattr(bracket, "bracket", None)
    if bracket is None:
        return Brackets()
    return Brackets(left=str(bracket.left), right=str(bracket.right), sep=str(bracket.sep))


def roles_of(citations: list[Citation], textual: bool) -> list[tuple[str, list[int]]]:
    """The sphinxcontrib-bibtex roles that write a group: ``(role, indexes)``.

    A single role cannot mix citations with and without the author: consecutive ones of
    each kind get a role of their own (``{cite:alp}`` and ``{cite:year}``), which the
    renderer puts between the brackets of the reference style.
    """
    if textual:
        return [("cite:t", list(range(len(citations))))]
    runs = [
        (suppress, [index for index, _ in run])
        for suppress, run in groupby(enumerate(citations), key=lambda c: c[1].suppress_author)
    ]
    if len(runs) == 1:
        return [("cite:yearpar" if runs[0][0] else "cite:p", runs[0][1])]
    return [("cite:year" if suppress else "cite:alp", indexes) for suppress, indexes in runs]


class PandocCitationsRenderer(SphinxRenderer):
    """MyST's Sphinx renderer, plus the tokens of Pandoc citations."""

    def render_pandoc_citation(self, token: SyntaxTreeNode) -> None:
        """A group: the roles, with placeholders for the prefixes and suffixes."""
        citations: list[Citation] = token.meta["citations"]
        holder = citation_texts()
        parts = iter(token.children or [])
        targets = []
        for citation in citations:
            prefix = self.citation_text(next(parts), holder)
            suffix = self.citation_text(next(parts), holder)
            targets.append(f"{prefix}{citation.key}{suffix}")
        roles = roles_of(citations, token.meta["textual"])
        brackets = bib_brackets(self.sphinx_env) if len(roles) > 1 else None
        if brackets:
            self.current_node.append(nodes.Text(brackets.left))
        for index, (name, members) in enumerate(roles):
            if index and brackets:
                self.current_node.append(nodes.Text(brackets.sep))
            content = ",".join(targets[member] for member in members)
            role = Token("myst_role", "", 0, content=content, meta={"name": name})
            role.map = list(token.map) if token.map else None
            self.render_myst_role(SyntaxTreeNode([role]).children[0])
        if brackets:
            self.current_node.append(nodes.Text(brackets.right))
        if holder.children:
            self.current_node.append(holder)

    def citation_text(self, part: SyntaxTreeNode, holder: citation_texts) -> str:
        """Render a prefix or a suffix into ``holder``; its placeholder, in braces."""
        if not part.children:
            return ""
        node = citation_text()
        env = self.sphinx_env
        node["text_name"] = name = text_name(env.docname, env.new_serialno("pandoc-citation-text"))
        with self.current_node_context(node):
            self.render_children(part)
        holder.append(node)
        return "{" + PLACEHOLDER.format(name) + "}"

    def render_pandoc_citation_unresolved(self, token: SyntaxTreeNode) -> None:
        node = unresolved_citation(token.content)
        node["keys"] = list(token.meta.get("keys", ()))
        lineno = token.map[0] if token.map else 0
        # the source and line that a role gets from MyST's mock inliner
        get_source_and_line = getattr(self.reporter, "get_source_and_line", None)
        if get_source_and_line is not None:
            node.source, node.line = get_source_and_line(lineno)
        else:
            node.source, node.line = self.document["source"], lineno
        with self.current_node_context(node, append=True):
            self.render_children(token)

    def renderInlineAsText(self, tokens: list[SyntaxTreeNode]) -> str:
        """Image alt text: a citation as written (Pandoc keeps its text, too)."""
        result = ""
        for token in tokens or []:
            if token.type == GROUP:
                result += token.content
            else:
                result += super().renderInlineAsText([token])
        return result


class PandocCitationsParser(MystParser):
    """MyST with Pandoc's citation syntax (``[@key]``, ``@key``) on top."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env: BuildEnvironment = document.settings.env
        config = getattr(env, "myst_config")  # noqa: B009 (set by myst-parser, untyped)
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
                on_candidate=lambda: note_bibfiles(env),
            )
        parser.options["document"] = document
        parser.render(inputstring)


def note_bibfiles(env: BuildEnvironment) -> None:
    """Make the current document depend on the .bib files.

    Whether ``@name`` is a citation depends on the keys; a document that has one must be
    read again when the bibliography changes.
    """
    for bibfile in cite_domain(env).bibdata.bibfiles:
        env.note_dependency(str(Path(bibfile)))


class WarnUnresolvedCitations(SphinxPostTransform):
    """Warn about unresolved Pandoc citations, as the cite domain does for its roles.

    Priority 5, like sphinxcontrib-bibtex's own post-transform, so before the references
    are resolved (10): the citation stays as the author wrote it, with its Markdown.
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
            node.replace_self(node.children)


class FillCitationTexts(SphinxPostTransform):
    """Put the prefixes and suffixes of the citations in the place of their placeholders.

    Priority 11: just after the references are resolved (10), those of the citations and
    those inside the prefixes and suffixes (textual citations in a suffix) alike.
    """

    default_priority = 11

    def run(self, **kwargs: Any) -> None:
        texts: dict[str, citation_text] = {}
        for holder in list(self.document.findall(citation_texts)):
            for node in holder.children:
                if isinstance(node, citation_text):
                    texts[node["text_name"]] = node
            holder.parent.remove(holder)
        if not texts:
            return
        for text in list(self.document.findall(nodes.Text)):
            if "\ue000" in text:
                parent = text.parent
                index = next(i for i, child in enumerate(parent.children) if child is text)
                parent[index : index + 1] = list(filled(str(text), texts))


def filled(text: str, texts: dict[str, citation_text]) -> Iterator[nodes.Node]:
    """``text`` with each placeholder replaced by (a copy of) the nodes of its text, whose
    locators keep their numbers (:func:`~citations_fr.referencing.locator_spaces`)."""
    pos = 0
    for match in PLACEHOLDERS.finditer(text):
        if match.start() > pos:
            yield nodes.Text(text[pos : match.start()])
        source = texts.get(match[1])
        if source is not None:
            for child in source.children:
                if isinstance(child, nodes.Text):
                    yield nodes.Text(locator_spaces(str(child)))
                else:
                    yield child.deepcopy()
        pos = match.end()
    if pos < len(text):
        yield nodes.Text(text[pos:])
