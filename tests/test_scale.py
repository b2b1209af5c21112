"""The scale benchmark's corpus slices (benchmarks/scale.py), on a small LawRefBook-like tree."""
from assistant.sources import load_corpus
from benchmarks import scale


def _law(title: str, articles: int) -> str:
    body = "".join(f"第{n}条 {title}第{n}条的内容。\n\n" for n in range(1, articles + 1))
    return f"# {title}\n\n<!-- INFO END -->\n\n{body}"


def _tree(root):
    files = {
        "DLC/北京/北京市信息化促进条例.md": 5, "DLC/山东/山东省信息化促进条例(2018-09-21).md": 4,
        "DLC/浙江/浙江省信息化促进条例(2010-07-30).md": 3, "行政法规/甲条例.md": 7,
        "DLC/北京/甲条例.md": 7, "案例/某案.md": 2, **{f"社会法/法{i}.md": 6 for i in range(12)},
    }
    for name, articles in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(_law(name.rsplit("/", 1)[-1][:-3], articles), "utf-8")


def test_information_slice(tmp_path):
    _tree(tmp_path / "lrb")
    folder = scale.assemble("information", tmp_path / "work", tmp_path / "lrb", 0)
    corpus = load_corpus(folder)
    assert sorted(r.title for r in corpus.regulations) == sorted(
        ["吉林市信息化促進辦法", "北京市信息化促进条例", "山东省信息化促进条例(2018-09-21)",
         "浙江省信息化促进条例(2010-07-30)"])
    assert corpus.default.id == "jilin-informatization-measures"


def test_article_slice_stops_at_the_size_and_is_repeatable(tmp_path):
    _tree(tmp_path / "lrb")
    first = scale.assemble("50k", tmp_path / "a", tmp_path / "lrb", 60)
    again = scale.assemble("50k", tmp_path / "b", tmp_path / "lrb", 60)
    chosen = (first / "SELECTION").read_text("utf-8").splitlines()
    assert chosen == (again / "SELECTION").read_text("utf-8").splitlines()  # a fixed order
    assert not any(c.startswith("案例") for c in chosen)  # cases are not regulations
    assert sum(c.endswith("/甲条例.md") for c in chosen) <= 1  # one file per name
    total = sum(len(r.articles) for r in load_corpus(first).regulations)
    last = len(load_corpus(tmp_path / "lrb" / chosen[-1]).regulations[0].articles)
    assert total - last < 60 <= total  # stops at the first file that reaches the size
