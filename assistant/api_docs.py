"""/docs and /openapi.json for the HTTP API, offline: Swagger UI is served from the
`swagger-ui-bundle-v2` package (nothing from a CDN), and every example in the description is
answered by this server the first time the description is asked for, so none can go stale."""
from __future__ import annotations

import json

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.staticfiles import StaticFiles
from pydantic import ValidationError

ASSETS = "/docs-assets"


def _assets_folder():
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:
        return None
    return swagger_ui_path


def install_docs(app: FastAPI, service) -> None:
    folder = _assets_folder()
    if folder is not None:
        app.mount(ASSETS, StaticFiles(directory=str(folder)), name="docs-assets")

    @app.get("/openapi.json", include_in_schema=False)
    def openapi():
        from .api import JSONText

        return JSONText(_description(app, service))

    @app.get("/docs", include_in_schema=False)
    def docs():
        if folder is None:
            from .api import error

            return error(503, "the API description UI needs the swagger-ui-bundle-v2 package "
                              "(pip install swagger-ui-bundle-v2); /openapi.json works without it")
        return get_swagger_ui_html(openapi_url="/openapi.json", title=f"{app.title} — docs",
                                   swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
                                   swagger_css_url=f"{ASSETS}/swagger-ui.css",
                                   swagger_favicon_url=f"{ASSETS}/favicon-32x32.png",
                                   swagger_ui_parameters={"validatorUrl": None, "tryItOutEnabled": True})


def _description(app: FastAPI, service) -> dict:
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, description=app.description,
                             routes=app.routes)
        for path, method, status, example in _examples(service):
            operation = schema["paths"][path][method]
            if status == "request":
                content = operation["requestBody"]["content"]["application/json"]
            else:
                response = operation["responses"].setdefault(status, {"description": ""})
                content = response.setdefault("content", {}).setdefault("application/json", {})
            content.setdefault("examples", {}).update(example)
        app.openapi_schema = schema
    return app.openapi_schema


def _examples(service):
    """(path, method, status or "request", {name: {"summary", "value"}}) answered here and now."""
    from .api import EXAMPLE_FOLLOW_UP, EXAMPLE_QUESTION, AskRequest, bad_request_error, previous_answer
    from .listing import articles_listing

    assistant = service.assistant
    answer = assistant.ask(EXAMPLE_QUESTION)
    previous = {"articles": answer.articles[:1], "regulation": answer.regulation}
    follow_up = assistant.ask(EXAMPLE_FOLLOW_UP, previous=previous_answer(previous))
    declined = assistant.ask("吉林市今天天气怎么样?")
    try:
        AskRequest.model_validate_json(b'{"q": "?"}')
        bad = {}
    except ValidationError as exc:
        bad = json.loads(bad_request_error(exc.errors(include_url=False)).body)
    _, article = service.article("8", None)
    _, missing = service.article("34", None)
    regulation = service.regulation(None)

    def one(name, summary, value):
        return {name: {"summary": summary, "value": value}}

    return [
        ("/api/ask", "post", "request", {
            **one("question", "A question", {"question": EXAMPLE_QUESTION}),
            **one("follow-up", "A follow-up: the previous answer (its articles suffice)",
                  {"question": EXAMPLE_FOLLOW_UP, "previous": previous}),
            **one("traditional", "Traditional output", {"question": EXAMPLE_QUESTION, "script": "zh-Hant"})}),
        ("/api/ask", "post", "200", {**one("answered", EXAMPLE_QUESTION, answer.to_dict()),
                                     **one("follow-up", EXAMPLE_FOLLOW_UP, follow_up.to_dict()),
                                     **one("declined", "Not covered: declined, nothing cited",
                                           declined.to_dict())}),
        ("/api/ask", "post", "422", one("bad-body", "A body without `question`", bad)),
        ("/api/ask", "post", "413", one("too-large", "A body over 64 KB", {
            "status": 413, "message": "request body too large (the limit is 64 KB)"})),
        ("/api/articles/{number}", "get", "200", one("article-8", "GET /api/articles/8", article)),
        ("/api/articles/{number}", "get", "404", one("article-34", "GET /api/articles/34 (missing "
                                                                   "from the source)", {"status": 404, **missing})),
        ("/api/duties", "get", "200", one("builder", "GET /api/duties?actor=建设单位",
                                          service.duties("建设单位", None))),
        ("/api/articles", "get", "200", one("all", f"GET /api/articles ({regulation.id})",
                                            articles_listing(regulation))),
    ]
