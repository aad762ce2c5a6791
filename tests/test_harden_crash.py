"""Crash safety (issue 9): a build killed at any moment leaves the previous site complete and
the next build succeeds; builds at once take turns; a full disk or a folder we cannot write
is a clear error that keeps the previous site."""

from __future__ import annotations

import errno
import filecmp
import multiprocessing
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from summitnotes import swaplock, write
from summitnotes.build import build

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "dknews-2025-shamilov-alaska-summit"
COPIES = 40
KILLS = 12


def big_project(root: Path, copies: int = COPIES) -> Path:
    """The shipped project with its interview copied under many slugs: a build of ~1 s."""
    (root / "seeds").mkdir(parents=True)
    shutil.copytree(REPO / "notes", root / "notes")
    shutil.copy(REPO / "summitnotes.yaml", root / "summitnotes.yaml")
    for i in range(copies):
        shutil.copy(SEED.with_suffix(".txt"), root / "seeds" / f"copy-{i:03}.txt")
        shutil.copy(SEED.with_suffix(".yaml"), root / "seeds" / f"copy-{i:03}.yaml")
    return root


def command(root: Path, *extra: str) -> list[str]:
    args = [sys.executable, "-m", "summitnotes", "build", str(root), "--no-search", "-q"]
    return [*args, *extra, *NO_CACHE]


def _no_cache_flag() -> list[str]:
    """Every build does the whole work, if this version has a build cache."""
    help_text = subprocess.run(
        [sys.executable, "-m", "summitnotes", "build", "--help"], capture_output=True, text=True
    ).stdout
    return ["--no-cache"] if "--no-cache" in help_text else []


NO_CACHE = _no_cache_flag()


def same_tree(a: Path, b: Path) -> list[str]:
    """Files that differ between two sites, or are in only one of them."""
    files_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    differ = sorted(str(p) for p in files_a ^ files_b)
    common = sorted(files_a & files_b)
    _, mismatch, errors = filecmp.cmpfiles(a, b, [str(p) for p in common], shallow=False)
    return differ + mismatch + errors


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".site."))


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A project and a reference build of it, outside the project."""
    root = big_project(tmp_path_factory.mktemp("crash") / "project")
    ref = root.parent / "reference"
    subprocess.run(command(root, "--out", str(ref)), check=True, capture_output=True)
    return root, ref


def test_killing_the_build_at_random_moments_keeps_the_previous_site(
    reference: tuple[Path, Path],
) -> None:
    root, ref = reference
    site = root / "site"
    started = time.monotonic()
    subprocess.run(command(root), check=True, capture_output=True)
    full = time.monotonic() - started
    rng = random.Random(9)
    for kill in range(KILLS):
        proc = subprocess.Popen(command(root), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.1, full * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        assert same_tree(site, ref) == [], f"kill {kill} after the build ran for a while"
        if kill % 4 == 3:  # now and then, the next build runs to its end
            done = subprocess.run(command(root), capture_output=True, text=True)
            assert done.returncode == 0, done.stderr
            assert same_tree(site, ref) == []
            assert leftovers(root) == []
    done = subprocess.run(command(root), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert same_tree(site, ref) == [] and leftovers(root) == []


def test_two_builds_at_once_take_turns(reference: tuple[Path, Path]) -> None:
    root, ref = reference
    for _ in range(2):
        procs = [
            subprocess.Popen(command(root), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(2)
        ]
        results = [(*p.communicate(), p.returncode) for p in procs]
        assert [r[2] for r in results] == [0, 0], results
        assert same_tree(root / "site", ref) == [] and leftovers(root) == []


def small_project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "talk.txt").write_text("A talk\n\n— Why?\n\n— Because.\n", "utf-8")
    assert build(root).ok
    return root


def snapshot(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_a_full_disk_is_a_clear_error_and_keeps_the_previous_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small_project(tmp_path)
    before = snapshot(root / "site")
    (root / "seeds" / "talk.txt").write_text("A talk\n\n— Why not?\n\n— Because.\n", "utf-8")
    calls = 0
    real = Path.write_bytes

    def full_disk(self: Path, data: bytes) -> int:
        nonlocal calls
        calls += 1
        if calls > 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", full_disk)
    report = build(root)
    assert not report.ok
    [problem] = [d.format() for d in report.diagnostics if d.level == "error"]
    assert problem.startswith(
        "site: error: cannot write the site: No space left on device (writing "
    )
    assert "the previous site was left as it was" in problem
    assert snapshot(root / "site") == before and leftovers(root) == []


def test_an_output_folder_we_cannot_write_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small_project(tmp_path)
    before = snapshot(root / "site")

    def denied(*args: object, **kwargs: object) -> str:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(root))

    monkeypatch.setattr(write.tempfile, "mkdtemp", denied)
    report = build(root)
    [problem] = [d.format() for d in report.diagnostics if d.level == "error"]
    assert problem == (
        f"site: error: cannot write the site: Permission denied ({root}) "
        "(the previous site was left as it was)"
    )
    assert snapshot(root / "site") == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_project_folder_is_a_clear_error(tmp_path: Path) -> None:
    root = small_project(tmp_path)
    before = snapshot(root / "site")
    root.chmod(0o555)
    try:
        report = build(root)
    finally:
        root.chmod(0o755)
    assert [d.code for d in report.diagnostics if d.level == "error"] == ["write-failed"]
    assert snapshot(root / "site") == before


def test_the_next_build_removes_only_what_killed_builds_left(tmp_path: Path) -> None:
    root = small_project(tmp_path)
    abandoned = root / ".site.new-dead1"
    abandoned.mkdir()
    (abandoned / write.MARKER).write_bytes(write.MARKER_TEXT)
    (abandoned / "index.html").write_text("half", "utf-8")
    empty_old = root / ".site.new-dead2"
    empty_old.mkdir()
    os.utime(empty_old, (time.time() - 3600, time.time() - 3600))
    live = root / ".site.new-live"  # a build that is writing right now
    live.mkdir()
    (live / write.MARKER).write_bytes(write.MARKER_TEXT)
    foreign = root / ".site.new-mine"  # the user's, by an unlucky name: no marker
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me", "utf-8")
    with swaplock.claim(live):
        assert build(root).ok
    assert leftovers(root) == [".site.new-live", ".site.new-mine"]


def _run_then_sleep(running: Any) -> None:
    running.set()
    time.sleep(60)


@pytest.mark.skipif(swaplock.fcntl is None, reason="no locks")
def test_a_forked_worker_does_not_hold_the_build_s_folder(tmp_path: Path) -> None:
    """Render workers are forked while the build holds its folder's lock; one that outlives
    a killed build must not keep the folder looking like a live build's."""
    folder = tmp_path / ".site.new-x"
    folder.mkdir()
    fork = multiprocessing.get_context("fork")
    running = fork.Event()
    worker = fork.Process(target=_run_then_sleep, args=(running,))
    with swaplock.claim(folder):
        worker.start()
        assert running.wait(30)
    try:
        fd = swaplock.hold(folder)
        assert fd is not None, "the worker still holds the lock its parent gave up"
        swaplock.release(fd)
    finally:
        worker.kill()
        worker.join()


