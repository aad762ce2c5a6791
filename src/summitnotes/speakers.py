"""Who speaks each turn and in what role: sidecar first, then labels, then the lead.

In labelled transcripts the interviewer is the question label (`Q`), a known
interviewer, or else the speaker who asks most; a speaker who mostly hands the
floor to questioners rather than answering them is a moderator (participant).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from slugify import slugify

from summitnotes.identity import LeadPeople
from summitnotes.labels import TITLES, _classify, _same_speaker, cluster, display_name, key
from summitnotes.model import Metadata, PersonRef, Speaker
from summitnotes.textshape import word_count
from summitnotes.turns import Flow, RawTurn

OUTLET_AS_NAME_MAX = 30


@dataclass
class Cast:
    speakers: tuple[Speaker, ...]
    by_group: dict[str, str]
    """Label group name (or `interviewer` / `interviewee`) → speaker id."""
    roles: dict[str, str] = field(default_factory=dict)

    def speaker_of(self, turn: RawTurn) -> str:
        return self.by_group[turn.speaker]

    def kind_of(self, turn: RawTurn) -> str:
        if turn.kind in ("question", "answer", "remark"):
            return turn.kind
        role = self.roles[self.by_group[turn.speaker]]
        if role == "interviewer":
            text = turn.text
            return "question" if "?" in text or word_count(text) > 3 else "remark"
        return "answer" if role == "interviewee" else "remark"


def _match(people: tuple[PersonRef, ...], name: str) -> PersonRef | None:
    k = key(name)
    for p in people:
        if _same_speaker(key(p.name), k):
            return p
    return None


def _default_interviewer(meta: Metadata, lead: LeadPeople) -> PersonRef:
    if meta.interviewer:
        return meta.interviewer[0]
    if lead.interviewer:
        return PersonRef(lead.interviewer)
    if meta.outlet and len(meta.outlet) <= OUTLET_AS_NAME_MAX:
        return PersonRef(meta.outlet)
    return PersonRef("Interviewer")


def _default_interviewee(meta: Metadata, lead: LeadPeople) -> PersonRef:
    if meta.interviewee:
        return meta.interviewee[0]
    return lead.interviewee or PersonRef("Interviewee")


class _Ids:
    def __init__(self) -> None:
        self.used: set[str] = set()

    def new(self, name: str) -> str:
        base = slugify(name) or "speaker"
        sid, n = base, 2
        while sid in self.used:
            sid, n = f"{base}-{n}", n + 1
        self.used.add(sid)
        return sid


def cast_speakers(flow: Flow, meta: Metadata, lead: LeadPeople) -> Cast:
    turns = [t for t in flow.items if isinstance(t, RawTurn) and t.paras]
    if not flow.groups:
        return _two_party(turns, meta, lead)
    return _labelled(turns, flow.groups, meta, lead)


def _two_party(turns: list[RawTurn], meta: Metadata, lead: LeadPeople) -> Cast:
    ids = _Ids()
    asker, answerer = _default_interviewer(meta, lead), _default_interviewee(meta, lead)
    qid, aid = ids.new(asker.name), ids.new(answerer.name)
    speakers = (
        Speaker(qid, asker.name, "interviewer", asker.description),
        Speaker(aid, answerer.name, "interviewee", answerer.description),
    )
    return Cast(
        speakers, {"interviewer": qid, "interviewee": aid}, {qid: "interviewer", aid: "interviewee"}
    )


def _labelled(
    turns: list[RawTurn], groups_in_order: list[str], meta: Metadata, lead: LeadPeople
) -> Cast:
    groups = cluster(groups_in_order)
    member = {name: i for i, g in enumerate(groups) for name in g}
    seq = [member[t.speaker] for t in turns]
    roles: dict[int, str] = {}
    for i, g in enumerate(groups):
        kind = _classify(g[0])
        name = g[-1]
        if (
            kind == "q"
            or _match(meta.interviewer, name)
            or (meta.outlet and key(meta.outlet) == key(name))
        ):
            roles[i] = "interviewer"
        elif kind == "a" or _match(meta.interviewee, name):
            roles[i] = "interviewee"
        elif kind == "role":
            roles[i] = "participant"
    open_ = [i for i in range(len(groups)) if i not in roles]
    if "interviewer" not in roles.values() and len(groups) >= 2 and open_:
        for i in _askers(open_, turns, seq):
            roles[i] = "interviewer"
        open_ = [i for i in open_ if i not in roles]
    askers = {i for i, r in roles.items() if r == "interviewer"}
    answerers = [i for i in range(len(groups)) if i not in askers]
    for i in open_:
        roles[i] = "participant" if _hands_floor(i, askers, seq, len(answerers)) else "interviewee"
    ids = _Ids()
    speakers: list[Speaker] = []
    by_group: dict[str, str] = {}
    role_of: dict[str, str] = {}
    for i, g in enumerate(groups):
        person = _person(g, roles[i], meta, lead)
        sid = ids.new(person.name)
        speakers.append(
            Speaker(sid, person.name, roles[i], person.description, tuple(_labels(g, turns)))
        )  # type: ignore[arg-type]
        role_of[sid] = roles[i]
        for name in g:
            by_group[name] = sid
    return Cast(tuple(speakers), by_group, role_of)


def _labels(group: list[str], turns: list[RawTurn]) -> list[str]:
    out: list[str] = []
    for t in turns:
        if t.speaker in group and t.label and t.label not in out:
            out.append(t.label)
    return out


def _person(group: list[str], role: str, meta: Metadata, lead: LeadPeople) -> PersonRef:
    kind = _classify(group[0])
    if kind == "q":
        return _default_interviewer(meta, lead)
    if kind == "a":
        return _default_interviewee(meta, lead)
    known = _match(meta.interviewer + meta.interviewee, group[-1]) or next(
        (p for n in group for p in [_match(meta.interviewer + meta.interviewee, n)] if p), None
    )
    if known:
        return known
    name, description = display_name(group)
    if lead.interviewee and _same_speaker(key(lead.interviewee.name), key(name)):
        return PersonRef(lead.interviewee.name, description or lead.interviewee.description)
    return _complete(name, description, lead.names)


def _complete(name: str, description: str | None, known: tuple[str, ...]) -> PersonRef:
    """`Director Young` becomes `Shalanda Young` when the lead or title names her."""
    k = key(name)
    titles = [t for t in k[:-1] if t in TITLES]
    if not k or len(k) - len(titles) != 1:
        return PersonRef(name, description)
    full = {n for n in known if key(n)[-1:] == k[-1:] and len(key(n)) >= 2}
    if len(full) != 1:
        return PersonRef(name, description)
    title = " ".join(name.split()[-len(k) : -1]) if titles else None
    return PersonRef(full.pop(), description or title or None)


def _askers(candidates: list[int], turns: list[RawTurn], seq: list[int]) -> list[int]:
    """Speakers whose turns mostly ask; at least the one who asks most."""

    def ratio(i: int) -> float:
        mine = [t for t, s in zip(turns, seq, strict=True) if s == i]
        return sum(1 for t in mine if "?" in t.text) / len(mine) if mine else 0.0

    ratios = {i: ratio(i) for i in candidates}
    best = max(candidates, key=lambda i: (ratios[i], -seq.index(i) if i in seq else -len(seq)))
    askers = [i for i in candidates if ratios[i] >= 0.5]
    if best not in askers or len(askers) == len(candidates):
        return [best]
    return askers


def _hands_floor(i: int, askers: set[int], seq: list[int], n_open: int) -> bool:
    """A moderator's turns lead into questions more often than they follow them."""
    if n_open < 2 or not askers:
        return False
    positions = [p for p, s in enumerate(seq) if s == i]
    if len(positions) < 2:
        return False
    followed = sum(1 for p in positions if p + 1 < len(seq) and seq[p + 1] in askers)
    preceded = sum(1 for p in positions if p > 0 and seq[p - 1] in askers)
    return followed / len(positions) >= 0.5 and preceded / len(positions) <= 0.25
