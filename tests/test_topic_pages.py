"""Topic pages in pages of `pages.PER_PAGE` interviews: every question once, in order,
pages linked both ways, the first page where it always was, later pages not searched.

The generated corpus of 150 interviews has 21 to 41 interviews on each topic: topics
of one page (one of exactly `PER_PAGE` interviews) and of two. With `PER_PAGE`
patched to 4 the same corpus has 6 to 11 pages a topic, so the pager leaves pages out.
"""

from __future__ import annotations

import fnmatch
import math
import random
import re
import shutil
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from build_support import differences, make_corpus, tree
from site_support import Node, broken_links, parse_html
from summitnotes import pages, searchindex, urls
from summitnotes.build import build, prepare
from summitnotes.memo import Memo
from summitnotes.model import Site
from summitnotes.page_inputs import Inputs
from summitnotes.urls import Linker

INTERVIEWS = 150
SMALL = 4
"""`PER_PAGE` for the builds with many pages a topic."""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(INTERVIEWS, tmp_path_factory.mktemp("topic-pages") / "project")


@pytest.fixture(scope="module")
def model(corpus: Path) -> Site:
    site, problems = prepare(corpus)
    assert site is not None, problems
    return site


def _build(corpus: Path, out: Path, per_page: int, **options: object) -> Path:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pages, "PER_PAGE", per_page)
        report = build(corpus, out, search=False, **options)  # type: ignore[arg-type]
    assert report.ok, report.diagnostics
    return out


