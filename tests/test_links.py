"""Links officials can share and citations they can paste: `/?q=…`, `/?article=21`,
`#第二十一条`, each answer's 复制链接 / 复制引文, and the printable article browser — the
link functions on their own, then everything in Debian's Chromium as a person uses it."""
from __future__ import annotations

import re
from urllib.parse import quote

from assistant.config import PROJECT_ROOT
from assistant.links import MAX_LINK_QUESTIONS, PageLink, article_number, citation_lines, parse, query
from tests.pages import ANSWERS, ask, clipboard, open_page, wait_answers, wait_clipboard, wait_text

Q8 = "小区的网线能不能一直架在电线杆上？"
CITE_8_2 = "《吉林市信息化促进办法》第八条第二款：“城镇新设各种通信管线应当建设共享的地下管道。已经架设在空中的,逐步移入地下管道。”"
CITE_13 = ("《吉林市信息化促进办法》第十三条第一款：“信息化工程项目竣工后,建设单位应当按照国家标准或者行业标准进行测试,"
           "并按照国家规定进行验收。未经验收或者验收不合格的项目,不得交付使用。”\n"
           "《吉林市信息化促进办法》第十三条第二款：“使用财政性资金的信息化工程项目验收结果应当报信息化主管部门备案。”")


# ---------------------------------------------------------------- the link functions

def test_article_numbers_in_links():
    for text in ("21", "第二十一条", "第21条", "第二十一條", "article-21", "第 二十一 条"):
        assert article_number(text) == 21, text
    for text in ("", "abc", "第条", "21a", "第二十一款", "question"):
        assert article_number(text) is None, text


def test_parse_and_build_links():
    assert parse("?q=" + quote(Q8)) == PageLink(questions=(Q8,))
    assert parse("?article=21") == PageLink(article=21)
    assert parse("#" + quote("第二十一条")) == PageLink(article=21)
    assert parse("#第21条") == PageLink(article=21)
    assert parse("#top").article is None and not parse("#top").error  # not every fragment is an article
    bad = parse("?article=abc")
    assert bad.article is None and "abc" in bad.error and "#第二十一条" in bad.error
    assert parse("?q=+&q=") == PageLink()
    assert len(parse("?" + "&".join(f"q={i}" for i in range(30))).questions) == MAX_LINK_QUESTIONS
    link = PageLink(("第十三条", "那第二款呢？"), regulation="beijing")
    assert parse(query(link)) == link
    assert query(PageLink(article=21)) == "?article=21"
    assert query(PageLink()) == ""


def test_citation_lines_follow_the_answer(assistant):
    corpus = assistant.index.corpus
    assert citation_lines(assistant.ask(Q8), corpus) == [CITE_8_2]
    assert "\n".join(citation_lines(assistant.ask("第十三条"), corpus)) == CITE_13
    english = citation_lines(assistant.ask("Must government-funded IT projects go through centralized procurement?"),
                             corpus)
    assert english[0] == "《吉林市信息化促进办法》 Article 11(1): “使用财政性资金的信息化工程项目和信息服务外包项目应当纳入政府集中采购。”"
    traditional = citation_lines(assistant.ask("第二十一條第二款"), corpus)
    assert traditional[0].startswith("《吉林市信息化促進辦法》第二十一條第二款：“除國家規定專用網絡外")
    assert citation_lines(assistant.ask("第三十四条讲什么？"), corpus) == []  # the missing article cites nothing


# ---------------------------------------------------------------- in the browser

def browser_shows(page, label: str, text: str) -> None:
    wait_text(page, "#article-view", label)
    wait_text(page, "#article-view", text)
    assert page.get_by_role("tab", name="条文浏览").get_attribute("aria-selected") == "true"
    assert page.locator("#article-view").is_visible()


def test_question_link_asks_on_open(server, chromium):
    url, _ = server
    page, outside = open_page(chromium, url + "?q=" + quote(Q8))
    text = wait_answers(page, 1)
    assert "依据《吉林市信息化促进办法》第八条第二款" in text and "逐步移入地下管道" in text
    assert Q8 in page.locator("#chat").inner_text()  # shown as asked
    assert page.get_by_role("tab", name="问答").get_attribute("aria-selected") == "true"
    # A conversation link asks in order, so the follow-up means what it meant.
    page.goto(url + "?q=" + quote("第十三条") + "&q=" + quote("那第二款呢？"))
    assert "验收结果应当报信息化主管部门备案" in wait_answers(page, 2)
    assert "依据《吉林市信息化促进办法》第十三条第二款" in page.locator(ANSWERS).nth(1).inner_text()
    page.context.close()
    assert outside == []


