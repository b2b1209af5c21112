"""Deterministic answers: a lead line naming the articles, exact quotes, related articles.

No text is generated: every sentence is a fixed template filled with corpus text (errata
applied), article labels or metadata values. Templates are written in Simplified Chinese and
English; Traditional output is the Simplified template converted by OpenCC plus the corpus's
own Traditional text.
"""
from __future__ import annotations

import html
import re
from dataclasses import asdict, dataclass, field

from . import numerals
from .corpus import Article, Regulation
from .normalize import ENGLISH, SIMPLIFIED, TRADITIONAL, display, to_traditional
from .retrieve import ArticleHit


@dataclass(frozen=True)
class Citation:
    regulation: str
    article: int
    paragraph: int | None
    label: str  # e.g. 第十一条第一款, in the answer's script
    quote: str  # exact corpus text (errata applied), in the answer's script
    sub: int = 0  # N of 第X条之N (in JSON only when not 0)

    @property
    def key(self) -> tuple[int, int]:
        return self.article, self.sub


@dataclass(frozen=True)
class Answer:
    question: str
    refused: bool
    reason: str  # why it was declined (or "" when answered)
    articles: list[int]  # cited then related, in rank order
    citations: list[Citation]
    answer: str  # Markdown
    script: str
    kind: str  # reference | search | metadata | missing | decline | invalid
    regulation: str = ""
    related: list[int] = field(default_factory=list)  # listed for context; in a decline, the article
    # the text has on the topic although it does not answer what was asked (never in `articles`)
    parts: list[dict] = field(default_factory=list)  # a message asking several things: one answer each
    # Provisions of the reference library shown because the regulation does not cover the question:
    # [{"regulation", "title", "citations": [...]}] — reference only, never in `citations`/`articles`
    referrals: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        data = asdict(self)
        for citation in data["citations"]:
            if not citation["sub"]:
                del citation["sub"]  # only 第X条之N citations carry it: answers of other articles keep their form
        return data


# ---------------------------------------------------------------- labels

def article_label(number: int, script: str, sub: int = 0) -> str:
    """第十一条, 第一百二十条之一 (sub 1), Article 11, Article 120-1."""
    if script == ENGLISH:
        return f"Article {number}" + (f"-{sub}" if sub else "")
    label = f"第{numerals.to_chinese(number)}条" + (f"之{numerals.to_chinese(sub)}" if sub else "")
    return to_traditional(label) if script == TRADITIONAL else label


def paragraph_label(article: int, paragraph: int | None, script: str, sub: int = 0) -> str:
    base = article_label(article, script, sub)
    if paragraph is None:
        return base
    if script == ENGLISH:
        return f"{base}({paragraph})"
    return f"{base}第{numerals.to_chinese(paragraph)}款"


def localise(simplified: str, script: str) -> str:
    """A Simplified template in the question's script (English templates are chosen earlier)."""
    return to_traditional(simplified) if script == TRADITIONAL else simplified


def title_of(regulation: Regulation, script: str) -> str:
    return display(regulation.title, script)


def join_labels(labels: list[str], script: str) -> str:
    return ", ".join(labels) if script == ENGLISH else "、".join(labels)


# ---------------------------------------------------------------- composing

def cite(regulation: Regulation, article: Article, paragraphs: list[int] | None,
         script: str) -> list[Citation]:
    """Citations for whole articles (paragraphs None) or chosen paragraphs; one per paragraph."""
    single = len(article.paragraphs) == 1
    chosen = [p.number for p in article.paragraphs] if paragraphs is None else paragraphs
    citations = []
    for number in chosen:
        paragraph = article.paragraph(number)
        if paragraph is None:
            continue
        shown = None if single else number
        citations.append(Citation(regulation.id, article.number, number,
                                  paragraph_label(article.number, shown, script, article.sub),
                                  display(paragraph.text, script), article.sub))
    return citations


