"""/search answered without FastAPI's parameter machinery must answer exactly as FastAPI does.

Each request is made twice through the same app: once as it comes (plain requests take the
short way) and once with the short way turned off, and the two answers must be the same,
byte for byte, errors included.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cablebase.web import create_app, routes_search
from cablebase.web.app import ARCHIVE_FOR_WORKERS, create_app_for_worker

PLAIN: list[tuple[str, dict[str, str]]] = [
    ("/search?q=nuclear", {}),
    ("/search.json?q=nuclear", {}),
    ("/search?q=nuclear", {"accept": "application/json"}),
    ("/search.json?q=government+minister&sort=-date&limit=7", {}),
    ("/search.json?q=%22prime+minister%22&f=tag%3APREL&f=date%3A2009", {}),
    ("/search?q=embassy&f=tag%3APREL&sort=date", {}),
    ("/search.json?q=iran&limit=5&cursor=bzo1", {}),
    ("/search.json?q=iran&expand=1", {}),
    ("/search.json?q=iran&expand=true&sort=relevance", {}),
    ("/search.json", {}),
    ("/search", {}),
    ("/search.json?q=zzyzx", {}),
]
# Errors, odd spellings, repeated or unknown parameters: left to FastAPI.
LEFT_TO_FASTAPI: list[tuple[str, dict[str, str]]] = [
    ("/search.json?q=%22unclosed", {}),
    ("/search?q=%22unclosed", {}),
    ("/search.json?q=iran&limit=0", {}),
    ("/search.json?q=iran&limit=500", {}),
    ("/search.json?q=iran&limit=-3", {}),
    ("/search.json?q=iran&limit=ten", {}),
    ("/search.json?q=iran&limit=%D9%A3", {}),  # an Arabic-Indic 3
    ("/search.json?q=iran&limit=%C2%B2", {}),  # a superscript 2
    ("/search.json?q=iran&cursor=not-a-cursor", {}),
    ("/search.json?q=iran&sort=sideways", {}),
    ("/search.json?q=iran&expand=yes", {}),
    ("/search.json?q=iran&q=iraq", {}),
    ("/search.json?q=iran&color=red", {}),
]
REQUESTS = PLAIN + LEFT_TO_FASTAPI


def answer(client: TestClient, url: str, headers: dict[str, str]) -> tuple[int, Any, bytes]:
    response = client.get(url, headers=headers)
    kept = {k: v for k, v in response.headers.items() if k not in ("date", "content-length")}
    return response.status_code, kept, response.content


@pytest.mark.parametrize(("url", "headers"), REQUESTS)
def test_the_short_way_answers_as_fastapi_does(
    client: TestClient, url: str, headers: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    taken: list[bool] = []
    plain = routes_search.plain_search

    async def watched(request: Any) -> Any:
        answered = await plain(request)
        taken.append(answered is not None)
        return answered

    monkeypatch.setattr(routes_search, "plain_search", watched)
    short = answer(client, url, headers)

    async def never(request: Any) -> None:
        return None

    monkeypatch.setattr(routes_search, "plain_search", never)
    assert answer(client, url, headers) == short
    assert taken == [(url, headers) in PLAIN]  # the plain requests took the short way


def test_the_short_way_keeps_the_security_headers(client: TestClient) -> None:
    response = client.get("/search.json?q=nuclear")
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    assert response.json()["total"] > 0


def test_a_worker_process_searches_on_one_thread(
    web_archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `serve --workers N` runs a process per core: each keeps a search on one thread.
    monkeypatch.setenv(ARCHIVE_FOR_WORKERS, str(web_archive))
    with TestClient(create_app_for_worker()) as worker:
        assert worker.get("/search.json?q=nuclear").json()["total"] > 0
        assert worker.app.state.archives.get().engine().spread is False  # type: ignore[attr-defined]
    with TestClient(create_app(web_archive)) as single:
        assert single.get("/search.json?q=nuclear").status_code == 200
        assert single.app.state.archives.get().engine().spread is True  # type: ignore[attr-defined]
