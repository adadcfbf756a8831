"""Readers: files, directories and archives in, raw cables out.

Every input is picked by its content. Archives (.zip, .tar with or without gzip/bzip2/xz,
.7z, and single gzip/bzip2/xz files) are opened by their magic bytes and their members are
read in turn, so ``cables.csv.7z`` and ``cables.csv`` give the same cables. Everything
streams: a member is handed to its reader as a file object, never loaded whole.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import os
import tarfile
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, BinaryIO, cast

from cablebase.sources.base import SNIFF_BYTES, Item, Reader, ReadProblem
from cablebase.sources.registry import READERS

__all__ = ["READERS", "Item", "ReadProblem", "Reader", "detect", "read_paths", "read_stream"]

_ZIP = b"PK\x03\x04"
_GZIP = b"\x1f\x8b"
_BZIP2 = b"BZh"
_XZ = b"\xfd7zXZ\x00"
_SEVEN_ZIP = b"7z\xbc\xaf\x27\x1c"


def detect(head: bytes) -> Reader | None:
    """The reader whose format ``head`` is, or None when no reader knows it."""
    for reader in READERS:
        if reader.sniff(head):
            return reader
    return None


def read_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Item]:
    """Every cable in ``paths`` (files, directories walked recursively in name order)."""
    for raw_path in paths:
        path = Path(raw_path)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                yield from _read_file(child)
        elif path.is_file():
            yield from _read_file(path)
        else:
            yield ReadProblem(str(path), "", "no such file or directory", "check the path")


def _read_file(path: Path) -> Iterator[Item]:
    try:
        with path.open("rb") as stream:
            yield from read_stream(stream, str(path))
    except OSError as exc:
        yield ReadProblem(str(path), "", f"cannot open: {exc.strerror or exc}", "check permissions")


def read_stream(stream: BinaryIO, path: str) -> Iterator[Item]:
    """Every cable in one input stream, archive or not. ``path`` names it in messages."""
    head = _read_head(stream)
    rewound = _Rewound(head, stream)
    whole: BinaryIO = io.BufferedReader(rewound, buffer_size=1024 * 1024)
    try:
        if head.startswith(_ZIP):
            yield from _read_zip(rewound, path)
        elif head.startswith(_SEVEN_ZIP):
            yield from _read_7z(rewound, path)
        elif head.startswith(_GZIP):
            with gzip.GzipFile(fileobj=whole) as gz:
                yield from _read_compressed(cast(BinaryIO, gz), path, ".gz")
        elif head.startswith(_BZIP2):
            with bz2.BZ2File(whole) as bz:
                yield from _read_compressed(cast(BinaryIO, bz), path, ".bz2")
        elif head.startswith(_XZ):
            with lzma.LZMAFile(whole) as xz:
                yield from _read_compressed(cast(BinaryIO, xz), path, ".xz")
        elif _is_tar(head):
            yield from _read_tar(whole, path)
        else:
            reader = detect(head)
            if reader is None:
                yield ReadProblem(
                    path,
                    "",
                    "not a cable format cablebase knows",
                    "give a cables.csv, a Cablegate/PlusD page, a PDF, JSON lines or cable text",
                )
                return
            yield from reader.read(whole, path)
    # zlib.error: a gzip member whose deflate data is corrupt (not an OSError).
    except (
        OSError,
        EOFError,
        tarfile.TarError,
        zipfile.BadZipFile,
        lzma.LZMAError,
        zlib.error,
    ) as exc:
        yield ReadProblem(path, "", f"damaged or truncated archive: {exc}", "re-download it")


def _is_tar(head: bytes) -> bool:
    return len(head) >= 262 and head[257:262] == b"ustar"


def _read_head(stream: BinaryIO) -> bytes:
    # A decompressor or archive member may return short reads; the sniff needs the full head.
    head = stream.read(SNIFF_BYTES)
    while 0 < len(head) < SNIFF_BYTES:
        more = stream.read(SNIFF_BYTES - len(head))
        if not more:
            break
        head += more
    return head


def _read_compressed(stream: BinaryIO, path: str, suffix: str) -> Iterator[Item]:
    # A .gz/.bz2/.xz file is either a tarball or one compressed file (cables.csv.gz). The
    # path keeps naming the file on disk (`cables.csv.gz > cables.csv`): dropping the suffix
    # named a file that does not exist, and the bytes could not be found again from it.
    head = _read_head(stream)
    unpacked: BinaryIO = io.BufferedReader(_Rewound(head, stream), buffer_size=1024 * 1024)
    if _is_tar(head):  # cables.tar.gz > dump/a.csv, not cables.tar.gz > cables.tar > ...
        yield from _read_tar(unpacked, path)
        return
    name = Path(path.rsplit(" > ", 1)[-1]).name
    inner = name.removesuffix(suffix) if name.endswith(suffix) and name != suffix else ""
    yield from read_stream(unpacked, f"{path} > {inner or '(decompressed)'}")


def _read_tar(stream: BinaryIO, path: str) -> Iterator[Item]:
    with tarfile.open(fileobj=stream, mode="r|") as archive:
        for member in archive:
            if not member.isfile():
                continue
            extracted = archive.extractfile(member)
            if extracted is not None:
                yield from read_stream(cast(BinaryIO, extracted), f"{path} > {member.name}")


def _read_zip(stream: _Rewound, path: str) -> Iterator[Item]:
    # zip needs seeking; an archive inside an archive is spooled to disk, not to memory.
    with _seekable(stream) as seekable, zipfile.ZipFile(seekable) as archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            if info.is_dir():
                continue
            with archive.open(info) as member:
                yield from read_stream(cast(BinaryIO, member), f"{path} > {info.filename}")


def _read_7z(stream: _Rewound, path: str) -> Iterator[Item]:
    import py7zr  # imported here: only 7z inputs pay for it

    # py7zr decompresses solid blocks whole, so members are unpacked to a temporary
    # directory and streamed from there; memory stays bounded for a 1.7 GB cables.csv.
    with (
        _seekable(stream) as seekable,
        tempfile.TemporaryDirectory(prefix="cablebase-7z-") as tmp,
    ):
        try:
            with py7zr.SevenZipFile(seekable, mode="r") as archive:
                names = sorted(n for n in archive.getnames())
                archive.extractall(path=tmp)
        # py7zr raises its own errors and, on damaged streams, lzma/zlib/EOF/CRC ones too.
        except (
            py7zr.exceptions.ArchiveError,
            ValueError,
            EOFError,
            OSError,
            lzma.LZMAError,
            zlib.error,
        ) as exc:
            yield ReadProblem(path, "", f"damaged 7z archive: {exc}", "re-download it")
            return
        for name in names:
            member = Path(tmp, name)
            if member.is_file():
                with member.open("rb") as handle:
                    yield from read_stream(cast(BinaryIO, handle), f"{path} > {name}")


class _seekable:
    """A context giving a seekable view of ``stream``, spooling to a temp file if needed."""

    def __init__(self, stream: _Rewound) -> None:
        self._stream = stream
        self._spool: tempfile.SpooledTemporaryFile[bytes] | None = None

    def __enter__(self) -> BinaryIO:
        inner = self._stream.inner
        if _is_seekable(inner):
            inner.seek(0)
            return inner
        self._spool = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)
        while chunk := self._stream.read(1024 * 1024):
            self._spool.write(chunk)
        self._spool.seek(0)
        return self._spool  # type: ignore[return-value]

    def __exit__(self, *exc: object) -> None:
        if self._spool is not None:
            self._spool.close()


def _is_seekable(stream: IO[bytes]) -> bool:
    # A member of a streamed tar has seekable() but its raw _Stream lacks the method.
    try:
        return bool(stream.seekable())
    except (AttributeError, OSError):
        return False


class _Rewound(io.RawIOBase):
    """``head`` followed by the rest of ``inner``: lets a sniffed stream be read from byte 0."""

    def __init__(self, head: bytes, inner: BinaryIO) -> None:
        self._head = memoryview(head)
        self._pos = 0
        self.inner = inner

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._pos < len(self._head):
            n = min(len(buffer), len(self._head) - self._pos)
            buffer[:n] = self._head[self._pos : self._pos + n]
            self._pos += n
            return n
        data = self.inner.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            rest = bytes(self._head[self._pos :])
            self._pos = len(self._head)
            return rest + self.inner.read()
        return super().read(size) or b""
