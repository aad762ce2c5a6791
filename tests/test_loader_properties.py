"""Properties of the loader on arbitrary text: it never crashes, and it keeps every
non-blank line exactly once (the invariant of `conftest.invariant_problems`)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import contract_problems, invariant_problems, load, source_lines

# Words with the characters interviews use: curly quotes, dashes, accents, NBSP.
WORD = st.text(
    alphabet=st.sampled_from([*"abcdefgXYZ 42åéö’“”…—–-?.,:;!()[]*#/", "\u00a0"]),
    min_size=1,
    max_size=12,
)
PROSE = st.lists(WORD, min_size=1, max_size=12).map(" ".join)

PREFIXES = st.sampled_from(
    [
        "",
        "— ",
        "– ",
        "- ",
        "Q: ",
        "A: ",
        "Q. ",
        "A. ",
        "Question: ",
        "Answer: ",
        "Q    ",
        "Q\u00a0\u00a0\u00a0 ",
        "**Q:** ",
        "**A:** ",
        "Jane Roe: ",
        "JANE ROE: ",
        "MS. ROE: ",
        "Minister of Finance Jane Roe: ",
        "JR: ",
        "**Jane Roe** ",
        "[00:01:23] ",
        "[00:01:23] Jane Roe: ",
        "[00:01:23] **Jane Roe:** ",
        "### ",
        "\t",
        "  ",
    ]
)
SUFFIXES = st.sampled_from(["", "?", ".", " (laughs)", "  ", "\t", ":"])

LINE = st.one_of(
    st.tuples(PREFIXES, PROSE, SUFFIXES).map("".join),
    st.sampled_from(
        [
            "",
            "",
            "   ",
            "## 00:00:37",
            "[00:02:10]",
            "![x](y)",
            "![A photo](img/a.jpg)",
            "* * *",
            "(Laughter.)",
            "(END OF SIDE 1)",
            "[music]",
            "Sergei Bobylev, RIA Novosti",
            "Photo: Ann Lee",
            "© Ann Lee",
            "Aqorda",
            "Q:",
            "**Q: Why?**",
            "=====",
        ]
    ),
)
BREAK = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def documents(draw: st.DrawFn) -> tuple[bytes, str]:
    lines = draw(st.lists(LINE, min_size=1, max_size=25))
    text = "".join(line + draw(BREAK) for line in lines)
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text.encode("utf-8"), draw(st.sampled_from([".txt", ".md"]))


def _check(raw: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"interview{suffix}"
        path.write_bytes(raw)
        data, diagnostics = load(path, "interview" + suffix)
        assert all(d.path.startswith("interview") for d in diagnostics)
        if data is None:
            # Only blank input may be refused.
            assert any(d.level == "error" for d in diagnostics)
            assert not raw.decode("utf-8-sig").strip()
            return
        problems = contract_problems(data) + invariant_problems(source_lines(path), data)
        assert not problems, "\n".join(problems)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
@example((b"\xef\xbb\xbf\xe2\x80\x94 Why?\r\n\xe2\x80\x94 Because.\r\n", ".txt"))
@example((b"Q: a\rA: b\r\rQ: c?\r", ".txt"))
@example((b"![x](y)\n\nCaption\n\n**Q: Why?**\n\n**A:** So.\n", ".md"))
@example((b"## 00:00:37\nJANE ROE: Hello?\n\n## 00:00:40\nJR: Hi.\n", ".txt"))
# a courtesy dash line, a heading and narrative, then a question: the merge kept line order
@example((b"2\n\xe2\x80\x94 2\n2\n=====\n2\n\xe2\x80\x94 2?\n", ".txt"))
def test_never_crashes_and_keeps_every_line_once(doc: tuple[bytes, str]) -> None:
    _check(*doc)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300), st.sampled_from([".txt", ".md"]))
def test_never_crashes_on_any_unicode(text: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"x{suffix}"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        data, diagnostics = load(path, "x" + suffix)
        assert data is not None or any(d.level == "error" for d in diagnostics)


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=200))
def test_never_crashes_on_bytes(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.txt"
        path.write_bytes(raw)
        data, diagnostics = load(path, "x.txt")
        assert data is not None or any(d.level == "error" for d in diagnostics)
