"""Every example in README.md and docs/*.md runs (issue 11), so the docs cannot drift from the
code again.

The fenced blocks of each page are run in order:

* ``python`` blocks with ``>>>`` are doctests (one namespace per page); ``python`` blocks
  without are run as scripts (their asserts are their checks), unless they import an
  optional package that is not installed;
* ``yaml`` blocks are tables: each must load, together with the bundled tables;
* shell blocks (no language, ``bash``, ``sh``, ``console``) with a line that calls
  ``aliasres`` (not one that it printed: ``aliasres clean: 1,000 rows ...``) run each
  line through ``bash`` in a sandbox directory per page, which holds the files the examples
  name (``names.csv``, ``consolidated.xml`` ...); every line must exit 0, and a resolve or
  transliterate line whose comment is an answer (``# un:QDi.006``) must print it. A leading
  ``pip install ... &&`` is dropped (the package under test is already importable). Shell
  blocks that do not call ``aliasres`` (installing, running pytest) are instructions, not
  examples, and are not run.

A block that cannot run here is marked on the line before it with
``<!-- docs-test: skip REASON -->``; one that needs an optional package with
``<!-- docs-test: requires MODULE ... -->`` (skipped when a module is absent; an item
``entry-point:GROUP:NAME`` needs that entry point, which exists once aliasres is installed). Any other block
(a language not listed) must be marked too: the test fails until it is.
"""

from __future__ import annotations

import doctest
import importlib.util
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import aliasres

ROOT = Path(__file__).resolve().parent.parent
#: where the aliasres under test lives (the checkout, or site-packages when CI installed it):
#: the processes that the examples start import that one
PACKAGE_HOME = str(Path(aliasres.__file__).resolve().parent.parent)
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FIXTURES = Path(__file__).parent / "fixtures"
SHELL = {"", "bash", "sh", "shell", "console"}
_FENCE = re.compile(r"^(?P<indent> *)```(?P<lang>[\w-]*)\s*$")
_MARK = re.compile(r"^<!--\s*docs-test:\s*(?P<what>skip|requires)\s*(?P<arg>.*?)\s*-->\s*$")


@dataclass
class Block:
    page: Path
    line: int  # of the opening fence
    lang: str
    text: str
    mark: tuple[str, str] | None  # ("skip", reason) or ("requires", module)

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def blocks(page: Path) -> list[Block]:
    lines = page.read_text(encoding="utf-8").split("\n")
    out: list[Block] = []
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        j = i + 1
        while j < len(lines) and lines[j].strip() != "```":
            j += 1
        k = i - 1
        while k >= 0 and not lines[k].strip():
            k -= 1
        mark = _MARK.match(lines[k].strip()) if k >= 0 else None
        indent = len(m.group("indent"))
        body = "\n".join(line[indent:] for line in lines[i + 1 : j])
        out.append(Block(page, i + 1, m.group("lang").lower(), body,
                         (mark.group("what"), mark.group("arg")) if mark else None))
        i = j + 1
    return out


def test_the_pages_have_examples() -> None:
    everything = [b for page in PAGES for b in blocks(page)]
    assert len(everything) >= 20
    skipped = [b for b in everything if b.mark and b.mark[0] == "skip"]
    # a few deliberate exceptions, each with its reason; not a way around the test
    assert len(skipped) <= 6, [b.where for b in skipped]
    assert all(b.mark and b.mark[1] for b in skipped), [b.where for b in skipped]


# ---------------------------------------------------------------------------- the sandbox
TABLE = """\
entities:
  - id: my/abu-example
    type: person
    name: Abu Example al-Testi
    aliases:
      - Abou Example el-Testi
"""


