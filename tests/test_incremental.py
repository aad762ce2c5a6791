"""Builds with the cache write what a cold build writes, whatever was edited in between."""

from __future__ import annotations

import os
import random
import re
import shutil
from pathlib import Path

import pytest

from build_support import differences, make_corpus, tree
from summitnotes.build import build
from summitnotes.cache import FOLDER
from summitnotes.template_files import DEFAULTS

KINDS = (
    "change-interview",
    "add-interview",
    "delete-interview",
    "change-note",
    "add-note",
    "delete-note",
    "rename-topic",
    "change-template",
    "change-sidecar",
    "retitle-note",
    "change-topic-match",
    "rename-speaker",
    "change-config",
    "link-topic",
    "file-note-under-topic",
    "edit-link-context",
    "change-answer",
    "link-speaker",
    "link-note",
    "rename-filed-topic",
    "change-interview-date",
)


def _edit(project: Path, rng: random.Random, step: int, kind: str) -> str:
    """One edit of a kind a user makes, at a random place; returns its kind."""
    seeds = sorted((project / "seeds").glob("*.txt"))
    notes = sorted((project / "notes").glob("reading-*.md"))
    if kind == "change-interview":
        with rng.choice(seeds).open("a", encoding="utf-8") as f:
            f.write(f"One more sentence about the harbour, edit {step}.\n")
    elif kind == "add-interview":
        source = rng.choice(seeds)
        new = project / "seeds" / f"added-{step}.txt"
        shutil.copyfile(source, new)
        shutil.copyfile(source.with_suffix(".yaml"), new.with_suffix(".yaml"))
    elif kind == "delete-interview" and len(seeds) > 3:
        victim = seeds[-1]  # the last: notes link to the first ones
        victim.unlink()
        victim.with_suffix(".yaml").unlink(missing_ok=True)
    elif kind == "change-note" and notes:
        with rng.choice(notes).open("a", encoding="utf-8") as f:
            f.write(f"\nA new thought, edit {step}, see [[topic-01]].\n")
    elif kind == "add-note":
        (project / "notes" / f"reading-new-{step}.md").write_text(
            f"---\ntitle: New reading {step}\ndate: 2025-01-0{1 + step % 9}\n---\n"
            f"About [[interview-000001#a1]].\n\n![[interview-000002#a1-p1]]\n",
            encoding="utf-8",
        )
    elif kind == "delete-note" and notes:
        notes[-1].unlink()
    elif kind == "rename-topic":
        topic = project / "notes" / "topics" / "topic-02.md"
        text = topic.read_text(encoding="utf-8")
        topic.write_text(text.replace("title: Topic 02", f"title: Renamed {step}", 1))
    elif kind == "change-template":
        override = project / "templates" / "base.html"
        override.parent.mkdir(exist_ok=True)
        text = (DEFAULTS / "base.html").read_text(encoding="utf-8")
        override.write_text(text.replace("</body>", f"<!-- edit {step} --></body>", 1))
    elif kind == "change-sidecar":
        sidecar = rng.choice(seeds).with_suffix(".yaml")
        if sidecar.exists():
            with sidecar.open("a", encoding="utf-8") as f:
                f.write(f"description: Edited sidecar {step}\n")
    elif kind == "retitle-note" and notes:  # its title shows in backlinks on interview pages
        note = rng.choice(notes)
        text = note.read_text(encoding="utf-8")
        note.write_text(text.replace("title: ", f"title: Retitled {step} ", 1), encoding="utf-8")
    elif kind == "change-topic-match":  # what interview pages list under each exchange
        topic = project / "notes" / "topics" / "topic-03.md"
        text = topic.read_text(encoding="utf-8")
        topic.write_text(text.replace("match: [", "match: [harbour, ", 1), encoding="utf-8")
    elif kind == "rename-speaker":  # their page, and links to it from every interview
        sidecar = rng.choice(seeds).with_suffix(".yaml")
        if sidecar.exists():
            text = sidecar.read_text(encoding="utf-8")
            sidecar.write_text(text.replace("  name: ", f"  name: Renamed{step} ", 1), "utf-8")
    elif kind == "change-config":
        config = project / "summitnotes.yaml"
        with config.open("a", encoding="utf-8") as f:
            f.write(f"description: Edited {step}\n")
    elif kind == "link-topic":  # only the topic page shows it (a backlink)
        (project / "notes" / f"pointer-{step}.md").write_text(
            f"---\ntitle: Pointer {step}\n---\nSee [[topic-05]].\n", encoding="utf-8"
        )
    elif kind == "file-note-under-topic":  # listed on the topic page, linking nowhere
        (project / "notes" / f"filed-{step}.md").write_text(
            f"---\ntitle: Filed {step}\ntopics: [topic-06]\n---\nNo links.\n", encoding="utf-8"
        )
    elif kind == "edit-link-context" and notes:  # backlinks quote the words around a link
        note = rng.choice(notes)
        text = note.read_text(encoding="utf-8")
        note.write_text(text.replace(" See [[", f" Edit {step} says: see [[", 1), encoding="utf-8")
    elif kind == "change-answer":  # speaker pages quote the first paragraph of each turn
        dashed = [s for s in seeds if s.read_text(encoding="utf-8").count("\n— ") >= 2]
        seed = rng.choice(dashed or seeds)
        text = seed.read_text(encoding="utf-8")
        first_answer = text.find("\n— ", text.find("\n— ") + 1)  # after the first question
        if first_answer >= 0:
            at = first_answer + len("\n— ")
            seed.write_text(text[:at] + f"Edited {step}, " + text[at:], encoding="utf-8")
    elif kind == "link-speaker":  # only the speaker's page shows it (a backlink)
        sidecar = rng.choice(seeds).with_suffix(".yaml")
        lines = sidecar.read_text(encoding="utf-8").splitlines() if sidecar.exists() else []
        names = [ln.split(":", 1)[1].strip() for ln in lines if ln.startswith("  name:")]
        if names:
            slug = "-".join(names[0].lower().split())
            (project / "notes" / f"about-{step}.md").write_text(
                f"---\ntitle: About {step}\n---\nSee [[{slug}]].\n", encoding="utf-8"
            )
    elif kind == "link-note" and notes:  # the note's page lists it as a backlink
        (project / "notes" / f"reply-{step}.md").write_text(
            f"---\ntitle: Reply {step}\n---\nAs [[{rng.choice(notes).stem}]] says.\n",
            encoding="utf-8",
        )
    elif kind == "rename-filed-topic" and notes:  # a note's page shows its topics' titles
        filed = re.search(r"^topics: \[([\w-]+)", rng.choice(notes).read_text("utf-8"), re.M)
        topic = project / "notes" / "topics" / f"{filed.group(1) if filed else 'topic-01'}.md"
        if topic.exists():
            text = topic.read_text(encoding="utf-8")
            text = re.sub(r"(?m)^title: ", f"title: Filed {step} ", text, count=1)
            topic.write_text(text, encoding="utf-8")
    elif kind == "change-interview-date":  # moves it among a topic's interviews (and pages)
        sidecar = rng.choice(seeds).with_suffix(".yaml")
        if sidecar.exists():
            year, month, day = rng.randint(1985, 2030), rng.randint(1, 12), rng.randint(1, 28)
            date = f"date: {year}-{month:02d}-{day:02d}"
            text = re.sub(r"(?m)^date: .*$", date, sidecar.read_text(encoding="utf-8"), count=1)
            sidecar.write_text(text, encoding="utf-8")
    return kind


