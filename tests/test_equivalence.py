"""Builds that must write the same bytes (issue #7, part 4).

On the real book (conf.py, source/, _ext/, _static/ and references.bib copied to a temporary
folder) and on ``tests/roots/test-equivalence`` (terms, people, MyST footnotes and
citations in several documents):

* ``-j 2`` writes exactly the files ``-j 1`` writes, byte for byte;
* after an edit, an incremental build holds the files a clean build of the edited sources
  writes, byte for byte (whole pages: both projects load ``incremental_build``, so
  sidebars and previous/next links count too);
* two clean builds with the same ``SOURCE_DATE_EPOCH`` write the same HTML and the same
  EPUB archive, byte for byte (``reproducible_epub`` fixes the zip timestamps that Sphinx
  takes from the files, see :func:`test_epub_archives_are_identical`).

Every build is ``python -m sphinx -nW --keep-going`` in a subprocess, as ``make`` runs it.
The module copies the sources and ``_ext`` once (a writer may edit them meanwhile) and builds
each configuration once; the two projects build side by side, each running its clean builds
two at a time and its incremental builds one after the other in the same folders, as a
writer's would.
"""

from __future__ import annotations

import difflib
import re
import shutil
import struct
import time
import zipfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import BOOK, BUILD_ENV, TESTS
from roots_build import edit, output_files, search_index, sphinx_build, written_pages

pytestmark = pytest.mark.slow

ROOT = TESTS / "roots" / "test-equivalence"
#: What the book is made of (README: conf.py at the root, chapters in source/).
BOOK_PARTS = ("conf.py", "references.bib", "source", "_ext", "_static")


# -- Building -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tree:
    """A project's sources and the build folders under ``root`` (sources there by default)."""

    root: Path
    sources: Path | None = None

    @property
    def src(self) -> Path:
        return self.sources or self.root / "src"

    def out(self, builder: str = "html") -> Path:
        return self.root / builder

    def doctrees(self, builder: str = "html") -> Path:
        return self.root / f"doctrees-{builder}"


def sphinx(tree: Tree, builder: str = "html", jobs: int = 1, *, ext: Path) -> str:
    """Build ``tree`` as ``make`` does; return what Sphinx printed.  A failed build fails."""
    # The roots' conf.py find the extensions through PYTHONPATH (the book's through its own
    # sys.path line): every build of a module uses the same copy of _ext.
    result = sphinx_build(
        builder,
        tree.out(builder),
        *(["-j", str(jobs)] if jobs > 1 else []),
        srcdir=tree.src,
        doctrees=tree.doctrees(builder),
        pythonpath=(ext,),
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{' '.join(result.args)}\n{output[-4000:]}"
    return output


def copy_tree(source: Path, dest: Path) -> None:
    """A copy that keeps modification times (what Sphinx compares to find outdated files)."""
    shutil.copytree(source, dest, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))


def first_difference(got: bytes, want: bytes) -> str:
    """The first lines that differ, for a readable failure."""
    got_lines = got.decode("utf-8", "replace").splitlines()
    want_lines = want.decode("utf-8", "replace").splitlines()
    diff = difflib.unified_diff(want_lines, got_lines, "clean", "other", n=1, lineterm="")
    return "\n".join(line[:300] for line in list(diff)[:12])


def compare(got: dict[str, bytes], want: dict[str, bytes]) -> list[str]:
    """What differs between two outputs: missing files, extra files, different bytes."""
    assert want, "the expected output is empty: nothing would be compared"
    problems = [f"missing: {name}" for name in sorted(want.keys() - got.keys())]
    problems += [f"extra: {name}" for name in sorted(got.keys() - want.keys())]
    for name in sorted(want.keys() & got.keys()):
        if got[name] != want[name]:
            problems.append(f"differs: {name}\n{first_difference(got[name], want[name])}")
    return problems


# -- The projects and their edits -----------------------------------------------------------


def entry_block(text: str, kind: str, name: str) -> re.Match[str]:
    """The ```{kind} name … ``` block of an entry."""
    match = re.search(rf"^```{{{kind}}} {re.escape(name)}\n(.*?)^```$", text, re.M | re.S)
    assert match, f"no {kind} {name!r}: update the edit"
    return match


