"""Run Pagefind on a finished site folder: the turn records and the pages about them.

Called by the write stage on the staging folder, before it is swapped in, so
a failed index leaves the previous site as it was. Pagefind runs through its
Python API (`pagefind[bin]` ships the binary); it writes `pagefind/`.

The turn records (`search/records.jsonl`, see `search.py`) are not given to Pagefind
as custom records: its service handles each one with a linear scan over every page
added before it (to replace a page added twice), so adding records is quadratic —
10,000 took 2.2 s of CPU, 30,000 took 14.4 s, the 100,000 of 10,000 interviews 176 s.
Pagefind reads a folder without that scan, and in parallel. So each record is written
as a small HTML page into a temporary folder (in memory at /dev/shm when it has room,
else in the system's temporary directory; removed afterwards: the build leaves
nothing outside its output folder), at its URL
taken as a path — Pagefind gives the file `interviews/<slug>/#a2` the URL
`/interviews/<slug>/#a2` — and that folder is indexed like the site's own pages.
The page holds the record's meta and filters in elements left out of the searched
text, and its content as paragraphs: Pagefind makes the same fragment of it as of
the custom record, but that runs of white space in a meta or filter value become one
space.

The bundle is not byte-stable: Pagefind writes filter values in hash-map order,
which changes from run to run, and with them the filter files' hashed names, the
`pf_meta` file and `pagefind-entry.json`. Records (fragments), the word index
and the scripts come out the same; everything outside `pagefind/` is byte-identical.
Pagefind numbers pages in the order it walks the folders, which is the file system's
order of a directory's entries: ext4 orders them by a hash of the name (seeded per
file system), tmpfs by when they were made (so records are written in their order in
the file). The word index is thus the same from build to build on one machine, but
not between machines.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import posixpath
import re
import tempfile
from html import escape
from pathlib import Path
from typing import Any

from summitnotes import urls
from summitnotes.diagnostics import Diagnostic, error

PAGES = "{topics,notes,speakers}/*/index.html"
"""The site's HTML pages Pagefind indexes; turns and leads come from the records."""
RECORDS = "**/*#*"
"""The record pages in their folder: a record's URL has an anchor, a folder's name none."""
_KEY = re.compile(r"[A-Za-z0-9_-]+")
"""A meta or filter name Pagefind reads as one name (`,`, `:` and `[` have a meaning there)."""


def index_site(folder: Path) -> list[Diagnostic]:
    """Write the Pagefind bundle into `folder/pagefind/`, or say why it could not be."""
    try:
        scratch = tempfile.TemporaryDirectory(
            prefix="summitnotes-search-",
            dir=_scratch_place((folder / urls.SEARCH_RECORDS).stat().st_size),
            ignore_cleanup_errors=True,
        )
        with scratch:  # removed on the way out, if `_index` has not done it yet
            problems = write_records(folder / urls.SEARCH_RECORDS, Path(scratch.name))
            if problems:
                return problems
            asyncio.run(_index(folder, scratch, folder / urls.PAGEFIND))
    except Exception as exc:  # the service reports its problems as plain exceptions
        return [
            error(
                urls.PAGEFIND,
                None,
                f"search index failed: {exc}",
                "search-index",
                "build with --no-search to skip it; the previous site was left as it was",
            )
        ]
    return []


RAM_DISK = Path("/dev/shm")


def _scratch_place(size: int) -> str | None:
    """Where the record pages go: a memory-backed folder when there is one with room
    to spare (about 2.5x faster to write 100,000 small files than on disk, and no
    slow-down of the disk afterwards), else the system's temporary directory."""
    try:
        room = os.statvfs(RAM_DISK)
    except (OSError, AttributeError):  # none, or not a POSIX system
        return None
    if not os.access(RAM_DISK, os.W_OK) or room.f_bavail * room.f_frsize < 4 * size:
        return None
    return str(RAM_DISK)


