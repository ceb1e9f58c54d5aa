"""A French author-year bibliography, as pybtex plugins.

Everything a reader sees in French is in :data:`TERMS` and :data:`MONTHS`, here and
nowhere else; :mod:`citations_fr.referencing` takes its words from them too.

* :class:`FrenchStyle` (``pybtex.style.formatting``, name ``fr``) formats entries the
  French way: ``Nom, Prénom, Prénom Nom et Prénom Nom (2009a).``, titles of parts in
  « guillemets » and titles of whole works in italics, « dans », « éd. », « p. », dates
  as « 1er août 2015 », « consulté le … » for ``urldate``, ``Ville : Éditeur``, and the
  DOI as a link.  It knows the BibTeX and biblatex types (``@online`` and others) and the
  biblatex fields ``date`` (instead of ``year``/``month``), ``urldate``, ``doi``,
  ``organization``, ``location`` and ``journaltitle``; an unknown type is formatted as
  ``@misc`` (:func:`unsupported_types` lets the extension warn about it).
* :class:`FrenchLabelStyle` (``pybtex.style.labels``, name ``fr``) labels entries
  ``Shafer 2009a``: names and year as in the citations, with the letter that tells apart
  two works of the same authors and year, which :func:`year_suffix` gives back to the
  citations.
* :class:`FrenchSortingStyle` (``pybtex.style.sorting``, name ``fr``) sorts by authors
  (or editors, or title), year, then title, ignoring case and accents.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from pybtex.plugin import find_plugin
from pybtex.richtext import BaseMultipartText, HRef, String, Tag, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle, toplevel
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import (
    FieldIsMissing,
    field,
    first_of,
    href,
    join,
    node,
    optional,
    optional_field,
    sentence,
    tag,
    words,
)

from french_collation import fold
from web_url import doi_url, is_web_url

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from pybtex.database import Entry, Person

NBSP = "\u00a0"
APOSTROPHE = "\N{RIGHT SINGLE QUOTATION MARK}"  # l’apostrophe typographique
EN_DASH = "\N{EN DASH}"

#: The words of the bibliography and of the citations, in French.
TERMS = {
    "and": " et ",  # between the last two names
    "et_al": "et\u00a0al.",  # after the first name, beyond two (in italics); no line break
    "no_date": "s.\u00a0d.",  # sans date; no line break inside
    "editor": "éd.",  # « (éd.) » after the editors' names
    "in": "Dans",  # « Dans Titre du recueil » (a sentence starts with it)
    "page": "p.",  # singular and plural alike
    "chapter": "chap.",
    "volume": "vol.",
    "number": "n",  # followed by a superscript « o »: nº
    "number_sup": "o",
    "series": "coll.",
    "edition": "éd.",  # « 2e éd. »
    "first_sup": "re",  # 1re
    "nth_sup": "e",  # 2e, 3e…
    "first_day": "1er",  # « 1er août 2015 », « er » in superscript (:func:`ordinals`)
    "first_day_sup": "er",
    "online": "En ligne",  # « En ligne : https://… »
    "accessed": "consulté le",  # « (consulté le 26 novembre 2026) »
    "accessed_in": "consulté en",  # when urldate has no day
    "doi": "DOI",
    "isbn": "ISBN",
    "colon": NBSP + ": ",  # French colon: no-break space before
    "quote_open": "«" + NBSP,
    "quote_close": NBSP + "»",
    "techreport": "Rapport technique",
    "phdthesis": "Thèse de doctorat",
    "mastersthesis": "Mémoire de master",
    "unpublished": "Inédit",
}

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)

# What a ``month`` field may hold: BibTeX's macros expand to English names.
_MONTH_NAMES = {
    name: index
    for index, names in enumerate(
        zip(
            MONTHS,
            (
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ),
            strict=True,
        ),
        start=1,
    )
    for name in (*names, names[1][:3], names[1][:4])
}
_MONTH_NAMES.update(
    (unicodedata.normalize("NFKD", m).encode("ascii", "ignore").decode(), i)
    for i, m in enumerate(MONTHS, start=1)
)


# -- Dates -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Date:
    """A date as precise as the source gives it (a year, a month, or a day)."""

    year: str
    month: int | None = None
    day: int | None = None
    end: Date | None = None  # biblatex ranges: 2009-10-30/2009-10-31

    def french(self) -> str:
        """« 2009 », « juin 2009 », « 28 juin 2009 », « 1er août 2015 », ranges."""
        if self.end is not None:
            start, end = Date(self.year, self.month, self.day), self.end
            if (start.year, start.month) == (end.year, end.month) and start.day and end.day:
                return f"{_day(start.day)}{EN_DASH}{end.french()}"
            return f"{start.french()} {EN_DASH} {end.french()}"
        parts = []
        if self.day and self.month:
            parts.append(_day(self.day) + NBSP + MONTHS[self.month - 1])
        elif self.month:
            parts.append(MONTHS[self.month - 1])
        parts.append(self.year)
        return " ".join(parts)


def _day(day: int) -> str:
    return TERMS["first_day"] if day == 1 else str(day)


_FIRST_DAY = re.compile(rf"(?<!\d){re.escape(TERMS['first_day'])}(?![^\W\d_])")


def ordinals(text: str) -> Text:
    """A French date as rich text, its ordinal in superscript: « 1<sup>er</sup> août »."""
    parts: list[Any] = []
    position = 0
    for match in _FIRST_DAY.finditer(text):
        parts += [text[position : match.start()], "1", Tag("sup", TERMS["first_day_sup"])]
        position = match.end()
    return Text(*parts, text[position:])


_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_date(value: str) -> Date | None:
    """Parse a biblatex (ISO 8601) date, or a range of two; None if it is not one."""
    start, slash, end = value.strip().partition("/")
    match = _ISO_DATE.fullmatch(start.strip())
    if match is None:
        return None
    year, month, day = match.groups()
    end_date = parse_date(end) if slash and end.strip() else None
    month_number = int(month) if month and 1 <= int(month) <= 12 else None
    day_number = int(day) if month_number and day and 1 <= int(day) <= 31 else None
    return Date(year, month_number, day_number, end_date)


def parse_month(value: str) -> int | None:
    """The number of a ``month`` field: ``6``, ``06``, ``June``, ``jun``, ``juin``."""
    text = plain(value).strip().rstrip(".").lower()
    if text.isdigit():
        return int(text) if 1 <= int(text) <= 12 else None
    return _MONTH_NAMES.get(text)


def entry_date(entry: Entry) -> Date | None:
    """The date of an entry: biblatex's ``date``, else ``year`` and ``month``."""
    fields = entry.fields
    if "date" in fields:
        date = parse_date(plain(fields["date"]))
        if date is not None:
            return date
    if "year" in fields:
        year = plain(fields["year"]).strip()
        month = parse_month(fields["month"]) if "month" in fields else None
        return Date(year, month)
    return None


