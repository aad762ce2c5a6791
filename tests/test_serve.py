"""`summitnotes serve`: real HTTP on a free loopback port, real file edits, bounded waits."""

from __future__ import annotations

import http.client
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from site_support import FIXTURES
from summitnotes.build import build
from summitnotes.serve import EVENTS, Preview

WAIT = 10.0
"""Seconds any one thing may take before the test fails."""
NOTE = "notes/on-rivers/index.html"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", root)
    return root


@pytest.fixture
def log() -> list[str]:
    """What the preview printed, line by line."""
    return []


@pytest.fixture
def preview(project: Path, log: list[str]) -> Iterator[Preview]:
    p = Preview(project, "127.0.0.1", 0, log=log.append)
    p.start()
    try:
        yield p
    finally:
        p.stop()


def port(p: Preview) -> int:
    found = urlsplit(p.url).port
    assert found is not None
    return found


def get(p: Preview, path: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port(p), timeout=WAIT)
    try:
        conn.request("GET", "/" + path)
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8")
    finally:
        conn.close()


def until(what: Callable[[], bool], message: str) -> None:
    deadline = time.monotonic() + WAIT
    while not what():
        assert time.monotonic() < deadline, f"gave up after {WAIT}s waiting until {message}"
        time.sleep(0.05)


class Events:
    """A client of the reload channel: reads `event:`/`data:` pairs as they come."""

    def __init__(self, p: Preview) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port(p), timeout=WAIT)
        self.conn.request("GET", EVENTS)
        self.response = self.conn.getresponse()
        assert self.response.status == 200
        assert self.response.getheader("Content-Type") == "text/event-stream"

    def next(self, name: str) -> dict[str, str]:
        """The data of the next event called `name`, skipping others; bounded by WAIT."""
        deadline = time.monotonic() + WAIT
        event = ""
        while time.monotonic() < deadline:
            line = self.response.readline().decode("utf-8").rstrip("\n")
            if line.startswith("event: "):
                event = line.removeprefix("event: ")
            elif line.startswith("data: ") and event == name:
                return json.loads(line.removeprefix("data: "))
        raise AssertionError(f"no `{name}` event within {WAIT}s")

    def close(self) -> None:
        self.conn.close()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_site_is_served_with_the_reload_script(preview: Preview) -> None:
    status, html = get(preview, "")
    assert status == 200
    assert "<script data-summitnotes-serve>" in html
    assert html.index("data-summitnotes-serve") < html.index("</body>")
    status, html = get(preview, NOTE)
    assert status == 200 and "On rivers" in html
    status, _ = get(preview, "static/style.css")
    assert status == 200
    assert get(preview, "no/such/page.html")[0] == 404


def test_a_folder_without_slash_is_redirected(preview: Preview) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port(preview), timeout=WAIT)
    conn.request("GET", "/topics")
    response = conn.getresponse()
    assert response.status == 301
    assert response.getheader("Location") == "/topics/"
    conn.close()


def test_editing_a_note_reloads_the_page(preview: Preview, project: Path) -> None:
    events = Events(preview)
    try:
        hello = events.next("hello")
        assert hello["good"] == preview.good and hello["error"] == ""
        edit(project / "notes" / "on-rivers.md", "title: On rivers", "title: On rivers, revised")
        reload = events.next("reload")
        assert reload["good"] != hello["good"]
    finally:
        events.close()
    status, html = get(preview, NOTE)
    assert status == 200 and "On rivers, revised" in html


def test_a_broken_template_keeps_the_last_good_site_and_recovers(
    preview: Preview, project: Path, log: list[str]
) -> None:
    events = Events(preview)
    try:
        events.next("hello")
        templates = project / "templates"
        templates.mkdir()
        (templates / "note.html").write_text(
            '{% extends "base.html" %}\n{% block main %}\n{% if %}\n{% endblock %}\n',
            encoding="utf-8",
        )
        failed = events.next("build-error")
        assert "templates/note.html:3: error:" in failed["error"]
        assert failed["good"] == preview.good  # the pages still carry the last good build
        status, html = get(preview, NOTE)
        assert status == 200 and "On rivers" in html  # the last good page, still served
        assert "templates/note.html:3: error:" in "\n".join(log)  # and in the terminal
        # a page opened now learns of the error on connect, and shows it
        late = Events(preview)
        assert "templates/note.html:3" in late.next("hello")["error"]
        late.close()

        (templates / "note.html").unlink()
        events.next("reload")
        assert preview.error == ""
    finally:
        events.close()
    status, html = get(preview, NOTE)
    assert status == 200 and "On rivers" in html


def test_a_first_build_that_fails_serves_a_waiting_page_until_fixed(project: Path) -> None:
    broken = project / "notes" / "on-rivers.md"
    good = broken.read_text(encoding="utf-8")
    broken.write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    p = Preview(project, "127.0.0.1", 0, log=lambda _: None)
    p.start()
    try:
        status, html = get(p, "")
        assert status == 503 and "waiting for a good build" in html
        assert "notes/on-rivers.md:3: error: malformed front matter" in p.error
        broken.write_text(good, encoding="utf-8")
        until(lambda: get(p, "")[0] == 200, "the fixed site is served")
    finally:
        p.stop()


def test_a_taken_port_moves_on_to_the_next(project: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = taken.getsockname()[1]
        p = Preview(project, "127.0.0.1", busy, log=lambda _: None)
        p.start()
        try:
            assert busy < port(p) < busy + 20
        finally:
            p.stop()


def test_stop_removes_the_build_folder(project: Path) -> None:
    p = Preview(project, "127.0.0.1", 0, log=lambda _: None)
    p.start()
    folder = p.folder
    assert folder is not None and folder.is_dir()
    assert not folder.is_relative_to(project)
    p.stop()
    assert not folder.exists()


def test_build_output_never_has_the_reload_script(project: Path, tmp_path: Path) -> None:
    report = build(project, tmp_path / "site", search=False)
    assert report.ok
    for page in (tmp_path / "site").rglob("*.html"):
        assert "summitnotes-serve" not in page.read_text(encoding="utf-8")
        assert EVENTS not in page.read_text(encoding="utf-8")


def test_the_command_prints_the_address_and_stops_on_ctrl_c(project: Path) -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "summitnotes", "serve", str(project), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        ready, _, _ = select.select([proc.stdout], [], [], WAIT)
        assert ready, "serve printed no address"
        line = proc.stdout.readline()
        assert line.startswith("serving "), line
        url = line.split(" at ")[1].split()[0]
        address = urlsplit(url)
        assert address.hostname == "localhost"
        until(lambda: _status(address.port) == 200, "the site is served")
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=WAIT)
        assert proc.returncode == 0, err
        assert "stopped" in err and "Traceback" not in err
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def _status(port_: int | None) -> int:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port_, timeout=WAIT)
        conn.request("GET", "/")
        return conn.getresponse().status
    except OSError:
        return 0