def test_random_edits_build_as_a_cold_build_would(tmp_path: Path) -> None:
    project = make_corpus(12, tmp_path / "project")
    site = tmp_path / "site"
    assert build(project, site, search=False, cache=True).ok
    rng = random.Random(11)
    kinds = rng.sample(KINDS, len(KINDS)) + [rng.choice(KINDS) for _ in range(3)]
    done = []
    for step, kind in enumerate(kinds):  # every kind once, in random order, then a few more
        done.append(_edit(project, rng, step, kind))
        warm = build(project, site, search=False, cache=True, jobs=2)
        assert warm.ok, (done, warm.diagnostics)
        cold_out = tmp_path / f"cold-{step}"
        cold = build(project, cold_out, search=False, cache=False)
        assert differences(tree(site), tree(cold_out)) == [], done
        assert warm.diagnostics == cold.diagnostics
        assert warm.page_count == cold.page_count


def test_a_no_op_build_reports_the_same_and_writes_nothing(tmp_path: Path) -> None:
    project = make_corpus(6, tmp_path / "project")
    site = tmp_path / "site"
    first = build(project, site, search=False, cache=True)
    before = {p: p.stat().st_mtime_ns for p in site.rglob("*")}
    again = build(project, site, search=False, cache=True)
    assert (again.diagnostics, again.pages, again.files) == (
        first.diagnostics,
        first.pages,
        first.files,
    )
    assert {p: p.stat().st_mtime_ns for p in site.rglob("*")} == before


