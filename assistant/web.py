"""The Gradio 6 web chat: questions and cited answers, sources, a 简/繁 switch, follow-ups,
an article browser, and feedback stored in SQLite. Imported only by `assistant serve`.

Endpoints (for gradio_client): `/chat` (the page's send), `/ask` (question → answer JSON),
`/feedback`. Nothing leaves the machine: analytics off, no share link, local fonts only.
"""
from __future__ import annotations

import os
import re

from .config import apply_offline_env

apply_offline_env()

import gradio as gr  # noqa: E402  (after the offline switches)

from .answer import Answer  # noqa: E402
from .duties import MODALITY_LABEL  # noqa: E402
from .feedback import FeedbackStore  # noqa: E402
from .normalize import SIMPLIFIED, TRADITIONAL  # noqa: E402
from . import web_render as render  # noqa: E402

EXAMPLES = [
    "小区的网线能不能一直架在电线杆上？",
    "政府花钱做的信息化项目要招标吗？",
    "建设单位有哪些义务？",
    "第二十一条说了什么？",
    "这个办法从什么时候开始施行？",
]
SCRIPTS = {"简体": SIMPLIFIED, "繁體": TRADITIONAL}
MODALITY_CHOICES = [("全部类型", ""), ("应当（义务）", "must"), ("不得（禁止）", "must-not"),
                    ("负责（职责）", "responsible"), ("鼓励", "encouraged"), ("可以", "may")]
DUTY_HEADERS = ["条文", "主体", "类型", "原文"]
CSS = """
#chat mark { background: #fff3b0; }
details.source { border: 1px solid #ddd; border-radius: 6px; padding: 4px 8px; margin-top: 6px; }
details.source summary { cursor: pointer; font-weight: 600; }
"""


def _last_with_articles(turns: list[Answer]) -> Answer | None:
    return next((a for a in reversed(turns) if a.articles), None)


