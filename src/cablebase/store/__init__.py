"""The system of record: SQLite, its schema and the read/write API over it."""

from cablebase.store.db import DATABASE, PreparedCable, RunReport, Store, VersionInfo

__all__ = ["DATABASE", "PreparedCable", "RunReport", "Store", "VersionInfo"]
