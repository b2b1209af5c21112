"""The page measured against WCAG 2.1 AA in Debian's Chromium: axe-core (from the installed
axe-playwright-python package, no CDN) over every tab, empty and with answers, light and dark,
desktop, 200% zoom and a 360-px phone; keyboard-only use; the live region; control names in the
page's language whatever the browser's; the 大字 switch. Screenshots go to docs/."""
from __future__ import annotations

import json
import re
import sqlite3

import pytest

from assistant.config import PROJECT_ROOT
from tests.pages import (ANSWERS, ask, open_page, tab_to, wait_answers, wait_clipboard, wait_settled, wait_text)

DOCS = PROJECT_ROOT / "docs"
AXE_RESULTS = DOCS / "axe-results.json"
BLOCKING = ("serious", "critical")
ZOOM_200 = {"viewport": {"width": 640, "height": 400}, "device_scale_factor": 2}  # 1280×800 at 200%
PHONE = {"viewport": {"width": 360, "height": 780}, "device_scale_factor": 3, "is_mobile": True,
         "has_touch": True}
CONTROL_ROLES = ("button", "link", "textbox", "combobox", "radio", "checkbox", "tab", "option",
                 "switch", "searchbox", "spinbutton", "slider", "menuitem", "listbox")
CJK = re.compile(r"[\u4e00-\u9fff]")


class AxeLog:
    """axe-core runs by page state: every violation is kept for the record, serious and
    critical ones fail the test."""

    def __init__(self):
        from axe_playwright_python.sync_playwright import Axe

        self.axe = Axe()
        self.states: dict[str, dict] = {}

    def check(self, page, state: str) -> None:
        page.wait_for_timeout(300)  # let Gradio finish re-rendering after the last event
        response = self.axe.run(page).response
        violations = [{"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"]), "help": v["help"],
                       "targets": [n["target"] for n in v["nodes"][:5]]} for v in response["violations"]]
        self.states[state] = {"passes": len(response.get("passes", [])), "violations": violations,
                              "engine": response["testEngine"]["version"]}

    def blocking(self) -> dict[str, list]:
        return {state: [v for v in result["violations"] if v["impact"] in BLOCKING]
                for state, result in self.states.items()
                if any(v["impact"] in BLOCKING for v in result["violations"])}

    def save(self, path) -> None:
        engine = next(iter(self.states.values()))["engine"] if self.states else ""
        summary = {"axe_core": engine, "standard": "WCAG 2.1 A/AA + axe best practices",
                   "states": {s: {"violations": r["violations"]} for s, r in self.states.items()}}
        path.write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def walk_the_page(page, axe: AxeLog, prefix: str, full: bool = True) -> None:
    """Empty chat, answers of every kind, sources open, feedback, each tab."""
    axe.check(page, f"{prefix}: chat, empty")
    ask(page, "小区的网线能不能一直架在电线杆上？")
    page.locator("#chat details.source summary").first.click()
    ask(page, "吉林市今天天气怎么样")  # a decline
    if full:
        ask(page, "Must government-funded IT projects go through centralized procurement?")
        ask(page, "建设单位有哪些义务？")
        page.locator("#chat button[aria-label='赞']").first.click()
        wait_text(page, "#feedback-status", "谢谢")
        page.locator("#comment-box button").first.click()
    axe.check(page, f"{prefix}: chat, with answers")
    if full:
        page.get_by_label("繁體").check()
        wait_text(page, "#chat", "依據")
        axe.check(page, f"{prefix}: chat, 繁體")
    page.get_by_role("tab", name="义务查询").click()
    page.locator("#duty-table table").wait_for()
    axe.check(page, f"{prefix}: 义务查询")
    if full:
        page.locator("#duty-actor input").click()
        page.get_by_role("option", name="建设单位（3）").wait_for()
        axe.check(page, f"{prefix}: 义务查询, actor list open")
        page.get_by_role("option", name="建设单位（3）").click()
        wait_text(page, "#duty-table", "不得交付使用")
        wait_settled(page, "#duty-table table")
        axe.check(page, f"{prefix}: 义务查询, filtered")
    page.get_by_role("tab", name="条文浏览").click()
    page.locator("#article-view").wait_for()
    axe.check(page, f"{prefix}: 条文浏览")


