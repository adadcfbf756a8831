"""Archives give the same cables as the plain files packed in them."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import shutil
import tarfile
import zipfile
from pathlib import Path

import py7zr
import pytest

from cablebase.model import RawCable
from cablebase.sources import ReadProblem, read_paths, read_stream

MEMBERS = (
    "cables-csv/cables.csv.part-aa",
    "derived-json/wikileaks-11-28-10.json",
    "mirror-pages/scoop-08MEXICO23.txt",
    "plusd-pdf/text/09PARIS1007.txt",
    "plusd-pdf/pdf/00ATHENS1917.pdf",
)


def _key(item: RawCable | ReadProblem) -> tuple[object, ...]:
    """What must not change when a file is packed: everything but the path."""
    if isinstance(item, ReadProblem):
        return ("problem", item.position, item.message)
    return (
        item.source.format,
        item.source.position,
        item.header,
        item.body,
        item.original,
        tuple(sorted(item.meta.items())),
        item.issues,
    )


def _plain(corpus: Path, names: tuple[str, ...]) -> list[tuple[object, ...]]:
    return [_key(i) for name in sorted(names, key=_member) for i in read_paths([corpus / name])]


def _member(name: str) -> str:
    return Path(name).name


def _stage(corpus: Path, tmp_path: Path) -> Path:
    staged = tmp_path / "staged"
    staged.mkdir()
    for name in MEMBERS:
        shutil.copyfile(corpus / name, staged / _member(name))
    return staged


@pytest.fixture
def expected(corpus: Path) -> list[tuple[object, ...]]:
    found = _plain(corpus, MEMBERS)
    assert len(found) > 250  # 36 csv rows + 1 problem, 219 json lines, 3 single cables
    return found


@pytest.mark.parametrize("mode", ["w:gz", "w:bz2", "w:xz", "w"])
def test_tar(corpus: Path, tmp_path: Path, mode: str, expected: list[tuple[object, ...]]) -> None:
    staged = _stage(corpus, tmp_path)
    archive = tmp_path / f"cables.tar.{mode[2:] or 'plain'}"
    with tarfile.open(archive, mode) as tar:
        for member in sorted(staged.iterdir()):
            tar.add(member, arcname=f"dump/{member.name}")
    items = list(read_paths([archive]))
    assert [_key(i) for i in items] == expected
    first = items[0]
    assert isinstance(first, RawCable)
    assert first.source.path == f"{archive} > dump/{min(_member(m) for m in MEMBERS)}"


def test_zip(corpus: Path, tmp_path: Path, expected: list[tuple[object, ...]]) -> None:
    staged = _stage(corpus, tmp_path)
    archive = tmp_path / "cables.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for member in sorted(staged.iterdir(), reverse=True):  # read back in name order
            zf.write(member, arcname=member.name)
    assert [_key(i) for i in read_paths([archive])] == expected


def test_7z(corpus: Path, tmp_path: Path, expected: list[tuple[object, ...]]) -> None:
    staged = _stage(corpus, tmp_path)
    archive = tmp_path / "cables.7z"
    with py7zr.SevenZipFile(archive, "w") as sz:
        for member in sorted(staged.iterdir()):
            sz.write(member, arcname=member.name)
    assert [_key(i) for i in read_paths([archive])] == expected


@pytest.mark.parametrize(
    ("suffix", "compress"),
    [(".gz", gzip.compress), (".bz2", bz2.compress), (".xz", lzma.compress)],
)
def test_single_compressed_file(
    corpus: Path, tmp_path: Path, suffix: str, compress: object
) -> None:
    plain = corpus / "cables-csv/cables.csv.part-aa"
    packed = tmp_path / f"cables.csv.part-aa{suffix}"
    assert callable(compress)
    packed.write_bytes(compress(plain.read_bytes()))
    items = list(read_paths([packed]))
    assert [_key(i) for i in items] == [_key(i) for i in read_paths([plain])]
    # The path still names the file on disk, so the bytes can be found again.
    assert all(
        str(packed) in (i.path if isinstance(i, ReadProblem) else i.source.path) for i in items
    )


def test_zip_inside_tar(corpus: Path, tmp_path: Path) -> None:
    plain = corpus / "plusd-pdf/text/07BOGOTA1165.txt"
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.write(plain, arcname="07BOGOTA1165.txt")
    archive = tmp_path / "nested.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        info = tarfile.TarInfo("inner.zip")
        info.size = len(inner.getvalue())
        tar.addfile(info, io.BytesIO(inner.getvalue()))
    items = list(read_paths([archive]))
    assert [_key(i) for i in items] == [_key(i) for i in read_paths([plain])]


@pytest.mark.parametrize("kind", ["gz", "zip", "7z", "tar.xz"])
def test_damaged_archive_is_a_problem(corpus: Path, tmp_path: Path, kind: str) -> None:
    plain = (corpus / "cables-csv/cables.csv.part-aa").read_bytes()
    buffer = io.BytesIO()
    if kind == "gz":
        buffer.write(gzip.compress(plain))
    elif kind == "zip":
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("a.csv", plain)
    elif kind == "7z":
        with py7zr.SevenZipFile(buffer, "w") as sz:
            sz.writestr(plain, "a.csv")
    else:
        with tarfile.open(fileobj=buffer, mode="w:xz") as tar:
            info = tarfile.TarInfo("a.csv")
            info.size = len(plain)
            tar.addfile(info, io.BytesIO(plain))
    data = bytearray(buffer.getvalue())
    damaged = bytes(data[: len(data) // 2])
    items = list(read_stream(io.BytesIO(damaged), f"broken.{kind}"))
    assert items, "a damaged archive must say so"
    assert isinstance(items[-1], ReadProblem)
    assert "broken" in str(items[-1])


def test_corrupt_deflate_data_is_a_problem(corpus: Path) -> None:
    packed = bytearray(gzip.compress((corpus / "plusd-pdf/text/09PARIS1007.txt").read_bytes()))
    for i in range(20, len(packed) - 20, 7):  # scramble the deflate stream, keep the magic
        packed[i] ^= 0x5A
    items = list(read_stream(io.BytesIO(bytes(packed)), "scrambled.txt.gz"))
    assert items and isinstance(items[-1], ReadProblem)
