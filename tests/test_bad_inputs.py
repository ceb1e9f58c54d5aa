"""Malformed input (issue #7, part 5): one located warning per problem, no traceback, and every
other page still written.

Each ``tests/roots/test-bad-*`` holds the cases of one kind; a root whose behaviour is a known
defect holds that case alone, so that fixing it changes no other expectation.  The roots are
built as the book is (``python -m sphinx -n``, nitpicky like conf.py) but without ``-W``:
the build must go on and write everything else.

MyST gives a role the line of its paragraph, not its own (Sphinx's ``{ref}`` and
sphinxcontrib-bibtex's roles too): each bad mention stands in a paragraph of its own, so
that the line of the warning is the line of the mention.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import BOOK, TESTS, epubcheck_command
from roots_build import latex_to_pdf, sphinx_build

pytestmark = pytest.mark.slow


#: Every warning each root gives, as Sphinx prints it (path relative to the root).
EXPECTED: dict[str, list[str]] = {
    "domain": [
        "definitions.md:21: WARNING: term without a name [devops.empty]",
        "definitions.md:26: WARNING: term 'Vide' has no definition [devops.empty]",
        "definitions.md:30: WARNING: 'term': Unknown option key: 'alias' "
        "(allowed: ['aliases', 'expansion', 'footnote', 'forms', 'see']) [myst.directive_option]",
        "definitions.md:35: WARNING: person without a name [devops.empty]",
        "definitions.md:41: WARNING: person 'Sans Biographie' has no definition [devops.empty]",
        "definitions.md:44: WARNING: malformed :url: 'www.jedi.be/blog' of 'Patrick Debois': "
        "expected http(s)://… [devops.url]",
        "definitions.md:51: WARNING: malformed :url: 'ftp://example.org/' of 'Adresse FTP': "
        "expected http(s)://… [devops.url]",
        "definitions.md:57: WARNING: malformed :url: 'http://' of 'Adresse Vide': "
        "expected http(s)://… [devops.url]",
        "definitions.md:63: WARNING: malformed :url: 'https://exa mple.org/' of "
        "'Adresse Espacée': expected http(s)://… [devops.url]",
        "definitions.md:69: WARNING: malformed :url: 'javascript:alert(1)' of 'Adresse Script': "
        "expected http(s)://… [devops.url]",
        "definitions.md:12: WARNING: term 'GitOps' is mentioned in its own definition "
        "[devops.self]",
        "definitions.md:48: WARNING: person 'Debois' is mentioned in its own definition "
        "[devops.self]",
        "definitions.md:15: WARNING: alias 'CI/CD' of term 'GitOps' (definitions.md:9) is the "
        "name of another term (definitions.md:15) [devops.alias]",
        "definitions.md:15: WARNING: alias 'culture DevOps' is defined twice: here and at "
        "definitions.md:3 [devops.duplicate]",
        "doublons.md:3: WARNING: term 'DevOps' is defined twice: here and at definitions.md:3 "
        "[devops.duplicate]",
        "doublons.md:8: WARNING: person 'Patrick Debois' is defined twice: here and at "
        "definitions.md:44 [devops.duplicate]",
        "doublons.md:13: WARNING: alias 'Debois' is defined twice: here and at "
        "definitions.md:44 [devops.duplicate]",
        "usage.md:3: WARNING: unknown term 'Kubernetes' [devops.ref]",
        "usage.md:5: WARNING: unknown term 'DevOsp' (did you mean 'DevOps'?) [devops.ref]",
        "usage.md:7: WARNING: unknown person 'Linus Torvalds' [devops.ref]",
        "usage.md:9: WARNING: unknown person 'Patrik Debois' "
        "(did you mean 'Patrick Debois' or 'Pierre Debois'?) [devops.ref]",
        "usage.md:11: WARNING: unknown person '' [devops.ref]",
        "usage.md:13: WARNING: unknown term '' [devops.ref]",
    ],
    "citations": [
        'refs.bib:7: WARNING: unknown entry type "@weirdtype" for "Etrange2011": '
        "formatted as @misc [citations.unknown_entry_type]",
        'pandoc.md:3: WARNING: could not find bibtex key "Inconnue2042" [bibtex.key_not_found]',
        'pandoc.md:5: WARNING: could not find bibtex key "Absente2043" [bibtex.key_not_found]',
        'roles.md:3: WARNING: could not find bibtex key "Inconnue2045" [bibtex.key_not_found]',
        'roles.md:5: WARNING: could not find bibtex key "Inconnue2046" [bibtex.key_not_found]',
    ],
    # An unknown name in :see:, and a person's name there: one warning each (the book is
    # nitpicky, which must not add a second one).
    "see": [
        "index.md:3: WARNING: unknown term 'Inexistant' in :see: of 'DevOps' [devops.see]",
        "index.md:3: WARNING: unknown term 'Patrick Debois' in :see: of 'DevOps' [devops.see]",
    ],
    # An alias that differs from its own name only by case: harmless, lookups ignore case.
    "alias-self": [],
    # Two names that give the same anchor in two documents (C++ and C): nothing to warn.
    "anchors": [],
    # A .bib syntax error, a repeated key, a repeated field: each at its line, and the rest of
    # the file kept (no « could not find bibtex key » for the entries after them).
    "bib-syntax": [
        "refs.bib:10: WARNING: syntax error in line 10: '=' expected [citations.bibfile]"
    ],
    "bib-duplicates": [
        "refs.bib:7: WARNING: repeated bibliography entry: Double2009 [bibtex.bibfile_data_error]",
        "refs.bib:13: WARNING: entry with key Champ2010 has a duplicate title field "
        "[bibtex.bibfile_data_error]",
    ],
    # Entries that lack a field their type needs: each warned at its line, none stops the
    # build (pybtex raised FieldIsMissing: a traceback, exit 2, in every builder).
    "bib-fields": [
        'refs.bib:7: WARNING: entry "Empty" has no title field: shown by its key '
        "[citations.missing_field]",
        'refs.bib:9: WARNING: entry "SansRevue2012" has no journal or journaltitle field: '
        "formatted as @misc [citations.missing_field]",
        'refs.bib:15: WARNING: entry "SansTitre2013" has no title field: shown without it '
        "[citations.missing_field]",
    ],
    # A .bib in Latin-1: pybtex raised (a traceback before any page was written).
    "bib-encoding": [
        "refs.bib:9: WARNING: byte 0xe9 is not utf-8-sig (bibtex_encoding): read as "
        "Windows-1252; save the file in utf-8-sig [citations.bibfile]"
    ],
    # Addresses that must not be links (javascript:, not percent-encoded): each at its field.
    "bib-urls": [
        "refs.bib:4: WARNING: malformed URL 'javascript:alert(10)' in url of \"Script2010\": "
        "expected http(s)://… (percent-encoded); shown as text [citations.url]",
        "refs.bib:11: WARNING: malformed URL 'javascript:alert(11)' in note of \"Note2011\": "
        "expected http(s)://… (percent-encoded); shown as text [citations.url]",
        "refs.bib:25: WARNING: malformed URL 'https://example.org/a b\"c' in url of "
        '"Espace2013": expected http(s)://… (percent-encoded); shown as text '
        "[citations.url]",
    ],
    # Names that differ by what no reader sees: compared in NFC, invisible and bidirectional
    # control characters removed (each warned), so a decomposed accent finds its term and
    # « Dev\u200bOps » is « DevOps » defined twice.
    "names": [
        "definitions.md:7: WARNING: term 'Dev\\u200bOps' holds invisible or bidirectional "
        "control characters (U+200B): removed [devops.invisible]",
        "definitions.md:7: WARNING: term 'DevOps' is defined twice: here and at "
        "definitions.md:3 [devops.duplicate]",
        "definitions.md:11: WARNING: term '\\u200b' holds invisible or bidirectional "
        "control characters (U+200B): removed [devops.invisible]",
        "definitions.md:11: WARNING: term without a name [devops.empty]",
        "definitions.md:15: WARNING: alias 'Sec\\u200dOps' holds invisible or bidirectional "
        "control characters (U+200D): removed [devops.invisible]",
        "definitions.md:20: WARNING: term '\\u202ePiège' holds invisible or bidirectional "
        "control characters (U+202E): removed [devops.invisible]",
    ],
    # MyST reads « #» after a space as a YAML comment and drops the rest of the value: ours
    # says which option, what is kept and how to quote it (MyST's own warning, once per
    # directive, says neither); a flag option with a value is refused (MyST lets any value
    # through docutils' `flag` itself).  reStructuredText keeps the whole line: no warning.
    "options": [
        "options.md:4: WARNING: 'term': Directive options has # comments, which may not be "
        "supported in future versions. [myst.directive_comments]",
        "options.md:4: WARNING: :expansion: 'langage C #1 du monde': MyST reads ' #' as the "
        "start of a comment and keeps 'langage C'; quote the value to keep it all: "
        ':expansion: "langage C #1 du monde" [devops.comment]',
        "options.md:5: WARNING: :aliases: 'C #, F#': MyST reads ' #' as the start of a "
        "comment and keeps 'C'; quote the value to keep it all: "
        ':aliases: "C #, F#" [devops.comment]',
        "options.md:18: WARNING: 'term': Invalid option value for 'footnote': oui: no "
        'argument is allowed; "oui" supplied [myst.directive_option]',
    ],
    "unclosed": [
        "ouvert.md:5: WARNING: term 'Ouvert' is never closed: the rest of the file is its "
        "definition [devops.unclosed]",
    ],
}

ROOTS = list(EXPECTED)


@dataclass
class Build:
    src: Path
    out: Path
    returncode: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        """What Sphinx printed on stderr, paths relative to the root (no colours: NO_COLOR)."""
        plain = self.stderr.replace(f"{self.src}/", "")
        return [line for line in plain.splitlines() if line.strip()]

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.lines if "WARNING:" in line]

    def page(self, name: str) -> BeautifulSoup:
        return BeautifulSoup((self.out / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def build(root: str, base: Path, builder: str = "html") -> Build:
    src = base / root / "src"
    shutil.copytree(TESTS / "roots" / f"test-bad-{root}", src, dirs_exist_ok=True)
    out = base / root / builder
    result = sphinx_build(
        builder,
        out,
        srcdir=src,
        options=("-n",),
        doctrees=base / root / f"doctrees-{builder}",
        # _ext for the extensions, tests/roots for the roots' shared bad_input_settings.
        pythonpath=(BOOK / "_ext", TESTS / "roots"),
    )
    return Build(src, out, result.returncode, result.stdout, result.stderr)


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, Build]:
    base = tmp_path_factory.mktemp("bad")
    with ThreadPoolExecutor(max_workers=2) as pool:
        done = {root: pool.submit(build, root, base) for root in ROOTS}
    return {root: job.result() for root, job in done.items()}


# -- Warnings -------------------------------------------------------------------------------


@pytest.mark.parametrize("root", ROOTS)
def test_each_problem_has_its_located_warning(builds, root):
    assert sorted(builds[root].warnings) == sorted(EXPECTED[root])


LOCATED = re.compile(r"[\w./-]+:\d+: WARNING: .+ \[[a-z_]+\.[a-z_]+\]")


@pytest.mark.parametrize("root", ROOTS)
def test_every_warning_names_its_file_and_line(builds, root):
    """``path:LINE: WARNING: … [type.subtype]``, for every warning of every root."""
    assert [line for line in builds[root].warnings if not LOCATED.fullmatch(line)] == []


def test_see_warns_about_each_unknown_name(builds):
    """The :see: warnings are there today; only their nitpicky duplicates are wrong (D4)."""
    for line in EXPECTED["see"]:
        assert line in builds["see"].warnings


# -- No traceback, every page ----------------------------------------------------------------


@pytest.mark.parametrize("root", ROOTS)
def test_no_traceback(builds, root):
    built = builds[root]
    assert built.returncode == 0, built.stderr[-3000:]
    assert "Traceback" not in built.stdout + built.stderr
    assert "Exception occurred" not in built.stdout + built.stderr
    # Nothing but warnings on stderr (no « ERROR », no error report).
    assert [line for line in built.lines if "WARNING:" not in line] == []


@pytest.mark.parametrize("root", ROOTS)
def test_every_page_is_written(builds, root):
    built = builds[root]
    sources = {path: path.read_text(encoding="utf-8") for path in built.src.glob("*.md")}
    pages = [str(path.relative_to(built.src).with_suffix(".html")) for path in sources]
    pages += ["genindex.html", "search.html"]
    # The domain's indexes, when there is something to list (Sphinx skips an empty index).
    for kind, index in (("term", "devops-terms.html"), ("person", "devops-people.html")):
        if any(f"```{{{kind}}} " in text for text in sources.values()):
            pages.append(index)
    assert [page for page in pages if not (built.out / page).is_file()] == []


# -- What the pages show ---------------------------------------------------------------------


def text_of(page: BeautifulSoup) -> str:
    """The text of the page's article, apostrophes straight (French smart quotes curl them)."""
    return page.select_one("article").get_text().replace("\u2019", "'")