def test_axe_finds_no_serious_or_critical_violation(server, chromium):
    url, _ = server
    axe = AxeLog()
    outside: list[str] = []
    runs = [("desktop", {}, True), ("dark", {"color_scheme": "dark"}, True), ("200% zoom", ZOOM_200, False),
            ("360-px phone", PHONE, False)]
    for name, options, full in runs:
        page, requests = open_page(chromium, url, **options)
        walk_the_page(page, axe, name, full)
        outside += requests
        page.context.close()
    page, requests = open_page(chromium, url + "?article=abc")  # a link that cannot be followed
    wait_text(page, "#link-status", "链接有误")
    page.locator("#large-text").click()
    ask(page, "第八条")
    axe.check(page, "大字, link error shown")
    page.goto(url + "?article=34")
    wait_text(page, "#article-view", "原文缺失")
    axe.check(page, "条文浏览, 第三十四条 (missing)")
    outside += requests
    page.context.close()

    DOCS.mkdir(exist_ok=True)
    axe.save(AXE_RESULTS)
    assert len(axe.states) >= 20
    assert axe.blocking() == {}, json.dumps(axe.blocking(), ensure_ascii=False, indent=1)
    assert outside == []  # axe-core came from the installed package, nothing from a CDN


def test_keyboard_only(server, chromium):
    """Type, send, open the sources, copy a citation and give feedback with the keyboard alone."""
    url, database = server
    page, _ = open_page(chromium, url, clipboard=True)
    tab_to(page, "a.skip-link")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.closest('#question') !== null")
    page.keyboard.type("小区的网线能不能一直架在电线杆上？")
    page.keyboard.press("Enter")
    text = wait_answers(page, 1)
    assert "第八条第二款" in text and "逐步移入地下管道" in text
    assert page.evaluate("document.activeElement.closest('#question') !== null")  # ready to ask again

    tab_to(page, "#chat details.source summary", key="Shift+Tab")
    page.keyboard.press("Enter")
    assert page.locator("#chat details.source[open] mark").first.is_visible()
    tab_to(page, "#chat button.copy-citation")
    page.keyboard.press("Enter")
    wait_clipboard(page, "《吉林市信息化促进办法》第八条第二款：“城镇新设各种通信管线")
    tab_to(page, "#chat button[aria-label='赞']")
    page.keyboard.press("Enter")
    wait_text(page, "#feedback-status", "谢谢")
    with sqlite3.connect(database) as db:
        rows = db.execute("SELECT question, rating FROM feedback").fetchall()
    assert ("小区的网线能不能一直架在电线杆上？", 1) in rows

    tab_to(page, "#cited a")  # a cited article opens in the article browser, focus on its heading
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.matches('#article-view h2')", timeout=30_000)
    assert page.evaluate("document.activeElement.innerText") == "第八条"

    tab_to(page, "#large-text", key="Shift+Tab", limit=60)
    page.keyboard.press("Space")
    assert page.locator("#large-text").get_attribute("aria-pressed") == "true"
    page.context.close()


def test_new_answers_are_announced_politely(server, chromium):
    url, _ = server
    page, _ = open_page(chromium, url)
    region = page.locator("#announce")
    assert region.get_attribute("role") == "status" and region.get_attribute("aria-live") == "polite"
    page.evaluate("document.querySelector('#announce').dataset.marker = 'before'")
    ask(page, "第十三条")
    wait_text(page, "#announce", "新回答：依据《吉林市信息化促进办法》第十三条")
    spoken = region.text_content()
    assert "不得交付使用" in spoken  # the quote is read…
    assert "来源" not in spoken and "复制" not in spoken  # …not the sources block or the buttons
    assert region.get_attribute("data-marker") == "before"  # the same element: a region that persists
    # Gradio's chat log would read the whole message source too: it is silenced.
    assert page.locator("#chat [role=log]").get_attribute("aria-live") == "off"
    ask(page, "吉林市今天天气怎么样")
    wait_text(page, "#announce", "没有规定这个问题")
    page.context.close()


