"""YAML front matter and YAML settings files, with the line of every key.

Used by notes (`---` fenced front matter) and by `summitnotes.yaml`. A
malformed block is reported at the line where YAML noticed the problem, in
the file's own numbering.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import yaml

from summitnotes.diagnostics import Diagnostic, error, warning


@dataclass(frozen=True)
class Mapping:
    """A parsed YAML mapping and the (1-based) line each key is on."""

    values: dict[str, Any]
    lines: dict[str, int]


@dataclass(frozen=True)
class Document:
    meta: Mapping
    body: str
    body_line: int
    """Line the body starts on, 1-based."""


def split(text: str, path: str) -> tuple[Document | None, list[Diagnostic]]:
    """Split `---` fenced front matter from a Markdown body; no front matter is fine."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return Document(Mapping({}, {}), text, 1), []
    for i, raw in enumerate(lines[1:], start=1):
        if raw.rstrip() in ("---", "..."):
            yaml_text = "".join(lines[1:i])
            meta, problems = parse_mapping(yaml_text, path, first_line=2)
            if meta is None:
                return None, problems
            return Document(meta, "".join(lines[i + 1 :]), i + 2), problems
    return None, [
        error(path, 1, "front matter is not closed", "frontmatter-open", "end it with a `---` line")
    ]


def parse_mapping(
    text: str, path: str, first_line: int = 1
) -> tuple[Mapping | None, list[Diagnostic]]:
    """Parse YAML that must be a mapping with string keys (or empty)."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark else first_line
        problem = exc.problem or exc.context or "malformed YAML"
        return None, [error(path, line, f"malformed YAML: {problem}", "yaml-syntax")]
    except yaml.YAMLError as exc:
        return None, [error(path, first_line, f"malformed YAML: {exc}", "yaml-syntax")]
    if data is None:
        return Mapping({}, {}), []
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        return None, [
            error(path, first_line, "expected a mapping of `key: value` lines", "yaml-type")
        ]
    lines: dict[str, int] = {}
    for key_node, _ in node.value:
        lines[str(key_node.value)] = first_line + key_node.start_mark.line
    values = {str(k): _plain(v) for k, v in data.items()}
    return Mapping(values, lines), []


def _plain(value: Any) -> Any:
    """YAML turns `2025-08-20` into a date; we keep dates as ISO strings."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class Fields:
    """Typed access to a mapping that records a diagnostic for every wrong value."""

    def __init__(self, meta: Mapping, path: str) -> None:
        self.meta = meta
        self.path = path
        self.problems: list[Diagnostic] = []

    def line(self, key: str) -> int:
        return self.meta.lines.get(key, 1)

    def text(self, key: str) -> str | None:
        value = self.meta.values.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self._wrong(key, "a text")
            return None
        return str(value).strip() or None

    def texts(self, key: str) -> tuple[str, ...]:
        """A list of texts; a single text counts as a list of one."""
        value = self.meta.values.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
            self._wrong(key, "a list of texts")
            return ()
        return tuple(str(v).strip() for v in value if str(v).strip())

    def unknown(self, known: set[str]) -> list[Diagnostic]:
        return [
            warning(
                self.path,
                self.line(k),
                f"unknown key `{k}`",
                "unknown-key",
                "known keys: " + ", ".join(sorted(known)),
            )
            for k in sorted(self.meta.values)
            if k not in known
        ]

    def _wrong(self, key: str, expected: str) -> None:
        got = type(self.meta.values[key]).__name__
        self.problems.append(
            error(
                self.path, self.line(key), f"`{key}` should be {expected}, not {got}", "field-type"
            )
        )
