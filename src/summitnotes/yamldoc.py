"""YAML mappings with the line of every key, for sidecars, front matter and config.

Errors become diagnostics with the line YAML reports, so a user sees
`seeds/x.yaml:4: error: ...` instead of a traceback.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import yaml

from summitnotes.diagnostics import Diagnostic, error

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class YamlMapping:
    data: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    """1-based line of each top-level key."""


def load_mapping(
    text: str, path: str, first_line: int = 1, what: str = "YAML"
) -> tuple[YamlMapping | None, list[Diagnostic]]:
    """Parse `text` as a YAML mapping; `first_line` is where it starts in the file."""
    offset = first_line - 1
    loader = _Loader(text)
    try:
        node = loader.get_single_node()  # parse once: the node keeps the lines
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 + offset if mark is not None else first_line
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [error(path, line, f"malformed {what}: {problem}", "yaml-syntax")]
    finally:
        loader.dispose()
    if data is None:
        return YamlMapping(), []
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        return None, [
            error(path, first_line, f"{what} must be a mapping of keys to values", "yaml-shape")
        ]
    lines: dict[str, int] = {}
    for key_node, _ in node.value:
        lines[str(key_node.value)] = key_node.start_mark.line + 1 + offset
    clean = {str(k): _plain(v) for k, v in data.items()}
    return YamlMapping(clean, lines), []


def _plain(value: Any) -> Any:
    """Dates become ISO strings: YAML reads `2025-08-18` as a date, users mean text."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value
