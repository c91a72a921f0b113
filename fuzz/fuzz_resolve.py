"""Fuzz target (atheris/libFuzzer) for normalize, transliterate and resolve (issue 6).

Each input is turned into a Python ``str`` (any code point, lone surrogates included) and fed to
every name entry point of the bundled resolver. The target fails on:

- any exception but the documented ones (none, for a ``str``);
- ``normalize`` not idempotent, or leaving anything but ASCII letters, digits, Arabic letters and
  single spaces;
- ``transliterate`` leaving Arabic script behind;
- ``resolve`` disagreeing with ``candidates`` (an answer that is not the best candidate), or an id
  for a string with nothing to match;
- a call slower than ``--slow`` seconds (libFuzzer's own ``-timeout`` catches hangs).

The first byte picks the mode: one input in eight goes, as bytes, to the table loader (which may
only raise ``AliasTableError``); three in eight are read as UTF-8 (so that the entries of
``fuzz/names.dict``, name parts, particles, ligatures, marks, apply); the rest as arbitrary code
points.

Run it with ``fuzz/run.sh SECONDS`` (see there), or directly:
``python fuzz/fuzz_resolve.py -max_total_time=60 fuzz/seeds``.
"""

from __future__ import annotations

import os
import sys
import time
import unicodedata

import atheris

with atheris.instrument_imports(include=["aliasres"]):
    import aliasres
    from aliasres.normalize import has_arabic, is_arabic_char
    from aliasres.tables import parse_table

SLOW = float(os.environ.get("FUZZ_SLOW_SECONDS", "2.0"))
RESOLVER = aliasres.default_resolver()  # built (or loaded) once, before fuzzing starts
TYPES = (None, "person", "organization", "place", "other")


def _allowed(ch: str) -> bool:
    if ch in "abcdefghijklmnopqrstuvwxyz0123456789 ":
        return True
    return is_arabic_char(ch) and unicodedata.category(ch)[0] == "L"


def _check_name(name: str, etype: str | None) -> None:
    once = aliasres.normalize(name)
    if aliasres.normalize(once) != once:
        raise AssertionError(f"normalize not idempotent: {name!r} -> {once!r}")
    if once != " ".join(once.split()) or not all(_allowed(c) for c in once):
        raise AssertionError(f"normalize output {once!r} for {name!r}")
    latin = aliasres.transliterate(name)
    if has_arabic(latin):
        raise AssertionError(f"transliterate left Arabic: {name!r} -> {latin!r}")
    match = RESOLVER.resolve(name, type=etype)
    cands = RESOLVER.candidates(name, limit=3, type=etype)
    if match is not None:
        if not cands or cands[0] != match:
            raise AssertionError(f"resolve {match} is not the best candidate {cands[:1]}")
        if not once:
            raise AssertionError(f"{name!r} has nothing to match but resolved to {match.id}")
        if etype is not None and match.type != etype:
            raise AssertionError(f"type={etype} gave a {match.type}")
    if not isinstance(RESOLVER.explain(name, type=etype), str):
        raise AssertionError("explain did not return a str")


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    mode = fdp.ConsumeIntInRange(0, 7)
    if mode == 0:
        raw = fdp.ConsumeBytes(fdp.remaining_bytes())
        try:
            parse_table(raw, "fuzz.yaml")
        except aliasres.AliasTableError:
            pass
        return
    etype = TYPES[fdp.ConsumeIntInRange(0, len(TYPES) - 1)]
    if mode <= 3:
        # UTF-8 (bad bytes become lone surrogates): the entries of names.dict apply here
        name = fdp.ConsumeBytes(fdp.remaining_bytes()).decode("utf-8", "surrogateescape")
    else:
        name = fdp.ConsumeUnicode(fdp.remaining_bytes())  # any code point, any width
    start = time.perf_counter()
    _check_name(name, etype)
    elapsed = time.perf_counter() - start
    if elapsed > SLOW:
        raise AssertionError(f"{elapsed:.2f} s for {len(name)} characters: {name[:200]!r}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