def test_nothing_the_author_wrote_is_dropped(builds):
    built = builds["domain"]
    definitions = text_of(built.page("definitions"))
    for text in ("Un terme sans nom.", "Une personne sans nom.", "Une option qui n'existe pas."):
        assert text in definitions
    assert "Une seconde définition du même terme." in text_of(built.page("doublons"))
    usage = built.page("usage").get_text()
    for text in ("Kubernetes", "DevOsp", "Linus Torvalds", "Patrik Debois", "texte"):
        assert text in usage  # an unknown mention stays as text


def test_a_malformed_url_is_text_not_a_link(builds):
    page = builds["domain"].page("definitions")
    hrefs = [a.get("href", "") for a in page.find_all("a")]
    for url in ("www.jedi.be/blog", "ftp://example.org/", "http://", "javascript:alert(1)"):
        assert url not in hrefs
        assert page.find("code", string=url) or url in page.get_text()
    assert not [href for href in hrefs if href.lower().startswith("javascript:")]


def test_a_biography_that_mentions_someone_has_no_footnote_within(builds):
    """README: mentions inside footnotes or definitions never get a footnote; no warning."""
    usage = builds["domain"].page("usage")
    notes = usage.select("aside.footnote")
    shafer = next(note for note in notes if "Andrew Shafer" in note.get_text())
    assert shafer.select_one("a.devops-person[href$='#person-Patrick-Debois']")
    assert shafer.select("a.footnote-reference") == []
    # Patrick Debois still has his own footnote, at his own first mention in the text.
    assert any("Patrick Debois" in note.get_text() for note in notes if note is not shafer)
    assert not [line for line in builds["domain"].warnings if "biographies.md" in line]


