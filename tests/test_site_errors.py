"""One fixture project per kind of bad input: `path:line: message`, exit 2, nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from site_support import FIXTURES
from summitnotes.cli import cli

CASES = {
    "bad-front-matter": "notes/broken.md:4: error: malformed front matter",
    "unknown-topic": "notes/tagged.md:4: error: topic `imaginary` does not exist",
    "duplicate-slug": "notes/same.md: error: slug `same` is already used by notes/more/same.md",
    "duplicate-interview": "seeds/twice.txt: error: slug `twice` is already used by seeds/twice.md",
    "template-syntax": "templates/list.html:4: error: unexpected '}'",
    "template-undefined": "templates/note.html:4: error: ",
    "bad-config": "summitnotes.yaml:1: error: `title` should be a text, not list",
}


def run(project: Path, out: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["build", str(project), "--out", str(out)])
    return result.exit_code, result.output


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_reported_and_nothing_is_written(tmp_path: Path, name: str) -> None:
    code, output = run(FIXTURES / name, tmp_path / "site")
    assert code == 2, output
    assert CASES[name] in output
    assert "Traceback" not in output
    assert not (tmp_path / "site").exists()


def test_unreadable_note_is_an_error(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    (project / "notes" / "latin1.md").write_bytes(b"---\ntitle: caf\xe9\n---\n")
    code, output = run(project, tmp_path / "site")
    assert code == 2
    assert "notes/latin1.md:2: error: not UTF-8" in output


def test_sidecar_topic_without_a_note_is_a_warning(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    sidecar = project / "seeds" / "river-talk.yaml"
    sidecar.write_text(
        sidecar.read_text(encoding="utf-8") + "topics: [Fishing]\n", encoding="utf-8"
    )
    code, output = run(project, tmp_path / "site")
    assert code == 0, output
    assert "seeds/river-talk.txt: warning: topic `Fishing` has no note" in output
    assert (tmp_path / "site" / "topics" / "fishing" / "index.html").is_file()


def test_interview_without_topic_is_a_warning_not_an_error(tmp_path: Path) -> None:
    code, output = run(FIXTURES / "no-topic", tmp_path / "site")
    assert code == 0, output
    assert "seeds/plain.txt: warning: no topic" in output
    assert "1 warning," in output
