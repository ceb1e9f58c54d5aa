"""Remove the output of documents that are gone, as a clean build would not write it.

Sphinx never deletes the page of a removed document: it stays reachable by its address, and
the EPUB builder, which packs every file of its output folder, ships it.  Sphinx's own list
of removed documents is no help when builders share one environment (``make html`` then
``make epub``: the second build no longer sees the removal), so each builder keeps, next to
the doctrees, the documents it wrote pages for.  The same holds for a domain's index page
(``devops-terms``, ``py-modindex``), which Sphinx writes only while the index lists
something: once it lists nothing, its old page would stay, full of dead links.
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


def recorded(builder: StandaloneHTMLBuilder, kind: str) -> set[str]:
    """What the last build of this builder wrote pages for: its ``documents`` or its domain
    ``indices`` (none if unknown)."""
    try:
        record = json.loads(record_of(builder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if isinstance(record, list):  # before the indices were recorded: documents only
        record = {"documents": record}
    names = record.get(kind, []) if isinstance(record, dict) else []
    return {name for name in names if isinstance(name, str)}


def documents_with_pages(builder: StandaloneHTMLBuilder) -> set[str]:
    """The documents the last build of this builder wrote pages for (none if unknown)."""
    return recorded(builder, "documents")


def written_indices(builder: StandaloneHTMLBuilder) -> set[str]:
    """The domain indices this build writes a page for (those that list something)."""
    return {name for name, *_ in builder.domain_indices}


def remove(builder: StandaloneHTMLBuilder, outputs: list[Path], why: str) -> None:
    """Delete ``outputs`` that are files inside the output folder: a deletion is the one
    thing that must not go wrong, whatever the record says."""
    outdir = Path(builder.outdir).resolve()
    for output in outputs:
        if output.is_file() and output.resolve().is_relative_to(outdir):
            output.unlink()
            logger.verbose("removed %s: %s", output, why)


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
    for docname in sorted(documents_with_pages(builder) - builder.env.found_docs):
        remove(builder, outputs_of(builder, docname), "its document is gone")


def remove_pages_of_empty_indices(app: Sphinx) -> list[tuple[str, dict[str, object], str]]:
    """Once the pages are written (``html-collect-pages``, before the EPUB is packed):
    delete the page of a domain index that the last build wrote and this one does not."""
    builder = app.builder
    if isinstance(builder, StandaloneHTMLBuilder):
        for name in sorted(recorded(builder, "indices") - written_indices(builder)):
            remove(builder, [Path(builder.get_outfilename(name))], "its index lists nothing")
    return []


def remove_build_info_backup(app: Sphinx) -> list[tuple[str, dict[str, object], str]]:
    """Once the pages are written (``html-collect-pages``, before the EPUB is packed): delete
    the ``.buildinfo.bak`` Sphinx leaves in the output folder when the configuration changed.

    It holds the previous build's configuration hash, for whoever wonders why every page was
    written again; a clean build has none, and a web host would publish it with the pages.
    """
    builder = app.builder
    if isinstance(builder, StandaloneHTMLBuilder):
        remove(builder, [Path(builder.outdir, ".buildinfo.bak")], "a clean build has none")
    return []


def record_documents_with_pages(app: Sphinx, exception: BaseException | None) -> None:
    """After a build that succeeded: every document now has its page."""
    builder = app.builder
    if exception is not None or not isinstance(builder, StandaloneHTMLBuilder):
        return
    record = record_of(builder)
    record.parent.mkdir(parents=True, exist_ok=True)
    written = {
        "documents": sorted(builder.env.found_docs),
        "indices": sorted(written_indices(builder)),
    }
    record.write_text(json.dumps(written), encoding="utf-8")
