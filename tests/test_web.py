"""The web chat on a real server (the `server` fixture, conftest.py): gradio_client for the API,
Debian's Chromium via Playwright for the page. Nothing but 127.0.0.1 may be contacted by the page.
Accessibility and links: test_accessibility.py, test_links.py."""
import os
import sqlite3
from pathlib import Path
from urllib.parse import urlparse

from assistant.config import PROJECT_ROOT
from tests.pages import ask, open_page, wait_text

SCREENSHOT = PROJECT_ROOT / "docs" / "web-answer.png"


def feedback_rows(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT question, rating, comment, articles FROM feedback ORDER BY id").fetchall()


def test_api_answers_with_citation(server):
    from gradio_client import Client

    url, _ = server
    client = Client(url, verbose=False)
    answer = client.predict("政府花钱做的信息化项目要招标吗", api_name="/ask")
    assert answer["articles"][0] == 11 and not answer["refused"]
    assert answer["citations"][0]["article"] == 11
    declined = client.predict("吉林市今天天气怎么样", api_name="/ask")
    assert declined["refused"] and declined["citations"] == []


def test_binds_to_loopback_only(server):
    url, _ = server
    port = urlparse(url).port
    assert urlparse(url).hostname == "127.0.0.1"
    listening = []  # local addresses of sockets listening on the port (state 0A = LISTEN)
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                listening.append(address)
    assert listening == ["0100007F"]  # 127.0.0.1 only, nothing on 0.0.0.0 or ::


def test_page_in_real_browser(server, chromium):
    url, database = server
    page, outside = open_page(chromium, url, viewport={"width": 1200, "height": 1400})
    box = page.locator("#question textarea")

    # A Simplified question: the reply quotes and cites 第八条.
    box.fill("小区的网线能不能一直架在电线杆上？")
    box.press("Enter")
    bot = page.locator("#chat .message.bot, #chat [data-testid='bot']").last
    bot.wait_for(timeout=60000)
    page.wait_for_function("document.querySelector('#chat').innerText.includes('第八条第二款')",
                           timeout=60000)
    text = page.locator("#chat").inner_text()
    assert "逐步移入地下管道" in text

    # The sources block opens and shows the full article with the quoted paragraph marked.
    summary = page.locator("#chat details.source summary").first
    summary.click()
    assert page.locator("#chat details.source[open] mark").first.is_visible()
    assert "统筹考虑空间布局" in page.locator("#chat details.source[open]").first.inner_text()
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=False)  # the README's picture

    # A question with markup is shown as text and runs nothing.
    page.evaluate("window.__xss = 0")
    box.fill("<img src=x onerror='window.__xss=1'><script>window.__xss=2</script>第十三条")
    box.press("Enter")
    page.wait_for_function("document.querySelector('#chat').innerText.includes('不得交付使用')",
                           timeout=60000)
    assert page.evaluate("window.__xss") == 0
    assert "<script>" in page.locator("#chat").inner_text()
    assert "onerror='window.__xss=1'" in page.locator("#chat").inner_text()  # as typed, quotes too
    assert "依据《吉林市信息化促进办法》第十三条" in page.locator("#chat").inner_text()

    # Follow-up resolved against the last cited article.
    box.fill("那第二款呢？")
    box.press("Enter")
    page.wait_for_function(
        "document.querySelector('#chat').innerText.includes('验收结果应当报信息化主管部门备案')",
        timeout=60000)

    # 简/繁 switch re-renders the conversation in Traditional.
    page.get_by_label("繁體").check()
    page.wait_for_function("document.querySelector('#chat').innerText.includes('逐步移入地下管道')"
                           " === false && document.querySelector('#chat').innerText.includes('逐步移入地下管道'.replace('设','設'))"
                           " || document.querySelector('#chat').innerText.includes('依據')", timeout=60000)
    assert "依據《吉林市信息化促進辦法》第八條第二款" in page.locator("#chat").inner_text()
    page.get_by_label("简体").check()
    page.wait_for_function("document.querySelector('#chat').innerText.includes('依据《吉林市信息化促进办法》第八条')",
                           timeout=60000)

    # Feedback: 👍 on the first answer, and a comment; both land in SQLite.
    page.locator("#chat button[aria-label='赞'], #chat button[aria-label='Like']").first.click()
    page.wait_for_function("document.querySelector('#feedback-status').innerText.includes('谢谢')",
                           timeout=30000)
    page.locator("#comment-box button").first.click()
    page.locator("#comment textarea").fill("引用很清楚")
    page.locator("#comment-send").click()
    page.wait_for_function("document.querySelector('#feedback-status').innerText.includes('意见已保存')",
                           timeout=30000)

    # The cited article opens in the article browser.
    page.locator("#cited a").first.click()
    page.wait_for_function("document.querySelector('#article-view') && "
                           "document.querySelector('#article-view').innerText.includes('第十三条')",
                           timeout=30000)
    browser_text = page.locator("#all-articles").inner_text()
    assert "第三十四条" in browser_text and "原文缺失" in browser_text
    assert "吉林市人民政府令第234号" in page.locator("#metadata").inner_text()

    # Clearing the chat clears the conversation: a follow-up has nothing left to follow.
    page.get_by_role("tab", name="问答").click()
    page.get_by_role("button", name="清空对话").click()
    page.wait_for_function("document.querySelectorAll('#chat [data-testid=bot]').length === 0", timeout=30000)
    page.wait_for_function("document.querySelectorAll('#cited a').length === 0", timeout=30000)  # updated after the chat
    assert "没有规定这个问题" in ask(page, "那第二款呢？")
    page.context.close()

    rows = feedback_rows(database)
    assert ("小区的网线能不能一直架在电线杆上？", 1, "") == rows[0][:3]
    assert rows[1][1:3] == (0, "引用很清楚")
    assert outside == [], outside


