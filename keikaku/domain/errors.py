"""Named errors raised inside keikaku; the CLI and web edges turn them into messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class KeikakuError(Exception):
    """Base of every error keikaku raises on purpose."""

    exit_code = 2


@dataclass(frozen=True)
class FieldProblem:
    """One problem in an input document: where (a JSON path such as ``nodes[3].parent``) and what."""

    path: str
    message: str
    code: str = field(default="", compare=False)  # the rule broken (``missing``, ``too_long``, ``duplicate`` …), for words
    values: dict[str, Any] = field(default_factory=dict, compare=False)  # what fills the rule's words (``max``)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class PlanFileError(KeikakuError):
    """A plan file that cannot be read: bad JSON, a wrong field, a dangling reference."""

    def __init__(self, source: str, problems: list[FieldProblem]):
        self.source = source
        self.problems = problems
        lines = "\n".join(f"  {source}: {p}" for p in problems)
        super().__init__(f"invalid plan file {source} ({len(problems)} problem(s)):\n{lines}")


class MunicipalityCodeError(KeikakuError, ValueError):
    """A 全国地方公共団体コード that is malformed or has a wrong check digit."""


class NotFoundError(KeikakuError):
    """A plan, node or municipality that does not exist."""

    exit_code = 1


class IncompleteExtractionError(KeikakuError):
    """``--strict``: a document gave no tree or no indicators; ``problems`` holds the report's warning codes."""

    exit_code = 3

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: {', '.join(p.replace('_', ' ') for p in problems)} (--strict)")


class EmptyExtractionError(KeikakuError):
    """A document from which nothing of a plan was read (no node, indicator or project): never stored."""

    exit_code = 3

    def __init__(self, source: str):
        self.source = source
        super().__init__(f"{source}: no plan was found in it (no node, indicator or project); nothing was stored")


class DatabaseNotReadyError(KeikakuError):
    """The database schema is behind the code: run ``keikaku db upgrade``."""


class BackupError(KeikakuError):
    """A backup, restore or copy refused or failed; ``code`` names the reason (the CLI's message), ``values`` fill it."""

    def __init__(self, code: str, message: str, **values: object):
        self.code = code
        self.values = values
        super().__init__(message)
