"""Citations of interviews and of single turns: APA and Chicago (`citefiles.py` writes
BibTeX and CSL-JSON from the same `Work`).

Everything comes from the sidecar (or front matter); what it does not say is
left out, never guessed: no date gives `n.d.` (the styles' own word for it),
no interviewer name gives `[Interview]`. The interviewee is the author, as in
oral-history practice; the outlet is where the interview was published.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from slugify import slugify

from summitnotes import urls
from summitnotes.linkviews import CitationView, CiteView, PassageCiteView, Span
from summitnotes.model import Interview, Passage
from summitnotes.urls import Linker

MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
BIB = "cite.bib"
CSL = "cite.json"
"""Citation files, next to each interview's page."""
ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
GENERIC = {"interviewer", "interviewee", "question", "answer", "q", "a", "journalist", "host"}
"""Speaker names that say what someone does, not who they are: never cited as names."""


@dataclass(frozen=True)
class Work:
    """What a citation of one interview can say."""

    key: str
    title: str
    authors: tuple[str, ...]
    """Interviewees, as named."""
    interviewers: tuple[str, ...]
    outlet: str | None
    date: str | None
    """As written in the sidecar."""
    parts: tuple[int, ...]
    """Year, month, day of an ISO date; () when the date is not one."""
    url: str | None
    """The original publication, else this site's page when a site URL is set."""
    accessed: tuple[int, ...]
    language: str | None
    place: str | None
    description: str | None
    keywords: tuple[str, ...]


def work(iv: Interview, site_url: str | None) -> Work:
    m = iv.meta

    def names(meta_people: tuple, role: str) -> tuple[str, ...]:  # type: ignore[type-arg]
        found = [p.name for p in meta_people] or [s.name for s in iv.speakers if s.role == role]
        return tuple(n for n in dict.fromkeys(found) if slugify(n) not in GENERIC)

    page = page_url(site_url, iv.slug)
    return Work(
        key=iv.slug,
        title=iv.title,
        authors=names(m.interviewee, "interviewee"),
        interviewers=names(m.interviewer, "interviewer"),
        outlet=m.outlet,
        date=m.date,
        parts=_parts(m.date),
        url=m.source_url or page or None,
        accessed=_parts(m.retrieved),
        language=m.language,
        place=m.place,
        description=m.description,
        keywords=m.keywords,
    )


def page_url(site_url: str | None, slug: str, fragment: str = "") -> str:
    """Absolute address of an interview page (or a passage in it); empty without a site URL."""
    if not site_url:
        return ""
    path = urls.interview(slug).removesuffix("index.html")
    return site_url.rstrip("/") + "/" + path + (f"#{fragment}" if fragment else "")


def _parts(date: str | None) -> tuple[int, ...]:
    m = ISO_DATE.match(date.strip()) if date else None
    return tuple(int(g) for g in m.groups() if g) if m else ()


def _long_date(parts: tuple[int, ...]) -> str:
    """`August 18, 2025`, `August 2025` or `2025`."""
    if len(parts) == 3:
        return f"{MONTHS[parts[1] - 1]} {parts[2]}, {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


def split_name(name: str) -> tuple[str, str] | None:
    """(family, given) of a personal name; None for one word (an organisation, a nickname).

    `Family, Given` is taken as written; otherwise the last word is the family name.
    """
    if "," in name:
        family, given = (s.strip() for s in name.split(",", 1))
        return (family, given) if family and given else None
    words = name.split()
    return (words[-1], " ".join(words[:-1])) if len(words) > 1 else None


