"""Property tests over loader and renderer together (issue 9): generated interview shapes
(conventions, captions, blank lines, labels, dashes) lose nothing, and the rendered page
parses and holds every paragraph's text under its id.

`HYPOTHESIS_PROFILE=long python -m pytest tests/test_harden_fuzz.py` runs the long fuzz
(minutes, not in CI); the default profile keeps CI fast.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import contract_problems, invariant_problems, load, squash
from site_support import parse_html
from summitnotes.build import build

settings.register_profile(
    "ci", max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=2_000, deadline=None, suppress_health_check=list(HealthCheck)
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")

WORD = st.text(
    alphabet=st.sampled_from(
        [*"abcXYZ 42éТоқаевمقابلة’“”…—–-.,;!()*#<>&/{}%", "\u00a0", "\u200b", "\u200f"]
    ),
    min_size=1,
    max_size=10,
).filter(lambda w: w.strip())
SENTENCE = st.lists(WORD, min_size=1, max_size=10).map(" ".join)
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=3).map(". ".join)

CONVENTIONS = {
    "dash": (["— ", "– ", "- ", "—"], ["— ", "– ", "- ", "—", ""]),
    "qa": (["Q: ", "Q. ", "Question: ", "**Q:** "], ["A: ", "A. ", "Answer: ", "**A:** "]),
    "named": (["Jane Roe: ", "JANE ROE: ", "**Jane Roe:** "], ["Tom Ode: ", "TOM ODE: ", "TO: "]),
}
CAPTIONS = ["Sergei Bobylev, RIA Novosti", "Photo: Ann Lee", "© Ann Lee/Reuters", "* * *", ""]


@st.composite
def interviews(draw: st.DrawFn) -> str:
    """A whole interview: a headline, a lead, then question-answer turns in one convention."""
    convention = draw(st.sampled_from(sorted(CONVENTIONS)))
    asks, answers = CONVENTIONS[convention]
    blank = draw(st.sampled_from(["\n", "\n\n", "\n\n\n", "\n \n"]))
    lines = [draw(SENTENCE), *draw(st.lists(PARAGRAPH, max_size=2))]
    for _ in range(draw(st.integers(1, 5))):
        lines.append(draw(st.sampled_from(asks)) + draw(SENTENCE) + "?")
        for k in range(draw(st.integers(1, 3))):
            prefix = draw(st.sampled_from(answers)) if k == 0 else ""
            lines.append(prefix + draw(PARAGRAPH) + draw(st.sampled_from(["", ".", "…"])))
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(CAPTIONS)))
    ending = draw(st.sampled_from(["\n", "\r\n", ""]))
    return blank.join(lines) + ending


def paragraphs(data: dict) -> list[dict]:
    return list(data["lead"]) + [p for t in data["turns"] for p in t["paragraphs"]]


@settings(settings.get_profile(PROFILE))
@given(interviews())
def test_generated_interviews_lose_nothing_and_render_every_paragraph(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "seeds").mkdir()
        path = root / "seeds" / "talk.txt"
        path.write_text(text, encoding="utf-8", newline="")
        data, diagnostics = load(path, "seeds/talk.txt")
        assert data is not None, [d.format() for d in diagnostics]
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        assert invariant_problems(lines, data) == []
        assert contract_problems(data) == []
        report = build(root)
        assert report.ok, [d.format() for d in report.diagnostics]
        doc = parse_html(root / "site" / "interviews" / data["slug"] / "index.html")
        shown = {n.attrs["id"]: n.own_text() for n in doc.iter() if "id" in n.attrs}
        for p in paragraphs(data):
            assert squash(shown.get(p["id"], "")) == squash(p["text"]), p["id"]
