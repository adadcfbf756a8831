"""The ``serve`` command: the reading room (web app and JSON API) over one archive.

It binds to 127.0.0.1 unless told otherwise: an archive may hold what its owner has not
chosen to publish, so exposing it to the network is a decision made on the command line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cablebase.cli_archive import DEFAULT_ARCHIVE, ArchiveOption, open_archive

commands = typer.Typer()


@commands.command()
def serve(
    archive: ArchiveOption = DEFAULT_ARCHIVE,
    host: Annotated[
        str, typer.Option("--host", help="Address to bind (0.0.0.0: every interface).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", help="TCP port.", min=0, max=65535)] = 8000,
    workers: Annotated[
        int, typer.Option("--workers", "-w", help="Server processes (one per core serves most).")
    ] = 1,
) -> None:
    """Serve the reading room: search, read and cite in a browser; JSON at /docs."""
    import os

    import uvicorn

    from cablebase.web import create_app
    from cablebase.web.app import ARCHIVE_FOR_WORKERS

    # Opened once here first: an archive from an older cablebase is brought up to date
    # before serving, with a bar on the terminal, not silently by the first request.
    open_archive(archive).close()
    app = create_app(Path(archive))  # fails here, once, if there is no archive
    typer.echo(f"cablebase: serving {archive} at http://{host}:{port}/ (Ctrl+C stops)", err=True)
    if workers <= 1:
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
        return
    # Each search holds one core while it runs: more processes, more searches at once.
    os.environ[ARCHIVE_FOR_WORKERS] = str(Path(archive).resolve())
    uvicorn.run(
        "cablebase.web.app:create_app_for_worker",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
    )
