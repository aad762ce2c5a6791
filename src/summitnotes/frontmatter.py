"""Front matter of notes, and typed access to YAML mappings with a diagnostic per bad value.

The YAML itself is parsed by `yamldoc` (shared with sidecars and interview
front matter), so every file reports malformed YAML the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from summitnotes.diagnostics import Diagnostic, error, warning
from summitnotes.yamldoc import YamlMapping, load_mapping


@dataclass(frozen=True)
class Document:
    meta: YamlMapping
    body: str
    body_line: int
    """Line the body starts on, 1-based."""


def split(text: str, path: str) -> tuple[Document | None, list[Diagnostic]]:
    """Split `---` fenced front matter from a Markdown body; no front matter is fine."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return Document(YamlMapping(), text, 1), []
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            meta, problems = load_mapping("\n".join(lines[1:i]), path, 2, "front matter")
            if meta is None:
                return None, problems
            return Document(meta, "\n".join(lines[i + 1 :]), i + 2), problems
    return None, [
        error(path, 1, "front matter is not closed", "frontmatter-open", "end it with a `---` line")
    ]


class Fields:
    """Typed reads of a mapping; each wrong value is recorded as an error in `problems`."""

    def __init__(self, meta: YamlMapping, path: str) -> None:
        self.meta = meta
        self.path = path
        self.problems: list[Diagnostic] = []

    def line(self, key: str) -> int:
        return self.meta.lines.get(key, 1)

    def text(self, key: str) -> str | None:
        value = self.meta.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self._wrong(key, "a text")
            return None
        return str(value).strip() or None

    def texts(self, key: str) -> tuple[str, ...]:
        """A list of texts; a single text counts as a list of one."""
        value = self.meta.data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
            self._wrong(key, "a list of texts")
            return ()
        return tuple(str(v).strip() for v in value if str(v).strip())

    def unknown(self, known: set[str]) -> list[Diagnostic]:
        """A warning for each key nobody reads: usually a typo."""
        return [
            warning(
                self.path,
                self.line(k),
                f"unknown key `{k}`",
                "unknown-key",
                "known keys: " + ", ".join(sorted(known)),
            )
            for k in sorted(self.meta.data)
            if k not in known
        ]

    def _wrong(self, key: str, expected: str) -> None:
        got = type(self.meta.data[key]).__name__
        self.problems.append(
            error(
                self.path, self.line(key), f"`{key}` should be {expected}, not {got}", "field-type"
            )
        )
