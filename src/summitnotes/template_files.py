"""The packaged templates: their folder and the names a build renders with.

Kept apart from `render.py` so that `init`, `new` and the command line know the
files without importing Jinja and the views.
"""

from __future__ import annotations

from pathlib import Path

DEFAULTS = Path(__file__).parent / "templates"
TEMPLATES = (
    "base.html",
    "macros.html",
    "linking.html",
    "home.html",
    "interview.html",
    "topic.html",
    "speaker.html",
    "note.html",
    "list.html",
    "search.html",
    "notfound.html",
)
STYLESHEET = "style.css"
SEARCH_SCRIPT = "search.js"
