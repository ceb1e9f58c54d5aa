"""Byte-identical EPUB archives when ``SOURCE_DATE_EPOCH`` is set.

Sphinx 9.0 honours ``SOURCE_DATE_EPOCH`` for the dates it writes in the book
(``content.opf``), but zips the EPUB with ``ZipFile.write(path)``
(``sphinx/builders/_epub_base.py``, ``build_epub``), which stores each file's modification
time and permissions in the archive: two builds of the same sources, made at different
times or with different umasks, give archives that differ in those bytes alone.

When the ``epub`` builder has finished and ``SOURCE_DATE_EPOCH`` is set, the archive is
written again with the same members, in the same order, each with the compression Sphinx
chose (``mimetype`` first and stored, as the EPUB specification requires, the rest
deflated), but with ``SOURCE_DATE_EPOCH`` as every member's time and the same attributes
(a regular file, ``rw-r--r--``, made on Unix) whatever the machine.  Without the variable
the archive is left as Sphinx wrote it.
"""

from __future__ import annotations

import os
import time
import zipfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "1.0.0"

#: The times a zip member can hold (MS-DOS dates): 1980-01-01 to 2107-12-31.
DOS_EPOCH = 315532800
DOS_END = 4354819199
#: A regular file, rw-r--r--, in the Unix attributes of a member (high 16 bits).
FILE_ATTRIBUTES = 0o100644 << 16
UNIX = 3  # « version made by »: Unix, whatever the machine


def rewrite_archive(path: os.PathLike[str] | str, epoch: int) -> None:
    """Write ``path`` again: same members, same order, same compression, fixed times."""
    when = time.gmtime(min(max(epoch, DOS_EPOCH), DOS_END))[:6]
    with zipfile.ZipFile(path) as old:
        members = [(info, old.read(info)) for info in old.infolist()]
    partial = f"{os.fspath(path)}.partial"
    with zipfile.ZipFile(partial, "w") as new:
        for info, data in members:
            fixed = zipfile.ZipInfo(info.filename, date_time=when)
            fixed.compress_type = info.compress_type
            fixed.create_system = UNIX
            fixed.external_attr = FILE_ATTRIBUTES
            new.writestr(fixed, data)
    os.replace(partial, path)


def reproducible_epub(app: Sphinx, exception: BaseException | None) -> None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if exception is not None or app.builder.name != "epub" or not epoch:
        return
    path = app.outdir / f"{app.config.epub_basename}.epub"
    if path.is_file():
        rewrite_archive(path, int(epoch))


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("build-finished", reproducible_epub)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
