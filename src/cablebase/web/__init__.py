"""The reading room: a web app and JSON API over one archive (``cablebase serve``)."""

from __future__ import annotations

from cablebase.web.app import create_app

__all__ = ["create_app"]