def test_an_entry_without_text_gets_no_empty_footnote(builds):
    """« Vide » and « Sans Biographie » have no text: their mentions get no (empty) footnote."""
    usage = builds["domain"].page("usage")
    links = {
        link.get_text(): link
        for link in usage.select("a.devops-term, a.devops-person")
        if link.get_text() in ("Vide", "Sans Biographie")
    }
    assert sorted(links) == ["Sans Biographie", "Vide"]  # both mentions are links
    for link in links.values():
        follower = link.find_next_sibling()
        assert follower is None or "footnote-reference" not in follower.get("class", [])
    notes = usage.select("aside.footnote")
    assert notes, "the page's other mentions have their footnotes"
    assert [note["id"] for note in notes if not note.select("p, ul, ol, div")] == []


def test_each_term_link_describes_its_own_term(builds):
    """The tooltip a link points at (aria-describedby) is the definition of that link's term."""
    page = builds["anchors"].page("lettre")
    wanted = {"C++": "Un langage de programmation.", "C": "La troisième lettre de l’alphabet."}
    for link in page.select("a.devops-term"):
        tooltip = page.find(id=link["aria-describedby"])
        assert tooltip.get_text(" ", strip=True) == wanted[link.get_text()]


def test_each_footnote_term_gets_its_own_first_mention_footnote(builds):
    """« C++ » and « C » share an anchor (in two documents): each still gets its footnote."""
    page = builds["anchors"].page("lettre")
    notes = [note.p.get_text(" ", strip=True) for note in page.select("aside.footnote")]
    assert notes == ["Un langage de programmation.", "La troisième lettre de l’alphabet."]
    index = builds["anchors"].page("devops-terms")
    names = [a.get_text() for a in index.select('a[href*="#term-"]')]
    assert names == ["C", "C++"]  # both listed, though they share an anchor