def test_a_swap_killed_between_its_two_renames_is_undone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the system cannot exchange two folders at once, the swap is two renames."""
    root = small_project(tmp_path)
    before = snapshot(root / "site")
    (root / "site").rename(root / ".site.old-killed")  # the kill came after the first rename
    swaplock.clean_leftovers(root / "site", write.MARKER)
    assert snapshot(root / "site") == before and leftovers(root) == []
    monkeypatch.setattr(swaplock, "exchange", lambda a, b: False)
    (root / "seeds" / "talk.txt").write_text("A talk\n\n— Why not?\n\n— Because.\n", "utf-8")
    assert build(root).ok and leftovers(root) == []
    assert "Why not?" in (root / "site" / "interviews" / "talk" / "index.html").read_text("utf-8")


class Killed(BaseException):
    """Stands for SIGKILL in the middle of deleting a folder."""


def _killed_at(kill_at: int, real: Callable[..., None]) -> Callable[..., None]:
    """`os.unlink` that raises `Killed` on its `kill_at`-th call."""
    done = 0

    def unlink(path: object, *args: object, **kwargs: object) -> None:
        nonlocal done
        done += 1
        if done == kill_at:
            raise Killed
        real(path, *args, **kwargs)

    return unlink


@pytest.mark.skipif(swaplock.fcntl is None, reason="no locks: leftovers stay for the user")
def test_a_build_killed_while_deleting_an_old_site_leaves_a_folder_the_next_one_removes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the swap, the old site sits in a temporary folder and is deleted; a kill
    halfway must leave it with its marker, or no later build would know it as ours."""
    root = small_project(tmp_path)
    site = root / "site"
    files = sum(1 for p in site.rglob("*") if not p.is_dir())
    real_unlink = os.unlink
    for kill_at in range(1, files + 1):
        old = root / f"{swaplock.staging_prefix(site)}killed{kill_at}"
        shutil.copytree(site, old)
        monkeypatch.setattr(os, "unlink", _killed_at(kill_at, real_unlink))
        with pytest.raises(Killed):
            swaplock.remove_site(old, write.MARKER)
        monkeypatch.setattr(os, "unlink", real_unlink)
        assert (old / write.MARKER).is_file(), f"marker gone after {kill_at - 1} deletions"
        swaplock.clean_leftovers(site, write.MARKER)  # what the next build does at its turn
        assert leftovers(root) == [], kill_at
