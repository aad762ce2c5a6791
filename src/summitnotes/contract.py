"""The JSON contract of `summitnotes parse`.

Later tools and checks rely on these names; fields are only ever added.
"""

from __future__ import annotations

from typing import Any

from summitnotes.model import Aside, Figure, Interview, Paragraph, Speaker, Turn


def _paragraph(p: Paragraph) -> dict[str, Any]:
    return {"id": p.id, "text": p.text, "line": p.line, "lines": list(p.lines)}


def _speaker(s: Speaker) -> dict[str, Any]:
    return {
        "id": s.id,
        "name": s.name,
        "role": s.role,
        "description": s.description,
        "label": s.labels[0] if s.labels else None,
        "labels": list(s.labels),
    }


def _turn(t: Turn) -> dict[str, Any]:
    return {
        "id": t.id,
        "kind": t.kind,
        "speaker": t.speaker,
        "time": t.time,
        "label": t.label,
        "line": t.line,
        "extra_lines": list(t.extra_lines),
        "paragraphs": [_paragraph(p) for p in t.paragraphs],
    }


def _figure(f: Figure) -> dict[str, Any]:
    return {
        "id": f.id,
        "credit": f.credit,
        "caption": f.caption,
        "image": f.image,
        "alt": f.alt,
        "photographer": f.photographer,
        "agency": f.agency,
        "line": f.line,
        "lines": list(f.lines),
        "after": f.after,
    }


def _aside(a: Aside) -> dict[str, Any]:
    return {
        "id": a.id,
        "kind": a.kind,
        "text": a.text,
        "line": a.line,
        "lines": list(a.lines),
        "after": a.after,
        "time": a.time,
    }


def interview_to_json(iv: Interview) -> dict[str, Any]:
    m = iv.meta
    return {
        "slug": iv.slug,
        "title": iv.title,
        "source": iv.source,
        "convention": iv.convention,
        "speakers": [_speaker(s) for s in iv.speakers],
        "lead": [_paragraph(p) for p in iv.lead],
        "turns": [_turn(t) for t in iv.turns],
        "figures": [_figure(f) for f in iv.figures],
        "asides": [_aside(a) for a in iv.asides],
        "topics": list(iv.topics),
        "warnings": [{"line": w.line, "message": w.message, "code": w.code} for w in iv.warnings],
        "meta": {
            "outlet": m.outlet,
            "interviewer": [{"name": p.name, "description": p.description} for p in m.interviewer],
            "interviewee": [{"name": p.name, "description": p.description} for p in m.interviewee],
            "date": m.date,
            "place": m.place,
            "language": m.language,
            "description": m.description,
            "keywords": list(m.keywords),
            "question_topics": {k: list(v) for k, v in m.question_topics},
            "rights": m.rights,
            "source_url": m.source_url,
            "retrieved": m.retrieved,
            "images": dict(m.images),
        },
    }
