"""Rewrite every page when what pages show of the book's navigation changed, as a clean
build would.

Sphinx rewrites only the documents it re-reads (and those whose section numbers moved), but
every page shows the navigation: the sidebar's table of contents (the toctrees with their
caption, depth, numbering, hidden and titles-only options, and the documents' sections) and
the previous/next links with their titles.  Each builder keeps, next to the doctrees, a
fingerprint of the navigation its pages show: builders that share one doctree folder
(``html`` then ``dirhtml``) each learn of a change.  The fingerprint is saved once the build
has succeeded, so a build stopped while writing is completed by the next one.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


def navigation_fingerprint(env: BuildEnvironment) -> str:
    """What every page may show of the others: titles, tables of contents (the toctrees and
    all their options included) and section numbers."""
    shown = [
        (
            docname,
            env.titles[docname].astext() if docname in env.titles else "",
            env.tocs[docname].pformat() if docname in env.tocs else "",
            sorted(env.toc_secnumbers.get(docname, {}).items()),
            env.toctree_includes.get(docname, []),
        )
        for docname in sorted(env.found_docs)
    ]
    return hashlib.sha1(repr(shown).encode(), usedforsecurity=False).hexdigest()


def forget_section_numbers(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Take the section numbers off every stored table of contents and title before Sphinx
    numbers them again (``env-get-updated``, before its toctree collector).

    Sphinx numbers the sections of numbered toctrees by setting ``secnumber`` on the entries
    of each document's table of contents and on its title, and walks only the toctrees that
    are numbered: once ``:numbered:`` is removed, the documents it does not re-read keep their
    numbers in the sidebar, the titles and the previous/next links.  From a clean slate, its
    numbering gives what a clean build gives.
    """
    for toc in env.tocs.values():
        for reference in toc.findall(nodes.reference):
            reference.attributes.pop("secnumber", None)
    for title in env.titles.values():
        title.attributes.pop("secnumber", None)
    return []


def fingerprint_file(builder: Builder) -> Path:
    """Where ``builder`` keeps the fingerprint of the navigation its pages show."""
    return Path(builder.doctreedir, f"incremental_build-navigation-{builder.name}.sha1")


class NavigationRefresh:
    """Decide after reading which pages to rewrite; remember the navigation once written."""

    def __init__(self) -> None:
        self.current: str | None = None

    def pages_to_rewrite(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        """All documents when the navigation differs from the one this builder last wrote."""
        self.current = navigation_fingerprint(env)
        stored = fingerprint_file(app.builder)
        previous = stored.read_text(encoding="ascii") if stored.is_file() else None
        return [] if previous == self.current else sorted(env.found_docs)

    def save(self, app: Sphinx, exception: BaseException | None) -> None:
        """After a build that succeeded: its pages show this navigation."""
        if exception is not None or self.current is None:
            return
        stored = fingerprint_file(app.builder)
        stored.parent.mkdir(parents=True, exist_ok=True)
        stored.write_text(self.current, encoding="ascii")
