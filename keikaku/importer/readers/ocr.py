"""Scanned PDFs through OCR: Debian's ``ocrmypdf`` (Tesseract, Japanese), page by page.

A PDF without a text layer comes here (the PDF reader raises ``NeedsOcr``). Its pages are split
with poppler's ``pdfseparate``; each page goes through its own ``ocrmypdf`` process, as many at
once as there are cores, each killed (with its Tesseract and Ghostscript) when it passes the time
limit for one page; the OCR'd pages are joined again with ``pdfunite``. The joined PDF is read by
the ordinary PDF reader.

Tesseract's PDF text layer puts a space between every two Japanese words it found
(``自主 防災 組織 の 数 27 団 体 30 団 体``), which no later stage can read. Its text output keeps
the spaces it measured instead (``preserve_interword_spaces``): none inside Japanese, one for a
word gap, several for a table's column gap. ``respace`` gives every line the PDF reader returns
the spacing of the same line in that text (``--sidecar``).

Settings were chosen by measuring 300 dpi scans of measure pages with ruled indicator tables
(10.5-14 pt, 24 pages): ``jpn`` alone reads figures better than ``jpn+eng`` (which turns 人 into
A); Sauvola thresholding read 89% of lines and 92% of figures exactly, against 81% and 90% for
Tesseract's default (Otsu) and 82% and 94% for adaptive Otsu; automatic page segmentation (3) is
as good as one column (4), and one block (6) drops the rows of ruled tables; ``--deskew`` gained
nothing on skewed, noisy scans and costs a second a page. Tesseract's orientation check gets
Japanese pages right at confidences of 10-15, below OCRmyPDF's default threshold of 14, so pages
are turned from confidence 8. Tesseract's ``jpn`` misreads 0 as 9 or 6 more than any other figure;
``ocr_figures.py`` reads each page again with ``eng`` to put the digits right where both agree on
a figure's shape. Figures read from a scan should still be checked against the printed page.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from pathlib import Path

from keikaku.importer.readers.base import DocumentError, wide
from keikaku.importer.readers.ocr_figures import FigureWord, read_figure_words
from keikaku.importer.records import RawLine

LANGUAGES = "jpn"
PAGE_TIMEOUT_SECONDS = 120.0  # one page of OCR; a page that takes longer fails the document
TOOLS = {"ocrmypdf": "ocrmypdf", "tesseract": "tesseract-ocr", "pdfseparate": "poppler-utils", "pdfunite": "poppler-utils"}
LANGUAGE_PACKAGES = {"jpn": "tesseract-ocr-jpn"}
OCRMYPDF_OPTIONS = (
    "--output-type", "pdf",  # the result is only read, never kept: no PDF/A conversion
    "--optimize", "0",
    "--force-ocr",  # rasterise every page, whatever stray text it has
    "--rotate-pages", "--rotate-pages-threshold", "8",
    "--pdf-renderer", "sandwich",  # OCRmyPDF 14's hOCR renderer loses Japanese (every glyph reads "n")
    "--tesseract-thresholding", "sauvola",
    "--jobs", "1",  # one page per process; the pages run side by side
    "--quiet",
)
_TESSERACT_CONFIG = "preserve_interword_spaces 1\n"
_SPACES = re.compile(r"\s+")
_GAPS = re.compile(r" {2,}")
_THOUSANDS = re.compile(r"(?<=\d)([,，]) (?=\d{3}(?!\d))")  # "1, 250" → "1,250": no figure has that space


@dataclass(frozen=True)
class OcrResult:
    """The scan with a text layer, and Tesseract's text of each page with the spaces it measured."""

    pdf: bytes
    page_texts: tuple[str, ...]
    seconds: float
    figure_words: tuple[tuple[FigureWord, ...], ...] = ()  # each page's figures as the Latin model read them (ocr_figures.py)


class OcrUnavailable(DocumentError):
    """The OCR tools or their Japanese language data are not installed; names the Debian packages."""

    def __init__(self, name: str, packages: tuple[str, ...]):
        packages = tuple(dict.fromkeys(packages))
        super().__init__(name, _unavailable("en", packages))
        self.args = (name, packages)  # what pickling passes back to __init__
        self.packages = packages

    def __str__(self) -> str:
        if _lang() == "en":
            return super().__str__()
        return f"{self.name} を読み込めません: {_unavailable('ja', self.packages)}"


