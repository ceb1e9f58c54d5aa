"""How much of each variant's build is Python's cyclic garbage collector.

Builds both variants of a book written by bookgen.py (clean, -j 1) with the collector on and
off, alternating, and prints the CPU time of each build and, with the collector on, the
number and CPU time of its full (generation 2) collections. The domain's overhead with the
collector off is the cost of its own code; the rest is the collector walking a larger heap
more often.

Usage: ``python bench/gc_share.py BOOK_DIR [--repeat 2]``, e.g. on
``bench/_work/n0800`` after ``python bench/run.py``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

RUNNER = r"""
import gc, sys, time
stats = {"full": 0, "full_seconds": 0.0, "young_seconds": 0.0}
started = [0.0]

def watch(phase, info):
    if phase == "start":
        started[0] = time.process_time()
        return
    seconds = time.process_time() - started[0]
    if info["generation"] == 2:
        stats["full"] += 1
        stats["full_seconds"] += seconds
    else:
        stats["young_seconds"] += seconds

if sys.argv[1] == "off":
    gc.disable()
gc.callbacks.append(watch)
from sphinx.cmd.build import main
code = main(sys.argv[2:])
print("GC", stats["full"], stats["full_seconds"], stats["young_seconds"], file=sys.stderr)
sys.exit(code)
"""

VARIANTS = ("domain", "baseline")


def build(book: Path, variant: str, collector: str) -> tuple[float, int, float, float]:
    out = book / "build" / f"gc-{variant}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    command = [
        sys.executable,
        "-c",
        RUNNER,
        collector,
        "-b",
        "html",
        "-n",
        "-N",
        "-j",
        "1",
        "-d",
        str(out / "doctrees"),
        str(book / variant),
        str(out / "html"),
    ]
    with open(out / "stderr.log", "w", encoding="utf-8") as err:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"the build of {variant} failed: see {out / 'stderr.log'}")
    line = next(
        line for line in (out / "stderr.log").read_text().splitlines() if line.startswith("GC ")
    )
    _, full, full_seconds, young_seconds = line.split()
    shutil.rmtree(out, ignore_errors=True)
    return usage.ru_utime + usage.ru_stime, int(full), float(full_seconds), float(young_seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("book", type=Path, help="a directory written by bookgen.py")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    best: dict[tuple[str, str], tuple[float, int, float, float]] = {}
    for rep in range(args.repeat):
        collectors = ("on", "off") if rep % 2 == 0 else ("off", "on")
        for collector in collectors:
            variants = VARIANTS if rep % 2 == 0 else VARIANTS[::-1]
            for variant in variants:
                result = build(args.book, variant, collector)
                print(
                    f"collector {collector:3s} {variant:8s} CPU {result[0]:6.2f} s, "
                    f"{result[1]} full collections {result[2]:.2f} s",
                    flush=True,
                )
                key = (collector, variant)
                if key not in best or result[0] < best[key][0]:
                    best[key] = result
    print()
    print(
        "| collector | domain CPU (s) | baseline CPU (s) | overhead | full collections "
        "(domain / baseline) | their CPU (s) |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for collector in ("on", "off"):
        d, b = best[collector, "domain"], best[collector, "baseline"]
        print(
            f"| {collector} | {d[0]:.2f} | {b[0]:.2f} | {d[0] / b[0] - 1:+.1%} "
            f"| {d[1]} / {b[1]} | {d[2]:.2f} / {b[2]:.2f} |"
        )


if __name__ == "__main__":
    main()
