"""Error reporting (issue 9): every user error is `path:line: error: message`, exit 2, and
no traceback, all in one run; `--debug` shows the traceback of an internal error."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from summitnotes import cli

LOCATED = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): error: .+")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summitnotes", *args], capture_output=True, text=True
    )


def broken_project(root: Path) -> Path:
    (root / "seeds").mkdir(parents=True)
    (root / "notes").mkdir()
    (root / "templates").mkdir()
    (root / "seeds" / "latin.txt").write_bytes("Lead\n\n- Café?\n\n- Oui.\n".encode("latin-1"))
    (root / "seeds" / "slug.txt").write_text("Lead\n\n— Why?\n\n— So.\n", "utf-8")
    (root / "seeds" / "slug.yaml").write_text("title: T\nslug: ../../x\n", "utf-8")
    (root / "seeds" / "yaml.txt").write_text("Lead\n\n— Why?\n\n— So.\n", "utf-8")
    (root / "seeds" / "yaml.yaml").write_text("title: T\ndate: [unclosed\n", "utf-8")
    (root / "notes" / "bad.md").write_text("---\ntitle: [1, 2\n---\nBody\n", "utf-8")
    (root / "summitnotes.yaml").write_text("title: T\nsite_url: javascript:x\n", "utf-8")
    return root


EXPECTED = {
    ("seeds/latin.txt", 3),
    ("seeds/slug.yaml", 2),
    ("seeds/yaml.yaml", 3),  # YAML reports where it noticed: the line after the bracket
    ("notes/bad.md", 3),
    ("summitnotes.yaml", 2),
}


@pytest.mark.parametrize("command", ["build", "check"])
def test_user_errors_are_located_exit_2_and_show_no_traceback(tmp_path: Path, command: str) -> None:
    root = broken_project(tmp_path / "project")
    done = run(command, str(root))
    assert done.returncode == 2
    output = done.stdout + done.stderr
    assert "Traceback" not in output
    errors = [line for line in output.splitlines() if ": error: " in line]
    found = {(m["path"], int(m["line"])) for line in errors if (m := LOCATED.match(line))}
    assert found == EXPECTED, errors
    assert len(errors) == len([e for e in errors if LOCATED.match(e)]), errors
    assert not (root / "site").exists()


def test_a_template_error_names_the_template_and_line(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "talk.txt").write_text("Lead\n\n— Why?\n\n— So.\n", "utf-8")
    (root / "templates").mkdir()
    (root / "templates" / "note.html").write_text("line 1\n{% if %}\n", "utf-8")
    done = run("build", str(root), "--no-search")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert re.search(r"^templates/note\.html:2: error: ", done.stderr, re.M), done.stderr


def test_parse_of_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(b"caf\xe9\n")
    done = run("parse", str(path))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"{path}:1: error: not UTF-8 at byte 3 (0xe9)")
    assert "iconv -f WINDOWS-1252 -t UTF-8" in done.stderr


@pytest.mark.parametrize("debug", [False, True])
def test_an_internal_error_shows_its_traceback_only_with_debug(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    debug: bool,
) -> None:
    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli, "run_build", crash)
    argv = ["summitnotes", *(["--debug"] if debug else []), "build", str(tmp_path)]
    monkeypatch.setattr(sys, "argv", argv)
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    assert exit_.value.code == 3
    err = capsys.readouterr().err
    assert "internal error: a bug" in err
    assert ("Traceback" in err) == debug
