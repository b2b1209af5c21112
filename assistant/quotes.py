"""What an answer quotes once the decision is to answer: the best-matching article, a second one
scoring as well, the liability article when the question asks what follows a breach, and of each
article the paragraphs that answer; the next articles are listed as related."""
from __future__ import annotations

from . import asks

SECOND_RATIO = 0.985  # cite a second article whose score is this close to the top (README: Evaluation)
PARAGRAPH_RATIO = 0.8  # quote further paragraphs of an article this close to its best (README: How it decides)
RELATED = 3  # related articles listed after the quotes


def choose(searcher, fold, articles: list, asking: str, message: str = "") -> tuple[list, list]:
    """([(hit, paragraph numbers to quote)], related hits) from the ranked `articles` (the best
    first) for the question's sentences that ask — or, when those name nothing (这是哪条规定的？),
    for the whole `message`, whose background then says what is asked about."""
    top = articles[0]
    chosen = [top]
    rest = [hit for hit in articles[1:] if hit.regulation_id == top.regulation_id]
    if rest and rest[0].score >= top.score * SECOND_RATIO:
        chosen.append(rest.pop(0))
    if asks.asks_consequences(asking):
        chosen += _liability(searcher.article_text, chosen, rest)
    links = searcher.links(asking)
    words = [w for w in searcher.content_words(asking) if len(w) > 1]
    quoted = [(hit, _paragraphs(searcher, fold, hit, words, message, links)) for hit in chosen]
    return quoted, rest[:RELATED]


def _liability(text, chosen: list, rest: list) -> list:
    """For a question about what follows a breach: the best-ranked liability article of the
    regulation (taken out of `rest`), unless a quoted article already states a penalty. `text`:
    each article's folded text."""
    if any(asks.BY_NAME["penalty"].stated.search(text[hit.key]) for hit in chosen):
        return []
    found = next((hit for hit in rest if asks.liability_article(text[hit.key])), None)
    if found is None:
        return []
    rest.remove(found)
    return [found]


def _paragraphs(searcher, fold, hit, words: list[str], message: str, links) -> list[int]:
    """The paragraphs of an article to quote: those scoring within PARAGRAPH_RATIO of its best,
    then any other that holds a word of the question the quoted ones lack (竣工验收的结果要报给谁:
    验收 is in the first paragraph of 第十三条, 结果…报…备案 in the second). The words are those
    of the sentences that ask, unless the article has none of them (这是哪条规定的？): then the
    whole message's, whose background says what is asked about."""
    best = hit.best.score
    chosen = [p for p in hit.paragraphs if p.score >= best * PARAGRAPH_RATIO]
    if not any(searcher.covered(w, searcher.article_text[hit.key], links) for w in words):
        words = [w for w in searcher.content_words(message) if len(w) > 1]

    def lacking(paragraphs) -> set[str]:
        text = "".join(fold(p.paragraph.text) for p in paragraphs)
        return {w for w in words if not searcher.covered(w, text, links)}

    for candidate in hit.paragraphs:
        if candidate not in chosen and lacking(chosen) - lacking(chosen + [candidate]):
            chosen.append(candidate)
    return [p.paragraph.number for p in chosen]