def test_obligations_tab(server, chromium):
    url, _ = server
    page, _ = open_page(chromium, url)
    page.get_by_role("tab", name="义务查询").click()
    page.locator("#duty-actor input").click()
    page.get_by_role("option", name="建设单位（3）").click()
    page.wait_for_function("document.querySelector('#duty-table').innerText.includes('不得交付使用')"
                           " && !document.querySelector('#duty-table').innerText.includes('信息服务提供者')",
                           timeout=30000)
    table = page.locator("#duty-table table")
    assert table.locator("caption").inner_text().startswith("共3项")
    assert table.locator("thead th").all_inner_texts() == ["条文", "主体", "类型", "原文"]
    links = table.locator("tbody a")
    assert links.all_inner_texts() == ["第十条", "第十三条第一款", "第十三条第一款"]
    links.nth(1).click()
    wait_text(page, "#article-view", "第十三条")
    assert "不得交付使用" in page.locator("#article-view").inner_text()
    page.context.close()


def test_server_refuses_oversized_requests_and_foreign_paths(server):
    import urllib.error
    import urllib.request

    url, _ = server
    for path in ("gradio_api/file=/etc/passwd", "file=/etc/passwd", "gradio_api/file=../../../../etc/passwd",
                 "gradio_api/file=" + str(PROJECT_ROOT / "pyproject.toml")):
        try:
            body = urllib.request.urlopen(url + path, timeout=10).read()
            assert b"root:" not in body and b"[project]" not in body, path
        except urllib.error.HTTPError as error:
            assert error.code in (403, 404), (path, error.code)
    # The server refuses on the declared size, before reading the body: send only the headers.
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", urlparse(url).port, timeout=10)
    connection.putrequest("POST", "/gradio_api/call/ask")
    connection.putheader("Content-Type", "application/json")
    connection.putheader("Content-Length", str(600_000))
    connection.endheaders()
    assert connection.getresponse().status == 413
    connection.close()


def test_api_bad_input_is_answered_not_crashed(server):
    from gradio_client import Client

    url, _ = server
    client = Client(url, verbose=False)
    for question in ("", "\x00\x07", "信" * 5000, "😀<script>alert(1)</script>", "第999条", "第三十四条"):
        answer = client.predict(question, api_name="/ask")
        assert answer["refused"] and answer["citations"] == [] and answer["answer"]


def test_questions_are_not_logged(assistant, index_dir, tmp_path):
    from gradio_client import Client

    from benchmarks.load import free_port

    port = free_port()
    log = tmp_path / "server.log"
    with open(log, "wb") as sink:
        import subprocess
        import sys
        import time

        process = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", str(port)],
                                   env={**os.environ, "ASSISTANT_INDEX_DIR": str(index_dir),
                                        "ASSISTANT_DATA_DIR": str(tmp_path / "data")},
                                   stdout=sink, stderr=subprocess.STDOUT)
        try:
            deadline = time.time() + 120
            while time.time() < deadline:
                try:
                    client = Client(f"http://127.0.0.1:{port}/", verbose=False)
                    break
                except Exception:
                    time.sleep(0.5)
            marker = "我的身份证号是220102199001011234吗"
            client.predict(marker, api_name="/ask")
            client.predict(marker, "简体", api_name="/chat")
        finally:
            process.terminate()
            process.wait(timeout=30)
    text = log.read_text("utf-8", errors="replace")
    assert "serving on" in text  # the log is captured…
    assert "220102199001011234" not in text  # …and holds nothing of the question