def entry_year(entry: Entry) -> str:
    """The year of the citations and of the labels (« s. d. » without one)."""
    date = entry_date(entry)
    return date.year if date is not None and date.year else TERMS["no_date"]


# -- Names, labels, sorting ---------------------------------------------------------------


#: pybtex's plain-text backend, found once: ``Text.render_as("text")`` looks it up with
#: ``find_plugin``, which scans every installed entry point on each call.
_PLAIN_TEXT = find_plugin("pybtex.backends", "text")()


@cache
def plain(latex: str) -> str:
    """A BibTeX field as plain text (accents decoded, braces dropped).

    Called for every name, year and title of every citation on every page, with the same
    few hundred strings: cached, as the backend is.
    """
    return str(Text.from_latex(latex).render(_PLAIN_TEXT))


def last_name(person: Person) -> str:
    return plain(" ".join(person.prelast_names + person.last_names))


def join_names(names: list[str]) -> str:
    """« A », « A et B », « A et al. »: how citations name the authors."""
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return TERMS["and"].join(names)
    return f"{names[0]} {TERMS['et_al']}"


def entry_persons(entry: Entry) -> list[Person]:
    return list(entry.persons.get("author") or entry.persons.get("editor") or [])


def label_base(entry: Entry) -> str:
    """A label without its disambiguating letter: ``Shafer 2009``, ``Allspaw et Hammond
    2009``, ``Forsgren et al. 2018``, or the title when there is no author nor editor."""
    persons = entry_persons(entry)
    if persons:
        names = join_names([last_name(person) for person in persons])
    else:
        names = plain(entry.fields.get("title", entry.key))
    # ordinary spaces: a label is a name (« Forsgren et al. 2018 »), not set text; but its
    # apostrophe is the one its citations print (« O’Reilly Media »)
    return f"{names} {entry_year(entry)}".replace(NBSP, " ").replace("'", APOSTROPHE)