def test_a_damaged_site_is_rebuilt(tmp_path: Path) -> None:
    project = make_corpus(6, tmp_path / "project")
    site = tmp_path / "site"
    build(project, site, search=False, cache=True)
    page = site / "interviews" / "interview-000001" / "index.html"
    good = page.read_bytes()
    page.write_bytes(b"damaged")
    assert build(project, site, search=False, cache=True).ok
    assert page.read_bytes() == good


def test_a_corrupt_cache_is_ignored_with_a_warning(tmp_path: Path) -> None:
    project = make_corpus(6, tmp_path / "project")
    site = tmp_path / "site"
    build(project, site, search=False, cache=True)
    cache = project / FOLDER
    for f in cache.iterdir():
        f.write_bytes(b"\x80not a cache")
    with (project / "seeds" / "interview-000001.txt").open("a", encoding="utf-8") as f:
        f.write("A changed ending.\n")
    report = build(project, site, search=False, cache=True)
    assert report.ok
    assert any(d.code == "cache-corrupt" for d in report.diagnostics)
    cold = tmp_path / "cold"
    build(project, cold, search=False)
    assert differences(tree(site), tree(cold)) == []
    assert not any(d.code == "cache-corrupt" for d in build(project, site, cache=True).diagnostics)


def test_no_cache_neither_reads_nor_writes_it(tmp_path: Path) -> None:
    project = make_corpus(4, tmp_path / "project")
    assert build(project, tmp_path / "site", search=False, cache=False).ok
    assert not (project / ".summitnotes").exists()


def test_an_edit_renders_only_the_pages_that_show_it(tmp_path: Path) -> None:
    project = make_corpus(12, tmp_path / "project")
    site = tmp_path / "site"
    first = build(project, site, search=False, cache=True)
    assert first.ok and first.reused == 0
    note = sorted((project / "notes").glob("reading-*.md"))[0]
    with note.open("a", encoding="utf-8") as f:
        f.write("\nOne more thought on the harbour.\n")
    again = build(project, site, search=False, cache=True)
    assert again.ok
    rendered = sum(path.endswith(".html") for path in tree(site)) - again.reused
    assert 1 <= rendered <= 3, rendered  # the note's page, and at most lists that show it
    assert "One more thought on the harbour." in (
        site / "notes" / note.stem / "index.html"
    ).read_text(encoding="utf-8")
    cold = build(project, tmp_path / "cold", search=False, cache=False)
    assert differences(tree(site), tree(tmp_path / "cold")) == []

    override = project / "templates" / "base.html"  # a template: every page is rendered again
    override.parent.mkdir()
    text = (DEFAULTS / "base.html").read_text(encoding="utf-8")
    override.write_text(text.replace("</body>", "<!-- edited --></body>", 1), encoding="utf-8")
    third = build(project, site, search=False, cache=True)
    assert third.ok and third.reused == 0
    assert "<!-- edited -->" in (site / "topics" / "topic-01" / "index.html").read_text("utf-8")
    assert cold.ok


def test_the_kept_previous_site_is_only_trusted_where_unchanged(tmp_path: Path) -> None:
    """The replaced site is kept in the cache and updated into the next one (previous.py)."""
    project = make_corpus(8, tmp_path / "project")
    site = tmp_path / "site"
    for step in range(2):
        with (project / "seeds" / "interview-000001.txt").open("a", encoding="utf-8") as f:
            f.write(f"More about the harbour, step {step}.\n")
        assert build(project, site, search=False, cache=True).ok
    kept = project / FOLDER / "previous-site"
    assert (kept / ".summitnotes-site").is_file()
    assert (kept / "interviews" / "interview-000002" / "index.html").is_file()
    # damage it: a page rewritten in place, one deleted, a stray file and folder added
    page = kept / "interviews" / "interview-000002" / "index.html"
    page.unlink()  # (a hard link to the live page: unlink, never write through it)
    page.write_text("<p>tampered</p>", encoding="utf-8")
    (kept / "interviews" / "interview-000003" / "index.html").unlink()
    (kept / "stray").mkdir()
    (kept / "stray" / "file.txt").write_text("not ours", encoding="utf-8")
    live_before = tree(site)
    with (project / "notes" / "reading-00001.md").open("a", encoding="utf-8") as f:
        f.write("\nA last thought.\n")
    assert build(project, site, search=False, cache=True).ok
    cold = build(project, tmp_path / "cold", search=False, cache=False)
    assert cold.ok
    assert differences(tree(site), tree(tmp_path / "cold")) == []
    assert not (site / "stray").exists()
    # the site it replaced is the one kept now, as it was
    assert differences(tree(kept), live_before) == []