def sandbox(directory: Path) -> None:
    """The files that the docs' commands name."""
    (directory / "names.txt").write_text("Ahmad al-Sharra\nDamascus\nTripoli\n", encoding="utf-8")
    (directory / "names.csv").write_text(
        "row,name\n1,Ahmad al-Sharra\n2,Chalifa Haftar\n3,Tripoli\n4,Chalifa Haftar\n5,Zzyzx\n",
        encoding="utf-8",
    )
    (directory / "people.csv").write_text(
        "name,nationality,dob\nHafez al-Assad,Syria,1930-10-06\nAhmad al-Sharra,SY,1982\n",
        encoding="utf-8",
    )
    (directory / "people.jsonl").write_text(
        '{"full_name": "Abou Mohamed al-Joulani"}\n{"full_name": "Hafez al-Assad"}\n',
        encoding="utf-8",
    )
    (directory / "export.txt").write_bytes("Name\tn\nAlep\t1\nDamas\t2\nHéma\t3\n".encode("cp1252"))
    for name in ("my_table.yaml", "extra.yaml", "my.yaml"):
        (directory / name).write_text(TABLE.replace("my/", f"{name.split('.')[0]}/"),
                                      encoding="utf-8")
    (directory / "my_people.yaml").write_text(TABLE.replace("my/", "people/"), encoding="utf-8")
    (directory / "more_tables").mkdir()
    (directory / "more_tables" / "more.yaml").write_text(TABLE.replace("my/", "more/"),
                                                         encoding="utf-8")
    for name in ("un", "ofac"):
        (directory / f"{name}.jsonl").write_text(
            f'{{"id": "{name}:1", "type": "person", "name": "Abu Example al-{name.title()}"}}\n',
            encoding="utf-8",
        )
    (directory / "mentions.csv").write_text(
        "article_id,mention\n1,Ahmad al-Sharaa\n1,al-Sharaa\n2,Damascus\n", encoding="utf-8"
    )
    (directory / "article1.txt").write_text(
        "Ahmed al-Sharaa met officials in Damascus. Al-Sharaa said little.\n", encoding="utf-8"
    )
    (directory / "article2.txt").write_text("Fighting was reported near Idlib.\n",
                                            encoding="utf-8")
    (directory / "my_tables").mkdir()
    (directory / "my_tables" / "people.yaml").write_text(TABLE.replace("my/", "tables/"),
                                                         encoding="utf-8")
    shutil.copy(FIXTURES / "un_2026_excerpt.xml", directory / "consolidated.xml")
    shutil.copy(FIXTURES / "un_2026_excerpt.xml", directory / "consolidated-2026.xml")
    shutil.copy(FIXTURES / "un_2018_excerpt.xml", directory / "consolidated-2018.xml")
    shutil.copy(FIXTURES / "ofac_sdn_excerpt.csv", directory / "sdn.csv")
    shutil.copy(FIXTURES / "ofac_alt_excerpt.csv", directory / "alt.csv")
    shutil.copy(FIXTURES / "opensanctions_excerpt.jsonl", directory / "entities.ftm.json")
    bin_dir = directory / ".bin"
    bin_dir.mkdir()
    launcher = bin_dir / "aliasres"
    launcher.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m aliasres "$@"\n',
                        encoding="utf-8")
    launcher.chmod(launcher.stat().st_mode | stat.S_IXUSR)


#: a line that calls aliasres (not one it printed: "aliasres clean: 1,000 rows -> ...")
_COMMAND = re.compile(r"^(?:pip install [^&]*&&\s*|echo .*\|\s*)?aliasres [a-z-]+(?:\s|$)",
                      re.MULTILINE)
_PIP = re.compile(r"^pip install [^&]*&&\s*")
_ANSWER = re.compile(r"^(?P<cmd>.*?)\s+#\s*(?P<answer>\S.*?)\s*$")
_ID = re.compile(r"^[\w.-]+[:/][\w./:-]+$")


def shell_lines(text: str) -> list[tuple[str, str | None]]:
    """(command, expected answer) for each command line of a shell block."""
    out: list[tuple[str, str | None]] = []
    for raw in text.split("\n"):
        line = _PIP.sub("", raw.strip())
        if not line or line.startswith("#"):
            continue
        answer = None
        m = _ANSWER.match(line)
        if m and not line.startswith("echo"):
            line, answer = m.group("cmd"), m.group("answer")
        out.append((line, answer))
    return out


def run_shell(block: Block, directory: Path) -> None:
    env = {**os.environ, "PATH": f"{directory / '.bin'}{os.pathsep}{os.environ['PATH']}",
           "PYTHONIOENCODING": "utf-8", "PYTHONPATH": os.pathsep.join(
               p for p in (PACKAGE_HOME, os.environ.get("PYTHONPATH", "")) if p)}
    for command, answer in shell_lines(block.text):
        proc = subprocess.run(["bash", "-c", command], cwd=directory, env=env,
                              capture_output=True, text=True, encoding="utf-8", timeout=300,
                              check=False)
        assert proc.returncode == 0, f"{block.where}: {command}\n{proc.stdout}{proc.stderr}"
        assert "Traceback" not in proc.stderr, f"{block.where}: {command}\n{proc.stderr}"
        words = command.split()
        if answer and len(words) > 1 and words[1] == "resolve" and _ID.match(answer):
            assert answer in proc.stdout.split("\t"), f"{block.where}: {command}\n{proc.stdout}"
        if answer and len(words) > 1 and words[1] == "transliterate" and words[-1] != "-":
            # the comment is the output, then perhaps a note in parentheses
            expected = answer.split(" (")[0]
            assert proc.stdout.strip() == expected, f"{block.where}: {command}\n{proc.stdout}"


def run_doctest(block: Block, globs: dict[str, object]) -> None:
    parser = doctest.DocTestParser()
    test = parser.get_doctest(block.text, globs, block.where, str(block.page), block.line)
    runner = doctest.DocTestRunner(
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False
    )
    lines: list[str] = []
    runner.run(test, out=lines.append, clear_globs=False)
    globs.update(test.globs)  # the next block of the page goes on from here
    assert runner.failures == 0, "".join(lines)


