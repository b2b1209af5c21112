"""The JSON HTTP API, for portals and office systems that integrate the assistant.

    POST /api/ask                 question (+ regulation, script, previous answer) → the answer,
                                  the same JSON as `assistant ask --json`
    GET  /api/articles            every article, missing ones marked   (`assistant articles --json`)
    GET  /api/articles/{number}   one article; 404 when it is missing or does not exist
    GET  /api/duties              obligations by actor and modality     (`assistant duties --json`)
    GET  /api/actors              the actors that bear duties           (`assistant duties --actors --json`)
    GET  /api/regulations         the loaded regulations (ids for `regulation`)
    GET  /docs, /openapi.json     the OpenAPI description, with examples answered by this server

Errors are JSON: {"status": 422, "message": "…"} (422 bad body or parameter, 413 a body over
64 KB, 404 no such article or regulation). Answers are computed in a pool of threads, at most
`Settings.workers` at once: the embedder releases the GIL, so they run in parallel on the cores.
Nothing here imports gradio: `assistant serve --api-only` starts without it.
"""
from __future__ import annotations

import json
from dataclasses import MISSING, fields
from functools import partial
from typing import Literal

import anyio
from fastapi import APIRouter, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from .answer import Answer, Citation
from .listing import (absent_article, actors_listing, article_dict, article_number, articles_listing,
                      duties_listing)

MAX_REQUEST_BYTES = 64 * 1024  # a question is at most 2,000 characters; nothing legitimate is larger
MODALITIES = ("must", "must-not", "responsible", "encouraged", "may")
EXAMPLE_QUESTION = "小区的网线能不能一直架在电线杆上?"
EXAMPLE_FOLLOW_UP = "那第一款呢?"


class JSONText(JSONResponse):
    """The bytes `assistant … --json` prints (less its newline): UTF-8, keys sorted."""

    def render(self, content) -> bytes:
        return json.dumps(content, ensure_ascii=False, sort_keys=True).encode("utf-8")


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"question": EXAMPLE_QUESTION}]})

    question: str = Field(description="The question, in Chinese (Simplified or Traditional) or English. "
                                      "Over 2,000 characters is declined with the reason.")
    regulation: str | None = Field(None, description="Answer from this regulation only (an id from "
                                                     "GET /api/regulations).")
    script: Literal["zh-Hans", "zh-Hant"] | None = Field(
        None, description="Force Simplified or Traditional output for a Chinese question "
                          "(default: the question's own script; English questions get English).")
    previous: dict | None = Field(None, description="The previous answer of the conversation, as this "
                                                    "endpoint returned it: follow-ups such as 那第二款呢? "
                                                    "or 下一条呢? resolve against its articles.")


def error(status: int, message: str, **extra) -> JSONText:
    return JSONText({"status": status, "message": message, **extra}, status_code=status)


