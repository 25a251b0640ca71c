"""Word and Excel files are zip archives: check what they would unpack to before any parser sees them.

A small file can unpack to gigabytes (a zip bomb) or to a sheet of a million rows; parsed as it
comes, either holds a process for minutes. Before parsing, the archive's entries are checked:
their number, each one's declared size and compression ratio, their sum, and the sizes actually
unpacked (a declared size can lie); for a workbook also the number of cells its sheets hold (a
sheet's declared dimension says nothing: one stray cell in XFD1048576 spans billions).
"""

from __future__ import annotations

import io
import zipfile
import zlib

from keikaku.importer.readers.base import DocumentError

MAX_ENTRIES = 5_000
MAX_UNPACKED = 200 * 1024 * 1024  # bytes, all entries together
MAX_RATIO = 120  # unpacked / packed, for an entry larger than RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_CELLS = 500_000  # cells in all the sheets of a workbook: far more than any plan or upload holds
_CELL = b"<c "
_CHUNK = 1 << 20


def check_archive(name: str, data: bytes, *, what: str) -> None:
    """Raise DocumentError when the archive would unpack to more than a plan document can be."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        raise DocumentError(name, f"corrupt {what}: not a readable zip archive ({exc})") from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise DocumentError(name, f"{what} holds {len(entries):,} parts (at most {MAX_ENTRIES:,}): not a plan document")
        declared = sum(e.file_size for e in entries)
        if declared > MAX_UNPACKED:
            raise DocumentError(name, f"{what} would unpack to {declared / 2**20:,.0f} MB (at most {MAX_UNPACKED // 2**20} MB)")
        for entry in entries:
            if entry.file_size > RATIO_FLOOR and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
                raise DocumentError(name, f"{what} part {entry.filename} unpacks {entry.file_size // max(entry.compress_size, 1):,} "
                                          f"times its size (at most {MAX_RATIO}): refused as a zip bomb")
        unpacked = cells = 0
        for entry in entries:
            sheet = entry.filename.startswith("xl/worksheets/") and entry.filename.endswith(".xml")
            size, count = _unpack(archive, entry, MAX_UNPACKED - unpacked, name, what, count_cells=sheet)
            unpacked, cells = unpacked + size, cells + count
            if cells > MAX_CELLS:
                raise DocumentError(name, f"{what} holds more than {MAX_CELLS:,} cells: too large for a plan or an upload of "
                                          "actuals; split it")


def _unpack(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, room: int, name: str, what: str, *,
            count_cells: bool) -> tuple[int, int]:
    """The size ``entry`` really unpacks to (stopping once it passes ``room`` or its declared size),
    and the cells it holds when it is a worksheet."""
    size = cells = 0
    tail = b""
    try:
        with archive.open(entry) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > room or size > entry.file_size:
                    raise DocumentError(name, f"{what} part {entry.filename} unpacks to more than it declares or than "
                                              f"{MAX_UNPACKED // 2**20} MB in all: refused as a zip bomb")
                if count_cells:
                    joined = tail + chunk
                    cells += joined.count(_CELL)
                    tail = joined[-(len(_CELL) - 1):]  # a tag cut between two chunks is counted once
    except DocumentError:
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:  # RuntimeError: an encrypted part
        raise DocumentError(name, f"corrupt {what}: part {entry.filename} cannot be unpacked ({exc})") from None
    return size, cells

