"""Interview metadata from a YAML sidecar (`x.yaml` beside `x.txt`) or front matter.

The fields follow what oral-history archives record. Each field has a type;
a wrong type is an error at its line, an unknown key a warning with a hint.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from summitnotes.diagnostics import Diagnostic, error, warning
from summitnotes.model import Metadata, PersonRef
from summitnotes.slugs import url_slug
from summitnotes.source import read_text
from summitnotes.yamldoc import YamlMapping, load_mapping

FIELDS: dict[str, str] = {
    "title": "title of the interview as published",
    "slug": "URL name of the interview page (default: from the file name)",
    "outlet": "publication, broadcaster or archive that published it",
    "interviewer": "who asked: a name, {name, description}, or a list of them",
    "interviewee": "who answered: a name, {name, description}, or a list of them",
    "date": "date of the interview or its publication (YYYY-MM-DD, YYYY-MM or YYYY)",
    "place": "where it took place",
    "language": "language of the text (BCP 47 code, e.g. en)",
    "description": "a sentence or two on what it is about",
    "keywords": "list of free keywords",
    "topics": "list of topic slugs for the whole interview",
    "question_topics": "topics for single questions: {q2: [topic, ...]}",
    "rights": "rights and usage statement",
    "source_url": "where the text was published",
    "retrieved": "date the text was retrieved from the source",
    "images": "image files for figures: {fig1: images/photo.jpg}",
}


class _Bad(Exception):
    """A field of the wrong type; turned into a diagnostic at the field's line."""


def _text(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _Bad("a text")
    return str(value).strip()


def _slug(value: str) -> str:
    """A sidecar slug is used as written, so it must be a URL name already."""
    if value != url_slug(value):
        suggestion = url_slug(value) or "interview-name"
        raise _Bad(f"letters, digits and dashes only, e.g. `{suggestion}`")
    return value


def _texts(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value.strip(),)
    if not isinstance(value, list):
        raise _Bad("a list of texts")
    return tuple(_text(v) for v in value)


def _person(value: Any) -> PersonRef:
    if isinstance(value, dict):
        if "name" not in value:
            raise _Bad("a name or a mapping with `name` (and `description`)")
        desc = value.get("description")
        return PersonRef(_text(value["name"]), _text(desc) if desc is not None else None)
    return PersonRef(_text(value))


def _people(value: Any) -> tuple[PersonRef, ...]:
    if isinstance(value, list):
        return tuple(_person(v) for v in value)
    return (_person(value),)


def _mapping_of(convert: Callable[[Any], Any]) -> Callable[[Any], tuple[tuple[str, Any], ...]]:
    def parse(value: Any) -> tuple[tuple[str, Any], ...]:
        if not isinstance(value, dict):
            raise _Bad("a mapping")
        return tuple(sorted((str(k), convert(v)) for k, v in value.items()))

    return parse


CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "title": _text,
    "slug": _text,
    "outlet": _text,
    "interviewer": _people,
    "interviewee": _people,
    "date": _text,
    "place": _text,
    "language": _text,
    "description": _text,
    "keywords": _texts,
    "topics": _texts,
    "question_topics": _mapping_of(_texts),
    "rights": _text,
    "source_url": _text,
    "retrieved": _text,
    "images": _mapping_of(_text),
}


def metadata_from(mapping: YamlMapping, path: str) -> tuple[dict[str, Any], list[Diagnostic]]:
    """Typed fields of one YAML mapping, with a diagnostic for each bad or unknown key."""
    fields: dict[str, Any] = {}
    problems: list[Diagnostic] = []
    for key, value in mapping.data.items():
        line = mapping.lines.get(key)
        convert = CONVERTERS.get(key)
        if convert is None:
            close = difflib.get_close_matches(key, list(FIELDS), n=1)
            hint = f"did you mean `{close[0]}`?" if close else "known keys: " + ", ".join(FIELDS)
            problems.append(
                warning(path, line, f"unknown key `{key}` ignored", "sidecar-key", hint)
            )
            continue
        if value is None:
            continue
        try:
            fields[key] = convert(value)
            if key == "slug":
                fields[key] = _slug(fields[key])
        except _Bad as bad:
            got = type(value).__name__ if bad.args[0].startswith("a ") else repr(value)
            problems.append(
                error(path, line, f"`{key}` must be {bad}, not {got}", "sidecar-type", FIELDS[key])
            )
    return fields, problems


def sidecar_path(text_path: Path) -> Path:
    return text_path.with_suffix(".yaml")


def load_metadata(
    text_path: Path, display: str, front_matter: YamlMapping
) -> tuple[Metadata, list[Diagnostic]]:
    """Front matter first, then the sidecar on top: the sidecar is the researcher's word."""
    fields, problems = metadata_from(front_matter, display)
    side = sidecar_path(text_path)
    if side.is_file():
        side_display = str(Path(display).with_suffix(".yaml"))
        text, read_problems = read_text(side, side_display)
        problems += read_problems
        if text is not None:
            mapping, yaml_problems = load_mapping(text, side_display, 1, "sidecar YAML")
            problems += yaml_problems
            if mapping is not None:
                side_fields, side_problems = metadata_from(mapping, side_display)
                fields.update(side_fields)
                problems += side_problems
    return Metadata(**fields), problems
