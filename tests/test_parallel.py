"""Builds with one process and with several write byte-identical sites."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_support import differences, make_corpus, tree
from site_support import FIXTURES
from summitnotes import parallel
from summitnotes.build import build


@pytest.fixture(autouse=True)
def always_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use the pool even for these small projects."""
    monkeypatch.setattr(parallel, "MIN_ITEMS", 1)


@pytest.mark.parametrize("name", ["corpus", "linking"])
def test_one_and_many_processes_write_the_same_site(tmp_path: Path, name: str) -> None:
    if name == "corpus":
        project = make_corpus(24, tmp_path / "project")
    else:
        project = tmp_path / "project"
        shutil.copytree(FIXTURES / "linking", project)
    sites = {}
    for jobs in (1, 2, 3):
        out = tmp_path / f"site-{jobs}"
        report = build(project, out, search=False, jobs=jobs)
        assert report.ok, report.diagnostics
        sites[jobs] = tree(out)
    assert len(sites[1]) > 20
    assert differences(sites[1], sites[2]) == []
    assert differences(sites[1], sites[3]) == []


def test_diagnostics_do_not_depend_on_processes(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "linking", project)
    (project / "seeds" / "broken.txt").write_text("— A question?\n", encoding="utf-8")
    one = build(project, tmp_path / "a", search=False, jobs=1)
    two = build(project, tmp_path / "b", search=False, jobs=2)
    assert one.diagnostics == two.diagnostics


def test_hash_randomization_does_not_change_the_site(tmp_path: Path) -> None:
    """Python salts string hashes per process: nothing may depend on set order.

    A topic phrase found in two spellings in one answer once came out in set order."""
    project = tmp_path / "project"
    (project / "seeds").mkdir(parents=True)
    (project / "notes" / "topics").mkdir(parents=True)
    (project / "notes" / "topics" / "radio.md").write_text(
        "---\ntitle: Radio\nmatch: [union radio, radio mast]\n---\nOn the radio.\n",
        encoding="utf-8",
    )
    (project / "seeds" / "talk.txt").write_text(
        "An interview about the radio.\n"
        "— What did the union do?\n"
        "— Union radio came first. Then union radio grew, and Union Radio, "
        "and UNION RADIO; the Radio Mast and the radio mast stood.\n",
        encoding="utf-8",
    )
    sites = []
    for seed in ("1", "2", "3"):
        out = tmp_path / f"site-{seed}"
        command = [sys.executable, "-m", "summitnotes", "build", str(project)]
        run = subprocess.run(
            [*command, "--out", str(out), "--no-search", "--no-cache", "-q"],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=False,
        )
        assert run.returncode == 0, run.stderr
        sites.append(tree(out))
    assert "topics/radio/index.html" in sites[0]
    assert "UNION RADIO" in sites[0]["topics/radio/index.html"].decode()
    assert differences(sites[0], sites[1]) == differences(sites[0], sites[2]) == []


def test_a_build_gives_the_collector_back_and_workers_collect(tmp_path: Path) -> None:
    """The collector is off in the building process (`heap.py`): afterwards it is on again
    and nothing stays frozen, even after a failed build; pool workers collect as usual."""
    import gc

    from summitnotes import heap

    with heap.build_scope():
        assert not gc.isenabled()
        assert parallel.run(_collector_on, list(range(8)), jobs=2) == [True] * 8
    assert gc.isenabled() and gc.get_freeze_count() == 0
    project = make_corpus(6, tmp_path / "project")
    assert build(project, tmp_path / "site", search=False, jobs=2).ok
    assert gc.isenabled() and gc.get_freeze_count() == 0
    (project / "seeds" / "broken.txt").write_bytes(b"Q: caf\xe9?\n")
    assert not build(project, tmp_path / "site2", search=False, jobs=2).ok
    assert gc.isenabled() and gc.get_freeze_count() == 0


def _collector_on(chunk: list[int]) -> list[bool]:
    import gc

    return [gc.isenabled() for _ in chunk]
