"""`summitnotes init` and `new`: a project that builds at once; files never overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from site_support import broken_links
from summitnotes import __version__
from summitnotes.cli import cli
from summitnotes.sidecar import FIELDS
from summitnotes.template_files import TEMPLATES


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "research"
    code, _, err = run("init", str(root))
    assert code == 0, err
    return root


def test_init_then_build_gives_a_working_site(project: Path) -> None:
    code, out, err = run("build", str(project), "--strict", "--no-search")
    assert code == 0, out + err
    assert "0 warnings" in out
    site = project / "site"
    for page in (
        "index.html",
        "interviews/marten-2024-bees/index.html",
        "topics/winter-losses/index.html",
        "notes/reading-the-marten-interview/index.html",
    ):
        assert (site / page).is_file(), page
    assert broken_links(site) == []
    topic = (site / "topics" / "winter-losses" / "index.html").read_text(encoding="utf-8")
    assert "matched “Winter losses”" in topic  # the topic's `match:` phrase occurs in it


def test_init_writes_config_gitignore_and_pages_workflow(project: Path) -> None:
    code, out, _ = run("check", str(project), "--strict")
    assert (code, out) == (0, "")
    assert "site/" in (project / ".gitignore").read_text(encoding="utf-8").splitlines()
    workflow = yaml.safe_load((project / ".github/workflows/pages.yml").read_text("utf-8"))
    assert set(workflow["jobs"]) == {"build", "deploy"}
    steps = " ".join(str(s) for s in workflow["jobs"]["build"]["steps"])
    assert "summitnotes build" in steps and "upload-pages-artifact" in steps
    assert yaml.safe_load((project / "summitnotes.yaml").read_text("utf-8"))["title"]
    # no template copies: the packaged ones are used (and stay current)
    assert [p.name for p in (project / "templates").iterdir()] == ["README.md"]


def test_init_lists_what_it_wrote(tmp_path: Path) -> None:
    code, out, err = run("init", str(tmp_path / "p"))
    assert code == 0
    written = out.splitlines()
    assert all(Path(line).is_file() for line in written)
    assert any(line.endswith("seeds/marten-2024-bees.yaml") for line in written)
    assert "summitnotes serve" in err


def test_init_with_templates_copies_every_default(tmp_path: Path) -> None:
    root = tmp_path / "p"
    assert run("init", str(root), "--templates")[0] == 0
    for name in (*TEMPLATES, "style.css"):
        assert (root / "templates" / name).is_file(), name
    code, out, err = run("build", str(root), "--no-search")
    assert code == 0, out + err


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    code, _, err = run("init", str(tmp_path))
    assert code == 2
    assert "error: exists and is not empty" in err
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


@pytest.mark.parametrize(
    ("kind", "name", "paths"),
    [
        ("interview", "smith-2024", ["seeds/smith-2024.txt", "seeds/smith-2024.yaml"]),
        ("note", "First thoughts", ["notes/first-thoughts.md"]),
        ("topic", "Water rights", ["notes/topics/water-rights.md"]),
        ("speaker", "Ilse Marten", ["notes/speakers/ilse-marten.md"]),
    ],
)
def test_new_writes_a_file_that_builds(
    project: Path, kind: str, name: str, paths: list[str]
) -> None:
    code, out, err = run("new", kind, name, "--project", str(project))
    assert code == 0, err
    assert out.splitlines() == [(project / p).as_posix() for p in paths]
    code, out, err = run("check", str(project))
    assert code == 0, out + err
    if kind in ("note", "topic"):  # well-formed and clean, not only readable
        assert out == ""


def test_a_new_sidecar_names_every_known_key(project: Path) -> None:
    run("new", "interview", "smith", "--project", str(project))
    text = (project / "seeds" / "smith.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(text) == {"title": "Smith"}
    for key in FIELDS:
        assert f"# {key}: " in text or f"{key}: " in text, key


def test_new_refuses_to_overwrite(project: Path) -> None:
    note = project / "notes" / "reading-the-marten-interview.md"
    before = note.read_text(encoding="utf-8")
    code, _, err = run("new", "note", "Reading the Marten interview", "--project", str(project))
    assert code == 2
    assert "notes/reading-the-marten-interview.md: error: already exists" in err
    assert note.read_text(encoding="utf-8") == before
    # an interview is two files: when one exists, neither is written
    (project / "seeds" / "half.yaml").write_text("title: Half\n", encoding="utf-8")
    code, _, err = run("new", "interview", "half", "--project", str(project))
    assert code == 2 and not (project / "seeds" / "half.txt").exists()


def test_a_name_without_letters_is_refused(project: Path) -> None:
    code, _, err = run("new", "note", "???", "--project", str(project))
    assert code == 2 and "error: makes no file name" in err


def test_version_and_help_with_examples() -> None:
    code, out, _ = run("--version")
    assert code == 0 and __version__ in out
    for command in ("build", "check", "serve", "new", "init", "parse"):
        code, out, _ = run(command, "--help")
        assert code == 0 and "Examples:" in out, command
