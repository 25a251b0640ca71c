"""Uploaded plan documents waiting for review: kept on disk between requests, never in the database.

An upload gets a directory ``<data dir>/review/<token>/`` where ``token`` is random (32 URL-safe
characters). The entry is bound to the session that uploaded it (the SHA-256 of its session
token is kept, never the token): any other session, even of the same user, is told it does not
exist. Entries expire ``ttl`` seconds after the upload (2 hours by default) and are swept on
every upload; each session keeps at most ``per_owner`` entries (the oldest goes) and the store at
most ``max_entries``. Files live on disk, not in memory, so that every worker process of the
server sees them.

Files of an entry:

- ``meta.json``: owner, created, file name, municipality, state (``reading``, ``ready``,
  ``failed``), error, version (raised by every saved edit)
- ``document/<file name>``: the upload, deleted once read
- ``extracted.json``: the plan as read; ``plan.json``: the plan with the corrections so far
- ``report.json``: the extraction report; ``source.json``: the document's lines, with anchors
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import secrets
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from keikaku.domain import planfile as pf
from keikaku.domain.errors import KeikakuError, NotFoundError

TTL_SECONDS = 2 * 3600
MAX_DOCUMENT_BYTES = 30 * 1024 * 1024
MAX_ENTRIES = 40
PER_OWNER = 5
MAX_SOURCE_LINES = 30_000  # lines of the document kept for the source pane
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")
_CELL_SUFFIX = re.compile(r"c\d+$")
SUFFIXES = (".txt", ".md", ".csv", ".tsv", ".pdf", ".docx", ".xlsx", ".xlsm")


class UploadRefused(KeikakuError):
    """A document not taken for review: ``code`` names why (``rv_too_large``, ``rv_bad_suffix``), ``values`` fill the words."""

    http_status = 400

    def __init__(self, message: str, *, code: str, **values: Any):
        super().__init__(message)
        self.code, self.field, self.values = code, "file", values


class StagingFull(KeikakuError):
    """Too many documents are waiting for review; finish or discard some first."""

    http_status = 429
    code = "rv_staging_full"


class StaleDraft(KeikakuError):
    """An edit made on an older view of the draft (another tab saved first)."""

    http_status = 409
    code = "stale_form"


@dataclass
class SourceLine:
    number: int  # 1-based position among the reader's lines; the anchor is ``src-<number>``
    where: str  # the reader's location label (line 12, p.3 (72,140–300,152), Sheet1!B4, t1r2)
    page: int | None
    text: str


@dataclass
class Staged:
    """One entry as a page needs it."""

    token: str
    created: float
    filename: str
    municipality: str
    state: str
    error: str | None
    version: int
    plan: pf.PlanDocument | None = None
    extracted: pf.PlanDocument | None = None
    report: dict[str, Any] | None = None
    source: list[SourceLine] = field(default_factory=list)
    source_cut: bool = False
    anchors: dict[str, int] = field(default_factory=dict)  # origin → source line number
    format: str = ""
    sha256: str = ""
    pages: int | None = None


def owner_of(session_token: str | None) -> str:
    """What an entry keeps of the session that made it."""
    return hashlib.sha256((session_token or "").encode()).hexdigest()


def safe_filename(name: str | None) -> str:
    """The upload's own name without directories or control characters, at most 120 characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip().lstrip(".")
    if not base:
        return "document.txt"
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        return base[:120]
    return f"{stem[:110]}.{suffix[:9]}"


def _write_json(path: Path, data: Any) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