def bad_request_error(errors) -> JSONText:
    """422 naming each field and its problem (at most three in the message, all in `errors`)."""
    problems = [{"field": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
                for e in errors]
    summary = "; ".join(f"{p['field'] or 'body'}: {p['problem']}" for p in problems[:3])
    return error(422, f"bad request: {summary}", errors=problems)


def previous_answer(data: dict | None) -> Answer | None:
    """The Answer a client sent back as JSON (fields it left out take neutral values)."""
    if not data:
        return None
    citation_fields = {f.name for f in fields(Citation)}
    values = {}
    for item in fields(Answer):
        if item.name in data:
            values[item.name] = data[item.name]
        elif item.default is not MISSING:
            values[item.name] = item.default
        elif item.default_factory is not MISSING:
            values[item.name] = item.default_factory()
        else:
            values[item.name] = {"refused": False, "articles": [], "citations": []}.get(item.name, "")
    if not isinstance(values["articles"], list) or not all(isinstance(n, int) for n in values["articles"]):
        raise _invalid("previous.articles", "must be a list of article numbers")
    if not isinstance(values["citations"], list) or not all(isinstance(c, dict) for c in values["citations"]):
        raise _invalid("previous.citations", "must be a list of citation objects")
    values["citations"] = [Citation(**{k: c.get(k, 0 if k == "sub" else None) for k in citation_fields})
                           for c in values["citations"]]
    return Answer(**values)


def _invalid(field: str, problem: str) -> RequestValidationError:
    return RequestValidationError([{"loc": ("body", *field.split(".")), "msg": problem, "type": "value_error"}])


class Service:
    """The assistant behind the routes; questions are answered at most `workers` at a time."""

    def __init__(self, assistant, workers: int) -> None:
        self.assistant = assistant
        self.workers = workers
        self._limiter: anyio.CapacityLimiter | None = None

    async def ask(self, **arguments) -> Answer:
        if self._limiter is None:  # created inside the event loop
            self._limiter = anyio.CapacityLimiter(self.workers)
        return await anyio.to_thread.run_sync(partial(self.assistant.ask, **arguments), limiter=self._limiter)

    def regulation(self, regulation_id: str | None):
        corpus = self.assistant.index.corpus
        if not regulation_id:
            if corpus.default is None:
                known = ", ".join(r.id for r in corpus.regulations)
                raise HTTPException(422, f"several regulations are loaded and none is the default: "
                                         f"pass ?regulation=ID (one of: {known})")
            return corpus.default
        found = corpus.get(regulation_id)
        if found is None:
            known = ", ".join(r.id for r in corpus.regulations)
            raise HTTPException(404, f"no regulation {regulation_id!r}; loaded: {known}")
        return found

    def article(self, number: str, regulation_id: str | None) -> tuple[int, dict]:
        regulation = self.regulation(regulation_id)
        parsed = article_number(number)
        if parsed is None:
            raise HTTPException(422, f"{number!r} is not an article number (try 21 or 二十一)")
        article = regulation.article(parsed)
        if article is None:
            return 404, absent_article(regulation, parsed)
        return 200, article_dict(regulation, article)

    def duties(self, actor: str | None, modality: str | None) -> dict:
        obligations = self.assistant.obligations
        actor_id = obligations.resolve(actor) if actor else None
        if actor and actor_id is None:
            known = ", ".join(row["id"] for row in obligations.actor_rows())
            raise HTTPException(404, f"no actor {actor!r} bears duties in this regulation; known: {known}")
        return duties_listing(obligations, actor_id, modality)

    def regulations(self) -> dict:
        corpus = self.assistant.index.corpus
        return {"default": corpus.default.id if corpus.default else None, "regulations": [
            {"id": r.id, "title": r.title, "articles": len(r.articles)} for r in corpus.regulations]}


def make_router(service: Service) -> APIRouter:
    router = APIRouter(prefix="/api", default_response_class=JSONText, tags=["assistant"])

    @router.post("/ask", summary="Answer a question", openapi_extra={"requestBody": {
        "required": True, "content": {"application/json": {"schema": AskRequest.model_json_schema()}}}},
        responses={200: {"description": "The answer (`assistant ask --json`)"},
                   422: {"description": "A bad body"}, 413: {"description": "A body over 64 KB"}})
    async def ask(request: Request):
        """Answers one question by quoting and citing the regulation, or declines and cites nothing.
        The body is JSON (sent as `application/json`, or by `curl -d` as a form: it has no side effect)."""
        try:
            body = AskRequest.model_validate_json(await request.body())
        except ValidationError as exc:
            raise RequestValidationError([{**e, "loc": ("body", *e["loc"])}
                                          for e in exc.errors(include_url=False)]) from None
        if body.regulation:
            try:
                service.regulation(body.regulation)
            except HTTPException as exc:
                raise _invalid("regulation", exc.detail) from None
        answer = await service.ask(question=body.question, previous=previous_answer(body.previous),
                                   script=body.script, regulation=body.regulation)
        return JSONText(answer.to_dict())

    @router.get("/articles", summary="All articles",
                responses={404: {"description": "No such regulation"}})
    def articles(regulation: str | None = Query(None, description="A regulation id (default: the default regulation)")):
        """Every article number from 1 to the last, with its text; a missing one (第三十四条) is marked."""
        return articles_listing(service.regulation(regulation))

    @router.get("/articles/{number}", summary="One article",
                responses={404: {"description": "The article is missing from the source or does not exist"}})
    def article(number: str, regulation: str | None = Query(None, description="A regulation id")):
        """One article with its paragraphs: `21`, `二十一` or `第二十一条`."""
        status, body = service.article(number, regulation)
        return JSONText(body if status == 200 else {"status": status, **body}, status_code=status)

    @router.get("/duties", summary="Obligations by actor and modality",
                responses={404: {"description": "No such actor"}})
    def duties(actor: str | None = Query(None, description="An actor id, name or alias, e.g. 建设单位 or builder"),
               modality: Literal[MODALITIES] | None = Query(None, description="must, must-not, "
                                                           "responsible, encouraged or may")):
        """Who must, must not, is responsible for, is encouraged to or may do what, each with its citation."""
        return service.duties(actor, modality)

    @router.get("/actors", summary="The actors that bear duties")
    def actors():
        return actors_listing(service.assistant.obligations)

    @router.get("/regulations", summary="The loaded regulations")
    def regulations():
        return service.regulations()

    return router


def install(app: FastAPI, service: Service) -> None:
    """The API routes, JSON errors, the 64 KB body limit and the offline /docs on `app`."""
    from .api_docs import install_docs

    app.add_middleware(BodyLimit, limit=MAX_REQUEST_BYTES)
    app.include_router(make_router(service))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        return bad_request_error(exc.errors())

    @app.exception_handler(StarletteHTTPException)
    async def http_problem(request: Request, exc: StarletteHTTPException):
        return error(exc.status_code, str(exc.detail))

    install_docs(app, service)


def make_app(assistant, workers: int) -> FastAPI:
    """The API alone (`assistant serve --api-only`); `web.make_server_app` mounts the page on it."""
    app = FastAPI(title="Regulatory assistant API", version="1", docs_url=None, redoc_url=None,
                  openapi_url=None, description=__doc__.split("\n\n")[0])
    install(app, Service(assistant, workers))
    return app


class BodyLimit:
    """Refuses a request body over `limit` bytes with 413: on the declared length before reading
    anything, or while a body of undeclared length streams in."""

    def __init__(self, app, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None:
            if not length.isdigit() or int(length) > self.limit:
                return await self._refuse(scope, receive, send)
            return await self.app(scope, receive, send)
        if scope["method"] not in ("POST", "PUT", "PATCH"):
            return await self.app(scope, receive, send)
        body, more = b"", True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.limit:
                return await self._refuse(scope, receive, send)
        replay = [{"type": "http.request", "body": body, "more_body": False}]

        async def receive_again():
            return replay.pop() if replay else await receive()

        return await self.app(scope, receive_again, send)

    async def _refuse(self, scope, receive, send):
        await error(413, f"request body too large (the limit is {self.limit // 1024} KB)")(scope, receive, send)


def serve(assistant, host: str = "127.0.0.1", port: int = 7860, workers: int = 1) -> None:
    import uvicorn

    uvicorn.run(make_app(assistant, workers), host=host, port=port, log_level="warning",
                access_log=False, timeout_graceful_shutdown=5)
