"""Exceptions raised by aliasres.

Every exception derives from :class:`AliasresError`, so one ``except`` catches them all.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["AliasTableError", "AliasresError", "IndexFileError", "RulesError"]


class AliasresError(Exception):
    """Root of the aliasres exception hierarchy."""


class AliasTableError(AliasresError, ValueError):
    """An alias table is unreadable or invalid.

    The message names the file, the line (when known) and the problem, e.g.
    ``people.yaml:12: entity 'person/x': unknown key 'nmae'``.

    A table with several problems raises one error for all of them: the attributes describe
    the first, :attr:`problems` lists every one (the first included), each an error of its
    own with a one-line message, and the message of the whole has one
    ``file:line: problem`` line for each.

    Attributes:
        path: the file, or ``"<string>"`` for tables given as text.
        line: the 1-based line number, or ``None`` when the problem has no single line.
        problem: the problem alone, without the location.
        problems: every problem found, each an ``AliasTableError`` of its own.
    """

    def __init__(
        self,
        path: str,
        line: int | None,
        problem: str,
        *,
        more: Sequence[AliasTableError] = (),
    ) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        where = f"{path}:{line}" if line is not None else path
        rest = tuple(p for m in more for p in m.problems)
        # each problem on its own (the first too: ``str(self)`` has them all)
        first = AliasTableError(path, line, problem) if rest else self
        self.problems: tuple[AliasTableError, ...] = (first, *rest)
        message = f"{where}: {problem}"
        super().__init__("\n".join([message, *(str(p) for p in self.problems[1:])]))

    def __reduce__(self) -> tuple[object, ...]:
        # picklable (multiprocessing, Spark): the default would call __init__(message)
        return (_rebuild, (type(self), self.path, self.line, self.problem, self.problems[1:]))

    @classmethod
    def of(cls, problems: Sequence[AliasTableError]) -> AliasTableError:
        """One error for several problems (at least one), in the order given."""
        first, *rest = problems
        return cls(first.path, first.line, first.problem, more=rest)


def _rebuild(
    cls: type[AliasTableError],
    path: str,
    line: int | None,
    problem: str,
    more: tuple[AliasTableError, ...],
) -> AliasTableError:
    return cls(path, line, problem, more=more)


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
