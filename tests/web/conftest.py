"""A real archive (the 1,310 Cablegate pages plus one hostile cable), an in-process client,
and a real uvicorn server with a real Chromium for the browser tests."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient

from cablebase.service import Archive
from cablebase.web import create_app
from tests.web.hostile import write_hostile_csv

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def web_archive(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("web-archive")
    hostile = write_hostile_csv(tmp_path_factory.mktemp("hostile"))
    with Archive.open(directory, create=True) as archive:
        report = archive.ingest([corpus / "cablegate-html", hostile], workers=2)
    assert report.added == 1311
    return directory


@pytest.fixture(scope="session")
def client(web_archive: Path) -> Iterator[TestClient]:
    with TestClient(create_app(web_archive)) as test_client:
        yield test_client


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def server_url(web_archive: Path) -> Iterator[str]:
    with serving(web_archive) as url:
        yield url


@contextlib.contextmanager
def serving(archive_dir: Path) -> Iterator[str]:
    """A real uvicorn server over ``archive_dir`` on a free loopback port, in a thread."""
    port = _free_port()
    config = uvicorn.Config(
        create_app(archive_dir), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the uvicorn server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: apt-get install -y chromium (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()
