"""`summitnotes.yaml`: the site's settings, typed, with every problem reported."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path

from summitnotes.diagnostics import Diagnostic
from summitnotes.frontmatter import Fields
from summitnotes.model import SiteConfig
from summitnotes.source import read_text
from summitnotes.yamldoc import load_mapping

CONFIG_NAME = "summitnotes.yaml"


def load_config(project: Path) -> tuple[SiteConfig, list[Diagnostic]]:
    """Read `summitnotes.yaml` from the project folder; a missing file gives the defaults."""
    path = project / CONFIG_NAME
    if not path.exists():
        return SiteConfig(), []
    text, problems = read_text(path, CONFIG_NAME)
    if text is None:
        return SiteConfig(), problems
    meta, problems = load_mapping(text, CONFIG_NAME, what=CONFIG_NAME)
    if meta is None:
        return SiteConfig(), problems
    f = Fields(meta, CONFIG_NAME)
    known = {fl.name for fl in fields(SiteConfig)}
    values = {name: f.text(name) for name in known if name in meta.data}
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
