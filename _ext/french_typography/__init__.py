"""French typography for Sphinx: elided apostrophes and the no-break spaces of punctuation.

For French documents (``language = "fr"``, or a ``language-fr`` class on an element):

* :mod:`.elision`: ``l'**gras**`` and ``l'{term}`…` `` get an apostrophe U+2019, not the
  closing quote ``”`` that docutils' smartquotes make of a quote that ends a text before
  inline markup (runs just before Sphinx's smartquotes);
* :mod:`.spacing`: U+00A0 before ``:`` and inside ``« »``, U+202F before ``; ! ?``, instead
  of the ordinary space the author typed, or where none was typed after a word (runs just
  after Sphinx's smartquotes);
* LaTeX: ``sphinxfrenchtypography.sty`` (in ``texinputs/``) declares U+202F for pdflatex
  and leaves the spaces of ``: ; ! ?`` to the text, where babel-french would add some of
  its own (see the comments of the file).

Both transforms run when the documents are read, like Sphinx's smartquotes (so the titles
of the table of contents and of the pages have them too); the spacing runs again when a page
is written, for the text that extensions add then (bibliography entries).
``french_typography = False`` in ``conf.py`` turns all of this off.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_book_assets import add_latex_file
from sphinx_book_compat import require_sphinx

from .blocks import is_french
from .elision import FrenchElision
from .spacing import FrenchSpacing, FrenchSpacingLate

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

__version__ = "1.0.0"

TEXINPUTS = Path(__file__).parent.resolve() / "texinputs"
LATEX_PACKAGE = "sphinxfrenchtypography"


def add_latex_package(app: Sphinx, config: Config) -> None:
    """Load the LaTeX package in French books (``\\usepackage``, after babel, before hyperref),
    and ship it next to the ``.tex`` files.

    Through ``app.add_latex_package`` rather than by appending to
    ``latex_elements["preamble"]``: the book's configuration stays the author's own, and the
    package comes right after babel, before anything of the preamble that may rely on it.
    """
    if config.french_typography and is_french(config.language):
        app.add_latex_package(LATEX_PACKAGE)
        add_latex_file(config, TEXINPUTS / f"{LATEX_PACKAGE}.sty")


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the transforms, the ``french_typography`` switch and the LaTeX package."""
    require_sphinx(app)
    app.add_config_value(
        "french_typography",
        True,
        "env",
        bool,
        description="Apostrophes and no-break spaces of French punctuation (French text).",
    )
    app.add_transform(FrenchElision)
    app.add_transform(FrenchSpacing)
    app.add_post_transform(FrenchSpacingLate)
    app.connect("config-inited", add_latex_package)
    return {
        "version": __version__,
        # The transforms change the doctrees that Sphinx stores: a new version of them must
        # invalidate the stored environment.
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
