"""Hugo on the same corpus, for comparison: `python bench/hugo_compare.py PROJECT HUGO_DIR [RUNS]`.

Converts a summitnotes project (as `make_corpus.py` writes it) into a Hugo site:
each interview a Markdown page (lead, then questions in bold and answers), with
its topics and interviewee as taxonomies (so Hugo builds topic and speaker pages
too), each note a Markdown page, and minimal templates. Then times
`hugo --quiet` into a fresh folder, RUNS times, and reports the median and the
peak memory. Installs Hugo with apt-get when it is missing (Debian: 0.111).
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from measure import Trash, timed  # noqa: E402

from summitnotes.interviews import load_interview  # noqa: E402

LAYOUTS = {
    "_default/baseof.html": (
        "<!doctype html><html><head><meta charset=utf-8><title>{{ .Title }}</title></head>"
        '<body><nav><a href="{{ .Site.Home.RelPermalink }}">Home</a></nav>'
        '<main>{{ block "main" . }}{{ end }}</main></body></html>\n'
    ),
    "_default/single.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ .Date.Format "2006-01-02" }}</p>'
        '{{ .Content }}<ul>{{ range .GetTerms "topics" }}'
        '<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}\n'
    ),
    "_default/list.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}'
        '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>'
        "{{ end }}</ul>{{ end }}\n"
    ),
}


def convert(project: Path, site: Path) -> None:
    """Write the Hugo version of `project` into `site` (once; reused when present)."""
    if (site / "content").is_dir():
        return
    content = site / "content"
    (content / "interviews").mkdir(parents=True)
    (content / "notes").mkdir(parents=True)
    config = {
        "baseURL": "/",
        "title": "Benchmark",
        "disableKinds": ["RSS", "sitemap", "robotsTXT"],
        "taxonomies": {"topic": "topics", "speaker": "speakers"},
    }
    (site / "config.json").write_text(json.dumps(config), encoding="utf-8")
    for name, text in LAYOUTS.items():
        (site / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (site / "layouts" / name).write_text(text, encoding="utf-8")
    for path in sorted((project / "seeds").glob("*.txt")):
        iv, _ = load_interview(path, path.name)
        assert iv is not None
        front = {
            "title": iv.title,
            "date": iv.meta.date,
            "topics": list(iv.meta.topics),
            "speakers": [s.name for s in iv.speakers],
        }
        body = [p.text for p in iv.lead]
        for turn in iv.turns:
            who = iv.speaker(turn.speaker).name
            first, *rest = [p.text for p in turn.paragraphs]
            body.append(f"**{who}:** {first}" if turn.kind != "question" else f"**{first}**")
            body += rest
        page = "---\n" + json.dumps(front) + "\n---\n" + "\n\n".join(body) + "\n"
        (content / "interviews" / f"{iv.slug}.md").write_text(page, encoding="utf-8")
    for path in sorted((project / "notes").rglob("*.md")):
        rel = path.relative_to(project / "notes")
        target = content / "notes" / rel.as_posix().replace("/", "-")
        shutil.copyfile(path, target)


def ensure_hugo() -> str:
    if shutil.which("hugo") is None:
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "hugo"], check=True)
    return subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[1]


def compare(project: Path, site: Path, runs: int, trash: Trash) -> dict:
    version = ensure_hugo()
    convert(project, site)
    seconds, rss = [], 0
    for run in range(runs + 1):  # the last run measures memory, not time (as bench/run)
        out = site.parent / f"{site.name}-public-{run}"
        trash.move(out)
        s, peak, _ = timed(["hugo", "--quiet", "-s", str(site), "-d", str(out)], run == runs)
        if run == runs:
            rss = peak
        else:
            seconds.append(s)
    last = site.parent / f"{site.name}-public-{runs}"
    pages = sum(1 for _ in last.rglob("*.html"))
    return {
        "version": version,
        "seconds": statistics.median(seconds),
        "rss_mb": rss / 2**20,
        "pages": pages,
    }


def main() -> None:
    project, site = Path(sys.argv[1]), Path(sys.argv[2])
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    trash = Trash(site.parent)
    try:
        print(json.dumps(compare(project, site, runs, trash)))
    finally:
        trash.empty()


if __name__ == "__main__":
    main()
