"""What every command shares: exit codes, the user-error exception, small argument types and
the options that choose the tables and the matching settings."""

from __future__ import annotations

import argparse
import codecs
import os
import re
import signal
import sys
from collections.abc import Iterator, Sequence
from types import FrameType
from typing import TYPE_CHECKING

from ..errors import AliasresError, IndexFileError
from ..resolve import DEFAULT_MARGIN, DEFAULT_THRESHOLD, Resolver, default_resolver
from ..types import ENTITY_TYPES

if TYPE_CHECKING:
    #: what a command module's ``register`` receives: ``parser.add_subparsers()``
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]

PROG = "aliasres"
EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class CliError(AliasresError):
    """A problem the user can fix (bad arguments, an unknown column, a bad row).

    ``code`` is the exit status: 2 for usage problems, 1 for bad data.
    """

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


class _Stopped(BaseException):
    """SIGTERM/SIGHUP arrived: unwind (removing temporary files) and exit 128+signum."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


#: the process that installed :func:`_raise_stopped` (main()); set when it does
_HANDLER_PID = os.getpid()


def _raise_stopped(signum: int, frame: FrameType | None) -> None:
    if os.getpid() != _HANDLER_PID:
        # a forked worker (clean --jobs) inherits the handler: a pool stops its workers
        # with SIGTERM, which must end them quietly, as it would without the handler
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    raise _Stopped(signum)


def install_stop_handler(signum: int) -> object:
    """Make ``signum`` unwind this process (removing temporary files); the old handler."""
    global _HANDLER_PID
    _HANDLER_PID = os.getpid()
    return signal.signal(signum, _raise_stopped)


# ---------------------------------------------------------------------------- helpers
def _err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _build_resolver(args: argparse.Namespace) -> Resolver:
    tables: list[str] = args.tables or []
    index = getattr(args, "index", None)
    if index is not None:
        if tables or args.no_bundled:
            raise CliError("--index replaces --tables and --no-bundled: give one or the other")
        try:
            return Resolver.load(index, threshold=args.threshold, margin=args.margin)
        except IndexFileError as exc:
            raise CliError(str(exc)) from None
    if args.no_bundled and not tables:
        raise CliError("--no-bundled needs at least one --tables PATH (nothing to resolve against)")
    if (
        not tables
        and not args.no_bundled
        and args.threshold == DEFAULT_THRESHOLD
        and args.margin == DEFAULT_MARGIN
    ):
        return default_resolver()
    return Resolver.from_yaml(
        *tables, bundled=not args.no_bundled, threshold=args.threshold, margin=args.margin
    )


def _unit_interval(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {value}")
    return value


def _threshold(text: str) -> float:
    """A --threshold: as Resolver takes it, in (0, 1]."""
    value = _unit_interval(text)
    if value == 0.0:
        raise argparse.ArgumentTypeError("must be more than 0 and at most 1, not 0")
    return value


def _margin(text: str) -> float:
    """A --margin: as Resolver takes it, in [0, 1)."""
    value = _unit_interval(text)
    if value == 1.0:
        raise argparse.ArgumentTypeError("must be at least 0 and less than 1, not 1")
    return value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def text_encoding(text: str) -> str:
    """An ``--encoding`` value: a codec Python knows that reads bytes as text (not rot13 or
    base64, which the file reader would refuse later with a traceback)."""
    try:
        info = codecs.lookup(text)
    except LookupError:
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True):
        raise argparse.ArgumentTypeError(f"not a text encoding: {text!r}")
    return text


def cell_delimiter(text: str) -> str:
    """A ``--delimiter`` value: one character that can separate cells (an empty value was
    taken as the default, a quote or a line break read the file as nonsense)."""
    if len(text) != 1:
        raise argparse.ArgumentTypeError(f"must be one character, not {text!r}")
    if text in "\"\n\r":
        raise argparse.ArgumentTypeError(
            f"cannot be a quote or a line break, not {text!r}"
        )
    return text


def delimiter_of(given: str | None, kind: str) -> str:
    """The cell separator of a ``csv``/``tsv`` file: ``--delimiter`` as given (checked by
    :func:`cell_delimiter`; None when not given), else tab for tsv and a comma for csv."""
    return given if given is not None else ("\t" if kind == "tsv" else ",")


def _n(count: int, word: str, plural: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else plural or word + 's'}"


def _score(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def _stdin_lines() -> Iterator[str]:
    for line in sys.stdin:
        yield line.rstrip("\r\n")


#: what str.splitlines() ends a line at: inside one text, written as a space
_LINE_BREAKS = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def one_line(text: str) -> str:
    """``text`` with its line breaks (and a Unicode line or paragraph separator) as spaces:
    a command that writes a line for each text in keeps that promise for any text."""
    return _LINE_BREAKS.sub(" ", text)


def _texts(values: Sequence[str]) -> Iterator[str]:
    """The command-line values, or stdin lines when the only value is ``-``."""
    if list(values) == ["-"]:
        yield from _stdin_lines()
    else:
        yield from values


def resolver_options() -> argparse.ArgumentParser:
    """The options of every command that resolves names (tables, type, threshold, evidence)."""
    p = argparse.ArgumentParser(add_help=False)
    g = p.add_argument_group("tables and matching")
    g.add_argument(
        "--tables",
        action="append",
        metavar="PATH",
        help="an alias table, or a directory of them (repeatable); added to the "
        "bundled tables unless --no-bundled",
    )
    g.add_argument(
        "--no-bundled", action="store_true", help="do not load the bundled tables (only --tables)"
    )
    g.add_argument(
        "--index",
        metavar="FILE",
        help="a compiled index (`aliasres build`) instead of the tables: answers at once, "
        "whatever its size",
    )
    g.add_argument("--type", choices=ENTITY_TYPES, help="only match entities of this type")
    g.add_argument(
        "--threshold",
        type=_threshold,
        default=DEFAULT_THRESHOLD,
        help="the lowest score that resolves (default %(default)s)",
    )
    g.add_argument(
        "--margin",
        type=_margin,
        default=DEFAULT_MARGIN,
        help="a second entity within this margin of the best makes the name "
        "ambiguous (default %(default)s)",
    )
    g.add_argument(
        "--cache-size",
        type=_positive,
        default=100_000,
        metavar="N",
        help="distinct names remembered, so each is resolved once (default %(default)s)",
    )
    return p
