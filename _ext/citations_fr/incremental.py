"""An incremental build writes the bibliography and the citations a clean build writes.

sphinxcontrib-bibtex decides which entries each bibliography lists, and their labels
(« 2009a »), once every document is read (``env-updated``), but asks Sphinx to write no page
for it: a bibliography whose document was not re-read keeps the entries of the last build
that wrote it (a work cited for the first time is missing, one no longer cited stays), and
the pages that cite a work whose label changed keep the old one.

After sphinxcontrib-bibtex's handler, what each bibliography shows of each entry (its label
and text) is compared with what the last build showed (kept in the ``cite`` domain's data,
saved with the environment): the bibliographies that changed, and the pages citing an entry
that changed, are written again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Where the last build's bibliographies are kept: docname -> citation key -> what is shown.
SHOWN = "citations_fr_shown"


def shown_entries(domain: Any) -> dict[str, dict[str, str]]:
    """What each bibliography (by document) shows of each entry: its label and text."""
    shown: dict[str, dict[str, str]] = {}
    for citation in domain.citations:
        entry = citation.formatted_entry
        text = f"{entry.label}\x00{entry.text.render_as('text')}"
        shown.setdefault(citation.bibliography_key.docname, {})[citation.key] = text
    return shown


def pages_showing_changed_citations(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The bibliographies whose entries changed, and the pages citing a changed entry."""
    domain: Any = env.get_domain("cite")  # sphinxcontrib-bibtex's BibtexDomain (untyped)
    shown = shown_entries(domain)
    previous: dict[str, dict[str, str]] | None = domain.data.get(SHOWN)
    domain.data[SHOWN] = shown
    if previous is None:  # a first build writes every page
        return []
    pages = {doc for doc in shown.keys() | previous.keys() if shown.get(doc) != previous.get(doc)}
    before = {key: text for entries in previous.values() for key, text in entries.items()}
    after = {key: text for entries in shown.values() for key, text in entries.items()}
    changed = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
    pages |= {
        ref.docname
        for ref in domain.citation_refs
        if any(target.key in changed for target in ref.targets)
    }
    return sorted(pages & env.found_docs)