def _end(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


# --- APA (7th edition) ---


def _apa_name(name: str) -> str:
    split = split_name(name)
    if split is None:
        return name
    family, given = split
    initials = " ".join(
        "-".join(part[0] + "." for part in word.split("-") if part) for word in given.split()
    )
    return f"{family}, {initials}"


def _apa_date(w: Work) -> str:
    if not w.date:
        return "n.d."
    if not w.parts:
        return w.date
    if len(w.parts) == 1:
        return str(w.parts[0])
    day = f" {w.parts[2]}" if len(w.parts) == 3 else ""
    return f"{w.parts[0]}, {MONTHS[w.parts[1] - 1]}{day}"


@functools.lru_cache(maxsize=256)  # every turn of an interview cites it with the same entry
def apa(w: Work, url: str | None = None) -> CitationView:
    """`Shamilov, M. (n.d.). *Title* [Interview by DKNews.kz]. DKNews.kz. URL`"""
    url = url if url is not None else w.url
    names = [_apa_name(n) for n in w.authors]
    author = ", ".join(names[:-1]) + ", & " + names[-1] if len(names) > 1 else "".join(names)
    by = f" [Interview by {', '.join(w.interviewers)}]" if w.interviewers else " [Interview]"
    spans = [Span(f"{_end(author)} ({_apa_date(w)}). ")] if author else []
    spans += [Span(w.title, italic=True)]
    spans += [Span(by + ".")] if author else [Span(f"{by}. ({_apa_date(w)}).")]
    if w.outlet:
        spans.append(Span(f" {_end(w.outlet)}"))
    if url:
        retrieved = not w.parts and w.accessed
        spans.append(
            Span(f" Retrieved {_long_date(w.accessed)}, from {url}" if retrieved else f" {url}")
        )
    return CitationView("APA", tuple(spans))


def apa_in_text(w: Work, locator: str) -> CitationView:
    """`(Shamilov, n.d., answer 2)`"""
    families = [(split_name(n) or (n, ""))[0] for n in w.authors]
    who = f"{families[0]} et al." if len(families) > 2 else " & ".join(families) or w.title
    year = str(w.parts[0]) if w.parts else _apa_date(w)
    return CitationView("APA in text", (Span(f"({who}, {year}, {locator})"),))


# --- Chicago (17th edition, notes and bibliography) ---


def _chicago_names(names: tuple[str, ...], invert_first: bool) -> str:
    shown = []
    for i, name in enumerate(names):
        split = split_name(name)
        if split and i == 0 and invert_first:
            shown.append(f"{split[0]}, {split[1]}")
        else:
            shown.append(f"{split[1]} {split[0]}" if split else name)
    if len(shown) > 2:
        return ", ".join(shown[:-1]) + ", and " + shown[-1]
    return " and ".join(shown)


def _chicago_date(w: Work) -> str:
    return _long_date(w.parts) if w.parts else (w.date or "n.d.")


def chicago(w: Work) -> CitationView:
    """`Shamilov, Murad. “Title.” Interview by DKNews.kz. *DKNews.kz*, n.d. URL.`"""
    spans = []
    if w.authors:
        spans.append(Span(_end(_chicago_names(w.authors, invert_first=True)) + " "))
    spans.append(Span(f"“{_end(w.title)}”"))
    if w.interviewers:
        spans.append(Span(f" Interview by {_chicago_names(w.interviewers, False)}."))
    if w.outlet:
        spans += [Span(" "), Span(w.outlet, italic=True), Span(f", {_end(_chicago_date(w))}")]
    else:
        spans.append(Span(f" {_end(_chicago_date(w))}"))
    if w.url and w.accessed and not w.parts:
        spans.append(Span(f" Accessed {_long_date(w.accessed)}."))
    if w.url:
        spans.append(Span(f" {w.url}."))
    return CitationView("Chicago", tuple(spans))


def chicago_note(w: Work, locator: str, url: str | None) -> CitationView:
    """`Murad Shamilov, “Title,” interview by DKNews.kz, *DKNews.kz*, n.d., answer 2, URL.`"""
    spans = []
    if w.authors:
        spans.append(Span(_chicago_names(w.authors, invert_first=False) + ", "))
    title = w.title if w.title.endswith(("?", "!")) else w.title + ","
    spans.append(Span(f"“{title}”"))
    if w.interviewers:
        spans.append(Span(f" interview by {_chicago_names(w.interviewers, False)},"))
    if w.outlet:
        spans += [Span(" "), Span(w.outlet, italic=True), Span(",")]
    spans.append(Span(f" {_chicago_date(w)}, {locator}"))
    spans.append(Span(f", {url}." if url else "."))
    return CitationView("Chicago note", tuple(spans))


# --- Views: the interview page's citation block and each turn's ---


def interview_cite(w: Work, link: Linker) -> CiteView:
    folder = urls.interview(w.key).removesuffix("index.html")
    return CiteView((apa(w), chicago(w)), link(folder + BIB), link(folder + CSL))


def passage_cite(w: Work, passage: Passage, locator: str, site_url: str | None) -> PassageCiteView:
    """A turn cited: the permalink when the site's address is known, else the work's URL."""
    permalink = page_url(site_url, w.key, passage.first or passage.turn)
    url = permalink or w.url
    styles = (apa(w, url), apa_in_text(w, locator), chicago_note(w, locator, url))
    return PassageCiteView(styles, permalink)
