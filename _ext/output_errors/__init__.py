"""An output folder that cannot be written, or a disk that fills up, ends the build with one
clear message and a non-zero exit, not a traceback.

Sphinx 9.0 prints every exception that ends a build as a crash: « Traceback », the last frame,
« The full traceback has been saved in … », « please open an issue at … Sphinx » — for an
``OSError`` of its own writes (``ensuredir`` of the output folder, ``copyfile`` of
``_sources``), and even for its own ``ApplicationError``.  Without patching Sphinx, two of
its documented hooks let an extension say it better:

* ``setup``, the only code that runs before Sphinx makes the output folder: an output or
  doctree folder that cannot be made or written (read-only file system, no permission, a
  file in its path) is reported there, once, and the build stops;
* ``build-finished``, which receives the exception that ends the build: an ``OSError`` (or
  an extension's error wrapping one) of the kinds a full or read-only disk gives is
  reported with its path, and the build stops there with exit status 2 (Sphinx's own for a
  build that raised) instead of Sphinx printing a crash report.

Both stop the build with ``SystemExit``, which Sphinx's command line lets through without a
report; a program that runs Sphinx in its own process gets ``SystemExit(2)``.  Not covered:
an error in a ``-j N`` worker process (Sphinx reports it as a ``SphinxParallelError``, its
traceback as text) and an error in another extension's ``builder-inited`` handler (Sphinx
raises it before the build starts).  Our own extensions catch their own write errors and
warn with the path.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "1.0.0"

logger = logging.getLogger(__name__)

#: What a full or read-only disk, or a folder that cannot be written, gives.
WRITE_ERRORS = frozenset(
    {
        errno.ENOSPC,
        errno.EDQUOT,
        errno.EFBIG,
        errno.EROFS,
        errno.EACCES,
        errno.EPERM,
        errno.ENOTDIR,
        errno.EEXIST,
        errno.EISDIR,
    }
)


def unwritable(folder: Path) -> str | None:
    """Why ``folder`` cannot be made or written, or None: the reason of the first folder of
    its path that exists (a read-only file system, no permission, a file)."""
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        return f"{existing} is not a folder"
    if os.access(existing, os.W_OK | os.X_OK):
        return None
    read_only = os.statvfs(existing).f_flag & os.ST_RDONLY
    reason = os.strerror(errno.EROFS if read_only else errno.EACCES)
    return reason if existing == folder else f"{existing}: {reason}"


def check_output_folders(app: Sphinx) -> None:
    """Stop at once, with one message, if the output or doctree folder cannot be written."""
    for what, folder in (("output", app.outdir), ("doctree", app.doctreedir)):
        reason = unwritable(Path(folder))
        if reason is not None:
            logger.error("cannot write the %s folder %s: %s", what, folder, reason)
            raise SystemExit(2)


def write_error(exception: BaseException | None) -> OSError | None:
    """The disk or folder error behind ``exception`` (an extension's handler or Sphinx may
    have wrapped it: ``ExtensionError``, ``ThemeError`` … ``from`` it), if that is what it is."""
    while exception is not None and not isinstance(exception, OSError):
        exception = exception.__cause__ or getattr(exception, "orig_exc", None)
    if exception is not None and exception.errno in WRITE_ERRORS:
        return exception
    return None


def report_write_error(app: Sphinx, exception: BaseException | None) -> None:
    """A build that a write error ended: one message with the path, exit status 2."""
    error = write_error(exception)
    if error is None:
        return
    path = error.filename2 or error.filename
    logger.error("cannot write %s: %s", path, error.strerror)
    raise SystemExit(2) from None


def setup(app: Sphinx) -> ExtensionMetadata:
    check_output_folders(app)
    # last, after every other extension's build-finished handler has run
    app.connect("build-finished", report_write_error, priority=900)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
