"""Graphviz's dot for sphinx.ext.graphviz, with SVG that an EPUB may hold.

dot (before Graphviz 10's ``svg_inline``) starts every SVG with a DOCTYPE that names the SVG 1.1
DTD; epubcheck rejects it (HTM-003: external entities are not allowed in EPUB 3), and browsers
ignore it. conf.py sets ``graphviz_dot`` to the Python interpreter and ``graphviz_dot_args`` to
this script, so Sphinx runs ``python dot_svg.py <dot's arguments>``: the script runs dot with
the same arguments and standard input, then drops the DOCTYPE from an SVG output file. Other
formats (the PDF of the LaTeX output) are left as dot wrote them.

Usage: python dot_svg.py [dot arguments...]; the dot program is $DOT, or ``dot`` on the PATH.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

#: The DOCTYPE declaration dot writes before the <svg> element (one, with its public and
#: system identifiers, on one or more lines).
DOCTYPE = re.compile(r"<!DOCTYPE svg\b[^>]*>\s*", re.IGNORECASE)


def output_file(args: list[str]) -> Path | None:
    """The file dot writes (``-oFILE``), if it writes an SVG one (``-Tsvg``), else None."""
    if "-Tsvg" not in args:
        return None
    for arg in args:
        if arg.startswith("-o") and len(arg) > 2:
            return Path(arg[2:])
    return None


def strip_doctype(svg: str) -> str:
    """The SVG without its DOCTYPE declaration."""
    return DOCTYPE.sub("", svg, count=1)


def main(args: list[str]) -> int:
    """Run dot with ``args``; return its exit status."""
    status = subprocess.run([os.environ.get("DOT", "dot"), *args], check=False).returncode
    svg_file = output_file(args)
    if status == 0 and svg_file is not None and svg_file.is_file():
        svg = svg_file.read_text(encoding="utf-8")
        svg_file.write_text(strip_doctype(svg), encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
