"""Hostile and broken text (issue 9): encodings, line ends, control and invisible characters,
scripts other than Latin, and very large files. Nothing crashes, nothing is lost, and a
file we cannot read is an error that says what it probably is and how to convert it."""

from __future__ import annotations

import codecs
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import contract_problems, invariant_problems, load
from summitnotes.slugs import url_slug

TEXT = "Interview with Тоқаев, café\n\n— Question one?\n\n— Answer one, naïve.\n"


def write(tmp_path: Path, data: bytes, name: str = "x.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def texts(data: dict) -> list[str]:
    return [p["text"] for p in data["lead"]] + [
        p["text"] for t in data["turns"] for p in t["paragraphs"]
    ]


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode(),
        codecs.BOM_UTF8 + TEXT.encode(),
        TEXT.encode("utf-16"),  # with BOM, the machine's byte order
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        codecs.BOM_UTF16_LE + TEXT.replace("\n", "\r\n").encode("utf-16-le"),
        TEXT.replace("\n", "\r\n").encode(),
        TEXT.replace("\n", "\r").encode(),
        TEXT.replace("\n\n— Q", "\r\n\r— Q").encode(),  # mixed
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf16be", "utf16le-crlf", "crlf", "cr", "mixed"],
)
def test_every_unicode_encoding_with_a_bom_and_every_line_end_reads_the_same(
    tmp_path: Path, data: bytes
) -> None:
    result, diagnostics = load(write(tmp_path, data))
    assert result is not None, [d.format() for d in diagnostics]
    assert texts(result) == ["Interview with Тоқаев, café", "Question one?", "Answer one, naïve."]
    assert [t["line"] for t in result["turns"]] == [3, 5]
    assert not diagnostics


@pytest.mark.parametrize(
    ("text", "codec", "named", "iconv"),
    [
        ("- Question, café?\n\n- Answer, naïve.\n", "latin-1", "Latin-1", "WINDOWS-1252"),
        ("- Question “quoted”?\n\n- Answer – yes.\n", "cp1252", "Windows-1252", "WINDOWS-1252"),
        ("- Вопрос Токаеву?\n\n- Ответ.\n", "cp1251", "Windows-1251", "WINDOWS-1251"),
    ],
)
def test_an_8bit_file_is_an_error_naming_the_likely_encoding_never_a_guess(
    tmp_path: Path, text: str, codec: str, named: str, iconv: str
) -> None:
    data = ("Lead line in ASCII.\n\n" + text).encode(codec)
    result, diagnostics = load(write(tmp_path, data), "seeds/x.txt")
    assert result is None
    [d] = diagnostics
    first_bad = next(i for i, b in enumerate(data) if b >= 0x80)
    assert d.format().startswith(f"seeds/x.txt:3: error: not UTF-8 at byte {first_bad} ")
    assert named in d.message and f"iconv -f {iconv}".upper() in d.hint.upper()
    assert "seeds/x.txt" in d.hint


def test_utf16_without_a_bom_is_named(tmp_path: Path) -> None:
    result, diagnostics = load(write(tmp_path, TEXT.encode("utf-16-le")), "x.txt")
    assert result is None
    assert "UTF-16LE" in diagnostics[0].message and "iconv -f UTF-16LE" in diagnostics[0].hint


def test_control_characters_become_spaces_with_a_warning(tmp_path: Path) -> None:
    data = TEXT.replace("one,", "one\x00,").replace("Question", "Ques\x0ction").encode()
    result, diagnostics = load(write(tmp_path, data), "x.txt")
    assert result is not None
    assert texts(result)[1:] == ["Ques tion one?", "Answer one , naïve."]
    [d] = diagnostics
    assert d.level == "warning" and d.line == 3 and "NUL" in d.message and "form feed" in d.message


def test_invisible_and_non_breaking_spaces_are_kept_as_written(tmp_path: Path) -> None:
    odd = "Ques\u200btion\u00a0one\u2009\u200f?"
    result, _ = load(write(tmp_path, TEXT.replace("Question one?", odd).encode()))
    assert result is not None and texts(result)[1] == odd


def test_right_to_left_and_cyrillic_text_and_their_slugs(tmp_path: Path) -> None:
    text = "مقابلة مع خبير\n\n— ما رأيك في القمة؟\n\n— إنها مهمة.\n"
    result, _ = load(write(tmp_path, text.encode(), "مقابلة.txt"))
    assert result is not None and texts(result)[1:] == ["ما رأيك في القمة؟", "إنها مهمة."]
    assert result["slug"] == "mqbl"
    assert url_slug("Қасым-Жомарт Тоқаев") == "kasym-zhomart-tokaev"
    result, _ = load(write(tmp_path, TEXT.encode(), "Тоқаев 2025.txt"))
    assert result is not None and result["slug"] == "tokaev-2025"


@pytest.mark.parametrize("name", ["one-line", "many-lines"])
def test_very_large_files_load_whole_in_memory_proportional_to_them(
    tmp_path: Path, name: str
) -> None:
    """20 MB on one line; 100,000 short lines of questions and answers. Run in a child
    process so its peak memory is its own."""
    if not Path("/proc/self/status").exists():
        pytest.skip("peak memory is read from /proc")
    if name == "one-line":
        text = "word " * 4_000_000
    else:
        text = "".join(f"— Question {i}?\n— Answer {i}.\n" for i in range(50_000))
    path = write(tmp_path, text.encode())
    script = (
        "import re, sys\n"
        "from pathlib import Path\n"
        "from summitnotes.interviews import load_interview\n"
        "iv, d = load_interview(Path(sys.argv[1]), 'x.txt')\n"
        "words = sum(len(p.text.split()) for p in iv.lead)\n"
        "words += sum(len(p.text.split()) for t in iv.turns for p in t.paragraphs)\n"
        # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forked test process
        "peak = re.search(r'VmHWM:\\s+(\\d+)', Path('/proc/self/status').read_text())[1]\n"
        "print(words, len(iv.turns), peak)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True
    )
    words, turns, peak_kb = map(int, out.stdout.split())
    assert words == len(text.replace("—", " ").split())  # nothing dropped (dashes are markup)
    assert turns == (0 if name == "one-line" else 100_000)
    # ~40 MB of Python and libraries, then a bounded cost per byte and per line
    budget = 60_000_000 + 25 * len(text) + 2_000 * text.count("\n")
    assert peak_kb * 1024 < budget, f"peak {peak_kb} kB"


def test_pasted_oddities_keep_the_nothing_lost_invariant(tmp_path: Path) -> None:
    text = (
        "\ufeffHeadline\u00a0with NBSP\r\n\r\n"
        "— Question with zero\u200bwidth?\r"
        "— Answer with \u202eRTL override\u202c and tab\tinside.\n\n"
        "Q: Second\u2028question?\n\nA: Yes.\n"
    )
    path = write(tmp_path, text.encode())
    result, _ = load(path)
    assert result is not None
    lines = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    assert invariant_problems(lines.split("\n"), result) == []
    assert contract_problems(result) == []
