"""The French bibliography and citations: each entry type, dates, labels, PDF.

The entries are those of ``tests/roots/test-citations-style/refs.bib``; in an expected
text, ``~`` stands for a no-break space (French punctuation and abbreviations) and ``--``
for an en dash.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from citations_fr.style import (
    TERMS,
    Date,
    FrenchLabelStyle,
    FrenchSortingStyle,
    FrenchStyle,
    entry_date,
    entry_year,
    parse_date,
    parse_month,
    unsupported_types,
    year_and_suffix,
)
from conftest import require_tool
from pybtex.database import Entry, Person, parse_file
from pybtex.plugin import find_plugin
from roots_build import build, copy_root

ROOT = Path(__file__).parent / "roots" / "test-citations-style"
#: The root writes an unknown entry type on purpose (formatted as @misc).
QUIET = {"suppress_warnings": ["citations.unknown_entry_type"]}

#: (type, key, label, the entry in the bibliography), in the order of the bibliography.
#: ``~`` stands for a no-break space, ``--`` for an en dash.
EXPECTED = [
    (
        "booklet",
        "Guide2018",
        "ANSSI 2018",
        ("ANSSI (2018). Guide d’hygiène informatique. Brochure, Paris."),
    ),
    (
        "mastersthesis",
        "Bernard2022",
        "Bernard 2022",
        (
            "Bernard, Hugo (2022). Les secrets dans les dépôts Git. Mémoire de master, "
            "Université de Nantes."
        ),
    ),
    (
        "inbook",
        "Booch1991",
        "Booch 1991",
        (
            "Booch, Grady (1991). Object Oriented Design with Applications. Redwood City, "
            "CA~: Benjamin/Cummings, chap.~3, p.~81--114."
        ),
    ),
    (
        "online",
        "Cote2009",
        "Coté 2009",
        (
            "Coté, Michael (2009). Reductive Labs Q&A -- History & the Road-map. RedMonk, "
            "24~juin 2009. En ligne~: http://redmonk.com/cote/2009/06/24/reductivelabs/ "
            "(consulté en novembre 2026)."
        ),
    ),
    (
        "inproceedings",
        "Debois2008",
        "Debois 2008",
        (
            "Debois, Patrick (2008). «~Agile Infrastructure and Operations: How Infra-gile "
            "are You?~». Dans Agile 2008 Conference. Toronto, ON, Canada~: IEEE, août 2008, "
            "p.~202--207. DOI~: 10.1109/Agile.2008.42."
        ),
    ),
    (
        "online",
        "DevOpsDays2009",
        "devopsdays 2009",
        (
            "devopsdays (2009). Devopsdays Ghent 2009. 30--31~octobre 2009. En ligne~: "
            "https://devopsdays.org/events/2009-ghent/ (consulté le 26~novembre 2026)."
        ),
    ),
    (
        "online",
        "DevSecOpsManifesto",
        "DevSecOps.org s. d.",
        (
            "DevSecOps.org (s.~d.). The DevSecOps Manifesto. En ligne~: "
            "https://www.devsecops.org/ (consulté le 26~novembre 2026)."
        ),
    ),
    (
        "incollection",
        "Dupont2012",
        "Dupont 2012",
        (
            "Dupont, Anne (2012). «~La sécurité des chaînes de livraison~». Dans Luc Martin "
            "et Zoé Petit (éd.), Mélanges DevOps. Rennes~: Presses de l’Ouest, p.~45--60."
        ),
    ),
    (
        "phdthesis",
        "Durand2021",
        "Durand 2021",
        (
            "Durand, Élise (2021). Sécuriser l’intégration continue. Thèse de doctorat, "
            "Université de Lille."
        ),
    ),
    (
        "software",
        "Flux2022",
        "Flux project 2022",
        ("Flux project (2022). Flux. En ligne~: https://fluxcd.io/."),
    ),
    (
        "unpublished",
        "Garnier2023",
        "Garnier 2023",
        ("Garnier, Paul (2023). Notes sur le modèle zéro confiance. Inédit. Manuscrit."),
    ),
    (
        "manual",
        "Git2024",
        "Git Reference Manual 2024",
        ("Git Reference Manual (2024). 1re~éd. The Git Project."),
    ),
    (
        "book",
        "Humble2010",
        "Humble et Farley 2010",
        (
            "Humble, Jez et David Farley (2010). Continuous Delivery. 2e~éd. Upper Saddle "
            "River, NJ~: Addison-Wesley, coll. «~Signature Series~». ISBN 978-0-321-60191-9."
        ),
    ),
    (
        "techreport",
        "Kindervag2010",
        "Kindervag 2010",
        ("Kindervag, John (2010). No More Chewy Centers. Rapport technique, Forrester Research."),
    ),
    (
        "proceedings",
        "Actes2019",
        "Lefèvre 2019",
        ("Lefèvre, Claire (éd.) (2019). Actes des journées DevSecOps. Société savante."),
    ),
    (
        "article",
        "Maddox2015",
        "Maddox 2015",
        (
            "Maddox, Pat (2015). «~Agile Roots Celebrates Utah’s Software Development "
            "Community~». Cottonwood Heights Journal, 1er~août 2015. En ligne~: "
            "https://example.org/agile-roots (consulté le 26~novembre 2026)."
        ),
    ),
    (
        "techreport",
        "Rose2020",
        "Rose et al. 2020",
        (
            "Rose, Scott, Oliver Borchert, Stu Mitchell et Sean Connelly (2020). Zero Trust "
            "Architecture. NIST Special Publication 800-207, National Institute of Standards "
            "and Technology, août 2020. DOI~: 10.6028/NIST.SP.800-207."
        ),
    ),
    (
        "misc",
        "AgileRoots2009",
        "Shafer 2009a",
        (
            "Shafer, Andrew~Clay (2009a). Agile Infrastructure. Conférence à Agile Roots "
            "2009, Salt Lake City (Utah), 15~juin 2009. En ligne~: "
            "http://www.slideshare.net/littleidea/agile-infra-agileroots-2009 (consulté le "
            "26~novembre 2026)."
        ),
    ),
    (
        "online",
        "Shafer2009b",
        "Shafer 2009b",
        (
            "Shafer, Andrew~Clay (2009b). Agile Infrastructure: A Story in Three Acts. "
            "SlideShare, 23~juin 2009. En ligne~: "
            "http://www.slideshare.net/littleidea/agile-infrastructure-velocity-09 (consulté "
            "le 26~novembre 2026)."
        ),
    ),
    (
        "article",
        "Ward2014",
        "Ward et Beyer 2014",
        (
            "Ward, Rory et Betsy Beyer (2014). «~BeyondCorp: A New Approach to Enterprise "
            "Security~». ;login:, vol.~39, no~6, décembre 2014, p.~6--11."
        ),
    ),
]


BACKEND = find_plugin("pybtex.backends", "docutils")()


def shown(text: str) -> str:
    """``text`` with ``~`` for no-break spaces and ``--`` for en dashes."""
    return text.replace("\u00a0", "~").replace("\N{EN DASH}", "--")


@pytest.fixture(scope="module")
def formatted():
    data = parse_file(ROOT / "refs.bib")
    entries = list(FrenchStyle().format_entries(data.entries.values()))
    return data, entries


def test_each_entry_type_in_french(formatted):
    data, entries = formatted
    got = [
        (data.entries[e.key].type, e.key, e.label, shown(BACKEND.paragraph(e).astext()))
        for e in entries
    ]
    assert got == EXPECTED


def test_rich_text_italics_quotes_and_links(formatted):
    _, entries = formatted
    html = {
        entry.key: entry.text.render_as("html").replace("\u00a0", "&nbsp;") for entry in entries
    }
    assert "<em>Continuous Delivery</em>" in html["Humble2010"]  # a whole work: italics
    assert "2<sup>e</sup>&nbsp;éd." in html["Humble2010"]
    assert "«&nbsp;La sécurité des chaînes de livraison&nbsp;»" in html["Dupont2012"]  # a part
    assert "Dans Luc Martin et Zoé Petit (éd.), <em>Mélanges DevOps</em>" in html["Dupont2012"]
    assert "<em>;login:</em>, vol.&nbsp;39, n<sup>o</sup>&nbsp;6" in html["Ward2014"]
    assert (
        'DOI&nbsp;: <a href="https://doi.org/10.1109/Agile.2008.42">10.1109/Agile.2008.42</a>'
        in html["Debois2008"]
    )
    assert (
        'En ligne&nbsp;: <a href="https://www.devsecops.org/">https://www.devsecops.org/</a>'
        " (consulté le 26&nbsp;novembre 2026)." in html["DevSecOpsManifesto"]
    )


def test_unknown_types_are_formatted_as_misc():
    data = parse_file(ROOT / "refs.bib")
    assert [entry.key for entry in unsupported_types(data.entries.values())] == ["Flux2022"]
    style = FrenchStyle()
    assert style.template_name("software") is None
    assert style.template_name("Online") == "online"
    assert style.template_name("conference") == "inproceedings"
    assert style.template_name("report") == "techreport"


# -- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "french"),
    [
        ("2009", "2009"),
        ("2021-11", "novembre 2021"),
        ("2009-06-28", "28\u00a0juin 2009"),
        ("2015-08-01", "1er\u00a0août 2015"),
        ("2016-02-29", "29\u00a0février 2016"),
        ("2013-12-11", "11\u00a0décembre 2013"),
        ("2009-10-30/2009-10-31", "30--31\u00a0octobre 2009"),
        ("2009-10-30/2009-11-02", "30\u00a0octobre 2009 -- 2\u00a0novembre 2009"),
        ("2009/2010", "2009 -- 2010"),
    ],
)
def test_dates_in_french(value, french):
    assert parse_date(value).french().replace("\N{EN DASH}", "--") == french


def test_months_and_dates_of_entries():
    assert [parse_month(m) for m in ("June", "jun", "6", "06", "juin", "Août", "aout")] == [
        6,
        6,
        6,
        6,
        6,
        8,
        8,
    ]
    assert parse_month("summer") is None
    assert parse_date("Summer 2009") is None
    # biblatex's date wins over year and month; without either: « s. d. »
    both = Entry("online", fields={"date": "2009-06-24", "year": "2010", "month": "May"})
    assert entry_date(both) == Date("2009", 6, 24)
    assert entry_date(Entry("misc", fields={"year": "2009", "month": "jun"})) == Date("2009", 6)
    assert entry_year(Entry("online", fields={"title": "T"})) == TERMS["no_date"] == "s.\u00a0d."


# -- labels, sorting, citations ----------------------------------------------------------------


def person_entry(key: str, year: str, *names: str, title: str = "T") -> Entry:
    entry = Entry("book", fields={"year": year, "title": title})
    entry.key = key
    entry.persons["author"] = [Person(name) for name in names]
    return entry


def test_labels_tell_apart_the_same_authors_and_year():
    entries = [
        person_entry("a", "2009", "Shafer, Andrew", title="A"),
        person_entry("b", "2009", "Shafer, Andrew", title="B"),
        person_entry("c", "2010", "Shafer, Andrew"),
        person_entry("d", "2009", "Allspaw, John", "Hammond, Paul"),
        person_entry("e", "2018", "Forsgren, Nicole", "Humble, Jez", "Kim, Gene"),
    ]
    assert list(FrenchLabelStyle().format_labels(entries)) == [
        "Shafer 2009a",
        "Shafer 2009b",
        "Shafer 2010",
        "Allspaw et Hammond 2009",
        "Forsgren et al. 2018",
    ]


def test_a_letter_after_no_date_is_set_apart():
    """Two undated works of the same authors: « s. d.-a », « s. d.-b » (as APA's « n.d.-a »),
    not « s. d.a » with the letter glued to the period; a year takes its letter as is."""
    undated = [person_entry(key, "", "Builds, Reproducible", title=key) for key in "ab"]
    for entry in undated:
        del entry.fields["year"]
    labels = list(FrenchLabelStyle().format_labels(undated))
    assert [year_and_suffix(e, label) for e, label in zip(undated, labels, strict=True)] == [
        "s.\u00a0d.-a",
        "s.\u00a0d.-b",
    ]
    dated = [person_entry(key, "2009", "Shafer, Andrew", title=key) for key in "ab"]
    labels = list(FrenchLabelStyle().format_labels(dated))
    assert year_and_suffix(dated[1], labels[1]) == "2009b"


def test_sorting_ignores_case_and_accents():
    entries = [
        person_entry("z", "2001", "Zola, Émile"),
        person_entry("e2", "2005", "Étienne, Luc"),
        person_entry("e1", "2003", "etienne, Luc"),
        person_entry("a", "2001", "Abel, Anne"),
    ]
    assert [e.key for e in FrenchSortingStyle().sort(entries)] == ["a", "e1", "e2", "z"]


@pytest.fixture(scope="module")
def html(tmp_path_factory) -> Path:
    built = build(copy_root("citations-style", tmp_path_factory.mktemp("style")), "html", **QUIET)
    assert built.warnings == ""
    return built.outdir / "index.html"


def test_citations_in_french(html):
    text = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").find("p").get_text()
    assert text == (
        "Citations : (Ward et Beyer, 2014), Humble et Farley (2010), (Rose et\u00a0al., 2020),"
        " (DevSecOps.org, s.\u00a0d.), Shafer (2009b),\n(2015) et (Coté, 2009, p.\u00a02)."
    )


def test_the_bibliography_page_lists_every_entry_in_french(html):
    page = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    entries = page.select("div.citation")
    assert [entry.select_one("span.label").get_text().strip("[]") for entry in entries] == [
        label for _, _, label, _ in EXPECTED
    ]
    assert [shown(entry.select_one("p").get_text()) for entry in entries] == [
        text for _, _, _, text in EXPECTED
    ]


@pytest.mark.slow
def test_the_pdf_prints_the_french_bibliography(tmp_path):
    """LaTeX of the style root, compiled by latexmk (pdflatex, babel french)."""
    latexmk, pdftotext = require_tool("latexmk"), require_tool("pdftotext")
    outdir = build(copy_root("citations-style", tmp_path), "latex", **QUIET).outdir
    compiled = subprocess.run(
        [latexmk, "-pdf", "-interaction=nonstopmode", "-halt-on-error", "styles.tex"],
        cwd=outdir,
        capture_output=True,
        text=True,
        check=False,
    )
    assert compiled.returncode == 0, compiled.stdout[-3000:]
    text = subprocess.run(
        [pdftotext, "-enc", "UTF-8", "styles.pdf", "-"],
        cwd=outdir,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = " ".join(text.split()).replace("\N{EN DASH}", "--")
    for expected in [
        "(consulté le 26 novembre 2026)",
        "1er août 2015",
        "Thèse de doctorat, Université de Lille",
        "Dupont, Anne (2012). « La sécurité des chaînes de livraison ». Dans Luc Martin et Zoé"
        " Petit (éd.), Mélanges DevOps.",
        "Coté, Michael (2009)",
        "Guide d’hygiène informatique",
        "décembre 2014, p. 6--11",
        "(Ward et Beyer, 2014)",
    ]:
        assert expected in flat
    log = (outdir / "styles.log").read_text(encoding="latin-1")
    assert "Unicode character" not in log
    assert "Missing character" not in log
