"""The obligations index on the real text: coverage, spot checks, aliases, chat = CLI."""
import json

import pytest

from assistant.normalize import to_simplified
from assistant.obligations import MODAL_WORDS, Obligations

from .conftest import run_cli


@pytest.fixture(scope="module")
def obligations(regulation):
    return Obligations(regulation)


def test_every_modal_paragraph_yields_an_obligation(regulation, obligations):
    assert obligations.gaps == []
    with_obligation = {(o.article, o.paragraph) for o in obligations.items}
    for paragraph in regulation.paragraphs:
        if any(word in to_simplified(paragraph.text) for word in MODAL_WORDS):
            assert (paragraph.article, paragraph.number) in with_obligation, paragraph.id


def test_extracted_text_is_exact(regulation, obligations):
    for item in obligations.items:
        sentence_source = to_simplified(regulation.article(item.article).paragraph(item.paragraph).text)
        assert item.sentence in sentence_source
        assert item.action in item.sentence
        assert not item.condition or item.condition in item.sentence


@pytest.mark.parametrize("actor, modality, articles", [
    ("建设单位", None, [10, 13]),
    ("信息服务提供者", None, [29]),
    ("信息網路與信息系統的所屬單位或者運行維護單位", None, [30]),
    ("政务信息资源采集单位", None, [27]),
    ("提供公共服务的单位", None, [28]),
    ("市信息化主管部门", None, [4, 5, 7, 32]),
    (None, "must-not", [6, 13, 21, 29]),
    (None, "encouraged", [12]),
    (None, "responsible", [4, 33]),
])
def test_spot_checks_against_the_text(obligations, actor, modality, articles):
    actor_id = obligations.resolve(actor) if actor else None
    selected = obligations.select(actor_id, modality)
    assert sorted({o.article for o in selected}) == articles


def test_aliases_and_scope(obligations):
    assert obligations.resolve("市工业和信息化主管部门") == "city-it"
    assert obligations.resolve("市工業和信息化主管部門") == "city-it"
    assert obligations.resolve("建设单位有哪些义务") == "builder"
    assert obligations.resolve("开发区管委会") is None or obligations.resolve("市、县(市)、区人民政府和开发区管委会") == "gov"
    # 信息化主管部门 covers the city one and the county-level ones (art. 4)
    general = {o.article for o in obligations.select("it")}
    assert {4, 5, 7, 9, 11, 14, 32} <= general
    county = obligations.select("county-it")
    assert {(o.article, o.paragraph) for o in county} == {(4, 2), (5, 2)}


def test_subjects_carried_over(obligations):
    by_key = {(o.article, o.paragraph, o.modality): o for o in obligations.items}
    assert by_key[(13, 1, "must-not")].actors == ("builder",)  # 未经验收…的项目,不得交付使用
    assert by_key[(29, 2, "must-not")].actors == ("provider",)
    assert by_key[(30, 2, "must")].actors == ("operator",)  # the next paragraph's empty subject
    assert by_key[(9, 2, "must")].actors == ("it",) and by_key[(9, 2, "must")].via == "agent"
    assert by_key[(10, 1, "must")].condition.startswith("使用非财政性资金的")


def test_chat_returns_the_same_set_as_the_cli(assistant, index_dir):
    for question, actor in (("建设单位有哪些义务？", "建设单位"), ("信息化主管部门要负责什么？", "信息化主管部门")):
        cli = json.loads(run_cli(["duties", actor, "--json"], index_dir).stdout)
        chat = assistant.ask(question)
        assert chat.kind == "duties" and not chat.refused
        cli_sentences = {(o["article"], o["paragraph"], o["sentence"]) for o in cli["obligations"]}
        cited = {(c.article, c.paragraph) for c in chat.citations}
        assert {(a, p) for a, p, _ in cli_sentences} == cited
        for _, _, sentence in cli_sentences:
            assert sentence in chat.answer
    forbidden = assistant.ask("哪些事情是禁止的？")
    assert forbidden.articles == [6, 13, 21, 29]
    traditional = assistant.ask("信息服務提供者有哪些義務？")
    assert "發布" in traditional.answer and "發佈" not in traditional.answer  # the source's own characters


def test_duties_cli(index_dir):
    actors = json.loads(run_cli(["duties", "--actors", "--json"], index_dir).stdout)["actors"]
    assert {"builder", "provider", "city-it", "unspecified"} <= {a["id"] for a in actors}
    coverage = json.loads(run_cli(["duties", "--coverage", "--json"], index_dir).stdout)
    assert coverage["gaps"] == [] and coverage["obligations"] >= 40
    bad = run_cli(["duties", "没有这个单位"], index_dir)
    assert bad.returncode == 2 and "unknown actor" in bad.stderr.decode()
