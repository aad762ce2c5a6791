"""Paths (issue 9): slugs never leave the output folder, links out of the project are
refused, and the output folder can never be one the user's files live in."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from summitnotes.build import build
from summitnotes.slugs import url_slug
from summitnotes.write import MARKER

INTERVIEW = "A talk\n\n— What happened?\n\n— A lot.\n"


def project(tmp_path: Path, sidecar: str = "", name: str = "talk.txt") -> Path:
    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    (root / "notes").mkdir(exist_ok=True)
    (root / "seeds" / name).write_text(INTERVIEW, encoding="utf-8")
    if sidecar:
        (root / "seeds" / Path(name).with_suffix(".yaml")).write_text(sidecar, encoding="utf-8")
    return root


def messages(report) -> list[str]:  # type: ignore[no-untyped-def]
    return [d.format() for d in report.diagnostics]


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("../../x", "x"),
        ("/etc/passwd", "etc-passwd"),
        ("con", "con-1"),
        ("LPT1", "lpt1-1"),
        ("..", ""),
        ("", ""),
        ("\u200b", ""),
        ("C:\\Windows\\x", "c-windows-x"),
        ("Тоқаев", "tokaev"),
    ],
)
def test_a_slug_is_letters_digits_and_dashes_and_never_a_device_name(text: str, slug: str) -> None:
    assert url_slug(text) == slug


@pytest.mark.parametrize("bad", ["../../escape", "/abs/path", "a/b", "", "con", "Big Name"])
def test_a_sidecar_slug_that_is_not_a_url_name_is_an_error_at_its_line(
    tmp_path: Path, bad: str
) -> None:
    root = project(tmp_path, f"title: T\nslug: {bad!r}\n")
    report = build(root)
    if bad == "":  # an empty value is no value: the file name gives the slug
        assert report.ok and (root / "site" / "interviews" / "talk" / "index.html").is_file()
        return
    assert not report.ok
    [problem] = [m for m in messages(report) if "error" in m]
    assert problem.startswith("seeds/talk.yaml:2: error: `slug` must be letters, digits and dashes")
    assert not (root / "site").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project"]


@pytest.mark.parametrize("name", ["con.txt", "¿¡.txt", "---.txt", "<script>.txt"])
def test_file_names_give_safe_slugs(tmp_path: Path, name: str) -> None:
    root = project(tmp_path, name=name)
    report = build(root)
    assert report.ok, messages(report)
    pages = sorted(p.parent.name for p in (root / "site" / "interviews").glob("*/index.html"))
    assert pages == [{"con.txt": "con-1", "<script>.txt": "script"}.get(name, "interview")]


def test_links_that_lead_out_of_the_project_are_refused_with_a_warning(tmp_path: Path) -> None:
    root = project(tmp_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret\n\n— Who?\n\n— Me.\n", encoding="utf-8")
    (outside / "secret.md").write_text("# Secret note\n", encoding="utf-8")
    (outside / "side.yaml").write_text("title: Stolen\n", encoding="utf-8")
    os.symlink(outside / "secret.txt", root / "seeds" / "linked.txt")
    os.symlink(outside / "secret.md", root / "notes" / "linked.md")
    (root / "seeds" / "other.txt").write_text(INTERVIEW, encoding="utf-8")
    os.symlink(outside / "side.yaml", root / "seeds" / "other.yaml")
    (root / "seeds" / "inside.txt").symlink_to("talk.txt")  # inside the project: fine
    report = build(root)
    assert report.ok
    warned = [m for m in messages(report) if "outside the project" in m]
    assert [m.split(":")[0] for m in warned] == [
        "notes/linked.md",
        "seeds/linked.txt",
        "seeds/other.yaml",
    ]
    assert all("warning: links to" in m for m in warned)
    site = root / "site"
    assert sorted(p.name for p in (site / "interviews").iterdir() if p.is_dir()) == [
        "inside",
        "talk",
    ]
    assert not any("Secret" in p.read_text("utf-8") for p in site.rglob("*.html"))


def test_an_image_outside_the_project_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(b"\xff\xd8 not for the web")
    text = "A talk\n\n— What happened?\n\nPhoto: Jane Roe, Agency\n\n— A lot.\n"
    root = project(tmp_path, "images: {fig1: ../../secret.jpg}\n")
    (root / "seeds" / "talk.txt").write_text(text, encoding="utf-8")
    report = build(root)
    assert report.ok
    assert any(
        "image `../../secret.jpg` of fig1 is outside the project" in m for m in messages(report)
    )
    assert not [p for p in (root / "site").rglob("*") if p.suffix == ".jpg"]


@pytest.mark.parametrize("out", [".", "..", "seeds", "notes", "templates", "notes/site", "/"])
def test_the_output_folder_is_never_the_project_a_parent_or_a_source_folder(
    tmp_path: Path, out: str
) -> None:
    root = project(tmp_path)
    (root / "templates").mkdir()
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    report = build(root, root / out)
    assert not report.ok
    [problem] = messages(report)
    assert ": error: cannot be the output folder: it is " in problem
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before


def test_an_empty_or_marked_folder_may_be_the_output(tmp_path: Path) -> None:
    root = project(tmp_path)
    (tmp_path / "public").mkdir()
    assert build(root, tmp_path / "public").ok
    assert (tmp_path / "public" / MARKER).is_file()
    assert build(root, tmp_path / "public").ok
