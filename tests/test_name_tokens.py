"""aliases/rules/name_tokens.yaml is what tools/derive_name_parts.py derives from the data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_name_tokens_match_their_derivation(shared_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "name_tokens.yaml"
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "derive_name_parts.py"),
         str(shared_dir / "eval" / "wikidata_ar_en_name_tokens.jsonl"), "-o", str(out)],
        check=True, capture_output=True,
    )
    committed = (ROOT / "aliases" / "rules" / "name_tokens.yaml").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == committed, (
        "aliases/rules/name_tokens.yaml is stale: run tools/derive_name_parts.py"
    )
