"""`cite.bib` (BibTeX) and `cite.json` (CSL-JSON) next to each interview page.

Both are made from `cite.Work`, so they say what the page's citations say and
nothing more: a field the sidecar does not give is left out.
"""

from __future__ import annotations

import json

from summitnotes import urls
from summitnotes.cite import BIB, CSL, Work, split_name, work
from summitnotes.model import OutputFile, Site


def citation_files(site: Site) -> list[OutputFile]:
    """`cite.bib` and `cite.json` in each interview's folder."""
    files = []
    for iv in site.interviews:
        w = work(iv, site.config.site_url)
        folder = urls.interview(iv.slug).removesuffix("index.html")
        files.append(OutputFile(folder + BIB, bibtex(w).encode("utf-8")))
        files.append(OutputFile(folder + CSL, csl_json(w).encode("utf-8")))
    return files


def bibtex(w: Work) -> str:
    """A BibTeX `@misc` entry; biblatex reads its `date` and `urldate` too."""
    fields: list[tuple[str, str]] = []
    if w.authors:
        fields.append(("author", " and ".join(_bib_name(n) for n in w.authors)))
    fields.append(("title", "{" + _bib(w.title) + "}"))
    if w.outlet:
        fields.append(("howpublished", _bib(w.outlet)))
    by = ", ".join(w.interviewers)
    fields.append(("note", _bib(f"Interview by {by}" if by else "Interview")))
    if w.parts:
        fields.append(("year", str(w.parts[0])))
        fields.append(("date", "-".join(f"{p:02d}" for p in w.parts)))
    if w.url:
        fields.append(("url", w.url.replace("{", "%7B").replace("}", "%7D")))
    if w.accessed:
        fields.append(("urldate", "-".join(f"{p:02d}" for p in w.accessed)))
    for name, value in (("language", w.language), ("address", w.place)):
        if value:
            fields.append((name, _bib(value)))
    if w.keywords:
        fields.append(("keywords", _bib(", ".join(w.keywords))))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{w.key},\n{body}\n}}\n"


BIB_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def _bib(text: str) -> str:
    """Text as a braced BibTeX value: LaTeX specials escaped, braces kept balanced."""
    text = "".join(BIB_ESCAPES.get(c, c) for c in " ".join(text.split()))
    if text.count(r"\{") != text.count(r"\}"):  # BibTeX counts escaped braces too
        text = text.replace(r"\{", "(").replace(r"\}", ")")
    return text


def _bib_name(name: str) -> str:
    split = split_name(name)
    if split is None:
        return "{" + _bib(name) + "}"
    return f"{_bib(split[0])}, {_bib(split[1])}"


def _csl_name(name: str) -> dict[str, str]:
    split = split_name(name)
    return {"family": split[0], "given": split[1]} if split else {"literal": name}


def csl_json(w: Work) -> str:
    """A CSL-JSON list of one `interview` item, as Zotero, Pandoc and citeproc read it."""
    item: dict[str, object] = {"id": w.key, "type": "interview", "title": w.title}
    if w.authors:
        item["author"] = [_csl_name(n) for n in w.authors]
    if w.interviewers:
        item["interviewer"] = [_csl_name(n) for n in w.interviewers]
    if w.outlet:
        item["container-title"] = w.outlet
    if w.parts:
        item["issued"] = {"date-parts": [list(w.parts)]}
    elif w.date:
        item["issued"] = {"raw": w.date}
    if w.url:
        item["URL"] = w.url
    if w.accessed:
        item["accessed"] = {"date-parts": [list(w.accessed)]}
    optional = {"language": w.language, "event-place": w.place, "abstract": w.description}
    item.update({k: v for k, v in optional.items() if v})
    if w.keywords:
        item["keyword"] = ", ".join(w.keywords)
    return json.dumps([item], ensure_ascii=False, indent=2, sort_keys=True) + "\n"
