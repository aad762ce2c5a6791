"""Reading an interview file: bytes to lines, with front matter split off.

Everything a user can get wrong here (missing file, folder, not UTF-8, empty)
is a diagnostic, never an exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summitnotes.diagnostics import Diagnostic, error
from summitnotes.encoding import decode
from summitnotes.yamldoc import YamlMapping, load_mapping

FRONT_MATTER_CLOSE = re.compile(r"^(---|\.\.\.)\s*$")


@dataclass(frozen=True)
class SourceText:
    path: str
    lines: tuple[str, ...]
    """Every line of the file, line endings removed; `lines[0]` is line 1."""
    body_start: int
    """First line (1-based) after the front matter; 1 when there is none."""
    front_matter: YamlMapping

    @property
    def front(self) -> dict[str, Any]:
        return self.front_matter.data


def read_text(path: Path, display: str) -> tuple[str | None, list[Diagnostic]]:
    """Read a text file (UTF-8, or UTF-16 with a BOM); any line-ending style is accepted.

    Problems that still give text (control characters) come back as warnings with it."""
    if not path.exists():
        return None, [error(display, None, "no such file", "file-missing")]
    if path.is_dir():
        return None, [error(display, None, "is a directory, not a text file", "file-is-dir")]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [error(display, None, f"cannot read: {exc.strerror}", "file-unreadable")]
    return decode(raw, display)


def read_source(path: Path, display: str) -> tuple[SourceText | None, list[Diagnostic]]:
    text, read_problems = read_text(path, display)
    if text is None:
        return None, read_problems
    source, problems = _split_front(text, display)
    return source, read_problems + problems


def _split_front(text: str, display: str) -> tuple[SourceText | None, list[Diagnostic]]:
    if not text.strip():
        return None, [error(display, None, "empty file: no interview text", "file-empty")]
    lines = tuple(text.split("\n"))
    front = YamlMapping()
    body_start = 1
    if lines[0].strip() == "---":
        close = next((i for i in range(1, len(lines)) if FRONT_MATTER_CLOSE.match(lines[i])), None)
        if close is not None:
            parsed, problems = load_mapping("\n".join(lines[1:close]), display, 2, "front matter")
            if parsed is None:
                return None, problems
            front = parsed
            body_start = close + 2
    if not any(line.strip() for line in lines[body_start - 1 :]):
        return None, [
            error(display, body_start, "no interview text after the front matter", "file-empty")
        ]
    return SourceText(display, lines, body_start, front), []
