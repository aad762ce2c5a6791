"""From blocks to turns: which convention a text follows, where turns start, who asks.

The output is a flow of pieces (lead, figures, asides) and raw turns in source
order; ids and speakers are given later, once the whole text is known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import accumulate

from summitnotes.blocks import Block
from summitnotes.credits import credit_shaped, strong_credit
from summitnotes.diagnostics import Diagnostic, warning
from summitnotes.textshape import ends_question, ends_sentence, normalize, word_count

QUESTION_WORDS_MAX = 60
PLAIN_QUESTION_WORDS_MAX = 40
COURTESY_WORDS_MAX = 40


@dataclass
class Piece:
    kind: str
    """`para`, `figure` or `aside`."""
    block: Block
    caption: Block | None = None
    aside_kind: str = "note"


@dataclass
class RawTurn:
    speaker: str
    """Label group name (`Q`, `A`, `RICHARD DOUD`) or `interviewer` / `interviewee`."""
    pieces: list[Piece] = field(default_factory=list)
    kind: str | None = None
    label: str | None = None
    time: str | None = None
    extra_lines: list[int] = field(default_factory=list)

    @property
    def paras(self) -> list[Block]:
        return [p.block for p in self.pieces if p.kind == "para"]

    @property
    def text(self) -> str:
        return " ".join(b.text for b in self.paras)


@dataclass
class Flow:
    convention: str
    items: list[Piece | RawTurn]
    warnings: list[Diagnostic]
    groups: list[str]
    """Label names in order of first use (labelled conventions)."""


def _is_prose(b: Block) -> bool:
    # the punctuation test first: it is cheap and settles most paragraphs
    return b.kind == "text" and (ends_sentence(b.text) or word_count(b.text) >= 8)


class _Builder:
    """Places non-turn blocks (figures, asides) while a convention drives turns."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.items: list[Piece | RawTurn] = []
        self.turn: RawTurn | None = None
        self.seen_prose = False
        self.after_separator = False
        self.pending: Block | None = None
        """A timestamp on its own line, waiting for the turn it opens."""
        self.warnings: list[Diagnostic] = []
        self.skip: set[int] = set()

    def place(self, piece: Piece) -> None:
        if self.turn is not None and not (self.after_separator and piece.kind == "para"):
            self.turn.pieces.append(piece)
        elif self.turn is not None:
            self.items.append(Piece("aside", piece.block, aside_kind="narrative"))
        else:
            self.items.append(piece)

    def start_turn(self, turn: RawTurn) -> None:
        if self.pending is not None:
            turn.time = turn.time or self.pending.time
            turn.extra_lines += list(self.pending.lines)
            self.pending = None
        self.turn = turn
        self.after_separator = False
        self.items.append(turn)

    def common(self, blocks: list[Block], i: int) -> bool:
        """Handle a block that is not a turn start; False if the convention must decide."""
        b = blocks[i]
        if b.kind == "time":
            self.flush_time()
            self.pending = b
            return True
        if b.kind in ("separator", "stage", "image"):
            self.flush_time()
        if b.kind == "separator":
            self.place(Piece("aside", b, aside_kind="separator"))
            if self.turn is not None:
                self.after_separator = True
            return True
        if b.kind == "stage":
            self.place(Piece("aside", b, aside_kind="stage-direction"))
            return True
        if b.kind == "image":
            caption = None
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if (
                not b.text
                and nxt is not None
                and nxt.kind == "text"
                and nxt.label is None
                and not nxt.dash
                and word_count(nxt.text) <= 30
                and not ends_question(nxt.text)
            ):
                caption = nxt
                self.skip.add(i + 1)
            self._figure(Piece("figure", b, caption=caption))
            return True
        plain = b.kind == "text" and b.label is None and not b.dash and len(b.lines) == 1
        if plain and (strong_credit(b.text) or (self.seen_prose and credit_shaped(b.text))):
            self.flush_time()
            self._figure(Piece("figure", b))
            return True
        return False

    def flush_time(self) -> None:
        """A timestamp that no turn follows is kept in place as an aside, not dropped."""
        if self.pending is not None:
            b, self.pending = self.pending, None
            self.place(Piece("aside", replace(b, text=b.time or ""), aside_kind="time"))

    def finish(self) -> list[Piece | RawTurn]:
        self.flush_time()
        return self.items

    def _figure(self, piece: Piece) -> None:
        # a figure never ends a paragraph run after a separator: it stays where it stands
        if self.turn is not None and not self.after_separator:
            self.turn.pieces.append(piece)
        else:
            self.items.append(piece)

    def para(self, b: Block) -> None:
        self.flush_time()
        if _is_prose(b):
            self.seen_prose = True
        if b.kind == "heading" and self.turn is not None:
            # a section heading closes the turn: what follows is narrative until the next turn
            self.place(Piece("aside", b, aside_kind="heading"))
            self.after_separator = True
        else:
            self.place(Piece("para", b))


