"""`summitnotes serve`: build, serve over HTTP, rebuild on every change, reload open pages.

Each build goes into a fresh subfolder of a temporary folder of our own
(removed on exit); the server always answers from the last good one, so a
change that breaks the build never takes the site away. Open pages listen on
a server-sent events channel (`EVENTS`): after a good build they reload, after
a failed one they show the error over the page. The script that does this is
added to HTML responses as they are served, never to what `build` writes.
"""

from __future__ import annotations

import errno
import json
import shutil
import signal
import socket
import tempfile
import threading
import time
import traceback
import uuid
from collections.abc import Callable
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import watchfiles

from summitnotes.build import BuildReport, build
from summitnotes.config import CONFIG_NAME
from summitnotes.diagnostics import Diagnostic, sort_key

EVENTS = "/__summitnotes/events"
"""The reload channel: `hello` on connect, then `reload` or `build-error` after each build."""
WATCHED = ("seeds", "notes", "templates", CONFIG_NAME)
"""What a change to triggers a rebuild: these folders (anything in them) and the config."""
PORT_TRIES = 20
"""Ports tried from the one asked for, when it is taken."""
KEEPALIVE = 15.0
"""Seconds between comments on an idle event stream, so proxies keep it open."""

Log = Callable[[str], None]


class Preview:
    """A live preview of one project: the server, the watcher and the last good build.

    `start()` returns at once with the server answering; `stop()` ends it all and
    removes the build folder. Both are safe to call from tests.
    """

    def __init__(
        self,
        root: Path,
        host: str = "127.0.0.1",
        port: int = 8000,
        log: Log = print,
        verbose: bool = False,
        search: bool = False,
    ) -> None:
        self.root = root
        self.search = search
        """Run Pagefind after each build: a second or more, so off unless asked for."""
        self.host = host
        self.port = port
        self.log = log
        self.verbose = verbose
        self.session = uuid.uuid4().hex[:8]
        """Tells a page served by an earlier run of `serve` that it is out of date."""
        self.folder: Path | None = None
        self.site: Path | None = None
        """Folder of the last good build; None until one succeeds."""
        self.good = ""
        """Id of the last good build: pages carry it, and reload when it changes."""
        self.error = ""
        """What broke the last build, as `path:line: level: message` lines; "" when it built."""
        self.generation = 0
        """Counts finished builds, good or bad; the event stream waits for it to change."""
        self.stopping = False
        self.changed = threading.Condition()
        self._builds = 0
        self._printed: tuple[Diagnostic, ...] = ()
        self._stop = threading.Event()
        self._watching = threading.Event()
        self._lock = threading.Lock()  # one build at a time
        self._base = root.resolve()
        self._httpd: ThreadingHTTPServer | None = None
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        assert self._httpd is not None, "start() first"
        host, port = str(self._httpd.server_address[0]), self._httpd.server_address[1]
        shown = "localhost" if host in ("127.0.0.1", "::1") else host
        if ":" in shown:
            shown = f"[{shown}]"
        return f"http://{shown}:{port}/"

    def start(self) -> str:
        """Bind the port and serve, start watching, build once; return the address.

        Pages asked for during the first build get a waiting page that reloads itself.
        """
        self._httpd = _bind(self.host, self.port, self)
        self.folder = Path(tempfile.mkdtemp(prefix="summitnotes-serve-"))
        httpd = self._httpd
        self._spawn(lambda: httpd.serve_forever(poll_interval=0.1), "summitnotes-http")
        self.log(f"serving {self.root} at {self.url} (Ctrl-C to stop)")
        self._spawn(self._watch, "summitnotes-watch")
        self.rebuild()
        self._watching.wait(timeout=5)  # edits made from now on are seen
        return self.url

    def wait(self) -> None:
        """Block until `request_stop()` (or Ctrl-C, which raises KeyboardInterrupt)."""
        while not self._stop.wait(0.5):
            pass

    def request_stop(self) -> None:
        """Make `wait()` return (and stop); safe from a signal handler."""
        self._stop.set()

    def stop(self) -> None:
        """Stop watching and serving, close open event streams, remove the build folder."""
        self._stop.set()
        with self.changed:
            self.stopping = True
            self.changed.notify_all()
        if self._httpd is not None:
            if any(t.name == "summitnotes-http" for t in self._threads):
                self._httpd.shutdown()
            self._httpd.server_close()
        for t in self._threads:
            t.join(timeout=10)
        self._threads = []
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def rebuild(self) -> BuildReport | None:
        """Build into a new folder; on success serve it, on failure keep the last good one."""
        with self._lock:
            return self._rebuild()

    def _rebuild(self) -> BuildReport | None:
        assert self.folder is not None
        self._builds += 1
        # Always the same folder: the build replaces it whole (a failed one leaves it as
        # it was), and a page whose inputs did not change is not rendered again, which
        # needs the folder the last build wrote (`memo.py`).
        out = self.folder / "site"
        start = time.perf_counter()
        report: BuildReport | None = None
        try:
            # relative links, so the preview works at any address
            # the cache spares re-parsing unchanged interviews (`cache.py`)
            report = build(self.root, out, base_url="", search=self.search, cache=True)
            error = "\n".join(d.format() for d in report.diagnostics if d.level == "error")
        except Exception:  # never let a bug in a stage stop the preview
            error = "internal error while building:\n" + traceback.format_exc()
        with self.changed:
            if not error and report is not None:
                self.site, self.good, self.error = out, f"{self.session}-{self._builds}", ""
            else:
                self.error = error
            self.generation += 1
            self.changed.notify_all()
        self._tell(report, error, time.perf_counter() - start)
        return report

    def _tell(self, report: BuildReport | None, error: str, seconds: float) -> None:
        if report is not None and (error or report.diagnostics != self._printed):
            for d in sorted(report.diagnostics, key=sort_key):
                self.log(d.format())
            self._printed = report.diagnostics
        if error and report is None:
            self.log(error)
        if error:
            kept = "the last good site" if self.site is not None else "a waiting page"
            self.log(f"build failed; still serving {kept} (fix the file and save to retry)")
        elif report is not None:
            self.log(
                f"built {report.page_count} pages, {report.warnings} "
                f"warning{'s' if report.warnings != 1 else ''}, in {seconds:.2f}s"
            )

    def _watch(self) -> None:
        for changes in watchfiles.watch(
            self._base,
            watch_filter=self._relevant,
            stop_event=self._stop,
            step=50,  # rebuild once the files have been quiet this many ms
            rust_timeout=100,
            yield_on_timeout=True,  # a first, empty yield says the watcher is ready
            raise_interrupt=False,
        ):
            self._watching.set()
            if self._stop.is_set():
                break
            if not changes:
                continue
            names = sorted({self._name(path) for _, path in changes})
            self.log("changed: " + ", ".join(names))
            self.rebuild()

    def _relevant(self, change: watchfiles.Change, path: str) -> bool:
        if not _EDITOR_NOISE(change, path):
            return False
        parts = Path(self._name(path)).parts
        return bool(parts) and parts[0] in WATCHED

    def _name(self, path: str) -> str:
        try:
            return Path(path).relative_to(self._base).as_posix()
        except ValueError:
            return path

    def _spawn(self, target: Callable[[], Any], name: str) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)