class WebApp:
    """Holds the assistant and the feedback store; builds the Blocks page."""

    def __init__(self, assistant, store: FeedbackStore) -> None:
        self.assistant = assistant
        self.store = store
        self.regulation = assistant.regulation

    # -- conversation ---------------------------------------------------------------
    def ask(self, question: str, turns: list[Answer], script: str, regulation: str = "") -> Answer:
        return self.assistant.ask(question, previous=_last_with_articles(turns), script=script,
                                  regulation=regulation or None)

    def history(self, turns: list[Answer], script: str) -> list[dict]:
        messages = []
        for answer in turns:
            if answer.question:
                messages.append({"role": "user", "content": render.escape_user_text(answer.question)})
            messages.append({"role": "assistant",
                             "content": render.chat_message(answer, self.regulation, answer.script)})
        return messages

    def cited_choices(self, turns: list[Answer], script: str):
        last = turns[-1] if turns else None
        numbers = last.articles if last else []
        choices = [(render.article_label(n, script if script != "en" else SIMPLIFIED), n) for n in numbers]
        return gr.update(choices=choices, value=None, visible=bool(choices))

    def respond(self, question: str, turns: list[Answer] | None, script_name: str, regulation: str = ""):
        turns = list(turns or [])
        script = SCRIPTS.get(script_name, SIMPLIFIED)
        answer = self.ask(question or "", turns, script, regulation)
        turns.append(answer)
        return self.history(turns, script), turns, "", self.cited_choices(turns, script)

    def on_example(self, turns: list[Answer] | None, script_name: str, regulation: str,
                   data: gr.SelectData):
        return self.respond(data.value["text"], turns, script_name, regulation)

    def switch_script(self, turns: list[Answer] | None, script_name: str):
        """Re-answer the conversation in the chosen script (answers are deterministic)."""
        script = SCRIPTS.get(script_name, SIMPLIFIED)
        redone: list[Answer] = []
        for answer in turns or []:
            redone.append(self.ask(answer.question, redone, script,
                                   "" if answer.regulation == self.regulation.id else answer.regulation))
        return (self.history(redone, script), redone, self.cited_choices(redone, script),
                render.all_articles(self.regulation, script), render.metadata_view(self.regulation, script))

    # -- feedback -------------------------------------------------------------------
    def like(self, turns: list[Answer] | None, data: gr.LikeData):
        turns = turns or []
        index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        turn = _turn_of_message(turns, int(index))
        if turn is None:
            return "找不到这条回答。"
        answer = turns[turn]
        rating = 1 if data.liked is True or data.value == "Like" else -1
        self.store.add(answer.question, answer.answer, list(answer.articles), answer.refused, rating)
        return "已记录您的反馈，谢谢！" if rating == 1 else "已记录，我们会改进。"

    def comment(self, text: str, turns: list[Answer] | None):
        text = (text or "").strip()
        if not text:
            return "请先写下意见。", text
        if not turns:
            return "请先提一个问题，再对回答提意见。", text
        answer = turns[-1]
        self.store.add(answer.question, answer.answer, list(answer.articles), answer.refused, 0, text)
        return "意见已保存，谢谢！", ""

    def api_ask(self, question: str) -> dict:
        """Answer one question; returns the Answer as JSON (question, refused, articles, citations…)."""
        return self.assistant.ask(question).to_dict()

    def api_feedback(self, question: str, rating: int, comment: str = "") -> dict:
        """Record feedback on the answer to `question` (rating 1, -1 or 0)."""
        answer = self.assistant.ask(question)
        try:
            rating = int(rating)
            feedback_id = self.store.add(answer.question, answer.answer, list(answer.articles),
                                         answer.refused, rating, comment or "")
        except (TypeError, ValueError) as exc:
            return {"ok": False, "error": str(exc)}
        return {"ok": True, "id": feedback_id}

    # -- obligations ----------------------------------------------------------------
    def actor_choices(self) -> list[tuple[str, str]]:
        obligations = self.assistant.obligations
        return [("全部主体", "")] + [(f"{obligations.name(a)}（{n}）", a)
                                    for a, n in obligations.counts.items() if n]

    def duty_rows(self, actor: str | None, modality: str | None) -> list[list[str]]:
        obligations = self.assistant.obligations
        rows = []
        for item in obligations.select(actor or None, modality or None):
            article = self.regulation.article(item.article)
            shown = item.paragraph if len(article.paragraphs) > 1 else None
            rows.append([render.paragraph_label(item.article, shown, SIMPLIFIED),
                         "、".join(obligations.name(a) for a in item.actors),
                         MODALITY_LABEL[item.modality], item.sentence])
        return rows

    def duty_articles(self, actor: str | None, modality: str | None) -> list[tuple[str, int]]:
        numbers = dict.fromkeys(o.article for o in self.assistant.obligations.select(actor or None,
                                                                                   modality or None))
        return [(render.article_label(n, SIMPLIFIED), n) for n in numbers]

    def open_duty(self, script_name: str, data: gr.SelectData):
        label = data.row_value[0] if getattr(data, "row_value", None) else None
        number = _article_number(label)
        if number is None:
            return gr.update(), gr.update(), gr.update()
        script = SCRIPTS.get(script_name, SIMPLIFIED)
        return (gr.Tabs(selected="browser"), gr.update(value=number),
                render.article_view(self.regulation, number, script))

    # -- page -----------------------------------------------------------------------
    def build(self) -> gr.Blocks:
        regulation = self.regulation
        title = render.display(regulation.title, SIMPLIFIED)
        with gr.Blocks(title=title, analytics_enabled=False) as app:
            turns = gr.State([])
            gr.Markdown(f"## 《{title}》问答\n逐条引用原文作答；原文未规定的问题会直接说明。"
                        "可以用日常用语提问，也可以按条文编号提问（如“第八条”）。")
            with gr.Tabs(selected="chat") as tabs:
                with gr.Tab("问答", id="chat"):
                    with gr.Row():
                        script_choice = gr.Radio(list(SCRIPTS), value="简体", label="显示文字 简/繁",
                                                 elem_id="script-switch")
                        regulations = self.assistant.index.corpus.regulations
                        regulation_choice = gr.Dropdown(
                            [("全部法规", "")] + [(render.display(r.title, SIMPLIFIED), r.id) for r in regulations],
                            value="", label="法规", visible=len(regulations) > 1, elem_id="regulation")
                    chatbot = gr.Chatbot(elem_id="chat", height=520, label="对话",
                                         placeholder="请在下方输入问题，或点选示例。",
                                         examples=[{"text": q} for q in EXAMPLES],
                                         feedback_options=("Like", "Dislike"))
                    with gr.Row():
                        box = gr.Textbox(show_label=False, placeholder="输入问题，按回车发送",
                                         scale=8, elem_id="question", max_lines=4)
                        send = gr.Button("发送", variant="primary", scale=1, elem_id="send")
                    cited = gr.Radio([], label="在条文浏览中打开引用的条文", visible=False,
                                     elem_id="cited")
                    feedback_status = gr.Markdown(elem_id="feedback-status")
                    with gr.Accordion("对回答提意见", open=False, elem_id="comment-box"):
                        comment = gr.Textbox(show_label=False, placeholder="可选：写下您的意见",
                                             max_lines=4, elem_id="comment")
                        comment_send = gr.Button("提交意见", elem_id="comment-send")
                with gr.Tab("义务查询", id="duties"):
                    gr.Markdown("按主体和类型查看办法规定的义务；点选一行，在条文浏览中打开该条。")
                    with gr.Row():
                        actor = gr.Dropdown(self.actor_choices(), value="", label="主体",
                                            elem_id="duty-actor")
                        modality = gr.Dropdown(MODALITY_CHOICES, value="", label="类型",
                                               elem_id="duty-modality")
                    duty_table = gr.Dataframe(self.duty_rows("", ""), headers=DUTY_HEADERS,
                                              interactive=False, wrap=True, elem_id="duty-table")
                    duty_links = gr.Radio(self.duty_articles("", ""), label="在条文浏览中打开",
                                          elem_id="duty-links")
                with gr.Tab("条文浏览", id="browser"):
                    picker = gr.Dropdown(render.article_choices(regulation), value=1, label="选择条文",
                                         elem_id="article-picker")
                    article = gr.Markdown(render.article_view(regulation, 1), elem_id="article-view")
                    gr.Markdown("#### 发布信息")
                    metadata = gr.Markdown(render.metadata_view(regulation), elem_id="metadata")
                    gr.Markdown("#### 全部条文")
                    everything = gr.Markdown(render.all_articles(regulation), elem_id="all-articles")

            outputs = [chatbot, turns, box, cited]
            inputs = [box, turns, script_choice, regulation_choice]
            send.click(self.respond, inputs, outputs, api_name="chat")
            box.submit(self.respond, inputs, outputs, api_visibility="private")
            chatbot.example_select(self.on_example, [turns, script_choice, regulation_choice], outputs,
                                   api_visibility="private")
            script_choice.change(self.switch_script, [turns, script_choice],
                                 [chatbot, turns, cited, everything, metadata], api_visibility="private")
            cited.change(_open_article(regulation), [cited, script_choice], [tabs, picker, article],
                         api_visibility="private")
            picker.change(lambda n, s: render.article_view(regulation, int(n), SCRIPTS.get(s, SIMPLIFIED)),
                          [picker, script_choice], article, api_visibility="private")
            chatbot.like(self.like, [turns], feedback_status, api_visibility="private")
            comment_send.click(self.comment, [comment, turns], [feedback_status, comment],
                               api_name="comment")
            for control in (actor, modality):
                control.change(lambda a, m: (self.duty_rows(a, m), gr.update(
                    choices=self.duty_articles(a, m), value=None)), [actor, modality],
                    [duty_table, duty_links], api_visibility="private")
            duty_links.change(_open_article(regulation), [duty_links, script_choice],
                              [tabs, picker, article], api_visibility="private")
            duty_table.select(self.open_duty, [script_choice], [tabs, picker, article],
                              api_visibility="private")
            gr.api(self.api_ask, api_name="ask")
            gr.api(self.api_feedback, api_name="feedback")
        return app


