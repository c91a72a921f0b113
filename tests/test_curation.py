"""A curator's round trip, as docs/cli.md describes it: clean -> suggest -> accept blocks ->
fmt -> check -> clean again resolves the accepted names, and nothing is lost at any step."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from aliasres.cli import main
from aliasres.cli.suggest import new_id


def accept(patch: str, header_end: str) -> str:
    """Uncomment the first block after the ``##`` line that ends with ``header_end``."""
    lines = patch.split("\n")
    start = next(i for i, line in enumerate(lines)
                 if line.startswith("  ##") and line.endswith(header_end))
    i = start + 1
    assert lines[i].startswith("  # - id:"), lines[i]
    lines[i] = lines[i].replace("  # ", "  ", 1)
    i += 1
    while i < len(lines) and lines[i].startswith("  #   "):
        lines[i] = lines[i].replace("  # ", "  ", 1)
        i += 1
    return "\n".join(lines)


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_curator_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names = tmp_path / "names.csv"
    with open(names, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([
            ["row", "name", "note"],
            ["1", "Chalifa Haftar", "a, b"],
            ["2", "Damascus", ""],
            ["3", "Chalifa Haftar", "x"],
            ["4", "Zzyzx Qqq", "new one"],
            ["5", "Bashar al-Assad", "\"quoted\""],
        ])
    before = names.read_bytes()

    # 1. clean: Chalifa Haftar and Zzyzx Qqq do not resolve
    first = tmp_path / "first.csv"
    code, _, err = cli(capsys, "clean", names, "-c", "name", "-o", first)
    assert code == 0, err
    status = {r["name"]: r["name_status"] for r in rows(first)}
    assert status["Chalifa Haftar"] == status["Zzyzx Qqq"] == "unresolved"

    # 2. suggest: the entity that scoring rejected is offered before a new entity
    patch = tmp_path / "patch.yaml"
    code, _, err = cli(capsys, "suggest", names, "-c", "name", "-o", patch)
    assert code == 0, err
    text = patch.read_text(encoding="utf-8")
    assert text.index("# - id: person/khalifa-haftar") < text.index("# - id: new/chalifa-haftar")
    assert "# - id: new/zzyzx-qqq   # nothing close" in text

    # 3. accept the rejected candidate for one name, a new entity for the other
    text = accept(text, ": Chalifa Haftar")
    text = accept(text, ": Zzyzx Qqq")
    patch.write_text(text, encoding="utf-8")

    # 4. fmt: drops the blocks not accepted, keeps the extend: and entities: accepted
    code, _, err = cli(capsys, "fmt", patch)
    assert code == 2 and "--drop-comments" in err  # it says so rather than lose comments
    code, _, err = cli(capsys, "fmt", "--drop-comments", patch)
    assert code == 0, err
    formatted = patch.read_text(encoding="utf-8")
    assert "extend:\n  - id: person/khalifa-haftar\n    aliases:\n      - Chalifa Haftar\n" in (
        formatted)
    assert "  - id: new/zzyzx-qqq\n" in formatted and formatted.startswith("# Proposed")

    # 5. check: valid, extend: id found in the bundled tables
    code, out, err = cli(capsys, "check", patch)
    assert code == 0, out + err

    # 6. clean again with the patch: the accepted names resolve, every row kept
    again = tmp_path / "again.csv"
    code, _, err = cli(capsys, "clean", names, "-c", "name", "--tables", patch, "-o", again)
    assert code == 0, err
    out_rows, first_rows = rows(again), rows(first)
    assert [(r["row"], r["name"], r["note"]) for r in out_rows] == [
        (r["row"], r["name"], r["note"]) for r in first_rows
    ]
    ids = {r["name"]: r["name_id"] for r in out_rows}
    assert ids["Chalifa Haftar"] == "person/khalifa-haftar"
    assert ids["Zzyzx Qqq"] == "new/zzyzx-qqq"
    for r, f in zip(out_rows, first_rows):  # what resolved before resolves the same way
        if f["name_status"] == "resolved":
            assert r["name_id"] == f["name_id"]
    assert names.read_bytes() == before  # the input was never written


def test_new_id_keeps_the_words_in_order() -> None:
    never = lambda _: False  # noqa: E731
    assert new_id("Aleppo, Syria", never) == "new/aleppo-syria"
    assert new_id("Ḥamāh  Governorate", never) == "new/hamah-governorate"
    assert re.fullmatch(r"new/[a-z]+", new_id("حلب", never))  # transliterated
    assert new_id("!!!", never) == "new/name"
    taken = {"new/aleppo-syria", "new/aleppo-syria-2"}
    assert new_id("Aleppo Syria", taken.__contains__) == "new/aleppo-syria-3"
