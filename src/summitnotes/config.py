"""`summitnotes.yaml`: the site's settings, typed, with every problem reported."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path

from summitnotes.diagnostics import Diagnostic, error
from summitnotes.frontmatter import Fields
from summitnotes.model import SiteConfig
from summitnotes.source import read_text
from summitnotes.urls import is_web_address
from summitnotes.yamldoc import YamlMapping, load_mapping

CONFIG_NAME = "summitnotes.yaml"


def load_config(project: Path) -> tuple[SiteConfig, list[Diagnostic]]:
    """Read `summitnotes.yaml` from the project folder; a missing file gives the defaults."""
    path = project / CONFIG_NAME
    if not path.exists():
        return SiteConfig(), []
    text, read_problems = read_text(path, CONFIG_NAME)
    if text is None:
        return SiteConfig(), read_problems
    meta, problems = load_mapping(text, CONFIG_NAME, what=CONFIG_NAME)
    problems = read_problems + problems
    if meta is None:
        return SiteConfig(), problems
    f = Fields(meta, CONFIG_NAME)
    known = {fl.name for fl in fields(SiteConfig)}
    values: dict[str, object] = {name: f.text(name) for name in known - FLAGS if name in meta.data}
    values.update({name: _flag(meta, name, problems) for name in FLAGS if name in meta.data})
    for name in ADDRESSES:
        if values.get(name) and not _address_ok(str(values[name])):
            problems.append(_bad_address(meta, name))
            values[name] = None
    config = replace(SiteConfig(), **{k: v for k, v in values.items() if v is not None})
    if config.base_url is not None:
        config = replace(config, base_url=normalize_base_url(config.base_url))
    return config, problems + f.problems + f.unknown(known)


FLAGS = {"allow_html"}
"""Settings that are `true` or `false`."""
ADDRESSES = ("site_url", "base_url")
"""Settings put into links: only web addresses or paths, never `javascript:` and the like."""


def _flag(meta: YamlMapping, name: str, problems: list[Diagnostic]) -> bool | None:
    value = meta.data[name]
    if isinstance(value, bool):
        return value
    got = type(value).__name__
    line = meta.lines.get(name)
    problems.append(
        error(CONFIG_NAME, line, f"`{name}` must be true or false, not {got}", "field-type")
    )
    return None


def _address_ok(url: str) -> bool:
    scheme = url.split("/", 1)[0]
    return ":" not in scheme or is_web_address(url)


def _bad_address(meta: YamlMapping, name: str) -> Diagnostic:
    return error(
        CONFIG_NAME,
        meta.lines.get(name),
        f"`{name}` must be an http:// or https:// address"
        + (" or a path like /project/" if name == "base_url" else ""),
        "config-url",
    )


def normalize_base_url(url: str) -> str | None:
    """`/sub/path` → `/sub/path/`; an empty value means relative links."""
    url = url.strip()
    if not url:
        return None
    if "://" not in url and not url.startswith("/"):
        url = "/" + url
    return url if url.endswith("/") else url + "/"