class StagingStore:
    def __init__(self, root: Path, *, ttl: float = TTL_SECONDS, max_entries: int = MAX_ENTRIES, per_owner: int = PER_OWNER,
                 max_bytes: int = MAX_DOCUMENT_BYTES, clock: Any = time.time):
        self.root = root
        self.ttl = ttl
        self.max_entries = max_entries
        self.per_owner = per_owner
        self.max_bytes = max_bytes
        self.clock = clock

    # --- entries ------------------------------------------------------------------------
    def _dir(self, token: str) -> Path:
        if not _TOKEN.match(token or ""):
            raise NotFoundError("no such review")
        return self.root / token

    @contextmanager
    def _locked(self, token: str) -> Iterator[Path]:
        directory = self._dir(token)
        if not directory.is_dir():
            raise NotFoundError("no such review")
        with open(directory / "lock", "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield directory
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _meta(self, directory: Path) -> dict[str, Any] | None:
        try:
            return _read_json(directory / "meta.json")
        except (OSError, ValueError):
            return None

    def _entries(self) -> list[tuple[Path, dict[str, Any] | None]]:
        if not self.root.is_dir():
            return []
        return [(d, self._meta(d)) for d in self.root.iterdir() if d.is_dir() and _TOKEN.match(d.name)]

    def sweep(self) -> int:
        """Remove expired entries (and ones whose metadata cannot be read); returns how many."""
        now, removed = self.clock(), 0
        for directory, meta in self._entries():
            if meta is None and now - directory.stat().st_mtime < 60:
                continue  # being created right now
            if meta is None or now - meta["created"] > self.ttl:
                shutil.rmtree(directory, ignore_errors=True)
                removed += 1
        return removed

    def create(self, owner: str, *, filename: str | None, content: bytes, municipality: str = "") -> str:
        """Keep an upload for reading; returns its token. Nothing is read yet (see ``read``)."""
        if len(content) > self.max_bytes:
            raise UploadRefused(f"the file is larger than {self.max_bytes // (1024 * 1024)} MB", code="rv_too_large",
                                mb=self.max_bytes // (1024 * 1024))
        name = safe_filename(filename)
        if not name.lower().endswith(SUFFIXES):
            raise UploadRefused(f"keikaku reads {', '.join(SUFFIXES)} files, not {name!r}", code="rv_bad_suffix",
                                suffixes=" ".join(SUFFIXES))
        self.sweep()
        entries = [(d, m) for d, m in self._entries() if m is not None]
        mine = sorted((m["created"], d) for d, m in entries if m["owner"] == owner)
        while len(mine) >= self.per_owner:
            shutil.rmtree(mine.pop(0)[1], ignore_errors=True)
            entries = [(d, m) for d, m in self._entries() if m is not None]
        if len(entries) >= self.max_entries:
            raise StagingFull("too many documents are waiting for review; store or discard some, or wait two hours")
        token = secrets.token_urlsafe(24)
        directory = self.root / token
        (directory / "document").mkdir(parents=True)
        (directory / "document" / name).write_bytes(content)
        _write_json(directory / "meta.json", {
            "owner": owner, "created": self.clock(), "filename": name, "municipality": (municipality or "").strip()[:100],
            "state": "reading", "error": None, "version": 0,
        })
        return token

    def read(self, token: str, *, ocr: bool = True) -> None:
        """Extract the uploaded document (blocking: run it off the event loop) and keep what was read."""
        from keikaku.importer.pipeline import extract_file

        directory = self._dir(token)
        meta = self._meta(directory)
        if meta is None or meta["state"] != "reading":
            return
        document = directory / "document" / meta["filename"]
        try:
            extraction = extract_file(document, ocr=ocr)
        except KeikakuError as exc:
            self._finish(token, state="failed", error=str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - a reader's crash must end as a failed entry, not a page that waits forever
            self._finish(token, state="failed", error=f"the document could not be read ({type(exc).__name__})")
            return
        lines, anchors = source_view(extraction)
        with self._locked(token) as d:
            _write_json(d / "extracted.json", extraction.plan.to_json_dict())
            _write_json(d / "plan.json", extraction.plan.to_json_dict())
            _write_json(d / "report.json", extraction.report.to_json_dict())
            _write_json(d / "source.json", {
                "format": extraction.raw.format, "sha256": extraction.raw.sha256, "pages": extraction.raw.pages,
                "cut": len(lines) > MAX_SOURCE_LINES, "anchors": anchors,
                "lines": [[s.number, s.where, s.page, s.text] for s in lines[:MAX_SOURCE_LINES]],
            })
        self._finish(token, state="ready", error=None)

    def _finish(self, token: str, *, state: str, error: str | None) -> None:
        with self._locked(token) as d:
            meta = self._meta(d) or {}
            meta.update(state=state, error=error)
            _write_json(d / "meta.json", meta)
            shutil.rmtree(d / "document", ignore_errors=True)

    def get(self, token: str, owner: str, *, full: bool = True) -> Staged:
        """The entry of ``token`` if ``owner`` made it and it has not expired; NotFoundError otherwise."""
        directory = self._dir(token)
        meta = self._meta(directory)
        if meta is None or not secrets.compare_digest(meta["owner"], owner) or self.clock() - meta["created"] > self.ttl:
            raise NotFoundError("no such review (it may have expired, or belong to another session)")
        staged = Staged(token, meta["created"], meta["filename"], meta["municipality"], meta["state"], meta["error"],
                        meta["version"])
        if full and staged.state == "ready":
            staged.plan = pf.PlanDocument.model_validate(_read_json(directory / "plan.json"))
            staged.extracted = pf.PlanDocument.model_validate(_read_json(directory / "extracted.json"))
            staged.report = _read_json(directory / "report.json")
            source = _read_json(directory / "source.json")
            staged.source = [SourceLine(*row) for row in source["lines"]]
            staged.source_cut, staged.anchors = source["cut"], source["anchors"]
            staged.format, staged.sha256, staged.pages = source["format"], source["sha256"], source["pages"]
        return staged

    def list(self, owner: str) -> list[Staged]:
        """This session's entries, newest first."""
        out = []
        for directory, meta in self._entries():
            if meta is not None and meta["owner"] == owner and self.clock() - meta["created"] <= self.ttl:
                out.append(self.get(directory.name, owner, full=False))
        return sorted(out, key=lambda s: -s.created)

    def save_plan(self, token: str, owner: str, plan: pf.PlanDocument, *, version: int) -> int:
        """Keep the corrected plan if the draft is still at ``version``; returns the new version."""
        self.get(token, owner, full=False)
        with self._locked(token) as d:
            meta = self._meta(d) or {}
            if meta.get("state") != "ready":
                raise NotFoundError("this review has nothing to correct")
            if meta["version"] != version:
                raise StaleDraft("the draft was changed in another window; the page now shows the latest version")
            _write_json(d / "plan.json", plan.to_json_dict())
            meta["version"] = version + 1
            _write_json(d / "meta.json", meta)
            return meta["version"]

    @contextmanager
    def holding(self, token: str, owner: str) -> Iterator[Staged]:
        """The entry, locked against edits while the block runs (storing it)."""
        self.get(token, owner, full=False)
        with self._locked(token):
            yield self.get(token, owner)

    def discard(self, token: str, owner: str) -> None:
        self.get(token, owner, full=False)
        shutil.rmtree(self._dir(token), ignore_errors=True)


# --- the source pane --------------------------------------------------------------------------

def source_view(extraction: Any) -> tuple[list[SourceLine], dict[str, int]]:
    """The document's lines as the reader saw them, and for every origin in the plan the line it names."""
    from keikaku.importer.debug import SourceIndex
    from keikaku.importer.report import location

    raw = extraction.raw
    lines = [SourceLine(i + 1, location(line, i), line.page, " | ".join(line.cells) if line.cells else line.text)
             for i, line in enumerate(raw.lines)]
    index = SourceIndex(raw)
    anchors: dict[str, int] = {}
    for origin in plan_origins(extraction.plan):
        found = index.lines_of(origin) or index.lines_of(_CELL_SUFFIX.sub("", origin))
        if found:
            anchors[origin] = found[0] + 1
    return lines, anchors


def plan_origins(plan: pf.PlanDocument) -> list[str]:
    out: list[str] = []
    for node in plan.nodes:
        out.append(node.origin or "")
    for ind in plan.indicators:
        out += [ind.origin or "", *(v.origin or "" for v in [ind.baseline, ind.target, *ind.interim_targets, *ind.actuals] if v)]
    out += [p.origin or "" for p in plan.projects]
    return [o for o in dict.fromkeys(out) if o]


def report_from_dict(data: dict[str, Any]) -> Any:
    """An ExtractionReport from its JSON form (as kept in ``report.json``)."""
    from keikaku.importer import report as r

    return r.ExtractionReport(
        source=data["source"], format=data["format"], raw_lines=data["raw_lines"], counts=r.Counts(**data["counts"]),
        tables_not_understood=[r.TableSeen(**t) for t in data["tables_not_understood"]],
        unknown_header_cells=[r.HeaderCell(**c) for c in data["unknown_header_cells"]],
        figures_without_year=[r.FigureWithoutYear(**f) for f in data["figures_without_year"]],
        indicators_without_figures=[r.IndicatorRef(**i) for i in data["indicators_without_figures"]],
        warnings=list(data["warnings"]),
    )


def store_staged(engine: Any, staged: Staged) -> Any:
    """Store the corrected plan of a ready entry in one transaction (``import_extraction``); returns its ImportResult."""
    from keikaku.importer.pipeline import Extraction
    from keikaku.importer.records import RawDocument
    from keikaku.services.importing import import_extraction

    if staged.state != "ready" or staged.plan is None or staged.report is None:
        raise NotFoundError("this review has nothing to store")
    raw = RawDocument(name=staged.filename, format=staged.format, sha256=staged.sha256, pages=staged.pages)
    extraction = Extraction(raw, [], [], staged.plan, report_from_dict(staged.report))
    return import_extraction(engine, extraction, municipality=staged.municipality or None)


def municipality_choices(engine: Any) -> list[tuple[str, str]]:
    """(code, name) of every known municipality, for the upload form's suggestions."""
    from keikaku.storage import repository as repo
    from keikaku.storage.database import transaction

    with transaction(engine) as session:
        return [(m.code, m.name) for m in repo.list_municipalities(session)]