def entry_names(path: Path, kind: str, option: str = "") -> list[str]:
    """The names of the entries of ``kind`` in ``path`` (with ``:option:`` if given)."""
    text = path.read_text(encoding="utf-8")
    names = re.findall(rf"^```{{{kind}}} (.+)$", text, re.M)
    return [n for n in names if not option or f":{option}:" in entry_block(text, kind, n)[1]]


def change_body(path: Path, kind: str, name: str, words: str) -> None:
    """Put ``words`` at the start of an entry's text (after its options and blank line)."""
    text = path.read_text(encoding="utf-8")
    block = entry_block(text, kind, name)
    body = text.index("\n\n", block.start()) + 2
    assert body < block.end(), f"{kind} {name!r} has no text"
    path.write_text(text[:body] + words + " " + text[body:], encoding="utf-8")


def rename_term(path: Path, name: str, new_name: str) -> None:
    """Rename a term, keeping the old name as an alias so that every mention still resolves."""
    text = path.read_text(encoding="utf-8")
    block = entry_block(text, "term", name)
    head = f"```{{term}} {name}\n"
    body = block[0][len(head) :]
    if re.search(r"^:aliases:", body, re.M):
        body = re.sub(r"^:aliases: ", f":aliases: {name}, ", body, count=1, flags=re.M)
    else:
        body = f":aliases: {name}\n{body}"
    renamed = f"```{{term}} {new_name}\n{body}"
    path.write_text(text[: block.start()] + renamed + text[block.end() :], encoding="utf-8")


def mentions(text: str, kind: str) -> list[tuple[str, str, str]]:
    """(role, shown text, target) of each ``{kind}`…``` in ``text``."""
    found = []
    for role in re.findall(rf"\{{{kind}\}}`[^`]+`", text):
        inner = role[len(kind) + 3 : -1].lstrip("!+")
        explicit = re.fullmatch(r"(.+?)\s*<(.+)>", inner)
        found.append((role, *(explicit.groups() if explicit else (inner, inner))))
    return found


def add_to_toctree(index: Path, after: str, new: str) -> None:
    edit(index, f"\n{after}\n", f"\n{after}\n{new}\n")


def remove_from_toctree(index: Path, docname: str) -> None:
    edit(index, f"\n{docname}\n", "\n")


@dataclass
class Project:
    """How to lay out a project's sources, and the edits a writer makes to it."""

    name: str
    make_sources: Callable[[Path], None]
    edits: dict[str, Callable[[Path], None]]
    deleted: str  # the page of the document the « document deleted » edit removes
    #: Output files whose bytes depend on the folder the sources are in, left out where two
    #: builds of different folders are compared (and tested on their own).
    folder_dependent: frozenset[str] = frozenset()


def book_sources(dest: Path) -> None:
    """The book's parts; its conf.py puts its own copy of _ext on sys.path."""
    dest.mkdir(parents=True)
    for part in BOOK_PARTS:
        path = BOOK / part
        if path.is_dir():
            copy_tree(path, dest / part)
        else:
            shutil.copy2(path, dest / part)


def book_definition_changed(src: Path) -> None:
    """A :footnote: term: its definition is on the glossary, in tooltips and in footnotes."""
    glossary = src / "source" / "glossaire.md"
    name = (entry_names(glossary, "term", "footnote") or entry_names(glossary, "term"))[0]
    change_body(glossary, "term", name, "Définition revue pour le test.")


def book_biography_changed(src: Path) -> None:
    people = src / "source" / "personnes.md"
    change_body(people, "person", entry_names(people, "person")[0], "Biographie revue.")


def book_term_renamed(src: Path) -> None:
    """DevOps, the book's most linked term (also in other terms' :see:)."""
    rename_term(src / "source" / "glossaire.md", "DevOps", "DevOps (renommé)")


def book_mention_removed(src: Path) -> None:
    """The only mention of a term in the whole book: its « Mentionné dans » goes away."""
    chapter = src / "source" / "introduction.md"
    everything = " ".join(p.read_text(encoding="utf-8") for p in (src / "source").glob("*.md"))
    targets = [target.casefold() for _, _, target in mentions(everything, "term")]
    text = chapter.read_text(encoding="utf-8")
    role, shown, _ = next(m for m in mentions(text, "term") if targets.count(m[2].casefold()) == 1)
    edit(chapter, role, shown)