def _article_number(label: str | None) -> int | None:
    from .numerals import to_int

    match = re.match(r"第(.+?)条", label or "")
    return to_int(match.group(1)) if match else None


def _turn_of_message(turns: list[Answer], message_index: int) -> int | None:
    position = -1
    for turn, answer in enumerate(turns):
        position += 1 if answer.question else 0  # the user message (absent for empty input)
        position += 1  # the assistant message
        if position >= message_index:
            return turn
    return None


def _open_article(regulation):
    def open_article(number, script_name):
        if number is None:
            return gr.update(), gr.update(), gr.update()
        script = SCRIPTS.get(script_name, SIMPLIFIED)
        return (gr.Tabs(selected="browser"), gr.update(value=int(number)),
                render.article_view(regulation, int(number), script))

    return open_article


def make_server_app(assistant, store: FeedbackStore, workers: int = 1):
    """The Gradio page mounted on the API's FastAPI app (JSON API, /docs, 413 over 64 KB)."""
    from .api import make_app

    page = WebApp(assistant, store).build()
    # `workers` answers at once, as for the API: the embedder releases the GIL (README, Load).
    page.queue(default_concurrency_limit=workers, max_size=512)
    app = make_app(assistant, workers)
    return gr.mount_gradio_app(app, page, path="", footer_links=[], max_file_size="1kb",
                               ssr_mode=False, css=CSS, show_error=False)


def serve(assistant, store: FeedbackStore, host: str = "127.0.0.1", port: int = 7860,
          workers: int = 1) -> None:
    import uvicorn

    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    app = make_server_app(assistant, store, workers)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False,
                timeout_graceful_shutdown=5)  # open streaming clients must not hold a stop forever
