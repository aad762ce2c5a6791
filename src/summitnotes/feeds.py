"""Files for hosts, crawlers and feed readers: Atom feed, sitemap, robots.txt, .nojekyll.

No clock is read: the feed's `updated` is the newest item's date, so the same
input gives the same bytes. Undated interviews are not in the feed (a feed is
ordered by date, and a made-up date would mislead); every page is in the sitemap.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from summitnotes import urls
from summitnotes.model import OutputFile, Site

if TYPE_CHECKING:
    from summitnotes.memo import Memo

ATOM_EPOCH = "1970-01-01T00:00:00Z"
"""The feed's `updated` when nothing in it has a date."""

NOT_IN_SITEMAP = {urls.NOT_FOUND, urls.SEARCH}


@dataclass(frozen=True)
class FeedItem:
    title: str
    path: str
    """Output path of the page."""
    date: str
    """`YYYY-MM-DD`, `YYYY-MM` or `YYYY`, as written."""
    summary: str
    authors: tuple[str, ...]
    categories: tuple[tuple[str, str], ...]
    """(slug, title) of the topics."""


def feed_files(site: Site, pages: Iterable[str], memo: Memo | None = None) -> list[OutputFile]:
    """`pages`: output paths of every HTML page. With a `memo`, the feed is taken from
    the current site when its items and the config are those the last build had."""
    items = feed_items(site)

    def feed() -> list[OutputFile]:
        return [OutputFile(urls.FEED, atom(site, items).encode("utf-8"))]

    if memo is None:
        made = feed()
    else:
        key = memo.hash_of(urls.FEED, (items, site.config))
        made = list(memo.reuse_or_make([urls.FEED], key, feed))
    return [
        *made,
        OutputFile(urls.SITEMAP, sitemap(site, pages).encode("utf-8")),
        OutputFile(urls.ROBOTS, robots(site).encode("utf-8")),
        OutputFile(urls.NOJEKYLL, b""),
    ]


def feed_items(site: Site) -> list[FeedItem]:
    """Dated interviews and notes, newest first; the same date by path."""
    titles = {t.slug: t.title for t in site.topics}
    topics_of: dict[str, dict[str, None]] = {}
    for a in site.assignments:
        topics_of.setdefault(a.interview, {})[a.topic] = None
    items = [
        FeedItem(
            iv.title,
            urls.interview(iv.slug),
            iv.meta.date,
            iv.meta.description or "",
            tuple(p.name for p in iv.meta.interviewer) or tuple(filter(None, [iv.meta.outlet])),
            tuple((t, titles[t]) for t in topics_of.get(iv.slug, {})),
        )
        for iv in site.interviews
        if iv.meta.date
    ]
    items += [
        FeedItem(
            n.title,
            urls.note(n.slug),
            n.date,
            n.summary or "",
            (site.config.author,) if site.config.author else (),
            tuple((t, titles[t]) for t in n.topics if t in titles),
        )
        for n in site.notes
        if n.date
    ]
    by_path = sorted(items, key=lambda i: i.path)
    return sorted(by_path, key=lambda i: _timestamp(i.date), reverse=True)


def atom(site: Site, items: list[FeedItem] | None = None) -> str:
    """`items`: the site's `feed_items`, if already made."""
    c = site.config
    items = feed_items(site) if items is None else items

    def where(path: str) -> str:
        return urls.address(path, c.site_url, c.base_url)

    def ident(path: str) -> str:
        if c.site_url:
            return where(path)
        # Without a published address, a stable name of our own (RFC 4122 name-based).
        return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"summitnotes:{c.title}:{path}"))

    updated = _timestamp(items[0].date) if items else ATOM_EPOCH
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(c.language)}>',
        f"  <title>{escape(c.title)}</title>",
    ]
    if c.description:
        lines.append(f"  <subtitle>{escape(c.description)}</subtitle>")
    lines += [
        f"  <id>{escape(ident(urls.home()))}</id>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(where(urls.FEED))}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(where(urls.home()))}/>',
        f"  <updated>{updated}</updated>",
        f"  <author><name>{escape(c.author or c.title)}</name></author>",
        "  <generator>summitnotes</generator>",
    ]
    for item in items:
        stamp = _timestamp(item.date)
        lines += [
            "  <entry>",
            f"    <title>{escape(item.title)}</title>",
            f"    <id>{escape(ident(item.path))}</id>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(where(item.path))}/>',
            f"    <published>{stamp}</published>",
            f"    <updated>{stamp}</updated>",
        ]
        lines += [f"    <author><name>{escape(a)}</name></author>" for a in item.authors]
        lines += [
            f"    <category term={quoteattr(slug)} label={quoteattr(title)}/>"
            for slug, title in item.categories
        ]
        if item.summary:
            lines.append(f"    <summary>{escape(item.summary)}</summary>")
        lines.append("  </entry>")
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def sitemap(site: Site, pages: Iterable[str]) -> str:
    c = site.config
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    lines += [
        f"  <url><loc>{escape(urls.address(p, c.site_url, c.base_url))}</loc></url>"
        for p in sorted(pages)
        if p not in NOT_IN_SITEMAP
    ]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots(site: Site) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if site.config.site_url:  # the Sitemap line must be an absolute URL
        lines.append("Sitemap: " + urls.address(urls.SITEMAP, site.config.site_url, None))
    return "\n".join(lines) + "\n"


def _timestamp(date: str) -> str:
    """`2025-09-01` / `2025-09` / `2025` → an RFC 3339 time at midnight UTC of the first day."""
    parts = [*date.split("-"), "01", "01"][:3]
    return "{}-{}-{}T00:00:00Z".format(*parts)