def book_document_deleted(src: Path) -> None:
    (src / "source" / "introduction.md").unlink()
    remove_from_toctree(src / "source" / "index.md", "introduction")


def book_document_added(src: Path) -> None:
    """A chapter with a term, a :footnote: term, a person, a citation and a MyST footnote."""
    glossary = src / "source" / "glossaire.md"
    term = entry_names(glossary, "term")[-1]
    footnote_term = entry_names(glossary, "term", "footnote")[0]
    person = entry_names(src / "source" / "personnes.md", "person")[-1]
    intro = (src / "source" / "introduction.md").read_text(encoding="utf-8")
    key = re.search(r"\[@([\w:.#$%&+?<>~/-]+)", intro)[1]
    (src / "source" / "annexe.md").write_text(
        f"# Annexe\n\nLe {{term}}`{term}`, l'{{term}}`{footnote_term}` et "
        f"{{person}}`{person}` [@{key}], avec une note[^annexe].\n\n"
        "[^annexe]: Une note de l'annexe.\n",
        encoding="utf-8",
    )
    add_to_toctree(src / "source" / "index.md", "introduction", "annexe")


def root_sources(dest: Path) -> None:
    copy_tree(ROOT, dest)


ROOT_EDITS: dict[str, Callable[[Path], None]] = {
    "definition changed": lambda src: edit(
        src / "glossaire.md", "L'agilité permet", "L'agilité, selon ses tenants, permet"
    ),
    "biography changed": lambda src: edit(
        src / "personnes.md", "**Patrick Debois** a inventé", "**Patrick Debois**, Belge, a inventé"
    ),
    "term renamed": lambda src: rename_term(src / "glossaire.md", "GitOps", "Git-Ops"),
    "mention removed": lambda src: edit(src / "chap2.md", "{person}`Gene Kim`", "Gene Kim"),
    "document deleted": lambda src: (
        (src / "chap3.md").unlink(),
        remove_from_toctree(src / "index.md", "chap3"),
    ),
    "document added": lambda src: (
        (src / "chap4.md").write_text(
            "# Quatrième chapitre\n\nLe {term}`shift left`, l'{term}`agile <agilité>` et "
            "{person}`Jez Humble` [@Humble2010], avec une note[^quatre].\n\n"
            "[^quatre]: Une note du nouveau chapitre.\n",
            encoding="utf-8",
        ),
        add_to_toctree(src / "index.md", "chap2", "chap4"),
    ),
}

PROJECTS = {
    "book": Project(
        "book",
        book_sources,
        {
            "definition changed": book_definition_changed,
            "biography changed": book_biography_changed,
            "term renamed": book_term_renamed,
            "mention removed": book_mention_removed,
            "document deleted": book_document_deleted,
            "document added": book_document_added,
        },
        deleted="source/introduction.html",
    ),
    "root": Project(
        "root",
        root_sources,
        ROOT_EDITS,
        deleted="chap3.html",
    ),
}
EDITS = list(ROOT_EDITS)
assert all(list(project.edits) == EDITS for project in PROJECTS.values())


# -- Running every build of a project once ---------------------------------------------------


@dataclass
class Results:
    """The output folders of a project's builds, for the tests to compare."""

    serial: Path  # clean, -j 1
    parallel: Path  # clean, -j 2
    again: Path  # clean, -j 1, in another folder: the reproducibility twin of ``serial``
    incremental: dict[str, Path] = field(default_factory=dict)  # after each edit
    written: dict[str, set[str]] = field(default_factory=dict)  # pages each one wrote
    clean: dict[str, Path] = field(default_factory=dict)  # of the same edited sources
    epubs: tuple[Path, Path] = ()  # type: ignore[assignment]


