"""The website, as a French reader sees it: `make html`, furo in French, the Read the Docs build."""

from __future__ import annotations

import gettext
import os
import re
import subprocess
import sys
from pathlib import Path

import furo
import jinja2.ext
import pytest
import sphinx_basic_ng
import yaml
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from conftest import (
    BOOK,
    BUILD_ENV,
    CORRECTED_TEXT,
    FOOTNOTES,
    introduction_headings,
    normalize,
)

import furo_fr

FURO_THEME = Path(furo.__file__).parent / "theme" / "furo"
BASIC_NG_THEME = Path(sphinx_basic_ng.__file__).parent / "theme" / "basic-ng"
LC_MESSAGES = furo_fr.LOCALE_DIR / "fr" / "LC_MESSAGES"

#: English that furo 2025.12.19 shows with language = "fr", and what a French reader gets instead.
ENGLISH_UI = {
    "Skip to content": "Aller au contenu",
    "Back to top": "Retour en haut de la page",
    "Made with": "Fait avec",
    "Next": "Suivant",
    "Previous": "Précédent",
    "Home": "Accueil",
    "Copyright": "Droits d\u2019auteur",
    "Last updated on": "Mis à jour le",
    "On this page": "Sur cette page",
    "Toggle site navigation sidebar": "Afficher ou masquer la navigation du site",
    "Toggle table of contents sidebar": "Afficher ou masquer la table des matières de la page",
    "Toggle Light / Dark / Auto color theme": "Changer de thème : clair, sombre ou automatique",
    "Contents": "Table des matières",
    "Expand": "Déplier",
    "Light mode": "Thème clair",
    "Dark mode": "Thème sombre",
    "Auto light/dark, in light mode": "Thème automatique, actuellement clair",
    "Auto light/dark, in dark mode": "Thème automatique, actuellement sombre",
    "@pradyunsg's": "Furo de @pradyunsg",
}
#: Where a reader meets each French string (any page of the list will do).
UI_PAGES = ("source/index.html", "source/introduction.html", "source/bibliographie.html")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article(page: BeautifulSoup):
    return page.find("article", id="furo-main-content")


def ui_strings(page: BeautifulSoup) -> set[str]:
    """What a reader or a screen reader gets from the theme around the book's text: the page's
    text (article, scripts and styles aside), the text of its SVG <title>s, and its
    title/aria-label/alt/placeholder attributes."""
    page = BeautifulSoup(str(page), "html.parser")
    for node in page(["script", "style", "article"]):
        node.decompose()
    strings = {normalize(text) for text in page.stripped_strings}
    for element in page.find_all(True):
        for attribute in ("title", "aria-label", "alt", "placeholder"):
            if element.has_attr(attribute):
                strings.add(normalize(element[attribute]))
    # Text nodes split around links: « Fait avec Sphinx et Furo de @pradyunsg ».
    strings.add(normalize(page.get_text(" ")))
    return strings


@pytest.fixture(scope="module")
def html(book_build) -> Path:
    return book_build("html")


# -- The book ------------------------------------------------------------------------------------


@pytest.mark.slow
def test_front_page(html):
    page = soup(html / "source" / "index.html")
    assert page.title.get_text() == "Sécurité & DevOps"
    assert article(page).h1.get_text().rstrip("¶") == "Sécurité & DevOps"
    assert "Comprendre le DevOps pour en sécuriser les pratiques." in article(page).get_text()


@pytest.mark.slow
def test_footer_gives_the_licence(html):
    """The footer of every page names the author and the book's licence."""
    for name in ("source/index.html", "source/menaces.html", "genindex.html"):
        raw = soup(html / name).find("div", class_="copyright").get_text()
        footer = " ".join(raw.split())
        assert "2026, L’auteur" in footer, footer
        assert "Texte sous licence Creative Commons" in footer, footer
        assert "(CC BY-SA 4.0) ; code sous licence MIT." in footer, footer
        assert "\u202f;" in raw  # French typography: a narrow no-break space before « ; »


@pytest.mark.slow
def test_people_page_names_each_person_once(html):
    """Each entry of « Personnes » is the biography, opening on the name in bold: the name
    no longer stands above it as a grey heading as well (15 names printed twice); links to
    an entry still land on it."""
    page = article(soup(html / "source/personnes.html"))
    assert page.find("dt") is None
    entries = page.select('[id^="person-"]')
    assert len(entries) >= 10
    for entry in entries:
        name = entry.find("p").find("strong")
        assert name is not None, entry["id"]
        assert entry["id"] == "person-" + name.get_text().replace(" ", "-"), entry["id"]
        assert page.get_text().count(name.get_text() + " est") >= 1


