"""The text of a document as French « blocks »: what the typography transforms look at.

Like docutils' ``SmartQuotes``, the transforms work on blocks of text (a paragraph, a title,
a caption...: a ``TextElement`` that is not inside another one), so that the context of a
character can come from a neighbouring inline node (``le **DevOps** ?``).  Each ``Text`` node
of a block is marked *protected* when its characters must never change: code, math, raw
output (Sphinx's own list of « no smartquotes » nodes, :func:`sphinx.util.nodes.is_smartquotable`)
and the visible text of a bare URL link.

A ``Text`` node may be the child of several elements (see :class:`Piece`): it is always
looked at, and replaced, in the element where it was found, never through its ``parent``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.utils import normalize_language_tag
from sphinx.util.nodes import NON_SMARTQUOTABLE_PARENT_NODES, traverse_parent

if TYPE_CHECKING:
    from collections.abc import Iterator


@dataclass
class Piece:
    """One ``Text`` node of a block, where it was found (element and index), and where its
    characters are in the block's text.

    The element is kept because ``node.parent`` may be another one: a node can be the
    child of several elements (pybtex-docutils gives every bibliography entry the same
    ``Text(" ")``, whose ``parent`` is the last entry that received it).
    """

    node: nodes.Text
    parent: nodes.Element
    index: int  # in ``parent``: the same node may be found twice there, too
    start: int
    end: int
    protected: bool


@dataclass
class Block:
    """The ``Text`` nodes of one block, their text joined, and the block's language."""

    pieces: list[Piece]
    text: str
    language: str

    def protected_at(self, index: int) -> bool:
        """Whether the character at ``index`` of :attr:`text` belongs to a protected node."""
        return self.piece_at(index).protected

    def piece_at(self, index: int) -> Piece:
        for piece in self.pieces:
            if piece.start <= index < piece.end:
                return piece
        raise IndexError(index)

    def rewrite(self, replacements: dict[int, str]) -> None:
        """Replace characters of :attr:`text` (index → new string).

        Every replaced index must belong to an unprotected piece.  Each changed ``Text``
        node is replaced by a new one (``Text`` nodes are immutable strings).
        """
        for piece in self.pieces:
            indexes = [i for i in replacements if piece.start <= i < piece.end]
            if not indexes:
                continue
            assert not piece.protected, "french_typography: a protected text was rewritten"
            chars = list(str(piece.node))
            for i in indexes:
                chars[i - piece.start] = replacements[i]
            new = nodes.Text("".join(chars))
            _replace_at(piece, new)
            piece.node = new


def _replace_at(piece: Piece, new: nodes.Text) -> None:
    """Put ``new`` where ``piece.node`` was found: ``piece.parent[piece.index]``.

    Not through ``piece.node.parent``: a shared node's ``parent`` is only the last element
    it was given to (see :class:`Piece`).  Not ``parent.replace(old, new)`` either: it finds
    ``old`` by equality, and a ``Text`` node is a ``str``: two soft line breaks
    (``Text("\\n")``) of one paragraph are equal, and the same shared node may be there twice.
    """
    if piece.parent.children[piece.index] is not piece.node:
        raise ValueError(f"french_typography: {piece.node!r} moved in {piece.parent!r}")
    piece.parent[piece.index] = new


#: Blocks skipped whole, as docutils' SmartQuotes does: literal blocks, comments, raw...
SKIPPED_BLOCKS = (nodes.FixedTextElement, nodes.Special)


def is_french(language: str | None) -> bool:
    """``fr``, ``fr_FR``, ``fr-CA``, ``fr-ch-x-altquot``... (a BCP 47 tag or a Sphinx locale)."""
    tags = normalize_language_tag(language) if language else []
    return any(tag == "fr" for tag in tags)


def _bare_url_text(parent: nodes.Element) -> bool:
    """Whether a text in ``parent`` is (part of) the visible text of a link whose text is its
    address.

    ``<https://example.org/?a=1>``, or ``www.example.org`` linked to ``http://www.example...``
    by linkify: an address shown as text must stay exactly as it is.
    """
    link = next(iter(traverse_parent(parent, nodes.reference)), None)
    uri = link.get("refuri") if link is not None else None
    if link is None or not isinstance(uri, str) or not uri:
        return False
    shown = link.astext()
    return shown == uri or uri.endswith(("//" + shown, ":" + shown))


def _in_other_language(parent: nodes.Element) -> bool:
    """Whether ``parent`` is (in) an inline element of another language (``language-en``)."""
    language = parent.get_language_code("")
    return bool(language) and not is_french(language)


def is_protected(parent: nodes.Element, text: nodes.Text) -> bool:
    """Whether the characters of ``text``, a child of ``parent``, must stay as written: code,
    a bare address, a passage in another language (« Per Day: Dev », not « Per Day : Dev »)."""
    # sphinx.util.nodes.is_smartquotable(text), with the parent ``text`` was found in
    for element in traverse_parent(parent):
        if isinstance(element, NON_SMARTQUOTABLE_PARENT_NODES):
            return True
        if element.get("support_smartquotes", None) is False:
            return True
    if getattr(text, "support_smartquotes", None) is False or _bare_url_text(parent):
        return True
    return _in_other_language(parent)


def _texts(element: nodes.Element) -> Iterator[tuple[nodes.Element, int, nodes.Text]]:
    """The ``Text`` nodes of ``element`` in document order, each with where it is."""
    for index, child in enumerate(element.children):
        if isinstance(child, nodes.Text):
            yield element, index, child
        elif isinstance(child, nodes.Element):
            yield from _texts(child)


def text_blocks(document: nodes.document) -> Iterator[Block]:
    """The blocks of ``document`` in document order, with their language (BCP 47 tag).

    The language of a block is the one of its nearest ``language-xx`` class (docutils'
    per-element language, e.g. ``{.language-en}`` in MyST), else the document's
    ``language_code`` setting (Sphinx's ``language``).
    """
    default_language = document.settings.language_code or ""
    for element in document.findall(nodes.TextElement):
        if isinstance(element, SKIPPED_BLOCKS):
            continue
        if isinstance(element.parent, nodes.TextElement):
            continue  # an inline element: part of its parent's block
        pieces: list[Piece] = []
        position = 0
        for parent, index, text in _texts(element):
            if isinstance(parent, nodes.option_string):
                continue
            length = len(text)
            protected = is_protected(parent, text)
            pieces.append(Piece(text, parent, index, position, position + length, protected))
            position += length
        if not pieces:
            continue
        yield Block(
            pieces=pieces,
            text="".join(str(piece.node) for piece in pieces),
            language=element.get_language_code(default_language),
        )
