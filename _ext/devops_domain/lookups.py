"""The indexes the domain derives from its stored data, once per build.

The stored data (``entries``, ``mentions``, ``titles``) is what the environment pickles; these
lookups are computed from it on first use and thrown away, as one object, whenever the data
changes (a document read, cleared or merged from a parallel reader).
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property
from typing import TYPE_CHECKING

from .entries import Entry, Kind, Mention, lookup_key

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

#: An entry by kind and lookup key of its name or of one of its aliases.
EntryKey = tuple[Kind, str]


class Lookups:
    """Entries by key, mentions by entry and the book's reading order."""

    def __init__(
        self,
        env: BuildEnvironment,
        entries_by_doc: dict[str, list[Entry]],
        mentions_by_doc: dict[str, list[Mention]],
    ) -> None:
        self.env = env
        self.entries_by_doc = entries_by_doc
        self.mentions_by_doc = mentions_by_doc

    @cached_property
    def by_key(self) -> dict[EntryKey, Entry]:
        """The first entry (in document, then line order) that each name or alias finds."""
        found: dict[EntryKey, Entry] = {}
        for docname in sorted(self.entries_by_doc):
            for entry in self.entries_by_doc[docname]:
                if not entry.name:
                    continue
                for key in entry.keys:
                    found.setdefault((entry.kind, key), entry)
        return found

    def find(self, kind: str, name: str) -> Entry | None:
        return self.by_key.get((kind, lookup_key(name)))  # type: ignore[arg-type]

    @cached_property
    def mentioned_in(self) -> dict[EntryKey, dict[str, list[Mention]]]:
        """For each entry (kind, name key): document -> its mentions, documents in order."""
        found: dict[EntryKey, dict[str, list[Mention]]] = defaultdict(dict)
        for docname in sorted(self.mentions_by_doc):
            for mention in self.mentions_by_doc[docname]:
                entry = self.find(mention.kind, mention.key)
                if entry is not None:
                    found[entry.kind, entry.keys[0]].setdefault(docname, []).append(mention)
        return found

    @cached_property
    def reading_order(self) -> dict[str, int]:
        """Position of each document in the book (depth-first through the toctrees)."""
        order: dict[str, int] = {}
        stack = [self.env.config.root_doc]
        while stack:
            docname = stack.pop()
            if docname not in order:
                order[docname] = len(order)
                stack.extend(reversed(self.env.toctree_includes.get(docname, [])))
        return order