def available(requirements: str) -> bool:
    """Each of ``requirements`` (space-separated) is here: a module name, or an entry point
    ``entry-point:GROUP:NAME`` (present only once aliasres is installed, as in CI)."""
    from importlib.metadata import entry_points

    for need in requirements.split():
        if need.startswith("entry-point:"):
            _, group, name = need.split(":", 2)
            if not any(ep.name == name for ep in entry_points(group=group)):
                return False
        elif importlib.util.find_spec(need) is None:
            return False
    return True


_IMPORT = re.compile(r"^(?:import|from)\s+(\w+)", re.MULTILINE)


def run_script(block: Block, globs: dict[str, object]) -> None:
    """A python block without ``>>>``: run as a script (its asserts are its checks), unless
    it imports an optional package that is not installed here."""
    if any(importlib.util.find_spec(m) is None for m in _IMPORT.findall(block.text)):
        return
    code = compile(block.text, block.where, "exec")
    exec(code, globs)  # noqa: S102 (the docs' own example)


def load_yaml(block: Block, directory: Path) -> None:
    path = directory / f"block-{block.line}.yaml"
    path.write_text(block.text + "\n", encoding="utf-8")
    aliasres.Resolver.from_yaml(path)  # raises AliasTableError naming the line


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_page_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sandbox(tmp_path)
    monkeypatch.chdir(tmp_path)
    # processes the examples start (Spark's Python workers) import the aliasres under test
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        p for p in (PACKAGE_HOME, os.environ.get("PYTHONPATH", "")) if p))
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    globs: dict[str, object] = {"__name__": "docs"}
    for block in blocks(page):
        if block.mark and block.mark[0] == "skip":
            continue
        if block.mark and block.mark[0] == "requires" and not available(block.mark[1]):
            continue
        if block.lang in ("python", "pycon", "py") and ">>>" in block.text:
            run_doctest(block, globs)
        elif block.lang in ("python", "py"):
            run_script(block, globs)
        elif block.lang in ("yaml", "yml"):
            load_yaml(block, tmp_path)
        elif block.lang in SHELL:
            if _COMMAND.search(block.text):
                run_shell(block, tmp_path)
        else:
            pytest.fail(f"{block.where}: a {block.lang or 'plain'} block that this test cannot "
                        "run: make it a doctest, or mark it <!-- docs-test: skip REASON -->")


_DOCTEST_IMPORT = re.compile(r"^>>> (?:import|from)\s+(\w+)", re.MULTILINE)
#: what `pip install .` brings: a doctest may import these unmarked
_INSTALLED = {"aliasres", "rapidfuzz", "unidecode", "jellyfish", "yaml", "numpy"}


def _bound(text: str) -> set[str]:
    """The names a doctest's ``>>> import``/``from`` lines bind (``pd`` of ``import pandas
    as pd``, ``resolve_series`` of ``from aliasres.pandas import resolve_series``)."""
    names: set[str] = set()
    for line in re.findall(r"^>>> ((?:import|from) .*)$", text, re.MULTILINE):
        imported = line.split(" import ", 1)[1] if line.startswith("from ") else line[7:]
        if line.startswith("import ") and imported.split(".")[0].split()[0] in _INSTALLED:
            continue  # import aliasres: there with the package, whatever the block's mark
        for item in imported.split(","):
            names.add(item.split(" as ")[-1].strip().split(".")[0])
    return names


def test_doctests_mark_their_optional_packages() -> None:
    # a doctest that imports an extra (pandas ...), or uses a name that an earlier block
    # marked for one bound, must say so, or `pip install ".[test]" && pytest` fails in a
    # fresh environment without the extra (CI installs them all)
    unmarked = []
    for page in PAGES:
        needing: dict[str, str] = {}  # a name bound by a marked block: its mark
        for block in blocks(page):
            if ">>>" not in block.text or (block.mark and block.mark[0] == "skip"):
                continue
            marked = block.mark[1].split() if block.mark else []
            for module in _DOCTEST_IMPORT.findall(block.text):
                if module not in _INSTALLED and module not in sys.stdlib_module_names \
                        and module not in marked:
                    unmarked.append(f"{block.where}: imports {module}")
            code = "\n".join(re.findall(r"^(?:>>>|\.\.\.) (.*)$", block.text, re.MULTILINE))
            for name, need in needing.items():
                if re.search(rf"\b{re.escape(name)}\b", code) and need not in marked:
                    unmarked.append(f"{block.where}: uses {name} (needs {need})")
            for need in marked:
                needing.update(dict.fromkeys(_bound(block.text), need))
    assert not unmarked, "mark them <!-- docs-test: requires MODULE -->: " + "; ".join(unmarked)
