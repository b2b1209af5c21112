"""Answers about the regulation itself (issuer, order number, dates, meeting, article count),
filled from its metadata file. The effective date is also stated by an article of the text
(…自…起施行); that article is cited when it exists.
"""
from __future__ import annotations

import re

from .answer import Answer, article_label, cite, localise, quote_block, title_of
from .corpus import Regulation
from .normalize import ENGLISH, display

FIELD_ORDER = ("title", "issuer", "order", "category", "adopted", "promulgated", "effective",
               "signed", "count")


def _date(value: str, script: str) -> str:
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value or "")
    if not match:
        return value
    year, month, day = match.groups()
    if script == ENGLISH:
        return f"{year}-{month}-{day}"
    return f"{year}年{int(month)}月{int(day)}日"


def field_line(regulation: Regulation, field: str, script: str) -> str | None:
    meta = regulation.metadata
    show = lambda text: display(text, script)  # noqa: E731
    if field == "title":
        return (f"Title: 《{show(meta.title)}》" if script == ENGLISH
                else localise("名称：", script) + f"《{show(meta.title)}》")
    if field == "issuer" and meta.issuer:
        return (f"Issued by: {show(meta.issuer)}" if script == ENGLISH
                else localise("发布机关：", script) + show(meta.issuer))
    if field == "order" and meta.order:
        return (f"Order number: {show(meta.order)}" if script == ENGLISH
                else localise("文号：", script) + show(meta.order))
    if field == "category" and meta.category:
        return (f"Category: {show(meta.category)}" if script == ENGLISH
                else localise("类别：", script) + show(meta.category))
    if field == "adopted" and meta.adopted:
        meeting = show(meta.meeting)
        if script == ENGLISH:
            return f"Adopted: {_date(meta.adopted, script)}, at the {meeting}"
        return localise(f"审议通过：{_date(meta.adopted, script)}，", script) + meeting
    if field == "promulgated" and meta.promulgated:
        return (f"Promulgated: {_date(meta.promulgated, script)}" if script == ENGLISH
                else localise(f"公布日期：{_date(meta.promulgated, script)}", script))
    if field == "effective" and meta.effective:
        return (f"Effective: {_date(meta.effective, script)}" if script == ENGLISH
                else localise(f"施行日期：{_date(meta.effective, script)}", script))
    if field == "signed" and meta.signed:
        return (f"Signed by: {show(meta.signed)}" if script == ENGLISH
                else localise("签署：", script) + show(meta.signed))
    if field == "count":
        total = regulation.last_number
        missing = regulation.missing
        if script == ENGLISH:
            text = f"Articles: {total}"
            if missing:
                labels = ", ".join(f"Article {n}" for n in missing)
                text += f" ({len(regulation.articles)} in the source text; {labels} missing from it)"
            return text
        text = f"条文数：共{total}条"  # as the source's own header says (共35條)
        if missing:
            labels = "、".join(article_label(n, "zh-Hans") for n in missing)
            text += f"（收录的原文存{len(regulation.articles)}条，{labels}缺失）"
        return localise(text, script)
    return None


_FIELD_NAMES = {"title": ("名称", "Title"), "issuer": ("发布机关", "Issued by"), "order": ("文号", "Order number"),
                "category": ("类别", "Category"), "adopted": ("审议通过", "Adopted"),
                "promulgated": ("公布日期", "Promulgated"), "effective": ("施行日期", "Effective"),
                "signed": ("签署", "Signed by"), "count": ("条文数", "Articles")}


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


def metadata_answer(question: str, regulation: Regulation, fields: tuple[str, ...],
                    script: str) -> Answer:
    ordered = [f for f in FIELD_ORDER if f in fields]
    lines = [field_line(regulation, f, script) or _not_recorded(f, script) for f in ordered]
    title = title_of(regulation, script)
    lead = (f"About 《{title}》 (from its metadata):" if script == ENGLISH
            else localise("关于", script) + f"《{title}》" + localise("（据其发布信息）：", script))
    citations = []
    parts = [lead, "\n".join(f"- {line}" for line in lines)]
    if "effective" in ordered:
        article = effective_article(regulation)
        if article is not None:
            citations = cite(regulation, article, None, script)
            parts.append(quote_block(citations, {article.number}, script))
    return Answer(question=question, refused=False, reason="",
                  articles=[c.article for c in citations][:1], citations=citations,
                  answer="\n\n".join(parts), script=script, kind="metadata",
                  regulation=regulation.id)