def quote_block(citations: list[Citation], whole: set[tuple[int, int]], script: str) -> str:
    """Markdown blockquotes, one per article, each paragraph on its own line; `whole` holds the
    (number, sub) of articles quoted whole."""
    blocks = []
    by_article: dict[tuple[int, int], list[Citation]] = {}
    for citation in citations:
        by_article.setdefault(citation.key, []).append(citation)
    for key, items in by_article.items():
        lines = []
        for c in items:
            prefix = "" if key in whole and len(items) == 1 else f"**{c.label}** "
            lines.append(f"> {prefix}{c.quote}".replace("\n", "\n>\n> "))  # items on lines of their own
        heading = f"**{article_label(key[0], script, key[1])}**" if key in whole and len(items) > 1 else ""
        blocks.append("\n>\n".join(([f"> {heading}"] if heading else []) + lines))
    return "\n\n".join(blocks)


def lead_for(regulation: Regulation, citations: list[Citation], script: str, whole: bool) -> str:
    labels = list(dict.fromkeys(
        article_label(c.article, script, c.sub) if whole else c.label for c in citations
    ))
    title = title_of(regulation, script)
    if script == ENGLISH:
        return f"According to {join_labels(labels, script)} of 《{title}》:"
    return f"{localise('依据', script)}《{title}》{join_labels(labels, script)}："


def related_line(numbers: list[int], script: str, subs: list[int] | None = None) -> str:
    if not numbers:
        return ""
    labels = join_labels([article_label(n, script, sub) for n, sub in zip(numbers, subs or [0] * len(numbers))], script)
    if script == ENGLISH:
        return f"Related articles: {labels}"
    return localise("相关条文：", script) + labels


def compose(question: str, regulation: Regulation, citations: list[Citation], related: list[int],
            script: str, kind: str, whole: set[tuple[int, int]], related_subs: list[int] | None = None) -> Answer:
    """`related_subs`: the 之N of each related article (none: all plain articles)."""
    cited = list(dict.fromkeys(c.article for c in citations))
    keys = {c.key for c in citations}
    parts = [lead_for(regulation, citations, script, whole=bool(whole) and keys <= whole),
             quote_block(citations, whole, script)]
    if related:
        parts.append(related_line(related, script, related_subs))
    return Answer(question=question, refused=False, reason="", articles=cited + related,
                  citations=citations, answer="\n\n".join(p for p in parts if p), script=script,
                  kind=kind, regulation=regulation.id, related=related)


def from_hits(question: str, regulation: Regulation, hits: list[tuple[ArticleHit, list[int]]],
              related: list[ArticleHit], script: str) -> Answer:
    """An answer quoting the chosen paragraphs of the chosen articles."""
    citations: list[Citation] = []
    for hit, paragraphs in hits:
        citations += cite(regulation, regulation.article(hit.article, hit.sub), sorted(paragraphs), script)
    return compose(question, regulation, citations, [h.article for h in related], script, "search", set(),
                   [h.sub for h in related])


def refusal(question: str, reason: str, message: str, script: str, kind: str = "decline",
            regulation: str = "") -> Answer:
    return Answer(question=question, refused=True, reason=reason, articles=[], citations=[],
                  answer=message, script=script, kind=kind, regulation=regulation)


def refusal_with_context(question: str, reason: str, message: str, script: str, regulation: Regulation,
                         article: int, paragraphs: list[int] | None = None, sub: int = 0) -> Answer:
    """A decline that shows the article the text has on the topic, as context only: it is listed
    in `related`, never cited, and the answer says it does not answer the question."""
    context = cite(regulation, regulation.article(article, sub), paragraphs, script)
    label = (join_labels(list(dict.fromkeys(c.label for c in context)), script) if context
             else article_label(article, script, sub))
    intro = (f"For context, the text on this topic ({label}), which does not answer the question:"
             if script == ENGLISH else localise(f"供参考，本{regulation.kind}中与此相关的条文（{label}，并未回答这个问题）：", script))
    whole = {(article, sub)} if paragraphs is None else set()
    body = "\n\n".join([message, intro, quote_block(context, whole, script)])
    return Answer(question=question, refused=True, reason=reason, articles=[], citations=[],
                  answer=body, script=script, kind="decline", regulation=regulation.id,
                  related=[article])


