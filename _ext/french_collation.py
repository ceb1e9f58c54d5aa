"""French alphabetical order: one fold and one sort key for every index, search and
bibliography of the book's extensions.

French order ignores accents and case first (« Éthique » between « Ethernet » and « Eve »)
and reads the ligatures as their letters (« Œuvre » between « Ode » and « Oz », as « oeuvre »).
Unicode decomposition removes accents but keeps the ligatures and a few letters of other
Latin alphabets whole (Œ, Æ, ß, Ø, Ł, Đ): they are spelt out first.  The fold is also the
key the PDF's index is sorted by: it is plain ASCII for every Latin letter, so makeindex,
which reads bytes, sorts and prints it.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

#: Letters that decomposition does not split, as a French reader spells them; and the
#: apostrophe, which sorts as one whichever way it is written.
SPELT_OUT = {
    "œ": "oe",
    "Œ": "OE",
    "æ": "ae",
    "Æ": "AE",
    "ß": "ss",
    "ẞ": "SS",
    "ø": "o",
    "Ø": "O",
    "ł": "l",
    "Ł": "L",
    "đ": "d",
    "Đ": "D",
    # the typographic apostrophe sorts as the straight one (« chaîne d’approvisionnement »
    # before « chaîne de livraison », whichever of the two an index prints)
    "\u2019": "'",
}
LIGATURES = str.maketrans(SPELT_OUT)


@lru_cache(maxsize=65536)  # a book repeats the same words
def fold(text: str) -> str:
    """« Sécurité » → « Securite », « cœur » → « coeur », « Łódź » → « Lodz » (case kept)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def sort_key(text: str) -> tuple[bool, str, str]:
    """Symbols first (as in Sphinx's general index), then letters in French order, then the
    exact text (« cote » before « côte »)."""
    folded = fold(text).casefold()
    return folded[:1].isalpha(), folded, text


def index_letter(text: str, symbols: str) -> str:
    """The letter an index groups ``text`` under (« Éthique » under « E », « Œuvre » under
    « O »), or ``symbols`` for what does not start with a letter."""
    first = fold(text)[:1].upper()
    return first if first.isalpha() else symbols