def year_suffix(label: str, entry: Entry) -> str:
    """The letter that :class:`FrenchLabelStyle` put in ``label`` after the year."""
    base = label_base(entry)
    index = label.rfind(base)
    rest = label[index + len(base) :] if index >= 0 else ""
    return rest if rest.isalpha() and rest.islower() else ""


def _letters(index: int) -> str:
    """a, b, …, z, aa, ab, …"""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return letters


class FrenchLabelStyle(BaseLabelStyle):
    """Labels ``Shafer 2009a``, ``Shafer 2009b`` (letters only where two collide)."""

    def format_labels(self, sorted_entries: Iterable[Entry]) -> Iterator[str]:
        entries = list(sorted_entries)
        bases = [label_base(entry) for entry in entries]
        counts = Counter(bases)
        seen: defaultdict[str, int] = defaultdict(int)
        for base in bases:
            if counts[base] > 1:
                yield base + _letters(seen[base])
                seen[base] += 1
            else:
                yield base


def _sort_text(text: str) -> str:
    """The text's French sort form (:mod:`french_collation`: accents, ligatures, case)."""
    return fold(plain(text)).casefold()


class FrenchSortingStyle(BaseSortingStyle):
    """By authors (or editors, or title), then year, then title; accents ignored."""

    def sorting_key(self, entry: Entry) -> tuple[str, str, str]:
        persons = entry_persons(entry)
        title = _sort_text(entry.fields.get("title", entry.key))  # the key stands for it
        if persons:
            who = "   ".join(
                _sort_text(
                    " ".join(
                        person.prelast_names
                        + person.last_names
                        + person.first_names
                        + person.middle_names
                    )
                )
                for person in persons
            )
        else:
            who = title
        date = entry_date(entry)
        when = "" if date is None else f"{date.year}-{date.month or 0:02}-{date.day or 0:02}"
        return who, when, title


def map_strings(text: Any, convert: Callable[[String], Any]) -> Any:
    """``text`` with each of its strings converted, except in links (URLs).

    Every other kind of rich text keeps its kind and parameters (``text.info``: a tag's
    name, the reference of a citation to its entry); a :class:`~pybtex.richtext.Text`,
    whatever its subclass, becomes a plain one.
    """
    if isinstance(text, String):
        return convert(text)
    if isinstance(text, HRef) or not isinstance(text, BaseMultipartText):
        return text
    parts = [map_strings(part, convert) for part in text.parts]
    if isinstance(text, Text):
        return Text(*parts)
    return type(text)(*text.info, *parts)


def typographic(text: Any) -> Any:
    """``'`` becomes the French typographic apostrophe, except in links (URLs)."""
    return map_strings(text, lambda string: String(string.value.replace("'", APOSTROPHE)))


#: An address written as text in a field (a note's « Copie archivée : https://… »), without
#: the punctuation that ends its sentence.
_URL = re.compile(r"https?://[^\s<>\"«»]+?(?=[.,;:!?)\]]*(?:\s|$))")


