"""Checks of the bibliography files, when a build starts."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pybtex.errors
from pybtex.database import BibliographyDataError
from pybtex.database.input.bibtex import Parser
from pybtex.plugin import find_plugin
from sphinx.util import logging
from sphinxcontrib.bibtex.bibfile import BibData, BibFile, get_mtime, parse_bibdata

from web_url import is_web_url

from .style import (
    FrenchStyle,
    entry_links,
    entry_persons,
    missing_fields,
    unsupported_types,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


def decode(data: bytes, encoding: str) -> str:
    """``data`` decoded, each byte that is not in ``encoding`` read as Windows-1252 (a .bib
    that is not UTF-8 is nearly always Latin-1 or Windows-1252: « entrée » stays right) or
    as « ? »: never U+FFFD, which LaTeX refuses (« Unicode character � not set up »)."""
    parts: list[str] = []
    while True:
        try:
            return "".join([*parts, data.decode(encoding)])
        except UnicodeDecodeError as error:
            parts.append(data[: error.start].decode(encoding))
            bad = data[error.start : error.end]
            parts.append(bad.decode("cp1252", errors="replace").replace("\ufffd", "?"))
            data = data[error.end :]


def read_text(bibfile: Path, encoding: str = "utf-8-sig") -> str:
    """The text of ``bibfile`` as :func:`decode` reads it, or nothing if it cannot be read
    (warned elsewhere)."""
    try:
        return decode(bibfile.read_bytes(), encoding)
    except (OSError, LookupError):
        return ""


def undecodable_files(bibfiles: list[Path], encoding: str) -> list[Path]:
    """The files that are not in ``encoding``, each warned at the line of its first bad byte.

    pybtex reads a file strictly: one byte that is not UTF-8 (a file saved in Latin-1) raised
    a ``PybtexError`` out of sphinxcontrib-bibtex, a traceback before any page was written.
    """
    bad: list[Path] = []
    for bibfile in bibfiles:
        try:
            bibfile.read_bytes().decode(encoding)
        except OSError:
            continue  # sphinxcontrib-bibtex warns a missing file itself
        except UnicodeDecodeError as error:
            bad.append(bibfile)
            line = error.object[: error.start].count(b"\n") + 1
            logger.warning(
                "byte 0x%02x is not %s (bibtex_encoding): read as Windows-1252; "
                "save the file in %s",
                error.object[error.start],
                encoding,
                encoding,
                location=f"{bibfile}:{line}",
                type="citations",
                subtype="bibfile",
            )
    return bad


def parse_replacing(bibfiles: list[Path], encoding: str, bad: list[Path]) -> BibData:
    """sphinxcontrib-bibtex's ``parse_bibdata``, except that the ``bad`` files are read by
    :func:`decode`, so that every entry of every file is kept."""
    parser = Parser(encoding)
    parsed: dict[Path, BibFile] = {}
    keys: dict[str, None] = {}
    for bibfile in bibfiles:
        if bibfile in bad:
            parser.filename = str(bibfile)  # for the location of syntax errors
            parser.parse_string(read_text(bibfile, encoding))
        elif bibfile.is_file():
            parser.parse_file(bibfile)
        else:  # as parse_bibdata warns it
            logger.warning(
                f"could not open bibtex file {bibfile}.", type="bibtex", subtype="bibfile_error"
            )
        keys, old_keys = dict.fromkeys(parser.data.entries.keys()), keys
        new_keys = dict.fromkeys(key for key in keys if key not in old_keys)
        parsed[bibfile] = BibFile(mtime=get_mtime(bibfile), keys=new_keys)
    return BibData(encoding=encoding, bibfiles=parsed, data=parser.data)


def entry_lines(text: str, key: str, entry_type: str | None = None) -> list[int]:
    """The lines where ``@type{key,`` starts in ``text`` (1-based), in order.

    Keys and types ignore case, as pybtex's do.
    """
    kind = re.escape(entry_type) if entry_type else r"[^\s{(@]+"
    start = re.compile(rf"@\s*{kind}\s*[{{(]\s*{re.escape(key)}\s*,", re.I)
    return [text.count("\n", 0, match.start()) + 1 for match in start.finditer(text)]


def field_line(text: str, line: int, field: str) -> int:
    """The line of ``field = …`` in the entry that starts at ``line`` (or ``line``)."""
    rest = "\n".join(text.splitlines()[line - 1 :])
    entry = re.split(r"\n\s*@", rest, maxsplit=1)[0]
    match = re.search(rf"(?:^|[,{{(])\s*{re.escape(field)}\s*=", entry, re.I | re.M)
    return line + entry.count("\n", 0, match.end()) if match else line


# -- Errors in the .bib files ---------------------------------------------------------------

#: pybtex's data errors, which carry no line: the key (and field) they are about.
REPEATED_ENTRY = re.compile(r"repeated bibliography entry: (?P<key>\S+)")
DUPLICATE_FIELD = re.compile(r"entry with key (?P<key>\S+) has a duplicate (?P<field>\S+) field")


def has_field_twice(text: str, line: int, field: str) -> bool:
    """Whether the entry that starts at ``line`` of ``text`` gives ``field`` twice."""
    entry = re.split(r"\n\s*@", "\n".join(text.splitlines()[line - 1 :]), maxsplit=1)[0]
    return len(re.findall(rf"(?:^|[,{{(])\s*{re.escape(field)}\s*=", entry, re.I | re.M)) > 1


class ErrorLocator:
    """Where in the .bib files each error that pybtex reports is.

    A syntax error knows its file and line.  A data error names only a key: a repeated
    entry is the key's next occurrence (in the order the files are read), a duplicate
    field the first entry of that key that gives the field twice.
    """

    def __init__(self, bibfiles: list[Path], encoding: str) -> None:
        self.texts = {bibfile: read_text(bibfile, encoding) for bibfile in bibfiles}
        self.repeated: Counter[str] = Counter()

    def occurrences(self, key: str) -> list[tuple[Path, int]]:
        return [
            (bibfile, line)
            for bibfile, text in self.texts.items()
            for line in entry_lines(text, key)
        ]

    def locate(self, error: Exception) -> str | None:
        filename, line = getattr(error, "filename", None), getattr(error, "lineno", None)
        if filename and line:
            return f"{filename}:{line}"
        found: tuple[Path, int] | None = None
        if match := REPEATED_ENTRY.fullmatch(str(error)):
            key = match["key"].casefold()
            self.repeated[key] += 1
            later = self.occurrences(match["key"])[self.repeated[key] :]
            found = later[0] if later else None
        elif match := DUPLICATE_FIELD.fullmatch(str(error)):
            places = self.occurrences(match["key"])
            twice = [(f, n) for f, n in places if has_field_twice(self.texts[f], n, match["field"])]
            found = next(iter(twice or places), None)
        if found is not None:
            return f"{found[0]}:{found[1]}"
        if filename:
            return str(filename)
        return str(next(iter(self.texts))) if len(self.texts) == 1 else None


def read_bibfiles(app: Sphinx) -> None:
    """Read the .bib files for sphinxcontrib-bibtex, and warn about their errors.

    sphinxcontrib-bibtex reads them in its own ``builder-inited`` handler with pybtex in
    strict mode: a syntax error raises (a traceback, nothing built), and a repeated key or
    field stops the file there (every later entry lost), with a warning that names no line.

    This handler runs just before it (priority 400, sphinxcontrib-bibtex's is 500) and reads
    the same files with sphinxcontrib-bibtex's own function (``bibfile.parse_bibdata``)
    inside ``pybtex.errors.capture()``, pybtex's way of collecting errors instead of raising
    them: the parser reports each error and goes on, keeping every other entry (and what it
    could read of the broken one).  The result goes where sphinxcontrib-bibtex keeps it, the
    ``cite`` domain's ``bibdata``; its handler then finds it up to date (same files,
    encoding and modification times) and keeps it.  So the files are read once, nothing is
    kept between the two handlers, and the errors are turned into located warnings here,
    where they are caught: a repeated key or field as ``bibtex.bibfile_data_error``, as
    sphinxcontrib-bibtex itself warns it, a syntax error as ``citations.bibfile``.

    The files are read on every build, not only when they changed, so that their errors are
    warned on every build for as long as they are there (as ``citations.unknown_entry_type``
    is): an incremental ``make html`` with ``-W`` keeps failing until the .bib is fixed.
    Reading the book's references.bib takes a few milliseconds.
    """
    if app.config.bibtex_bibfiles is None:
        return  # sphinxcontrib-bibtex says so itself
    bibfiles = [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles]
    encoding = app.config.bibtex_encoding
    bad = undecodable_files(bibfiles, encoding)
    with pybtex.errors.capture() as errors:
        if bad:
            bibdata = parse_replacing(bibfiles, encoding, bad)
        else:
            bibdata = parse_bibdata(bibfiles, encoding)
    app.env.get_domain("cite").data["bibdata"] = bibdata
    if not errors:
        return
    locator = ErrorLocator(bibfiles, encoding)
    for error in errors:
        # sphinxcontrib-bibtex's own type for a data error (a repeated key or field), so
        # that a project's suppress_warnings keeps working; a syntax error has none there.
        data_error = isinstance(error, BibliographyDataError)
        logger.warning(
            "%s",
            error,
            location=locator.locate(error),
            type="bibtex" if data_error else "citations",
            subtype="bibfile_data_error" if data_error else "bibfile",
        )


class FileEntries:
    """The entries of one .bib file, and where each starts in it (the file read once, and
    only when a warning needs a line)."""

    def __init__(self, path: str, entries: list[Any]) -> None:
        self.path, self.entries = path, entries
        self._text: str | None = None

    def location(self, entry: Any) -> str:
        """``file:line`` of the entry, or the file alone if its line is not found."""
        if self._text is None:
            self._text = read_text(Path(self.path))
        lines = entry_lines(self._text, entry.key, entry.original_type)
        return f"{self.path}:{lines[0]}" if lines else str(self.path)


def french_style_files(app: Sphinx) -> Iterator[FileEntries]:
    """Each .bib file with its entries, when the bibliography is in the French style (the
    checks below are about what that style formats)."""
    style = find_plugin("pybtex.style.formatting", app.config.bibtex_default_style)
    if not issubclass(style, FrenchStyle):
        return
    domain: Any = app.env.get_domain("cite")  # sphinxcontrib-bibtex ships no types
    bibdata = domain.bibdata
    for bibfile, cache in bibdata.bibfiles.items():
        yield FileEntries(bibfile, [bibdata.data.entries[key] for key in cache.keys])


def warn_unsupported_types(app: Sphinx) -> None:
    """Warn about each entry that the French style does not know how to format.

    Such an entry is formatted as ``@misc`` rather than stopping the build; the warning
    (``citations.unknown_entry_type``) points at the entry in its .bib file.
    """
    for bibfile in french_style_files(app):
        for entry in unsupported_types(bibfile.entries):
            logger.warning(
                'unknown entry type "@%s" for "%s": formatted as @misc',
                entry.original_type,
                entry.key,
                location=bibfile.location(entry),
                type="citations",
                subtype="unknown_entry_type",
            )


def warn_missing_fields(app: Sphinx) -> None:
    """Warn about each entry that lacks a field its type needs: ``@misc{Empty,}``.

    pybtex would stop the build (``FieldIsMissing: missing title in Empty``); the style shows
    the key for a missing title and formats an entry that lacks another needed field (an
    ``@article`` without a journal) as ``@misc``.  The warning (``citations.missing_field``)
    points at the entry in its .bib file.
    """
    for bibfile in french_style_files(app):
        for entry in bibfile.entries:
            for names in missing_fields(entry):
                if names != ("title",):
                    consequence = "formatted as @misc"
                else:  # the key stands for the title where the title would name the work
                    consequence = "shown without it" if entry_persons(entry) else "shown by its key"
                logger.warning(
                    'entry "%s" has no %s field: %s',
                    entry.key,
                    " or ".join(names),
                    consequence,
                    location=bibfile.location(entry),
                    type="citations",
                    subtype="missing_field",
                )


def warn_bad_urls(app: Sphinx) -> None:
    """Warn about each address of the .bib that the bibliography shows as text, not as a
    link (:func:`citations_fr.style.checked_links`): one that is not an http(s) URL of URI
    characters, the rule of the domain's ``:url:`` (``javascript:…``, ``">``, spaces).
    The warning (``citations.url``) points at the entry in its .bib file.
    """
    domain: Any = app.env.get_domain("cite")  # sphinxcontrib-bibtex ships no types
    bibdata = domain.bibdata
    for bibfile, cache in bibdata.bibfiles.items():
        text = None  # read once per file, and only if needed
        for key in cache.keys:
            entry = bibdata.data.entries[key]
            bad = dict.fromkeys(link for link in entry_links(entry) if not is_web_url(link[1]))
            if not bad:
                continue
            text = read_text(Path(bibfile)) if text is None else text
            lines = entry_lines(text, entry.key, entry.original_type)
            for name, url in bad:
                logger.warning(
                    'malformed URL %r in %s of "%s": expected http(s)://… '
                    "(percent-encoded); shown as text",
                    url,
                    name,
                    entry.key,
                    location=f"{bibfile}:{field_line(text, lines[0], name)}"
                    if lines
                    else str(bibfile),
                    type="citations",
                    subtype="url",
                )