def _unavailable(lang: str, packages: tuple[str, ...]) -> str:
    install = "apt-get install " + " ".join(packages)
    if lang == "en":
        return (f"the PDF has no text layer (a scan?) and reading it needs OCR, which is not installed: "
                f"install the Debian packages {', '.join(packages)} (as root: {install})")
    return (f"文字情報のない PDF（スキャン画像？）で、読むには OCR が必要ですが、OCR が入っていません。"
            f"Debian のパッケージ {'、'.join(packages)} を入れてください（root で: {install}）")


def _lang() -> str:
    """The message language, as the CLI reads it (the importer does not import the CLI)."""
    return "en" if os.environ.get("KEIKAKU_LANG", "ja") == "en" else "ja"


def check_tools(name: str) -> None:
    """Raise ``OcrUnavailable`` unless ocrmypdf, tesseract with Japanese, pdfseparate and pdfunite are here."""
    missing = [package for tool, package in TOOLS.items() if shutil.which(tool) is None]
    if shutil.which("tesseract") is None:
        missing += LANGUAGE_PACKAGES.values()
    else:
        try:
            listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=60)
            languages = set(listed.stdout.split())
        except (OSError, subprocess.SubprocessError):
            languages = set()
        missing += [package for language, package in LANGUAGE_PACKAGES.items() if language not in languages]
    if missing:
        raise OcrUnavailable(name, tuple(missing))


def ocr_pdf(
    name: str,
    data: bytes,
    *,
    progress: bool = False,
    page_timeout: float = PAGE_TIMEOUT_SECONDS,
    jobs: int | None = None,
) -> OcrResult:
    """OCR every page of a PDF; ``progress`` shows a bar of pages done on stderr."""
    check_tools(name)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="keikaku-ocr-") as tmp:
        folder = Path(tmp)
        source = folder / "scan.pdf"
        source.write_bytes(data)
        config = folder / "keikaku.tesseract"
        config.write_text(_TESSERACT_CONFIG, encoding="ascii")
        _run(name, ["pdfseparate", str(source), str(folder / "page-%d.pdf")], timeout=page_timeout, what="pdfseparate")
        pages = sorted(folder.glob("page-*.pdf"), key=lambda p: int(p.stem.split("-")[1]))
        if not pages:
            raise DocumentError(name, "OCR failed: pdfseparate found no pages")
        outputs = [folder / f"ocr-{i}.pdf" for i in range(1, len(pages) + 1)]
        sidecars = [folder / f"ocr-{i}.txt" for i in range(1, len(pages) + 1)]
        workers = max(1, min(jobs or _cores(), len(pages)))
        figures: list[tuple[FigureWord, ...]] = [()] * len(pages)
        with _PageProgress(name, len(pages), enabled=progress) as advance:
            _ocr_pages(name, pages, outputs, sidecars, config, page_timeout=page_timeout, workers=workers, advance=advance,
                       figures=figures)
        joined = folder / "ocr.pdf"
        if len(outputs) == 1:
            joined = outputs[0]
        else:
            _run(name, ["pdfunite", *map(str, outputs), str(joined)], timeout=page_timeout, what="pdfunite")
        texts = tuple(s.read_text(encoding="utf-8", errors="replace").replace("\f", "") if s.exists() else "" for s in sidecars)
        return OcrResult(joined.read_bytes(), texts, time.perf_counter() - started, tuple(figures))


def _ocr_pages(
    name: str,
    pages: list[Path],
    outputs: list[Path],
    sidecars: list[Path],
    config: Path,
    *,
    page_timeout: float,
    workers: int,
    advance: Callable[[], None],
    figures: list[tuple[FigureWord, ...]],
) -> None:
    """Run ocrmypdf on each page, ``workers`` at once, then read its figures again (``figures``);
    the first failure stops the others."""
    running: set[subprocess.Popen[bytes]] = set()
    lock = threading.Lock()
    stopping = threading.Event()
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # Tesseract's own threads are slower than one process per core

    def one(number: int) -> None:
        if stopping.is_set():
            return
        command = ["ocrmypdf", "--language", LANGUAGES, *OCRMYPDF_OPTIONS,
                   "--tesseract-timeout", str(page_timeout * 2),  # ours comes first: OCRmyPDF's would skip the page quietly
                   "--tesseract-config", str(config), "--sidecar", str(sidecars[number - 1]),
                   str(pages[number - 1]), str(outputs[number - 1])]
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   env=env, start_new_session=True)  # its own process group, to kill its children too
        with lock:
            running.add(process)
        if stopping.is_set():  # another page failed while this one started
            _kill(process)
        try:
            _, err = process.communicate(timeout=page_timeout)
        except subprocess.TimeoutExpired:
            _kill(process)
            try:
                process.communicate(timeout=10)  # reap it
            except subprocess.TimeoutExpired:
                pass
            raise DocumentError(name, f"OCR of page {number} took longer than {page_timeout:g} s: "
                                      "the page is too large or too noisy to read") from None
        finally:
            with lock:
                running.discard(process)
        if process.returncode != 0:
            if stopping.is_set():
                return
            raise DocumentError(name, f"OCR failed on page {number} (ocrmypdf exit code {process.returncode}): "
                                      f"{_last_line(err) or 'no message'}")
        if not stopping.is_set():
            figures[number - 1] = read_figure_words(outputs[number - 1], timeout=page_timeout)
        advance()

    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="keikaku-ocr")
    futures = []
    try:
        futures += [pool.submit(one, n) for n in range(1, len(pages) + 1)]
        done, _ = wait(futures, return_when=FIRST_EXCEPTION)
        for future in futures:
            if future in done and future.exception() is not None:
                raise future.exception()  # type: ignore[misc]
    finally:
        stopping.set()
        for future in futures:
            future.cancel()
        with lock:
            for process in list(running):
                _kill(process)
        pool.shutdown(wait=True)


