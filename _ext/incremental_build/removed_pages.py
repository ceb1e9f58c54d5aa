"""Remove the output of documents that are gone, as a clean build would not write it.

Sphinx never deletes the page of a removed document: it stays reachable by its address, and
the EPUB builder, which packs every file of its output folder, ships it.  Sphinx's own list
of removed documents is no help when builders share one environment (``make html`` then
``make epub``: the second build no longer sees the removal), so each builder keeps, next to
the doctrees, the documents it wrote pages for.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

logger = logging.getLogger(__name__)


def record_of(builder: StandaloneHTMLBuilder) -> Path:
    """Where `builder` lists the documents it has written pages for."""
    return Path(builder.doctreedir, f"incremental_build-pages-{builder.name}.json")


def documents_with_pages(builder: StandaloneHTMLBuilder) -> set[str]:
    """The documents the last build of this builder wrote pages for (none if unknown)."""
    try:
        recorded = json.loads(record_of(builder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return (
        {name for name in recorded if isinstance(name, str)}
        if isinstance(recorded, list)
        else set()
    )


def outputs_of(builder: StandaloneHTMLBuilder, docname: str) -> list[Path]:
    """The page of `docname` and the copies of its source the builder may have written."""
    outputs = [Path(builder.get_outfilename(docname))]
    sources = Path(builder.outdir, "_sources")
    for suffix in builder.config.source_suffix:
        outputs.append(sources / f"{docname}{suffix}")
        outputs.append(sources / f"{docname}{suffix}{builder.config.html_sourcelink_suffix}")
    return outputs


def remove_pages_of_removed_documents(app: Sphinx, builder: Builder) -> None:
    """Before writing: delete what this builder wrote for documents that no longer exist."""
    if not isinstance(builder, StandaloneHTMLBuilder):
        return
    outdir = Path(builder.outdir).resolve()
    for docname in sorted(documents_with_pages(builder) - builder.env.found_docs):
        for output in outputs_of(builder, docname):
            # Only files inside the output folder: a deletion is the one thing that must not
            # go wrong, whatever the record says.
            if output.is_file() and output.resolve().is_relative_to(outdir):
                output.unlink()
                logger.verbose("removed %s: its document is gone", output)


def record_documents_with_pages(app: Sphinx, exception: BaseException | None) -> None:
    """After a build that succeeded: every document now has its page."""
    builder = app.builder
    if exception is not None or not isinstance(builder, StandaloneHTMLBuilder):
        return
    record = record_of(builder)
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(json.dumps(sorted(builder.env.found_docs)), encoding="utf-8")
