"""The ``devops`` domain: owns every definition and mention, resolves references, checks them."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain, ObjType
from sphinx.locale import get_translation
from sphinx.util import logging

from .directives import PersonDirective, TermDirective
from .entries import KINDS, Entry, Kind, Mention, lookup_key
from .indices import PeopleIndex, TermsIndex
from .lookups import Lookups
from .nodes import term_reference
from .outputs import has_document, keeps
from .reading import is_mention, read_document
from .roles import MentionRole
from .warnings import WARNING_TYPE, Subtype

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Set

    from docutils.nodes import Element
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)
_ = get_translation("devops_domain")


class DocumentRecord(NamedTuple):
    """What one document contributed, kept to find the pages an edit makes outdated."""

    entries: list[Entry]
    mentions: list[Mention]
    title: str


class DevOpsDomain(Domain):
    """Glossary terms and key people, defined once and mentioned from any document."""

    name = "devops"
    label = "DevOps"
    object_types = {  # noqa: RUF012 (Sphinx's API declares these as class attributes)
        "term": ObjType(_("term"), "term"),
        "person": ObjType(_("person"), "person"),
    }
    directives = {"term": TermDirective, "person": PersonDirective}  # noqa: RUF012
    roles = {"term": MentionRole("term"), "person": MentionRole("person")}  # noqa: RUF012
    indices = [TermsIndex, PeopleIndex]  # noqa: RUF012
    initial_data = {  # noqa: RUF012
        "entries": {},  # docname -> [Entry], in the order they are written
        "mentions": {},  # docname -> [Mention], in document order
        "titles": {},  # docname -> title text, for the « Mentionné dans » lines
    }
    data_version = 1

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._lookups: Lookups | None = None
        #: What the documents re-read in this build contained before (not stored in the env).
        self.purged: dict[str, DocumentRecord] = {}

    # -- stored data ---------------------------------------------------------------------------
    @property
    def entries_by_doc(self) -> dict[str, list[Entry]]:
        entries: dict[str, list[Entry]] = self.data["entries"]
        return entries

    @property
    def mentions_by_doc(self) -> dict[str, list[Mention]]:
        mentions: dict[str, list[Mention]] = self.data["mentions"]
        return mentions

    @property
    def titles(self) -> dict[str, str]:
        titles: dict[str, str] = self.data["titles"]
        return titles

    def note_entry(self, entry: Entry) -> None:
        """Called by the directives while a document is read."""
        self.entries_by_doc.setdefault(entry.docname, []).append(entry)
        self._forget_lookups()

    def clear_doc(self, docname: str) -> None:
        self.purged[docname] = DocumentRecord(
            self.entries_by_doc.pop(docname, []),
            self.mentions_by_doc.pop(docname, []),
            self.titles.pop(docname, ""),
        )
        self._forget_lookups()

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            for key in ("entries", "mentions", "titles"):
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]
        self._forget_lookups()

    def record_document(self, docname: str, document: nodes.document) -> None:
        """Store each definition's content and every mention, once the document is fully read.

        Called on ``doctree-read`` after Sphinx's own collectors, not from ``process_doc``:
        the copies of a definition must carry what they add (an image's candidates).
        """
        entries, mentions, title = read_document(document, self.entries_by_doc.get(docname, []))
        self.entries_by_doc[docname] = entries
        self.mentions_by_doc[docname] = mentions
        self.titles[docname] = title
        self._forget_lookups()

    # -- lookups, computed once per build and forgotten when the data changes ------------------
    @property
    def lookups(self) -> Lookups:
        """The indexes derived from the stored data, built on first use after a change."""
        if self._lookups is None:
            self._lookups = Lookups(self.env, self.entries_by_doc, self.mentions_by_doc)
        return self._lookups

    def _forget_lookups(self) -> None:
        self._lookups = None

    def all_entries(self) -> Iterator[Entry]:
        """Every entry, in a stable order (document, then line): parallel and serial agree."""
        for docname in sorted(self.entries_by_doc):
            yield from self.entries_by_doc[docname]

    def internal_link(
        self,
        builder: Builder,
        fromdocname: str,
        todocname: str,
        anchor: str,
        child: nodes.Node,
        node_class: type[nodes.reference] = nodes.reference,
    ) -> nodes.reference:
        """What ``sphinx.util.nodes.make_refnode`` makes, except in an output of one page (man),
        where a link to another document is a ``refid``, not a « #anchor » to show."""
        uri = "" if fromdocname == todocname else builder.get_relative_uri(fromdocname, todocname)
        if not uri:  # the same page, or an output of one page (man): « #anchor » would show
            return node_class("", "", child, internal=True, refid=anchor)
        return node_class("", "", child, internal=True, refuri=f"{uri}#{anchor}")

    def find(self, kind: str, name: str) -> Entry | None:
        """The entry a mention refers to: by name or alias, ignoring case, not accents."""
        return self.lookups.find(kind, name)

    def mentions_of(self, entry: Entry) -> dict[str, list[Mention]]:
        """Documents that mention ``entry`` (by any of its names), with their mentions."""
        return self.lookups.mentioned_in.get((entry.kind, entry.keys[0]), {})

    def mentioning_documents(
        self, entry: Entry, builder: Builder
    ) -> list[tuple[str, str, list[Mention]]]:
        """(docname, title, mentions) of each document whose mentions of ``entry`` this
        builder's output shows, in book order."""
        mentions = self.mentions_of(entry)
        order = self.lookups.reading_order
        found = []
        for docname in sorted(mentions, key=lambda d: (order.get(d, len(order)), d)):
            shown = [m for m in mentions[docname] if keeps(m.only, builder.tags)]
            if shown and has_document(builder, docname):
                found.append((docname, self.titles.get(docname) or docname, shown))
        return found

    def close_names(self, kind: str, name: str) -> list[str]:
        """Names close to an unknown one, for « did you mean …? »."""
        keys = {key: entry.name for (k, key), entry in self.lookups.by_key.items() if k == kind}
        matches = difflib.get_close_matches(lookup_key(name), keys, n=3, cutoff=0.6)
        return sorted({keys[match] for match in matches})

    # -- references ----------------------------------------------------------------------------
    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: addnodes.pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        entry = self.find(typ, target)
        if entry is None:
            return None
        reference = self.make_reference(builder, fromdocname, entry, contnode, node["ids"])
        if node.get("devops_tooltip"):
            reference["tooltip_id"] = node["devops_tooltip"]
        if node.get("devops_see"):
            reference["devops_see"] = True  # a name in a « Voir aussi » list, not a mention
        return reference

    def make_reference(
        self,
        builder: Builder,
        fromdocname: str,
        entry: Entry,
        contnode: Element,
        ids: Iterable[str] = (),
    ) -> nodes.reference:
        """The link to an entry: a term with its expansion, a person's name in bold."""
        if entry.kind == "person":
            child: Element = nodes.strong("", "", *contnode.children, classes=["devops-person"])
            reference = self.internal_link(builder, fromdocname, entry.docname, entry.anchor, child)
            reference["classes"].append("devops-person")
        else:
            child = contnode
            # The long form explains the acronym itself, not other words a link shows.
            if entry.expansion and lookup_key(contnode.astext()) == entry.keys[0]:
                child = nodes.abbreviation(
                    "", "", *contnode.children, explanation=entry.expansion, classes=["devops"]
                )
            reference = self.internal_link(
                builder, fromdocname, entry.docname, entry.anchor, child, term_reference
            )
            reference["classes"].append("devops-term")
            reference["devops_key"] = entry.keys[0]
        reference["devops_index"] = entry.sort_text  # its line of the printed index
        reference["ids"] = list(ids)
        reference["refdoc"] = fromdocname
        return reference

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: addnodes.pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        results = []
        for kind in KINDS:
            entry = self.find(kind, target)
            if entry is not None:
                reference = self.make_reference(builder, fromdocname, entry, contnode)
                results.append((f"devops:{kind}", reference))
        return results

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        """Each entry under its name (in the search), and, for intersphinx, under each alias
        and form and in lower case (priority -1: not in the search): another project's
        ``{external:devops:term}`` matches a name exactly."""
        for entry in self.all_entries():
            if not entry.name:
                continue
            yield entry.name, entry.name, entry.kind, entry.docname, entry.anchor, 1
            others = dict.fromkeys((*entry.names[1:], *entry.keys))
            others.pop(entry.name, None)
            for name in others:
                yield name, name, entry.kind, entry.docname, entry.anchor, -1

    # -- checks after all documents are read ----------------------------------------------------
    def check_consistency(self) -> None:
        owners: dict[tuple[Kind, str], tuple[Entry, bool]] = {}
        for entry in self.all_entries():
            if not entry.name:
                continue
            names = entry.names
            for position, (name, key) in enumerate(zip(names, entry.keys, strict=True)):
                is_alias = position > 0
                first, first_is_alias = owners.setdefault((entry.kind, key), (entry, is_alias))
                if first is entry:
                    continue  # the same entry twice under one key (« DevOps », « devops »)
                if is_alias != first_is_alias:
                    alias_of, other = (entry, first) if is_alias else (first, entry)
                    self._warn(
                        Subtype.ALIAS,
                        f"alias {name!r} of {alias_of.kind} {alias_of.name!r} "
                        f"({_where(self.env, alias_of)}) is the name of another {other.kind} "
                        f"({_where(self.env, other)})",
                        entry,
                    )
                else:
                    what = "alias" if is_alias else entry.kind
                    self._warn(
                        Subtype.DUPLICATE,
                        f"{what} {name!r} is defined twice: here and at {_where(self.env, first)}",
                        entry,
                    )
            for see in entry.see:
                if self.find("term", see) is None:
                    self._warn(
                        Subtype.SEE, f"unknown term {see!r} in :see: of {entry.name!r}", entry
                    )
        self._forget_empty_index_labels()
        if self.env.config.devops_report_unused:
            for entry in self.all_entries():
                if entry.kind == "term" and entry.name and not self.mentions_of(entry):
                    logger.info(
                        "term %r is defined but never used",
                        entry.name,
                        location=(entry.docname, entry.lineno),
                        type=WARNING_TYPE,
                        subtype=Subtype.UNUSED,
                    )

    def _forget_empty_index_labels(self) -> None:
        """Sphinx gives every domain index a label (``devops-terms``) when the domain is set
        up, but writes the index's page only when it lists something: the label of an
        index with no entry would send ``{ref}`` and other projects' ``objects.inv`` links
        to a page that does not exist."""
        kinds = {entry.kind for entry in self.all_entries() if entry.name}
        std = self.env.domains["std"]  # (not .standard_domain: Sphinx 8.2+ only)
        for index in self.indices:
            if getattr(index, "kind", None) not in kinds:
                label = f"{self.name}-{index.name}"
                std.labels.pop(label, None)
                std.anonlabels.pop(label, None)

    def _warn(self, subtype: Subtype, message: str, entry: Entry) -> None:
        logger.warning(
            message, location=(entry.docname, entry.lineno), type=WARNING_TYPE, subtype=subtype
        )

    # -- incremental builds ---------------------------------------------------------------------
    def outdated_pages(self) -> set[str]:
        """Pages not re-read whose output changes because of the documents re-read or removed."""
        changed_keys: set[tuple[Kind, str]] = set()
        backlink_owners: set[str] = set()
        for docname, before in self.purged.items():
            old_entries = {(e.kind, e.anchor): e for e in before.entries}
            new_entries = {(e.kind, e.anchor): e for e in self.entries_by_doc.get(docname, [])}
            for id_ in old_entries.keys() | new_entries.keys():
                old, new = old_entries.get(id_), new_entries.get(id_)
                if old is None or new is None or old.digest != new.digest:
                    for entry in (old, new):
                        if entry is not None:
                            changed_keys.update((entry.kind, key) for key in entry.keys)
            old_sig = _mention_signature(before.mentions, before.title)
            new_sig = _mention_signature(
                self.mentions_by_doc.get(docname, []), self.titles.get(docname, "")
            )
            for kind, key, _anchor, _title in old_sig.symmetric_difference(new_sig):
                entry = self.find(kind, key)
                if entry is not None:
                    backlink_owners.add(entry.docname)
        changed_keys |= self._keys_shown_through_copies(changed_keys)
        pages = set(backlink_owners)
        for docname, mentions in self.mentions_by_doc.items():
            if any((m.kind, m.key) in changed_keys for m in mentions):
                pages.add(docname)
        for entry in self.all_entries():  # « Voir aussi » links to a changed term
            if any(("term", lookup_key(see)) in changed_keys for see in entry.see):
                pages.add(entry.docname)
        self.purged.clear()
        return pages & self.env.found_docs

    def _keys_shown_through_copies(
        self, changed_keys: set[tuple[Kind, str]]
    ) -> set[tuple[Kind, str]]:
        """The keys of the entries whose definition mentions a changed entry, transitively.

        A definition travels with its mentions: in a biography footnote, a ``:footnote:``
        term's note and a tooltip, the mentions inside it are links to their entries.  When
        one of those entries changes (removed, moved, added back), every copy of the
        definition that mentions it shows something else, so the pages that mention the
        definition's entry are rewritten too.
        """
        if not changed_keys:
            return set()
        mentioned_in = [
            (
                entry.keys,
                entry.kind,
                {
                    (node["reftype"], lookup_key(node["reftarget"]))
                    for node in entry.content.findall(addnodes.pending_xref)
                    if is_mention(node)
                },
            )
            for entry in self.all_entries()
            if entry.content is not None
        ]
        found: set[tuple[Kind, str]] = set()
        while True:
            changed = changed_keys | found
            more = {
                (kind, key)
                for keys, kind, mentioned in mentioned_in
                if mentioned & changed
                for key in keys
            } - changed
            if not more:
                return found
            found |= more


def _mention_signature(mentions: list[Mention], title: str) -> set[tuple[Kind, str, str, str]]:
    """What a « Mentionné dans » line shows of a document: its title and first anchor per key."""
    first: dict[tuple[Kind, str], str] = {}
    for mention in mentions:
        first.setdefault((mention.kind, mention.key), mention.anchor)
    return {(kind, key, anchor, title) for (kind, key), anchor in first.items()}


def _where(env: BuildEnvironment, entry: Entry) -> str:
    return f"{env.doc2path(entry.docname, base=False)}:{entry.lineno}"
