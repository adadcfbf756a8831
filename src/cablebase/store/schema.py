"""The SQLite schema of an archive and its migrations (``PRAGMA user_version``).

The database is the system of record: every version of every cable, exactly as read
(``original``) and as parsed (``record``), plus the tables that the archive answers
from without the full-text index (tags, references, ingest runs and their problems).
Texts are stored compressed (zstd; zlib in the first archives): a Cablegate-size archive
stays a few GB, not ten.
"""

from __future__ import annotations

import sqlite3

from cablebase.errors import DataError

# Each entry migrates from version i to i + 1; never edit a released step, append one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE runs (
        id          INTEGER PRIMARY KEY,
        started     TEXT NOT NULL,
        finished    TEXT,
        status      TEXT NOT NULL,          -- running | done | interrupted
        pid         INTEGER,
        inputs      TEXT NOT NULL,          -- JSON list of the paths given
        read        INTEGER NOT NULL DEFAULT 0,
        added       INTEGER NOT NULL DEFAULT 0,
        updated     INTEGER NOT NULL DEFAULT 0,
        unchanged   INTEGER NOT NULL DEFAULT 0,
        problematic INTEGER NOT NULL DEFAULT 0,
        unreadable  INTEGER NOT NULL DEFAULT 0
    );
    -- What could not be read at all, or was read with parse issues.
    CREATE TABLE problems (
        run_id       INTEGER NOT NULL REFERENCES runs(id),
        path         TEXT NOT NULL,
        position     TEXT NOT NULL,
        reference_id TEXT,
        message      TEXT NOT NULL
    );
    CREATE INDEX problems_run ON problems(run_id);
    -- Every text of a cable ever ingested. Rows are only appended, so `id` grows with time
    -- and doubles as the change counter that the full-text index follows.
    CREATE TABLE versions (
        id              INTEGER PRIMARY KEY,
        reference_id    TEXT NOT NULL,
        digest          BLOB NOT NULL,      -- sha256 of the original text
        run_id          INTEGER NOT NULL,
        ingested        TEXT NOT NULL,
        source_format   TEXT NOT NULL,
        source_path     TEXT NOT NULL,
        source_position TEXT NOT NULL,
        issues          INTEGER NOT NULL,
        record          BLOB NOT NULL,      -- zstd(JSON of the record without `original`)
        original        BLOB NOT NULL       -- zstd(UTF-8 original text)
    );
    CREATE UNIQUE INDEX versions_digest ON versions(reference_id, digest);
    -- One row per cable: its current (newest) version and the columns that lists, stats and
    -- facets of the store read without unpacking records.
    CREATE TABLE cables (
        reference_id   TEXT PRIMARY KEY,
        version_id     INTEGER NOT NULL REFERENCES versions(id),
        versions       INTEGER NOT NULL,
        origin         TEXT,
        created        TEXT,
        year           INTEGER,
        classification TEXT,
        level          TEXT,
        subject        TEXT NOT NULL,
        issues         INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX cables_version ON cables(version_id);
    CREATE INDEX cables_origin ON cables(origin, created);
    CREATE TABLE tags (
        reference_id TEXT NOT NULL,
        position     INTEGER NOT NULL,
        code         TEXT NOT NULL,
        PRIMARY KEY (reference_id, position)
    ) WITHOUT ROWID;
    CREATE INDEX tags_code ON tags(code);
    -- The REF lines of the current versions; cited_id is canonical (NULL when not a cable).
    CREATE TABLE refs (
        reference_id TEXT NOT NULL,
        position     INTEGER NOT NULL,
        label        TEXT NOT NULL,
        text         TEXT NOT NULL,
        kind         TEXT NOT NULL,
        cited_id     TEXT,
        PRIMARY KEY (reference_id, position)
    ) WITHOUT ROWID;
    CREATE INDEX refs_cited ON refs(cited_id);
    """,
    """
    -- Acronyms the current version of each cable defines ("Government of Mexico (GOM)"):
    -- keys that counts merge on, and the forms as written. Counts per origin come from
    -- grouping these rows; the cable's origin is copied here (rows are replaced with the
    -- cable) so that the groupings read the indexes alone.
    CREATE TABLE acronym_definitions (
        reference_id  TEXT NOT NULL,
        origin        TEXT NOT NULL,        -- the cable's origin ('' when it has none)
        acronym       TEXT NOT NULL,        -- key: GOM, NGO (upper case, no dots, singular)
        expansion_key TEXT NOT NULL,        -- key: "government of mexico"
        written       TEXT NOT NULL,        -- the acronym as written: GoM, NGO
        expansion     TEXT NOT NULL,        -- the long form as written
        PRIMARY KEY (reference_id, acronym, expansion_key)
    ) WITHOUT ROWID;
    CREATE INDEX acronym_definitions_acronym
        ON acronym_definitions(acronym, origin, expansion_key, expansion);
    CREATE INDEX acronym_definitions_origin
        ON acronym_definitions(origin, acronym, expansion_key, expansion);
    CREATE INDEX acronym_definitions_expansion
        ON acronym_definitions(expansion_key, acronym, origin);
    """,
    """
    -- The people, organisations and places the current versions name in their structure
    -- (signers, Classified By, TAGS, origin): see cablebase.entities.
    CREATE TABLE entities (
        reference_id TEXT NOT NULL,
        position     INTEGER NOT NULL,
        kind         TEXT NOT NULL,         -- person | organisation | place
        key          TEXT NOT NULL,         -- URL key: argyros-george, NATO, SP
        name         TEXT NOT NULL,         -- canonical: ARGYROS, GEORGE
        role         TEXT NOT NULL,         -- signer | classified-by | tagged | tag | origin
        surface      TEXT NOT NULL,         -- as the cable writes it
        PRIMARY KEY (reference_id, position)
    ) WITHOUT ROWID;
    CREATE INDEX entities_key ON entities(kind, key);
    CREATE INDEX entities_name ON entities(kind, name);
    -- Cables stored before this table existed: their mentions are filled in on open.
    CREATE TABLE entities_backlog (reference_id TEXT PRIMARY KEY) WITHOUT ROWID;
    INSERT INTO entities_backlog SELECT reference_id FROM cables;
    """,
    """
    -- The clean text of each version, compressed on its own: a page of search results
    -- reads twenty of them for its snippets, which costs a record's unpacking each if
    -- read from the record. (The full-text index does not store it: it was two thirds of
    -- the index, which a merge during an ingest maps into memory whole.) Versions stored
    -- before this table have no row here; their snippets are read from the record.
    CREATE TABLE bodies (
        version_id INTEGER PRIMARY KEY REFERENCES versions(id),
        body       BLOB NOT NULL          -- LZ4 block of the UTF-8 clean body
    );
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, path: str) -> None:
    """Bring the database to :data:`SCHEMA_VERSION`, one transaction per step."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current > SCHEMA_VERSION:
        raise DataError(
            f"{path}: archive schema version {current} is newer than this cablebase knows "
            f"({SCHEMA_VERSION}); upgrade cablebase to open it"
        )
    for step in range(current, SCHEMA_VERSION):
        # executescript commits what is pending first; the step itself is one transaction.
        conn.executescript(f"BEGIN; {MIGRATIONS[step]} PRAGMA user_version = {step + 1}; COMMIT;")
