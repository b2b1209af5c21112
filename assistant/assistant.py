"""`Assistant.ask(question) -> Answer`: the one entry point every front door (CLI, web, evals) uses.

Order of decisions, each deterministic:
1. input checks (empty, too long) → a clear message;
2. another law named → decline; an article reference → that article or paragraph (or an
   honest "missing"/"no such article");
3. a metadata question → the metadata;
4. hybrid retrieval; decline when the evidence is weak, the question names another place, or
   it asks for a figure the text does not state; else quote the best paragraphs.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import answer as compose
from .answer import Answer
from .config import MAX_QUESTION_CHARS, Settings, apply_offline_env
from . import duties, followup
from .facts import metadata_answer
from .index import Index, open_index
from .obligations import Obligations
from .normalize import ENGLISH, SIMPLIFIED, TRADITIONAL, clean, detect_script
from .questions import NAMES_REGULATION, analyse, unanswered_types, without_metadata_words
from .retrieve import Retrieval, Searcher


@dataclass(frozen=True)
class DeclinePolicy:
    """When retrieval evidence is too weak to answer. Calibrated on evals/ dev split
    (see README, 'Evaluation'); change only with a measured reason."""

    dense_strong: float = 0.90  # answer on dense evidence alone at or above this
    dense_floor: float = 0.86  # below this, never answer
    coverage_min: float = 0.35  # idf share of the question's words found in the top article
    english_dense: float = 0.92  # English: dense alone (cross-lingual similarity is weak) …
    english_linked: float = 0.775  # … or this, when the thesaurus links to the best article …
    english_coverage: float = 0.6  # … this share of the question's content words …
    english_known: float = 0.5  # … or this share, when every word links somewhere in the text
    second_ratio: float = 0.985  # cite a second article whose score is this close to the top
    paragraph_ratio: float = 0.97  # quote further paragraphs of an article this close to its best
    related: int = 3  # related articles listed after the quotes

    def covered(self, retrieval: Retrieval, script: str) -> bool:
        if not retrieval.articles:
            return False
        if script == ENGLISH:
            linked = retrieval.top_coverage >= self.english_coverage or (
                retrieval.coverage >= 1.0 and retrieval.top_coverage >= self.english_known)
            return retrieval.dense_top >= self.english_dense or (linked and retrieval.dense_top >= self.english_linked)
        if retrieval.dense_top < self.dense_floor:
            return False
        if retrieval.dense_top >= self.dense_strong:
            return True
        return retrieval.top_coverage >= self.coverage_min


_PLACES_HOME = ("吉林", "本市", "全市")


def _output_script(detected: str, forced: str | None) -> str:
    if forced in (SIMPLIFIED, TRADITIONAL) and detected != ENGLISH:
        return forced
    return detected

_UNSTATED = {
    "figure": ("（办法没有规定具体的数额、比例或数量）", "The text states no such amount, rate or number."),
    "cost": ("（办法没有规定费用由谁承担或如何缴纳）", "The text says nothing about who pays or how."),
    "time": ("（办法没有规定具体的期限或时间）", "The text states no such time limit or date."),
    "person": ("（办法不涉及具体人员）", "The text names no such person."),
}


class Assistant:
    def __init__(self, settings: Settings | None = None, index: Index | None = None,
                 policy: DeclinePolicy | None = None) -> None:
        apply_offline_env()
        self.settings = settings or Settings.from_env()
        self.index = index or open_index(self.settings)
        self.searcher = Searcher(self.index, self.settings.fusion)
        self.policy = policy or DeclinePolicy()
        corpus = self.index.corpus
        self.regulation = corpus.default
        self.obligations = Obligations(self.regulation)
        self._titles = tuple(self.index.fold(r.title) for r in corpus.regulations)
        self._corpus_text = self.searcher.corpus_text  # folded once, by the searcher

    # -- the entry point ------------------------------------------------------------
    def ask(self, question: object, previous: Answer | None = None, script: str | None = None,
            regulation: str | None = None) -> Answer:
        """Answer one question. `previous` (the conversation's last answer) resolves follow-ups
        such as 那第二款呢? / 下一条呢?; `script` forces Simplified or Traditional output for a
        Chinese question (the web page's 简/繁 switch); `regulation` (an id) restricts the answer
        to one regulation when several are loaded — otherwise a regulation the question names, or
        for search the best-matching one, answers; article numbers refer to the default."""
        text = clean(question if isinstance(question, str) else str(question or ""))
        script = _output_script(detect_script(text), script)
        chosen = self.index.corpus.get(regulation) if regulation else None
        if regulation and chosen is None:
            known = ", ".join(r.id for r in self.index.corpus.regulations)
            return compose.refusal(text, "unknown_regulation", f"unknown regulation {regulation!r}; "
                                   f"loaded: {known}", script, kind="invalid")
        regulation = chosen or self.regulation
        if not text:
            message = ("Please type a question, e.g. \"What does Article 8 say?\"" if script == ENGLISH
                       else compose.localise("请输入问题，例如“第八条说了什么？”", script))
            return compose.refusal(text, "empty", message, script, kind="invalid")
        if len(text) > MAX_QUESTION_CHARS:
            message = (f"The question is too long ({len(text)} characters; the limit is "
                       f"{MAX_QUESTION_CHARS}). Please ask a shorter question." if script == ENGLISH
                       else compose.localise(
                           f"问题太长（{len(text)}个字符，上限为{MAX_QUESTION_CHARS}），请缩短后再问。", script))
            return compose.refusal(text, "too_long", message, script, kind="invalid")
        folded = self.index.fold(text)
        named = chosen or self._named_regulation(folded)
        regulation = named or regulation
        analysis = analyse(folded, self._titles, self._corpus_text)
        if analysis.other_laws:
            names = "、".join(f"《{t}》" for t in analysis.other_laws)
            return compose.refusal(text, "other_law", compose.not_covered(
                regulation, script, detail=f"（本助手只收录本办法，不包含{names}）",
                detail_en=f"This assistant holds only this regulation, not {names}."), script,
                regulation=regulation.id)
        if analysis.references:
            return self._by_reference(text, analysis.references, script, regulation)
        last = previous.articles[0] if previous is not None and previous.articles else None
        follow_up = followup.resolve(folded, last)
        if follow_up:
            previous_regulation = self.index.corpus.get(previous.regulation) if previous else None
            return self._by_reference(text, follow_up, script, previous_regulation or regulation)
        if analysis.metadata and self._about_the_regulation(folded):
            return metadata_answer(text, regulation, analysis.metadata, script)
        asked = duties.detect(folded, self.obligations) if regulation is self.regulation else None
        if asked is not None:
            return duties.answer(text, regulation, self.obligations, asked[0], asked[1], script,
                                 focus=self._duty_focus(folded))
        return self._by_search(text, folded, script, regulation, restricted=named is not None)

    # -- article references ---------------------------------------------------------
    def _duty_focus(self, folded: str):
        """Narrows a duty list to the question's topic (its words, or the terms they link to)."""
        topic = duties.topic(folded, self.obligations)
        words, links = self.searcher.content_words(topic), self.searcher.links(topic)

        def covered(word: str, sentence: str) -> bool:
            return self.searcher.covered(word, sentence, links)

        return lambda items: duties.focused(items, words, self.index.lexical.idf, covered)

    def _about_the_regulation(self, folded: str) -> bool:
        """A metadata wording (通过, 谁制定, 法律效力…) asks about the regulation when the question
        names it or is about nothing else (信息安全应急预案由谁制定 is about a plan, 电子签名有法律效力吗
        about signatures)."""
        if NAMES_REGULATION.search(folded):
            return True
        return not any(len(w) > 1 for w in self.searcher.content_words(without_metadata_words(folded)))

    def _named_regulation(self, folded: str):
        """A loaded regulation whose title the question names (only when several are loaded)."""
        if len(self.index.corpus.regulations) < 2:
            return None
        for regulation, title in zip(self.index.corpus.regulations, self._titles):
            if title in folded:
                return regulation
        places = self.index.tokenizer.places(folded)  # 浙江省对… → the loaded 浙江省…条例
        matches = [r for r, title in zip(self.index.corpus.regulations, self._titles)
                   if any(title.startswith(place) for place in places)]
        return matches[0] if len(matches) == 1 else None

    def _by_reference(self, text: str, references, script: str, regulation) -> Answer:
        citations, whole = [], set()
        problem: Answer | None = None
        for reference in references:
            article = regulation.article(reference.article)
            if article is None:
                if reference.article in regulation.missing:
                    message, reason, kind = (compose.missing_article(regulation, reference.article, script),
                                             "missing_article", "missing")
                else:
                    message, reason, kind = (compose.no_such_article(regulation, reference.article, script),
                                             "no_such_article", "decline")
                problem = problem or compose.refusal(text, reason, message, script, kind, regulation.id)
                continue
            if reference.paragraph is not None:
                if article.paragraph(reference.paragraph) is None:
                    problem = problem or compose.refusal(
                        text, "no_such_paragraph",
                        compose.no_such_paragraph(regulation, article, reference.paragraph, script),
                        script, "decline", regulation.id)
                    continue
                citations += compose.cite(regulation, article, [reference.paragraph], script)
            else:
                citations += compose.cite(regulation, article, None, script)
                whole.add(article.number)
        if not citations:
            return problem
        answer = compose.compose(text, regulation, citations, [], script, "reference", whole)
        if problem is not None:  # e.g. "第八条和第三十四条": answer one, say what is missing of the other
            answer = Answer(**{**answer.__dict__, "answer": answer.answer + "\n\n" + problem.answer})
        return answer

    # -- retrieval ------------------------------------------------------------------
    def _foreign_places(self, folded: str) -> list[str]:
        return [p for p in self.index.tokenizer.places(folded)
                if not p.startswith(_PLACES_HOME) and p not in self._corpus_text
                and not any(title.startswith(p) for title in self._titles)]

    def _by_search(self, text: str, folded: str, script: str, regulation, restricted: bool) -> Answer:
        places = self._foreign_places(folded)
        if places:
            names = "、".join(places)
            place = compose.display(regulation.metadata.place or regulation.title, script)
            return compose.refusal(text, "other_place", compose.not_covered(
                regulation, script, detail=f"（本办法只适用于{place}，不涉及{names}）",
                detail_en=f"It applies to {place} only, not to {names}."), script,
                regulation=regulation.id)
        retrieval = self.searcher.search(text, folded, regulation.id if restricted else None)
        if not self.policy.covered(retrieval, script):
            return compose.refusal(text, "not_covered", compose.not_covered(regulation, script),
                                   script, regulation=regulation.id)
        top = retrieval.articles[0]
        regulation = self.index.corpus.get(top.regulation_id)  # the best-matching regulation answers
        unanswered = unanswered_types(folded, self.searcher.article_text[(top.regulation_id, top.article)])
        if unanswered:
            detail, detail_en = _UNSTATED[unanswered[0]]
            return compose.refusal(text, f"{unanswered[0]}_not_stated", compose.not_covered(
                regulation, script, detail=detail, detail_en=detail_en), script, regulation=regulation.id)
        chosen = [top]
        rest = [hit for hit in retrieval.articles[1:] if hit.regulation_id == top.regulation_id]
        if rest and rest[0].score >= top.score * self.policy.second_ratio:
            chosen.append(rest.pop(0))
        related = rest[: self.policy.related]
        return compose.from_hits(text, regulation, chosen, related, script, self.policy.paragraph_ratio)
