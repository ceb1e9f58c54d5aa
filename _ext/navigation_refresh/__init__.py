"""Rewrite every page when the book's navigation changes, as a clean build would.

Sphinx rewrites only the documents it re-reads, but every page shows the navigation: the
sidebar's table of contents, the previous/next links and their titles. After a document is
added, removed, moved in a toctree or retitled, the other pages would keep the old
navigation until a clean build. This extension keeps a fingerprint of the navigation next
to the doctrees and, when it changes, asks Sphinx to rewrite all pages.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

FINGERPRINT_FILE = "navigation.sha1"


def navigation_fingerprint(env: BuildEnvironment) -> str:
    """What every page shows of the others: the toctrees and the titles of the documents."""
    shown = [
        (
            docname,
            env.titles[docname].astext() if docname in env.titles else "",
            env.toctree_includes.get(docname, []),
        )
        for docname in sorted(env.found_docs)
    ]
    return hashlib.sha1(repr(shown).encode(), usedforsecurity=False).hexdigest()


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """All documents when the navigation changed since the last build, else none."""
    stored = Path(app.doctreedir, FINGERPRINT_FILE)
    current = navigation_fingerprint(env)
    previous = stored.read_text(encoding="ascii") if stored.is_file() else None
    stored.parent.mkdir(parents=True, exist_ok=True)
    stored.write_text(current, encoding="ascii")
    if previous is None or previous == current:
        return []
    return sorted(env.found_docs)


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the check that runs after the documents are read."""
    app.connect("env-get-updated", pages_to_rewrite)
    return {"version": "1.0.0", "parallel_read_safe": True, "parallel_write_safe": True}
