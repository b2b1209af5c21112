"""The CLI in real subprocesses: JSON contract (argument and stdin), determinism across processes."""
import json

from .conftest import run_cli

REQUIRED = {"question", "refused", "articles", "citations", "answer"}


def test_ask_json_argument(assistant, index_dir):
    result = run_cli(["ask", "--json", "--quiet", "政府花钱做的信息化项目要招标吗"], index_dir)
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert REQUIRED <= data.keys()
    assert data["articles"][0] == 11 and data["refused"] is False
    assert {"article", "paragraph", "quote"} <= data["citations"][0].keys()


def test_ask_json_stdin_one_object_per_line_in_order(assistant, index_dir):
    questions = ["第八条", "", "吉林市今天天气怎么样", "第三十四条", "Art. 13"]
    stdin = ("\n".join(questions) + "\n").encode() + b"\xff\xfe invalid utf-8\n"
    result = run_cli(["ask", "--json", "--quiet"], index_dir, stdin=stdin)
    assert result.returncode == 0, result.stderr.decode()
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(rows) == 6
    assert [r["question"] for r in rows[:5]] == questions
    assert rows[0]["articles"] == [8]
    assert rows[1]["refused"] and rows[1]["reason"] == "empty"
    assert rows[2]["refused"] and rows[2]["citations"] == []
    assert rows[3]["reason"] == "missing_article"
    assert rows[4]["articles"] == [13]
    assert all(REQUIRED <= r.keys() for r in rows)


def test_same_question_byte_identical_across_processes(assistant, index_dir):
    questions = "\n".join(["小区的网线能不能一直架在电线杆上?", "知识产权", "What does Article 8 say?",
                           "建设单位有哪些义务", "網際網路技術要怎麼推廣?"]).encode()
    first = run_cli(["ask", "--json", "--quiet"], index_dir, stdin=questions)
    second = run_cli(["ask", "--json", "--quiet"], index_dir, stdin=questions)
    assert first.returncode == 0 and first.stdout == second.stdout
    assert len(first.stdout.splitlines()) == 5


def test_readable_ask(assistant, index_dir):
    result = run_cli(["ask", "--quiet", "第二十一条第二款"], index_dir)
    assert result.returncode == 0
    assert result.stdout.decode().startswith("依据《吉林市信息化促进办法》第二十一条第二款：")


def test_article_and_articles_commands(index_dir):
    result = run_cli(["article", "21"], index_dir)
    assert result.returncode == 0 and "不得新建政务专用网络" in result.stdout.decode()
    missing = run_cli(["article", "三十四"], index_dir)
    assert missing.returncode == 1 and "缺失" in missing.stdout.decode()
    listing = json.loads(run_cli(["articles", "--json"], index_dir).stdout)
    assert listing["missing"] == [34] and len(listing["articles"]) == 35
    assert [a["article"] for a in listing["articles"] if a["missing"]] == [34]
    bad = run_cli(["article", "abc"], index_dir)
    assert bad.returncode == 2 and "not an article number" in bad.stderr.decode()


def test_errors_are_one_line_without_traceback(tmp_path, index_dir):
    result = run_cli(["ask", "第八条"], index_dir, env_extra={"ASSISTANT_CORPUS_DIR": str(tmp_path / "none")})
    assert result.returncode == 1
    err = result.stderr.decode()
    assert "corpus not found" in err and "Traceback" not in err
    result = run_cli(["ask", "第八条"], index_dir, env_extra={"ASSISTANT_EMBEDDER": "word2vec"})
    assert result.returncode == 1 and "unknown embedder" in result.stderr.decode()
