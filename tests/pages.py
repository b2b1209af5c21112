"""Helpers for driving the web page in Chromium: open it, ask, wait for text, move focus."""
from __future__ import annotations

import json
from urllib.parse import urlparse

ANSWERS = "#chat [data-testid=bot]"
TIMEOUT = 60_000  # ms; the machine is shared, answers take ~20 ms but the page can be slow


def open_page(browser, url: str, *, locale: str = "zh-CN", clipboard: bool = False, **options):
    """A page in a new context; returns (page, urls requested outside 127.0.0.1)."""
    context = browser.new_context(locale=locale, **{"viewport": {"width": 1200, "height": 1100}, **options})
    if clipboard:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url)
            if urlparse(r.url).hostname not in ("127.0.0.1", None) and not r.url.startswith("data:") else None)
    page.goto(url)
    page.locator("#question textarea").wait_for(state="attached", timeout=TIMEOUT)  # the page is up
    return page, outside


def wait_text(page, selector: str, text: str, timeout: int = TIMEOUT) -> None:
    page.wait_for_function("([s, t]) => { const e = document.querySelector(s); return !!e && e.innerText.includes(t); }",
                           arg=[selector, text], timeout=timeout)


def answers(page) -> int:
    return page.locator(ANSWERS).count()


def wait_answers(page, count: int) -> str:
    """Wait until the chat holds `count` answers; the last one's text."""
    page.wait_for_function("([s, n]) => document.querySelectorAll(s).length >= n", arg=[ANSWERS, count],
                           timeout=TIMEOUT)
    return page.locator(ANSWERS).nth(count - 1).inner_text()


def ask(page, question: str) -> str:
    before = answers(page)
    box = page.locator("#question textarea")
    box.fill(question)
    box.press("Enter")
    return wait_answers(page, before + 1)


def clipboard(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def wait_clipboard(page, text: str) -> None:
    page.wait_for_function("t => navigator.clipboard.readText().then(c => c.includes(t))", arg=text,
                           timeout=10_000)


FOCUSED = """() => { const e = document.activeElement; const s = getComputedStyle(e);
  return {tag: e.tagName, text: (e.getAttribute('aria-label') || e.innerText || '').trim().slice(0, 40),
          outline: s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth)}; }"""


def tab_to(page, selector: str, key: str = "Tab", limit: int = 40) -> list[dict]:
    """Press `key` until the focused element matches `selector`; the focus stops on the way.
    Every stop must show a focus outline of at least 2 px."""
    stops = []
    for _ in range(limit):
        page.keyboard.press(key)
        stop = page.evaluate(FOCUSED)
        stops.append(stop)
        assert stop["tag"] == "BODY" or stop["outline"] >= 2, f"no visible focus on {stop}"
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return stops
    raise AssertionError(f"{selector} not reached with {key}: {json.dumps(stops, ensure_ascii=False)}")


def wait_settled(page, selector: str, timeout: int = TIMEOUT) -> None:
    """Wait until the element and its ancestors are fully opaque: Gradio dims an output while its
    event is still pending, and a check made then (colour contrast) would see the dimmed colours."""
    page.wait_for_function(
        """s => { for (let e = document.querySelector(s); e; e = e.parentElement) {
                      if (parseFloat(getComputedStyle(e).opacity) < 1) return false; }
                  return !!document.querySelector(s); }""", arg=selector, timeout=timeout)
