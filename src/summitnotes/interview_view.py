"""The view of one interview page: lead, exchanges, figures and asides in place."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from summitnotes import urls
from summitnotes.cite import interview_cite, passage_cite, work
from summitnotes.model import Aside, Figure, Interview, PageRef, Paragraph, Passage, Turn
from summitnotes.passages import turn_name
from summitnotes.urls import Linker
from summitnotes.views import (
    AsideView,
    Block,
    ExchangeView,
    FigureView,
    InterviewView,
    Link,
    ParagraphView,
    TopicLink,
    TurnView,
    kind_label,
)

if TYPE_CHECKING:
    from summitnotes.pages import Index


class _Placer:
    """Hands out the figures and asides that follow each paragraph, each once."""

    def __init__(self, iv: Interview, images: dict[str, str], link: Linker) -> None:
        self.after: dict[str | None, list[Block]] = defaultdict(list)
        items: list[Figure | Aside] = sorted([*iv.figures, *iv.asides], key=lambda x: x.line)
        for item in items:
            self.after[item.after].append(_extra(item, images, link))

    def take(self, key: str | None) -> list[Block]:
        return self.after.pop(key, [])

    def rest(self) -> tuple[Block, ...]:
        return tuple(b for key in sorted(self.after, key=str) for b in self.after[key])


def _extra(item: Figure | Aside, images: dict[str, str], link: Linker) -> Block:
    if isinstance(item, Aside):
        return AsideView(item.id, item.text, item.kind)
    src = ""
    if item.id in images:
        src = link(images[item.id])
    elif item.image and "://" in item.image:
        src = item.image
    caption = item.caption if item.caption and item.caption != item.credit else ""
    return FigureView(item.id, item.credit, caption, src, item.alt or caption or item.credit)


def _paragraphs(paragraphs: tuple[Paragraph, ...], placer: _Placer) -> list[Block]:
    blocks: list[Block] = []
    for p in paragraphs:
        blocks.append(ParagraphView(p.id, p.text))
        blocks += placer.take(p.id)
    return blocks


def interview_view(index: Index, iv: Interview, link: Linker) -> InterviewView:
    placer = _Placer(iv, index.images_of[iv.slug], link)
    lead = placer.take(None) + _paragraphs(iv.lead, placer)
    site_url = index.site.config.site_url
    cited = work(iv, site_url)

    people = {  # speaker id → (speaker, link to their page), made once, not per turn
        s.id: (s, Link(s.name, link(urls.speaker(index.person_of[(iv.slug, s.id)]))))
        for s in iv.speakers
    }

    def turn_view(turn: Turn) -> TurnView:
        speaker, speaker_link = people[turn.speaker]
        blocks = _paragraphs(turn.paragraphs, placer) + placer.take(turn.id)
        cite = None
        if turn.kind != "question":  # a whole turn's locator is its name: no `PassageIndex`
            locator = turn_name(turn.id, turn.kind)
            cite = passage_cite(cited, Passage(turn.id), locator, site_url)
        return TurnView(
            id=turn.id,
            kind=turn.kind,
            kind_label=kind_label(turn.kind),
            speaker=speaker_link,
            role=speaker.role,
            time=turn.time or "",
            blocks=tuple(blocks),
            backlinks=index.links.to_passage(iv.slug, turn.id, link),
            cite=cite,
        )

    exchanges = []
    for ex in index.exchanges_of[iv.slug]:
        topics = tuple(
            TopicLink(index.topics[a.topic].title, link(urls.topic(a.topic)), "; ".join(a.reasons))
            for a in index.by_exchange[(iv.slug, ex.id)]
        )
        exchanges.append(ExchangeView(ex.id, tuple(turn_view(t) for t in ex.turns), topics))
    m = iv.meta
    details = (
        ("Outlet", m.outlet),
        ("Date", m.date),
        ("Place", m.place),
        ("Interviewer", ", ".join(p.name for p in m.interviewer)),
        ("Language", m.language),
        ("Rights", m.rights),
        ("Retrieved", m.retrieved),
    )
    topic_slugs = dict.fromkeys(
        a.topic for ex in index.exchanges_of[iv.slug] for a in index.by_exchange[(iv.slug, ex.id)]
    )
    return InterviewView(
        title=iv.title,
        details=tuple((k, v) for k, v in details if v),
        source_url=m.source_url if m.source_url and urls.is_web_address(m.source_url) else "",
        description=m.description or "",
        speakers=tuple(
            Link(s.name, link(urls.speaker(index.person_of[(iv.slug, s.id)])), s.role)
            for s in iv.speakers
        ),
        topics=tuple(Link(index.topics[s].title, link(urls.topic(s))) for s in sorted(topic_slugs)),
        lead=tuple(lead),
        exchanges=tuple(exchanges),
        trailing=placer.rest(),
        backlinks=index.links.to(PageRef("interview", iv.slug), link),
        lead_backlinks=index.links.to_passage(iv.slug, "lead", link),
        cite=interview_cite(cited, link),
    )
