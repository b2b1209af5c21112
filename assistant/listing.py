"""A regulation's articles and duties as plain data for listings (`assistant article/articles/
duties --json` and the HTTP API print the same objects): one article with its paragraphs, the
table of all article numbers with the missing ones marked, and the duties of an actor."""
from __future__ import annotations

from dataclasses import asdict

from .answer import article_label
from .corpus import Article, Regulation
from .normalize import SIMPLIFIED, display, to_simplified


def article_dict(regulation: Regulation, article: Article) -> dict:
    return {
        "regulation": regulation.id, "article": article.number, "label": article.label,
        **({"sub": article.sub} if article.sub else {}),
        "paragraphs": [{"paragraph": p.number, "text": p.text, "received": p.received,
                        "simplified": to_simplified(p.text)} for p in article.paragraphs],
    }


def article_rows(regulation: Regulation) -> list[dict]:
    """Every number from 1 to the last article, in Simplified, each followed by its 第X条之N
    articles (rows with `sub`); a missing one has no text."""
    missing = set(regulation.missing)
    inserted: dict[int, list[Article]] = {}
    for article in regulation.articles:
        if article.sub:
            inserted.setdefault(article.number, []).append(article)
    rows = []
    for number in range(1, regulation.last_number + 1):
        article = regulation.article(number)
        rows.append({"article": number, "label": article_label(number, SIMPLIFIED),
                     "missing": number in missing,
                     "paragraphs": len(article.paragraphs) if article else 0,
                     "text": display(article.text, SIMPLIFIED) if article else ""})
        rows += [{"article": number, "sub": a.sub, "label": article_label(number, SIMPLIFIED, a.sub),
                  "missing": False, "paragraphs": len(a.paragraphs), "text": display(a.text, SIMPLIFIED)}
                 for a in inserted.get(number, [])]
    return rows


def articles_listing(regulation: Regulation) -> dict:
    return {"regulation": regulation.id, "title": regulation.title, "articles": article_rows(regulation),
            "missing": sorted(regulation.missing)}


def article_number(text: str):
    """21, 二十一, 第二十一条 → 21; None when the text is no article number."""
    from . import numerals

    return numerals.to_int(text.strip().lstrip("第").rstrip("条條"))


def absent_article(regulation: Regulation, number: int, script: str = SIMPLIFIED) -> dict:
    """What is said of an article the regulation lacks: missing from the source, or no such article."""
    from .answer import missing_article, no_such_article

    message = (missing_article(regulation, number, script) if number in regulation.missing
               else no_such_article(regulation, number, script))
    return {"regulation": regulation.id, "article": number, "missing": True, "message": message}


def duties_listing(obligations, actor: str | None, modality: str | None) -> dict:
    """The duties of `actor` (an id, or None for all) of one modality (or all)."""
    items = obligations.select(actor, modality)
    return {"regulation": obligations.regulation.id, "actor": actor, "modality": modality,
            "obligations": [asdict(item) | {"actor_names": [obligations.name(a) for a in item.actors]}
                            for item in items]}


def actors_listing(obligations) -> dict:
    return {"regulation": obligations.regulation.id, "actors": obligations.actor_rows()}
