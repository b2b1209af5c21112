"""Obligations: who must, must not, is responsible for, is encouraged to, or may do what.

Deterministic rules over each paragraph's Simplified text, clause by clause (no model):
- a modal verb (应当/必须 must, 不得 must not, 负责 responsible, 鼓励 encouraged, 可以/方可 may)
  splits a clause into subject and action;
- the subject is matched against the regulation's actors (actors.tsv, aliases from the text);
  an agent after 由 ("应当由信息化主管部门…评审") is the bearer of a passive duty;
- an empty subject carries the bearer over from the previous sentence or paragraph of the same
  article; a thing as subject ("信息化工程项目建设应当…") carries it within the paragraph only;
- a clause ending in 的 or 后 before the modal is the condition ("使用财政性资金的…");
- clauses after the modal, in the same sentence, continue the action ("…,并纳入财政预算").
Every paragraph with 应当/不得/负责/鼓励 yields an obligation or a coverage entry saying why not.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from .corpus import Actor, Regulation
from .normalize import Folder, blank, to_simplified

MODALS = (("不得", "must-not"), ("应当", "must"), ("必须", "must"), ("负责", "responsible"),
          ("鼓励", "encouraged"), ("方可", "may"), ("可以", "may"))
MODALITIES = ("must", "must-not", "responsible", "encouraged", "may")
MODAL_WORDS = ("应当", "不得", "负责", "鼓励")  # a paragraph with one must yield an obligation
UNSPECIFIED = "unspecified"
_DEFINITION = re.compile(r"的部门是(.+)$")
_CONNECTORS = re.compile(r"^(并且|并|且|同时|也|还|以及|和)")
_SENTENCE = re.compile(r"[^。；;]+[。；;]?")
_CLAUSE = re.compile(r"[^,，]+")


@dataclass(frozen=True)
class Obligation:
    regulation: str
    article: int
    paragraph: int
    actors: tuple[str, ...]  # actor ids, or ("unspecified",)
    modality: str
    action: str  # exact text after the modal verb (Simplified)
    condition: str  # exact text of the condition, or ""
    subject: str  # the clause's own subject when it is a thing, not a bearer
    sentence: str  # the whole sentence, exact (Simplified), for quoting
    via: str  # subject | agent | carried | unspecified


@dataclass(frozen=True)
class Gap:
    article: int
    paragraph: int
    reason: str


class ActorMatcher:
    def __init__(self, actors: tuple[Actor, ...]) -> None:
        self.actors = {a.id: a for a in actors}
        self._patterns = [(re.compile(alias), a.id) for a in actors for alias in a.aliases]

    def find(self, text: str) -> tuple[str, ...]:
        """Actors named in the text: longest non-overlapping matches, in order of appearance."""
        spans = []
        for pattern, actor_id in self._patterns:
            spans += [(m.start(), m.end(), actor_id) for m in pattern.finditer(text)]
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        chosen, end = [], -1
        for start, stop, actor_id in spans:
            if start >= end:
                chosen.append(actor_id)
                end = stop
        return tuple(dict.fromkeys(chosen))

    def blank(self, text: str) -> str:
        """The text with every actor mention blanked out (same length)."""
        return blank(text, (pattern for pattern, _ in self._patterns))

    def covered(self, actor_id: str) -> set[str]:
        """The actor and every narrower actor it includes (信息化主管部门 → city and county ones)."""
        result, todo = set(), [actor_id]
        while todo:
            current = todo.pop()
            if current not in result:
                result.add(current)
                todo += list(self.actors[current].covers) if current in self.actors else []
        return result


def _earliest_modal(clause: str) -> tuple[int, str, str] | None:
    found = [(clause.find(word), word, modality) for word, modality in MODALS if word in clause]
    return min(found) if found else None


def extract(regulation: Regulation) -> tuple[list[Obligation], list[Gap]]:
    matcher = ActorMatcher(regulation.actors)
    obligations: list[Obligation] = []
    gaps: list[Gap] = []
    for article in regulation.articles:
        carried_article: tuple[str, ...] = ()
        for paragraph in article.paragraphs:
            text = to_simplified(paragraph.text)
            found = _paragraph(regulation.id, article.number, paragraph.number, text, matcher,
                               carried_article)
            obligations += found.items
            carried_article = found.carried or carried_article
            if not found.items and any(word in text for word in MODAL_WORDS):
                gaps.append(Gap(article.number, paragraph.number, found.reason or "no modal clause"))
    return obligations, gaps


@dataclass
class _Found:
    items: list[Obligation]
    carried: tuple[str, ...]
    reason: str = ""


def _paragraph(regulation_id: str, article: int, number: int, text: str, matcher: ActorMatcher,
               carried_article: tuple[str, ...]) -> _Found:
    items: list[Obligation] = []
    carried_paragraph: tuple[str, ...] = ()
    reason = ""
    for sentence_match in _SENTENCE.finditer(text):
        sentence = sentence_match.group(0).strip()
        condition = ""
        current: Obligation | None = None
        for clause_match in _CLAUSE.finditer(sentence.rstrip("。；;")):
            clause = clause_match.group(0).strip()
            if not clause:
                continue
            definition = _DEFINITION.search(clause)
            if definition:
                defined = matcher.find(clause) or matcher.find(definition.group(1))
                carried_paragraph = defined[:1] or carried_paragraph
                continue
            modal = _earliest_modal(clause)
            if modal is None or clause.endswith("的"):
                if current is not None:  # the action goes on: "…,并纳入财政预算"
                    current = _extend(current, clause)
                    items[-1] = current
                else:
                    condition = f"{condition},{clause}" if condition else clause
                    if modal is not None:
                        reason = f"{modal[1]} is inside a condition ('{clause}')"
                continue
            position, word, modality = modal
            subject = _CONNECTORS.sub("", clause[:position].strip())
            action = clause[position + len(word):].strip()
            actors, via = matcher.find(subject), "subject"
            if not actors:
                agent = re.match(r"由(.{2,40}?)(对|依法|进行|给予|负责|组织)", action)
                if agent and matcher.find(agent.group(1)):
                    actors, via = matcher.find(agent.group(1)), "agent"
            if not actors:
                if not subject:
                    actors = carried_paragraph or carried_article
                elif not subject.endswith(("的", "后")):
                    actors = carried_paragraph
                else:
                    condition = f"{condition},{subject}" if condition else subject
                    subject = ""
                via = "carried" if actors else UNSPECIFIED
            current = Obligation(regulation_id, article, number, actors or (UNSPECIFIED,), modality,
                                 action, condition, "" if via == "subject" else subject, sentence, via)
            items.append(current)
            if via in ("subject", "carried") and actors:
                carried_paragraph = actors
            condition = ""
        # "由相关部门依法给予处罚": a consequence whose bearer follows 由, without a modal verb
        if current is None and condition:
            agent = re.search(r"由(.{2,40}?)(依法|给予|负责)(.*)$", sentence.rstrip("。；;"))
            if agent and matcher.find(agent.group(1)):
                head = sentence[: sentence.find("由" + agent.group(1))].rstrip(",，")
                items.append(Obligation(regulation_id, article, number, matcher.find(agent.group(1)),
                                        "responsible", (agent.group(2) + agent.group(3)).strip(),
                                        head, "", sentence, "agent"))
    return _Found(items, carried_paragraph, reason)


def _extend(obligation: Obligation, clause: str) -> Obligation:
    from dataclasses import replace

    return replace(obligation, action=f"{obligation.action},{clause}")


class Obligations:
    """The extracted obligations of one regulation, with look-ups by actor and modality."""

    def __init__(self, regulation: Regulation) -> None:
        self.regulation = regulation
        self.matcher = ActorMatcher(regulation.actors)
        self.items, self.gaps = extract(regulation)
        self._fold = Folder.from_errata(regulation.errata).fold

    @cached_property
    def counts(self) -> dict[str, int]:
        counts = {a.id: 0 for a in self.regulation.actors}
        counts[UNSPECIFIED] = 0
        for item in self.items:
            for actor in item.actors:
                counts[actor] = counts.get(actor, 0) + 1
        return counts

    def resolve(self, text: str) -> str | None:
        """An actor id from an id, a name, or any alias the text uses (folded Simplified)."""
        text = self._fold(text.strip())
        if text in self.matcher.actors or text == UNSPECIFIED:
            return text
        for actor in self.regulation.actors:
            if text == actor.name:
                return actor.id
        found = self.matcher.find(text)
        return found[0] if found else None

    def select(self, actor: str | None = None, modality: str | None = None) -> list[Obligation]:
        wanted = self.matcher.covered(actor) if actor else None
        return [o for o in self.items
                if (wanted is None or wanted & set(o.actors)) and (modality is None or o.modality == modality)]

    def actor_rows(self) -> list[dict]:
        return [{"id": actor_id, "name": self.name(actor_id), "obligations": count}
                for actor_id, count in self.counts.items()]

    def name(self, actor_id: str) -> str:
        if actor_id == UNSPECIFIED:
            return "（未指明主体）"
        return self.matcher.actors[actor_id].name
