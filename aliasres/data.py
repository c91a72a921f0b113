"""Where the bundled YAML lives, and reading it.

The curated tables sit in ``aliases/`` at the top of the source tree; the wheel ships them as
``aliasres/aliases``. Everything that needs a bundled file asks :func:`bundled_dir`.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import RulesError

if TYPE_CHECKING:
    import yaml

__all__ = ["bundled_dir", "entity_table_paths", "load_rule_file", "yaml_loader"]


@functools.cache
def bundled_dir() -> Path:
    """The directory of bundled tables: installed package data, else the source checkout's."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "aliases", here.parent / "aliases"):
        if (candidate / "rules").is_dir():
            return candidate
    raise RulesError(str(here / "aliases"), None, "bundled tables not found; reinstall aliasres")


def entity_table_paths() -> list[Path]:
    """Every bundled entity table, in a stable order."""
    return sorted((bundled_dir() / "entities").rglob("*.yaml"))


def yaml_loader() -> type[yaml.SafeLoader]:
    """The fastest *safe* loader available (libyaml's when PyYAML was built with it)."""
    import yaml  # imported on use: a process that finds its index in the cache never needs it

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def load_rule_file(name: str) -> Any:
    """Load ``aliases/rules/<name>.yaml`` (cached: rules are read once per process)."""
    import yaml

    path = bundled_dir() / "rules" / f"{name}.yaml"
    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=yaml_loader())  # noqa: S506 - a safe loader
    except (OSError, yaml.YAMLError) as exc:
        raise RulesError(str(path), None, f"cannot read rule file: {exc}") from exc
    if _has_bool_word(data):
        _raise_bool_word(path)
    return data


def _has_bool_word(data: Any) -> bool:
    """A list (or a mapping's key) of a rule file holds a boolean: an unquoted on, off, yes or
    no that YAML 1.1 reads as true or false (the stopword "on" was the word "true" until
    session 10). A boolean as a mapping's value is a setting (double_s: true)."""
    if isinstance(data, list):
        return any(isinstance(x, bool) or _has_bool_word(x) for x in data)
    if isinstance(data, dict):
        return any(isinstance(k, bool) or _has_bool_word(v) for k, v in data.items())
    return False


def _raise_bool_word(path: Path) -> None:
    """Raise a RulesError at the first boolean in a list or as a key of ``path``, with its
    line."""
    import yaml

    with open(path, encoding="utf-8") as fh:
        root = yaml.compose(fh, Loader=yaml.SafeLoader)
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, as_word = stack.pop()
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, True) for child in reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.extend(((value, False), (key, True)))  # a key is a word too
        elif as_word and node is not None and node.tag == "tag:yaml.org,2002:bool":
            raise RulesError(
                str(path), node.start_mark.line + 1,
                f"{node.value!r} in a list or as a key is read by YAML as a boolean, not a "
                f"word: quote it ('{node.value}')",
            )
    raise RulesError(str(path), None, "a list or a key holds a boolean where a word belongs")
