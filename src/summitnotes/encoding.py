"""Bytes of a user's file to text, or a diagnostic that says what the file is.

UTF-8 (with or without BOM) and UTF-16/32 with a BOM are decoded. Anything
else is an error with a hint naming the likely encoding and how to convert the
file: we never guess an encoding and decode with it, since a wrong guess
garbles names without anyone noticing. Control characters (NUL and friends,
which no HTML page or XML feed may hold) become spaces, with a warning.
"""

from __future__ import annotations

import codecs
import re
import shlex

from summitnotes.diagnostics import Diagnostic, error, warning

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: FF FE 00 00 starts with FF FE
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
"""Characters that are not text: C0 controls but tab and line ends, DEL, non-characters."""
HIGH_RUN = re.compile(rb"[\x80-\xff]+")
SAMPLE = 1 << 16
"""Bytes looked at to name the likely encoding in a hint."""
CONTROL_NAMES = {"\x00": "NUL", "\x0b": "vertical tab", "\x0c": "form feed", "\x1b": "ESC"}


def decode(raw: bytes, display: str) -> tuple[str | None, list[Diagnostic]]:
    """The file's text with LF line ends, or None and an error saying why it is not text."""
    for bom, codec in BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError as exc:
                return None, [
                    error(
                        display,
                        None,
                        f"starts with a {codec.upper()} byte-order mark but is not "
                        f"{codec.upper()} at byte {exc.start}",
                        "bad-encoding",
                        "save the file as UTF-8",
                    )
                ]
            return _clean(text.lstrip("\ufeff"), display)
    utf16 = _utf16_without_bom(raw)
    if utf16:
        return None, [
            error(
                display,
                None,
                f"looks like {utf16} text without a byte-order mark, not UTF-8",
                "not-utf8",
                _convert(display, utf16),
            )
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [_not_utf8(raw, exc.start, display)]
    return _clean(text, display)


def _clean(text: str, display: str) -> tuple[str, list[Diagnostic]]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    first = CONTROL.search(text)
    if first is None:
        return text, []
    found = CONTROL.findall(text)
    kinds = sorted({CONTROL_NAMES.get(c, f"U+{ord(c):04X}") for c in found})
    line = text.count("\n", 0, first.start()) + 1
    return CONTROL.sub(" ", text), [
        warning(
            display,
            line,
            f"{len(found)} control character{'s' if len(found) > 1 else ''} "
            f"({', '.join(kinds)}) replaced by spaces; the first is on this line",
            "control-chars",
            "text pasted from a PDF or a binary file? check the words around it",
        )
    ]


def _not_utf8(raw: bytes, at: int, display: str) -> Diagnostic:
    line = raw[:at].decode("utf-8").replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    name, iconv = _likely_8bit(raw[:SAMPLE])
    return error(
        display,
        line,
        f"not UTF-8 at byte {at} (0x{raw[at]:02x}); it looks like {name}",
        "not-utf8",
        _convert(display, iconv),
    )


def _likely_8bit(sample: bytes) -> tuple[str, str]:
    """(what the text probably is, its iconv name): a hint only, never used to decode.

    In Western European text a non-ASCII letter sits between ASCII ones (`café`);
    in Cyrillic or Greek 8-bit text whole words are non-ASCII bytes.
    """
    runs = HIGH_RUN.findall(sample)
    total = sum(map(len, runs))
    in_words = sum(len(r) for r in runs if len(r) >= 3)
    if total and in_words * 2 > total:
        return "Windows-1251 (Cyrillic) or another 8-bit code page", "WINDOWS-1251"
    if any(0x80 <= b <= 0x9F for r in runs for b in r):  # curly quotes, dashes of Windows
        return "Windows-1252 (Western European)", "WINDOWS-1252"
    return "Latin-1 (ISO-8859-1) or Windows-1252", "WINDOWS-1252"


def _utf16_without_bom(raw: bytes) -> str:
    """`UTF-16LE`/`UTF-16BE` when most bytes at odd/even offsets are NUL, else ''."""
    sample = raw[:SAMPLE]
    if len(sample) < 4:
        return ""
    half = len(sample) // 2
    if sample[1::2].count(0) * 4 > half * 3:
        return "UTF-16LE"
    if sample[0::2].count(0) * 4 > half * 3:
        return "UTF-16BE"
    return ""


def _convert(display: str, encoding: str) -> str:
    quoted = shlex.quote(display)
    return (
        f"if so, convert it: iconv -f {encoding} -t UTF-8 {quoted} > converted.txt, "
        f"check the names in converted.txt, then move it to {quoted}; "
        "or save the file as UTF-8 in your editor"
    )
