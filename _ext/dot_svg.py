"""Graphviz's dot for sphinx.ext.graphviz, with SVG that an EPUB may hold and a browser may draw.

conf.py sets ``graphviz_dot`` to the Python interpreter and ``graphviz_dot_args`` to this
script, so Sphinx runs ``python dot_svg.py <dot's arguments>``: the script runs dot with the
same arguments and standard input, then mends an SVG output file in two ways.

- dot (before Graphviz 10's ``svg_inline``) starts every SVG with a DOCTYPE that names the SVG
  1.1 DTD; epubcheck rejects it (HTM-003: external entities are not allowed in EPUB 3), and
  browsers ignore it. The script drops it.
- The book's figures are set in TeX Gyre Heros, the PDF's sans-serif font (dot embeds it in
  the PDF it draws for LaTeX), which few readers have installed: a browser that lacks it
  would fall back to its default serif font, and to a regular weight for « TeX Gyre Heros
  Bold ». The script gives each ``font-family`` the metric-compatible Helvetica and Arial,
  then ``sans-serif``, as fallbacks, and a bold family a ``font-weight``.

A PDF output (the LaTeX output's) is left as dot wrote it but for its date: cairo writes
the time of the build as the PDF's ``/CreationDate``, so two builds of the same book differed;
with ``SOURCE_DATE_EPOCH`` set (as for the EPUB), that date is written instead, in the same
number of bytes (the PDF's cross-reference table gives byte offsets).

Usage: python dot_svg.py [dot arguments...]; the dot program is $DOT, or ``dot`` on the PATH.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

#: The DOCTYPE declaration dot writes before the <svg> element (one, with its public and
#: system identifiers, on one or more lines).
DOCTYPE = re.compile(r"<!DOCTYPE svg\b[^>]*>\s*", re.IGNORECASE)
#: A font-family attribute that names one family (as dot writes it), with its weight, if any.
FONT_FAMILY = re.compile(r'font-family="(?P<family>[^",]+?)(?P<bold> Bold)?"')
#: What a browser uses when it lacks the figure's font: Helvetica's metrics, then any sans.
FALLBACKS = "Helvetica,Arial,sans-serif"


#: cairo's creation date in a PDF: ``/CreationDate (D:20261208025659Z)``.
CREATION_DATE = re.compile(rb"/CreationDate \(D:\d{14}Z\)")


def output_file(args: list[str], format: str = "svg") -> Path | None:
    """The file dot writes (``-oFILE``), if it writes one in ``format`` (``-Tsvg``)."""
    if f"-T{format}" not in args:
        return None
    for arg in args:
        if arg.startswith("-o") and len(arg) > 2:
            return Path(arg[2:])
    return None


def strip_doctype(svg: str) -> str:
    """The SVG without its DOCTYPE declaration."""
    return DOCTYPE.sub("", svg, count=1)


def _with_fallbacks(match: re.Match[str]) -> str:
    weight = ' font-weight="bold"' if match["bold"] else ""
    return f'font-family="{match["family"]},{FALLBACKS}"{weight}'


def add_font_fallbacks(svg: str) -> str:
    """The SVG with fallback fonts after each font family, and the weight of a bold one."""
    return FONT_FAMILY.sub(_with_fallbacks, svg)


def fixed_creation_date(pdf: bytes, epoch: int) -> bytes:
    """The PDF with ``epoch`` as its creation date (the same length: offsets stay right)."""
    date = time.strftime("%Y%m%d%H%M%S", time.gmtime(epoch))
    return CREATION_DATE.sub(f"/CreationDate (D:{date}Z)".encode(), pdf, count=1)


#: A colour attribute of the DOT language: ``fillcolor="#eef3f8"``, ``fontcolor=white``.
COLOUR = re.compile(r'\b(?P<name>fillcolor|fontcolor|color)\s*=\s*(?:"[^"]*"|[\w#]+)')


def monochrome(code: str) -> str:
    """The drawing in black on white, for the printer's one-colour PDF (``book_print``)."""
    return COLOUR.sub(
        lambda match: f'{match["name"]}="{"white" if match["name"] == "fillcolor" else "black"}"',
        code,
    )


def main(args: list[str]) -> int:
    """Run dot with ``args``; return its exit status."""
    code = sys.stdin.buffer.read()
    if os.environ.get("BOOK_DOT_MONOCHROME"):
        code = monochrome(code.decode("utf-8")).encode("utf-8")
    dot = [os.environ.get("DOT", "dot"), *args]
    status = subprocess.run(dot, input=code, check=False).returncode
    svg_file = output_file(args)
    if status == 0 and svg_file is not None and svg_file.is_file():
        svg = svg_file.read_text(encoding="utf-8")
        svg_file.write_text(add_font_fallbacks(strip_doctype(svg)), encoding="utf-8")
    pdf_file = output_file(args, "pdf")
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if status == 0 and pdf_file is not None and pdf_file.is_file() and epoch.isdigit():
        pdf_file.write_bytes(fixed_creation_date(pdf_file.read_bytes(), int(epoch)))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
