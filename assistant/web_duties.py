"""The 义务查询 tab of the web page: the duties the Measures impose, by bearer and kind, as a
plain table whose article numbers are #第十条 links (the page opens them in the article browser)."""
from __future__ import annotations

import gradio as gr

from .duties import MODALITY_LABEL
from .normalize import SIMPLIFIED
from . import web_render as render

MODALITY_CHOICES = [("全部类型", ""), ("应当（义务）", "must"), ("不得（禁止）", "must-not"),
                    ("负责（职责）", "responsible"), ("鼓励", "encouraged"), ("可以", "may")]


class DutiesTab:
    def __init__(self, obligations, regulation) -> None:
        self.obligations = obligations
        self.regulation = regulation

    def actor_choices(self) -> list[tuple[str, str]]:
        return [("全部主体", "")] + [(f"{self.obligations.name(a)}（{n}）", a)
                                    for a, n in self.obligations.counts.items() if n]

    def rows(self, actor: str | None, modality: str | None) -> list[render.DutyRow]:
        rows = []
        for item in self.obligations.select(actor or None, modality or None):
            article = self.regulation.article(item.article)
            shown = item.paragraph if len(article.paragraphs) > 1 else None
            rows.append(render.DutyRow(item.article, render.paragraph_label(item.article, shown, SIMPLIFIED),
                                       "、".join(self.obligations.name(a) for a in item.actors),
                                       MODALITY_LABEL[item.modality], item.sentence))
        return rows

    def table(self, actor: str | None, modality: str | None) -> str:
        rows = self.rows(actor, modality)
        return render.duty_table(rows, f"共{len(rows)}项；点条文编号在条文浏览中打开该条。")

    def build(self) -> None:
        """The tab's content (call inside its gr.Tab)."""
        gr.Markdown(f"按主体和类型查看{self.regulation.kind}规定的义务；点条文编号，在条文浏览中打开该条。")
        with gr.Row():
            actor = gr.Dropdown(self.actor_choices(), value="", label="主体", elem_id="duty-actor")
            modality = gr.Dropdown(MODALITY_CHOICES, value="", label="类型", elem_id="duty-modality")
        table = gr.HTML(self.table("", ""), elem_id="duty-table")
        for control in (actor, modality):
            control.change(self.table, [actor, modality], table, api_visibility="private")
