"""What every route shares: the archive of this thread, HTML-or-JSON answers, cursors, errors.

Every page has a JSON twin. A client asks for it with a ``.json`` suffix (which the app's
middleware strips and remembers in ``scope["state"]``) or with ``Accept: application/json``.
"""

from __future__ import annotations

import base64
import binascii
import threading
from pathlib import Path
from typing import Any

import orjson
from fastapi import Request
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates

from cablebase.errors import UsageError
from cablebase.service import Archive

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100  # a page's size is capped; how far one may page is not


class FastJSONResponse(JSONResponse):
    """JSON made by orjson: a search page's twin (some 30 KB) in 0.07 ms instead of the
    standard library's 0.45 (200 pages of the bench/web mix)."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)


class WebError(UsageError):
    """An answer the reader gets instead of a page: HTTP status, code, message and a hint."""

    def __init__(self, status: int, code: str, message: str, hint: str = "") -> None:
        self.status = status
        self.code = code
        self.message = message
        self.hint = hint
        super().__init__(f"{message}; {hint}" if hint else message)


class Archives:
    """One open :class:`Archive` per thread.

    The store is one SQLite connection, which may only be used by the thread that opened it.
    Routes are ``async`` and run on the event loop's thread, so a served app opens one archive;
    the per-thread map only matters to test clients that run the app from several threads.
    ``spread``: whether a search may use more than one thread (see Engine's ``spread``).
    """

    def __init__(self, directory: Path, spread: bool = True) -> None:
        self.directory = directory
        self.spread = spread
        self._local = threading.local()
        self._opened: list[Archive] = []
        self._lock = threading.Lock()

    def get(self) -> Archive:
        archive: Archive | None = getattr(self._local, "archive", None)
        if archive is None:
            archive = Archive.open(self.directory, spread_searches=self.spread)
            self._local.archive = archive
            with self._lock:
                self._opened.append(archive)
        return archive

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for archive in opened:
            try:
                archive.close()
            except Exception:  # a connection made on another thread refuses to close there
                continue


def archive(request: Request) -> Archive:
    archives: Archives = request.app.state.archives
    return archives.get()


def wants_json(request: Request) -> bool:
    if request.scope.get("state", {}).get("json_suffix"):
        return True
    if request.url.path.startswith("/api/"):  # the chart endpoints answer JSON only
        return True
    accept = request.headers.get("accept", "")
    # A browser sends text/html first; only a client that asks for JSON before HTML gets it.
    return "application/json" in accept and (
        "text/html" not in accept or accept.index("application/json") < accept.index("text/html")
    )


def answer(
    request: Request, template: str, context: dict[str, Any], payload: dict[str, Any]
) -> Response:
    """The page, or its JSON twin: the same data the page shows."""
    if wants_json(request):
        return FastJSONResponse(payload)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, template, {**context, "data": payload})


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """The offset a cursor stands for; a cursor is opaque to clients and never expires."""
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, _, number = text.partition(":")
        offset = int(number)
        if kind != "o" or offset < 0:
            raise ValueError(text)
    except (ValueError, UnicodeDecodeError, binascii.Error):
        raise WebError(
            400, "bad_cursor", f"cursor {cursor!r} is not one this server gave", "start again"
        ) from None
    return offset


def page_size(limit: int | None) -> int:
    if limit is None:
        return PAGE_SIZE
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise WebError(
            400, "bad_limit", f"limit {limit} is out of range", f"use 1 to {MAX_PAGE_SIZE}"
        )
    return limit