def test_unclosed_directive_swallows_the_rest_of_its_document_only(builds):
    """MyST (CommonMark) closes an unclosed fence at the end of the document: the next
    document is untouched and the term is usable from it."""
    built = builds["unclosed"]
    suite = built.page("suite")
    assert suite.select_one("a.devops-term[href$='#term-Ouvert']")
    assert "Tout ce qui suit" in built.page("ouvert").select_one("dl.devops-terms").get_text()


def test_a_bib_syntax_error_loses_only_its_entry(builds):
    chapitre = builds["bib-syntax"].page("chapitre").get_text()
    assert "Shafer, 2009" in chapitre
    assert "Debois, 2011" in chapitre


def test_a_bib_duplicate_loses_nothing_after_it(builds):
    chapitre = builds["bib-duplicates"].page("chapitre").get_text()
    assert "Debois, 2010" in chapitre
    assert "Kim, 2011" in chapitre


def test_names_are_compared_as_a_reader_sees_them(builds):
    """A decomposed « é », an alias written with U+200D and a name with U+202E all find
    their terms (no « unknown term 'sécurité' (did you mean 'sécurité'?) »)."""
    usage = builds["names"].page("usage")
    links = [(a.get_text(), a["href"]) for a in usage.select("a.devops-term")]
    assert links == [
        ("se\u0301curite\u0301", "definitions.html#term-securite"),
        ("SecOps", "definitions.html#term-securite"),
        ("Piège", "definitions.html#term-Piege"),
    ]
    definitions = text_of(builds["names"].page("definitions"))
    assert "\u202e" not in definitions
    assert "\u200b" not in definitions


