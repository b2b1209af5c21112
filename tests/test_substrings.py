"""`word in CorpusText` equals `word in text`, on texts large enough to use the gram tables."""
import random

from assistant.substrings import SCAN_BELOW, CorpusText

from .conftest import SOURCE


def test_large_text_answers_exactly_like_a_scan():
    rng = random.Random(7)
    source = SOURCE.read_text("utf-8")
    alphabet = sorted(set(source))
    filler = "".join(rng.choice(alphabet) for _ in range(SCAN_BELOW))
    text = source + "\n" + filler + "\nTail 𠀀𠀁 end"
    corpus = CorpusText(text)
    assert corpus._tables  # the large-text path is the one under test
    words = ["信息化", "網際網路", "居住证", "网线", "量子计算机", "", "a", "Tail", "𠀀𠀁", "𠀁𠀀", "end\n"]
    for _ in range(2000):
        start = rng.randrange(len(text) - 8)
        words.append(text[start:start + rng.randint(1, 8)])  # occurs
        words.append("".join(rng.choice(alphabet) for _ in range(rng.randint(2, 5))))  # mostly not
    assert [w in corpus for w in words] == [w in text for w in words]
    assert any(w not in text for w in words) and len(corpus) == len(text)


def test_small_text_is_scanned():
    corpus = CorpusText("本办法所称信息化")
    assert not corpus._tables
    assert "信息化" in corpus and "网线" not in corpus
