"""The ``term`` and ``person`` roles: a cross-reference that also says how to treat footnotes."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import split_explicit_title

from .entries import Kind

#: First character of the role's text -> footnote behaviour of that mention.
FOOTNOTE_PREFIXES = {"!": "never", "+": "always"}


class MentionRole(SphinxRole):
    """``{term}`name```, ``{term}`text <name>```; ``!`` never adds a footnote, ``+`` always does."""

    def __init__(self, kind: Kind) -> None:
        self.kind = kind

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        text = self.text
        footnote = "first"
        if text[:1] in FOOTNOTE_PREFIXES:
            footnote, text = FOOTNOTE_PREFIXES[text[0]], text[1:]
        has_title, title, target = split_explicit_title(text)
        title = " ".join(title.split())
        xref = addnodes.pending_xref(
            self.rawtext,
            nodes.inline(title, title),
            refdomain="devops",
            reftype=self.kind,
            reftarget=" ".join(target.split()),  # as written: intersphinx matches it exactly
            refexplicit=has_title,
            refwarn=True,
            refdoc=self.env.docname,
            devops_footnote=footnote,
        )
        self.set_source_info(xref)
        return [xref], []