def test_a_bidirectional_control_in_a_name_leaves_the_pdf_buildable(tmp_path):
    """U+202E in a name stopped pdflatex (« Unicode character … not set up »), naming no
    file nor line; the name is now written without it."""
    built = build("names", tmp_path, "latex")
    assert built.returncode == 0, built.stderr[-3000:]
    tex = "".join(path.read_text(encoding="utf-8") for path in built.out.glob("*.tex"))
    assert "Piège" in tex
    assert "\u202e" not in tex
    assert latex_to_pdf(built.out).stat().st_size > 0


def test_a_quoted_option_value_keeps_its_hash(builds):
    """The fix the warning gives works: quoted, « # » stays in the value (MyST), as it
    always does in reStructuredText."""
    built = builds["options"]
    usage = built.page("usage")
    links = [(a.get_text(), a["href"]) for a in usage.select("a.devops-term")]
    assert links[:2] == [("G#", "options.html#term-E"), ("H#", "regles.html#term-H")]
    options = text_of(built.page("options"))
    assert "E (langage E #1 du monde)" in options
    assert "C (langage C)" in options  # what MyST kept, warned
    assert "H (langage H #1)" in text_of(built.page("regles"))


def test_a_flag_option_with_a_value_is_no_flag(builds):
    """``:footnote: oui`` is refused (warned): D is an ordinary term, linked, no footnote."""
    usage = builds["options"].page("usage")
    assert usage.select_one("a.devops-term[href$='#term-D']")
    assert usage.select("aside.footnote") == []


def test_a_bib_not_in_utf8_is_read_whole(builds):
    built = builds["bib-encoding"]
    assert "(Shafer, 2009)" in text_of(built.page("chapitre"))
    assert "(Personne, 2010)" in text_of(built.page("chapitre"))
    assert "(Debois, 2011)" in text_of(built.page("chapitre"))
    bibliography = text_of(built.page("bibliographie"))
    assert "Une entrée en Latin-1" in bibliography
    assert "Après l'erreur" in bibliography