def _linked_string(string: String) -> Any:
    parts: list[Any] = []
    position = 0
    for match in _URL.finditer(string.value):
        parts += [String(string.value[position : match.start()])]
        parts += [HRef(match[0], String(match[0]))]
        position = match.end()
    return Text(*parts, String(string.value[position:])) if parts else string


def linked(text: Any) -> Any:
    """Addresses written as text become links: clickable, and cut at their slashes in the
    PDF (as text, a long address cannot be cut and runs into the margin)."""
    return map_strings(text, _linked_string)


#: ``\url{…}`` in a field, as pybtex reads it: the string ``\url `` then the address.
URL_COMMAND = "\\url "


def url_commands(text: Any) -> Any:
    r"""``\url{address}`` in a field becomes a link to the address.

    pybtex leaves the command as text (« \url » then the address); sphinxcontrib-bibtex
    turns that into a link later, whatever the address (``\url{javascript:…}`` was a link).
    Here it becomes a link that :func:`checked_links` checks like every other.
    """
    if isinstance(text, HRef) or not isinstance(text, BaseMultipartText):
        return text
    parts: list[Any] = []
    for part in text.parts:
        previous = parts[-1] if parts else None
        if isinstance(previous, String) and previous.value.endswith(URL_COMMAND):
            parts[-1] = String(previous.value[: -len(URL_COMMAND)])
            address = str(part)
            parts.append(HRef(address, String(address)))
        else:
            parts.append(url_commands(part))
    if isinstance(text, Text):
        return Text(*parts)
    return type(text)(*text.info, *parts)


def checked_links(text: Any) -> Any:
    """Each link whose address is not an http(s) URL of URI characters
    (:func:`web_url.is_web_url`, the domain's rule for ``:url:``) becomes its text:
    ``javascript:…`` and unencoded addresses are never links (warned by
    :func:`citations_fr.checks.warn_bad_urls`)."""
    if isinstance(text, HRef) and not is_web_url(text.url):
        return Text(*(checked_links(part) for part in text.parts))
    if not isinstance(text, BaseMultipartText):
        return text
    parts = [checked_links(part) for part in text.parts]
    if isinstance(text, Text):
        return Text(*parts)
    return type(text)(*text.info, *parts)


def entry_links(entry: Entry) -> Iterator[tuple[str, str]]:
    r"""Each address that the style would make a link of, with its field: ``url``, and
    ``\url{…}`` or an http(s) address in the text of another field (the DOI's address is
    always made valid, by :func:`web_url.doi_url`)."""
    for name, value in entry.fields.items():
        if name.lower() == "url":
            yield name, value
        elif name.lower() != "doi":
            for match in re.finditer(r"\\url\s*\{([^{}]*)\}", value):
                yield name, match[1].strip()
            for match in _URL.finditer(plain(value)):
                yield name, match[0]


# -- Template nodes ----------------------------------------------------------------------

_LASTFIRST = find_plugin("pybtex.style.names", "lastfirst")()
_FIRSTLAST = find_plugin("pybtex.style.names", "plain")()


@node
def persons(
    children: list[Any], data: dict[str, Any], role: str, invert_first: bool = True
) -> Text:
    """« Nom, Prénom, Prénom Nom et Prénom Nom »: only the first name is inverted, and
    none with ``invert_first=False`` (« Dans Prénom Nom (éd.) »)."""
    assert not children
    people = data["entry"].persons.get(role)
    if not people:
        raise FieldIsMissing(role, data["entry"])
    formatted = [
        (_LASTFIRST if index == 0 and invert_first else _FIRSTLAST).format(person)
        for index, person in enumerate(people)
    ]
    return join(sep=", ", last_sep=TERMS["and"], sep2=TERMS["and"])[formatted].format_data(data)


@node
def editors(children: list[Any], data: dict[str, Any], invert_first: bool = True) -> Text:
    """« Nom, Prénom (éd.) », or « Prénom Nom (éd.) »."""
    assert not children
    names = persons("editor", invert_first=invert_first)
    return join[names, f" ({TERMS['editor']})"].format_data(data)


