"""The JSON HTTP API on a real server (`assistant serve --api-only`, and the page's server), driven
by a real HTTP client: the same bytes as the CLI's --json, follow-ups, bad bodies, 404/413/422 as
JSON, the OpenAPI description with real examples, and /docs in Debian's Chromium, offline."""
import http.client
import json
import os
import subprocess
import sys
from urllib.parse import urlparse

import pytest

from benchmarks.load import free_port, start_server, stop_server
from tests.conftest import run_cli

CHROMIUM = "/usr/bin/chromium"
ROUTES = {("/api/ask", "post"), ("/api/articles", "get"), ("/api/articles/{number}", "get"),
          ("/api/duties", "get"), ("/api/actors", "get"), ("/api/regulations", "get")}


def start(index_dir, tmp_path_factory, *flags):

    port = free_port()
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(index_dir),
           "ASSISTANT_DATA_DIR": str(tmp_path_factory.mktemp("data"))}
    return port, start_server(port, env, flags=flags)


@pytest.fixture(scope="module")
def api(assistant, index_dir, tmp_path_factory):
    port, process = start(index_dir, tmp_path_factory, "--api-only")
    yield port
    stop_server(process)


def call(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, response.getheader("content-type"), data


def ask(port, payload, content_type="application/json"):
    body = payload if isinstance(payload, bytes) else json.dumps(payload, ensure_ascii=False).encode()
    return call(port, "POST", "/api/ask", body, {"Content-Type": content_type})


def test_answers_are_the_bytes_of_ask_json(api, index_dir):
    questions = ["小区的网线能不能一直架在电线杆上?", "網際網路技術要怎麼推廣?", "第三十四条讲什么？",
                 "Must government-funded IT projects go through centralized procurement?",
                 "信息化发展专项资金每年有多少钱？", "建设单位有哪些义务？"]
    cli = run_cli(["ask", "--json"], index_dir, stdin="\n".join(questions).encode())
    assert cli.returncode == 0, cli.stderr.decode()
    for question, line in zip(questions, cli.stdout.decode().splitlines()):
        status, content_type, body = ask(api, {"question": question})
        assert status == 200 and content_type.startswith("application/json")
        assert body.decode() == line
    # curl -d sends a form content type: the body is still read as JSON (asking changes nothing)
    status, _, body = ask(api, {"question": questions[0]}, "application/x-www-form-urlencoded")
    assert status == 200 and json.loads(body)["articles"][0] == 8


def test_follow_up_script_and_regulation(api):
    _, _, first = ask(api, {"question": "第二十一条"})
    status, _, body = ask(api, {"question": "那第二款呢?", "previous": json.loads(first)})
    follow_up = json.loads(body)
    assert status == 200 and follow_up["citations"][0]["label"] == "第二十一条第二款"
    _, _, minimal = ask(api, {"question": "下一条呢?", "previous": {"articles": [21]}})
    assert json.loads(minimal)["articles"] == [22]
    _, _, traditional = ask(api, {"question": "小区的网线能不能一直架在电线杆上?", "script": "zh-Hant"})
    assert json.loads(traditional)["script"] == "zh-Hant" and "條" in json.loads(traditional)["answer"]
    _, _, scoped = ask(api, {"question": "第八条", "regulation": "jilin-informatization-measures"})
    assert json.loads(scoped)["articles"] == [8]


@pytest.mark.parametrize("body, field", [
    (b"", "body"), (b"{}", "body.question"), (b"not json", "body"), (b"[1, 2]", "body"),
    (b'{"question": 5}', "body.question"), (b'{"question": null}', "body.question"),
    (b'{"question": "x", "answer": "y"}', "body.answer"),
    (b'{"question": "x", "script": "en-GB"}', "body.script"),
    (b'{"question": "x", "previous": {"articles": "8"}}', "body.previous.articles"),
    (b'{"question": "x", "previous": [8]}', "body.previous"),
    (b'{"question": "x", "regulation": "beijing"}', "body.regulation"),
    ('{"question": "\udcff"}'.encode("utf-8", "surrogatepass"), "body"),
])
def test_bad_bodies_are_422_json(api, body, field):
    status, content_type, data = ask(api, body)
    error = json.loads(data)
    assert status == 422 and content_type.startswith("application/json"), data
    assert error["status"] == 422 and error["message"].startswith("bad request: ")
    assert field in [e["field"] for e in error["errors"]], error


def test_oversized_bodies_are_413_json(api):
    big = json.dumps({"question": "信" * 30_000}).encode()  # 90 KB of UTF-8
    status, _, data = ask(api, big)
    assert status == 413 and json.loads(data) == {"status": 413, "message":
                                                  "request body too large (the limit is 64 KB)"}
    connection = http.client.HTTPConnection("127.0.0.1", api, timeout=30)  # no length declared
    connection.putrequest("POST", "/api/ask")
    connection.putheader("Transfer-Encoding", "chunked")
    connection.endheaders()
    for _ in range(10):
        connection.send(b"2000\r\n" + b"a" * 0x2000 + b"\r\n")
    connection.send(b"0\r\n\r\n")
    response = connection.getresponse()
    assert response.status == 413 and json.loads(response.read())["status"] == 413
    # a long question within the limit is answered: declined with the reason
    status, _, data = ask(api, {"question": "信" * 5000})
    assert status == 200 and json.loads(data)["reason"] == "too_long"


def test_articles_and_duties_match_the_cli(api, index_dir):
    for path, args in (("/api/articles", ["articles", "--json"]), ("/api/articles/8", ["article", "8", "--json"]),
                       ("/api/articles/%E4%BA%8C%E5%8D%81%E4%B8%80", ["article", "21", "--json"]),
                       ("/api/duties?actor=%E5%BB%BA%E8%AE%BE%E5%8D%95%E4%BD%8D", ["duties", "建设单位", "--json"]),
                       ("/api/duties?modality=must-not", ["duties", "--modality", "must-not", "--json"]),
                       ("/api/actors", ["duties", "--actors", "--json"])):
        status, _, body = call(api, "GET", path)
        assert status == 200, (path, body)
        assert body.decode() + "\n" == run_cli(args, index_dir).stdout.decode(), path
    status, _, body = call(api, "GET", "/api/articles/34")
    missing = json.loads(body)
    assert status == 404 and missing["status"] == 404 and missing["missing"] is True
    assert "缺失" in missing["message"] and missing["article"] == 34
    status, _, body = call(api, "GET", "/api/articles/99")
    assert status == 404 and "第九十九条" in json.loads(body)["message"]
    for path, expected in (("/api/articles/abc", 422), ("/api/duties?actor=nobody", 404),
                           ("/api/duties?modality=often", 422), ("/api/articles?regulation=nowhere", 404),
                           ("/api/nothing", 404)):
        status, _, body = call(api, "GET", path)
        assert status == expected and json.loads(body)["status"] == expected, (path, body)
    status, _, body = call(api, "GET", "/api/ask")
    assert status == 405 and json.loads(body)["status"] == 405
    status, _, body = call(api, "GET", "/api/regulations")
    assert json.loads(body)["default"] == "jilin-informatization-measures"


def test_openapi_lists_every_route_with_real_examples(api):
    status, _, body = call(api, "GET", "/openapi.json")
    description = json.loads(body)
    assert status == 200
    routes = {(path, method) for path, methods in description["paths"].items() for method in methods}
    assert routes == ROUTES
    examples = description["paths"]["/api/ask"]["post"]["responses"]["200"]["content"]["application/json"]["examples"]
    _, _, live = ask(api, {"question": "小区的网线能不能一直架在电线杆上?"})
    assert examples["answered"]["value"] == json.loads(live)
    assert examples["declined"]["value"]["refused"] is True
    bad = description["paths"]["/api/ask"]["post"]["responses"]["422"]["content"]["application/json"]
    assert bad["examples"]["bad-body"]["value"]["status"] == 422


def test_docs_page_in_real_browser_offline(api):
    from playwright.sync_api import sync_playwright

    outside: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.on("request", lambda r: outside.append(r.url)
                if urlparse(r.url).hostname not in ("127.0.0.1", None) and not r.url.startswith("data:")
                else None)
        page.goto(f"http://127.0.0.1:{api}/docs")
        page.locator(".opblock").first.wait_for(timeout=30000)
        shown = {(page.locator(".opblock-summary-path").nth(i).get_attribute("data-path"),
                  page.locator(".opblock-summary-method").nth(i).inner_text().lower())
                 for i in range(page.locator(".opblock").count())}
        browser.close()
    assert shown == ROUTES
    assert outside == []


def test_api_only_does_not_import_gradio(settings):
    code = ("import sys; from assistant.api import make_app; from assistant.cli import cmd_serve; "
            "print('gradio' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert result.stdout.decode().strip() == "False", result.stderr.decode()[-500:]


def test_page_server_serves_the_api_too(assistant, index_dir, tmp_path_factory):
    port, process = start(index_dir, tmp_path_factory)
    try:
        status, _, body = ask(port, {"question": "第八条"})
        assert status == 200 and json.loads(body)["articles"] == [8]
        status, content_type, page = call(port, "GET", "/")
        assert status == 200 and content_type.startswith("text/html") and b"gradio" in page.lower()
        assert call(port, "GET", "/docs")[0] == 200
        assert call(port, "GET", "/api/articles/34")[0] == 404
        from gradio_client import Client

        page = Client(f"http://127.0.0.1:{port}/", verbose=False)  # an open page: a heartbeat stream
        page.predict("第八条", api_name="/ask")
    finally:
        log = stop_server(process)  # the stop ends the open page's stream: no cancelled-task traceback
    page.close()
    assert "serving on" in log and "Traceback" not in log and "graceful shutdown exceeded" not in log, log


def test_readme_curl_example_is_real_output(api):
    from assistant.config import PROJECT_ROOT

    readme = (PROJECT_ROOT / "README.md").read_text("utf-8")
    block = readme.split("<!-- api-example:start -->")[1].split("<!-- api-example:end -->")[0]
    command, shown = block.strip().removeprefix("```text").removesuffix("```").strip().split("\n", 1)
    assert command.startswith("$ curl -s localhost:7860/api/ask -d '")
    status, _, body = ask(api, command.split("-d '", 1)[1].rstrip("'").encode())
    assert status == 200 and body.decode() == shown.strip()
