"""The Gradio 6 web chat: questions and cited answers, sources, a 简/繁 switch, follow-ups,
an article browser, and feedback stored in SQLite. Imported only by `assistant serve`.

Links open the page on a question (`/?q=…`) or an article (`/?article=21`, `#第二十一条`); each
answer can copy its link and its citation. Styles, the 大字 switch, announcements and printing
live in assistant/static/ (web_assets.py).

Endpoints (for gradio_client): `/chat` (the page's send), `/ask` (question → answer JSON),
`/feedback`. Nothing leaves the machine: analytics off, no share link, local fonts only.
"""
from __future__ import annotations

import html
import os

from .config import apply_offline_env

apply_offline_env()

import gradio as gr  # noqa: E402  (after the offline switches)

from . import links  # noqa: E402
from .answer import Answer  # noqa: E402
from .feedback import FeedbackStore  # noqa: E402
from .normalize import SIMPLIFIED, TRADITIONAL, display  # noqa: E402
from . import web_render as render  # noqa: E402
from .web_assets import page_options  # noqa: E402
from .web_duties import DutiesTab  # noqa: E402

SCRIPTS = {"简体": SIMPLIFIED, "繁體": TRADITIONAL}
# The page hands a link's query string and fragment to `open_link`: on load, and (fragment
# only) when a #第八条 link inside the page is followed.
LINK_ON_LOAD = "(link, ...rest) => [location.search + location.hash, ...rest]"
LINK_ON_HASH = "(link, ...rest) => [location.hash, ...rest]"
# …and after following an in-page link, keyboard focus moves to the article it opened.
FOCUS_ARTICLE = "() => window.regulatoryAssistant.focusArticle()"
SKIP_LINK = '<a class="skip-link" href="#question">跳到提问框</a>'


def _last_cited(turns: list[Answer]) -> int | None:
    """Index of the conversation's last answer that cites articles (follow-ups refer to it)."""
    return next((i for i in range(len(turns) - 1, -1, -1) if turns[i].articles), None)