def test_article_links_open_the_article_browser(server, chromium):
    url, _ = server
    page, _ = open_page(chromium, url + "?article=21")
    browser_shows(page, "第二十一条", "不得新建政务专用网络")
    assert "第二十一条" in page.locator("#article-picker").inner_text() + page.locator(
        "#article-picker input").input_value()
    page.goto(url + "#" + quote("第二十一条"))
    browser_shows(page, "第二十一条", "不得新建政务专用网络")
    page.goto(url + "?article=34")
    browser_shows(page, "第三十四条", "原文缺失")
    page.goto(url + "?article=abc")  # a link that cannot be followed says so and changes nothing
    wait_text(page, "#link-status", "链接有误")
    assert "abc" in page.locator("#link-status").inner_text()
    assert page.get_by_role("tab", name="问答").get_attribute("aria-selected") == "true"
    page.goto(url + "?article=" + quote("<img src=x onerror='window.hacked=1'>"))  # shown, never run
    wait_text(page, "#link-status", "<img src=x")
    assert page.evaluate("window.hacked") is None

    # Article links inside the page open the browser in place and keep the conversation.
    page.goto(url)
    page.locator("#question textarea").wait_for()
    ask(page, Q8)
    page.locator("#cited a", has_text="第八条").click()
    browser_shows(page, "第八条", "统筹考虑空间布局")
    assert page.evaluate("decodeURIComponent(location.hash)") == "#第八条"  # the address bar is the link
    page.get_by_role("tab", name="义务查询").click()
    page.locator("#duty-table a", has_text="第十条").first.click()
    browser_shows(page, "第十条", "报所在地的市或者县(市)信息化主管部门备案")
    page.get_by_role("tab", name="问答").click()
    assert page.locator(ANSWERS).count() == 1
    page.context.close()


def test_copy_link_and_citation(server, chromium):
    url, _ = server
    page, _ = open_page(chromium, url, clipboard=True)
    ask(page, "第十三条")
    ask(page, "那第二款呢？")
    first, second = page.locator(ANSWERS).nth(0), page.locator(ANSWERS).nth(1)
    first.locator("button.copy-citation").click()
    wait_clipboard(page, CITE_13)
    assert clipboard(page) == CITE_13
    wait_text(page, "#announce", "引文已复制")
    first.locator("button.copy-link").click()
    wait_clipboard(page, "?q=")
    assert clipboard(page) == url + "?q=" + quote("第十三条")
    second.locator("button.copy-link").click()  # a follow-up's link carries what it follows
    wait_clipboard(page, quote("那第二款呢？"))
    follow_up_link = clipboard(page)
    assert follow_up_link == url + "?q=" + quote("第十三条") + "&q=" + quote("那第二款呢？")
    assert second.locator("button.copy-link").inner_text() == "已复制"  # seen as well as heard

    colleague, _ = open_page(chromium, follow_up_link)  # what the colleague sees
    assert "依据《吉林市信息化促进办法》第十三条第二款" in wait_answers(colleague, 2)
    colleague.context.close()

    declined = ask(page, "吉林市今天天气怎么样")
    last = page.locator(ANSWERS).nth(2)
    assert "没有规定" in declined and last.locator("button.copy-link").count() == 1
    assert last.locator("button.copy-citation").count() == 0  # nothing cited, nothing to copy

    page.get_by_role("tab", name="条文浏览").click()
    page.get_by_label("选择条文").click()
    page.get_by_role("option", name="第二十一条", exact=True).click()
    wait_text(page, "#article-view", "不得新建政务专用网络")
    page.locator("#article-view button.copy-link").click()
    wait_clipboard(page, "?article=21")
    assert clipboard(page) == url + "?article=21"
    page.locator("#article-view button.copy-citation").click()
    wait_clipboard(page, "第二十一条第二款")
    assert clipboard(page).splitlines()[1] == ("《吉林市信息化促进办法》第二十一条第二款：“除国家规定专用网络外,"
                                               "不得新建政务专用网络。已经建成的,应当逐步接入统一的电子政务网络。”")
    page.context.close()


def pdf_pages(page) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4")))


def test_article_browser_prints_cleanly(server, chromium):
    url, _ = server
    page, _ = open_page(chromium, url + "?article=21")
    browser_shows(page, "第二十一条", "不得新建政务专用网络")
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")

    page.locator("#print-article").click()  # 打印本条
    assert page.evaluate("window.printed") == 1
    page.emulate_media(media="print")
    assert page.locator("#article-view").is_visible() and page.locator(".print-only").first.is_visible()
    for hidden in ("#all-articles", "[role=tablist]", "#article-picker", "#page-head", "#large-text",
                   "#article-view .answer-actions", "#print-all"):
        assert not page.locator(hidden).first.is_visible(), hidden
    page.screenshot(path=str(PROJECT_ROOT / "docs" / "print-article.png"), full_page=True)
    assert pdf_pages(page) == 1  # printing ends the 打印本条 choice (afterprint): Ctrl+P prints both

    page.emulate_media(media="screen")
    page.locator("#print-all").click()  # 打印全文
    page.emulate_media(media="print")
    assert page.locator("#all-articles").is_visible() and page.locator("#metadata").is_visible()
    assert not page.locator("#article-view").is_visible()
    whole = page.locator("#all-articles").inner_text()
    assert "第三十三条" in whole and "第三十五条" in whole
    assert re.search(r"第三十四条\s*〔原文缺失〕", whole)
    assert page.locator("#all-articles p.missing").count() == 1
    assert pdf_pages(page) >= 3
    page.context.close()
