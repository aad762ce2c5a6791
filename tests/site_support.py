"""Helpers for the site tests: parse built HTML back, and check its links."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
PROJECT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "sites"


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def own_text(self) -> str:
        """Text without the permalink links inside (`¶`, `q1`)."""
        return "".join(
            c if isinstance(c, str) else ("" if "permalink" in c.classes else c.own_text())
            for c in self.children
        ).strip()

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self):  # type: ignore[no-untyped-def]
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        return [
            n
            for n in self.iter()
            if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)
        ]

    def find(self, tag: str | None = None, cls: str | None = None) -> Node:
        found = self.find_all(tag, cls)
        assert found, f"no <{tag} class={cls}> in <{self.tag}>"
        return found[0]

    def ancestors(self) -> list[Node]:
        out, node = [], self.parent
        while node is not None:
            out.append(node)
            node = node.parent
        return out


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Node(tag, {k: v or "" for k, v in attrs}, self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None and node.parent is not None, f"stray </{tag}>"
        self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse_html(path: Path) -> Node:
    builder = _Builder()
    builder.feed(path.read_text(encoding="utf-8"))
    builder.close()
    assert builder.current is builder.root, f"unclosed <{builder.current.tag}> in {path}"
    return builder.root


def ids(doc: Node) -> set[str]:
    return {n.attrs["id"] for n in doc.iter() if "id" in n.attrs}


def broken_links(site: Path, base_url: str | None = None) -> list[str]:
    """Every internal href/src that does not lead to a file (and to an id, with a fragment)."""
    problems = []
    docs: dict[Path, Node] = {}

    def doc(path: Path) -> Node:
        if path not in docs:
            docs[path] = parse_html(path)
        return docs[path]

    for page in sorted(site.rglob("*.html")):
        page_dir = "/" + page.parent.relative_to(site).as_posix()
        for node in doc(page).iter():
            for attr in ("href", "src"):
                ref = node.attrs.get(attr)
                if ref is None or urlsplit(ref).scheme or ref.startswith("//"):
                    continue
                problems += _check(site, page, page_dir, ref, base_url, doc)
    return problems


def _check(site, page, page_dir, ref, base_url, doc):  # type: ignore[no-untyped-def]
    where = f"{page.relative_to(site)}: {ref}"
    parts = urlsplit(ref)
    if not parts.path:
        target = page
    else:
        if parts.path.startswith("/"):
            if base_url is None or not parts.path.startswith(base_url):
                return [f"{where}: root-relative link outside the base URL"]
            path = "/" + parts.path[len(base_url) :]
        else:
            path = posixpath.normpath(posixpath.join(page_dir, unquote(parts.path)))
        if path.startswith("/.."):
            return [f"{where}: leaves the site"]
        target = site / path.lstrip("/")
        if base_url is None and (target.is_dir() or path.endswith("/")):
            return [f"{where}: a folder link does not open from disk"]
        if target.is_dir() or path.endswith("/"):
            target = target / "index.html"
        if not target.is_file():
            return [f"{where}: no such file"]
    if parts.fragment and target.suffix == ".html" and parts.fragment not in ids(doc(target)):
        return [f"{where}: no id {parts.fragment!r}"]
    return []