class WebApp:
    """Holds the assistant and the feedback store; builds the Blocks page."""

    def __init__(self, assistant, store: FeedbackStore) -> None:
        self.assistant = assistant
        self.store = store
        self.regulation = assistant.index.corpus.browse

    # -- conversation ---------------------------------------------------------------
    def examples(self) -> list[str]:
        """The example buttons: the regulation's own (`examples` in its metadata.json), else two
        questions that work for any regulation."""
        own = list(self.regulation.metadata.examples)
        title = display(self.regulation.title, SIMPLIFIED)
        return own or [f"《{title}》第一条说了什么？", f"《{title}》从什么时候开始施行？"]

    def ask(self, question: str, turns: list[Answer], script: str, regulation: str = "") -> Answer:
        last = _last_cited(turns)
        return self.assistant.ask(question, previous=None if last is None else turns[last], script=script,
                                  regulation=regulation or None)

    def share_link(self, answer: Answer, turns: list[Answer], shared: list, script: str,
                   regulation: str) -> links.PageLink | None:
        """The link that gives this answer again: its question, led by the questions it follows
        up on when it only means something after them (那第二款呢？ needs 第十三条 first)."""
        if not answer.question:
            return None
        chain = (answer.question,)
        previous = _last_cited(turns)
        if previous is not None and shared[previous] is not None:
            alone = self.assistant.ask(answer.question, script=script, regulation=regulation or None)
            if alone.answer != answer.answer:
                chain = shared[previous].questions + chain
        return links.PageLink(chain[-links.MAX_LINK_QUESTIONS:], regulation=regulation)

    def history(self, turns: list[Answer], shared: list) -> list[dict]:
        messages = []
        corpus = self.assistant.index.corpus
        for i, answer in enumerate(turns):
            link = shared[i] if i < len(shared) else None
            if answer.question:
                messages.append({"role": "user", "content": render.escape_user_text(answer.question)})
            messages.append({"role": "assistant",
                             "content": render.chat_message(answer, corpus, answer.script, link)})
        return messages

    def cited_links(self, turns: list[Answer], script: str) -> str:
        numbers = turns[-1].articles if turns else []
        return render.article_links(numbers, script if script != "en" else SIMPLIFIED,
                                    "在条文浏览中打开引用的条文：")

    def respond(self, question: str, turns: list[Answer] | None, shared: list | None, script_name: str,
                regulation: str = ""):
        turns, shared = list(turns or []), list(shared or [])
        script = SCRIPTS.get(script_name, SIMPLIFIED)
        answer = self.ask(question or "", turns, script, regulation)
        shared.append(self.share_link(answer, turns, shared, script, regulation))
        turns.append(answer)
        return self.history(turns, shared), turns, shared, "", self.cited_links(turns, script)

    def _asker(self, question: str):
        """The handler of an example question's button."""
        return lambda turns, shared, script_name, regulation: self.respond(question, turns, shared,
                                                                           script_name, regulation)

    def switch_script(self, turns: list[Answer] | None, shared: list | None, script_name: str,
                      article: int | None = None):
        """Re-answer the conversation in the chosen script (answers are deterministic) and show
        the article browser in it."""
        script = SCRIPTS.get(script_name, SIMPLIFIED)
        redone: list[Answer] = []
        for answer in turns or []:
            redone.append(self.ask(answer.question, redone, script,
                                   "" if answer.regulation == self.regulation.id else answer.regulation))
        shown = render.article_view(self.regulation, int(article or 1), script)
        return (self.history(redone, shared or []), redone, self.cited_links(redone, script), shown,
                render.all_articles(self.regulation, script), render.metadata_view(self.regulation, script))

    def open_link(self, link_text: str, turns: list[Answer] | None, shared: list | None,
                  script_name: str, regulation: str):
        """Follow a link: ask its questions in order, open its article in the article browser."""
        link = links.parse(link_text)
        turns, shared = list(turns or []), list(shared or [])
        script = SCRIPTS.get(script_name, SIMPLIFIED)
        problems = [link.error] if link.error else []
        if link.regulation and self.assistant.index.corpus.get(link.regulation) is None:
            problems.append(f"链接中的法规“{link.regulation[:40]}”不在本助手中；已在全部法规中回答。")
            link = links.PageLink(link.questions, link.article)
        regulation = link.regulation or regulation
        chat = cited = gr.update()
        for question in link.questions:
            chat, turns, shared, _, cited = self.respond(question, turns, shared, script_name, regulation)
        tab = picker = article = gr.update()
        if link.article is not None:
            tab, article = gr.Tabs(selected="browser"), render.article_view(self.regulation, link.article, script)
            if self.regulation.article(link.article) or link.article in self.regulation.missing:
                picker = gr.update(value=link.article)
        status = "\n\n".join(f"**链接有误**：{render.escape_user_text(p)}" for p in problems)  # URL text
        return (chat, turns, shared, cited, tab, picker, article, regulation,
                gr.update(value=status, visible=bool(status)))

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

    # -- page -----------------------------------------------------------------------
    def build(self) -> gr.Blocks:
        regulation = self.regulation
        title = render.display(regulation.title, SIMPLIFIED)
        with gr.Blocks(title=title, analytics_enabled=False) as app:
            turns, shared = gr.State([]), gr.State([])  # answers, and the link of each
            gr.HTML(SKIP_LINK, padding=False, elem_id="skip")
            with gr.Row(elem_id="page-head"):
                gr.Markdown(f"# 《{title}》问答\n逐条引用原文作答；原文未规定的问题会直接说明。"
                            "可以用日常用语提问，也可以按条文编号提问（如“第八条”）。", scale=8)
                gr.Button("大字", size="sm", scale=0, elem_id="large-text")  # page.js toggles it
            link_status = gr.Markdown("", visible=False, elem_id="link-status")
            with gr.Tabs(selected="chat") as tabs:
                with gr.Tab("问答", id="chat"):
                    chat = self._chat_tab()
                with gr.Tab("义务查询", id="duties"):
                    DutiesTab(self.assistant.obligations, regulation).build()
                with gr.Tab("条文浏览", id="browser"):
                    browser = self._browser_tab(title)
            link_box = gr.Textbox(visible=False)
            link_go = gr.Button("打开链接", visible="hidden", elem_id="link-go")

            chatbot, box, script_choice, regulation_choice, cited = (
                chat[k] for k in ("chatbot", "box", "script", "regulation", "cited"))
            picker, article = browser["picker"], browser["article"]
            outputs = [chatbot, turns, shared, box, cited]
            inputs = [box, turns, shared, script_choice, regulation_choice]
            chat["send"].click(self.respond, inputs, outputs, api_name="chat")
            box.submit(self.respond, inputs, outputs, api_visibility="private")
            for button, question in chat["examples"]:
                button.click(self._asker(question), inputs[1:], outputs, api_visibility="private")
            chatbot.clear(lambda: ([], [], ""), None, [turns, shared, cited], api_visibility="private")
            script_choice.change(self.switch_script, [turns, shared, script_choice, picker],
                                 [chatbot, turns, cited, article, browser["all"], browser["metadata"]],
                                 api_visibility="private")
            picker.change(lambda n, s: render.article_view(regulation, int(n), SCRIPTS.get(s, SIMPLIFIED)),
                          [picker, script_choice], article, api_visibility="private")
            chatbot.like(self.like, [turns], chat["status"], api_visibility="private")
            chat["comment_send"].click(self.comment, [chat["comment"], turns], [chat["status"], chat["comment"]],
                                       api_name="comment")
            link_inputs = [link_box, turns, shared, script_choice, regulation_choice]
            link_outputs = [chatbot, turns, shared, cited, tabs, picker, article, regulation_choice,
                            link_status]
            app.load(self.open_link, link_inputs, link_outputs, js=LINK_ON_LOAD, api_visibility="private")
            link_go.click(self.open_link, link_inputs, link_outputs, js=LINK_ON_HASH,
                          api_visibility="private").then(None, js=FOCUS_ARTICLE)
            gr.api(self.api_ask, api_name="ask")
            gr.api(self.api_feedback, api_name="feedback")
        return app

    def _chat_tab(self) -> dict:
        with gr.Row(elem_id="chat-options"):
            script = gr.Radio(list(SCRIPTS), value="简体", label="显示文字 简/繁", elem_id="script-switch")
            regulations = self.assistant.index.corpus.regulations
            regulation = gr.Dropdown(
                [("全部法规", "")] + [(render.display(r.title, SIMPLIFIED), r.id) for r in regulations],
                value="", label="法规", visible=len(regulations) > 1, elem_id="regulation")
        chatbot = gr.Chatbot(elem_id="chat", height="max(300px, min(540px, 68vh))", label="对话", buttons=[],
                             placeholder="请在下方输入问题，或点选下面的示例问题。",
                             feedback_options=("Like", "Dislike"))
        with gr.Row(elem_id="question-row"):
            box = gr.Textbox(label="问题", show_label=False, placeholder="输入问题，按回车发送",
                             scale=8, elem_id="question", max_lines=4)
            send = gr.Button("发送", variant="primary", scale=1, elem_id="send")
        gr.Markdown("示例问题（点选即问）：", elem_id="examples-label")
        with gr.Row(elem_id="examples"):
            examples = [(gr.Button(q, size="sm", scale=0), q) for q in self.examples()]
        cited = gr.HTML("", elem_id="cited")
        status = gr.Markdown(elem_id="feedback-status")
        with gr.Accordion("对回答提意见", open=False, elem_id="comment-box"):
            comment = gr.Textbox(label="意见", show_label=False, placeholder="可选：写下您的意见",
                                 max_lines=4, elem_id="comment")
            comment_send = gr.Button("提交意见", elem_id="comment-send")
        return {"script": script, "regulation": regulation, "chatbot": chatbot, "box": box, "send": send,
                "examples": examples, "cited": cited, "status": status, "comment": comment,
                "comment_send": comment_send}

    def _browser_tab(self, title: str) -> dict:
        regulation = self.regulation
        order = render.display(regulation.metadata.order, SIMPLIFIED)
        gr.HTML(f'<p class="print-only">《{html.escape(title)}》<small>{html.escape(order)}</small></p>',
                padding=False)
        picker = gr.Dropdown(render.article_choices(regulation), value=1, label="选择条文",
                             elem_id="article-picker")
        with gr.Row(elem_id="browser-tools"):
            gr.Button("打印本条", size="sm", scale=0, elem_id="print-article")  # page.js prints
            gr.Button("打印全文", size="sm", scale=0, elem_id="print-all")
        article = gr.Markdown(render.article_view(regulation, 1), elem_id="article-view")
        with gr.Column(elem_id="browser-all"):
            gr.Markdown("## 发布信息")
            metadata = gr.Markdown(render.metadata_view(regulation), elem_id="metadata")
            gr.Markdown("## 全部条文")
            everything = gr.Markdown(render.all_articles(regulation), elem_id="all-articles")
        return {"picker": picker, "article": article, "metadata": metadata, "all": everything}


