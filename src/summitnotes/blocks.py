"""From lines to blocks: paragraphs, headings, images, separators, stage directions.

Each block keeps every source line it was made from, so the loader can prove
that nothing was lost or doubled. Hard-wrapped paragraphs are joined here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summitnotes.credits import credit_shaped
from summitnotes.labels import TIME, Candidate, accept, candidate
from summitnotes.textshape import ends_sentence, starts_lower

_TIME_PREFIX = re.compile(
    rf"^(?:\*\*|__)?[\[(]?(?P<time>{TIME})[\])]?(?:\*\*|__)?(?:\s*[-–—|]\s*|\s+|$)(?P<rest>.*)$"
)
_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
_IMAGE = re.compile(
    r"^!\[(?P<alt>[^\]]*)\](?:\((?P<src>[^)\s]*)(?:\s+\"[^\"]*\")?\)|\[(?P<ref>[^\]]*)\])\s*(?P<rest>.*)$"
)
_SEPARATOR = re.compile(
    r"^(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,}|(?:~\s*){3,}|(?:•\s*){3,}|[—–]|#{3,}|(?:=\s*){3,})$"
)
_SETEXT = re.compile(r"^(?:=+|-+)$")
_STAGE = re.compile(
    r"^(?:\((?P<p>[^()]{1,200})\)|\[(?P<b>[^\[\]]{1,200})\]|♪.*♪?|\*\((?P<e>[^()]{1,200})\)\*)\.?$"
)
_DASH = re.compile(r"^(?P<dash>[—–]|-(?=\s))\s*(?P<rest>\S.*)$")
_LIST = re.compile(r"^(?:[*+]\s|\d{1,3}[.)]\s|>\s?)")
_EMPH = re.compile(r"^(\*\*|__|\*|_)(?P<inner>[^*_].*?)\1$")


@dataclass(frozen=True)
class Block:
    kind: str
    """`text`, `heading`, `image`, `separator`, `stage` or `time`."""
    text: str
    line: int
    lines: tuple[int, ...]
    dash: bool = False
    label: Candidate | None = None
    time: str | None = None
    emphasized: bool = False
    """The whole paragraph is bold or italic: a question in many Markdown interviews."""
    alt: str | None = None
    src: str | None = None
    level: int = 0
    raw: str = ""
    """The lines as written, labels and timestamps included: the text where no label counts."""


@dataclass
class _Line:
    no: int
    kind: str
    text: str
    time: str | None = None
    dash: bool = False
    label: Candidate | None = None
    alt: str | None = None
    src: str | None = None
    level: int = 0
    hard_break: bool = False
    raw: str = ""


def _tokenize(no: int, raw: str, hyphen_dashes: bool) -> _Line:
    hard_break = raw.endswith("  ") or raw.endswith("\\")
    s = raw.strip().replace("\ufeff", "")
    if not s:
        return _Line(no, "blank", "")
    if _SEPARATOR.match(s):
        return _Line(no, "separator", s)
    m = _HEADING.match(s)
    if m:
        text = m.group("text")
        tm = _TIME_PREFIX.match(text)
        if tm and not tm.group("rest"):
            return _Line(no, "time", "", time=tm.group("time"))
        label = candidate(text)
        if label is not None and label.kind == "q" and label.rest:
            text = label.rest  # `### Q: What ...?`: the heading is the question
        return _Line(no, "heading", text, level=len(m.group("hashes")))
    m = _IMAGE.match(s)
    if m:
        src = m.group("src") if m.group("src") is not None else f"[{m.group('ref')}]"
        return _Line(no, "image", m.group("rest").strip(), alt=m.group("alt"), src=src)
    time = None
    m = _TIME_PREFIX.match(s)
    if m:
        rest = m.group("rest").strip()
        if not rest:
            return _Line(no, "time", "", time=m.group("time"))
        # only a timestamp before a label or dash is a turn's time; `2:46 P.M. EST` is text
        label = candidate(rest)
        if (label is not None and label.colon) or _DASH.match(rest):
            time, s = m.group("time"), rest
        elif _STAGE.match(rest):  # `[00:00:52] [music fades]`
            return _Line(no, "stage", rest, time=m.group("time"), raw=raw.strip())
    if _STAGE.match(s) and time is None:
        return _Line(no, "stage", s, raw=raw.strip())
    dash = False
    m = _DASH.match(s)
    if m and (m.group("dash") != "-" or hyphen_dashes):
        dash, s = True, m.group("rest").strip()
    line = _Line(no, "text", s, time=time, dash=dash, hard_break=hard_break, raw=raw.strip())
    if not dash:
        line.label = candidate(s)
        if line.label is not None and line.label.time:
            line.time = line.label.time
    return line


def _uses_hyphen_dashes(lines: list[str], markdown: bool) -> bool:
    if markdown:
        return False
    heads = [ln.strip()[:1] for ln in lines if ln.strip()]
    return (
        "—" not in heads and "–" not in heads and sum(1 for ln in lines if ln.startswith("- ")) >= 2
    )


def to_blocks(lines: tuple[str, ...], start: int, markdown: bool) -> list[Block]:
    """Blocks of the body, which starts at line `start` (1-based)."""
    body = list(lines[start - 1 :])
    hyphen = _uses_hyphen_dashes(body, markdown)
    toks = [_tokenize(start + i, raw, hyphen) for i, raw in enumerate(body)]
    labels = accept([t.label for t in toks if t.label is not None])
    for t in toks:
        if t.label is not None and t.label.name not in labels:
            t.label = None
    filled = [i for i, t in enumerate(toks) if t.kind != "blank"]
    blank_separated = bool(filled) and any(
        t.kind == "blank" for t in toks[filled[0] : filled[-1] + 1]
    )
    blocks: list[Block] = []
    para: list[_Line] = []

    def flush() -> None:
        if para:
            blocks.append(_paragraph(para))
            para.clear()

    prev: _Line | None = None
    for t in toks:
        if t.kind == "blank":
            flush()
        elif (
            t.kind == "text"
            and not t.dash
            and t.label is None
            and t.time is None
            and para
            and prev is not None
            and prev.kind == "text"
        ):
            if _joins(prev, t, para, blank_separated):
                para.append(t)
            else:
                flush()
                para.append(t)
        elif t.kind == "text":
            flush()
            para.append(t)
        elif (
            _SETEXT.match(t.text or "")
            and t.kind == "separator"
            and prev is not None
            and prev.kind == "text"
            and para
            and len(para) == 1
        ):
            blocks.append(
                Block(
                    "heading",
                    para[0].text,
                    para[0].no,
                    (para[0].no, t.no),
                    level=1 if "=" in t.text else 2,
                )
            )
            para.clear()
        else:
            flush()
            blocks.append(
                Block(
                    t.kind,
                    t.text,
                    t.no,
                    (t.no,),
                    time=t.time,
                    alt=t.alt,
                    src=t.src,
                    level=t.level,
                    raw=t.raw,
                )
            )
        prev = t if t.kind != "blank" else None
    flush()
    return blocks


def _joins(prev: _Line, line: _Line, para: list[_Line], blank_separated: bool) -> bool:
    """Whether `line` continues the paragraph that `prev` ends (a hard wrap)."""
    if prev.hard_break or _LIST.match(line.text):
        return False
    if prev.label is not None and not prev.label.rest:
        return False  # words after a label on its own line start the turn's first paragraph
    if not ends_sentence(prev.text) and starts_lower(line.text):
        return True
    if not blank_separated:
        return False
    if credit_shaped(line.text) or (len(para) == 1 and credit_shaped(prev.text)):
        return False
    if not ends_sentence(prev.text):
        return True
    width = max(len(p.text) for p in [*para, line])
    return width <= 100 and len(prev.text) >= 0.8 * width


def _paragraph(lines: list[_Line]) -> Block:
    first = lines[0]
    label = first.label
    if label is None:
        text = " ".join([ln.text for ln in lines])
        emphasized = bool(_EMPH.match(text))
    else:
        text = " ".join([label.rest, *(ln.text for ln in lines[1:])]).strip()
        if text.endswith("**") and label.label.startswith("**") and text.count("**") % 2 == 1:
            text = text[:-2].rstrip()  # `**Q: question?**` : the closing bold of the label
        emphasized = False  # a labelled paragraph is a turn already, whatever its markup
    return Block(
        "text",
        text.strip(),
        first.no,
        tuple(ln.no for ln in lines),
        dash=first.dash,
        label=label,
        time=first.time,
        emphasized=emphasized,
        raw=" ".join([ln.raw for ln in lines]),
    )
