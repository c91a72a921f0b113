"""tools/fit_translit.py: the transducer of transliterate() is fitted offline, on the training
90% of the Wikidata pairs only, and aliases/rules/translit_chunks.json is what it fits."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools import fit_translit  # noqa: E402
from tools.derive_name_parts import held_out  # noqa: E402


def _rows() -> list[dict[str, object]]:
    names = {"كريم": "karim", "كمال": "kamal", "سليم": "salim", "مالك": "malik",
             "سامي": "sami", "كامل": "kamil", "ليلى": "laila", "سمير": "samir"}
    return [{"ar": ar, "total": 3, "latin": [[latin, 3]]} for ar, latin in names.items()]


def test_fit_on_a_small_sample(tmp_path: Path) -> None:
    source = tmp_path / "pairs.jsonl"
    rows = _rows()
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    out = tmp_path / "chunks.json"
    assert fit_translit.main([str(source), "-o", str(out)]) == 0
    first = out.read_text(encoding="utf-8")
    chunks = json.loads(first)["chunks"]
    assert chunks and all(isinstance(v, str) for v in chunks.values())
    # deterministic, and the held-out tokens are never read
    assert fit_translit.main([str(source), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == first
    kept = fit_translit.token_pairs(source, "train")
    assert len(kept) == sum(1 for r in rows if not held_out(str(r["ar"])))


def test_alignment_keeps_consonants_first() -> None:
    assert fit_translit.allowed("ك", "ka") and fit_translit.allowed("ك", "")
    assert not fit_translit.allowed("ك", "ak")  # the vowel before belongs to the letter before
    assert not fit_translit.allowed("ك", "kad")  # two letters' chunks
    assert fit_translit.allowed("ا", "a")
    letters = ("ك", "ر", "ي", "م")
    p = fit_translit.em([(letters, False, "karim", 1.0)], rounds=3)
    assert fit_translit.viterbi(letters, "karim", p) == ["ka", "r", "i", "m"]


def test_reranker_fit() -> None:
    # ridge regression solves a small system (lam 0: least squares)
    xs = [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]
    ys = [1.0, 2.0, 3.0]
    assert [round(w, 6) for w in fit_translit.ridge(xs, ys, 0.0)] == [1.0, 2.0]
    shrunk = fit_translit.ridge(xs, ys, 10.0)
    assert all(0 < w < 1.0 for w in shrunk)
    # too few reference tokens: no reranker, and the decoder's settings stay as they were
    data: dict[str, object] = {"chunks": {}, "lm": {}, "decoder": {"beam": fit_translit.BEAM}}
    assert fit_translit.fit_rerank([], [], {}) == {}
    assert fit_translit.with_rerank(data, {}) == data


@pytest.mark.skipif(not os.environ.get("CI"), reason="a full fit takes a minute: CI only")
def test_chunks_match_their_fit(shared_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "translit_chunks.json"
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "fit_translit.py"),
         str(shared_dir / "eval" / "wikidata_ar_en_name_tokens.jsonl"), "-o", str(out)],
        check=True, capture_output=True,
    )
    committed = (ROOT / "aliases" / "rules" / "translit_chunks.json").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == committed, (
        "aliases/rules/translit_chunks.json is stale: run tools/fit_translit.py"
    )