def with_note(answer: Answer, note: str) -> Answer:
    return Answer(**{**answer.__dict__, "answer": answer.answer + "\n\n" + note})


def with_preface(answer: Answer, note: str) -> Answer:
    return Answer(**{**answer.__dict__, "answer": note + "\n\n" + answer.answer})


def not_in_article(regulation: Regulation, number: int, sub: int, exists: bool, script: str) -> str:
    """A claim about an article that is not in it (第二十条规定了等级保护): said before the article
    that does say it is quoted."""
    label = article_label(number, script if script == ENGLISH else SIMPLIFIED, sub)
    if script == ENGLISH:
        said = (f"{label} does not say this" if exists else
                f"《{title_of(regulation, script)}》 has {regulation.last_number} articles; there is no {label}")
        return f"Note: {said}. What the text says on it:"
    said = (f"{label}没有这样的规定" if exists else
            f"《{title_of(regulation, SIMPLIFIED)}》共{numerals.to_chinese(regulation.last_number)}条，没有{label}")
    return localise(f"注意：{said}。本{regulation.kind}对此的规定如下：", script)


def figures_not_stated(figures: tuple[str, ...], citations: list[Citation], script: str) -> str:
    """A false premise: the figures a question asserts that none of the quoted text states."""
    from .normalize import to_simplified

    quoted = to_simplified("".join(c.quote for c in citations))
    absent = [f for f in figures if f not in quoted]
    if not absent:
        return ""
    labels = _cited_labels(citations, script)
    if script == ENGLISH:
        return f"Note: {labels} states no such figure ({', '.join(absent)}); the quote above is all it says."
    shown = "、".join(f"“{f}”" for f in absent)
    return localise(f"注意：{labels}没有规定{shown}，以上引文即其全部规定。", script)


def kind_not_stated(kind, citations: list[Citation], script: str) -> str:
    """A yes/no question about a kind of fact (does it set a fine?) the quoted text does not state."""
    labels = _cited_labels(citations, script)
    if script == ENGLISH:
        return f"Note: {labels} states {kind.says_en}; the quote above is all it says."
    return localise(f"注意：{labels}没有规定{kind.says_zh}，以上引文即其全部规定。", script)


def _cited_labels(citations: list[Citation], script: str) -> str:
    """The cited articles, each once, in order (第三十三条、第十条)."""
    return join_labels(list(dict.fromkeys(article_label(c.article, script, c.sub) for c in citations)), script)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def escape_user_text(text: str) -> str:
    """Plain text for a Markdown+HTML renderer: backslashes for Markdown, then entities for HTML
    (what a user typed is shown as typed, never as markup; in that order, so an entity's # —
    Jilin&#x27;s — is not escaped into text, and > is an entity, which opens no quote block)."""
    return html.escape(_MARKDOWN_SPECIAL.sub(r"\\\1", text or ""), quote=True)


# ---------------------------------------------------------------- fixed messages

ASK_HINT = {
    SIMPLIFIED: "您可以换个说法，或按条文编号提问，例如“第八条说了什么？”。",
    ENGLISH: 'Try rephrasing, or ask by article number, e.g. "What does Article 8 say?".',
}


# With no one regulation in question an article number alone would be ambiguous: name the law too.
ASK_HINT_MANY = {
    SIMPLIFIED: "您可以换个说法，或写明法规名称和条文编号提问。",
    ENGLISH: "Try rephrasing, or name the regulation and the article number.",
}


def hint(script: str, many: bool = False) -> str:
    hints = ASK_HINT_MANY if many else ASK_HINT
    return hints[ENGLISH] if script == ENGLISH else localise(hints[SIMPLIFIED], script)


def not_covered(regulation: Regulation | None, script: str, detail: str = "", detail_en: str = "",
                with_hint: bool = True) -> str:
    """"《title》没有规定这个问题" — or, when no one regulation was in question (several loaded, none
    named or designated), "the loaded regulations" do not."""
    extra_en = f" {detail_en}" if detail_en else ""
    tail = hint(script, many=regulation is None) if with_hint else ""
    if script == ENGLISH:
        lead = (f"《{title_of(regulation, script)}》 does not cover this question." if regulation
                else "None of the loaded regulations covers this question.")
        return lead + extra_en + (f" {tail}" if tail else "")
    subject = f"《{title_of(regulation, script)}》" if regulation else "本助手收录的法规都"
    return localise(f"{subject}没有规定这个问题{detail}。", script) + tail


