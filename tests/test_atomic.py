"""aliasres.atomic: a file is written whole or not at all, with the mode a user expects."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import IO

import pytest

from aliasres.atomic import new_file_mode, write_atomic_bytes


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_umask_mode(tmp_path: Path) -> None:
    path = tmp_path / "new.bin"
    write_atomic_bytes(path, lambda fh: fh.write(b"abc"))
    assert path.read_bytes() == b"abc" and _mode(path) == new_file_mode()
    assert os.listdir(tmp_path) == ["new.bin"]


def test_a_replaced_file_keeps_its_mode_unless_one_is_given(tmp_path: Path) -> None:
    path = tmp_path / "old.bin"
    path.write_bytes(b"old")
    path.chmod(0o640)
    write_atomic_bytes(path, lambda fh: fh.write(b"new"), durable=True)
    assert path.read_bytes() == b"new" and _mode(path) == 0o640
    write_atomic_bytes(path, lambda fh: fh.write(b"private"), mode=0o600)
    assert _mode(path) == 0o600


@pytest.mark.parametrize("error", [OSError("disk full"), KeyboardInterrupt()])
def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, error: BaseException
) -> None:
    path = tmp_path / "kept.bin"
    path.write_bytes(b"old")

    def write(fh: IO[bytes]) -> None:
        fh.write(b"half")
        raise error

    with pytest.raises(type(error)):
        write_atomic_bytes(path, write)
    assert path.read_bytes() == b"old" and os.listdir(tmp_path) == ["kept.bin"]