def segment(blocks: list[Block], path: str) -> Flow:
    labelled = [b for b in blocks if b.label is not None]
    dashed = [b for b in blocks if b.dash]
    if len(labelled) >= 2 and len(labelled) >= len(dashed):
        kinds = {b.label.kind for b in labelled if b.label is not None}
        convention = "named" if kinds & {"name", "role"} else "qa"
        return _labelled(blocks, path, convention)
    # no labelled convention: a `Name:` that begins a line is just words
    blocks = [replace(b, text=b.raw, label=None, time=None) if b.label else b for b in blocks]
    if len(dashed) >= 2:
        return _dashed(blocks, path)
    return _marked(blocks, path)


def _labelled(blocks: list[Block], path: str, convention: str) -> Flow:
    bld = _Builder(path)
    groups: list[str] = []
    for i, b in enumerate(blocks):
        if i in bld.skip or bld.common(blocks, i):
            continue
        if b.label is not None:
            if b.label.name not in groups:
                groups.append(b.label.name)
            turn = RawTurn(b.label.name, label=b.label.label, time=b.time)
            bld.start_turn(turn)
            if b.text:
                turn.pieces.append(Piece("para", b))
            else:
                turn.extra_lines.extend(b.lines)
            continue
        if bld.pending is not None and bld.turn is not None and b.kind == "text":
            # a new timestamp before unlabelled words: the same speaker goes on, in a new turn
            bld.start_turn(RawTurn(bld.turn.speaker))
        bld.para(b)
    items = bld.finish()
    if {b.label.kind for b in blocks if b.label is not None} == {"q"}:
        items = _unlabelled_answers(items)
        groups.append(ANSWER)
    return Flow(convention, items, bld.warnings, groups)


ANSWER = "A"


def _unlabelled_answers(items: list[Piece | RawTurn]) -> list[Piece | RawTurn]:
    """Only questions are labelled (`**Q: ...?**`): the words after each question answer it."""
    out: list[Piece | RawTurn] = []
    for item in items:
        out.append(item)
        if not isinstance(item, RawTurn):
            continue
        paras = [i for i, p in enumerate(item.pieces) if p.kind == "para"]
        cut = next((i for i in paras[1:] if not ends_question(item.pieces[i].block.text)), None)
        if cut is not None:
            out.append(RawTurn(ANSWER, item.pieces[cut:]))
            item.pieces = item.pieces[:cut]
    return out


def _dashed(blocks: list[Block], path: str) -> Flow:
    bld = _Builder(path)
    for i, b in enumerate(blocks):
        if i in bld.skip or bld.common(blocks, i):
            continue
        if b.dash:
            bld.start_turn(RawTurn("", time=b.time))
            bld.para(b)
        else:
            bld.para(b)
    bld.finish()
    turns = [t for t in bld.items if isinstance(t, RawTurn)]
    questions_only = _dashed_questions_only(turns)
    if questions_only:
        bld.items = _split_undashed_answers(bld.items)
        turns = [t for t in bld.items if isinstance(t, RawTurn)]
    _assign_alternation(turns, bld, path)
    return Flow("dash", bld.items, bld.warnings, [])