@node
def label_year(children: list[Any], data: dict[str, Any]) -> Text:
    """The year after the names, with the letter of the label: ``2009a``."""
    assert not children
    entry = data["entry"]
    return Text(entry_year(entry) + year_suffix(data.get("label", ""), entry))


@node
def full_date(children: list[Any], data: dict[str, Any]) -> Text:
    """The date when it says more than the year (« 28 juin 2009 »); else missing."""
    assert not children
    date = entry_date(data["entry"])
    if date is None or (date.month is None and date.end is None):
        raise FieldIsMissing("date", data["entry"])
    return ordinals(date.french())


@node
def accessed(children: list[Any], data: dict[str, Any]) -> Text:
    """« (consulté le 26 novembre 2026) », from ``urldate``."""
    assert not children
    entry = data["entry"]
    if "urldate" not in entry.fields:
        raise FieldIsMissing("urldate", entry)
    value = plain(entry.fields["urldate"])
    date = parse_date(value)
    if date is None:
        return Text(f"({TERMS['accessed']} {value})")
    word = TERMS["accessed"] if date.day else TERMS["accessed_in"]
    return ordinals(f"({word} {date.french()})")


@node
def pages(children: list[Any], data: dict[str, Any]) -> Text:
    """« p. 202-207 » (an en dash)."""
    assert not children
    entry = data["entry"]
    if "pages" not in entry.fields:
        raise FieldIsMissing("pages", entry)
    value = re.sub(r"\s*-+\s*", EN_DASH, plain(entry.fields["pages"]))
    return Text(TERMS["page"], NBSP, value)


@node
def ordinal(children: list[Any], data: dict[str, Any], name: str, word: str) -> Text:
    """« 2e éd. », « 1re éd. » from a number (other values as written)."""
    assert not children
    entry = data["entry"]
    if name not in entry.fields:
        raise FieldIsMissing(name, entry)
    value = plain(entry.fields[name]).strip()
    if value.isdigit():
        sup = TERMS["first_sup"] if value == "1" else TERMS["nth_sup"]
        return Text(value, Tag("sup", sup), NBSP, word)
    return Text(value)


def either(*names: str) -> Any:
    """The first of several fields (``journal`` or ``journaltitle``…)."""
    return first_of[(*(optional_field(name) for name in names[:-1]), field(names[-1]))]


def labelled(word: str, name: str) -> Any:
    """« vol. 39 », « chap. 3 »: a word, a no-break space, a field."""
    return join[word, NBSP, field(name)]


@node
def entry_key(children: list[Any], data: dict[str, Any]) -> Text:
    """The entry's key, which stands for a title the entry lacks (« Empty (s. d.). »)."""
    assert not children
    return Text(data["entry"].key)


#: The fields that each template cannot do without (each a choice of names), besides the
#: title, which every template shows and :meth:`FrenchStyle.entry` replaces by the key.  An
#: entry without one of them is formatted as ``@misc`` (:func:`missing_fields` warns it).
REQUIRED_FIELDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "article": (("journal", "journaltitle"),),
    "incollection": (("booktitle",),),
    "inproceedings": (("booktitle",),),
    "techreport": (("institution", "organization"),),
    "phdthesis": (("school", "institution"),),
    "mastersthesis": (("school", "institution"),),
}


#: A sentence after the title: it starts with a capital (« Mars 2020. », not « mars 2020. »).
block = sentence(capfirst=True)

italic_title = tag("em")[field("title")]
quoted_title = join[TERMS["quote_open"], field("title"), TERMS["quote_close"]]
number = join[TERMS["number"], tag("sup")[TERMS["number_sup"]], NBSP, field("number")]
volume = labelled(TERMS["volume"], "volume")
chapter = labelled(TERMS["chapter"], "chapter")
series = join[TERMS["series"], " ", TERMS["quote_open"], field("series"), TERMS["quote_close"]]
edition = ordinal("edition", TERMS["edition"])
place = first_of[optional_field("address"), optional_field("location")]
publisher_place = first_of[
    optional[join(sep=TERMS["colon"])[place, field("publisher")]],
    optional_field("publisher"),
    place,
]


