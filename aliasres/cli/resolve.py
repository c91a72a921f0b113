"""``resolve``, ``explain`` and ``normalize``: names on the command line or stdin, one answer a
line (``transliterate`` is in :mod:`aliasres.cli.transliterate`)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from ..normalize import normalize
from .common import EXIT_OK, _build_resolver, _score, _texts, one_line, resolver_options
from .evidence import add_query_options, query_evidence

if TYPE_CHECKING:
    from .common import Subparsers


def cmd_resolve(args: argparse.Namespace) -> int:
    """`aliasres resolve`: one line (or JSON object) per name; the exit status."""
    from ..pandas import Classifier

    given = query_evidence(args)
    classify = Classifier(_build_resolver(args), type=args.type, cache_size=args.cache_size)
    out = sys.stdout
    for name in _texts(args.names):
        result = classify(name, **given)
        if args.json:
            record: dict[str, Any] = {
                "query": name,
                "id": result.id,
                "name": result.name,
                "score": result.score,
                "status": result.status,
            }
            if result.status == "ambiguous":
                record["candidates"] = list(result.candidates)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            cells = [
                name,
                result.id or "-",
                result.name or "-",
                _score(result.score) or "-",
                result.status,
            ]
            out.write("\t".join(one_line(c.replace("\t", " ")) for c in cells) + "\n")
        out.flush()  # streaming: a line out for every line in
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    """`aliasres explain`: every step of the matching of each name."""
    given = query_evidence(args)
    resolver = _build_resolver(args)
    for i, name in enumerate(_texts(args.names)):
        if i:
            print()
        print(resolver.explain(name, type=args.type, **given), flush=True)
    return EXIT_OK


def cmd_normalize(args: argparse.Namespace) -> int:
    """`aliasres normalize`: the normalized form of each text, one a line."""
    for text in _texts(args.texts):
        print(normalize(text), flush=True)
    return EXIT_OK


def register(sub: Subparsers) -> None:
    """Add the commands of this module to the ``aliasres`` parser."""
    resolver = resolver_options()

    p = sub.add_parser(
        "resolve",
        parents=[resolver],
        help="resolve names to ids",
        description="Resolve each NAME (or each line of stdin with -) and print "
        "the name, id, canonical name, score and status "
        "(resolved, ambiguous, unresolved), tab-separated.",
    )
    p.add_argument("names", nargs="+", metavar="NAME", help="a name, or - to read stdin")
    p.add_argument("--json", action="store_true", help="one JSON object a line")
    add_query_options(p)
    p.set_defaults(func=cmd_resolve)

    p = sub.add_parser(
        "explain",
        parents=[resolver],
        help="show how a name is matched",
        description="Trace the matching of each NAME: forms, parts, candidates, decision.",
    )
    p.add_argument("names", nargs="+", metavar="NAME", help="a name, or - to read stdin")
    add_query_options(p)
    p.set_defaults(func=cmd_explain)

    helptext = "the normalized form used for matching"
    p = sub.add_parser("normalize", help=helptext, description=f"Print {helptext} of each TEXT.")
    p.add_argument("texts", nargs="+", metavar="TEXT", help="a text, or - to read stdin")
    p.set_defaults(func=cmd_normalize)
