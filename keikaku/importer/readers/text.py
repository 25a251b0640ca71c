"""Text files: encoding detection, one line per line, tab-separated lines as table rows."""

from __future__ import annotations

import re

from keikaku.importer.readers.base import DocumentError
from keikaku.importer.records import RawLine, Source

_CONTROL_SHARE = 0.05  # more control characters than this share of the text: binary
# C0/C1 controls except tab, LF, CR, form feed (a page break) and ^Z (a DOS end of file).
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x19\x1b-\x1f\x7f-\x9f]")


def _decode(name: str, data: bytes) -> tuple[str, str]:
    """Decode by BOM, else strict UTF-8, else the likelier of CP932 and EUC-JP."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
        return data[2:].decode(codec, errors="replace"), "utf-16"
    if b"\x00" in data:
        raise DocumentError(name, "not a text document (it contains NUL bytes: binary data?)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = []
    for codec in ("cp932", "euc-jp"):
        try:
            candidates.append((_oddness(data.decode(codec)), codec))
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise DocumentError(name, "not a text document (neither UTF-8, Shift_JIS/CP932 nor EUC-JP)")
    # EUC-JP bytes often also decode as CP932, into half-width katakana and symbols: take the
    # decoding that looks least like mojibake (ties go to CP932, the commoner one).
    _, codec = min(candidates, key=lambda c: c[0])
    return data.decode(codec), codec


def _oddness(text: str) -> int:
    """How many characters are rare in real Japanese text: half-width katakana, private use, C1 controls."""
    return sum(1 for ch in text if "\uff61" <= ch <= "\uff9f" or "\ue000" <= ch <= "\uf8ff" or "\x80" <= ch <= "\x9f")


def read_text(name: str, data: bytes) -> tuple[list[RawLine], str]:
    text, encoding = _decode(name, data)
    text = text.removeprefix("\ufeff")
    if "\x00" in text or len(_CONTROLS.findall(text)) > _CONTROL_SHARE * len(text):
        raise DocumentError(name, "not a text document (too many control characters: binary data?)")
    separator = "\n" if "\n" in text or "\r" not in text else "\r"  # lone CR: old Mac line ends
    parts = text.split(separator)
    if parts and parts[-1] == "":
        parts.pop()  # the newline that ends the last line
    lines = []
    for number, part in enumerate(parts, start=1):
        line = part.rstrip("\r")
        cells = tuple(cell.strip() for cell in line.split("\t")) if "\t" in line else None
        lines.append(RawLine(line, None, cells, Source(line=number)))
    return lines, encoding
