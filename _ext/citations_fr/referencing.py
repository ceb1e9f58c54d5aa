"""French author-year citations, as a sphinxcontrib-bibtex reference style.

Registered as ``author_year_fr`` in the group ``sphinxcontrib.bibtex.style.referencing``
(set ``bibtex_reference_style = "author_year_fr"``).  It is sphinxcontrib-bibtex's
``author_year`` with French words and punctuation:

* ``{cite:p}``: « (Shafer, 2009) », « (voir Shafer, 2009, chap. 3) »,
  « (Allspaw et Hammond, 2009; Forsgren et al., 2018) »;
* ``{cite:t}``: « Shafer (2009) », « Shafer (2009, p. 12) »;
* ``{cite:yearpar}``: « (2009) », with a prefix and a suffix too (Pandoc's ``[-@key]``);
* the year comes from biblatex's ``date`` when there is no ``year``, is « s. d. » when
  there is neither, and takes the letter of the label (« 2009a ») that tells apart two
  works of the same authors and year;
* consecutive works of the same authors in one parenthetical citation name them once:
  « (Forsgren et al., 2018, 2019) »;
* a locator's abbreviation keeps its number on its line: « p.\u00a012 » (U+00A0);
* an author's apostrophe is the typographic one, as in the bibliography: « (O’Reilly
  Media, s. d.) », not ``O'Reilly`` (which LaTeX prints as a straight quote).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pybtex.richtext import Tag, Text
from pybtex.style.template import first_of, join, node, optional
from sphinxcontrib.bibtex.style.referencing import (
    BracketStyle,
    GroupReferenceStyle,
    PersonStyle,
)
from sphinxcontrib.bibtex.style.referencing.basic_author_year import (
    BasicAuthorYearParentheticalReferenceStyle,
    BasicAuthorYearTextualReferenceStyle,
)
from sphinxcontrib.bibtex.style.referencing.extra_author import ExtraAuthorReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_empty import ExtraEmptyReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_label import ExtraLabelReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_year import ExtraYearReferenceStyle
from sphinxcontrib.bibtex.style.template import join2, reference

from .style import TERMS, entry_key, entry_year, typographic, year_suffix

if TYPE_CHECKING:
    from pybtex.richtext import BaseText
    from pybtex.style.template import Node

#: « p. 12 », « chap. 3 », « vol. 2 », « n° 4 », « § 5 »: an abbreviation (or sign) and a
#: number, which a line break must not part.
LOCATOR = re.compile(
    r"(?<![^\W\d_])(p|pp|chap|ch|vol|t|n|no|nos|fig|sect|art|al|éd|ed|coll|col|l|§|n°)(\.?) (?=\d)",
    re.IGNORECASE,
)


def locator_spaces(text: str) -> str:
    """The space after a locator's abbreviation made a no-break space (U+00A0)."""
    return LOCATOR.sub(lambda match: f"{match[1]}{match[2]}\u00a0", text)


@node
def pre_text(children: list[Any], data: dict[str, Any]) -> Text:
    """The text before a citation (sphinxcontrib-bibtex's, with :func:`locator_spaces`)."""
    assert not children
    return Text(locator_spaces(data["reference_info"].pre_text))


@node
def post_text(children: list[Any], data: dict[str, Any]) -> Text:
    """The text after a citation, usually a locator: « p.\u00a012 »."""
    assert not children
    return Text(locator_spaces(data["reference_info"].post_text))


@node
def year(children: list[Any], data: dict[str, Any]) -> Text:
    """The year of a citation: ``2009``, ``2009a``, ``s. d.``."""
    assert not children
    entry = data["entry"]
    return Text(entry_year(entry) + year_suffix(data["formatted_entry"].label, entry))


@node
def apostrophes(children: list[Any], data: dict[str, Any]) -> BaseText:
    """The citation of ``children`` with :func:`~citations_fr.style.typographic` apostrophes."""
    return typographic(join[children].format_data(data))


@dataclass
class FrenchPersonStyle(PersonStyle):
    """sphinxcontrib-bibtex's, with the entry's key when it has no author, editor nor title
    (``@misc{Empty,}``, warned by :func:`citations_fr.checks.warn_missing_fields`): « (Empty,
    s. d.) » rather than pybtex's ``FieldIsMissing``, which stops the build."""

    def author_or_editor_or_title(self, full: bool) -> Node:
        return first_of[optional[super().author_or_editor_or_title(full)], entry_key]


def french_person() -> PersonStyle:
    """« Shafer », « Allspaw et Hammond », « Forsgren *et al.* »."""
    return FrenchPersonStyle(
        sep=", ",
        sep2=TERMS["and"],
        last_sep=TERMS["and"],
        other=Text(" ", Tag("em", TERMS["et_al"])),
    )


#: French puts a thin no-break space before « ; » (U+202F, as french_typography writes it).
CITATION_SEP = "\u202f; "


def parentheses(
    sep: str = CITATION_SEP, sep2: str | None = None, last_sep: str | None = None
) -> BracketStyle:
    return BracketStyle(left="(", right=")", sep=sep, sep2=sep2, last_sep=last_sep)