@pytest.fixture(scope="module")
def site(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(corpus, tmp_path_factory.mktemp("site") / "site", pages.PER_PAGE)


@pytest.fixture(scope="module")
def small(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(corpus, tmp_path_factory.mktemp("small") / "site", SMALL, jobs=2)


@pytest.fixture(scope="module")
def whole(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every topic on one page, as before topic pages had pages."""
    return _build(corpus, tmp_path_factory.mktemp("whole") / "site", 10**9)


def expected_order(site: Site) -> dict[str, list[list[str]]]:
    """Topic slug → the pair anchors of each interview on it, in the order a one-page
    topic shows them: interviews newest first (undated last, the same date by slug),
    each interview's exchanges in their order. Worked out here, not with `pages`."""
    by_topic: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for a in site.assignments:
        by_topic[a.topic][a.interview].append(f"{a.interview}-{a.exchange}")
    dates = {iv.slug: iv.meta.date or "" for iv in site.interviews}
    order = {}
    for t in site.topics:
        groups = by_topic.get(t.slug, {})
        slugs = sorted(sorted(groups), key=lambda s: dates[s], reverse=True)
        order[t.slug] = [groups[s] for s in slugs]
    return order


def topic_pages(site: Path, slug: str) -> Iterator[tuple[str, Node]]:
    """(path, parsed page) of each page of a topic, found by following "next" links."""
    path = urls.topic(slug)
    seen = set()
    while path:
        assert path not in seen, f"the pager goes round in circles at {path}"
        seen.add(path)
        doc = parse_html(site / path)
        yield path, doc
        nav = _pager(doc)
        following = [a for a in nav.find_all("a") if a.attrs.get("rel") == "next"] if nav else []
        path = _target(path, following[0].attrs["href"]) if following else ""


def _pager(doc: Node) -> Node | None:
    navs = [n for n in doc.find_all("nav") if "pager" in n.classes]
    assert len(navs) <= 1
    return navs[0] if navs else None


def _target(page: str, href: str) -> str:
    """The site path a relative link on `page` leads to."""
    parts = (page.rsplit("/", 1)[0] + "/" + urlsplit(href).path).split("/")
    out: list[str] = []
    for p in parts:
        if p == "..":
            out.pop()
        elif p not in ("", "."):
            out.append(p)
    return "/".join(out)


def _anchors(doc: Node) -> list[list[str]]:
    """The pair anchors of each interview section on a page."""
    return [
        [d.attrs["id"] for d in group.find_all("div", "pair")]
        for group in doc.find_all("section", "group")
    ]


@pytest.mark.parametrize("per_page", [pages.PER_PAGE, SMALL])
def test_every_question_is_on_one_page_in_one_page_order(
    per_page: int, model: Site, site: Path, small: Path
) -> None:
    built = site if per_page == pages.PER_PAGE else small
    order = expected_order(model)
    counts = set()
    for t in model.topics:
        expected = order[t.slug]
        found = [_anchors(doc) for _, doc in topic_pages(built, t.slug)]
        assert len(found) == max(1, math.ceil(len(expected) / per_page)), t.slug
        assert all(len(groups) == per_page for groups in found[:-1]), t.slug
        assert [g for groups in found for g in groups] == expected, t.slug
        counts.add(len(found))
    assert {1, 2} <= counts if per_page == pages.PER_PAGE else min(counts) >= 6


def test_a_topic_on_one_page_is_as_it_was(model: Site, site: Path, whole: Path) -> None:
    """Topics of at most `PER_PAGE` interviews, and every other page, are the same bytes
    as with every topic on one page; the first page of a longer topic starts the same."""
    order = expected_order(model)
    one_page = {t.slug for t in model.topics if len(order[t.slug]) <= pages.PER_PAGE}
    assert one_page and pages.PER_PAGE in {len(order[s]) for s in one_page}, "no boundary case"
    paged, single = tree(site), tree(whole)
    changed = differences(paged, single)
    assert not [p for p in changed if not p.startswith("topics/") and p != urls.SITEMAP]
    for slug in one_page:
        assert urls.topic(slug) not in changed
        assert not (site / "topics" / slug / "page").exists()
    for t in model.topics:
        if t.slug in one_page:
            continue
        first = paged[urls.topic(t.slug)].decode()
        before = single[urls.topic(t.slug)].decode()
        head = first.split('<nav class="pager"')[0]
        assert before.startswith(head), t.slug
        first_section = first.index('<section class="group"')
        last_section = first.rindex("</section>")
        assert first[first_section:last_section] in before, t.slug


@pytest.mark.parametrize("per_page", [pages.PER_PAGE, SMALL])
def test_pager_links_lead_to_every_page_and_back(
    per_page: int, model: Site, site: Path, small: Path
) -> None:
    built = site if per_page == pages.PER_PAGE else small
    gaps = 0
    for t in model.topics:
        walked = list(topic_pages(built, t.slug))
        on_disk = sorted(
            p.relative_to(built).as_posix() for p in (built / "topics" / t.slug).rglob("*.html")
        )
        assert sorted(p for p, _ in walked) == on_disk
        assert walked[0][0] == f"topics/{t.slug}/index.html"
        assert [p for p, _ in walked[1:]] == [
            f"topics/{t.slug}/page/{n}/index.html" for n in range(2, len(walked) + 1)
        ]
        for number, (path, doc) in enumerate(walked, start=1):
            nav = _pager(doc)
            if len(walked) == 1:
                assert nav is None and not doc.find_all(cls="pager-end")
                continue
            assert nav is not None and nav.attrs["aria-label"] == "Pages of this topic"
            links = {a.attrs.get("rel"): _target(path, a.attrs["href"]) for a in nav.find_all("a")}
            if number > 1:
                assert links["prev"] == walked[number - 2][0]
            else:
                assert "prev" not in links
            if number == len(walked):
                assert "next" not in links
            numbered = {
                int(a.text()): _target(path, a.attrs["href"])
                for a in nav.find_all("a")
                if a.text().isdigit()
            }
            assert numbered[1] == walked[0][0] and numbered[len(walked)] == walked[-1][0]
            assert numbered[number] == path
            assert all(walked[n - 1][0] == p for n, p in numbered.items())
            current = [a for a in nav.find_all("a") if a.attrs.get("aria-current") == "page"]
            assert [a.text() for a in current] == [str(number)]
            gaps += len(nav.find_all("li", "gap"))
            status = nav.find("p").text()
            first = (number - 1) * per_page + 1
            assert f"Page {number} of {len(walked)}" in status
            shown = len(doc.find_all("section", "group"))
            assert f"interviews {first}–{first + shown - 1}" in status
            end = doc.find(cls="pager-end")
            assert {_target(path, a.attrs["href"]) for a in end.find_all("a")} == {
                walked[n][0] for n in (number - 2, number) if 0 <= n < len(walked)
            }
    assert gaps > 0 if per_page == SMALL else gaps == 0


@pytest.mark.parametrize("base_url", [None, "/sub/"])
def test_no_link_is_broken(base_url: str | None, tmp_path: Path) -> None:
    """Every page of a small corpus with 2 interviews a page (the link check reads all)."""
    project = make_corpus(30, tmp_path / "project")
    out = _build(project, tmp_path / "site", 2, base_url=base_url)
    assert len(list((out / "topics").glob("*/page/*/index.html"))) > 40
    assert broken_links(out, base_url) == []


def test_the_first_page_alone_has_the_description_notes_and_backlinks(
    model: Site, small: Path
) -> None:
    for t in model.topics:
        walked = list(topic_pages(small, t.slug))
        assert len(walked) > 1
        first, *later = (doc for _, doc in walked)
        assert "Questions and answers on" in first.find("div", "prose").text()
        assert "Found by the phrases" in first.text()
        title = first.find("title").text()
        assert "(page" not in title and title.startswith(t.title)
        for number, doc in enumerate(later, start=2):
            article = doc.find("article")
            assert doc.find("h1").text() == t.title
            assert f"{t.title} (page {number})" in doc.find("title").text()
            assert not article.find_all("div", "prose") and not article.find_all("aside")
            assert "Found by the phrases" not in article.text()
            assert "Notes" not in [h.text() for h in article.find_all("h2")]
    filed = {t for n in model.notes for t in n.topics}
    linked = {n.target.slug for n in model.links if n.target and n.target.kind == "topic"}
    assert filed and linked
    for t in model.topics:
        first = parse_html(small / urls.topic(t.slug)).find("article")
        headings = [h.text() for h in first.find_all("h2")]
        assert ("Notes" in headings) == (t.slug in filed), t.slug
        assert bool(first.find_all("aside", "backlinks")) == (t.slug in linked), t.slug


def test_later_pages_are_left_out_of_search(small: Path) -> None:
    """Out of the Pagefind glob, and with no search body should a glob take them."""
    later = sorted((small / "topics").glob("*/page/*/index.html"))
    assert later
    for path in later:
        rel = path.relative_to(small).as_posix()
        assert not _glob_matches(searchindex.PAGES, rel), rel
        html = path.read_text(encoding="utf-8")
        assert "data-pagefind-body" not in html
        assert '<article class="topic" data-pagefind-ignore="all">' in html
    first = (small / urls.topic("topic-01")).read_text(encoding="utf-8")
    assert _glob_matches(searchindex.PAGES, urls.topic("topic-01"))
    assert "data-pagefind-body" in first


def _glob_matches(pattern: str, path: str) -> bool:
    """Pagefind's glob: `{a,b}` alternatives, `*` within one folder name."""
    head, _, rest = pattern.partition("{")
    options, _, tail = rest.partition("}") if rest else ("", "", "")
    candidates = [head + o + tail for o in options.split(",")] if rest else [pattern]
    parts = path.split("/")
    return any(
        len(c.split("/")) == len(parts)
        and all(fnmatch.fnmatchcase(p, g) for p, g in zip(parts, c.split("/"), strict=True))
        for c in candidates
    )


def test_the_sitemap_lists_every_page(small: Path) -> None:
    sitemap = (small / urls.SITEMAP).read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>([^<]*)</loc>", sitemap))
    later = [
        p.relative_to(small).as_posix() for p in (small / "topics").glob("*/page/*/index.html")
    ]
    assert later
    for path in [*later, urls.topic("topic-01")]:
        assert urls.address(path, None, None) in listed, path
    # each topic's pages follow its first page, in order
    locs = re.findall(r"<loc>([^<]*)</loc>", sitemap)
    topic_locs = [loc for loc in locs if loc.startswith("topics/topic-01/")]
    assert topic_locs[0] == "topics/topic-01/"
    assert topic_locs[1:] == [f"topics/topic-01/page/{n}/" for n in range(2, len(topic_locs) + 1)]


def test_page_keys_put_each_topics_pages_after_its_first(model: Site) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pages, "PER_PAGE", SMALL)
        keys = pages.page_keys(model)
        index = pages.Index(model)
        paths = [pages.page(index, k).path for k in keys if k[0] in ("topic", "topic-page")]
        assert keys == pages.page_keys(model)
        expected = [
            urls.topic(t.slug, n)
            for t in model.topics
            for n in range(1, pages.page_count(len(index.groups(t.slug))) + 1)
        ]
    assert paths == expected
    assert {n for _, n in pages.topic_pages(model)} == {2}  # 25 a page: none has a third


def test_the_pager_leaves_out_pages_far_from_this_one() -> None:
    link = Linker(urls.topic("t", 10), None)
    pager = pages.pager_view("t", 10, 30, 25, link)
    assert [p.number for p in pager.pages] == [1, 0, 8, 9, 10, 11, 12, 0, 30]
    assert [p.number for p in pager.pages if p.current] == [10]
    near = pages.pager_view("t", 3, 30, 25, link)
    assert [p.number for p in near.pages] == [1, 2, 3, 4, 5, 0, 30]
    one_gap = pages.pager_view("t", 5, 8, 25, link)  # page 2 stands in for its gap of one
    assert [p.number for p in one_gap.pages] == [1, 2, 3, 4, 5, 6, 7, 8]
    last = pages.pager_view("t", 30, 30, 3, link)
    assert (last.first, last.last, last.next) == (29 * pages.PER_PAGE + 1, 29 * 25 + 3, "")


def _topic_keys(site: Site) -> dict[str, str | None]:
    """Path → memo key of every topic page."""
    index = pages.Index(site)
    inputs = Inputs(Memo(salt="test"), index)
    found = {}
    for key in pages.page_keys(site):
        if key[0] in ("topic", "topic-page"):
            early = inputs.key(key)
            assert early is not None
            found[early[0]] = early[1]
    return found


def _shown(site: Site) -> dict[str, list[str]]:
    """Path → the interviews a topic page shows."""
    index = pages.Index(site)
    return {
        urls.topic(t.slug, n): [iv.slug for iv, _ in index.on_page(t.slug, n)]
        for t in site.topics
        for n in range(1, pages.page_count(len(index.groups(t.slug))) + 1)
    }


def test_an_edit_changes_the_keys_of_the_pages_that_show_it_only(tmp_path: Path) -> None:
    project = make_corpus(40, tmp_path / "project")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pages, "PER_PAGE", 2)
        before, _ = prepare(project)
        assert before is not None
        keys, shown = _topic_keys(before), _shown(before)
        assert len(keys) > 3 * len(before.topics)
        # an answer edited: the pages showing its interview, no other
        seed = project / "seeds" / "interview-000007.txt"
        seed.write_text(seed.read_text("utf-8") + "One more plain sentence.\n", "utf-8")
        edited, _ = prepare(project)
        assert edited is not None
        new_keys = _topic_keys(edited)
        assert new_keys.keys() == keys.keys()
        changed = {p for p in keys if keys[p] != new_keys[p]}
        assert changed == {p for p, slugs in shown.items() if "interview-000007" in slugs}
        assert changed
        # its date moved back: the pages whose interviews moved, no other
        sidecar = seed.with_suffix(".yaml")
        sidecar.write_text(
            re.sub(r"(?m)^date: .*$", "date: 1991-01-01", sidecar.read_text("utf-8")), "utf-8"
        )
        moved, _ = prepare(project)
        assert moved is not None
        moved_keys, moved_shown = _topic_keys(moved), _shown(moved)
        changed = {p for p in new_keys if new_keys[p] != moved_keys.get(p)}
        assert changed == {p for p in shown if shown[p] != moved_shown.get(p)} | {
            p for p, slugs in moved_shown.items() if "interview-000007" in slugs
        }
        assert changed and changed < set(keys)


KINDS = ("date", "answer", "add", "delete", "topic-note", "retitle")


def _edit(project: Path, rng: random.Random, step: int, kind: str) -> None:
    seeds = sorted((project / "seeds").glob("*.txt"))
    seed = rng.choice(seeds)
    if kind == "date":  # moves the interview among a topic's pages
        sidecar = seed.with_suffix(".yaml")
        date = f"{rng.randint(1985, 2030)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        text = re.sub(r"(?m)^date: .*$", f"date: {date}", sidecar.read_text("utf-8"))
        sidecar.write_text(text, encoding="utf-8")
    elif kind == "answer":
        seed.write_text(seed.read_text("utf-8") + f"Edited {step}.\n", encoding="utf-8")
    elif kind == "add":  # a topic may get a page more
        new = project / "seeds" / f"added-{step}.txt"
        shutil.copyfile(seed, new)
        shutil.copyfile(seed.with_suffix(".yaml"), new.with_suffix(".yaml"))
    elif kind == "delete" and len(seeds) > 10:  # or a page less
        seeds[-1].unlink()
        seeds[-1].with_suffix(".yaml").unlink()
    elif kind == "topic-note":  # the description: on the first page only
        topic = project / "notes" / "topics" / f"topic-{rng.randint(1, 20):02d}.md"
        topic.write_text(topic.read_text("utf-8") + f"\nMore, edit {step}.\n", encoding="utf-8")
    elif kind == "retitle":  # the title: on every page
        topic = project / "notes" / "topics" / f"topic-{rng.randint(1, 20):02d}.md"
        text = topic.read_text("utf-8").replace("title: ", f"title: Edit {step} ", 1)
        topic.write_text(text, encoding="utf-8")


def test_builds_after_edits_are_cold_builds_with_pages(tmp_path: Path) -> None:
    project = make_corpus(30, tmp_path / "project")
    site = tmp_path / "site"
    rng = random.Random(5)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pages, "PER_PAGE", 2)
        assert build(project, site, search=False, cache=True).ok
        assert list((site / "topics").glob("*/page/3/index.html"))
        for step, kind in enumerate([*KINDS, *rng.choices(KINDS, k=3)]):
            _edit(project, rng, step, kind)
            warm = build(project, site, search=False, cache=True, jobs=2)
            assert warm.ok, (kind, warm.diagnostics)
            assert warm.reused > 0
            cold = tmp_path / f"cold-{step}"
            assert build(project, cold, search=False, cache=False).ok
            assert differences(tree(site), tree(cold)) == [], (step, kind)
