"""The browser tests: the shipped project, built once, served over HTTP, read in Chromium.

One build, one server and one browser for all of them. Chromium is Debian's
(`/usr/bin/chromium`, or `$SUMMITNOTES_CHROMIUM`), driven by Playwright; Playwright's own
browser downloads are never used. Without Chromium, Playwright or axe-core the tests fail
(never skip) with the command that installs what is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from browser.support import OUTPUT, Served

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parents[1]
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",  # containers often give /dev/shm 64 MB; tabs then crash
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
INSTALL_HINT = (
    "The browser tests need Debian's Chromium, Playwright for Python and axe-core:\n"
    "  sudo apt-get update && sudo apt-get install -y chromium\n"
    "  python3 -m pip install -e '.[test]'\n"
    "  npm ci --prefix tests/browser\n"
    "(or point SUMMITNOTES_CHROMIUM at another Chromium binary). "
    "`playwright install` is not needed."
)


def chromium_path() -> str | None:
    """The Chromium binary to drive: `$SUMMITNOTES_CHROMIUM`, else Debian's."""
    explicit = os.environ.get("SUMMITNOTES_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).is_file() else None
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if OUTPUT.is_dir() and any(OUTPUT.iterdir()):
        terminalreporter.write_line(f"browser tests: screenshots and PDFs in {OUTPUT}")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped project, built with search the way `summitnotes build` does."""
    out = tmp_path_factory.mktemp("browser") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "summitnotes", "build", str(PROJECT), "--out", str(out), "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def served(site_dir: Path) -> Iterator[Served]:
    """The built site on a free loopback port, served by `http.server` in a thread."""
    handler = partial(_QuietHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(f"http://127.0.0.1:{server.server_address[1]}/", site_dir)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's browser bundle, from `npm ci --prefix tests/browser`."""
    if not AXE.is_file():
        pytest.fail(f"axe-core is not installed ({AXE} is missing).\n{INSTALL_HINT}")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    """One headless Chromium for these tests.

    Package scope, not session: Playwright's sync API runs an asyncio loop while it is
    open, and later modules call `asyncio.run()` in-process (the Pagefind index).
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(f"Playwright for Python is not installed.\n{INSTALL_HINT}")
    executable = chromium_path()
    if executable is None:
        wanted = os.environ.get("SUMMITNOTES_CHROMIUM") or "/usr/bin/chromium"
        pytest.fail(f"Chromium is not installed (no {wanted}).\n{INSTALL_HINT}")
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def new_page(browser: Any) -> Iterator[Any]:
    """Make pages in fresh contexts: `new_page(width=375, color_scheme="dark")`."""
    contexts: list[Any] = []

    def make(
        width: int = 1280,
        height: int = 800,
        color_scheme: str = "light",
        javascript: bool = True,
    ) -> Any:
        context = browser.new_context(
            viewport={"width": width, "height": height},
            color_scheme=color_scheme,
            java_script_enabled=javascript,
        )
        context.set_default_timeout(20_000)  # generous: CI machines are often busy
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