@pytest.mark.slow
def test_tab_titles_with_an_en_dash(html):
    """« Introduction – Sécurité & DevOps »: an en dash between the page's title and the
    site's, not furo's hyphen-minus, on chapters, indexes and the search page alike."""
    titles = {
        name: soup(html / name).title.get_text()
        for name in ("source/introduction.html", "genindex.html", "devops-terms.html")
    }
    assert titles == {
        "source/introduction.html": "Introduction – Sécurité & DevOps",
        "genindex.html": "Index – Sécurité & DevOps",
        "devops-terms.html": "Index des termes – Sécurité & DevOps",
    }


@pytest.mark.slow
def test_see_entries_of_the_general_index_are_links(html):
    """« artifact, voir artefact »: the « voir » line leads to the entry it names (it was
    plain text)."""
    page = article(soup(html / "genindex.html"))
    see = [
        item for item in page.select("li li") if item.get_text(" ", strip=True).startswith("voir ")
    ]
    assert len(see) > 5
    for item in see:
        link = item.find("a")
        assert link is not None, item.get_text()
        assert link.get_text() == item.get_text(" ", strip=True), item
        assert link["href"].startswith("source/"), link


@pytest.mark.slow
def test_summary_table_numbered(html):
    """Chapter 2's summary table has its number and caption (numfig)."""
    caption = soup(html / "source/menaces.html").find("table").find("caption")
    text = " ".join(caption.get_text().split())
    assert text.startswith("Tableau 1 Les attaques contre la chaîne de livraison"), text


@pytest.mark.slow
def test_every_page_is_french(html):
    pages = sorted(html.rglob("*.html"))
    assert len(pages) >= 6
    for path in pages:
        assert soup(path).html["lang"] == "fr", path


@pytest.mark.slow
def test_introduction_headings(html):
    page = article(soup(html / "source" / "introduction.html"))
    shown = [
        normalize(h.get_text()).rstrip("¶").strip() for h in page.find_all(re.compile(r"^h[1-6]$"))
    ]
    assert shown == introduction_headings()


@pytest.mark.slow
def test_introduction_text(html):
    text = normalize(article(soup(html / "source" / "introduction.html")).get_text())
    for sentence in CORRECTED_TEXT:
        assert sentence in text


@pytest.mark.slow
def test_french_typography(html):
    """French quotes with their no-break spaces, typographic apostrophes."""
    text = article(soup(html / "source" / "introduction.html")).get_text()
    assert "«\u00a0Agile Infrastructure\u00a0»" in text
    assert "«\u00a0Agile System Administration\u00a0»" in text
    assert "La sécurité ne faisait pas partie du projet de départ\u00a0: le mot lui-même" in text
    assert "l\u2019y ajoute" in text


@pytest.mark.slow
def test_footnotes(html):
    """The footnote calls, numbered from 1, each leading to its note, with the note's links."""
    page = article(soup(html / "source" / "introduction.html"))
    calls = page.select('a[role="doc-noteref"]')
    numbers = [str(number) for number in range(1, len(FOOTNOTES) + 1)]
    assert [normalize(call.get_text()).strip("[]") for call in calls] == numbers
    for call, (expected, links) in zip(calls, FOOTNOTES, strict=True):
        note = page.find(id=call["href"].removeprefix("#"))
        assert note is not None, call
        assert expected in normalize(note.get_text("")), note
        assert set(links) <= {a["href"] for a in note.find_all("a", href=True)}, note


#: A citation as a link shows it: « Debois, 2008 », « Forsgren et al., 2018 », « Harvey, s. d. ».
YEAR = r"\d{4}[a-z]?|s\. d\."
CITATION = re.compile(rf"(?P<names>.+), (?P<year>{YEAR})")