def _cores() -> int:
    """The cores this process may run on (a container's limit, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _kill(process: subprocess.Popen[bytes]) -> None:
    """Kill a page's ocrmypdf and everything it started (its process group); its thread reaps it."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _run(name: str, command: list[str], *, timeout: float, what: str) -> None:
    try:
        done = subprocess.run(command, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise DocumentError(name, f"OCR failed: {what} took longer than {timeout:g} s") from None
    except OSError as exc:
        raise DocumentError(name, f"OCR failed: cannot run {what} ({exc.strerror or exc})") from exc
    if done.returncode != 0:
        raise DocumentError(name, f"OCR failed: {what} exit code {done.returncode}: {_last_line(done.stderr) or 'no message'}")


def _last_line(output: bytes | None) -> str:
    lines = [line.strip() for line in (output or b"").decode("utf-8", errors="replace").splitlines() if line.strip()]
    return lines[-1] if lines else ""


class _PageProgress:
    """A rich progress bar of pages on stderr, or nothing; ``advance`` may be called from any thread."""

    def __init__(self, name: str, pages: int, *, enabled: bool):
        self.name, self.pages, self.enabled = name, pages, enabled
        self.lock = threading.Lock()

    def __enter__(self) -> Callable[[], None]:
        if not self.enabled:
            return lambda: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        console = Console(stderr=True)
        self.bar = Progress(TextColumn("OCR {task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("pages"),
                            TimeElapsedColumn(), console=console, transient=console.is_terminal)  # a log keeps the last state
        self.bar.start()
        task = self.bar.add_task(self.name, total=self.pages)

        def advance() -> None:
            with self.lock:
                self.bar.advance(task)

        return advance

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self.bar.stop()


def wants_progress() -> bool:
    """The default for ``read_document(progress=None)``: a bar when stderr is a terminal, in the main process."""
    import multiprocessing

    return sys.stderr is not None and sys.stderr.isatty() and multiprocessing.parent_process() is None


def respace(lines: list[RawLine], page_texts: tuple[str, ...]) -> list[RawLine]:
    """Give each line read from the OCR'd PDF the spacing Tesseract measured for it.

    A line is found in its page's OCR text by its characters, spaces aside; a column gap (two
    spaces or more) becomes one space, as the PDF reader writes one. A line not found keeps its
    text without the spaces between two Japanese characters. Either way ``1, 250`` becomes ``1,250``.
    """
    found: dict[tuple[int | None, str], list[str]] = {}
    for number, text in enumerate(page_texts, start=1):
        for raw in text.splitlines():
            spaced = _GAPS.sub(" ", raw.strip())
            if spaced:
                found.setdefault((number, _SPACES.sub("", spaced)), []).append(spaced)
    out = []
    for line in lines:
        if line.cells is not None:  # a reader's table row: its cells are its own
            out.append(line)
            continue
        same = found.get((line.page, _SPACES.sub("", line.text)))
        text = same.pop(0) if same else _join_japanese(line.text)
        text = _THOUSANDS.sub(r"\1", text)
        text = _RULE.sub(" ", text).strip()  # a table's vertical rule read as a character
        out.append(line if text == line.text else replace(line, text=text))
    return out


_RULE = re.compile(r"(?:^|\s)[|｜丨](?=\s|$)")


def _join_japanese(text: str) -> str:
    """Drop the spaces between two Japanese characters (the text layer's word gaps)."""
    words = text.split(" ")
    out = words[0]
    for word in words[1:]:
        out += word if out and word and wide(out[-1]) and wide(word[0]) else " " + word
    return out
