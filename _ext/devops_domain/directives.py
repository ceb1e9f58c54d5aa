"""The ``term`` and ``person`` directives: one entry each, rendered where it is written."""

from __future__ import annotations

import bisect
import re
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id

from sphinx_book_compat import reading_state
from web_url import is_web_url

from .entries import Entry, Kind, invisible_characters, lookup_key, person_sort_name, visible
from .env_access import domain_of
from .nodes import backlinks
from .tooltips import tooltip_id
from .warnings import WARNING_TYPE, Subtype

if TYPE_CHECKING:
    from sphinx.util.typing import OptionSpec

    from .domain import DevOpsDomain

logger = logging.getLogger(__name__)
_ = get_translation("devops_domain")


#: A fence line of a source: (line number, marker, bare: no info string after the marker).
Fence = tuple[int, str, bool]
#: A line that opens (with an info string) or closes (alone) a MyST fence.
FENCE = re.compile(r" {0,3}(`{3,}|:{3,})[ \t]*(\S.*)?$")


def comma_list(argument: str | None) -> tuple[str, ...]:
    """``a, b , c`` -> ("a", "b", "c"); empty items are dropped."""
    return tuple(" ".join(item.split()) for item in (argument or "").split(",") if item.strip())


def strict_flag(argument: str | None) -> None:
    """docutils' ``directives.flag`` (no value allowed), under another name: MyST lets any
    value through for ``flag`` itself (``:footnote: oui`` was silently a flag), not for this."""
    return directives.flag(argument)


#: An option line of a MyST directive (``:name: value``), and a YAML comment in its value: a
#: ``#`` after a space or a tab, outside quotes.
OPTION_LINE = re.compile(r"\s*:(?P<name>[\w-]+):(?P<value>.*)$")
COMMENT = re.compile(r"[ \t]#")


