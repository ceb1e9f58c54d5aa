"""Running one sphinx-build and reading what it did: time, memory, documents read and written;
and reading the HTML it wrote: bytes per page, what the domain added, definitions per page."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

READING = re.compile(r"^reading sources\.\.\. \[\s*\d+%\] (.+?)\s*$")
WRITING = re.compile(r"^writing output\.\.\. \[\s*\d+%\] (.+?)\s*$")
#: The index pages a build writes (« generating indices... genindex devops-terms done »).
INDICES = re.compile(r"generating indices\.\.\. (.*?)\s*done")
PROBLEM = re.compile(r"\b(WARNING|ERROR|CRITICAL)\b")

#: sphinx-build as installed but without PyStemmer: snowballstemmer then falls back on its
#: pure-Python stemmers, as on a machine where PyStemmer is not installed (-j N workers fork
#: and inherit the block).
WITHOUT_PYSTEMMER = (
    "import sys; sys.modules['Stemmer'] = None; "
    "from sphinx.cmd.build import main; sys.exit(main(sys.argv[1:]))"
)


@dataclass
class Build:
    """One sphinx-build process and what it reported."""

    wall: float  # seconds
    cpu: float  # user + system seconds of sphinx-build and its workers
    max_rss_kb: int  # peak resident set of the largest process (sphinx-build or a worker)
    returncode: int
    user: float = 0.0
    system: float = 0.0
    read: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    indices: list[str] = field(default_factory=list)  # index pages written (genindex, …)
    problems: list[str] = field(default_factory=list)
    log: Path | None = None


def sphinx_build(
    src: Path,
    out: Path,
    doctrees: Path,
    *,
    jobs: int = 1,
    clean: bool = False,
    log: Path | None = None,
    python: str = sys.executable,
    pystemmer: bool = True,
    options: tuple[str, ...] = (),
) -> Build:
    """Run ``python -m sphinx -b html`` in a fresh child process and measure it.

    The child's resources come from ``os.wait4``: its CPU time and its peak RSS (``ru_maxrss``
    covers the child and the workers it waited for; it is the largest of them, not a sum).
    ``pystemmer=False``: the build cannot import PyStemmer (plain Sphinx as installed).
    """
    if clean:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(doctrees, ignore_errors=True)
    log = log or out.parent / f"{out.name}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    command = [
        python,
        *(["-m", "sphinx"] if pystemmer else ["-c", WITHOUT_PYSTEMMER]),
        *options,
        "-b",
        "html",
        "-n",
        "-N",
        "-j",
        str(jobs),
        "-d",
        str(doctrees),
        str(src),
        str(out),
    ]
    with open(log, "wb") as sink:
        start = time.perf_counter()
        # NO_COLOR: with colour (forced by CI=true), Sphinx rewrites one progress line in place
        # instead of printing one line per document, and the log can no longer be read.
        process = subprocess.Popen(
            command,
            stdout=sink,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_COLOR": "1"},
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text(encoding="utf-8", errors="replace")
    build = Build(
        wall,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss,
        process.returncode,
        user=usage.ru_utime,
        system=usage.ru_stime,
        log=log,
    )
    for line in text.splitlines():
        if match := READING.match(line):
            build.read.append(match.group(1))
        elif match := WRITING.match(line):
            build.written.append(match.group(1))
        elif PROBLEM.search(line):
            build.problems.append(line)
        if match := INDICES.search(line):
            build.indices += match.group(1).split()
    return build


# -- HTML --------------------------------------------------------------------------------------


def page_hashes(outdir: Path) -> dict[str, str]:
    """docname -> digest of its HTML page."""
    return {
        path.relative_to(outdir).with_suffix("").as_posix(): hashlib.sha1(
            path.read_bytes()
        ).hexdigest()
        for path in outdir.rglob("*.html")
        if "_static" not in path.parts
    }


class _Spans(HTMLParser):
    """Text of a page, and the byte length of the elements whose class matches a wanted one."""

    VOID = frozenset(
        {
            "area",
            "base",
            "br",
            "col",
            "embed",
            "hr",
            "img",
            "input",
            "link",
            "meta",
            "source",
            "track",
            "wbr",
        }
    )

    def __init__(self, source: str, wanted: tuple[str, ...]) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.wanted = wanted
        self.line_starts = [0]
        for match in re.finditer("\n", source):
            self.line_starts.append(match.end())
        self.stack: list[tuple[str, str | None, int]] = []  # tag, wanted class, start offset
        self.sizes = dict.fromkeys(wanted, 0)
        self.text: list[str] = []
        self.skip = 0
        self.attributes = 0  # bytes of aria-describedby="…" attributes

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        for name, value in attrs:
            if name == "aria-describedby":
                self.attributes += len(f' {name}="{value}"'.encode())
        if tag in self.VOID:
            return
        classes = next((value or "" for name, value in attrs if name == "class"), "").split()
        hit = next((w for w in self.wanted if w in classes), None)
        inside = any(w is not None for _, w, _ in self.stack)
        self.stack.append((tag, None if inside else hit, self.position()))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip -= 1
        if tag in self.VOID:
            return
        while self.stack:
            open_tag, hit, start = self.stack.pop()
            if open_tag == tag:
                if hit is not None:
                    end = self.position() + len(f"</{tag}>")
                    self.sizes[hit] += len(self.source[start:end].encode())
                return

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.text.append(data)


def normalise(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\xa0", " ").replace("\u202f", " ")
    return " ".join(text.split())


@dataclass
class Page:
    size: int
    text: str
    parts: dict[str, int]  # bytes of the elements with these classes
    describedby: int


def read_page(path: Path, wanted: tuple[str, ...] = ()) -> Page:
    source = path.read_text(encoding="utf-8")
    parser = _Spans(source, wanted)
    parser.feed(source)
    parser.close()
    return Page(
        len(source.encode()), normalise(" ".join(parser.text)), parser.sizes, parser.attributes
    )


DOMAIN_PARTS = ("devops-tooltips", "devops-footnote", "devops-backlinks")


def html_report(outdirs: dict[str, Path], manifest: dict) -> dict:
    """Bytes per chapter page in each variant, what the domain adds, and how many times each
    definition's text is written on a page (the domain should write it at most once)."""
    chapters = manifest["chapters"]
    terms = {t["name"]: normalise(t["first_paragraph"]) for t in manifest["terms"]}
    people = {p["name"]: normalise(p["biography"]) for p in manifest["people"]}
    shown_on: dict[str, list[tuple[str, str]]] = {}  # docname -> [(kind, name)] it may show
    for name, docs in manifest["term_docs"].items():
        for doc in docs:
            shown_on.setdefault(doc, []).append(("term", name))
    for name, docs in manifest["person_docs"].items():
        for doc in docs:
            shown_on.setdefault(doc, []).append(("person", name))
    shown_on["glossaire"] = [("term", name) for name in terms]
    shown_on["personnes"] = [("person", name) for name in people]
    report: dict = {}
    for variant, outdir in outdirs.items():
        sizes, parts, described = [], dict.fromkeys(DOMAIN_PARTS, 0), 0
        repeats: list[tuple[str, str, int]] = []  # (page, entry, times) when times > 1
        pages = [*chapters, "glossaire", "personnes"]
        for doc in pages:
            page = read_page(outdir / f"{doc}.html", DOMAIN_PARTS)
            if doc in chapters:
                sizes.append(page.size)
                for key, value in page.parts.items():
                    parts[key] += value
                described += page.describedby
            for kind, name in shown_on.get(doc, []):
                text = terms[name] if kind == "term" else people[name]
                times = page.text.count(text)
                if times > 1:
                    repeats.append((doc, f"{kind} {name}", times))
        count = len(sizes)
        report[variant] = {
            "pages": count,
            "bytes_per_page": sum(sizes) / count,
            "parts_per_page": {key: value / count for key, value in parts.items()},
            "describedby_per_page": described / count,
            "repeats": repeats,
            "pages_with_repeats": len({page for page, _, _ in repeats}),
            "glossary_bytes": (outdir / "glossaire.html").stat().st_size,
            "people_bytes": (outdir / "personnes.html").stat().st_size,
        }
    return report
