"""After edits to notes and interviews alone, a build keys again only the pages they
reach (`dependencies.py`), and writes what a cold build writes."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from build_support import differences, make_corpus, tree
from summitnotes import page_inputs, pages
from summitnotes.build import build
from summitnotes.diagnostics import Diagnostic
from summitnotes.pages import PageKey

NOTES = {
    "alpha": (
        "---\ntitle: Alpha\ndate: 2025-03-01\ntopics: [topic-01]\n---\n"
        "Alpha reads [[interview-000001#a1]] and [[beta#findings]].\n"
    ),
    "beta": (
        "---\ntitle: Beta\ndate: 2025-03-02\n---\n## Findings\n\n"
        "Beta is about [[interview-000002]].\n"
    ),
    "gamma": (
        "---\ntitle: Gamma\ndate: 2025-03-03\nsummary: First summary.\n"
        "topics: [topic-02]\n---\nGamma points at [[beta]] and [[topic-03]].\n"
    ),
}


@pytest.fixture
def keyed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[PageKey]]:
    """The pages whose keys the builds work out (builds run with one process here)."""
    calls: list[PageKey] = []
    real = page_inputs.Inputs.key

    def key(self: page_inputs.Inputs, page_key: PageKey) -> tuple[str, str | None] | None:
        calls.append(page_key)
        return real(self, page_key)

    monkeypatch.setattr(page_inputs.Inputs, "key", key)
    yield calls


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _note(root: Path, name: str, old: str, new: str) -> None:
    _replace(root / "notes" / name, old, new)


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write(text)


def _redate(sidecar: Path, date: str) -> None:
    text = sidecar.read_text(encoding="utf-8")
    sidecar.write_text(re.sub(r"(?m)^date: .*$", f"date: {date}", text, count=1), "utf-8")


def _interviews(calls: list[PageKey]) -> set[int]:
    return {i for kind, i in calls if kind == "interview"}


def _two(notes: Path) -> None:
    _replace(notes / "gamma.md", "[[beta]] and ", "")
    _replace(notes / "alpha.md", "interview-000003#q1", "interview-000004")


EDITS: list[tuple[str, Callable[[Path], None], set[int] | None]] = [
    # (what, the edit, the interview pages (by position) keyed again; None: all of them)
    (
        "a link moves to another interview",
        lambda root: _note(root, "alpha.md", "interview-000001#a1", "interview-000003#q1"),
        {0, 2},
    ),
    (
        "a note is filed under another topic",
        lambda root: _note(root, "alpha.md", "[topic-01]", "[topic-04]"),
        {2},
    ),
    (
        "a heading another note links to is renamed: that link breaks",
        lambda root: _note(root, "beta.md", "## Findings", "## Results"),
        {1, 2},  # beta's, and alpha's: its links' words (their context) name beta's heading
    ),
    (
        "a note linked from others is retitled",
        lambda root: _note(root, "beta.md", "title: Beta", "title: Beta Two"),
        {1},  # alpha's link to beta is broken now: only gamma links to beta
    ),
    (
        "a date and summary change",
        lambda root: _note(root, "gamma.md", "First summary.", "Second summary."),
        set(),
    ),
    (
        "the broken link is mended",
        lambda root: _note(root, "alpha.md", "beta#findings", "beta#results"),
        {2},
    ),
    (
        "a note takes another slug: links elsewhere resolve anew, every page is keyed",
        lambda root: _note(root, "beta.md", "title: Beta Two", "slug: beta-new\ntitle: B"),
        None,
    ),
    (
        "two notes at once, one losing its only link",
        lambda root: _two(root / "notes"),
        {2, 3},
    ),
]


SEEDS = "seeds/interview-0000"


def _three(root: Path) -> None:
    _append(root / f"{SEEDS}03.txt", "And that was all.\n")
    _replace(root / "notes" / "gamma.md", "Gamma points", "Gamma still points")


EDITS += [
    (
        "an answer is reworded: its interview, and what beta (linking to it) reaches",
        lambda root: _append(root / f"{SEEDS}02.txt", "One more sentence, said last.\n"),
        {1},
    ),
    (
        "an interview's date moves it among its topics' interviews",
        lambda root: _replace(root / f"{SEEDS}01.yaml", "date: 1991", "date: 2029"),
        {0},
    ),
    (
        "an interview's title changes: alpha, which links to it, labels it anew",
        lambda root: _replace(root / f"{SEEDS}04.yaml", 'title: "', 'title: "Renamed: '),
        {3},
    ),
    (
        "an interview is filed under another topic",
        lambda root: _replace(root / f"{SEEDS}04.yaml", "[topic-15]", "[topic-16]"),
        {3},
    ),
    ("an interview and a note at once", _three, {2}),
    (
        "a speaker takes the name of one in another interview: the two are one person",
        lambda root: _replace(root / f"{SEEDS}05.yaml", "name: Sami Berg", "name: Walid Berg"),
        {4},  # Sami Berg is still someone (an interviewer elsewhere): the people are the same
    ),
    (
        "a speaker takes a new name: someone new, every page is keyed",
        lambda root: _replace(root / f"{SEEDS}06.yaml", "  name: ", "  name: Zed "),
        None,
    ),
]


def test_edits_key_only_the_pages_they_reach(tmp_path: Path, keyed: list[PageKey]) -> None:
    project = make_corpus(12, tmp_path / "project")
    notes = project / "notes"
    for name, text in NOTES.items():
        (notes / f"{name}.md").write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    assert build(project, site, search=False, cache=True, jobs=1).ok
    interviews, everything = len(_interviews(keyed)), len(keyed)
    assert interviews == 12
    for step, (what, edit, expected) in enumerate(EDITS):
        keyed.clear()
        edit(project)
        warm = build(project, site, search=False, cache=True, jobs=1)
        assert warm.ok, (what, warm.diagnostics)
        cold_out = tmp_path / f"cold-{step}"
        cold = build(project, cold_out, search=False, cache=False)
        assert differences(tree(site), tree(cold_out)) == [], what
        assert warm.diagnostics == cold.diagnostics, what
        if expected is None:
            assert len(_interviews(keyed)) == interviews, what
        else:
            assert _interviews(keyed) == expected, what
            assert len(keyed) < everything / 2, what  # the notes and a few pages, not all


def test_a_broken_heading_link_is_reported_after_a_note_edit(tmp_path: Path) -> None:
    """The warning of a link into an edited note is said by the build that breaks it."""
    project = make_corpus(12, tmp_path / "project")
    notes = project / "notes"
    for name, text in NOTES.items():
        (notes / f"{name}.md").write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    first = build(project, site, search=False, cache=True)
    assert first.ok and not _broken(first.diagnostics)
    _replace(notes / "beta.md", "## Findings", "## Results")
    again = build(project, site, search=False, cache=True)
    assert [(d.path, d.line) for d in _broken(again.diagnostics)] == [("notes/alpha.md", 6)]
    alpha = (site / "notes" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert "Broken link" in alpha


def _broken(diagnostics: tuple[Diagnostic, ...]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.code == "link-broken" and d.path == "notes/alpha.md"]


def test_an_interview_edit_keys_only_the_topic_pages_that_show_it(
    tmp_path: Path, keyed: list[PageKey], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its words changed: the pages showing it. Its date: every page of its topics, as
    it moves the interviews after it along."""
    monkeypatch.setattr(pages, "PER_PAGE", 2)  # topics of many pages, in a small corpus
    project = make_corpus(24, tmp_path / "project")
    site = tmp_path / "site"
    assert build(project, site, search=False, cache=True, jobs=1).ok
    topic_pages = []
    for step, edit in enumerate(
        [
            lambda: _append(project / f"{SEEDS}03.txt", "And that was all.\n"),
            lambda: _redate(project / f"{SEEDS}03.yaml", "2031-01-01"),
        ]
    ):
        keyed.clear()
        edit()
        assert build(project, site, search=False, cache=True, jobs=1).ok
        topic_pages.append({k for k in keyed if k[0] in ("topic", "topic-page")})
        cold_out = tmp_path / f"cold-{step}"
        assert build(project, cold_out, search=False, cache=False).ok
        assert differences(tree(site), tree(cold_out)) == []
    words, date = topic_pages
    assert 0 < len(words) < len(date), (words, date)