class EntryDirective(SphinxDirective):
    """Common part of both directives: name, anchor, index entry, content, backlinks."""

    kind: ClassVar[Kind]
    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[OptionSpec] = {"aliases": comma_list, "forms": comma_list}

    def run(self) -> list[nodes.Node]:
        self.warn_option_comments()
        name = self.visible_name(self.arguments[0] if self.arguments else "", self.kind)
        if not name:
            self.warn(Subtype.EMPTY, f"{self.kind} without a name")
        if not self.content:
            self.warn(Subtype.EMPTY, f"{self.kind} {name!r} has no definition")
        elif not self.fence_is_closed():
            self.warn(
                Subtype.UNCLOSED,
                f"{self.kind} {name!r} is never closed: the rest of the file is its definition",
            )
        anchor = make_id(self.env, self.state.document, self.kind, name or None)
        entry = self.make_entry(name, anchor)

        term = nodes.term("", "", *self.heading(entry))
        definition = nodes.definition(devops_entry=anchor)
        self.set_source_info(term)
        self.set_source_info(definition)
        content = self.parse_content_to_nodes(allow_section_headings=False)
        first = next((node for node in content if isinstance(node, nodes.paragraph)), None)
        if name and first is not None and self.kind == "term":
            # The term's links on this page describe themselves with this paragraph.
            tip = tooltip_id(entry)
            first["ids"].append(tip)
            self.state.document.ids[tip] = first
        definition += content
        definition += self.generated_parts(entry)
        item = nodes.definition_list_item("", term, definition)
        entry_list = nodes.definition_list(
            "", item, classes=["devops-entries", f"devops-{self.kind}s"]
        )

        result: list[nodes.Node] = [entry_list]
        if name:
            term["ids"].append(anchor)
            self.state.document.note_explicit_target(term)
            self.domain.note_entry(entry)
            result.insert(
                0, addnodes.index(entries=self.index_entries(entry), devops_index=entry.sort_text)
            )
        return result

    def warn_option_comments(self) -> None:
        """Warn about each option value that MyST cut at `` #``.

        MyST reads the options as YAML, where `` #`` starts a comment: ``:expansion: langage
        C #1 du monde`` gives « langage C », ``:aliases: C #, F#`` gives no alias at all
        (``myst_parser.parsers.options``, ``_scan_plain_scalar``).  Its only warning
        (``myst.directive_comments``, once per directive) says nothing of the lost text.
        The directive gets its source as written (``block_text``: the fence line, then the
        option lines), where the cut is seen.
        """
        fence, *lines = self.block_text.splitlines() or [""]
        if not FENCE.match(fence):
            return  # reStructuredText: docutils keeps the whole line
        for number, line in enumerate(lines, start=self.lineno + 1):
            match = OPTION_LINE.match(line)
            if match is None:
                break  # the options are the first lines; reStructuredText has none here
            value = match["value"].strip()
            comment = COMMENT.search(match["value"])
            if comment is None or value[:1] in {'"', "'"}:
                continue
            kept = match["value"][: comment.start()].strip()
            logger.warning(
                f":{match['name']}: {value!r}: MyST reads ' #' as the start of a comment and "
                f"keeps {kept!r}; quote the value to keep it all: "
                f':{match["name"]}: "{value}"',
                location=(self.env.docname, number),
                type=WARNING_TYPE,
                subtype=Subtype.COMMENT,
            )

    def fence_is_closed(self) -> bool:
        """Whether the MyST fence that opens this directive is closed by a later line.

        CommonMark closes an open fence at the end of the document, silently; by its rules
        the fence is unclosed exactly when no later line is a bare fence of the same
        character, at least as long.
        """
        fences = self.source_fences()
        position = bisect.bisect_left(fences, (self.lineno,))
        if position == len(fences) or fences[position][0] != self.lineno:
            return True  # not a MyST fence (reStructuredText, or a nested parse)
        _, opening, _ = fences[position]
        return any(
            bare and marker[0] == opening[0] and len(marker) >= len(opening)
            for _, marker, bare in fences[position + 1 :]
        )

    def source_fences(self) -> list[Fence]:
        """(line, marker, bare) of each fence line of this document, read once per document
        (the reading state lives while the document is read); ``bare``: no info string after
        it."""
        cache = cast(
            "dict[str, list[Fence]]", reading_state(self.env).setdefault("devops_fences", {})
        )
        source = self.state.document.current_source or ""
        if source not in cache:
            try:
                text = Path(source).read_text(encoding="utf-8")
            except OSError:
                text = ""
            cache[source] = [
                (number, match[1], match[2] is None)
                for number, line in enumerate(text.splitlines(), start=1)
                if (match := FENCE.match(line))
            ]
        return cache[source]

    @property
    def domain(self) -> DevOpsDomain:
        return domain_of(self.env)

    def make_entry(self, name: str, anchor: str) -> Entry:
        return Entry(
            kind=self.kind,
            name=name,
            docname=self.env.docname,
            lineno=self.lineno,
            anchor=anchor,
            aliases=self.visible_names(self.options.get("aliases", ()), "alias"),
            forms=self.visible_names(self.options.get("forms", ()), "form"),
        )

    def visible_name(self, name: str, what: str) -> str:
        """``name`` without invisible characters (warned), white space folded."""
        if invisible := invisible_characters(name):
            codes = ", ".join(dict.fromkeys(f"U+{ord(char):04X}" for char in invisible))
            self.warn(
                Subtype.INVISIBLE,
                f"{what} {name!r} holds invisible or bidirectional control characters "
                f"({codes}): removed",
            )
        return " ".join(visible(name).split())

    def visible_names(self, names: tuple[str, ...], what: str) -> tuple[str, ...]:
        return tuple(filter(None, (self.visible_name(name, what) for name in names)))

    def heading(self, entry: Entry) -> list[nodes.Node]:
        return [nodes.Text(entry.name)]

    def generated_parts(self, entry: Entry) -> list[nodes.Node]:
        """Parts added after the author's text; they are not copied into tooltips or footnotes."""
        return [
            backlinks(
                "",
                classes=["devops-backlinks"],
                devops_generated=True,
                refdoc=entry.docname,
                devops_kind=entry.kind,
                devops_key=lookup_key(entry.name),
            )
        ]

    def index_entries(self, entry: Entry) -> list[tuple[str, str, str, str, str | None]]:
        return [("single", entry.name, entry.anchor, "main", None)]

    def warn(self, subtype: Subtype, message: str) -> None:
        logger.warning(message, location=self.get_location(), type=WARNING_TYPE, subtype=subtype)


