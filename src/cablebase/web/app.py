"""The FastAPI app: routes, the JSON-twin switch, security headers and the one error shape.

Every answer that is not a page or a download is an error of one shape, in JSON or HTML::

    {"error": {"status": 404, "code": "not_found", "message": "...", "hint": "..."}}

(query errors add ``query``, ``position`` and ``caret``). The server only reads: it has no
route that writes, and any method but GET and HEAD is refused.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from cablebase.errors import CablebaseError
from cablebase.search.query import QueryError
from cablebase.web import (
    result_html,
    routes_browse,
    routes_cable,
    routes_charts,
    routes_cited,
    routes_glossary,
    routes_graph,
    routes_holdings,
    routes_people,
    routes_search,
)
from cablebase.web.common import Archives, WebError, wants_json

# No inline script or style anywhere: everything the page runs or wears is a static file.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]
_NOT_JSON_TWINS = ("/static/", "/openapi.json")


class ReadingRoomMiddleware:
    """``/cable/X.json`` is ``/cable/X`` answered in JSON; every answer gets the CSP headers;
    a HEAD is answered with the headers of its GET; any other method is refused (a plain
    ASGI middleware: no per-request task)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if path.endswith(".json") and not path.startswith(_NOT_JSON_TWINS):
            scope = dict(scope)
            scope["path"] = path.removesuffix(".json") or "/"
            scope["raw_path"] = scope["path"].encode()
            scope.setdefault("state", {})["json_suffix"] = True

        # FastAPI's routes answer GET only (a HEAD got 405): a HEAD is run as its GET, and
        # the body left out here, whatever the server under the app does with it.
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *_SECURITY_HEADERS]
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        if scope["method"] != "GET":
            refusal = WebError(405, "read_only", "this server only reads", "use GET")
            await error_response(Request(scope), refusal)(scope, receive, send_with_headers)
            return
        if scope["path"] == "/search":  # (a GET: anything else was refused above)
            answered = await routes_search.plain_search(Request(scope, receive))
            if answered is not None:
                await answered(scope, receive, send_with_headers)
                return
        await self.app(scope, receive, send_with_headers)


class _PageEnvironment(jinja2.Environment):
    """Templates read ``entry.count`` from plain dicts (the JSON twins' data) a thousand times
    a page. Jinja tries the attribute first and the key after a failed lookup; for a dict
    holding that key this reads the key first, which made a search page render in about half
    the time. Anything else, and any name the dict lacks (``.items()``), is looked up as
    Jinja always does."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


def _templates() -> Jinja2Templates:
    folder = resources.files("cablebase.web").joinpath("templates")
    env = _PageEnvironment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,  # every field of a cable is untrusted text, in every template
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # the templates are the package's own: no stat of each per page
    )
    env.globals.update(result_html.GLOBALS)
    return Jinja2Templates(env=env)


def create_app(archive_dir: Path, spread: bool = True) -> FastAPI:
    """The reading room over an archive. ``spread`` False: each search on one thread, for
    one server process among one per core (``serve --workers N``)."""
    archives = Archives(Path(archive_dir))
    archives.get().close()  # fail now, not on the first request, if there is no archive here
    archives = Archives(Path(archive_dir), spread)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        archives.close()

    app = FastAPI(
        title="cablebase reading room",
        description="Search, read and cite US diplomatic cables. Every page has a JSON twin: "
        "add `.json` to its path or send `Accept: application/json`.",
        version="1",
        docs_url=None,  # Swagger UI needs inline script and a CDN; /docs is our own page
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.archives = archives
    app.state.templates = _templates()
    app.include_router(routes_search.router)
    app.include_router(routes_cable.router)
    app.include_router(routes_browse.router)
    app.include_router(routes_glossary.router)
    app.include_router(routes_holdings.router)
    app.include_router(routes_graph.router)
    app.include_router(routes_cited.router)
    app.include_router(routes_charts.router)
    app.include_router(routes_people.router)
    static = resources.files("cablebase.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    _error_handlers(app)
    app.add_middleware(ReadingRoomMiddleware)
    return app


def error_response(
    request: Request, error: WebError, extra: dict[str, Any] | None = None
) -> Response:
    body: dict[str, Any] = {
        "status": error.status,
        "code": error.code,
        "message": error.message,
        "hint": error.hint,
        **(extra or {}),
    }
    if wants_json(request):
        return JSONResponse({"error": body}, status_code=error.status)
    templates: Jinja2Templates = request.app.state.templates
    page = templates.get_template("error.html").render(
        request=request, title=f"{error.status} – {error.message}", error=body
    )
    return HTMLResponse(page, status_code=error.status)


def _error_handlers(app: FastAPI) -> None:
    async def web_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, WebError)
        return error_response(request, exc)

    async def query_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, QueryError)
        extra = {"query": exc.query, "position": exc.position, "caret": exc.caret()}
        error = WebError(400, "bad_query", exc.problem, exc.hint)
        return error_response(request, error, extra)

    async def cablebase_error(request: Request, exc: Exception) -> Response:
        return error_response(request, WebError(400, "bad_request", str(exc)))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        code = {404: "not_found", 405: "read_only"}.get(exc.status_code, "http_error")
        hint = "see /docs for the pages there are" if exc.status_code == 404 else ""
        return error_response(request, WebError(exc.status_code, code, str(exc.detail), hint))

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        problems = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]
        error = WebError(400, "bad_parameter", "; ".join(problems), "see /docs for the parameters")
        return error_response(request, error)

    async def server_error(request: Request, exc: Exception) -> Response:
        # The reader gets the one error shape; the traceback goes to the server's log only.
        error = WebError(500, "server_error", "the server failed to answer", "try again")
        return error_response(request, error)

    app.add_exception_handler(Exception, server_error)
    app.add_exception_handler(WebError, web_error)
    app.add_exception_handler(QueryError, query_error)
    app.add_exception_handler(CablebaseError, cablebase_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)


ARCHIVE_FOR_WORKERS = "CABLEBASE_SERVE_ARCHIVE"


def create_app_for_worker() -> FastAPI:
    """The app of one of several server processes (``serve --workers N``).

    uvicorn starts each worker process by importing a factory, so the shell hands the
    archive path over in the environment; nothing else reads it.
    """
    import os

    # The other processes keep the other cores busy: a search spread over threads here
    # would only contend with them.
    return create_app(Path(os.environ[ARCHIVE_FOR_WORKERS]), spread=False)
