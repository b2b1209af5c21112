"""The reference library: a law the Measures do not hold, named in a question, is answered from the
library as reference — kept apart from the Measures' citations — in the CLI, the JSON and the page."""
import json
import os
import shutil

import pytest

from benchmarks.load import free_port, start_server, stop_server

from assistant.config import PROJECT_ROOT as ROOT

from .conftest import run_cli
from .pages import ask, open_page

LAW = "网络安全法(2016-11-07).md"  # two laws of the shipped library keep the build quick
SECOND_LAW = "电子签名法(2019-04-23).md"
QUESTION = "网络安全法第二十一条是怎么规定的"


@pytest.fixture(scope="module")
def library(index_dir, tmp_path_factory):
    """The Measures' index plus a library of two shipped laws, built by `assistant library`."""
    folder = tmp_path_factory.mktemp("library")
    for law in (LAW, SECOND_LAW):
        shutil.copy(ROOT / "library" / law, folder / law)
    env = {"ASSISTANT_LIBRARY_DIR": str(folder)}
    built = run_cli(["library"], index_dir, env_extra=env)  # progress on stderr, report on stdout
    assert built.returncode == 0, built.stderr.decode()[-800:]
    assert "2 regulation(s)" in built.stdout.decode() and "embedding paragraphs" in built.stderr.decode()
    status = run_cli(["library", "--status"], index_dir, env_extra=env)
    assert status.returncode == 0 and "up to date" in status.stdout.decode()
    yield env
    shutil.rmtree(index_dir / "library")  # the other modules' assistants have no library


def test_a_named_law_is_referred_to_the_library_in_the_cli_and_json(library, index_dir):
    answer = json.loads(run_cli(["ask", "--json", "--quiet", QUESTION], index_dir, env_extra=library).stdout)
    assert answer["refused"] and answer["reason"] == "other_law"
    assert answer["citations"] == [] and answer["articles"] == []  # the Measures cite nothing
    [referral] = answer["referrals"]
    assert referral["title"] == "中华人民共和国网络安全法" and referral["regulation"] == "网络安全法-2016-11-07"
    assert [c["article"] for c in referral["citations"]] == [21]
    assert "网络运营者应当按照网络安全等级保护制度的要求" in referral["citations"][0]["quote"]
    assert answer["answer"].startswith("《吉林市信息化促进办法》没有规定这个问题")
    assert "相关规定可参阅《中华人民共和国网络安全法》第二十一条" in answer["answer"]
    text = run_cli(["ask", "--quiet", QUESTION], index_dir, env_extra=library).stdout.decode()
    assert "供参考，不是上述法规的规定" in text and "网络安全等级保护制度" in text
    measures = json.loads(run_cli(["ask", "--json", "--quiet", "小区的网线能不能一直架在电线杆上?"],
                                  index_dir, env_extra=library).stdout)
    assert measures["articles"][0] == 8 and measures["referrals"] == []  # covered: no library
    unnamed = json.loads(run_cli(["ask", "--json", "--quiet", "网络运营者收集用户个人信息要遵守什么原则？"],
                                 index_dir, env_extra=library).stdout)  # names no law: the library is sure
    assert unnamed["reason"] == "not_covered" and unnamed["citations"] == []
    assert [c["article"] for c in unnamed["referrals"][0]["citations"]][:1] == [41]
    junk = json.loads(run_cli(["ask", "--json", "--quiet", "<script>alert(1)</script>"], index_dir,
                              env_extra=library).stdout)
    assert junk["refused"] and junk["referrals"] == []  # the library is not sure of anything here
    unheld = json.loads(run_cli(["ask", "--json", "--quiet", "著作权法第十条"], index_dir, env_extra=library).stdout)
    assert unheld["reason"] == "other_law" and unheld["referrals"] == []  # not in this library


def test_provisions_of_two_laws_are_each_shown_under_their_own_law(library, index_dir):
    # dictated with a space: the Measures read one question they do not cover, the library two
    # pieces answered from two laws (this crashed once, and then named only the first law's title)
    answer = json.loads(run_cli(["ask", "--json", "--quiet", "网络运营者收集个人信息遵守啥原则 电子签名啥情况算可靠"],
                                index_dir, env_extra=library).stdout)
    assert answer["refused"] and answer["citations"] == []
    assert [(r["title"], [c["article"] for c in r["citations"]]) for r in answer["referrals"]] == [
        ("中华人民共和国网络安全法", [41]), ("中华人民共和国电子签名法", [14])]
    assert "相关规定可参阅《中华人民共和国网络安全法》第四十一条第一款（" in answer["answer"]
    assert "相关规定可参阅《中华人民共和国电子签名法》第十四条（" in answer["answer"]
    assert all(c["regulation"] == r["regulation"] for r in answer["referrals"] for c in r["citations"])


def test_the_page_shows_the_referral_in_its_own_block(library, index_dir, chromium, tmp_path):
    port = free_port()
    process = start_server(port, {**os.environ, "ASSISTANT_INDEX_DIR": str(index_dir),
                                  "ASSISTANT_DATA_DIR": str(tmp_path), **library})
    try:
        page, _ = open_page(chromium, f"http://127.0.0.1:{port}/")
        reply = ask(page, QUESTION)
        assert "没有规定这个问题" in reply
        block = page.locator("#chat .referral").last
        assert block.locator(".referral-label").inner_text() == "参考：其他法律法规"
        assert "相关规定可参阅《中华人民共和国网络安全法》第二十一条" in block.inner_text()
        assert "网络安全等级保护制度" in block.inner_text()
        page.context.close()
    finally:
        stop_server(process)


def test_the_library_batch_scorer(library, index_dir, tmp_path):
    import subprocess
    import sys

    batch = tmp_path / "batch.jsonl"
    cases = [{"id": "t1", "group": "library", "question": QUESTION,
              "gold": [{"law": "网络安全法(2016-11-07)", "article": 21}], "must_contain": ["网络安全等级保护制度"]},
             {"id": "t2", "group": "library", "question": QUESTION,
              "gold": [{"law": "网络安全法(2016-11-07)", "article": 22}], "must_contain": []},
             {"id": "t3", "group": "neither", "question": "吉林市今天天气怎么样？", "gold": [], "must_contain": []}]
    batch.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases), "utf-8")
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(index_dir), **library}
    run = subprocess.run([sys.executable, "-m", "benchmarks.library", str(batch), "--records", str(tmp_path / "r.jsonl")],
                         capture_output=True, env=env, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr.decode()[-500:]
    assert "library: 1/2 = 0.500" in run.stdout.decode() and "all: 2/3" in run.stdout.decode()  # t2: wrong gold
    records = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text("utf-8").splitlines()]
    assert [r["right"] for r in records] == [True, False, True]
