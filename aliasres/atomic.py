"""Write a file whole or not at all: through a temporary file beside it and an atomic rename.

The one implementation behind ``aliasres fmt`` / ``import`` / ``suggest`` (fmt.write_atomic),
``aliasres build`` (compiled.write_index) and the cache (cache.cached), so that an
interrupted write never leaves half a file under the final name.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

__all__ = ["new_file_mode", "write_atomic_bytes"]


def new_file_mode() -> int:
    """The mode a newly created file gets under the process's umask (0666 & ~umask)."""
    umask = os.umask(0)  # reading the umask means setting it: set it back at once
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic_bytes(
    path: str | os.PathLike[str],
    write: Callable[[IO[bytes]], object],
    *,
    mode: int | None = None,
    durable: bool = False,
) -> None:
    """Create or replace ``path`` with what ``write(fh)`` writes to a binary file object.

    ``mode`` is the new file's mode; None gives it the replaced file's mode, or for a new
    file the usual one (``new_file_mode``; the temporary file's 0600 would surprise).
    ``durable`` flushes the bytes to the disk before the rename. On any error (Ctrl-C
    included) the temporary file is removed and ``path`` is as it was.
    """
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        if mode is None:
            try:
                mode = target.stat().st_mode & 0o7777
            except FileNotFoundError:
                mode = new_file_mode()
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