def _turn_of_message(turns: list[Answer], message_index: int) -> int | None:
    position = -1
    for turn, answer in enumerate(turns):
        position += 1 if answer.question else 0  # the user message (absent for empty input)
        position += 1  # the assistant message
        if position >= message_index:
            return turn
    return None


def make_server_app(assistant, store: FeedbackStore, workers: int = 1):
    """The Gradio page mounted on the API's FastAPI app (JSON API, /docs, 413 over 64 KB)."""
    from .api import make_app

    page = WebApp(assistant, store).build()
    # `workers` answers at once, as for the API: the embedder releases the GIL (README, Load).
    page.queue(default_concurrency_limit=workers, max_size=512)
    app = make_app(assistant, workers)
    return gr.mount_gradio_app(app, page, path="", footer_links=[], max_file_size="1kb",
                               ssr_mode=False, show_error=False, **page_options())


def serve(assistant, store: FeedbackStore, host: str = "127.0.0.1", port: int = 7860,
          workers: int = 1) -> None:
    import uvicorn

    from gradio.routes import App as PageApp
    from starlette.routing import Mount

    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    app = make_server_app(assistant, store, workers)
    page_app = next(route.app for route in app.routes if isinstance(route, Mount) and isinstance(route.app, PageApp))

    class Server(uvicorn.Server):
        def handle_exit(self, sig, frame) -> None:
            super().handle_exit(sig, frame)
            # Every open page holds a heartbeat stream that ends only on Gradio's stop event. Its own
            # launch() sets it on exit; served by uvicorn directly, the stop would wait the graceful
            # timeout and log a cancelled-task traceback for each open page.
            page_app.stop_event.set()

    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False,
                            timeout_graceful_shutdown=5)  # other open streams must not hold a stop forever
    Server(config).run()