def test_unchanged_notes_are_taken_from_the_cache_and_changed_ones_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summitnotes import linkscan
    from summitnotes import project as loading

    project = make_corpus(12, tmp_path / "project")
    notes = sorted((project / "notes").rglob("*.md"))
    assert len(notes) > 2
    site = tmp_path / "site"
    assert build(project, site, search=False, cache=True).ok
    with (project / "seeds" / "interview-000001.txt").open("a", encoding="utf-8") as f:
        f.write("A changed ending.\n")

    def refuse(*args: object) -> None:
        raise AssertionError("a note was read or scanned again")

    linkscan.scan.cache_clear()  # a fresh process: nothing scanned in memory
    monkeypatch.setattr(loading, "load_note", refuse)
    monkeypatch.setattr(linkscan, "markdown", refuse)
    assert build(project, site, search=False, cache=True).ok
    with notes[0].open("a", encoding="utf-8") as f:
        f.write("\nAn added line.\n")
    with pytest.raises(AssertionError, match="read or scanned again"):
        build(project, site, search=False, cache=True)
    monkeypatch.undo()
    assert build(project, site, search=False, cache=True).ok
    cold = tmp_path / "cold"
    assert build(project, cold, search=False).ok
    assert differences(tree(site), tree(cold)) == []


def test_an_interview_edit_parses_it_alone_and_rewrites_only_its_cache_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summitnotes import project as loading
    from summitnotes.cache import Cache

    project = make_corpus(40, tmp_path / "project")
    site = tmp_path / "site"
    assert build(project, site, search=False, cache=True).ok
    cache = project / FOLDER
    shards = {p.name: p.stat().st_mtime_ns for p in cache.glob("interviews-*.pickle")}
    assert len(shards) > 4  # spread over files by key
    edited = project / "seeds" / "interview-000003.txt"
    with edited.open("a", encoding="utf-8") as f:
        f.write("A changed ending.\n")
    (project / "seeds" / "interview-000007.txt").unlink()
    (project / "seeds" / "interview-000007.yaml").unlink(missing_ok=True)
    parsed: list[str] = []
    parse = loading.load_interview

    def counted(path: Path, display: str):  # type: ignore[no-untyped-def]
        parsed.append(display)
        return parse(path, display)

    monkeypatch.setattr(loading, "load_interview", counted)
    assert build(project, site, search=False, cache=True).ok
    assert parsed == ["seeds/interview-000003.txt"]
    after = {p.name: p.stat().st_mtime_ns for p in cache.glob("interviews-*.pickle")}
    rewritten = {n for n in shards.keys() | after.keys() if shards.get(n) != after.get(n)}
    assert 1 <= len(rewritten) <= 3  # the edited one's old and new file, the deleted one's
    kept = Cache.open(project)
    kept.load_interviews()
    assert len(kept.interviews) == len(list((project / "seeds").glob("*.txt")))
    cold = tmp_path / "cold"
    assert build(project, cold, search=False).ok
    assert differences(tree(site), tree(cold)) == []


def test_after_an_interview_edit_the_exports_make_only_its_pieces_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summitnotes import export

    project = make_corpus(30, tmp_path / "project")
    site = tmp_path / "site"
    assert build(project, site, search=False, cache=True).ok
    encoded: list[str] = []
    to_json = export.interview_to_json

    def counted(iv):  # type: ignore[no-untyped-def]
        encoded.append(iv.slug)
        return to_json(iv)

    monkeypatch.setattr(export, "interview_to_json", counted)

    def edit(name: str, text: str) -> None:
        with (project / "seeds" / name).open("a", encoding="utf-8") as f:
            f.write(text)

    edit("interview-000004.txt", "A changed ending.\n")
    assert build(project, site, search=False, cache=True).ok
    assert encoded == ["interview-000004"]
    cold = tmp_path / "cold"
    assert build(project, cold, search=False).ok
    assert differences(tree(site), tree(cold)) == []

    # a data file that is not as the build wrote it is made again whole, even with its
    # size and time kept
    corpus = site / "data" / "corpus.json"
    st = corpus.stat()
    corpus.write_bytes(corpus.read_bytes().replace(b"interview-000009", b"interview-000099"))
    os.utime(corpus, ns=(st.st_atime_ns, st.st_mtime_ns))
    encoded.clear()
    edit("interview-000005.txt", "Another changed ending.\n")
    assert build(project, site, search=False, cache=True).ok
    assert len(encoded) == 30
    cold2 = tmp_path / "cold2"
    assert build(project, cold2, search=False).ok
    assert differences(tree(site), tree(cold2)) == []