#: The bibliography's links in the bib-urls root: the DOI percent-encoded, the good ones kept.
BIB_LINKS = [
    "https://doi.org/10.1000/x%22%3E%3Cb%3Ey",
    "https://example.org/copie",
    "https://example.org/page",
]


def bibliography_links(page: BeautifulSoup) -> list[str]:
    return sorted(a["href"] for a in page.select(".citation a[href]"))


def test_a_bad_bib_url_is_text_not_a_link(builds):
    page = builds["bib-urls"].page("bibliographie")
    assert bibliography_links(page) == BIB_LINKS
    shown = text_of(page)
    for text in ("javascript:alert(10)", "javascript:alert(11)", 'https://example.org/a b"c'):
        assert text in shown
    assert '10.1000/x"><b>y' in shown  # the DOI as written, as text


def test_a_bad_bib_url_is_text_in_the_epub(tmp_path):
    built = build("bib-urls", tmp_path, "epub")
    assert built.returncode == 0, built.stderr[-3000:]
    page = (built.out / "bibliographie.xhtml").read_text(encoding="utf-8")
    assert bibliography_links(BeautifulSoup(page, "html.parser")) == BIB_LINKS
    result = subprocess.run(
        [*epubcheck_command(), str(next(built.out.glob("*.epub")))],
        capture_output=True,
        text=True,
        check=False,
    )
    output = result.stdout + result.stderr
    assert "Messages:" in output, output
    assert [line for line in output.splitlines() if re.match(r"(ERROR|FATAL)\(", line)] == []


def test_an_entry_without_title_is_cited_by_its_key(builds):
    built = builds["bib-fields"]
    chapitre = text_of(built.page("chapitre"))
    for citation in ("(Empty, s.\u00a0d.)", "(Kim, 2012)", "(Debois, 2013)", "(Shafer, 2009)"):
        assert citation in chapitre
    entries = [
        entry.get_text().strip() for entry in built.page("bibliographie").select(".citation p")
    ]
    assert "Empty (s.\u00a0d.)." in entries
    assert "Debois, Patrick (2013). Éditions Test." in entries
    assert "Kim, Gene (2012). Un article sans revue." in entries


@pytest.mark.parametrize(
    ("builder", "output", "written"),
    [
        ("latex", "*.tex", "Empty (s.\u00a0d.)."),
        ("text", "bibliographie.txt", "Empty (s.\u00a0d.)."),
        ("epub", "bibliographie.xhtml", "Empty (s.\u00a0d.)."),
    ],
)
def test_an_incomplete_entry_in_every_builder(tmp_path, builder, output, written):
    """pybtex's FieldIsMissing stopped every builder (exit 2): each now warns and writes."""
    built = build("bib-fields", tmp_path, builder)
    assert built.returncode == 0, built.stderr[-3000:]
    assert sorted(built.warnings) == sorted(EXPECTED["bib-fields"])
    text = "".join(path.read_text(encoding="utf-8") for path in built.out.glob(output))
    assert written in text


def test_an_unknown_textual_citation_stays_text(builds):
    """README: an ``@name`` that is no key stays text, silently."""
    pandoc = builds["citations"].page("pandoc").get_text()
    assert "@Textuelle2044" in pandoc
    assert not [line for line in builds["citations"].warnings if "Textuelle2044" in line]


# -- The output folder -----------------------------------------------------------------------
# A folder that cannot be written and a full disk end the build with one message naming the
# path and exit status 2, never Sphinx's crash report (« Traceback », « please open an
# issue »): _ext/output_errors for Sphinx's own writes, each extension for its own.


def build_into(tmp_path: Path, out: Path, builder: str = "html", *extra: str) -> Build:
    src = tmp_path / "src"
    shutil.copytree(TESTS / "roots" / "test-bad-bib-syntax", src, dirs_exist_ok=True)
    result = sphinx_build(
        builder,
        out,
        *extra,
        srcdir=src,
        options=("-n",),
        doctrees=tmp_path / f"doctrees-{builder}",
        pythonpath=(BOOK / "_ext", TESTS / "roots"),
    )
    return Build(src, out, result.returncode, result.stdout, result.stderr)