class CitedWork(Text):
    """One formatted citation, with what :meth:`FrenchParentheticalStyle.outer` needs to
    merge it with the previous one: its authors, its text without them, its pre- and
    post-texts."""

    def __init__(self, *parts: Any, authors: str, year_only: BaseText, pre: bool, post: bool):
        super().__init__(*parts)
        self.authors, self.year_only, self.pre, self.post = authors, year_only, pre, post


@node
def cited_work(
    children: list[Any], data: dict[str, Any], style: FrenchParentheticalStyle, full: bool
) -> CitedWork:
    """A :class:`CitedWork`: « voir Forsgren et al., 2018, p. 3 »."""
    assert not children
    author = style.person.author_or_editor_or_title(full=full)
    text = join2(sep1=style.pre_text_sep, sep2=style.post_text_sep)[
        pre_text, reference[join(sep=style.author_year_sep)[author, year]], post_text
    ].format_data(data)
    year_only = join2(sep1="", sep2=style.post_text_sep)[
        "", reference[year], post_text
    ].format_data(data)
    info = data["reference_info"]
    return CitedWork(
        text,
        authors=author.format_data(data).render_as("text"),
        year_only=year_only,
        pre=bool(info.pre_text),
        post=bool(info.post_text),
    )


@dataclass
class FrenchParentheticalStyle(BasicAuthorYearParentheticalReferenceStyle):
    """``{cite:p}`` and ``{cite:alp}``, with :func:`year`, same authors named once."""

    def inner(self, role_name: str) -> Node:
        return cited_work(style=self, full="s" in role_name)

    def outer(self, role_name: str, children: list[BaseText]) -> Node:
        """« (Forsgren et al., 2018, 2019) »: a work of the same authors as the previous
        one, with no text between them, gives only its year."""
        groups: list[list[BaseText]] = []
        for child in children:
            previous = groups[-1][-1] if groups else None
            if (
                isinstance(child, CitedWork)
                and isinstance(previous, CitedWork)
                and child.authors == previous.authors
                and not previous.post
                and not child.pre
            ):
                groups[-1].append(child)
            else:
                groups.append([child])
        merged = [
            Text(group[0], *(Text(self.author_year_sep, work.year_only) for work in group[1:]))
            if len(group) > 1
            else group[0]
            for group in groups
        ]
        return super().outer(role_name, merged)


@dataclass
class FrenchTextualStyle(BasicAuthorYearTextualReferenceStyle):
    """``{cite:t}``, with :func:`year`."""

    def inner(self, role_name: str) -> Node:
        return join(sep=self.text_reference_sep)[
            self.person.author_or_editor_or_title(full="s" in role_name),
            join[
                self.bracket.left,
                join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[
                    pre_text,
                    reference[year],
                    post_text,
                ],
                self.bracket.right,
            ],
        ]


@dataclass
class FrenchYearStyle(ExtraYearReferenceStyle):
    """``{cite:year}`` and ``{cite:yearpar}``, with a prefix and a suffix."""

    pre_text_sep: str = " "
    post_text_sep: str = ", "

    def inner(self, role_name: str) -> Node:
        return join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[
            pre_text, reference[year], post_text
        ]


def author_list() -> BracketStyle:
    """Brackets around a year, authors joined by « et » (« Humble et Farley (2010) »)."""
    return parentheses(", ", TERMS["and"], TERMS["and"])


@dataclass
class FrenchAuthorYearReferenceStyle(GroupReferenceStyle):
    """sphinxcontrib-bibtex's ``author_year``, in French (see the module)."""

    person: PersonStyle = field(default_factory=french_person)
    bracket_parenthetical: BracketStyle = field(default_factory=parentheses)
    bracket_textual: BracketStyle = field(default_factory=author_list)
    bracket_author: BracketStyle = field(default_factory=author_list)
    bracket_year: BracketStyle = field(default_factory=parentheses)
    bracket_label: BracketStyle = field(default_factory=BracketStyle)
    author_year_sep: str = ", "
    text_reference_sep: str = " "
    pre_text_sep: str = " "
    post_text_sep: str = ", "

    def __post_init__(self) -> None:
        self.styles.extend(
            [
                FrenchParentheticalStyle(
                    bracket=self.bracket_parenthetical,
                    person=self.person,
                    author_year_sep=self.author_year_sep,
                    pre_text_sep=self.pre_text_sep,
                    post_text_sep=self.post_text_sep,
                ),
                FrenchTextualStyle(
                    bracket=self.bracket_textual,
                    person=self.person,
                    text_reference_sep=self.text_reference_sep,
                    pre_text_sep=self.pre_text_sep,
                    post_text_sep=self.post_text_sep,
                ),
                FrenchYearStyle(
                    bracket=self.bracket_year,
                    pre_text_sep=self.pre_text_sep,
                    post_text_sep=self.post_text_sep,
                ),
                ExtraAuthorReferenceStyle(bracket=self.bracket_author, person=self.person),
                ExtraLabelReferenceStyle(bracket=self.bracket_label),
                ExtraEmptyReferenceStyle(),
            ]
        )
        super().__post_init__()  # type: ignore[no-untyped-call]  # sphinxcontrib-bibtex

    def outer(self, role_name: str, children: list[BaseText]) -> Node:
        """The role's own outer template, its text given typographic apostrophes."""
        return apostrophes[super().outer(role_name, children)]