class TermDirective(EntryDirective):
    """A glossary term: ``:aliases:``, ``:expansion:``, ``:see:`` and ``:footnote:``."""

    kind = "term"
    option_spec: ClassVar[OptionSpec] = {
        **EntryDirective.option_spec,
        "expansion": directives.unchanged,
        "see": comma_list,
        "footnote": strict_flag,
    }

    def make_entry(self, name: str, anchor: str) -> Entry:
        return (
            super()
            .make_entry(name, anchor)
            ._replace(
                expansion=" ".join(self.options.get("expansion", "").split()),
                see=self.options.get("see", ()),
                footnote="footnote" in self.options,
            )
        )

    def heading(self, entry: Entry) -> list[nodes.Node]:
        parts: list[nodes.Node] = [nodes.Text(entry.name)]
        if entry.expansion:
            parts.append(nodes.inline("", f" ({entry.expansion})", classes=["devops-expansion"]))
        return parts

    def generated_parts(self, entry: Entry) -> list[nodes.Node]:
        parts = super().generated_parts(entry)
        if entry.see:
            see = nodes.paragraph(
                "", _("See also: "), classes=["devops-see"], devops_generated=True
            )
            for position, name in enumerate(entry.see):
                if position:
                    see += nodes.Text(", ")
                xref = addnodes.pending_xref(
                    "",
                    nodes.inline(name, name),
                    refdomain="devops",
                    reftype="term",
                    reftarget=name,
                    refexplicit=True,
                    refwarn=False,
                    refdoc=entry.docname,
                    devops_see=True,
                )
                self.set_source_info(xref)
                see += xref
            see += nodes.Text(".")  # a sentence, like « Mentionné dans : … »
            parts.insert(0, see)
        return parts

    def index_entries(self, entry: Entry) -> list[tuple[str, str, str, str, str | None]]:
        entries = super().index_entries(entry)
        entries += [
            ("see", f"{alias}; {entry.name}", entry.anchor, "", None)
            for alias in entry.aliases
            if lookup_key(alias) != lookup_key(entry.name)
        ]
        return entries


class PersonDirective(EntryDirective):
    """A key person: ``:aliases:``, ``:sort:`` (index key) and ``:url:`` (their page)."""

    kind = "person"
    option_spec: ClassVar[OptionSpec] = {
        **EntryDirective.option_spec,
        "sort": directives.unchanged,
        "url": directives.unchanged,
    }

    def make_entry(self, name: str, anchor: str) -> Entry:
        url = self.options.get("url", "").strip()
        if url and not is_web_url(url):
            self.warn(Subtype.URL, f"malformed :url: {url!r} of {name!r}: expected http(s)://…")
        sort = " ".join(self.options.get("sort", "").split()) or person_sort_name(name)
        return super().make_entry(name, anchor)._replace(url=url, sort=sort)

    def parse_content_to_nodes(self, allow_section_headings: bool = False) -> list[nodes.Node]:
        content = super().parse_content_to_nodes(allow_section_headings=allow_section_headings)
        url = self.options.get("url", "").strip()
        if url:
            content.append(nodes.paragraph("", "", url_node(url), classes=["devops-url"]))
        return content

    def index_entries(self, entry: Entry) -> list[tuple[str, str, str, str, str | None]]:
        return [("single", entry.sort_text, entry.anchor, "main", None)]


def url_node(url: str) -> nodes.Node:
    """A link to a person's page, or the text as written when it is not a usable URL."""
    if is_web_url(url):
        return nodes.reference(url, url, refuri=url)
    return nodes.literal(url, url)
