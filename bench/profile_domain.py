"""Profile a clean HTML build of both variants of a synthetic book and say where the domain's
time goes.

cProfile runs with a CPU-time clock (``time.process_time``), so that the other processes of a
shared machine do not charge their time to whatever function was running when the build was
descheduled. cProfile slows Python code down about twofold: read the numbers as shares.

Usage: ``python bench/profile_domain.py BOOK_DIR`` (a directory written by bookgen.py), or
``python bench/profile_domain.py --docs 800`` to generate the book first. Writes
``profile-<variant>.prof`` next to the book and prints a Markdown summary.
"""

from __future__ import annotations

import argparse
import pstats
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import bookgen  # noqa: E402

RUNNER = """
import cProfile, sys, time
from sphinx.cmd.build import main
profiler = cProfile.Profile(time.process_time)
code = profiler.runcall(main, sys.argv[2:])
profiler.dump_stats(sys.argv[1])
sys.exit(code)
"""

#: Phases of a Sphinx HTML build: (label, file suffix, function name); cumulative times.
PHASES = [
    ("whole build", "sphinx/builders/__init__.py", "build"),
    ("reading (parse + transforms + pickle doctrees)", "sphinx/builders/__init__.py", "read"),
    ("  MyST parsing", "myst_parser/parsers/sphinx_.py", "parse"),
    ("writing (all pages)", "sphinx/builders/__init__.py", "_write_serial"),
    ("  post-transforms (resolving)", "sphinx/environment/__init__.py", "apply_post_transforms"),
    ("  HTML translation", "sphinx/builders/html/__init__.py", "write_doc"),
    ("  search index feed", "sphinx/builders/html/__init__.py", "index_page"),
    ("  templates (handle_page)", "sphinx/builders/html/__init__.py", "handle_page"),
    ("consistency checks", "sphinx/environment/__init__.py", "check_consistency"),
    ("finish (indices, search, static)", "sphinx/builders/html/__init__.py", "finish"),
]

#: The domain's entry points, called by Sphinx; their cumulative times do not nest.
ENTRY_POINTS = [
    ("role run (reading)", "roles.py", "run"),
    ("directives run (reading)", "directives.py", "run"),
    ("process_doc (reading)", "domain.py", "process_doc"),
    ("clear_doc / merge", "domain.py", "clear_doc"),
    ("outdated_pages (env-get-updated)", "__init__.py", "outdated_pages"),
    ("check_consistency", "domain.py", "check_consistency"),
    ("FirstMentionFootnotes.run", "footnotes.py", "run"),
    ("AddTooltips.run", "tooltips.py", "run"),
    ("FlattenTooltips.run", "tooltips.py", "run"),
    ("FillBacklinks.run", "backlinks.py", "run"),
    ("resolve_xref", "domain.py", "resolve_xref"),
    ("HTML visitors", "nodes.py", None),
    ("indices generate", "indices.py", "generate"),
    ("get_objects (search, inventory)", "domain.py", "get_objects"),
]


def profile(src: Path, workdir: Path, name: str) -> Path:
    output = workdir / f"profile-{name}.prof"
    command = [
        sys.executable,
        "-c",
        RUNNER,
        str(output),
        "-b",
        "html",
        "-q",
        "-N",
        "-d",
        str(workdir / f"profile-{name}-doctrees"),
        str(src),
        str(workdir / f"profile-{name}-html"),
    ]
    subprocess.run(command, check=True)
    return output


def cumulative(stats: dict, suffix: str, function: str | None) -> float:
    return sum(
        value[3]
        for key, value in stats.items()
        if key[0].endswith(suffix)
        and (function is None or key[2] == function)
        and (function is not None or key[2].startswith(("visit_", "depart_")))
    )


def entry_point_times(stats: dict) -> list[tuple[str, float, int]]:
    rows = []
    for label, file, function in ENTRY_POINTS:
        found = [
            (key, value)
            for key, value in stats.items()
            if "devops_domain" in key[0]
            and key[0].endswith(file)
            and (key[2] == function if function else key[2].startswith(("visit_", "depart_")))
        ]
        if label.startswith("FlattenTooltips"):
            found = [kv for kv in found if kv[0][1] > 60]
        elif label.startswith("AddTooltips"):
            found = [kv for kv in found if kv[0][1] < 60]
        rows.append((label, sum(v[3] for _, v in found), sum(v[1] for _, v in found)))
    return rows


def summary(domain_prof: Path, baseline_prof: Path, docs: int) -> str:
    domain = pstats.Stats(str(domain_prof)).stats
    baseline = pstats.Stats(str(baseline_prof)).stats
    lines = [
        f"### cProfile (CPU clock) of a clean -j 1 HTML build, {docs} documents",
        "",
        "| phase | domain (s) | baseline (s) | difference (s) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for label, file, function in PHASES:
        d, b = cumulative(domain, file, function), cumulative(baseline, file, function)
        lines.append(f"| {label} | {d:.2f} | {b:.2f} | {d - b:+.2f} |")
    lines += ["", "| domain entry point | cumulative (s) | calls |", "| --- | ---: | ---: |"]
    rows = entry_point_times(domain)
    for label, seconds, calls in rows:
        lines.append(f"| {label} | {seconds:.2f} | {calls} |")
    lines.append(f"| **sum** | **{sum(r[1] for r in rows):.2f}** | |")
    own = sorted(
        ((k, v) for k, v in domain.items() if "devops_domain" in k[0]), key=lambda kv: -kv[1][3]
    )[:15]
    lines += [
        "",
        "| domain function (top 15 by cumulative) | calls | own (s) | cumulative (s) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for (file, line, function), value in own:
        where = file.split("devops_domain/")[-1]
        lines.append(
            f"| `{where}:{line} {function}` | {value[1]} | {value[2]:.2f} | {value[3]:.2f} |"
        )
    callees = sorted(
        ((k, v) for k, v in domain.items() if "devops_domain" not in k[0]),
        key=lambda kv: -sum(t for caller, t in _domain_caller_times(kv[1])),
    )[:12]
    lines += [
        "",
        "| called from the domain (top 12) | time under domain callers (s) |",
        "| --- | ---: |",
    ]
    for (file, line, function), value in callees:
        seconds = sum(t for _, t in _domain_caller_times(value))
        where = "/".join(file.split("/")[-2:])
        lines.append(f"| `{where}:{line} {function}` | {seconds:.2f} |")
    return "\n".join(lines) + "\n"


def _domain_caller_times(value: tuple) -> list[tuple[tuple, float]]:
    """Cumulative time of a function under callers that are domain functions."""
    callers = value[4]
    return [(caller, times[3]) for caller, times in callers.items() if "devops_domain" in caller[0]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("book", type=Path, nargs="?", help="a directory written by bookgen.py")
    parser.add_argument("--docs", type=int, default=800)
    args = parser.parse_args()
    book = args.book or Path(tempfile.mkdtemp(prefix="bench-profile-"))
    if not (book / "manifest.json").exists():
        bookgen.generate(book, args.docs)
    docs = len(bookgen.json.loads((book / "manifest.json").read_text())["chapters"])
    profiles = {variant: profile(book / variant, book, variant) for variant in bookgen.VARIANTS}
    print(summary(profiles["domain"], profiles["baseline"], docs))


if __name__ == "__main__":
    main()
