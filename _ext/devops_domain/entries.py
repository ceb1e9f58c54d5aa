"""The records the domain stores (definitions and mentions) and the keys they are found by."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Literal, NamedTuple

from docutils import nodes
from sphinx.locale import _

from french_collation import index_letter as index_letter_of
from french_collation import sort_key

Kind = Literal["term", "person"]
KINDS: tuple[Kind, ...] = ("term", "person")


def invisible_characters(text: str) -> list[str]:
    """The format characters of ``text`` (Unicode category Cf), which no reader sees: zero-width
    spaces and joiners (U+200B–U+200D), direction marks and bidirectional controls (U+200E,
    U+200F, U+202A–U+202E, U+2066–U+2069), U+FEFF, the soft hyphen.  In a name they make two
    names that look the same differ, or reverse the text around them (U+202E), and pdflatex
    stops on them."""
    return [char for char in text if unicodedata.category(char) == "Cf"]


def visible(text: str) -> str:
    """``text`` without its :func:`invisible_characters`."""
    invisible = set(invisible_characters(text))
    return "".join(char for char in text if char not in invisible) if invisible else text


@lru_cache(maxsize=4096)  # every mention and every lookup asks again for the same few names
def lookup_key(name: str) -> str:
    """Case-insensitive, accent-sensitive: « Éthique » and « éthique » match, « ethique » not.

    In NFC, so that an accent typed as a combining character (« e » then U+0301) finds the
    same name as the composed « é »; without invisible characters (« Dev\u200bOps » is
    « DevOps »).
    """
    folded = " ".join(unicodedata.normalize("NFC", visible(name)).split()).casefold()
    return unicodedata.normalize("NFC", folded)


def french_sort_key(text: str) -> tuple[bool, str, str]:
    """French order (:mod:`french_collation`): symbols first, accents, ligatures and case
    ignored (É between E and F, Œ as OE), then the exact text."""
    return sort_key(text)


def index_letter(text: str) -> str:
    """The letter an index groups ``text`` under: « Éthique » under « E », « .NET » under
    « Symboles » (Sphinx's own word, as in the general index; « # » is no valid anchor)."""
    return index_letter_of(text, str(_("Symbols")))


def person_sort_name(name: str) -> str:
    """Default ``:sort:`` of a person: the last word, then the rest (« Debois, Patrick »)."""
    words = name.split()
    if len(words) < 2:
        return name
    return f"{words[-1]}, {' '.join(words[:-1])}"


class Entry(NamedTuple):
    """A term or person defined by a directive; ``content`` is filled once the document is read."""

    kind: Kind
    name: str
    docname: str
    lineno: int
    anchor: str
    aliases: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    expansion: str = ""
    see: tuple[str, ...] = ()
    footnote: bool = False
    url: str = ""
    sort: str = ""
    content: nodes.Element | None = None
    digest: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """Every name that finds this entry: its name, its aliases, then its other forms."""
        return (self.name, *self.aliases, *self.forms)

    @property
    def keys(self) -> tuple[str, ...]:
        """The lookup key of each of ``names``."""
        return tuple(lookup_key(name) for name in self.names)

    @property
    def sort_text(self) -> str:
        """The text the indexes sort and group by."""
        return self.sort or self.name


class Mention(NamedTuple):
    """One use of a term or person in a document, as written (the target may be an alias).

    ``only``: the expressions of the ``only`` blocks around it; an output whose tags make one
    of them false does not have this mention.
    """

    kind: Kind
    key: str
    anchor: str
    lineno: int
    only: tuple[str, ...] = ()
