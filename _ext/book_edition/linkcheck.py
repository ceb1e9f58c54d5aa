"""``make linkcheck``: a broken address of the bibliography is reported at its line of the
``.bib`` file, where the author fixes it.

Sphinx's linkcheck reports each address at the document and line of its node; the entries
that sphinxcontrib-bibtex writes into the bibliography page have no line of their own, so an
address of ``references.bib`` came out as ``source/bibliographie:1``.  This builder reports an
address that is not in the page's own source but is in a ``.bib`` file at that file and line.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders.linkcheck import CheckExternalLinksBuilder, CheckResult

if TYPE_CHECKING:
    from collections.abc import Iterator

#: An address as written in a .bib field (up to the brace, quote or blank that ends it).
ADDRESS = re.compile(r"https?://[^\s{}\"]+")
#: A DOI field: the bibliography links it as https://doi.org/<doi>.
DOI_FIELD = re.compile(r"^\s*doi\s*=\s*[{\"]\s*([^}\"\s]+)", re.I)


def bib_addresses(bibfiles: list[Path]) -> dict[str, tuple[Path, int]]:
    """Each address of the .bib files (as the bibliography links it): its file and line.

    LaTeX escapes are undone (``\\_``, ``\\%``, ``\\&``), as pybtex does; the first occurrence
    of an address wins.
    """
    found: dict[str, tuple[Path, int]] = {}
    for bibfile in bibfiles:
        try:
            lines = bibfile.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            continue  # citations_fr warns about the file
        for number, line in enumerate(lines, start=1):
            addresses = [match.replace("\\", "") for match in ADDRESS.findall(line)]
            if doi := DOI_FIELD.match(line):
                addresses.append(f"https://doi.org/{doi[1]}")
            for address in addresses:
                found.setdefault(address.rstrip(".,;"), (bibfile, number))
    return found


class BookLinkcheckBuilder(CheckExternalLinksBuilder):
    """Sphinx's linkcheck, with the addresses of the bibliography at their .bib line."""

    def init(self) -> None:
        super().init()
        names = getattr(self.config, "bibtex_bibfiles", None) or []
        bibfiles = [Path(self.srcdir, name) for name in names]
        self.bib_addresses = bib_addresses(bibfiles)

    def process_result(self, result: CheckResult) -> None:
        where = self.bib_addresses.get(result.uri)
        if where is None or self._written_in(result.docname, result.uri):
            super().process_result(result)
            return
        bibfile, line = where
        srcdir = Path(self.srcdir)
        name = bibfile.relative_to(srcdir).as_posix() if bibfile.is_relative_to(srcdir) else ""
        name = name or str(bibfile)
        with self._document_named(name, bibfile):
            super().process_result(result._replace(docname=name, lineno=line))

    def _written_in(self, docname: str, uri: str) -> bool:
        """Whether the document's own source holds the address (then its line is right)."""
        try:
            return uri in Path(self.env.doc2path(docname)).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return True

    @contextmanager
    def _document_named(self, name: str, path: Path) -> Iterator[None]:
        """For one result, the .bib file is the « document » Sphinx's linkcheck names: in its
        output line, its warning (``-q``) and ``output.txt``/``output.json``."""
        doc2path = self.env.doc2path

        def bib_or_document(docname: str, base: bool = True) -> Any:
            if docname == name:
                return path if base else Path(name)
            return doc2path(docname, base)

        self.env.doc2path = bib_or_document  # type: ignore[method-assign]
        try:
            yield
        finally:
            del self.env.doc2path  # back to the class's method
