"""Ingest: inputs -> parsed, prepared cables -> the store and the index."""

from cablebase.ingest.pipeline import catch_up, default_workers, ingest

__all__ = ["catch_up", "default_workers", "ingest"]
