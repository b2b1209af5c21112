"""A question read once: its sentences and parts, and for each part everything the answer path
looks at — article references, metadata fields, laws named, what kind of fact it asks for, the
places it names (home or elsewhere, asked about or background), figures it asserts, and whether
it instructs the assistant instead of asking. Built before any decision; nothing here decides.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import asks, clauses
from .places import Gazetteer, Place
from .questions import metadata_fields, not_a_question, other_laws
from .references import Reference, find_references


@dataclass(frozen=True)
class Analysis:
    folded: str  # the part (the whole message when it asks one thing)
    asking: str  # its sentences that ask (all of it when none does): what is asked, without background
    asking_clauses: str  # its clauses that ask (…就让先写规划 县里信息化归哪个部门: the second)
    context: str  # the message's background sentences (those that do not ask)
    references: tuple[Reference, ...]
    metadata: tuple[str, ...]  # metadata fields asked for
    other_laws: tuple[str, ...]  # law titles named that are not loaded nor mentioned by the text
    asks_for: tuple[str, ...]  # kinds of fact asked for (asks.TYPES names)
    places: tuple[Place, ...]
    asserted: tuple[str, ...]  # figures the question asserts (五万元)
    not_a_question: str  # instruction / composition / opinion: asks the assistant to do something else ('' if not)
    intent_terms: tuple[str, ...]  # words an intent points to (scope → 适用), see asks.INTENTS

    @property
    def foreign_asked(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.places if not p.home and p.asked)

    @property
    def foreign_background(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.places if not p.home and not p.asked)


@dataclass(frozen=True)
class Message:
    """A message as typed, cut into sentences; `folded` holds each sentence's matching form."""

    text: str
    folded: str
    sentences: tuple[clauses.Sentence, ...]  # as typed
    folded_sentences: tuple[str, ...]
    parts: tuple[str, ...]  # the questions asked, as typed; one part is the whole message

    @property
    def context(self) -> str:
        """The background sentences (those that do not ask), folded."""
        return "".join(f for s, f in zip(self.sentences, self.folded_sentences) if not s.asks)


def read_message(text: str, fold, spaced: bool = False) -> Message:
    """`spaced`: read every space between two clauses that ask as the end of a question."""
    sentences, parts = clauses.split(text, fold, spaced)
    return Message(text, fold(text), tuple(sentences), tuple(fold(s.text) for s in sentences), tuple(parts))


def analyse(part: str, message: Message, gazetteer: Gazetteer, known_titles: tuple[str, ...],
            corpus_text) -> Analysis:
    """One part, folded, read in the setting of its message."""
    whole = len(message.parts) == 1
    # In a one-part message the sentences that ask are the question, the rest background; in a
    # part of several, the part is what is asked.
    if whole:
        sentences = [(f, s.asks) for s, f in zip(message.sentences, message.folded_sentences)]
        if not any(asks for _, asks in sentences):
            sentences = [(part, True)]
        # a bare confirmation (…took effect on 25 November 2014. Correct?) asks about the claim before it
        sentences = [(text, asks_ or (i + 1 < len(sentences) and clauses.confirms(sentences[i + 1][0])))
                     for i, (text, asks_) in enumerate(sentences)]
    else:
        sentences = [(part, True)] + [(f, False) for s, f in zip(message.sentences, message.folded_sentences)
                                      if not s.asks]
    asking = "".join(text for text, asks in sentences if asks)
    clauses_ = _clauses(sentences)
    # an article named in a clause that asks is the one asked about (我看从第三十三条跳到第三十五条了，
    # 第三十四条原文是什么？ asks for 34); with none there, every article the part names
    references = tuple(dict.fromkeys(r for text, asks_ in clauses_ if asks_ for r in find_references(text)))
    whole_part = tuple(find_references(part))
    # …unless the part names the paragraph after a comma (What does Article 8, paragraph 2 say?)
    references = tuple(next((w for w in whole_part if (w.article, w.sub) == (r.article, r.sub) and w.paragraph),
                            r) if r.paragraph is None else r for r in references) or whole_part
    asking_clauses = "".join(text for text, asks_ in clauses_ if asks_)
    return Analysis(
        folded=part,
        asking=asking,
        asking_clauses=asking_clauses,
        context="" if whole else message.context,
        references=references,
        metadata=metadata_fields(asking),
        other_laws=other_laws(part, known_titles, corpus_text, mentioned_ok=not references),
        # (read from the clauses that ask: 我在北京干了几年 … 有没有规定… asks for no number)
        asks_for=asks.asked(asking_clauses),
        places=tuple(gazetteer.places(clauses_)),
        asserted=asks.asserted_figures(part, message.text),
        not_a_question=not_a_question(message.folded),
        intent_terms=asks.intent_terms(asking),
    )


def _clauses(sentences: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Sentences cut at commas, each clause asking or not: in "我们是香港的NGO，关注…，这个办法有
    规定吗?" Hong Kong is where the asker is from, not what is asked about."""
    found = []
    for text, asks_ in sentences:
        pieces = [p for p in clauses.comma_clauses(text) if p.strip(" ，,、")]
        if not asks_ or len(pieces) < 2:
            found.append((text, asks_))
            continue
        flags = [clauses.asks(p) for p in pieces]
        if not any(flags):
            flags[-1] = True
        found += list(zip(pieces, flags))
    return found