def run_project(project: Project, base: Path) -> Results:
    base.mkdir(parents=True)
    # At the depth of every other tree's sources (base/<name>/src): the root's extensions are
    # the shared copy base/_ext, and furo_fr puts them on templates_path relative to the
    # configuration folder (.buildinfo hashes it), the same path from every tree.
    pristine = base / "pristine" / "src"
    project.make_sources(pristine)
    # The extensions, copied once: a colleague may be editing _ext while the builds run.
    ext = base / "_ext"
    copy_tree(BOOK / "_ext", ext)

    def fresh(name: str, sources: Path = pristine) -> Tree:
        tree = Tree(base / name)
        copy_tree(sources, tree.src)
        return tree

    # -j 1 and -j 2 (and the two EPUBs) read the very same folder: nothing but -j differs.
    serial, parallel = Tree(base / "serial", pristine), Tree(base / "parallel", pristine)
    epubs = (Tree(base / "epub-1", pristine), Tree(base / "epub-2", pristine))
    work = fresh("work")
    with ThreadPoolExecutor(max_workers=2) as pool:
        pending: list[Future] = [
            pool.submit(sphinx, serial, ext=ext),
            pool.submit(sphinx, parallel, jobs=2, ext=ext),
        ]
        sphinx(work, ext=ext)  # the writer's first build, which every edit starts from
        snapshot = base / "snapshot"
        copy_tree(work.root, snapshot)
        pending += [pool.submit(sphinx, tree, "epub", ext=ext) for tree in epubs]
        results = Results(serial.out(), parallel.out(), snapshot / "html")
        for number, (name, change) in enumerate(project.edits.items()):
            # Same folders, same modification times as after the first build.
            shutil.rmtree(work.root)
            copy_tree(snapshot, work.root)
            change(work.src)
            results.written[name] = written_pages(sphinx(work, ext=ext))
            results.incremental[name] = base / f"incremental-{number}"
            copy_tree(work.out(), results.incremental[name])
            clean = fresh(f"clean-{number}", work.src)
            pending.append(pool.submit(sphinx, clean, ext=ext))
            results.clean[name] = clean.out()
        for job in pending:
            job.result()  # a failed build fails here
    results.epubs = tuple(tree.out("epub") for tree in epubs)  # type: ignore[assignment]
    return results


@pytest.fixture(scope="module")
def all_results(tmp_path_factory) -> dict[str, Results]:
    """Both projects, side by side: their builds share the two cores."""
    base = tmp_path_factory.mktemp("equivalence")
    with ThreadPoolExecutor(max_workers=len(PROJECTS)) as pool:
        jobs = {name: pool.submit(run_project, p, base / name) for name, p in PROJECTS.items()}
    return {name: job.result() for name, job in jobs.items()}


@pytest.fixture(scope="module")
def book_results(all_results) -> Results:
    return all_results["book"]


@pytest.fixture(scope="module")
def root_results(all_results) -> Results:
    return all_results["root"]


@pytest.fixture(scope="module", params=list(PROJECTS))
def project(request, all_results) -> tuple[Project, Results]:
    return PROJECTS[request.param], all_results[request.param]


def across_folders(contents: dict[str, bytes], chosen: Project) -> dict[str, bytes]:
    """``contents`` without the files that differ only because the folder differs."""
    return {name: data for name, data in contents.items() if name not in chosen.folder_dependent}


# -- The tests ------------------------------------------------------------------------------


def test_parallel_build_equals_serial_build(project):
    """Every file, .buildinfo and searchindex.js included (both builds read one folder)."""
    _, results = project
    assert compare(output_files(results.parallel), output_files(results.serial)) == []


def test_two_clean_builds_are_identical(project):
    """Same sources in another folder, same SOURCE_DATE_EPOCH: the same bytes."""
    chosen, results = project
    got, want = output_files(results.again), output_files(results.serial)
    assert compare(across_folders(got, chosen), across_folders(want, chosen)) == []


def test_build_info_does_not_depend_on_the_folder(book_results):
    """Two clean builds of the same book in two folders: the same .buildinfo."""
    again, serial = (out / ".buildinfo" for out in (book_results.again, book_results.serial))
    assert again.read_text(encoding="utf-8") == serial.read_text(encoding="utf-8")


