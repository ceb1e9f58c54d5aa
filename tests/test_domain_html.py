"""The devops domain in HTML: links, first-mention footnotes, tooltips, entries, indexes."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from roots_build import build, copy_root, edit, search_index


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """Build the test root once for the module; return a page loader."""
    built = build(copy_root("domain", tmp_path_factory.mktemp("html")), "html")
    assert built.warnings == ""

    def load(name: str) -> BeautifulSoup:
        return page_soup(built.outdir / name)

    load.outdir = built.outdir
    return load


def page_soup(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def body_text(soup: BeautifulSoup) -> str:
    return " ".join(soup.select_one("div.body").get_text(" ").split())


def footnotes(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """(number, text) of each footnote of a page, in page order."""
    result = []
    for note in soup.select("aside.footnote"):
        label = note.select_one("span.label").get_text("").strip("[]")
        note.select_one("span.label").decompose()
        result.append((label, " ".join(note.get_text(" ").split())))
    return result


def test_first_mention_footnotes_numbered_with_the_authors(pages):
    notes = footnotes(pages("chap1.html"))
    assert [number for number, _ in notes] == [str(n) for n in range(1, 12)]
    texts = [text for _, text in notes]
    assert texts[0].startswith("Patrick Debois a inventé le mot DevOps.")
    assert "http://www.jedi.be/blog/" in texts[0]
    assert texts[1] == "Note de l’auteur."
    assert texts[2].startswith("Andrew Shafer est développeur")
    assert texts[3] == "L’agilité permet de s’adapter aux changements."  # a :footnote: term
    assert texts[4] == "Gene Kim est auteur."  # first mention without « ! », in a title
    assert texts[5] == "Deuxième note de l’auteur."
    assert texts[6].startswith("Patrick Debois a inventé")  # forced with « + »
    assert [t.split(" est")[0] for t in texts[7:]] == [
        "Nicole Forsgren",  # table cell
        "Jez Humble",  # table caption
        "John Allspaw travaillait chez Flickr.",  # admonition
        "Martin Fowler",  # first mention outside the LaTeX-only block
    ]


def test_footnote_references_and_backlinks_pair_up(pages):
    soup = pages("chap1.html")
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), "duplicate anchors"
    references = soup.select("a.footnote-reference")
    assert len(references) == len(soup.select("aside.footnote")) > 0  # one per footnote
    for reference in references:
        note = soup.find(id=reference["href"][1:])
        assert note is not None
        assert "footnote" in note["class"]
        backlink = note.select_one("a[role=doc-backlink]")
        assert backlink["href"] == "#" + reference["id"]
        assert backlink.get_text() == reference.get_text().strip("[]")


def test_later_mentions_and_opt_out_have_no_footnote(pages):
    soup = pages("chap1.html")
    debois = [
        a
        for a in soup.select("a.devops-person")
        if "person-Patrick-Debois" in a["href"] and not a.find_parent("aside")
    ]
    assert [a.get_text() for a in debois] == ["Patrick Debois", "Debois", "Patrick Debois"]
    followed = [a.find_next_sibling() for a in debois]
    has_note = [n is not None and "footnote-reference" in n.get("class", []) for n in followed]
    assert has_note == [True, False, True]
    gene = soup.select("a.devops-person[href$='person-Gene-Kim']")[0]
    assert gene.find_next_sibling("a", class_="footnote-reference") is None


def test_each_document_gets_its_own_first_mention(pages):
    notes = footnotes(pages("chap2.html"))
    assert [n for n, _ in notes] == ["1"]
    assert notes[0][1].startswith("Patrick Debois a inventé le mot DevOps.")


def test_person_mentions_are_bold_links(pages):
    link = pages("chap1.html").select_one("a.devops-person")
    assert link["href"] == "personnes.html#person-Patrick-Debois"
    assert link.strong is not None
    assert "devops-person" in link.strong["class"]


def test_term_links_aliases_and_explicit_titles(pages):
    soup = pages("chap1.html")
    terms = {a.get_text(): a["href"] for a in soup.select("a.devops-term")}
    assert terms["DevOps"] == "glossaire.html#term-DevOps"
    assert terms["intégration continue"] == "glossaire.html#term-CI-CD"  # an alias
    assert terms["l’éthique"] == "glossaire.html#term-Ethique"  # case-insensitive, explicit title
    abbr = soup.select_one("a.devops-term abbr")
    assert abbr["title"] == "intégration continue et déploiement continu"


def test_code_is_left_alone(pages):
    assert "{person}`Patrick Debois`" in pages("chap1.html").select_one("code").get_text()


def test_tooltip_text_written_once_per_page(pages):
    soup = pages("chap1.html")
    store = soup.select_one("div.devops-tooltips")
    assert store["aria-hidden"] == "true"  # visually hidden, read through aria-describedby
    tips = {tip["id"]: " ".join(tip.get_text(" ").split()) for tip in store.select("[id]")}
    assert tips["devops-tip-glossaire-term-CI-CD"] == "Ensemble de pratiques d’automatisation."
    assert (
        tips["devops-tip-glossaire-term-DevOps"]
        == "Mouvement qui rapproche le développement et l’exploitation."
    )
    html = (pages.outdir / "chap1.html").read_text(encoding="utf-8")
    assert html.count("Ensemble de pratiques d’automatisation.") == 1
    assert "Second paragraphe" not in html  # only the first paragraph
    links = soup.select("a.devops-term")
    assert len(links) >= 4
    for link in links:
        assert soup.find(id=link["aria-describedby"]) is not None
    # A footnote term's links point at its footnote: its text is on the page once.
    agilite = soup.select_one('a.devops-term[href$="#term-agilite"]')
    described = soup.find(id=agilite["aria-describedby"])
    assert described.find_parent("aside", class_="footnote") is not None
    assert html.count("L’agilité permet de s’adapter aux changements.") == 1
    assert "devops-tip-glossaire-term-agilite" not in tips
    assert soup.select_one('script[src*="devops.js"]') is not None


def test_definitions_are_not_repeated_on_their_own_page(pages):
    soup = pages("glossaire.html")
    assert soup.select_one("div.devops-tooltips") is None
    link = soup.select_one('p.devops-see a[href="#term-CI-CD"]')
    own = soup.find(id=link["aria-describedby"])
    assert own.find_parent("dd") is not None  # the definition's own first paragraph
    html = (pages.outdir / "glossaire.html").read_text(encoding="utf-8")
    assert html.count("Ensemble de pratiques d’automatisation.") == 1


def test_entries_render_with_see_also_and_backlinks(pages):
    soup = pages("glossaire.html")
    entry = soup.find(id="term-DevOps").find_next_sibling("dd")
    text = " ".join(entry.get_text(" ").split())
    assert text.startswith("Mouvement qui rapproche")
    see = entry.select_one("p.devops-see")
    assert [a["href"] for a in see.select("a")] == ["#term-CI-CD", "#term-GitOps"]
    assert see.get_text().startswith("Voir aussi\u00a0:")
    assert see.get_text().endswith("GitOps."), "« Voir aussi » ends its sentence"
    backlinks = entry.select_one("p.devops-backlinks")
    assert backlinks.get_text().startswith("Mentionné dans\u00a0:")
    assert [a["href"] for a in backlinks.select("a")] == ["chap1.html#mention-term-devops-1"]
    expansion = soup.find(id="term-CI-CD")
    assert "(intégration continue et déploiement continu)" in expansion.get_text()
    unused = soup.find(id="term-abri").find_next_sibling("dd")
    assert unused.select_one("p.devops-backlinks") is None


def test_mentioned_in_is_written_as_any_link(pages):
    """« Mentionné dans : Premier chapitre. », as Sphinx writes a link to another page."""
    html = (pages.outdir / "glossaire.html").read_text(encoding="utf-8")
    assert (
        'Mentionné dans\u00a0: <a class="reference internal" href="chap1.html'
        '#mention-term-devops-1">Premier chapitre</a>.</p>'
    ) in html


def test_the_search_finds_an_entry_by_the_titles_it_lists(pages):
    """The titles of « Mentionné dans » are text of the page, as any link's text is:
    searching « chapitre » finds the glossary, whose only « chapitre » is in those lists."""
    index = search_index((pages.outdir / "searchindex.js").read_bytes())
    glossary = index["docnames"].index("glossaire")
    found = index["terms"]["chapitr"]
    assert glossary in (found if isinstance(found, list) else [found])


def test_person_entry_lists_every_document(pages):
    entry = pages("personnes.html").find(id="person-Patrick-Debois").find_next_sibling("dd")
    links = [a["href"] for a in entry.select("p.devops-backlinks a")]
    assert links == [
        "chap1.html#mention-person-patrick-debois-1",
        "chap2.html#mention-person-patrick-debois-1",
        "#mention-person-patrick-debois-1",
    ]
    assert entry.select_one("p.devops-url a")["href"] == "http://www.jedi.be/blog/"
    # a biography that mentions someone links to them, with no footnote inside the entry
    shafer = pages("personnes.html").find(id="person-Andrew-Shafer").find_next_sibling("dd")
    assert shafer.select_one("a.devops-person") is not None
    assert shafer.select_one("a.footnote-reference") is None


def test_terms_index_in_french_order(pages):
    soup = pages("devops-terms.html")
    definitions = [
        a.get_text(" ", strip=True)
        for a in soup.select("table.indextable a")
        if a["href"].startswith("glossaire.html#term-")
    ]
    assert definitions == [
        "abri",
        "agilité",
        "CI/CD",
        "DevOps",
        "Éthique",
        "Ezine",
        "fable",
        "GitOps",
    ]
    letters = [cap.get_text().strip() for cap in soup.select("tr.cap")]
    assert letters == ["A", "C", "D", "E", "F", "G"]
    mentions = [a["href"] for a in soup.select("table.indextable a") if "#mention-" in a["href"]]
    assert "chap1.html#mention-term-devops-1" in mentions
    assert "chap1.html#mention-term-integration-continue-1" in mentions  # an alias counts
    assert soup.title.get_text().startswith("Index des termes")


def test_people_index_sorted_by_sort_key(pages):
    soup = pages("devops-people.html")
    names = [
        a.get_text()
        for a in soup.select("a")
        if a.get("href", "").startswith("personnes.html#person-")
    ]
    assert names == [
        "Allspaw, John",
        "Debois, Patrick",
        "Forsgren, Nicole",
        "Fowler, Martin",
        "Humble, Jez",
        "Kim, Gene",
        "Shafer, Andrew",
        "Zola, Émile",
    ]


def test_general_index_and_inventory(pages):
    genindex = body_text(pages("genindex.html"))
    for name in ("CI/CD", "DevOps", "Éthique", "Debois, Patrick", "Zola, Émile"):
        assert name in genindex
    raw = (pages.outdir / "objects.inv").read_bytes()
    inventory = zlib.decompress(raw.split(b"\n", 4)[4]).decode()
    assert re.search(r"^DevOps devops:term 1 glossaire\.html#term-\$ -$", inventory, re.M)
    assert re.search(
        r"^Patrick Debois devops:person 1 personnes\.html#person-Patrick-Debois -$", inventory, re.M
    )
    assert re.search(r"^Éthique devops:term 1 glossaire\.html#term-Ethique -$", inventory, re.M)


def test_another_project_links_to_terms_with_intersphinx(pages, tmp_path):
    """objects.inv lets a second book link to our terms and people."""
    other = tmp_path / "other"
    other.mkdir()
    (other / "conf.py").write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(Path(__file__).parents[1] / '_ext')!r})\n"
        "extensions = ['myst_parser', 'sphinx.ext.intersphinx', 'devops_domain']\n"
        "intersphinx_mapping = {'livre': ('https://livre.example.org/', "
        f"{str(pages.outdir / 'objects.inv')!r})}}\n",
        encoding="utf-8",
    )
    (other / "index.md").write_text(
        "# Autre\n\n{external+livre:devops:term}`DevOps`, {devops:term}`GitOps` et "
        "{devops:person}`Patrick Debois`.\n",
        encoding="utf-8",
    )
    built = build(other, "html")
    assert built.warnings == ""
    page = page_soup(built.outdir / "index.html")
    links = [a["href"] for a in page.select("a.reference.external")]
    assert links == [
        "https://livre.example.org/glossaire.html#term-DevOps",
        "https://livre.example.org/glossaire.html#term-GitOps",
        "https://livre.example.org/personnes.html#person-Patrick-Debois",
    ]


def tooltip_html(page: Path, tooltip_id: str) -> str | None:
    """The HTML of one tooltip as the page writes it, if the page has it."""
    store = page_soup(page).select_one("div.devops-tooltips")
    tooltip = store.find(id=tooltip_id) if store is not None else None
    return str(tooltip) if tooltip is not None else None


@pytest.fixture(scope="module")
def nested(tmp_path_factory) -> Path:
    """The root with a chapter in a folder, CI/CD mentioned on three pages, an image in the
    first paragraph of GitOps, and two people's footnotes in the folder too; returns the HTML
    output folder."""
    srcdir = copy_root("domain", tmp_path_factory.mktemp("nested"))
    (srcdir / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>', encoding="utf-8"
    )
    edit(
        srcdir / "glossaire.md",
        "Exploitation pilotée par Git.",
        "Pilotée par Git ![logo](logo.svg).",
    )
    edit(srcdir / "chap2.md", "s'explique.", "s'explique, avec le {term}`CI/CD`.")
    edit(srcdir / "index.md", "chap2\n", "chap2\npartie/chap\n")
    (srcdir / "partie").mkdir()
    (srcdir / "partie" / "chap.md").write_text(
        "# Partie\n\nLe {term}`GitOps` et le {term}`CI/CD`, {person}`Patrick Debois` et "
        "{person}`Andrew Shafer`.\n",
        encoding="utf-8",
    )
    built = build(srcdir, "html")
    assert built.warnings == ""
    return built.outdir


def test_a_tooltip_is_the_same_on_every_page(nested):
    """A tooltip without links or images: same text, same tags, in every folder."""
    tip = "devops-tip-glossaire-term-CI-CD"
    shown = {
        name: tooltip_html(nested / name, tip)
        for name in ("chap1.html", "chap2.html", "partie/chap.html")
    }
    assert len(set(shown.values())) == 1, shown
    (html,) = set(shown.values())
    assert html.startswith('<div class="devops-tooltip docutils container" id="' + tip + '">')
    assert "Ensemble de pratiques d’automatisation." in html


def test_tooltip_with_an_image_is_rendered_for_each_folder(nested):
    """An image's address depends on the page's folder."""
    tip = "devops-tip-glossaire-term-GitOps"
    assert 'src="_images/logo.svg"' in tooltip_html(nested / "chap2.html", tip)
    assert 'src="../_images/logo.svg"' in tooltip_html(nested / "partie" / "chap.html", tip)
    assert (nested / "_images" / "logo.svg").is_file()


def footnote_body(page: Path, footnote_id: str) -> str:
    """The HTML of a footnote without its label (numbers differ from page to page)."""
    note = page_soup(page).find("aside", id=footnote_id)
    note.select_one("span.label").decompose()
    return note.decode_contents()


def test_a_biography_is_the_same_on_every_page(nested):
    """A biography without links of its own: the same footnote in every folder, and its
    words found by search on every page that shows it."""
    note = "devops-fn-person-Patrick-Debois"
    first, later = (
        footnote_body(nested / "chap1.html", note),
        footnote_body(nested / "partie" / "chap.html", note),
    )
    assert first == later
    assert "<strong>Patrick Debois</strong> a inventé le mot DevOps." in later
    assert '<a class="reference external" href="http://www.jedi.be/blog/">' in later
    index = search_index((nested / "searchindex.js").read_bytes())
    page = index["docnames"].index("partie/chap")
    assert page in index["terms"]["jed"]  # « jedi », of the URL: only in this biography
    assert page in index["terms"]["invent"]  # « inventé », stemmed


def test_biography_with_a_link_is_rendered_for_each_folder(nested):
    """A link's address depends on the page's folder."""
    note = "devops-fn-person-Andrew-Shafer"
    assert 'href="personnes.html#person-Patrick-Debois"' in footnote_body(
        nested / "chap1.html", note
    )
    assert 'href="../personnes.html#person-Patrick-Debois"' in footnote_body(
        nested / "partie" / "chap.html", note
    )