def combine(question: str, regulation: Regulation | None, parts: list[tuple[str, Answer]], script: str) -> Answer:
    """One answer to a message that asks several things: a section per question, each with its own
    quotes (or its own "not covered"); articles and citations in the order of the questions."""
    sections, citations, seen = [], [], set()
    for number, (text, part) in enumerate(parts, start=1):
        heading = f"**{number}. {escape_user_text(text.strip().rstrip('，,、；; '))}**"
        body = part.answer
        fresh = [c for c in part.citations if (c.key, c.paragraph) not in seen]
        if part.citations and not fresh:
            labels = join_labels(list(dict.fromkeys(c.label for c in part.citations)), script)
            body = f"See {labels} above." if script == ENGLISH else localise(f"见上文{labels}。", script)
        seen.update((c.key, c.paragraph) for c in part.citations)
        citations += fresh
        sections.append(f"{heading}\n\n{body}")
    answered = [p for _, p in parts if not p.refused]
    cited = list(dict.fromkeys(c.article for c in citations))
    related = [n for n in dict.fromkeys(n for _, p in parts for n in p.related) if n not in cited]
    refused = not answered
    return Answer(question=question, refused=refused, reason=parts[0][1].reason if refused else "",
                  articles=cited + (related if not refused else []), citations=citations,
                  answer="\n\n".join(sections), script=script, kind="parts", regulation=regulation.id if regulation else "",
                  related=related, referrals=[r for _, p in parts for r in p.referrals],
                  parts=[{"question": text, **{k: v for k, v in p.to_dict().items() if k not in ("question", "parts")}}
                         for text, p in parts])


def missing_article(regulation: Regulation, number: int, script: str) -> str:
    title = title_of(regulation, script)
    before = max((a.number for a in regulation.articles if a.number < number), default=None)
    after = min((a.number for a in regulation.articles if a.number > number), default=None)
    if script == ENGLISH:
        gap = ""
        if before and after:
            gap = f" (the text goes from Article {before} straight to Article {after})"
        return (f"Article {number} of 《{title}》 is missing from the source text this assistant holds"
                f"{gap}. Its content is not known here and will not be guessed; please consult the "
                f"official text published by {display(regulation.metadata.issuer, script)}.")
    gap = ""
    if before and after:
        gap = f"（原文从{article_label(before, SIMPLIFIED)}直接跳到{article_label(after, SIMPLIFIED)}）"
    issuer = regulation.metadata.issuer or "发布机关"
    return localise(
        f"《{title}》{article_label(number, SIMPLIFIED)}在本助手收录的原文中缺失{gap}，"
        f"无法提供其内容，也不会推测。请查阅{issuer}公布的正式文本。", script)


def no_such_article(regulation: Regulation, number: int, script: str, sub: int = 0) -> str:
    title = title_of(regulation, script)
    last = regulation.last_number
    if script == ENGLISH:
        return (f"《{title}》 has {last} articles; there is no {article_label(number, script, sub)}. "
                f"Ask for Articles 1–{last}, or use 'assistant articles' to list them.")
    return localise(
        f"《{title}》共{numerals.to_chinese(last)}条，没有{article_label(number, SIMPLIFIED, sub)}。"
        f"请询问第一条至第{numerals.to_chinese(last)}条。", script)


def no_such_paragraph(regulation: Regulation, article: Article, paragraph: int, script: str) -> str:
    count = len(article.paragraphs)
    if script == ENGLISH:
        return (f"{article_label(article.number, script, article.sub)} of 《{title_of(regulation, script)}》 has {count} "
                f"paragraph(s); there is no paragraph {paragraph}.")
    return localise(
        f"{article_label(article.number, SIMPLIFIED, article.sub)}共{numerals.to_chinese(count)}款，"
        f"没有第{numerals.to_chinese(paragraph)}款。", script)