@node
def doi_link(children: list[Any], data: dict[str, Any]) -> HRef:
    """The DOI, linked to its https://doi.org/ address, percent-encoded (a DOI with ``">``
    made an address that epubcheck refused)."""
    assert not children
    entry = data["entry"]
    if "doi" not in entry.fields:
        raise FieldIsMissing("doi", entry)
    doi = entry.fields["doi"]
    return HRef(doi_url(doi), String(doi))


doi = join[TERMS["doi"], TERMS["colon"], doi_link]
online = join[
    TERMS["online"],
    TERMS["colon"],
    href(field("url", raw=True))[field("url", raw=True)],
    optional[" ", accessed],
]

#: biblatex and BibTeX aliases: type -> the type whose template formats it.
TYPE_ALIASES = {
    "conference": "inproceedings",
    "electronic": "online",
    "www": "online",
    "report": "techreport",
    "mvbook": "book",
    "collection": "proceedings",
    "mvcollection": "proceedings",
    "mvproceedings": "proceedings",
    "inreference": "incollection",
    "reference": "book",
    "thesis": "phdthesis",
}


class FrenchStyle(BaseStyle):
    """A French author-year bibliography style (see the module's documentation)."""

    default_name_style = "lastfirst"
    # classes rather than names: the style works without registering them (pybtex alone)
    default_label_style = FrenchLabelStyle
    default_sorting_style = FrenchSortingStyle

    @staticmethod
    def template_name(entry_type: str) -> str | None:
        """The type whose template formats ``entry_type``, or None if it has none."""
        name = TYPE_ALIASES.get(entry_type.lower(), entry_type.lower())
        return name if hasattr(FrenchStyle, f"get_{name}_template") else None

    def format_entry(self, label: str, entry: Entry, bib_data: Any = None) -> FormattedEntry:
        context = {"entry": entry, "style": self, "bib_data": bib_data, "label": label}
        name = self.template_name(entry.type) or "misc"
        try:
            text = getattr(self, f"get_{name}_template")(entry).format_data(context)
        except FieldIsMissing:  # a field its type needs (warned by checks.warn_missing_fields)
            text = self.get_misc_template(entry).format_data(context)
        text = checked_links(url_commands(linked(text)))
        return FormattedEntry(entry.key, typographic(text), label)

    # -- building blocks --

    def entry(self, e: Entry, title: Any, *blocks: Any) -> Any:
        """Names (year). Title. Blocks. Note. DOI. ISBN. En ligne : URL (consulté le …).

        Without a title (a bad entry, warned by :func:`checks.warn_missing_fields`): « Names
        (year). » then the blocks, or the key instead of the title when there are no names.
        """
        if "title" not in e.fields:
            title = entry_key
        if entry_persons(e):
            names = persons("author") if e.persons.get("author") else editors
            head = [sentence[join[names, " (", label_year, ")"]]]
            head += [sentence[title]] if "title" in e.fields else []
        else:
            head = [sentence[join[title, " (", label_year, ")"]]]
        return toplevel[
            [
                *head,
                *blocks,
                block[optional_field("note")],
                block[optional_field("addendum")],
                block[optional[doi]],
                block[optional[words[TERMS["isbn"], field("isbn")]]],
                block[optional[online]],
            ]
        ]

    def in_container(self, e: Entry) -> Any:
        """« Dans Prénom Nom (éd.), *Titre du recueil* »."""
        container = join(sep=", ")[
            optional[editors(invert_first=False)], tag("em")[field("booktitle")]
        ]
        if "author" not in e.persons:  # the editors are already the head
            container = tag("em")[field("booktitle")]
        return words[TERMS["in"], container]

    # -- templates, one per type --

    def get_article_template(self, e: Entry) -> Any:
        journal = tag("em")[either("journal", "journaltitle")]
        return self.entry(
            e,
            quoted_title,
            block[
                journal,
                optional[volume],
                optional[number],
                optional[full_date],
                optional[pages],
            ],
        )

    def get_book_template(self, e: Entry) -> Any:
        return self.entry(
            e,
            italic_title,
            block[optional[edition]],
            block[optional[publisher_place], optional[series], optional[volume]],
        )

    def get_inbook_template(self, e: Entry) -> Any:
        return self.entry(
            e,
            italic_title,
            block[optional[edition]],
            block[
                optional[publisher_place],
                optional[series],
                optional[volume],
                optional[chapter],
                optional[pages],
            ],
        )

    def get_incollection_template(self, e: Entry) -> Any:
        return self.entry(
            e,
            quoted_title,
            block[self.in_container(e), optional[volume], optional[series]],
            block[optional[publisher_place], optional[full_date], optional[pages]],
        )

    get_inproceedings_template = get_incollection_template

    def get_proceedings_template(self, e: Entry) -> Any:
        return self.entry(
            e,
            italic_title,
            block[optional[volume], optional[series]],
            block[optional_field("organization"), optional[publisher_place]],
        )

    def get_misc_template(self, e: Entry) -> Any:
        return self.entry(
            e,
            italic_title,
            block[
                optional_field("howpublished"),
                optional_field("organization"),
                optional[full_date],
            ],
        )

    def get_online_template(self, e: Entry) -> Any:
        return self.entry(
            e,
            italic_title,
            block[optional_field("organization"), optional[full_date]],
        )

    def get_booklet_template(self, e: Entry) -> Any:
        return self.entry(
            e,
            italic_title,
            block[optional_field("howpublished"), optional[place], optional[full_date]],
        )

    def get_manual_template(self, e: Entry) -> Any:
        return self.entry(
            e,
            italic_title,
            block[optional[edition]],
            block[optional_field("organization"), optional[place]],
        )

    def get_techreport_template(self, e: Entry) -> Any:
        kind = first_of[optional_field("type"), TERMS["techreport"]]
        return self.entry(
            e,
            italic_title,
            block[
                join(sep=" ")[kind, optional_field("number")],
                either("institution", "organization"),
                optional[place],
                optional[full_date],
            ],
        )

    def thesis(self, e: Entry, kind: str) -> Any:
        return self.entry(
            e,
            italic_title,
            block[
                first_of[optional_field("type"), kind],
                either("school", "institution"),
                optional[place],
            ],
        )

    def get_phdthesis_template(self, e: Entry) -> Any:
        return self.thesis(e, TERMS["phdthesis"])

    def get_mastersthesis_template(self, e: Entry) -> Any:
        return self.thesis(e, TERMS["mastersthesis"])

    def get_unpublished_template(self, e: Entry) -> Any:
        return self.entry(
            e,
            italic_title,
            block[optional_field("howpublished"), TERMS["unpublished"]],
        )


def unsupported_types(entries: Iterable[Entry]) -> Iterator[Entry]:
    """The entries that :class:`FrenchStyle` formats as ``@misc`` for want of a template."""
    style = FrenchStyle
    for entry in entries:
        name = TYPE_ALIASES.get(entry.type.lower(), entry.type.lower())
        if not hasattr(style, f"get_{name}_template"):
            yield entry


def missing_fields(entry: Entry) -> list[tuple[str, ...]]:
    """The fields (each a choice of names) that ``entry`` lacks for its template, title
    first: a .bib entry such as ``@misc{Empty,}``, which would stop pybtex."""
    name = FrenchStyle.template_name(entry.type) or "misc"
    wanted = (("title",), *REQUIRED_FIELDS.get(name, ()))
    return [names for names in wanted if not any(n in entry.fields for n in names)]
