"""Exceptions raised by aliasres.

Every exception derives from :class:`AliasresError`, so one ``except`` catches them all.
"""

from __future__ import annotations

__all__ = ["AliasTableError", "AliasresError", "IndexFileError", "RulesError"]


class AliasresError(Exception):
    """Root of the aliasres exception hierarchy."""


class AliasTableError(AliasresError, ValueError):
    """An alias table is unreadable or invalid.

    The message names the file, the line (when known) and the problem, e.g.
    ``people.yaml:12: entity 'person/x': unknown key 'nmae'``.

    Attributes:
        path: the file, or ``"<string>"`` for tables given as text.
        line: the 1-based line number, or ``None`` when the problem has no single line.
        problem: the problem alone, without the location.
    """

    def __init__(self, path: str, line: int | None, problem: str) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}")


class RulesError(AliasTableError):
    """A bundled rule file (transliteration, particles, name groups) is invalid."""


class IndexFileError(AliasresError, ValueError):
    """A compiled index file cannot be used: unreadable, not an index, truncated, damaged,
    or built by another version of aliasres (rebuild it with ``aliasres build``).

    Attributes:
        path: the file.
        problem: the problem alone, without the path.
    """

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")
