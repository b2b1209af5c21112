from assistant.corpus import CorpusError
from assistant.sources import load_corpus, load_markdown

from .conftest import CORPUS, SOURCE

EXPECTED_PARAGRAPHS = {4: 3, 5: 3, 6: 2, 8: 2, 9: 2, 11: 2, 13: 2, 21: 2, 27: 2, 29: 2, 30: 2, 31: 2}


def test_source_is_kept_as_received():
    from pathlib import Path

    shared = Path(__file__).resolve().parents[2] / "shared" / "corpus-source" / SOURCE.name
    if shared.exists():  # beside the repository in every checkout of this project
        assert SOURCE.read_bytes() == shared.read_bytes()
    assert "智慧財產權" in SOURCE.read_text("utf-8")


def test_articles_present_and_missing(regulation):
    numbers = [a.number for a in regulation.articles]
    assert len(numbers) == 34
    assert numbers == [n for n in range(1, 36) if n != 34]
    assert regulation.missing == (34,)
    assert regulation.last_number == 35


def test_paragraph_counts(regulation):
    for article in regulation.articles:
        assert len(article.paragraphs) == EXPECTED_PARAGRAPHS.get(article.number, 1), article.label
    assert [p.number for p in regulation.article(4).paragraphs] == [1, 2, 3]


def test_labels_and_ids(regulation):
    article = regulation.article(11)
    assert article.label == "第十一條"
    assert article.paragraphs[1].id == "jilin-informatization-measures:11:2"
    assert article.id == "jilin-informatization-measures:11"


def test_errata_applied_for_display_with_received_text_kept(regulation):
    paragraph = regulation.article(29).paragraphs[0]
    assert "智慧財產權" in paragraph.received
    assert "知識產權" in paragraph.text and "智慧財產權" not in paragraph.text
    assert "網際網路" not in regulation.article(18).text and "互聯網" in regulation.article(18).text
    assert "資料庫" not in regulation.article(26).text and "數據庫" in regulation.article(26).text
    assert "建設項目程序" in regulation.article(9).text
    assert "年度計劃" in regulation.article(9).text
    assert len(regulation.errata) == 7


def test_metadata(regulation):
    meta = regulation.metadata
    assert meta.issuer == "吉林市人民政府"
    assert meta.order == "吉林市人民政府令第234號"
    assert (meta.adopted, meta.promulgated, meta.effective) == ("2014-11-18", "2014-11-25", "2015-01-01")
    assert meta.articles == 35 and meta.category == "政府規章"
    assert "第15屆19次常務會議" in meta.meeting and "趙靜波" in meta.signed


def test_bad_corpus_gives_clear_error(tmp_path):
    import pytest

    with pytest.raises(CorpusError, match="not found"):
        load_corpus(tmp_path / "nope")
    (tmp_path / "reg").mkdir()
    (tmp_path / "reg" / "metadata.json").write_text("{not json", "utf-8")
    with pytest.raises(CorpusError, match="invalid JSON"):
        load_corpus(tmp_path)


def test_lawrefbook_markdown(tmp_path):
    path = tmp_path / "示例条例.md"
    path.write_text("# 示例条例\n\n2020年1月2日 公布\n\n2020年3月1日 施行\n\n<!-- INFO END -->\n\n"
                    "## 第一章 总则\n\n第一条 为了示例，制定本条例。\n\n第二条 本条例适用于示例。\n\n"
                    "第二款内容。\n", "utf-8")
    regulation = load_markdown(path)
    assert regulation.title == "示例条例"
    assert [len(a.paragraphs) for a in regulation.articles] == [1, 2]
    assert regulation.metadata.effective == "2020-03-01"
    assert regulation.articles[0].chapter == "第一章 总则"


def test_nested_lawrefbook_tree(tmp_path):
    """A corpus folder laid out as LawRefBook keeps it: categories in nested folders, the same
    file name in two places, index pages, pages with no articles, a regulation folder inside."""
    import shutil

    def law(title: str, articles: int) -> str:
        body = "".join(f"第{n}条 {title}的第{n}条。\n\n" for n in "一二三"[:articles])
        return f"# {title}\n\n2020年1月2日 公布\n\n<!-- INFO END -->\n\n{body}"

    (tmp_path / "行政法规" / "交通").mkdir(parents=True)
    (tmp_path / "DLC" / "北京").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / "行政法规" / "交通" / "甲条例.md").write_text(law("甲条例", 2), "utf-8")
    (tmp_path / "DLC" / "北京" / "甲条例.md").write_text(law("甲条例", 3), "utf-8")
    (tmp_path / "DLC" / "北京" / "_index.md").write_text("# 北京\n", "utf-8")
    (tmp_path / "DLC" / "说明.md").write_text("# 说明\n\n没有条文。\n", "utf-8")
    (tmp_path / ".git" / "乙条例.md").write_text(law("乙条例", 1), "utf-8")
    shutil.copytree(CORPUS / "jilin-informatization-measures", tmp_path / "DLC" / "吉林")
    corpus = load_corpus(tmp_path)
    assert [r.id for r in corpus.regulations] == [  # depth first, in name order
        "甲条例", "jilin-informatization-measures", "行政法规-交通-甲条例"]
    assert [len(r.articles) for r in corpus.regulations] == [3, 34, 2]
    assert corpus.default.id == "jilin-informatization-measures"
