"""French elisions before inline markup: ``l'**Agile…**`` gets an apostrophe, not a quote.

docutils' smartquotes educate each ``Text`` node with only the *previous* character as
context.  In ``l'**Agile Systems Administration Group**`` the ``'`` ends the text ``l'``;
nothing follows it in that node, so the rule for apostrophes (a quote between two letters)
cannot apply and the quote is taken for a closing secondary quote: in French, ``”``
(``l”<strong>…``).  Before Sphinx's smartquotes run, this transform writes the apostrophe
U+2019 itself when the quote closes one of the words that French elides (``l' d' j' m' n'
s' t' c' qu' jusqu' lorsqu' puisqu' quoiqu' quelqu' presqu'``) and either ends a ``Text``
node before a letter or a digit (in the next inline node), or comes before an opening
quote (``d'« Accelerate »``), where smartquotes would see a closing one.

The list of words, rather than « any letter », keeps real quotes working: in
``il dit 'non'[^1]`` the closing quote follows a letter and is followed by the footnote's
number, but ``non`` is not an elided word.

In reStructuredText the elision is written ``l'\\ :devops:term:`DevOps```: docutils keeps
the escaped space in the ``Text`` node as a null character then the space, which no reader
sees (:func:`docutils.nodes.unescape`); the quote is followed by nothing visible, so it is
looked at as if it ended the text.
"""

from __future__ import annotations

import re
from typing import Any

from sphinx.transforms import SphinxSmartQuotes, SphinxTransform
from sphinx.util import logging

from .blocks import is_french, text_blocks

logger = logging.getLogger(__name__)

APOSTROPHE = "\N{RIGHT SINGLE QUOTATION MARK}"  # U+2019, French smartquotes' apostrophe

#: An elided word, then its straight quote.  The word must not be the end of a longer word
#: (``(?<!…)``: no letter before it).
ELIDED = re.compile(
    r"(?<![^\W\d_])(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu|quelqu|presqu)'",
    re.IGNORECASE,
)

#: What may follow an elision's apostrophe: a letter or digit, or an opening quote
#: (« d'« Accelerate » », which smartquotes alone would turn into « d”« »).
FOLLOWS_ELISION = frozenset("«“")

#: An escaped space as docutils' reST parser keeps it in a ``Text`` node (``\\ ``): not shown.
ESCAPED_SPACE = re.compile("\x00[ \n]")


def _shown_after(text: str, index: int) -> int:
    """The index of the first character after ``index`` that a reader sees (escaped spaces
    skipped)."""
    index += 1
    while match := ESCAPED_SPACE.match(text, index):
        index = match.end()
    return index


def _smartquotes_educate_quotes(transform: SphinxTransform) -> bool:
    """Whether Sphinx's smartquotes will educate the quotes of this document.

    Where they do not (``smartquotes = False``, an excluded builder...), the straight quotes
    stay straight everywhere, and so do these.
    """
    smartquotes = SphinxSmartQuotes(transform.document, startnode=None)
    if not smartquotes.is_available():
        return False
    action = transform.config.smartquotes_action
    return action in {"1", "2", "3"} or "q" in action


class FrenchElision(SphinxTransform):
    """Write U+2019 for the ``'`` of an elision that ends a text before inline markup."""

    #: Just before :class:`sphinx.transforms.SphinxSmartQuotes` (750).
    default_priority = SphinxSmartQuotes.default_priority - 1

    def apply(self, **kwargs: Any) -> None:
        if not self.config.french_typography or not _smartquotes_educate_quotes(self):
            return
        for block in text_blocks(self.document):
            if not is_french(block.language):
                continue
            replacements: dict[int, str] = {}
            for piece in block.pieces:
                if piece.protected:
                    continue
                for match in ELIDED.finditer(str(piece.node)):
                    quote = piece.start + match.end() - 1
                    shown = _shown_after(block.text, quote)
                    following = block.text[shown : shown + 1]
                    at_end = shown >= piece.end
                    if (at_end and following.isalnum()) or following in FOLLOWS_ELISION:
                        replacements[quote] = APOSTROPHE
            if replacements:
                block.rewrite(replacements)
