"""`Assistant.ask(question) -> Answer`: the one entry point every front door (CLI, web, evals) uses.

A question is read once (`analysis`: sentences, the questions asked, references, places with their
roles, what kind of fact is asked…), then each question it asks is answered:

1. hard facts end early: empty or too long input, an instruction aimed at the assistant, a law
   named that is not loaded, an article reference (the article, or an honest "missing" / "no
   such article"), a follow-up to the last answer;
2. a question about the regulation itself → its metadata; a list of duties → the duties;
3. everything else → hybrid retrieval, then one decision (`decision.DecisionModel`) that weighs
   the question's text, the retrieval evidence and the analysis together, and answers with the
   best paragraphs or declines naming the evidence that weighed most.

Several questions in one message get one section each (`answer.combine`).
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from . import answer as compose
from . import asks, clauses, duties, followup, lookup, quotes
from .analysis import Analysis, Message, analyse, read_message
from .answer import Answer
from .config import MAX_QUESTION_CHARS, PROJECT_ROOT, Settings, apply_offline_env
from .decision import Decision, DecisionModel, for_regulation
from .evidence import Evidence, gather
from .facts import frame_article, metadata_answer
from .index import Index, open_index
from .normalize import ENGLISH, SIMPLIFIED, TRADITIONAL, clean, detect_script
from .obligations import Obligations
from .parts import answer_each, kept_spaced
from .places import Gazetteers, rules_of
from .questions import NAMES_THE_REGULATION, NOT_QUESTIONS, without_metadata_words
from .references import Reference
from .referral import Library
from .retrieve import Retrieval, Searcher
from .titles import Titles

GENERIC_MODEL = PROJECT_ROOT / "assistant" / "decision-generic.json"


def _id(regulation) -> str:
    return regulation.id if regulation is not None else ""


def _output_script(detected: str, forced: str | None) -> str:
    if forced in (SIMPLIFIED, TRADITIONAL) and detected != ENGLISH:
        return forced
    return detected


class Assistant:
    def __init__(self, settings: Settings | None = None, index: Index | None = None) -> None:
        apply_offline_env()
        self.settings = settings or Settings.from_env()
        self.index = index or open_index(self.settings)
        self.searcher = Searcher(self.index, self.settings.fusion, priors=lambda r: self._model(r).articles)
        corpus = self.index.corpus
        self.regulation = corpus.default  # None when several peers are loaded and none is designated
        self.obligations = Obligations(corpus.browse)
        self._corpus_text = self.searcher.corpus_text  # folded once, by the searcher
        self._gazetteers = Gazetteers(self.index.fold, self.index.tokenizer, self._corpus_text,
                                      lambda word: self.searcher.english.place(word))
        self._titles = Titles(corpus.regulations, self.index.fold, self._gazetteers.leading_place,
                              self.index.tokenizer.places, lambda word: self.searcher.english.terms(word))
        self._models: dict[str, DecisionModel] = {}
        self._library = Library(self.settings, Assistant)

    # -- the entry point ------------------------------------------------------------
    def ask(self, question: object, previous: Answer | None = None, script: str | None = None,
            regulation: str | None = None) -> Answer:
        """Answer one message. `previous` (the conversation's last answer) resolves follow-ups
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
        invalid = self._invalid(text, script)
        if invalid is not None:
            return invalid
        folded = self.index.fold(text)
        named = chosen or self._titles.named(folded)
        regulation = named or chosen or self.regulation
        message = read_message(text, self.index.fold)
        parts = self._parts(message)
        if len(parts) == 1 and len(message.parts) > 1:  # its questions are one question (是否缺失？原文应是什么？)
            message = replace(message, parts=(text,))
        answers = self._answers(text, message, parts, script, regulation, previous, named is not None)
        if len(answers) == 1:
            answers = self._spaced_reading(text, script, regulation, previous, named is not None) or answers
        if len(answers) == 1:
            return answers[0][1]
        first = answers[0][1]
        if all(not a.refused and a.citations == first.citations and (a.citations or a.answer == first.answer)
               for _, a in answers):
            # the same thing asked twice over (管哪些事？适用范围是什么): one answer (metadata
            # answers cite nothing: they are the same only when they say the same)
            return Answer(**{**first.__dict__, "question": text})
        return compose.combine(text, regulation, answers, script)

    def _answers(self, text: str, message: Message, parts: list[str], script: str, regulation,
                 previous: Answer | None, restricted: bool) -> list[tuple[str, Answer]]:
        """Each part's answer (parts.answer_each), referred to the library where the regulation has none."""
        def answer(question: str) -> Answer:
            return self._library.refer(self._answer_part(question, message, script, regulation, previous, restricted),
                                       self.index.corpus, script)

        return answer_each(text, message, parts, answer, self.index.fold)

    def _spaced_reading(self, text: str, script: str, regulation, previous: Answer | None,
                        restricted: bool) -> list[tuple[str, Answer]] | None:
        """A message dictated without punctuation (…得纳入啥规划 然后呢…要报给谁备案) read as
        several questions, one at each space between clauses that ask: kept only when every one
        of them is answered and each from an article of its own; a space inside one question
        (会员信息泄露了 要报告不 咋办啊) leaves a part that is declined or answered again by
        the same article — unless the message announced that many questions (parts.kept_spaced)."""
        if not clauses.SPACE_BETWEEN.search(text):
            return None
        message = read_message(text, self.index.fold, spaced=True)
        parts = self._parts(message)
        if len(parts) < 2:
            return None
        answers = self._answers(text, message, parts, script, regulation, previous, restricted)
        return answers if kept_spaced(text, answers) else None

    def library(self) -> "Assistant | None":
        """The reference library's assistant (None: no library, or never built)."""
        return self._library.assistant()

    def _invalid(self, text: str, script: str) -> Answer | None:
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
        return None

    def _parts(self, message: Message) -> list[str]:
        return clauses.questions(message.parts, self.index.fold,
                                 lambda folded: self.searcher.content_words(self._titles.without(folded)))

    # -- one question ---------------------------------------------------------------
    def _answer_part(self, text: str, message: Message, script: str, regulation, previous: Answer | None,
                     restricted: bool, probe: bool = False):
        """The answer to one question of a message (with `probe`, the decision's evidence instead,
        or None when the question is answered before any decision)."""
        folded = self.index.fold(text)
        analysis = analyse(folded, message, self._gazetteers.of(regulation), self._titles.known,
                           self._corpus_text)
        early = self._hard_facts(text, folded, analysis, script, regulation, previous)
        if early is not None:
            return None if probe else early
        if analysis.metadata and self._about_the_regulation(analysis, message.folded, regulation):
            if probe:
                return None
            if regulation is None:
                return lookup.which_regulation(text, self.index.corpus, script)
            return metadata_answer(text, regulation, analysis.metadata, script)
        frame = (frame_article(analysis.folded, analysis.asking, regulation, self.searcher.content_words,
                               self._gazetteers.of(regulation).frame_words
                               + self._titles.english_words(analysis.asking, regulation))
                 if regulation is not None and NAMES_THE_REGULATION.search(message.folded) else None)
        if frame is not None:  # 根据哪部法规制定 / 适用范围是什么: the article that says
            return None if probe else lookup.cite_references(text, (Reference(frame.number, None, frame.sub),),
                                                             script, regulation)
        asked = (duties.detect(folded, self.obligations)
                 if regulation is not None and regulation is self.obligations.regulation else None)
        if asked is not None:
            return None if probe else duties.answer(text, regulation, self.obligations, asked[0], asked[1],
                                                     script, focus=self._duty_focus(folded))
        home = tuple(p.name for p in analysis.places if p.home)
        # where the regulation applies (吉林市, 本市, Jilin) says which article answers only when
        # that is what is asked (管不管我们桦甸, does it apply in Jilin?)
        unsearched = () if asks.SCOPE.search(folded) else self._gazetteers.of(regulation).frame_words
        retrieval = self.searcher.search(text, self._titles.without(folded), regulation.id if restricted else None,
                                         analysis.intent_terms, home, unsearched,
                                         analysis.asking_clauses if analysis.asking_clauses != analysis.folded else "")
        if not retrieval.articles:
            return None if probe else compose.refusal(text, "not_covered", compose.not_covered(regulation, script),
                                                      script, regulation=_id(regulation))
        evidence = self._evidence(analysis, retrieval, script)
        if probe:
            return evidence, retrieval
        return self._decide(text, analysis, retrieval, evidence, script, regulation)

    def _hard_facts(self, text: str, folded: str, analysis: Analysis, script: str, regulation,
                    previous: Answer | None) -> Answer | None:
        if analysis.not_a_question:  # asks the assistant to do something other than quote the text
            _, detail, detail_en = NOT_QUESTIONS[analysis.not_a_question]
            return compose.refusal(text, analysis.not_a_question, compose.not_covered(
                regulation, script, detail=detail, detail_en=detail_en), script, regulation=_id(regulation))
        if analysis.other_laws and not asks.asks_basis(analysis.folded):  # 是依据《网络安全法》制定的吗: its basis
            names = "、".join(f"《{t}》" for t in analysis.other_laws)
            if len(self.index.corpus.regulations) == 1:
                detail = f"（本助手只收录本{regulation.kind}，不包含{names}）"
                detail_en = f"This assistant holds only this regulation, not {names}."
            else:
                detail, detail_en = f"（本助手收录的法规不包含{names}）", f"The loaded regulations do not include {names}."
            return compose.refusal(text, "other_law", compose.not_covered(
                regulation, script, detail=detail, detail_en=detail_en), script, regulation=_id(regulation))
        if analysis.references:
            if regulation is None:
                return lookup.which_regulation(text, self.index.corpus, script, analysis.references[0])
            analysis = replace(analysis, references=lookup.around_the_gap(analysis.references, regulation))
            return self._misnamed(text, folded, analysis, script, regulation) or lookup.by_reference(
                text, analysis, script, regulation)
        last = previous.articles[0] if previous is not None and previous.articles else None
        follow_up = followup.resolve(folded, last)
        previous_regulation = self.index.corpus.get(previous.regulation) if previous else None
        if follow_up and (previous_regulation or regulation):
            return lookup.cite_references(text, follow_up, script, previous_regulation or regulation)
        return None

    def _misnamed(self, text: str, folded: str, analysis: Analysis, script: str, regulation) -> Answer | None:
        """A claim about an article that is not in it, answered by the article that is (lookup.misnamed)."""
        def subject_words(claim: str) -> tuple[list[str], tuple]:
            # the claim's words that the text has somewhere, but not the regulation's title or place
            frame, claim = self._gazetteers.of(regulation).frame_words, self._titles.without(claim)
            links = self.searcher.links(claim)
            words = [w for w in self.searcher.content_words(claim)
                     if len(w) > 1 and w not in clauses.ABOUT_THE_TEXT and w not in frame
                     and self.searcher.covered(w, self.searcher.corpus_text, links)]
            return words, links

        def answer_claim(claim: str) -> Answer:
            return self._answer_part(claim, read_message(claim, self.index.fold), script, regulation, None, True)

        return lookup.misnamed(text, folded, analysis, script, regulation, self.searcher, subject_words, answer_claim)

    def _evidence(self, analysis: Analysis, retrieval: Retrieval, script: str) -> Evidence:
        top = retrieval.articles[0]
        top_text = self.searcher.article_text[top.key]
        words = len(self.searcher.content_words(analysis.folded))
        return gather(analysis, retrieval, top_text, script, words)

    def _decide(self, text: str, analysis: Analysis, retrieval: Retrieval, evidence: Evidence,
                script: str, scope) -> Answer:
        """Answer from the best-matching regulation, or decline; a plain decline names the
        regulation in question (`scope`: named, chosen or the default), else the loaded ones."""
        top = retrieval.articles[0]
        regulation = self.index.corpus.get(top.regulation_id)  # the best-matching regulation answers
        decision = self._decision(analysis.folded, evidence, retrieval)
        if not decision.answer:
            return self._decline(text, decision, evidence, top, regulation, scope, script)
        quoted, related = quotes.choose(self.searcher, self.index.fold, retrieval.articles, analysis.asking,
                                        analysis.folded)
        answer = compose.from_hits(text, regulation, quoted, related, script)
        note = compose.figures_not_stated(analysis.asserted, answer.citations, script)
        return compose.with_note(answer, note) if note else answer

    def _decision(self, folded: str, evidence: Evidence, retrieval: Retrieval) -> Decision:
        """The best-matching regulation's decision model weighing the question's text with the evidence."""
        model = self._model(retrieval.articles[0].regulation_id)
        values = {**evidence.values, "text": model.text_logit(folded, retrieval.query_vector)}
        return model.decide(values, evidence.reasons)

    def _decline(self, text: str, decision: Decision, evidence: Evidence, top, regulation, scope,
                 script: str) -> Answer:
        if decision.reason == "unstated":
            if decision.touches:  # the best-matching regulation touches the topic: shown as context
                message, reason = lookup.unstated_message(evidence.unstated[0], regulation, script)
                return compose.refusal_with_context(text, reason, message, script, regulation, top.article,
                                                    [top.best.paragraph.number], top.sub)
            message, reason = lookup.unstated_message(evidence.unstated[0], scope, script)
            return compose.refusal(text, reason, message, script, regulation=_id(scope))
        if decision.reason == "foreign_asked":
            return lookup.elsewhere(text, self.index.fold(text), regulation,
                                    "、".join(dict.fromkeys(evidence.foreign)), script)
        return compose.refusal(text, "not_covered", compose.not_covered(scope, script), script,
                               regulation=_id(scope))

    # -- what a decision needs, per regulation ------------------------------------------
    def decision_model(self, regulation_id: str | None = None) -> DecisionModel:
        return self._model(regulation_id or self.index.corpus.browse.id)

    def _model(self, regulation_id: str) -> DecisionModel:
        """The regulation's own decision model (decision.json in its corpus folder), else the
        generic one that weighs retrieval and analysis evidence only."""
        if regulation_id not in self._models:
            self._models[regulation_id] = for_regulation(str(Path(self.settings.corpus_dir) / regulation_id),
                                                         self.index.embedder.id, str(GENERIC_MODEL))
        return self._models[regulation_id]

    def decision_evidence(self, question: str):
        """(evidence, retrieval) for a one-question message that reaches the decision, else None:
        what `assistant decision fit` learns from."""
        text = clean(question)
        if self._invalid(text, SIMPLIFIED) is not None:
            return None
        script = detect_script(text)
        folded = self.index.fold(text)
        regulation = self._titles.named(folded) or self.regulation
        message = read_message(text, self.index.fold)
        if len(self._parts(message)) != 1:
            return None
        return self._answer_part(text, message, script, regulation, None, False, probe=True)

    def probability(self, question: str) -> float | None:
        """How sure the decision is that the best-matching article answers a one-question message
        (None when it is answered before any decision, or asks several things)."""
        probed = self.decision_evidence(question)
        if not probed:
            return None
        evidence, retrieval = probed
        return self._decision(self.index.fold(clean(question)), evidence, retrieval).probability

    # -- helpers --------------------------------------------------------------------
    def _duty_focus(self, folded: str):
        """Narrows a duty list to the question's topic (its words, or the terms they link to)."""
        topic = duties.topic(folded, self.obligations)
        words, links = self.searcher.content_words(topic), self.searcher.links(topic)

        def covered(word: str, sentence: str) -> bool:
            return self.searcher.covered(word, sentence, links)

        return lambda items: duties.focused(items, words, self.index.lexical.idf, covered)

    def _about_the_regulation(self, analysis: Analysis, folded: str, regulation) -> bool:
        """A metadata wording (通过, 谁制定…) asks about the regulation when the message names it or what is
        asked is about nothing else than where it applies (信息安全应急预案由谁制定 is about a plan), and no
        other is quoted or named after a place elsewhere (长春的信息化办法是谁签发的: another regulation's)."""
        asking = analysis.asking
        if self._titles.quotes_another(asking) or rules_of(asking, analysis.foreign_asked):
            return False
        if NAMES_THE_REGULATION.search(folded):
            return True
        # (an English word of two letters — at, as — carries no subject either)
        where = self._gazetteers.of(regulation).frame_words if regulation is not None else ()
        return not any(len(w) > (2 if w.isascii() else 1) and w not in where
                       for w in self.searcher.content_words(without_metadata_words(asking)))