@pytest.mark.slow
def test_citation_links_to_the_bibliography(html):
    """Each citation of the introduction leads to the entry of its author and year."""
    page = article(soup(html / "source" / "introduction.html"))
    citations = [a for a in page.find_all("a", href=True) if "bibliographie.html#" in a["href"]]
    assert citations, "no citation links to the bibliography"
    bibliography = soup(html / "source" / "bibliographie.html")
    names = None
    for citation in citations:
        shown = normalize(citation.get_text())
        if cited := CITATION.fullmatch(shown):
            names, year = cited["names"], cited["year"]
        else:
            # « (Forsgren et al., 2018, 2019) »: the next work of the same authors, its year
            assert names, citation
            assert re.fullmatch(YEAR, shown), citation
            year = shown
        entry = bibliography.find(id=citation["href"].split("#", 1)[1])
        assert entry is not None, citation
        text = normalize(entry.p.get_text())
        first_author = re.split(r" et al\.| et ", names)[0]
        assert text.startswith(first_author), (citation, text)
        assert f"({year})" in text, (citation, text)


@pytest.mark.slow
def test_bibliography_entry(html):
    text = normalize(article(soup(html / "source" / "bibliographie.html")).get_text())
    assert re.search(r"Andrew Clay Shafer|Shafer, Andrew Clay", text)
    assert "agile infrastructure" in text.casefold()
    assert "Agile Roots 2009" in text
    links = [a["href"] for a in article(soup(html / "source" / "bibliographie.html"))("a")]
    assert "http://www.slideshare.net/littleidea/agile-infra-agileroots-2009" in links


@pytest.mark.slow
def test_apostrophes_before_markup(html):
    for path in sorted(html.rglob("*.html")):
        text = article(soup(path)).get_text() if article(soup(path)) else ""
        assert not re.search(r"\w\u201d\w", text), path


# -- The root page -------------------------------------------------------------------------------


@pytest.mark.slow
def test_root_page_leads_to_the_book(html):
    """Read the Docs serves index.html at the root of the site: it leads to source/index.html."""
    page = soup(html / "index.html")
    refresh = page.find("meta", attrs={"http-equiv": "refresh"})
    assert refresh["content"] == "0; url=source/index.html"
    assert page.find("a")["href"] == "source/index.html"
    assert page.html["lang"] == "fr"
    assert (html / "source" / "index.html").is_file()


# -- furo in French ------------------------------------------------------------------------------


@pytest.mark.slow
def test_no_english_ui(html):
    for path in sorted(html.rglob("*.html")):
        strings = ui_strings(soup(path))
        raw = path.read_text(encoding="utf-8")
        for english in ENGLISH_UI:
            word = re.compile(rf"(?<!\w){re.escape(english)}(?!\w)")
            assert not any(word.search(s) for s in strings), (path, english)
            assert f"<title>{english}</title>" not in raw, (path, english)


@pytest.mark.slow
def test_french_ui(html):
    strings = set().union(*(ui_strings(soup(html / name)) for name in UI_PAGES))
    for english, french in ENGLISH_UI.items():
        assert any(normalize(french) in s for s in strings), (english, french)


@pytest.mark.slow
def test_search_page_in_french(html):
    page = soup(html / "search.html")
    assert "Activez JavaScript pour pouvoir utiliser la recherche." in normalize(page.get_text())
    assert page.title.get_text() == "Recherche – Sécurité & DevOps"


def test_catalogs_mo_match_po():
    """The committed .mo files are the compiled .po files (`make catalogs`)."""
    pos = sorted(LC_MESSAGES.glob("*.po"))
    assert {po.stem for po in pos} == {"sphinx", "furo_fr"}
    for po in pos:
        with po.open("rb") as file:
            catalog = read_po(file)
        expected = {
            message.id: message.string
            for message in catalog
            if message.id and message.string and not message.fuzzy
        }
        assert len(expected) == len([m for m in catalog if m.id]), f"{po}: untranslated/fuzzy"
        with po.with_suffix(".mo").open("rb") as file:
            compiled = gettext.GNUTranslations(file)
        assert {k: v for k, v in compiled._catalog.items() if k} == expected, po


def furo_msgids() -> set[str]:
    """The {% trans %} and _() strings of furo's templates and of its base theme."""
    found = set()
    for theme in (FURO_THEME, BASIC_NG_THEME):
        for template in theme.rglob("*.html"):
            with template.open("rb") as file:
                for _line, _function, message, _comments in jinja2.ext.babel_extract(
                    file, ("_", "gettext", "ngettext"), (), {}
                ):
                    found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_furo_string_has_a_french_translation():
    """A new furo that adds strings makes this fail instead of showing English."""
    with (LC_MESSAGES / "sphinx.mo").open("rb") as file:
        ours = gettext.GNUTranslations(file)._catalog
    sphinx_fr = gettext.translation(
        "sphinx", Path(sys.modules["sphinx"].__file__).parent / "locale", ["fr"]
    )._catalog
    # Furo's own credit, a link with no words to translate.
    missing = {
        message
        for message in furo_msgids()
        if message not in ours and message not in sphinx_fr and "Furo</a>" not in message
    }
    assert not missing