@pytest.mark.parametrize("change", EDITS)
def test_incremental_build_equals_clean_build(project, change):
    """Every file, byte for byte, searchindex.js included; no page of a deleted document.

    Sphinx alone keeps a deleted document's page and loses the search index entries of the
    pages it does not rewrite: ``incremental_build`` repairs both.
    """
    chosen, results = project
    got = across_folders(output_files(results.incremental[change]), chosen)
    want = across_folders(output_files(results.clean[change]), chosen)
    assert compare(got, want) == []


def test_search_index_keeps_entries_of_pages_not_rewritten(root_results):
    """After « definition changed », the search page still finds the index entries of the
    chapters the build did not rewrite (sphinx-doc/sphinx#12599 without incremental_build)."""
    change = "definition changed"
    index = search_index((root_results.incremental[change] / "searchindex.js").read_bytes())
    written = root_results.written[change]
    pages = {
        index["docnames"][number]
        for places in index["indexentries"].values()
        for number, _, _ in places
    }
    kept = pages - written
    assert kept, f"every page with index entries was rewritten ({sorted(written)})"


def test_page_of_deleted_document_is_removed(project):
    """The page a reader could still open after « document deleted », before the fix."""
    chosen, results = project
    assert (results.serial / chosen.deleted).is_file()
    assert not (results.incremental["document deleted"] / chosen.deleted).exists()


def test_edits_change_what_they_should(project):
    """Each edit changes the output of a clean build (no edit silently does nothing)."""
    _, results = project
    before = output_files(results.serial)
    for change in EDITS:
        assert compare(output_files(results.clean[change]), before) != [], change


# -- EPUB: the archive -----------------------------------------------------------------------


def epub_file(outdir: Path) -> Path:
    (archive,) = outdir.glob("*.epub")
    return archive


def without_zip_timestamps(archive: Path) -> bytes:
    """The archive's bytes with the DOS time and date of every member set to zero.

    They sit at offset 10 of each local file header and offset 12 of each central
    directory entry (APPNOTE.TXT 4.3.7, 4.3.12).
    """
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as opened:
        infos = opened.infolist()
        central = opened.start_dir  # type: ignore[attr-defined]
    for info in infos:
        assert data[info.header_offset : info.header_offset + 4] == b"PK\x03\x04"
        data[info.header_offset + 10 : info.header_offset + 14] = bytes(4)
    for _info in infos:
        assert data[central : central + 4] == b"PK\x01\x02"
        data[central + 12 : central + 16] = bytes(4)
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, central + 28)
        central += 46 + name_len + extra_len + comment_len
    return bytes(data)


def test_epub_builds_write_the_same_files(project):
    """The folders the EPUB is zipped from hold the same bytes in both builds."""
    _, results = project
    first, second = (output_files(out) for out in results.epubs)
    for contents in (first, second):
        contents.pop(epub_file(results.epubs[0]).name)
    assert compare(second, first) == []


def test_epub_archives_are_identical(project):
    """Same members, same order, same compressed bytes, same times: the same archive.

    Sphinx zips the EPUB with ``ZipFile.write(path)`` (``_epub_base.build_epub``), which stores
    each file's modification time, not ``SOURCE_DATE_EPOCH``; ``reproducible_epub`` writes the
    archive again with ``SOURCE_DATE_EPOCH`` as every member's time (notes, D3).  The two
    builds run side by side, within the two seconds a zip time can tell apart: the times
    themselves are checked too.
    """
    _, results = project
    first, second = (epub_file(out) for out in results.epubs)
    epoch = time.gmtime(int(BUILD_ENV["SOURCE_DATE_EPOCH"]))
    when = (*epoch[:5], epoch.tm_sec - epoch.tm_sec % 2)  # zip times count in 2 s steps
    with zipfile.ZipFile(first) as one, zipfile.ZipFile(second) as two:
        assert [i.filename for i in one.infolist()] == [i.filename for i in two.infolist()]
        for a, b in zip(one.infolist(), two.infolist(), strict=True):
            assert (a.CRC, a.compress_type, a.file_size) == (b.CRC, b.compress_type, b.file_size)
            assert a.date_time == b.date_time == when, a.filename
    if first.read_bytes() != second.read_bytes():
        only = without_zip_timestamps(first) == without_zip_timestamps(second)
        pytest.fail(f"the archives differ{' only by their zip timestamps' if only else ''}")