def _asks_early(turn: RawTurn) -> int | None:
    """Index of the paragraph that asks, if one of the first two does (a courtesy line may lead)."""
    paras = turn.paras
    return next((i for i, b in enumerate(paras[:2]) if ends_question(b.text)), None)


def _dashed_questions_only(turns: list[RawTurn]) -> bool:
    """Dashed questions with undashed answers: nearly every dashed turn asks, then goes on."""
    if len(turns) < 2:
        return False
    asking = sum(1 for t in turns if _asks_early(t) is not None)
    continued = sum(1 for t in turns if len(t.paras) > 1)
    return asking >= 0.75 * len(turns) and continued >= 0.5 * len(turns)


def _split_undashed_answers(items: list[Piece | RawTurn]) -> list[Piece | RawTurn]:
    out: list[Piece | RawTurn] = []
    for item in items:
        k = _asks_early(item) if isinstance(item, RawTurn) else None
        if not isinstance(item, RawTurn) or k is None:
            out.append(item)
            continue
        # the question runs while its paragraphs ask; the answer starts at the first that doesn't
        paras = [i for i, p in enumerate(item.pieces) if p.kind == "para"]
        rest = paras[k + 1 :]
        cut = next((i for i in rest if not ends_question(item.pieces[i].block.text)), None)
        if cut is None:
            out.append(item)
            continue
        question = RawTurn("", item.pieces[:cut], time=item.time, extra_lines=item.extra_lines)
        out += [question, RawTurn("", item.pieces[cut:])]
    return out


def _assign_alternation(turns: list[RawTurn], bld: _Builder, path: str) -> None:
    """Questions and answers alternate; a turn that ends with `?` repairs the parity."""
    expect = "question"
    # a courtesy line joins the question after it only when nothing stands between them:
    # a merge across an aside would move the line past it and break the source order
    at = {id(it): n for n, it in enumerate(bld.items)}
    i = 0
    while i < len(turns):
        t = turns[i]
        text = t.text
        asks = ends_question(text)
        nxt = turns[i + 1] if i + 1 < len(turns) else None
        if expect == "question":
            if (
                not asks
                and nxt is not None
                and at[id(nxt)] == at[id(t)] + 1
                and ends_question(nxt.text)
                and word_count(text) <= COURTESY_WORDS_MAX
            ):
                # a courtesy line, then the question: one question in two paragraphs
                nxt.pieces = t.pieces + nxt.pieces
                nxt.extra_lines = t.extra_lines + nxt.extra_lines
                nxt.time = t.time or nxt.time
                t.pieces = []
                t.kind = "merged"
                i += 1
                continue
            t.kind = "question"
            if not asks and word_count(text) > QUESTION_WORDS_MAX:
                bld.warnings.append(
                    warning(
                        path,
                        t.paras[0].line if t.paras else None,
                        "a long turn in a question's place that asks nothing; is it an answer?",
                        "question-no-mark",
                    )
                )
            expect = "answer"
        else:
            if (
                asks
                and word_count(text) <= QUESTION_WORDS_MAX
                and nxt
                and not ends_question(nxt.text)
            ):
                line = t.paras[0].line if t.paras else None
                bld.warnings.append(
                    warning(
                        path,
                        line,
                        f"two questions in a row; is line {line} an answer?",
                        "two-questions",
                    )
                )
                t.kind = "question"
                expect = "answer"
            else:
                t.kind = "answer"
                expect = "question"
        t.speaker = "interviewer" if t.kind == "question" else "interviewee"
        i += 1
    bld.items = [it for it in bld.items if not (isinstance(it, RawTurn) and it.kind == "merged")]


