"""A project's templates/ folder overrides the packaged templates file by file."""

from __future__ import annotations

import shutil
from pathlib import Path

from site_support import FIXTURES, parse_html
from summitnotes.build import build


def test_project_template_overrides_the_default(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    (project / "templates").mkdir()
    (project / "templates" / "home.html").write_text(
        '{% extends "base.html" %}{% block main %}<p id="mine">{{ page.site_title }}</p>'
        "{% endblock %}\n",
        encoding="utf-8",
    )
    (project / "templates" / "style.css").write_text("body { color: red; }\n", encoding="utf-8")
    out = tmp_path / "site"
    assert build(project, out).ok
    assert parse_html(out / "index.html").find("p").attrs["id"] == "mine"
    assert (out / "static" / "style.css").read_text(encoding="utf-8") == "body { color: red; }\n"
    # the other pages keep the packaged templates
    assert parse_html(out / "topics" / "rivers" / "index.html").find("div", "pair")