_EDITOR_NOISE = watchfiles.DefaultFilter()
"""Swap files, `.git`, `__pycache__` and the like: never a reason to rebuild."""


class ServeError(Exception):
    """The server cannot listen: every port tried is taken, or the address is not ours."""


def _bind(host: str, port: int, preview: Preview) -> ThreadingHTTPServer:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    ports = [0] if port == 0 else range(port, port + PORT_TRIES)
    for p in ports:
        try:
            server = _Server((host, p), _Handler, family)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                continue
            raise ServeError(f"cannot listen on {host} port {p}: {exc.strerror or exc}") from exc
        server.preview = preview
        return server
    raise ServeError(f"ports {port} to {port + PORT_TRIES - 1} on {host} are all taken")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    preview: Preview

    def __init__(self, address: tuple[str, int], handler: type, family: socket.AddressFamily):
        self.address_family = family
        super().__init__(address, handler)


class _Handler(SimpleHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        self._get(body=True)

    def do_HEAD(self) -> None:
        self._get(body=False)

    def _get(self, body: bool) -> None:
        preview = self.server.preview
        path = urlsplit(self.path).path
        if path == EVENTS:
            self._events(preview)
            return
        site = preview.site
        if site is None:
            self._html(HTTPStatus.SERVICE_UNAVAILABLE, WAITING.encode(), body)
            return
        self.directory = str(site)
        file = Path(self.translate_path(self.path))
        if file.is_dir():
            if not path.endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            file = file / "index.html"
        if file.suffix == ".html" and file.is_file():
            self._html(HTTPStatus.OK, file.read_bytes(), body)
        elif not file.is_file():
            page = site / "404.html"
            text = page.read_bytes() if page.is_file() else NOT_FOUND.encode()
            self._html(HTTPStatus.NOT_FOUND, text, body)
        elif body:
            super().do_GET()
        else:
            super().do_HEAD()

    def _html(self, status: HTTPStatus, html: bytes, body: bool) -> None:
        data = inject(html, self.server.preview.good)
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _events(self, preview: Preview) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        try:
            with preview.changed:
                seen = preview.generation
                hello = {"good": preview.good, "error": preview.error}
            self._send("retry: 1000\n\n" + _event("hello", hello))
            while True:
                with preview.changed:
                    preview.changed.wait_for(_news(preview, seen), KEEPALIVE)
                    if preview.stopping:
                        return
                    fresh = preview.generation != seen
                    seen = preview.generation
                    state = {"good": preview.good, "error": preview.error}
                if not fresh:
                    self._send(": keepalive\n\n")
                elif state["error"]:
                    self._send(_event("build-error", state))
                else:
                    self._send(_event("reload", state))
        except (BrokenPipeError, ConnectionResetError):
            return

    def _send(self, text: str) -> None:
        self.wfile.write(text.encode("utf-8"))
        self.wfile.flush()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a reload must fetch the new files
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.preview.verbose:
            self.server.preview.log(format % args)


def _news(preview: Preview, seen: int) -> Callable[[], bool]:
    """Whether a build has finished since `seen`, or the server is stopping."""
    return lambda: preview.generation != seen or preview.stopping


def _event(name: str, data: dict[str, str]) -> str:
    return f"event: {name}\ndata: {json.dumps(data, sort_keys=True)}\n\n"


def inject(html: bytes, good: str) -> bytes:
    """The page with the live-reload script before `</body>` (at the end if there is none)."""
    script = RELOAD_SCRIPT.replace("__GOOD__", json.dumps(good)).encode("utf-8")
    at = html.lower().rfind(b"</body>")
    if at < 0:
        return html + script
    return html[:at] + script + html[at:]


RELOAD_SCRIPT = """<script data-summitnotes-serve>
(function () {
  var served = __GOOD__;
  var events = new EventSource("__EVENTS__");
  function overlay(text) {
    var box = document.getElementById("summitnotes-error");
    if (!text) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "summitnotes-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;" +
        "z-index:2147483647;margin:0;padding:1em 1.2em;background:#2b0b0b;color:#ffe3e3;" +
        "font:14px/1.45 ui-monospace,monospace;border-top:4px solid #e5484d;" +
        "white-space:pre-wrap;box-shadow:0 -4px 24px rgba(0,0,0,.4)";
      document.body.appendChild(box);
    }
    box.textContent = "summitnotes: the build failed; this is the last good version.\\n\\n" + text;
  }
  events.addEventListener("hello", function (e) {
    var state = JSON.parse(e.data);
    if (state.good && state.good !== served) { location.reload(); return; }
    overlay(state.error);
  });
  events.addEventListener("reload", function () { location.reload(); });
  events.addEventListener("build-error", function (e) { overlay(JSON.parse(e.data).error); });
})();
</script>
""".replace("__EVENTS__", EVENTS)

WAITING = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>summitnotes</title></head>
<body><p>summitnotes: waiting for a good build. This page reloads by itself.</p></body></html>
"""

NOT_FOUND = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>
<body><p>No such page in the site.</p></body></html>
"""


def run(
    root: Path, host: str, port: int, log: Log, verbose: bool = False, search: bool = False
) -> None:
    """Serve until Ctrl-C: print the address, rebuild on change, stop cleanly."""
    preview = Preview(root, host, port, log, verbose, search)
    if threading.current_thread() is threading.main_thread():  # `kill` stops cleanly too
        signal.signal(signal.SIGTERM, lambda *_: preview.request_stop())
    try:
        preview.start()
        preview.wait()
    except KeyboardInterrupt:  # Ctrl-C, even during the first build, is a clean stop
        pass
    finally:
        preview.stop()
    log("stopped")
