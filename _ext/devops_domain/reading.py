"""What the domain records of a document once it is read: definitions' content and mentions.

Called on ``doctree-read`` (``DevOpsDomain.record_document``); nothing here runs at write time.
"""

from __future__ import annotations

import hashlib
from typing import TypeGuard

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.nodes import traverse_parent

from .copies import definition_content
from .entries import Entry, Mention, lookup_key
from .warnings import WARNING_TYPE, Subtype

logger = logging.getLogger(__name__)


def is_mention(node: nodes.Node) -> bool:
    """A ``{term}``/``{person}`` written by the author (« Voir aussi » links are not mentions)."""
    return (
        isinstance(node, addnodes.pending_xref)
        and node.get("refdomain") == "devops"
        and not node.get("devops_see")
    )


def is_entry(node: nodes.Node) -> TypeGuard[nodes.definition]:
    """The body of a ``{term}`` or ``{person}`` entry."""
    return isinstance(node, nodes.definition) and bool(node.get("devops_entry"))


def enclosing_definition(node: nodes.Node) -> nodes.definition | None:
    """The entry a node is written in, if any."""
    for parent in traverse_parent(node.parent):
        if is_entry(parent):
            return parent
    return None


def document_title(document: nodes.document) -> str:
    """The text of the document's first section title (« Mentionné dans » lines show it)."""
    section = next(document.findall(nodes.section), None)
    if section is None or not isinstance(section[0], nodes.title):
        return ""
    return section[0].astext()


def read_document(
    document: nodes.document, entries: list[Entry]
) -> tuple[list[Entry], list[Mention], str]:
    """Fill each entry's content, give each mention an anchor and record it."""
    by_anchor = {entry.anchor: entry for entry in entries}
    for definition in document.findall(nodes.definition):  # class-based: docutils' fast path
        entry = by_anchor.get(definition.get("devops_entry", ""))
        if entry is not None:
            entry = entry._replace(content=definition_content(definition))
            by_anchor[entry.anchor] = entry._replace(digest=content_digest(entry))
    counters: dict[str, int] = {}
    mentions: list[Mention] = []
    for node in document.findall(addnodes.pending_xref):
        if not is_mention(node):
            continue
        kind, key = node["reftype"], lookup_key(node["reftarget"])
        slug = nodes.make_id(f"{kind}-{key}") or kind
        counters[slug] = counters.get(slug, 0) + 1
        anchor = f"mention-{slug}-{counters[slug]}"
        while anchor in document.ids:
            anchor += "-"
        node["ids"].append(anchor)
        document.ids[anchor] = node
        only = tuple(block["expr"] for block in traverse_parent(node.parent, addnodes.only))
        mentions.append(Mention(kind, key, anchor, node.line or 0, only))
        owner = enclosing_definition(node)
        if owner is not None and owner_has_key(by_anchor.get(owner["devops_entry"]), kind, key):
            logger.warning(
                "%s %r is mentioned in its own definition",
                kind,
                node.astext(),
                location=node,
                type=WARNING_TYPE,
                subtype=Subtype.SELF,
            )
    ordered = [by_anchor[entry.anchor] for entry in entries]
    return ordered, mentions, document_title(document)


def owner_has_key(entry: Entry | None, kind: str, key: str) -> bool:
    """Whether ``entry`` is the one found by (kind, key): a mention in its own definition."""
    return entry is not None and entry.kind == kind and key in entry.keys


def content_digest(entry: Entry) -> str:
    """A fingerprint of everything other pages show of an entry."""
    content = entry.content.pformat() if entry.content is not None else ""
    shown = (entry._replace(lineno=0, content=None, digest=""), content)
    return hashlib.sha1(repr(shown).encode(), usedforsecurity=False).hexdigest()
