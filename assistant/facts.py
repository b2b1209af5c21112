"""Answers about the regulation itself (issuer, order number, dates, meeting, article count),
filled from its metadata file. The effective date is also stated by an article of the text
(…自…起施行); that article is cited when it exists.
"""
from __future__ import annotations

import re

from . import asks
from .answer import Answer, article_label, cite, localise, quote_block, title_of
from .clauses import ABOUT_THE_TEXT
from .corpus import Regulation
from .normalize import ENGLISH, display, to_simplified
from .questions import NAMES_THE_REGULATION, without_metadata_words

FIELD_ORDER = ("title", "issuer", "order", "category", "adopted", "promulgated", "effective", "status",
               "signed", "count")


def _date(value: str, script: str) -> str:
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value or "")
    if not match:
        return value
    year, month, day = match.groups()
    chinese = f"{year}年{int(month)}月{int(day)}日"  # as the text writes it
    if script == ENGLISH:
        return f"{int(day)} {_MONTHS[int(month) - 1]} {year} ({chinese})"
    return chinese


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


_FIELD_NAMES = {"title": ("名称", "Title"), "issuer": ("发布机关", "Issued by"), "order": ("文号", "Order number"),
                "category": ("类别", "Category"), "adopted": ("审议通过", "Adopted"),
                "promulgated": ("公布日期", "Promulgated"), "effective": ("施行日期", "Effective"),
                "signed": ("签署", "Signed by"), "count": ("条文数", "Articles"),
                "status": ("是否仍然有效（废止、修订）", "Whether still in force (repealed, amended)")}


def _value(regulation: Regulation, field: str, script: str) -> str | None:
    """The field's value in the answer's script, or None when the metadata does not record it."""
    meta = regulation.metadata
    if field == "title":
        return f"《{display(meta.title, script)}》"
    if field in ("issuer", "order", "category", "signed", "status"):
        value = getattr(meta, field)
        return display(value, script) if value else None
    if field in ("promulgated", "effective"):
        value = getattr(meta, field)
        return _date(value, script) if value else None
    if field == "adopted":
        if not meta.adopted:
            return None
        meeting = display(meta.meeting, script)
        date = _date(meta.adopted, script)
        return f"{date}, at the {meeting}" if script == ENGLISH else f"{date}，{meeting}"
    if field == "count":
        total, missing, present = regulation.last_number, regulation.missing, len(regulation.articles)
        if script == ENGLISH:
            labels = ", ".join(f"Article {n}" for n in missing)
            # with the header's own wording, as English dates show the text's (共35条)
            return f"{total} (共{total}条" + (f"; {present} in the source text, {labels} missing from it)" if missing else ")")
        labels = "、".join(article_label(n, "zh-Hans") for n in missing)
        text = f"共{total}条"  # as the source's own header says (共35條)
        return localise(text + (f"（收录的原文存{present}条，{labels}缺失）" if missing else ""), script)
    return None


def field_line(regulation: Regulation, field: str, script: str) -> str | None:
    value = _value(regulation, field, script)
    if value is None:
        return None
    chinese, english = _FIELD_NAMES[field]
    return f"{english}: {value}" if script == ENGLISH else localise(f"{chinese}：", script) + value


def _not_recorded(field: str, script: str) -> str:
    chinese, english = _FIELD_NAMES[field]
    if script == ENGLISH:
        return f"{english}: not recorded in this regulation's metadata"
    return localise(f"{chinese}：发布信息中未记载", script)


def effective_article(regulation: Regulation):
    """The article stating when the regulation takes effect (…起施行), if any."""
    for article in reversed(regulation.articles):
        if "起施行" in article.text or "起實施" in article.text or "起实施" in article.text:
            return article
    return None


def basis_article(regulation: Regulation):
    """The article naming what the regulation was made under (根据…，制定本办法), if any."""
    return _first_saying(regulation, r"根据.{0,80}制定本")


def scope_article(regulation: Regulation):
    """The article saying what the regulation applies to (…适用本办法), if any."""
    return _first_saying(regulation, r"适用本(办法|条例|规定|法|细则)")


def frame_article(folded: str, asking: str, regulation: Regulation, content_words, where=()):
    """For a question naming the regulation: the article stating what it was made under (根据…
    制定本办法: 是依据《…》制定的吗), or its scope (…适用本办法) or purpose when that is all the
    question asks (这个办法管哪些事? what is this rule for?); a question about a subject (does it
    cover rural areas?) is searched. `asking`: the clauses that ask; `content_words(folded)`: the
    words that carry a subject; `where`: the words naming where it applies (吉林市这个办法适用于哪些
    地方 asks nothing else)."""
    basis = basis_article(regulation) if asks.asks_basis(folded) else None
    if basis is not None:
        return basis
    frame = asks.frame_asked(asking)
    if frame is None:
        return None
    rest = without_metadata_words(NAMES_THE_REGULATION.sub(" ", asks.without_frame_words(asking)))
    if any(len(w) > (2 if w.isascii() else 1) and w not in ABOUT_THE_TEXT and w not in where
           for w in content_words(rest)):
        return None
    return scope_article(regulation) if frame == "scope" else basis_article(regulation)


def _first_saying(regulation: Regulation, pattern: str):
    return next((a for a in regulation.articles if re.search(pattern, to_simplified(a.text))), None)


def metadata_answer(question: str, regulation: Regulation, fields: tuple[str, ...],
                    script: str) -> Answer:
    # who issued it is shown with the order it was issued by (吉林市人民政府令第234号): the header's proof
    shown = set(fields) | ({"order"} if "issuer" in fields else set())
    ordered = [f for f in FIELD_ORDER if f in shown]
    recorded = [field_line(regulation, f, script) for f in ordered]
    lines = [line or _not_recorded(f, script) for f, line in zip(ordered, recorded)]
    title = title_of(regulation, script)
    lead = (f"About 《{title}》 (from its metadata):" if script == ENGLISH
            else localise("关于", script) + f"《{title}》" + localise("（据其发布信息）：", script))
    citations = []
    parts = [lead, "\n".join(f"- {line}" for line in lines)]
    if "effective" in ordered:
        article = effective_article(regulation)
        if article is not None:
            citations = cite(regulation, article, None, script)
            parts.append(quote_block(citations, {(article.number, article.sub)}, script))
    if not any(recorded):  # nothing asked is recorded: a decline that says so, citing nothing
        return Answer(question=question, refused=True, reason="not_recorded", articles=[], citations=[],
                      answer="\n\n".join(parts), script=script, kind="decline", regulation=regulation.id)
    return Answer(question=question, refused=False, reason="",
                  articles=[c.article for c in citations][:1], citations=citations,
                  answer="\n\n".join(parts), script=script, kind="metadata",
                  regulation=regulation.id)
