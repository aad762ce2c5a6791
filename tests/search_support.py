"""Run real Pagefind queries against a built site, the way its search page does."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from site_support import parse_html

QUERY_SCRIPT = Path(__file__).parent / "pagefind_query.mjs"
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed")


def search_options(site: Path, served_at: str) -> dict[str, Any]:
    """The options the search page gives Pagefind when the page is at `served_at`
    (its ranking, and the site root as result base), read from the built page."""
    page = parse_html(site / "search" / "index.html")
    box = next(n for n in page.iter() if n.attrs.get("id") == "search")
    options = json.loads(box.attrs["data-options"])
    root = urlsplit(urljoin(served_at, box.attrs["data-root"])).path
    options["baseUrl"] = root.removesuffix("index.html")
    return options


def query(
    site: Path,
    text: str,
    filters: dict[str, Any] | None = None,
    served_at: str = "http://localhost/search/",
) -> dict[str, Any]:
    """`{"filters": {...}, "results": [{"url", "meta", "filters", "excerpt", "score"}]}`."""
    assert NODE is not None
    options = search_options(site, served_at)
    run = subprocess.run(
        [
            NODE,
            str(QUERY_SCRIPT),
            str(site / "pagefind"),
            text,
            json.dumps(options),
            json.dumps(filters or {}),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)