def test_every_hardcoded_string_is_in_furo_and_translated():
    """The markup that furo_fr translates is still in furo's templates (else a new furo moved
    it and the English would come back), and has a French translation."""
    templates = "\n".join(p.read_text(encoding="utf-8") for p in FURO_THEME.rglob("*.html"))
    with (LC_MESSAGES / "furo_fr.mo").open("rb") as file:
        ours = gettext.GNUTranslations(file)._catalog
    for markup, english in furo_fr.HARDCODED:
        assert markup.format(english) in templates, english
        assert english in ours, english
    assert "</a>'s" in templates
    assert furo_fr.POSSESSIVE_MSGID in ours


def test_filter_translates_around_the_article_only(monkeypatch):
    html = (
        '<svg><title>Contents</title></svg><a href="https://pradyunsg.me">@pradyunsg</a>\'s\n'
        ' <a href="https://github.com/pradyunsg/furo">Furo</a>'
        '<article role="main" id="furo-main-content"><svg><title>Contents</title></svg>'
        ' aria-label="Toggle site navigation sidebar"</article>'
    )
    monkeypatch.setattr(furo_fr, "_", lambda message: message)  # English: nothing changes
    assert str(furo_fr.translate_furo_page(html)) == html
    french = {
        "Contents": "Table « des » matières",
        "%(author)s's %(theme)s": "%(theme)s de %(author)s",
    }
    monkeypatch.setattr(furo_fr, "_", lambda message: french.get(message, message))
    result = str(furo_fr.translate_furo_page(html))
    assert result.startswith(
        "<svg><title>Table « des » matières</title></svg>"
        '<a href="https://github.com/pradyunsg/furo">Furo</a> de '
        '<a href="https://pradyunsg.me">@pradyunsg</a><article'
    )
    assert result.endswith(html[html.index("<article") :])


# -- Read the Docs -------------------------------------------------------------------------------

#: The command Read the Docs runs for the HTML (build.jobs aside), from the repository root.
RTD_COMMAND = "{python} -m sphinx -T -W --keep-going -b html -d {doctrees} -D language=fr . {out}"


@pytest.mark.slow
def test_read_the_docs_builds_the_same_site(html, tmp_path):
    """Read the Docs' exact command gives the same files, byte for byte, as `make html`.

    Nothing is ignored: both builds share SOURCE_DATE_EPOCH (the only thing that could differ
    is « Mis à jour le … » across midnight).  The doctrees go to a temporary folder instead of
    _build/doctrees, not to touch the checkout; they are not part of the site.
    """
    out = tmp_path / "html"
    command = [
        part.format(python=sys.executable, doctrees=tmp_path / "doctrees", out=out)
        for part in RTD_COMMAND.split()
    ]
    env = {**BUILD_ENV, "READTHEDOCS": "True", "READTHEDOCS_OUTPUT": str(tmp_path)}
    result = subprocess.run(command, cwd=BOOK, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr

    def tree(root: Path) -> dict[str, bytes]:
        return {
            os.path.relpath(path, root): path.read_bytes()
            for path in root.rglob("*")
            if path.is_file()
        }

    rtd, make = tree(out), tree(html)
    assert sorted(rtd) == sorted(make)
    assert [name for name in sorted(rtd) if rtd[name] != make[name]] == []


def test_read_the_docs_configuration():
    """Read the Docs builds conf.py's site with warnings as errors, offers the PDF and the
    EPUB, and installs the TeX that CI installs (.ci/run) for the PDF."""
    config = yaml.safe_load((BOOK / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert config["sphinx"] == {
        "configuration": "conf.py",
        "builder": "html",
        "fail_on_warning": True,
    }
    assert set(config["formats"]) == {"pdf", "epub"}
    assert config["python"]["install"] == [{"requirements": "requirements.txt"}]
    ci = (BOOK / ".ci" / "run").read_text(encoding="utf-8")
    tex = {
        package
        for package in re.findall(r"[\w.+-]+", ci)
        if package.startswith(("texlive", "tex-", "latexmk", "xindy"))
    }
    assert tex
    assert tex <= set(config["build"]["apt_packages"])
