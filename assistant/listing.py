"""A regulation's articles as plain data for listings: one article with its paragraphs, and
the table of all article numbers with the missing ones marked."""
from __future__ import annotations

from .answer import article_label
from .corpus import Article, Regulation
from .normalize import SIMPLIFIED, display, to_simplified


def article_dict(regulation: Regulation, article: Article) -> dict:
    return {
        "regulation": regulation.id, "article": article.number, "label": article.label,
        "paragraphs": [{"paragraph": p.number, "text": p.text, "received": p.received,
                        "simplified": to_simplified(p.text)} for p in article.paragraphs],
    }


def article_rows(regulation: Regulation) -> list[dict]:
    """Every number from 1 to the last article, in Simplified; a missing one has no text."""
    missing = set(regulation.missing)
    rows = []
    for number in range(1, regulation.last_number + 1):
        article = regulation.article(number)
        rows.append({"article": number, "label": article_label(number, SIMPLIFIED),
                     "missing": number in missing,
                     "paragraphs": len(article.paragraphs) if article else 0,
                     "text": display(article.text, SIMPLIFIED) if article else ""})
    return rows
