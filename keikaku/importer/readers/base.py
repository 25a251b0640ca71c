"""What every reader shares: the error they raise and how a cell's text is put on one line."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from keikaku.domain.errors import KeikakuError

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024


class DocumentError(KeikakuError):
    """A document that cannot be read: missing, empty, too large, corrupt, encrypted, or without text."""

    exit_code = 2

    def __init__(self, name: str, reason: str):
        super().__init__(name, reason)  # both in args, so the error pickles
        self.name = name
        self.reason = reason

    def __str__(self) -> str:
        return f"cannot import {self.name}: {self.reason}"


class NeedsOcr(DocumentError):
    """A PDF without a text layer (its pages are images: a scan), readable only through OCR."""


def wide(ch: str) -> bool:
    """An East-Asian wide or full-width character (kanji, kana, full-width forms)."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def join_breaks(text: str) -> str:
    """One cell's text on one line: its line breaks become a space, or nothing between two CJK characters."""
    parts = [part.strip() for part in text.splitlines() if part.strip()]
    out = parts[0] if parts else ""
    for part in parts[1:]:
        out += part if wide(out[-1]) and wide(part[0]) else " " + part
    return out




@contextmanager
def failures_as(name: str, describe: Callable[[Exception], str]) -> Iterator[None]:
    """Any failure inside, but a DocumentError, becomes a DocumentError naming the file: ``describe(exc)``."""
    try:
        yield
    except DocumentError:
        raise
    except Exception as exc:
        raise DocumentError(name, describe(exc)) from exc
