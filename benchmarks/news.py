#!/usr/bin/env python3
"""News text figures (issue 13): resolve_document and scan on annotated articles, scan speed.

    python benchmarks/news.py                 # everything: seed articles, real-news corpus, 10 MB
    python benchmarks/news.py --archive-mb 1  # a smaller synthetic archive
    python benchmarks/news.py --skip-archive
    python benchmarks/news.py --skip-archive --show --tables ../other/aliases/entities

* **Seed articles** (``../shared/samples``: articles and ``mentions.tsv`` with offsets and gold
  ids; skipped when absent): ``resolve_document`` on each article's gold mentions (names only,
  and with the article's ``scan()`` mentions as ``context``); ``scan`` found / precision (a
  gold mention is found when a mention overlapping it links the gold id; a wrong link, or a
  link overlapping a gold "NONE-..." mention or no gold mention, counts against precision).
* **Real-news corpus** (``benchmarks/news/``, the issue-15 corpus; skipped when absent): the
  same, per language. Its README gives the format: article files and a ``mentions.tsv`` like
  the seed one.
* **Speed**: ``scan`` in MB/s (UTF-8 bytes) on the seed articles (warm: the per-resolver memo
  filled) and on a synthetic archive of ``--archive-mb`` megabytes, articles of about 3 KB made
  of table names (canonical names and aliases, some possessive or in Arabic script) between
  filler sentences in English, French and Arabic, scanned once, cold memo; the peak RSS growth
  while scanning (memory flat: it stays about the size of the memo).

The machine this runs on may be shared: speed figures are noisy.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import aliasres

SAMPLES = ROOT.parent / "shared" / "samples"
CORPUS = HERE / "news"


@dataclass
class Gold:
    start: int
    end: int
    surface: str
    gold: str  # an entity id, or "NONE-<type>" for a name of no table entity


def read_corpus(folder: Path) -> dict[Path, list[Gold]]:
    """Article path -> its gold mentions, from ``folder/mentions.tsv`` (file, start, end,
    surface, gold; lines starting with # are comments)."""
    docs: dict[Path, list[Gold]] = defaultdict(list)
    with open(folder / "mentions.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not row or row[0].startswith("#"):
                continue
            name, start, end, surface, gold = row[:5]
            # the seed samples sit beside their mentions.tsv, the corpus's texts in texts/
            path = folder / name if (folder / name).is_file() else folder / "texts" / name
            docs[path].append(Gold(int(start), int(end), surface, gold))
    return dict(docs)


def evaluate(
    docs: dict[Path, list[Gold]], label: str, r: aliasres.Resolver, show: bool = False
) -> dict[str, float]:
    """resolve_document (names only, and with scan context) and scan against the gold;
    ``show`` prints every miss and wrong link. A gold id that the resolver's tables do not
    hold (the corpus may be annotated against newer tables) counts as a name of no table
    entity."""
    docs = {
        p: [
            g if g.gold.startswith("NONE") or r.get(g.gold) is not None
            else Gold(g.start, g.end, g.surface, "NONE-absent")
            for g in golds
        ]
        for p, golds in docs.items()
    }
    n_linked = sum(1 for g in (x for d in docs.values() for x in d) if not g.gold.startswith("NONE"))
    rd = {"names": [0, 0, 0], "context": [0, 0, 0]}  # right, wrong, none-given-id
    sc_found = sc_wrong = sc_extra = 0
    for path, golds in docs.items():
        text = path.read_text(encoding="utf-8")
        mentions = r.scan(text)
        names = [g.surface for g in golds]
        for mode, got in (
            ("names", r.resolve_document(names)),
            ("context", r.resolve_document(names, text=text)),
        ):
            for g, m in zip(golds, got):
                if g.gold.startswith("NONE"):
                    rd[mode][2] += m is not None
                elif m is not None and m.id == g.gold:
                    rd[mode][0] += 1
                elif m is not None:
                    rd[mode][1] += 1
                if show and mode == "context" and (m.id if m else "NONE") != g.gold and (
                    m is not None or not g.gold.startswith("NONE")
                ):
                    print(f"  rd {path.name}: {g.surface!r} gold {g.gold} got {m and m.id}")
        used: set[int] = set()
        for g in golds:
            hits = [m for m in mentions if m.start < g.end and g.start < m.end]
            used.update(id(m) for m in hits)
            if g.gold.startswith("NONE"):
                sc_wrong += len(hits)
            elif any(m.match.id == g.gold for m in hits):
                sc_found += 1
            elif hits:
                sc_wrong += 1
            if show and (hits or not g.gold.startswith("NONE")) and not any(
                m.match.id == g.gold for m in hits
            ):
                got = [(m.text, m.match.id) for m in hits]
                print(f"  scan {path.name}: {g.surface!r} gold {g.gold} got {got}")
        sc_extra += sum(1 for m in mentions if id(m) not in used)
        if show:
            for m in mentions:
                if id(m) not in used:
                    print(f"  scan {path.name}: extra {m.text!r} {m.match.id}")
    out: dict[str, float] = {"mentions": n_linked}
    print(f"\n## {label}: {len(docs)} articles, {n_linked} gold mentions of table entities")
    for mode, (right, wrong, none_id) in rd.items():
        given = right + wrong + none_id
        prec = right / given if given else 1.0
        print(
            f"resolve_document ({mode}): {right}/{n_linked} right ({right / max(n_linked, 1):.1%}),"
            f" {wrong} wrong ids, {none_id} ids for names of no table entity;"
            f" precision {prec:.3f}"
        )
        out[f"rd_{mode}_right"] = right / max(n_linked, 1)
        out[f"rd_{mode}_precision"] = prec
    linked = sc_found + sc_wrong + sc_extra
    prec = sc_found / linked if linked else 1.0
    print(
        f"scan: found and linked {sc_found}/{n_linked} ({sc_found / max(n_linked, 1):.1%}),"
        f" {sc_wrong} wrong links, {sc_extra} links where no name was annotated;"
        f" precision {prec:.3f}"
    )
    out["scan_found"] = sc_found / max(n_linked, 1)
    out["scan_precision"] = prec
    return out


_FILLER_EN = (
    "Officials said {} would attend the talks next week despite the fighting.",
    "The ministry did not respond to a request for comment about {} on Tuesday.",
    "Thousands of people have fled since the start of the year, according to {}.",
    "According to local sources, the convoy sent by {} was stopped at a checkpoint.",
    "Analysts say the agreement with {} remains fragile and could collapse at any time.",
    "A spokesman declined to give details about the operation near {}.",
    "The statement, released late on Monday, did not name {} directly.",
)
_FILLER_FR = (
    "Les négociations avec {} doivent reprendre la semaine prochaine, selon des diplomates.",
    "Le ministère n'a pas souhaité commenter mardi les informations sur {}.",
    "Des milliers de personnes ont fui la région depuis l'arrivée de {} en début d'année.",
)
_FILLER_AR = (
    "وقال مسؤولون إن المحادثات مع {} ستستمر الأسبوع المقبل رغم القتال.",
    "ولم ترد الوزارة على طلب للتعليق بشأن {} يوم الثلاثاء.",
    "وفر آلاف الأشخاص من المنطقة منذ وصول {} في بداية العام.",
)


def synthetic_articles(
    megabytes: float, resolver: aliasres.Resolver, seed: int = 13
) -> Iterator[str]:
    """Articles of about 3 KB, each sentence naming one table name (a canonical name or an
    alias, some possessive, Arabic names in Arabic sentences), until ``megabytes``."""
    rng = random.Random(seed)
    latin: list[str] = []
    arabic: list[str] = []
    for entity in resolver.entities:
        for alias in entity.names():
            if alias.kind != "epithet":
                (arabic if alias.lang == "ar" else latin).append(alias.name)
    budget = int(megabytes * 1024 * 1024)
    while budget > 0:
        lang = rng.choices(("en", "fr", "ar"), (6, 2, 2))[0]
        filler = {"en": _FILLER_EN, "fr": _FILLER_FR, "ar": _FILLER_AR}[lang]
        pool = arabic if lang == "ar" else latin
        parts: list[str] = []
        size = 0
        while size < 3000:
            name = rng.choice(pool)
            if lang == "en" and rng.random() < 0.1:
                name += "'s"
            sentence = rng.choice(filler).format(name)
            parts.append(sentence)
            size += len(sentence.encode())
        article = " ".join(parts)
        budget -= len(article.encode())
        yield article


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def speed(archive_mb: float, r: aliasres.Resolver) -> None:
    if SAMPLES.is_dir():
        texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
        for t in texts:
            r.scan(t)
        size = sum(len(t.encode()) for t in texts)
        rounds = max(1, int(2_000_000 / size))
        t0 = time.perf_counter()
        c0 = time.process_time()
        for _ in range(rounds):
            for t in texts:
                r.scan(t)
        dt = time.perf_counter() - t0
        cpu = time.process_time() - c0
        print(
            f"\nscan, seed articles (warm memo): {rounds * size / dt / 1e6:.2f} MB/s wall,"
            f" {rounds * size / cpu / 1e6:.2f} MB/s CPU"
        )
    if archive_mb > 0:
        articles = list(synthetic_articles(archive_mb, r))
        size = sum(len(a.encode()) for a in articles)
        before = rss_mb()
        t0 = time.perf_counter()
        c0 = time.process_time()
        found = 0
        checkpoints: list[str] = []
        for k, article in enumerate(articles):
            found += len(r.scan(article))
            if k and k % max(1, len(articles) // 4) == 0:
                checkpoints.append(f"{rss_mb() - before:.0f}")
        dt = time.perf_counter() - t0
        cpu = time.process_time() - c0
        print(
            f"scan, synthetic archive: {size / 1e6:.1f} MB in {len(articles)} articles,"
            f" {dt:.1f} s wall, {cpu:.1f} s CPU: {size / dt / 1e6:.2f} MB/s wall,"
            f" {size / cpu / 1e6:.2f} MB/s CPU (cold memo), {found} mentions;"
            f" peak RSS growth by quarter: {', '.join(checkpoints)} -> {rss_mb() - before:.0f} MB"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--archive-mb", type=float, default=10.0)
    ap.add_argument("--skip-archive", action="store_true")
    ap.add_argument(
        "--corpus", type=Path, default=CORPUS, help="the real-news corpus (default %(default)s)"
    )
    ap.add_argument(
        "--tables",
        type=Path,
        help="entity tables to use instead of the bundled ones (the corpus's gold ids may "
        "name entities added to the tables after this code)",
    )
    ap.add_argument("--show", action="store_true", help="print every miss and wrong link")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    if args.tables:
        r = aliasres.Resolver.from_yaml(args.tables, bundled=False)
    else:
        r = aliasres.default_resolver()
    print(f"resolver loaded in {time.perf_counter() - t0:.1f} s ({len(r)} entities)")
    if (SAMPLES / "mentions.tsv").is_file():
        evaluate(read_corpus(SAMPLES), "seed articles (shared/samples)", r, args.show)
    else:
        print("seed articles: ../shared/samples absent, skipped")
    if (args.corpus / "mentions.tsv").is_file():
        docs = read_corpus(args.corpus)
        evaluate(docs, f"real-news corpus ({args.corpus})", r, args.show)
        for lang in ("en", "fr", "ar"):
            part = {p: g for p, g in docs.items() if p.name.startswith(lang)}
            if part:
                evaluate(part, f"real-news corpus, {lang}", r)
    else:
        print(f"real-news corpus: {args.corpus}/mentions.tsv absent, skipped")
    speed(0 if args.skip_archive else args.archive_mb, r)
    return 0


if __name__ == "__main__":
    sys.exit(main())
