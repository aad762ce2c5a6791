"""Problems found in user input, carried as values from stage to stage.

Every stage returns its diagnostics instead of raising, so a run can report
all of them at once, sorted, in the `path:line:col: level: message` form that
editors and CI logs understand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    """File the problem is in, as the user gave it (or relative to the project)."""
    line: int | None
    """1-based line, or None when the problem is about the whole file."""
    level: Level
    message: str
    code: str = ""
    """Stable identifier of the kind of problem, e.g. `sidecar-type`."""
    hint: str = ""
    """What the user can do about it, when that is not obvious."""
    col: int | None = None

    def format(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        text = f"{where}: {self.level}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


def error(path: str, line: int | None, message: str, code: str = "", hint: str = "") -> Diagnostic:
    return Diagnostic(path, line, "error", message, code, hint)


def warning(
    path: str, line: int | None, message: str, code: str = "", hint: str = ""
) -> Diagnostic:
    return Diagnostic(path, line, "warning", message, code, hint)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.level == "error" for d in diagnostics)


def sort_key(d: Diagnostic) -> tuple[str, int, int, str]:
    return (d.path, d.line or 0, d.col or 0, d.message)
