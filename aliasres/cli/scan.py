"""``scan``: the mentions of table entities in text files, as JSON Lines."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import deque
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING

from .common import (
    EXIT_FAIL,
    EXIT_OK,
    _build_resolver,
    _err,
    resolver_options,
    text_encoding,
)

if TYPE_CHECKING:
    from ..resolve import Resolver
    from .common import Subparsers

#: a file is scanned in pieces of about this many characters, cut at line ends, so memory
#: stays flat on a large file (document context applies within a piece)
CHUNK_CHARS = 1_000_000
#: where a line longer than a piece is cut: after a sentence's end, else at a space
_SENTENCE_END = re.compile(r"[.!?؟。][\"'”»)\]]*\s+")
_SPACE = re.compile(r"\s+")


def _pieces(stream: IO[str]) -> Iterator[str]:
    """The text of ``stream`` in pieces of about CHUNK_CHARS characters, cut after a line; a
    line longer than that is read in parts and cut after its last sentence end (else its
    last space) in the piece, so that a file without line ends is not one piece."""
    buffer: list[str] = []
    size = 0
    while True:
        line = stream.readline(CHUNK_CHARS)  # a line longer than a piece comes in parts
        if not line:
            break
        buffer.append(line)
        size += len(line)
        if size < CHUNK_CHARS:
            continue
        text = "".join(buffer)
        if len(line) < CHUNK_CHARS or line.endswith(("\n", "\r")):
            yield text  # after a whole line, as always
            buffer, size = [], 0
            continue
        cut = _soft_cut(text)
        yield text[:cut]
        rest = text[cut:]
        buffer, size = ([rest], len(rest)) if rest else ([], 0)
    if buffer:
        yield "".join(buffer)


def _soft_cut(text: str) -> int:
    """Where to end a piece inside a line: after the last sentence end of ``text``, else
    after its last run of spaces, else (one word as long as a piece) at its end."""
    for pattern in (_SENTENCE_END, _SPACE):
        last = deque(pattern.finditer(text), maxlen=1)
        if last:
            return last[0].end()
    return len(text)


def _scan_stream(resolver: Resolver, label: str, stream: IO[str], type: str | None) -> int:
    out = sys.stdout
    offset = 0
    found = 0
    for piece in _pieces(stream):
        for m in resolver.scan(piece, type=type):
            record = {
                "file": label,
                "start": offset + m.start,
                "end": offset + m.end,
                "text": m.text,
                "id": m.match.id,
                "name": m.match.name,
                "type": m.match.type,
                "score": m.match.score,
                "method": m.match.method,
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            found += 1
        out.flush()
        offset += len(piece)
    return found


def cmd_scan(args: argparse.Namespace) -> int:
    """`aliasres scan`: the linked mentions of each text file as JSON lines; 1 if one could not
    be read."""
    resolver = _build_resolver(args)
    failed = 0
    for path in args.files:
        try:
            if path == "-":
                _scan_stream(resolver, "-", sys.stdin, args.type)
                continue
            # newline="" keeps \r\n as two characters: offsets count the file's characters
            with open(path, encoding=args.encoding, errors="replace", newline="") as fh:
                _scan_stream(resolver, path, fh, args.type)
        except BrokenPipeError:
            raise  # the reader went away: main() handles it
        except OSError as exc:
            _err(f"aliasres scan: {path}: {exc.strerror or exc}")
            failed += 1
    return EXIT_FAIL if failed else EXIT_OK


def register(sub: Subparsers) -> None:
    """Add ``scan`` to the ``aliasres`` parser."""
    p = sub.add_parser(
        "scan",
        parents=[resolver_options()],
        help="find and link the entities named in text files",
        description="Find the mentions of table entities in each text FILE (- for stdin) and "
        "print one JSON object a line: file, start and end (character offsets into the "
        "file), text, id, name, type, score, method. Mentions are linked with the context "
        "of their file (of each piece of about a million characters, for larger files). "
        "Exit 1 when a file could not be read (the others are scanned).",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="a text file, or - for stdin")
    p.add_argument(
        "--encoding",
        default="utf-8",
        type=text_encoding,
        help="the files' encoding (default %(default)s; undecodable bytes become U+FFFD)",
    )
    p.set_defaults(func=cmd_scan)
