"""Fuzz target (atheris/libFuzzer) for scan() and resolve_document() (issue 13).

Each input becomes a Python ``str`` (UTF-8 with bad bytes as lone surrogates, or arbitrary
code points) scanned as running text with the bundled tables, and split on new lines into the
mentions of one document for ``resolve_document``. The target fails on:

- any exception (none is documented for a ``str``);
- a mention whose offsets are out of the text, do not give its ``text``, or overlap the previous
  one, or come out of order;
- ``resolve_document`` returning a list of another length than its input;
- a call slower than ``FUZZ_SLOW_SECONDS`` (default 2 s; libFuzzer's ``-timeout`` catches hangs).

Run it with ``fuzz/run.sh SECONDS`` after the resolve target, or directly:
``python fuzz/fuzz_scan.py -max_total_time=60 fuzz/seeds``.
"""

from __future__ import annotations

import os
import sys
import time

import atheris

with atheris.instrument_imports(include=["aliasres"]):
    import aliasres

SLOW = float(os.environ.get("FUZZ_SLOW_SECONDS", "2.0"))
RESOLVER = aliasres.default_resolver()  # built (or loaded) once, before fuzzing starts
TYPES = (None, "person", "organization", "place", "other")


def _check(text: str, etype: str | None) -> None:
    last = 0
    for m in RESOLVER.scan(text, type=etype):
        if not (0 <= m.start < m.end <= len(text)) or text[m.start : m.end] != m.text:
            raise AssertionError(f"bad offsets {m.start}:{m.end} for {m.text!r}")
        if m.start < last:
            raise AssertionError(f"overlapping or unordered mention {m}")
        if etype is not None and m.match.type != etype:
            raise AssertionError(f"type={etype} gave a {m.match.type}")
        last = m.end
    names = text.split("\n")[:50]
    if len(RESOLVER.resolve_document(names, type=etype)) != len(names):
        raise AssertionError("resolve_document lost or added mentions")


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    mode = fdp.ConsumeIntInRange(0, 3)
    etype = TYPES[fdp.ConsumeIntInRange(0, len(TYPES) - 1)]
    if mode <= 1:
        text = fdp.ConsumeBytes(fdp.remaining_bytes()).decode("utf-8", "surrogateescape")
    else:
        text = fdp.ConsumeUnicode(fdp.remaining_bytes())
    start = time.perf_counter()
    _check(text, etype)
    elapsed = time.perf_counter() - start
    if elapsed > SLOW:
        raise AssertionError(f"{elapsed:.2f} s for {len(text)} characters: {text[:200]!r}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
