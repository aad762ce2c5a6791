"""`summitnotes new` and `init`: starting files a researcher fills in.

Nothing here overwrites a file: every target is checked before the first one
is written, and each is opened in exclusive mode, so a refusal leaves the
project exactly as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from slugify import slugify

from summitnotes.config import CONFIG_NAME
from summitnotes.diagnostics import Diagnostic, error
from summitnotes.sidecar import FIELDS
from summitnotes.template_files import DEFAULTS, STYLESHEET, TEMPLATES

Kind = Literal["interview", "note", "topic", "speaker"]
KINDS: tuple[Kind, ...] = ("interview", "note", "topic", "speaker")

EXAMPLES = {
    "title": '"Title of the interview as published"',
    "slug": "smith-2024-harbour",
    "outlet": "The Harbour Gazette",
    "interviewer": "{name: Jane Roe, description: staff reporter}",
    "interviewee": "{name: John Smith, description: harbour master}",
    "date": "2024-05-14",
    "place": "Port Ellen",
    "language": "en",
    "description": "A sentence or two on what the interview is about.",
    "keywords": "[harbour, fishing]",
    "topics": "[topic-slug]",
    "question_topics": "{q2: [topic-slug]}",
    "rights": "All rights reserved by the publisher; quoted for research.",
    "source_url": "https://example.org/interview",
    "retrieved": "2024-06-01",
    "images": "{fig1: images/photo.jpg}",
}
"""A sample value for each sidecar key, shown commented out in a new sidecar."""

Files = list[tuple[Path, str]]


def new(root: Path, kind: Kind, name: str, today: dt.date | None = None) -> Files:
    """The files of a new interview (text and sidecar), note, topic or speaker profile."""
    slug = slugify(name)
    title = _title(name)
    date = (today or dt.date.today()).isoformat()
    if kind == "interview":
        return [
            (root / "seeds" / f"{slug}.txt", INTERVIEW_TEXT),
            (root / "seeds" / f"{slug}.yaml", sidecar(title)),
        ]
    if kind == "note":
        return [(root / "notes" / f"{slug}.md", NOTE.format(title=_quote(title), date=date))]
    if kind == "topic":
        text = TOPIC.format(title=_quote(title), phrase=_quote(title.lower()))
        return [(root / "notes" / "topics" / f"{slug}.md", text)]
    return [(root / "notes" / "speakers" / f"{slug}.md", SPEAKER.format(name=_quote(title)))]


def init(target: Path, templates: bool = False) -> Files:
    """The files of a new project that builds at once; with `templates`, copies of the
    packaged templates to edit (without, the packaged ones are used and stay up to date)."""
    files: Files = [
        (target / CONFIG_NAME, CONFIG),
        (target / ".gitignore", GITIGNORE),
        (target / ".github" / "workflows" / "pages.yml", PAGES_WORKFLOW),
        (target / "seeds" / "marten-2024-bees.txt", SAMPLE_INTERVIEW),
        (target / "seeds" / "marten-2024-bees.yaml", SAMPLE_SIDECAR),
        (target / "notes" / "topics" / "winter-losses.md", SAMPLE_TOPIC),
        (target / "notes" / "reading-the-marten-interview.md", SAMPLE_NOTE),
        (target / "templates" / "README.md", TEMPLATES_README),
    ]
    if templates:
        files += [
            (target / "templates" / name, (DEFAULTS / name).read_text(encoding="utf-8"))
            for name in (*TEMPLATES, STYLESHEET)
        ]
    return files


def refusals(files: Iterable[tuple[Path, str]], root: Path) -> list[Diagnostic]:
    """An error for each file that already exists: we never overwrite one."""
    return [
        error(
            _display(path, root),
            None,
            "already exists; not overwriting it",
            "exists",
            "choose another name, or move the file away first",
        )
        for path, _ in files
        if path.exists()
    ]


def create(
    root: Path, kind: Kind, name: str, today: dt.date | None = None
) -> tuple[list[Path], list[Diagnostic]]:
    """`summitnotes new`: write the starting files of `kind`, or none if one exists."""
    if not slugify(name):
        return [], [error(name, None, "makes no file name", "slug", "use letters or digits")]
    files = new(root, kind, name, today)
    return [p for p, _ in files], write(files, root)


def create_project(target: Path, templates: bool = False) -> tuple[list[Path], list[Diagnostic]]:
    """`summitnotes init`: a new project in a new or empty folder."""
    problems = init_target_problems(target)
    if problems:
        return [], problems
    files = init(target, templates)
    return [p for p, _ in files], write(files, target)


def write(files: Files, root: Path) -> list[Diagnostic]:
    """Write every file, or none when one of them exists."""
    problems = refusals(files, root)
    if problems:
        return problems
    for path, text in files:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as f:
            f.write(text)
    return []


def init_target_problems(target: Path) -> list[Diagnostic]:
    """`init` wants a new or empty folder."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        return [
            error(
                str(target),
                None,
                "exists and is not empty; not creating a project in it",
                "init-not-empty",
                "choose a new folder name",
            )
        ]
    return []


def sidecar(title: str) -> str:
    """A sidecar with the title set and every other known key commented out, explained."""
    lines = [
        "# What you know about this interview. Every key is optional: uncomment the",
        "# ones you know, and leave out what you do not know rather than guess.",
        "",
        "# " + FIELDS["title"],
        f"title: {_quote(title)}",
    ]
    for key, meaning in FIELDS.items():
        if key == "title":
            continue
        lines += ["", f"# {meaning}", f"# {key}: {EXAMPLES.get(key, '')}".rstrip()]
    return "\n".join(lines) + "\n"


