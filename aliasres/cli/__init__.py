"""The ``aliasres`` command line (also ``python -m aliasres``).

Commands: ``resolve``, ``explain``, ``transliterate``, ``normalize``, ``clean``, ``scan``,
``suggest``, ``check``, ``fmt``, ``import`` and ``build``; ``aliasres COMMAND --help`` documents
each, and ``docs/cli.md`` has examples. Exit status: 0 success; 1 a check failed, a file would be
reformatted, or an input row is bad; 2 a usage error (an unknown column, an unreadable file,
an invalid table); 128+N when stopped by signal N (130 for Ctrl-C).

One module per command: it defines the command's functions and ``register(sub)``, which adds
its sub-parser(s) with ``set_defaults(func=...)``. A new command is a new module here plus its
name in :data:`COMMAND_MODULES`. The shared file handling (formats, atomic output, signals)
is in :mod:`aliasres.cli.files`, the shared options and exit codes in :mod:`aliasres.cli.common`.
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import signal
import sys
from collections.abc import Sequence
from typing import Any

from ..errors import AliasTableError
from .common import (
    EXIT_FAIL,
    EXIT_OK,
    EXIT_USAGE,
    PROG,
    CliError,
    _err,
    _Stopped,
    install_stop_handler,
)
from .files import ROW_DELAY_ENV

__all__ = [
    "COMMAND_MODULES",
    "EXIT_FAIL",
    "EXIT_OK",
    "EXIT_USAGE",
    "ROW_DELAY_ENV",
    "CliError",
    "build_parser",
    "main",
]

#: The modules of :mod:`aliasres.cli` that register commands, in the order ``--help`` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "resolve", "transliterate", "clean", "scan", "suggest", "check", "fmt", "importing", "build"
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``aliasres`` command."""
    from .. import __version__

    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Resolve the many spellings of Arabic-derived names to one canonical ID.",
        epilog="See `aliasres COMMAND --help`, and docs/cli.md.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "prefix", "") is None:
        args.prefix = args.column
    handlers: dict[int, Any] = {}
    for signame in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, signame, None)
        if signum is not None:
            try:
                handlers[signum] = install_stop_handler(signum)
            except ValueError:  # not the main thread
                pass
    command = f"{PROG} {args.command}"
    try:
        code: int = args.func(args)
        return code
    except CliError as exc:
        _err(f"{command}: error: {exc}")
        return exc.code
    except AliasTableError as exc:
        _err(f"{command}: error: {exc}")
        return EXIT_USAGE
    except UnicodeError as exc:
        # a decoder that fails whatever the error handler (utf-16 without a byte-order mark,
        # utf-32, a truncated last character): the file is not in this encoding
        encoding = getattr(args, "encoding", None)
        if isinstance(exc, UnicodeEncodeError) or encoding is None:
            raise
        _err(f"{command}: error: the input cannot be read as {encoding} (see --encoding): {exc}")
        return EXIT_FAIL
    except KeyboardInterrupt:
        _err(f"{command}: interrupted")
        return 128 + signal.SIGINT
    except _Stopped as exc:
        _err(f"{command}: stopped by signal {exc.signum}")
        return 128 + exc.signum
    except BrokenPipeError:
        # the reader went away (`| head`): quietly stop, without a traceback at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 128 + getattr(signal, "SIGPIPE", 13)
    finally:
        for signum, old in handlers.items():
            signal.signal(signum, old)
