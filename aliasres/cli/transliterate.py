"""``transliterate``: Arabic, Persian and Urdu script to Latin in a scheme (common, french,
strict; see docs/transliteration.md), one line out for each text in."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from .common import EXIT_OK, _texts, one_line

if TYPE_CHECKING:
    from .common import Subparsers


def cmd_transliterate(args: argparse.Namespace) -> int:
    """`aliasres transliterate`: each text in Latin letters, one a line."""
    from ..translit import transliterate

    for text in _texts(args.texts):
        print(one_line(transliterate(text, scheme=args.scheme)), flush=True)
    return EXIT_OK


def register(sub: Subparsers) -> None:
    """Add the ``transliterate`` command to the ``aliasres`` parser."""
    from ..translit import SCHEMES

    p = sub.add_parser(
        "transliterate",
        help="Arabic script to Latin",
        description="Print each TEXT with its Arabic, Persian and Urdu script in Latin letters. "
        "Schemes: common (as English-language media write names; names the tables know in "
        "their usual Latin form), french (ch, ou: Bachar, Youssef), strict (letter by letter "
        "with diacritics, no vowel guessed, reversible).",
    )
    p.add_argument("texts", nargs="+", metavar="TEXT", help="a text, or - to read stdin")
    p.add_argument("--scheme", choices=SCHEMES, default="common", help="default: common")
    p.set_defaults(func=cmd_transliterate)
