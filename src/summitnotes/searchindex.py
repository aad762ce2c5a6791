"""Run Pagefind on a finished site folder: the turn records and the pages about them.

Called by the write stage on the staging folder, before it is swapped in, so
a failed index leaves the previous site as it was. Pagefind runs through its
Python API (`pagefind[bin]` ships the binary); it writes `pagefind/`.

The bundle is not byte-stable: Pagefind writes filter values in hash-map order,
which changes from run to run, and with them the filter files' hashed names, the
`pf_meta` file and `pagefind-entry.json`. Records (fragments), the word index
and the scripts come out the same; everything outside `pagefind/` is byte-identical.
"""

from __future__ import annotations

import asyncio
import base64
import json
from pathlib import Path
from typing import Any

from summitnotes import urls
from summitnotes.diagnostics import Diagnostic, error

BATCH = 512
"""Records sent to Pagefind before their answers are awaited: one round trip at a
time made the index of 10,000 interviews take minutes."""
PAGES = "{topics,notes,speakers}/*/index.html"
"""The HTML pages Pagefind indexes itself; turns and leads come from the records."""


def index_site(folder: Path) -> list[Diagnostic]:
    """Write the Pagefind bundle into `folder/pagefind/`, or say why it could not be."""
    records_file = folder / urls.SEARCH_RECORDS
    try:
        records = [
            json.loads(line)
            for line in records_file.read_text(encoding="utf-8").splitlines()
            if line
        ]
        asyncio.run(_index(folder, records))
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


async def _index(folder: Path, records: list[dict[str, Any]]) -> None:
    service = await _service().launch()
    try:
        index = await service.create_index()
        for start in range(0, len(records), BATCH):
            await asyncio.gather(
                *(
                    index.add_custom_record(
                        url=r["url"],
                        content=r["content"],
                        language=r["language"],
                        meta=r["meta"],
                        filters=r["filters"],
                    )
                    for r in records[start : start + BATCH]
                )
            )
        await index.add_directory(str(folder), glob=PAGES)
        await index.write_files(output_path=str(folder / urls.PAGEFIND))
    finally:
        await service.close()


def _service() -> Any:
    """Pagefind's service client, reading each answer as soon as it arrives.

    The packaged client sleeps 0.1 s before reading every answer, which caps it at
    ten records a second (5,000 turns took 8.5 minutes); this is its loop without
    the sleep. Imported here: a build with --no-search never starts the binary.
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