#: The root's own warning, which every build of it gives.
BIB_SYNTAX = EXPECTED["bib-syntax"]


def assert_one_error(built: Build, error: str) -> None:
    assert built.returncode == 2, built.stderr[-3000:]
    assert "Traceback" not in built.stdout + built.stderr
    assert [line for line in built.lines if line not in BIB_SYNTAX] == [error]


def test_an_output_folder_that_cannot_be_made(tmp_path):
    (tmp_path / "fichier").write_text("", encoding="utf-8")
    out = tmp_path / "fichier" / "html"
    built = build_into(tmp_path, out)
    assert_one_error(
        built,
        "ERROR: while setting up extension output_errors: cannot write the output folder "
        f"{out}: {tmp_path}/fichier is not a folder",
    )


def test_a_write_error_of_sphinx_during_the_build(tmp_path):
    """Sphinx copies each source into ``_sources`` (uncaught): here a file of that name."""
    out = tmp_path / "html"
    out.mkdir()
    (out / "_sources").write_text("", encoding="utf-8")
    built = build_into(tmp_path, out)
    assert_one_error(built, f"ERROR: cannot write {out}/_sources: File exists")


def test_a_package_sphinx_cannot_copy(tmp_path):
    """citations_fr's LaTeX package goes through ``latex_additional_files``: Sphinx copies it
    when the build ends (uncaught), and a folder holds its name here."""
    out = tmp_path / "latex"
    (out / "sphinxcitationsfr.sty").mkdir(parents=True)
    built = build_into(tmp_path, out, "latex")
    assert_one_error(built, f"ERROR: cannot write {out}/sphinxcitationsfr.sty: Is a directory")


def test_a_write_error_of_book_edition_is_a_warning(tmp_path):
    """book_edition (the book's own, not packaged) writes its LaTeX package itself: a warning
    with the path, and the rest of the output is written."""
    out = tmp_path / "latex"
    (out / "sdfrbook.sty").mkdir(parents=True)
    extensions = "myst_parser,sphinxcontrib.bibtex,citations_fr,devops_domain,book_edition"
    built = build_into(tmp_path, out, "latex", "-D", f"extensions={extensions}")
    assert built.returncode == 0, built.stderr[-3000:]
    assert [line for line in built.lines if line not in BIB_SYNTAX] == [
        f"WARNING: cannot write {out}/sdfrbook.sty: Is a directory [book_edition.output]"
    ]
    assert list(out.glob("*.tex"))


@contextmanager
def tmpfs(folder: Path, *options: str) -> Iterator[Path]:
    """A small file system mounted on ``folder`` (root only: skipped elsewhere)."""
    folder.mkdir(parents=True, exist_ok=True)
    mount = ["mount", "-t", "tmpfs", "-o", ",".join(("size=256k", *options)), "tmpfs"]
    if subprocess.run([*mount, str(folder)], capture_output=True, check=False).returncode:
        pytest.skip("cannot mount a tmpfs here (not root)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_read_only_output_folder(tmp_path):
    with tmpfs(tmp_path / "ro") as folder:
        out = folder / "html"
        out.mkdir()
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        built = build_into(tmp_path, out)
    assert_one_error(
        built,
        "ERROR: while setting up extension output_errors: cannot write the output folder "
        f"{out}: Read-only file system",
    )


def test_a_full_disk(tmp_path):
    with tmpfs(tmp_path / "full", "size=64k") as folder:
        built = build_into(tmp_path, folder / "html")
    assert built.returncode == 2, built.stderr[-3000:]
    assert "Traceback" not in built.stdout + built.stderr
    errors = [line for line in built.lines if line.startswith("ERROR")]
    assert len(errors) == 1
    assert re.fullmatch(
        rf"ERROR: cannot write {folder}/html/\S+: No space left on device", errors[0]
    )