def _title(name: str) -> str:
    """`water-rights` → `Water rights`; a name with spaces or capitals is kept as written."""
    name = name.strip()
    if name == name.lower() and " " not in name:
        return name.replace("-", " ").replace("_", " ").strip().capitalize()
    return name


def _quote(text: str) -> str:
    """A YAML scalar that stays a string whatever it holds."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


INTERVIEW_TEXT = """\
Replace this paragraph with the lead: who speaks with whom, when and where.
— Write each question on its own line, starting with a dash?
— And each answer the same way. An answer may run over several paragraphs.
The next paragraph without a dash still belongs to the answer.
"""

NOTE = """\
---
title: {title}
date: {date}
# Topics this note is on: slugs, titles or aliases of notes/topics/*.md.
topics: []
# One sentence shown in lists of notes.
# summary:
---
Write the note here, in Markdown.
"""

TOPIC = """\
---
title: {title}
# Other names of the topic; notes may use them in `topics:`.
aliases: []
# Phrases that put a question and its answer on this topic wherever they occur
# in them (whole words, any case). Sidecars can also assign topics by hand.
match: [{phrase}]
# One sentence shown in lists of topics.
# summary:
---
What the topic covers, and what to look for in the interviews.
"""

SPEAKER = """\
---
name: {name}
# Other names this person appears under in the interviews.
aliases: []
# One sentence shown on the speaker's page and in lists.
# summary:
---
Who this person is, as far as the sources say.
"""

CONFIG = """\
# Settings of the research site. Every key is optional.
title: My research site
# author: Your name
language: en
description: >-
  Interviews read as dialogues, gathered by topic and by speaker, with research notes.
# Path the site is served under, e.g. /my-repo/ for a GitHub Pages project site;
# without it every link is relative. The Pages workflow sets it for you.
# base_url: /my-repo/
# Address of the published site, for canonical links.
# site_url: https://example.org/research/
"""

GITIGNORE = """\
site/
.summitnotes/
__pycache__/
"""

PAGES_WORKFLOW = """\
# Builds the site and publishes it on GitHub Pages on every push to main.
# Once, in the repository's Settings → Pages, set Source to "GitHub Actions".
name: Publish the site

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      # Pin the version you use, or install from its repository:
      # pip install "git+https://github.com/OWNER/summitnotes"
      - run: python -m pip install summitnotes
      # --strict: a warning (a broken link, a missing image) stops the publication.
      # A user or organisation site (USER.github.io) lives at / : drop --base-url.
      - run: summitnotes build --strict --base-url "/${{ github.event.repository.name }}/"
      - uses: actions/upload-pages-artifact@v3
        with:
          path: site

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"""

TEMPLATES_README = """\
# Your templates

This folder is empty on purpose: the site uses the templates that come with
summitnotes, so it gets their fixes and new features when you upgrade.

To change a page, put a file here with the name of the packaged template it
replaces (`base.html`, `macros.html`, `home.html`, `interview.html`,
`topic.html`, `speaker.html`, `note.html`, `list.html`, `style.css`); every
other page keeps using the packaged one. To start from copies of them all,
run `summitnotes init --templates` in a new folder and take the files you need.
"""

SAMPLE_INTERVIEW = (  # one paragraph a line, as transcripts come
    "Ilse Marten has kept bees on the slopes above the Lindau valley for thirty years. "
    "After a cold, wet spring she told the Valley Ledger about lost colonies, late flowers "
    "and why she still takes on apprentices. (This interview is made up: it is the sample "
    "content of a new summitnotes project.)\n"
    "— How did your bees come through the winter?\n"
    "— Badly, to be honest. I went into November with forty colonies and by March I had "
    "twenty-six. Winter losses of one in ten are normal for us; a third is not.\n"
    "The cold itself is not what kills them. It was the damp, and a warm week in January "
    "that woke them too early.\n"
    "— What did the late spring mean for the honey?\n"
    "— The fruit trees flowered two weeks late and all at once, so there was a short flood "
    "of nectar and then nothing. We took almost no spring honey this year.\n"
    "— Why do you still take on apprentices after a year like this?\n"
    "— Because a year like this is when you learn the most. Someone has to know how to keep "
    "bees when the weather stops behaving.\n"
)

SAMPLE_SIDECAR = """\
# What we know about this interview (see `summitnotes new interview` for every key).
title: Ilse Marten on a hard winter for bees
outlet: The Valley Ledger
interviewer:
  name: The Valley Ledger
interviewee:
  name: Ilse Marten
  description: beekeeper
date: 2024-05-14
language: en
description: >-
  A beekeeper on losing a third of her colonies over a damp winter, a late spring,
  and teaching the trade. Made-up sample content.
keywords: [beekeeping, winter, honey]
question_topics:
  q1: [winter-losses]
"""

SAMPLE_TOPIC = """\
---
title: Winter losses
aliases: [lost colonies]
match: [winter losses, colonies]
summary: Colonies that do not survive the winter, and what beekeepers blame for it.
---
How many colonies die over the winter, and why. Look for the numbers a
beekeeper gives, what they call normal, and what they blame: cold, damp,
disease or the weather's timing.
"""

SAMPLE_NOTE = """\
---
title: Reading the Marten interview
date: 2024-05-20
topics: [winter-losses]
summary: What Ilse Marten blames for her winter losses, and what rests on what.
---
Marten gives numbers: forty colonies in November, twenty-six in March, against
a normal loss of one in ten ([her first answer](../../interviews/marten-2024-bees/index.html#a1)).

She blames the damp and a warm spell, not the cold. That is her reading, not a
measurement; the interview gives no second source.
"""
