"""Pruning the kept site into the next one: what is not wanted goes, nothing else."""

from __future__ import annotations

import os
from pathlib import Path

from summitnotes import swaplock
from summitnotes.previous import Previous, prune, take


def files(root: Path) -> set[str]:
    found = set()
    for folder, dirs, names in os.walk(root):
        for name in names + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            found.add(Path(folder, name).relative_to(root).as_posix())
    return found


def test_prune_keeps_what_is_wanted_and_removes_the_rest(tmp_path: Path) -> None:
    site = tmp_path / "site"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.txt").write_text("keep me")
    wanted = {"index.html", "interviews/a/index.html", "interviews/a/cite.bib", "x/y/z/deep.html"}
    for path in wanted | {"interviews/b/index.html", "old/page/2/index.html", "stray.txt"}:
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(path)
    (site / "interviews" / "a" / "gone.html").write_text("x")
    os.symlink(outside, site / "linked")  # a link to a folder: removed, not followed
    os.symlink(outside / "precious.txt", site / "interviews" / "link.txt")
    (site / "x" / "y" / "z" / "deep.html").unlink()
    (site / "x" / "y" / "z").rmdir()
    os.symlink(outside, site / "x" / "y" / "z")  # a link where a folder is wanted

    prune(site, wanted)

    assert files(site) == wanted - {"x/y/z/deep.html"}
    assert not (site / "old").exists() and not (site / "interviews" / "b").exists()
    assert (outside / "precious.txt").read_text() == "keep me"
    assert {"x", "interviews"} <= set(os.listdir(site))


def test_prune_of_an_empty_wish_empties_the_folder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a" / "b").mkdir(parents=True)
    (site / "a" / "b" / "c.html").write_text("c")
    (site / "top.html").write_text("t")
    prune(site, set())
    assert os.listdir(site) == []


def test_a_kept_site_without_its_marker_is_not_taken(tmp_path: Path) -> None:
    """Taken without the marker, a kill before the marker is written back would leave a
    folder that no build knows as its own next to the output."""
    kept = tmp_path / "cache" / "previous-site"
    kept.mkdir(parents=True)
    (kept / "index.html").write_text("half deleted")
    staging = tmp_path / ".site.new-x"
    assert take(Previous(kept), staging) is None
    assert not staging.exists() and (kept / "index.html").is_file()
    (kept / swaplock.MARKER).write_bytes(b"ours")
    fd = take(Previous(kept), staging)
    assert fd is not None and not kept.exists() and (staging / "index.html").is_file()
    swaplock.release(fd)