def _question_marker(b: Block) -> str | None:
    if b.kind == "heading" and ends_question(b.text):
        return "heading"
    if b.kind == "text" and b.emphasized and ends_question(b.text):
        return "emphasis"
    if b.kind == "text" and ends_question(b.text) and _reads_as_question(b.text):
        return "plain"
    return None


_ASKING = re.compile(
    r"^(?:and |but |so |then )?(?:who|what|when|where|why|how|which|whose|whom|is|are|was|were"
    r"|do|does|did|can|could|would|will|should|shall|have|has|had|may|might|isn't|aren't|don't)\b",
    re.IGNORECASE,
)


def _reads_as_question(text: str) -> bool:
    """An unmarked paragraph ending in `?` asks when it is short or addresses the other side."""
    n = word_count(text)
    if n <= 12:
        return True
    if n > PLAIN_QUESTION_WORDS_MAX:
        return False
    return bool(_ASKING.match(text)) or bool(re.search(r"\byou(?:r|rs)?\b", text, re.IGNORECASE))


def _marked(blocks: list[Block], path: str) -> Flow:
    """No dashes, no labels: questions are headings, bold lines or short lines ending in `?`."""
    markers = [_question_marker(b) for b in blocks]
    found = {m for m in markers if m}
    mode = "heading" if "heading" in found else "emphasis" if "emphasis" in found else "plain"
    if markers.count(mode) < 2:
        mode = "none"
    bld = _Builder(path)
    first = next((i for i, m in enumerate(markers) if m == mode), len(blocks))
    for i, b in enumerate(blocks):
        if i in bld.skip or bld.common(blocks, i):
            continue
        is_q = i >= first and (
            markers[i] == mode or (mode == "emphasis" and b.kind == "text" and b.emphasized)
        )
        if is_q:
            current = bld.turn
            if current is not None and current.kind == "question" and current.paras:
                # no answer between two questions: one question in two paragraphs
                bld.warnings.append(
                    warning(
                        path,
                        b.line,
                        f"two questions in a row (lines {current.paras[-1].line} and {b.line});"
                        " kept as one question",
                        "two-questions",
                    )
                )
                bld.flush_time()
                current.pieces.append(Piece("para", b))
                continue
            bld.start_turn(RawTurn("interviewer", kind="question"))
            bld.turn.pieces.append(Piece("para", b))  # type: ignore[union-attr]
            continue
        if bld.turn is not None and bld.turn.kind == "question" and b.kind in ("text", "heading"):
            bld.start_turn(RawTurn("interviewee", kind="answer"))
        bld.para(b)
    convention = "dash" if mode in ("plain", "none") else "qa"
    return Flow(convention, bld.finish(), bld.warnings, [])


def pull_quotes(items: list[Piece | RawTurn]) -> None:
    """A paragraph that repeats a passage found elsewhere is a pull quote, not speech."""
    # each paragraph of a turn, with the turn's first paragraph (never a pull quote)
    paras: list[tuple[Block, Piece]] = []
    for t in items:
        if isinstance(t, RawTurn):
            own = [p for p in t.pieces if p.kind == "para"]
            paras += [(own[0].block, p) for p in own]
    texts = [normalize(p.block.text) for _, p in paras]
    # the other paragraphs are the parts of `joined` before and after a paragraph: searching
    # those spares joining the rest anew for each paragraph (quadratic in long interviews)
    joined = " ".join(texts)
    starts = list(accumulate((len(t) + 1 for t in texts), initial=0))
    for idx, (first, piece) in enumerate(paras):
        mine = texts[idx]
        quoted = piece.block.text.startswith((">", "“", "”", '"', "«", "„"))
        if len(mine.split()) < (3 if quoted else 8) or first is piece.block:
            continue
        # a pull quote may run across two paragraphs of the answer it repeats, but not
        # across this paragraph's own place
        before, after = max(starts[idx] - 1, 0), starts[idx + 1]
        if joined.find(mine, 0, before) >= 0 or joined.find(mine, after) >= 0:
            piece.kind, piece.aside_kind = "aside", "pull-quote"
