"""Every page of the shipped site, crawled in Chromium: no errors, with and without JavaScript."""

from __future__ import annotations

from typing import Any
from urllib.parse import urldefrag

from browser.support import BROKEN_IMAGES, KINDS, OVERFLOW, PHONE, Served, Watch, open_search

LINKS = "() => [...document.querySelectorAll('a[href]')].map(a => a.href)"


def _is_page(url: str) -> bool:
    return url.endswith(("/", ".html"))


def test_crawl_every_page_without_errors(new_page: Any, served: Served) -> None:
    """From the home page (and 404.html), follow every link on the site, at phone width."""
    page = new_page(**PHONE)
    watch = Watch(page)
    todo = [served.url, served.url + KINDS["404"]]
    seen: set[str] = set()
    files: set[str] = set()
    problems: list[str] = []
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        if url.rstrip("/").endswith("/search") or url.endswith("/search/index.html"):
            open_search(page, url)
        else:
            page.goto(url)
        problems += [f"{url}: {p}" for p in watch.take()]
        problems += [f"{url}: broken image {src}" for src in page.evaluate(BROKEN_IMAGES)]
        layout = page.evaluate(OVERFLOW)
        if layout["scroll"] > layout["width"]:
            problems.append(f"{url}: scrolls sideways at 375px: {layout}")
        for link in page.evaluate(LINKS):
            link = urldefrag(link).url
            if not link.startswith(served.url):
                continue
            if _is_page(link):
                todo.append(link.removesuffix("index.html"))
            else:
                files.add(link)
    for file in sorted(files):
        response = page.request.get(file)
        if not response.ok:
            problems.append(f"{file}: HTTP {response.status}")
    assert problems == []
    crawled = {url.removeprefix(served.url) for url in seen}
    assert crawled >= set(served.pages()), "every page on disk is reached"


def test_without_javascript_every_page_reads_and_only_search_asks_for_it(
    new_page: Any, served: Served
) -> None:
    page = new_page(javascript=False)
    watch = Watch(page)
    for path in served.pages():
        page.goto(served.url + path)
        main = page.locator("main")
        assert page.locator("h1").is_visible(), path
        assert len(main.inner_text()) > 40, path
        assert page.locator("main a[href], header.site nav a[href]").count() >= 3, path
        text = page.locator("body").inner_text()
        if path == KINDS["search"]:
            assert "needs JavaScript" in text
            assert page.locator(".search-browse a[href]").count() >= 3
        else:
            assert "JavaScript" not in text, path
    assert watch.take() == []

    page.goto(served.url)
    page.locator("header.site nav").get_by_role("link", name="Topics").click()
    page.wait_for_url(f"{served.url}topics/**")
    page.locator("main a[href]").first.click()
    assert page.locator("h1").is_visible()
    assert "/topics/" in page.url


def test_search_with_javascript_does_not_apologise(new_page: Any, served: Served) -> None:
    page = new_page()
    open_search(page, served.url + KINDS["search"])
    assert "JavaScript" not in page.locator("body").inner_text()
    assert not page.locator("#search-status").is_visible()
