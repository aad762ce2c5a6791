"""`summitnotes.yaml`: the site's settings, typed, with every problem reported."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path

from summitnotes.diagnostics import Diagnostic, error
from summitnotes.frontmatter import Fields, parse_mapping
from summitnotes.model import SiteConfig

CONFIG_NAME = "summitnotes.yaml"


def load_config(project: Path) -> tuple[SiteConfig, list[Diagnostic]]:
    """Read `summitnotes.yaml` from the project folder; a missing file gives the defaults."""
    path = project / CONFIG_NAME
    if not path.exists():
        return SiteConfig(), []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return SiteConfig(), [error(CONFIG_NAME, None, f"cannot read: {exc}", "unreadable")]
    meta, problems = parse_mapping(text, CONFIG_NAME)
    if meta is None:
        return SiteConfig(), problems
    f = Fields(meta, CONFIG_NAME)
    known = {fl.name for fl in fields(SiteConfig)}
    values = {name: f.text(name) for name in known if name in meta.values}
    config = replace(SiteConfig(), **{k: v for k, v in values.items() if v is not None})
    if config.base_url is not None:
        config = replace(config, base_url=normalize_base_url(config.base_url))
    return config, problems + f.problems + f.unknown(known)


def normalize_base_url(url: str) -> str | None:
    """`/sub/path` → `/sub/path/`; an empty value means relative links."""
    url = url.strip()
    if not url:
        return None
    if "://" not in url and not url.startswith("/"):
        url = "/" + url
    return url if url.endswith("/") else url + "/"