def write_records(records_file: Path, folder: Path) -> list[Diagnostic]:
    """Write each record of `records_file` as an HTML page at its URL in `folder`, in
    the file's order; a record that cannot be one is reported, not written."""
    problems: list[Diagnostic] = []
    made: set[str] = set()
    # Lines, not `splitlines()`: a turn's text may hold U+2028 and the like, which
    # JSON leaves as they are and `splitlines()` would split on.
    with records_file.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            record = json.loads(line)
            path, problem = _record_path(record)
            if path is None:
                problems.append(
                    error(
                        urls.SEARCH_RECORDS,
                        number,
                        f"search record {record.get('url')!r} not indexed: {problem}",
                        "search-index",
                        "build with --no-search to skip the search index",
                    )
                )
                continue
            parent = posixpath.dirname(path)
            if parent not in made:
                (folder / parent).mkdir(parents=True, exist_ok=True)
                made.add(parent)
            (folder / path).write_bytes(record_page(record).encode("utf-8"))
    return problems


def _record_path(record: dict[str, Any]) -> tuple[str | None, str]:
    """Where the record's page goes in the records folder: its URL without the leading
    `/`, which Pagefind turns back into the same URL; or None and why not."""
    url = record.get("url")
    if not isinstance(url, str) or not url.startswith("/"):
        return None, "its URL does not start with /"
    path = url[1:]
    if (
        ".." in path
        or "\\" in path
        or "\0" in path
        or path.startswith("/")
        or posixpath.normpath(path) != path
    ):
        return None, "its URL is not a plain path inside the site"
    anchor = path.partition("#")[2]
    if not anchor or "#" in anchor or "/" in anchor:
        return None, "its URL has no anchor after the last /"
    if "index.html" in path:  # Pagefind would take it out of the URL
        return None, "its URL names index.html"
    keys = [*record.get("meta", {}), *record.get("filters", {})]
    if not all(isinstance(k, str) and _KEY.fullmatch(k) for k in keys):
        return None, "a meta or filter name is not letters, digits, - and _"
    return path, ""


def record_page(record: dict[str, Any]) -> str:
    """The record as a page: meta and filters as text Pagefind reads but leaves out of
    what is searched (`data-pagefind-ignore`), so a value with `,` or `:` stays one
    value; then the content, a paragraph per blank-line-separated block."""
    parts = [
        f'<!DOCTYPE html>\n<html lang="{escape(record["language"])}">\n'
        '<meta charset="utf-8">\n<body data-pagefind-body>\n'
    ]
    for key, value in record.get("meta", {}).items():
        parts.append(f'<p data-pagefind-meta="{key}" data-pagefind-ignore>{_text(value)}</p>\n')
    for key, values in record.get("filters", {}).items():
        for value in values:
            parts.append(
                f'<p data-pagefind-filter="{key}" data-pagefind-ignore>{_text(value)}</p>\n'
            )
    for paragraph in record["content"].split("\n\n"):
        parts.append(f"<p>{_text(paragraph)}</p>\n")
    parts.append("</body>\n</html>\n")
    return "".join(parts)


def _text(text: str) -> str:
    return escape(text, quote=False)


async def _index(pages: Path, records: tempfile.TemporaryDirectory[str], output: Path) -> None:
    """Index the record pages in `records`, then the site's pages in `pages`, and write
    the bundle to `output`.

    Once Pagefind has read the record pages they are removed, while it goes on: it
    takes about as long to remove 100,000 files as to write them (10 s or more)."""
    service = await _service().launch()
    removed = None
    try:
        index = await service.create_index()
        await index.add_directory(records.name, glob=RECORDS)
        removed = asyncio.create_task(asyncio.to_thread(records.cleanup))
        await index.add_directory(str(pages), glob=PAGES)
        await index.write_files(output_path=str(output))
    finally:
        if removed is not None:
            await removed
        await service.close()


def _service() -> Any:
    """Pagefind's service client, reading each answer as soon as it arrives.

    The packaged client sleeps 0.1 s before reading every answer (which capped it at
    ten custom records a second, when they were sent); this is its loop without the
    sleep. Imported here: a build with --no-search never starts the binary.
    """
    from pagefind.service import PagefindService

    class Service(PagefindService):
        async def _wait_for_responses(self) -> None:
            assert self._backend.stdout is not None
            while True:
                output = await self._backend.stdout.readuntil(b",")
                response = json.loads(base64.b64decode(output[:-1]))
                if response is None:
                    continue
                future = self._responses.pop(response.get("message_id"), None)
                if future is None or future.done():
                    continue
                payload = response["payload"]
                if payload["type"] == "Error":
                    future.set_exception(RuntimeError(payload.get("message", "error")))
                else:
                    future.set_result(payload)

    return Service()
