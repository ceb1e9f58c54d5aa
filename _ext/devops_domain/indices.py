"""The two indexes of the domain, ``devops-terms`` and ``devops-people``, in French order."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING, ClassVar

from sphinx.domains import Index, IndexEntry
from sphinx.locale import get_translation

from sphinx_book_compat import current_builder

from .entries import Entry, Kind, french_sort_key, index_letter
from .env_access import domain_of

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .domain import DevOpsDomain

_ = get_translation("devops_domain")


class EntryIndex(Index):
    """Each entry links to its definition, with one sub-entry per mention."""

    kind: ClassVar[Kind]

    def generate(
        self, docnames: Iterable[str] | None = None
    ) -> tuple[list[tuple[str, list[IndexEntry]]], bool]:
        domain = domain_of(self.domain.env)
        if current_builder(domain.env).format == "latex":
            # On paper the book's index holds each entry with all its pages (print_index).
            return [], True
        wanted = set(docnames) if docnames is not None else None
        entries = sorted(
            (
                e
                for e in domain.all_entries()
                if e.kind == self.kind and e.name and (wanted is None or e.docname in wanted)
            ),
            # Symbols first, as in the general index; then letters in French order.
            key=lambda e: french_sort_key(e.sort_text),
        )
        content = []
        for letter, group in groupby(entries, key=lambda e: index_letter(e.sort_text)):
            rows = [row for entry in group for row in self.rows(domain, entry)]
            content.append((letter, rows))
        return content, True

    def rows(self, domain: DevOpsDomain, entry: Entry) -> list[IndexEntry]:
        documents = domain.mentioning_documents(entry, current_builder(domain.env))
        extra = entry.expansion if entry.kind == "term" else ""
        rows = [
            IndexEntry(
                entry.sort_text, 1 if documents else 0, entry.docname, entry.anchor, extra, "", ""
            )
        ]
        for docname, title, mentions in documents:
            for number, mention in enumerate(mentions, start=1):
                label = title if number == 1 else f"{title} ({number})"
                rows.append(IndexEntry(label, 2, docname, mention.anchor, "", "", ""))
        return rows


class Translated:
    """A class attribute translated when it is read, as a plain ``str``.

    Sphinx puts an index's ``localname`` and ``shortname`` into each page's context; a lazy
    translation there is no ``str`` and the json builder cannot serialise it.
    """

    def __init__(self, message: str) -> None:
        self.message = message

    def __get__(self, instance: object, owner: type) -> str:
        return str(self.message)


class TermsIndex(EntryIndex):
    """Index of terms (``devops-terms``)."""

    name = "terms"
    localname = Translated(_("Index of terms"))
    shortname = Translated(_("terms"))
    kind = "term"


class PeopleIndex(EntryIndex):
    """Index of people (``devops-people``), sorted by their ``:sort:`` key."""

    name = "people"
    localname = Translated(_("Index of people"))
    shortname = Translated(_("people"))
    kind = "person"
