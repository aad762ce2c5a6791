"""The interview loader: one text file (plus its sidecar) to an `Interview`.

load → blocks → turns → speakers → ids. Each step is a function of the one
before; the file is read once and nothing here touches the site.
"""

from __future__ import annotations

import re
from pathlib import Path

from summitnotes.blocks import Block, to_blocks
from summitnotes.credits import credit_shaped, split_credit, strong_credit
from summitnotes.diagnostics import Diagnostic, has_errors, warning
from summitnotes.identity import infer_from_lead
from summitnotes.model import (
    Aside,
    Figure,
    Interview,
    Metadata,
    Paragraph,
    Turn,
)
from summitnotes.sidecar import load_metadata
from summitnotes.slugs import url_slug
from summitnotes.source import read_source
from summitnotes.speakers import Cast, cast_speakers
from summitnotes.textshape import ends_sentence, word_count
from summitnotes.turns import Flow, Piece, RawTurn, pull_quotes, segment

MARKDOWN_SUFFIXES = (".md", ".markdown")


def load_interview(path: Path, display: str) -> tuple[Interview | None, list[Diagnostic]]:
    """Parse one interview; None with the errors when the input cannot be read."""
    source, problems = read_source(path, display)
    if source is None:
        return None, problems
    meta, meta_problems = load_metadata(path, display, source.front_matter)
    problems += meta_problems
    if has_errors(problems):
        return None, problems
    blocks = to_blocks(source.lines, source.body_start, path.suffix.lower() in MARKDOWN_SUFFIXES)
    flow = segment(blocks, display)
    pull_quotes(flow.items)
    lead_texts = [p.block.text for p in _lead(flow) if p.kind == "para"]
    body = " ".join(t.text for t in flow.items if isinstance(t, RawTurn))
    cast = cast_speakers(flow, meta, infer_from_lead([meta.title or "", *lead_texts], body))
    interview, build_warnings = _build(path, display, meta, flow, cast)
    return interview, problems + build_warnings


def _lead(flow: Flow) -> list[Piece]:
    out = []
    for item in flow.items:
        if isinstance(item, RawTurn):
            break
        out.append(item)
    return out


def _title(meta: Metadata, flow: Flow, path: Path) -> str:
    if meta.title:
        return meta.title
    for piece in _lead(flow):
        b = piece.block
        if piece.kind == "para" and b.kind == "heading":
            return b.text
        if piece.kind == "para" and word_count(b.text) <= 15 and not ends_sentence(b.text):
            return b.text
        if piece.kind == "para":
            break
    return re.sub(r"[-_]+", " ", path.stem).strip().capitalize() or path.stem


def _figure(fid: str, piece: Piece, after: str | None, images: dict[str, str]) -> Figure:
    b, cap = piece.block, piece.caption
    lines = b.lines + (cap.lines if cap else ())
    if b.kind == "image":
        caption = cap.text if cap else (b.text or None)
        credit = caption or b.alt or b.src or ""
        who = split_credit(credit) if strong_credit(credit) else (None, None)
        return Figure(fid, credit, b.line, after, caption, b.src, b.alt, *who, lines=lines)
    who = split_credit(b.text)
    return Figure(fid, b.text, b.line, after, None, images.get(fid), None, *who, lines=lines)


def _numbering(turns: list[RawTurn]) -> dict[int, str] | None:
    """q/a ids when every answer follows its own question; None means number t1, t2, …"""
    ids: dict[int, str] = {}
    q = 0
    answered = True
    remarks = 0
    for t in turns:
        if t.kind == "question":
            q += 1
            ids[id(t)] = f"q{q}"
            answered = False
        elif t.kind == "answer":
            if q == 0 or answered:
                return None
            ids[id(t)] = f"a{q}"
            answered = True
        else:
            remarks += 1
            ids[id(t)] = f"t{remarks}"
    return ids


def _build(
    path: Path, display: str, meta: Metadata, flow: Flow, cast: Cast
) -> tuple[Interview, list[Diagnostic]]:
    warnings: list[Diagnostic] = list(flow.warnings)
    images = dict(meta.images)
    turns_raw = [t for t in flow.items if isinstance(t, RawTurn) and t.paras]
    for t in turns_raw:
        t.kind = cast.kind_of(t)
    ids = _numbering(turns_raw) or {id(t): f"t{n}" for n, t in enumerate(turns_raw, 1)}
    lead: list[Paragraph] = []
    turns: list[Turn] = []
    figures: list[Figure] = []
    asides: list[Aside] = []
    last: str | None = None

    def place(piece: Piece, owner: str | None, paras: list[Paragraph]) -> None:
        nonlocal last
        b = piece.block
        if piece.kind == "figure":
            figures.append(_figure(f"fig{len(figures) + 1}", piece, last, images))
        elif piece.kind == "aside":
            aid = f"aside{len(asides) + 1}"
            asides.append(Aside(aid, b.text, b.line, last, piece.aside_kind, b.lines, b.time))
        else:
            pid = f"{owner}-p{len(paras) + 1}" if owner else f"lead-p{len(lead) + 1}"
            para = Paragraph(pid, b.text, b.line, b.lines)
            paras.append(para)
            last = pid
            if owner and len(paras) > 1:
                _maybe_caption(b, display, warnings)

    for item in flow.items:
        if isinstance(item, Piece):
            place(item, None, lead)
            continue
        tid = ids.get(id(item), "")
        paras: list[Paragraph] = []
        for piece in item.pieces:
            place(piece, tid, paras)
        if not paras:
            # a lone label or timestamp with no words after it: kept, and reported
            if item.extra_lines:
                line = item.extra_lines[0]
                text = item.label or item.time or ""
                aside = Aside(
                    f"aside{len(asides) + 1}", text, line, last, "note", tuple(item.extra_lines)
                )
                asides.append(aside)
                warnings.append(
                    warning(display, line, "a speaker label with no words after it", "empty-turn")
                )
            continue
        turns.append(
            Turn(
                tid,
                item.kind or "remark",
                cast.speaker_of(item),
                tuple(paras),
                item.time,
                item.label,
                tuple(item.extra_lines),
            )
        )
    slug = meta.slug or url_slug(path.stem) or "interview"
    interview = Interview(
        slug=slug,
        title=_title(meta, flow, path),
        source=display,
        convention=flow.convention,  # type: ignore[arg-type]
        speakers=cast.speakers,
        lead=tuple(lead),
        turns=tuple(turns),
        figures=tuple(figures),
        asides=tuple(asides),
        meta=meta,
        warnings=tuple(sorted(warnings, key=lambda w: (w.line or 0, w.message))),
    )
    return interview, warnings


def _maybe_caption(b: Block, display: str, warnings: list[Diagnostic]) -> None:
    if (
        len(b.lines) == 1
        and not ends_sentence(b.text)  # before counting words: it settles most paragraphs
        and word_count(b.text) <= 6
        and not credit_shaped(b.text)
    ):
        warnings.append(
            warning(
                display,
                b.line,
                "a short line without sentence punctuation inside a turn; is it a photo caption?",
                "maybe-caption",
            )
        )
