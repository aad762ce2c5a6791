"""Journeys a reader makes through the shipped site, click by click, in Chromium."""

from __future__ import annotations

import re
from typing import Any

from browser.support import (
    INTERVIEW,
    KINDS,
    NOTE,
    RESULTS_SHOWN,
    Served,
    Watch,
    filter_block,
    highlighted,
    on_screen,
)


def test_home_topic_pair_answer_paragraph(new_page: Any, served: Served) -> None:
    page = new_page(width=375, height=812)
    watch = Watch(page)
    page.goto(served.url)
    page.get_by_role("link", name="The Alaska (Anchorage) summit").click()
    page.wait_for_url(re.compile(r"/topics/alaska-summit/"))
    assert page.locator("h1").inner_text() == "The Alaska (Anchorage) summit"

    pair = page.locator(".pair").first
    assert pair.locator(".turn.question").is_visible()
    pair.locator(".turn.answer .more a").click()
    page.wait_for_url(re.compile(rf"/interviews/{INTERVIEW}/(index\.html)?#a1$"))
    assert on_screen(page, "#a1") and highlighted(page, "#a1")
    assert on_screen(page, "#a1-p1")

    page.locator("#a1-p1 a.permalink").click()
    page.wait_for_url(re.compile(r"#a1-p1$"))
    assert on_screen(page, "#a1-p1") and highlighted(page, "#a1-p1")
    assert watch.take() == []


def test_note_quote_passage_backlink(new_page: Any, served: Served) -> None:
    page = new_page()
    watch = Watch(page)
    page.goto(served.url + KINDS["note"])
    quote = page.locator("figure.transclusion").first
    quote_id = quote.get_attribute("id")
    assert "Tokayev" in quote.locator("blockquote").inner_text()

    quote.locator("figcaption a").click()
    page.wait_for_url(re.compile(rf"/interviews/{INTERVIEW}/(index\.html)?#a1-p1$"))
    assert on_screen(page, "#a1-p1") and highlighted(page, "#a1-p1")

    back = page.locator(f"#a1 .backlinks a[href$='#{quote_id}']")
    assert back.count() == 1, "the quoted answer links back to the quote in the note"
    back.click()
    page.wait_for_url(re.compile(rf"/notes/{NOTE}/(index\.html)?#{quote_id}$"))
    assert on_screen(page, f"#{quote_id}") and highlighted(page, f"#{quote_id}")
    assert watch.take() == []


def test_search_filter_by_speaker_opens_the_answer(new_page: Any, served: Served) -> None:
    page = new_page()
    watch = Watch(page)
    page.goto(served.url)
    page.get_by_role("searchbox", name="Search").fill("Anchorage")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/(index\.html)?\?q=Anchorage$"))
    page.wait_for_function(RESULTS_SHOWN)

    speaker = filter_block(page, "Speaker", watch)
    unfiltered = page.locator(".pagefind-ui__result").count()
    speaker.get_by_label(re.compile(r"^Murad Shamilov \(\d+\)$")).check()
    message = page.locator(".pagefind-ui__message")
    page.wait_for_function(
        "n => document.querySelectorAll('.pagefind-ui__result').length < n", arg=unfiltered
    )
    page.wait_for_function(RESULTS_SHOWN)
    assert "Anchorage" in message.inner_text()
    results = page.locator(".pagefind-ui__result")
    for text in results.all_inner_texts():
        assert "Murad Shamilov" in text

    results.first.locator("a.pagefind-ui__result-link").click()
    page.wait_for_url(re.compile(rf"/interviews/{INTERVIEW}/#a\d+$"))
    target = page.locator(":target")
    assert target.get_attribute("class") == "turn answer"
    assert target.locator(".who .speaker").inner_text() == "Murad Shamilov"
    assert "Anchorage" in target.inner_text()
    turn = target.get_attribute("id")
    assert on_screen(page, f"#{turn}") and highlighted(page, f"#{turn}")
    assert watch.take() == []