def test_every_control_is_named_in_the_page_language(server, chromium):
    """An English-language browser still gets a Chinese page: <html lang>, Gradio's own buttons."""
    url, _ = server
    page, _ = open_page(chromium, url, locale="en-US")
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    ask(page, "第十三条")
    snapshots = [page.locator("body").aria_snapshot()]
    for tab in ("义务查询", "条文浏览"):
        page.get_by_role("tab", name=tab).click()
        page.wait_for_timeout(300)
        snapshots.append(page.locator("body").aria_snapshot())
    controls = re.compile(rf"^\s*- ({'|'.join(CONTROL_ROLES)})\b(?: \"(.*?)\")?", re.MULTILINE)
    found = [(role, name) for snapshot in snapshots for role, name in controls.findall(snapshot)]
    assert len(found) > 40
    unnamed = [(role, name) for role, name in found if not CJK.search(name or "")]
    assert unnamed == []
    assert {"赞", "踩", "清空对话", "大字", "复制链接", "复制引文", "跳到提问框"} <= {n for _, n in found}
    page.context.close()


def font_size(page, selector: str) -> float:
    return page.evaluate("s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize)", selector)


def sizes(page) -> dict[str, float]:
    """Font sizes of the chat's answer, the question box and the article browser's text."""
    chat = {s: font_size(page, s) for s in (f"{ANSWERS} p", "#question textarea")}
    page.get_by_role("tab", name="条文浏览").click()
    page.locator("#article-view p").first.wait_for()
    article = {"#article-view p": font_size(page, "#article-view p")}
    page.get_by_role("tab", name="问答").click()
    return {**chat, **article}


def test_large_text_switch_is_remembered(server, chromium):
    url, _ = server
    page, _ = open_page(chromium, url + "?q=第八条")
    wait_answers(page, 1)
    toggle = page.locator("#large-text")
    before = sizes(page)
    assert min(before.values()) >= 16 and toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    after = sizes(page)
    assert all(after[s] >= 1.25 * before[s] for s in before), (before, after)
    assert toggle.get_attribute("aria-pressed") == "true"
    page.screenshot(path=str(DOCS / "web-large-text.png"))

    page.reload()  # remembered by this browser
    wait_answers(page, 1)
    assert page.locator("#large-text").get_attribute("aria-pressed") == "true"
    assert sizes(page) == after
    page.locator("#large-text").click()
    assert sizes(page) == before
    page.reload()
    wait_answers(page, 1)
    assert sizes(page) == before
    page.context.close()


@pytest.mark.parametrize("name,options", [("web-zoom-200", ZOOM_200), ("web-phone-360", PHONE)])
def test_layout_reflows_at_200_percent_and_on_a_phone(server, chromium, name, options):
    """No sideways scrolling of the page; the question box, send and the answer's actions fit."""
    url, _ = server
    page, _ = open_page(chromium, url + "?q=小区的网线能不能一直架在电线杆上？", **options)
    wait_answers(page, 1)
    page.locator(f"{ANSWERS} .copy-link").scroll_into_view_if_needed()
    width = options["viewport"]["width"]

    def fits(selector: str) -> bool:
        box = page.locator(selector).first.bounding_box()
        return box is not None and box["width"] > 0 and box["x"] >= 0 and box["x"] + box["width"] <= width + 1

    for selector in ("#question textarea", "#send", "#large-text", ANSWERS, f"{ANSWERS} .copy-link",
                     f"{ANSWERS} .copy-citation", "button[role=tab] >> nth=2"):
        assert fits(selector), selector
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(DOCS / f"{name}.png"))
    for tab, part in (("义务查询", "#duty-table table"), ("条文浏览", "#all-articles")):
        page.get_by_role("tab", name=tab).click()
        page.locator(part).wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= width, tab  # the table scrolls inside
    page.context.close()
