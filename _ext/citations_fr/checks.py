"""Checks of the bibliography files, when a build starts."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from pybtex.plugin import find_plugin
from sphinx.util import logging

from .style import FrenchStyle, unsupported_types

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


def entry_line(bibfile: Path, entry_type: str, key: str) -> int | None:
    """The line where ``@type{key,`` starts in ``bibfile`` (1-based), if found."""
    start = re.compile(rf"@\s*{re.escape(entry_type)}\s*[{{(]\s*{re.escape(key)}\s*,", re.I)
    try:
        text = bibfile.read_text(encoding="utf-8-sig")
    except OSError:
        return None
    match = start.search(text)
    return None if match is None else text.count("\n", 0, match.start()) + 1


def warn_unsupported_types(app: Sphinx) -> None:
    """Warn about each entry that the French style does not know how to format.

    Such an entry is formatted as ``@misc`` rather than stopping the build; the warning
    (``citations.unknown_entry_type``) points at the entry in its .bib file.
    """
    style = find_plugin("pybtex.style.formatting", app.config.bibtex_default_style)
    if not issubclass(style, FrenchStyle):
        return
    bibdata = app.env.get_domain("cite").bibdata
    for bibfile, cache in bibdata.bibfiles.items():
        entries = (bibdata.data.entries[key] for key in cache.keys)
        for entry in unsupported_types(entries):
            line = entry_line(Path(bibfile), entry.original_type, entry.key)
            logger.warning(
                'unknown entry type "@%s" for "%s": formatted as @misc',
                entry.original_type,
                entry.key,
                location=f"{bibfile}:{line}" if line else str(bibfile),
                type="citations",
                subtype="unknown_entry_type",
            )
