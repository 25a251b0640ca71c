"""The public site as plain files: ``keikaku publish --static DIR``.

Every public page is rendered by the live application itself (in process, no server), so the
static site cannot differ from it: the pages in Japanese and in English (``en/…``), their JSON
twins, the downloads they link, the charts (inline SVG), the style sheet, and a client-side search
over every plan, node and indicator. Links are rewritten to relative paths, so the directory can
be served from any folder of any web server, or opened from disk; nothing requests another site.

How paths become files:

- an HTML page ``/plans/3`` → ``plans/3/index.html`` (``/`` → ``index.html``); English pages
  under ``en/`` (``en/plans/3/index.html``);
- a JSON answer ``/api/v1/plans/3`` → ``api/v1/plans/3.json``;
- anything else keeps its path (``/plans/3/data.csv``), with an extension added from its type
  when the path has none;
- a query other than ``lang`` becomes part of the name (``compare/a=1&b=2/index.html``).

Staff pages, sign-in and the editor are never published; a link to them is left out (its text
stays, as plain text). A link to the opinion form (``/opinions/…``, during a comment period)
becomes a sentence saying where opinions are sent: the live site's form at ``KEIKAKU_SITE_URL``
when it is set, else the city's website in general (_opinion_links).
"""

from __future__ import annotations

import json
import mimetypes
import posixpath
import re
import shutil
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from sqlalchemy import Engine

from keikaku.services.publishing import search_index
from keikaku.web.app import HERE, create_app

PRIVATE = ("/staff", "/login", "/logout", "/api/v1/editor", "/search", "/api/v1/search", "/opinions")  # /opinions: a form needs the live site
LANGS = ("ja", "en")
_LINK = re.compile(r'(?P<attr>\b(?:href|src|action))="(?P<url>/(?!/)[^"]*)"')
_PRIVATE_LINK = re.compile(r'<a\b[^>]*\bhref="#unpublished"[^>]*>(?P<text>.*?)</a>', re.S)
_OPINION_LINK = re.compile(r'<a\b[^>]*\bhref="(?P<url>/opinions/[^"?#]*)[^"]*"[^>]*>.*?</a>', re.S)
_SEARCH_FORM = re.compile(r'<form\b[^>]*\baction="[^"]*search[^"]*"[^>]*>', re.S)
TYPES = {"text/html": ".html", "application/json": ".json", "application/ld+json": ".jsonld", "text/csv": ".csv",
         "application/pdf": ".pdf", "application/zip": ".zip", "text/css": ".css", "image/svg+xml": ".svg",
         "application/javascript": ".js", "text/javascript": ".js",
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx"}


class PublishError(Exception):
    """The static site cannot be written as asked (a page fails, the directory is not usable)."""


@dataclass(frozen=True)
class Target:
    path: str
    query: tuple[tuple[str, str], ...]
    lang: str

    def url(self) -> str:
        return self.path + "?" + urlencode([*self.query, ("lang", self.lang)])


@dataclass
class PublishResult:
    directory: Path
    files: int = 0
    pages: int = 0
    bytes: int = 0
    skipped: list[str] = field(default_factory=list)  # links that answered an error, with their status


def _target(url: str, lang: str) -> Target:
    """The page a link names, in the language asked (``?lang=``) or the linking page's; JSON twins
    and downloads are one file in either language."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    chosen = next((v for k, v in query if k == "lang"), None)
    rest = tuple((k, v) for k, v in query if k != "lang")
    path = unquote(parts.path) or "/"
    if _one_language(path):
        return Target(path, rest, "ja")
    return Target(path, rest, "en" if chosen == "en" else "ja" if chosen == "ja" else lang)


def _public(path: str) -> bool:
    return not any(path == p or path.startswith(p + "/") or path.startswith(p + "?") for p in PRIVATE)


def _file_of(target: Target, content_type: str) -> str:
    """The site-relative file a page is written to (see the module's docstring)."""
    kind = content_type.split(";")[0].strip().lower()
    path = target.path.rstrip("/") or "/"
    if target.query:
        path = path.rstrip("/") + "/" + quote("&".join(f"{k}={v}" for k, v in target.query), safe="=&")
    prefix = "en/" if target.lang == "en" and kind == "text/html" else ""
    if kind == "text/html":
        name = "index.html" if path == "/" else path.lstrip("/") + "/index.html"
    else:
        name = path.lstrip("/")
        ext = TYPES.get(kind) or mimetypes.guess_extension(kind) or ""
        if not posixpath.splitext(name)[1] and ext:
            name += ext
    return prefix + name


def publish_static(engine: Engine, directory: Path, *, plans: Iterable[int] | None = None,
                   progress: Callable[[int, int], None] | None = None) -> PublishResult:
    """Write the public site into ``directory`` (created; an existing non-empty directory must
    hold a site published before, which is replaced). ``plans`` limits it to those plans' pages
    (the home page lists only them); ``progress(done, known)`` is called after every file."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the test client's note on its HTTP library; it only drives the app in process
        from fastapi.testclient import TestClient

    out = Path(directory)
    if out.exists() and any(out.iterdir()) and not (out / "index.html").exists():
        raise PublishError(f"{out} is not empty and holds no published site: choose an empty directory")
    wanted = None if plans is None else set(plans)
    client = TestClient(create_app(engine), raise_server_exceptions=True)
    result = PublishResult(out)
    staging = out.with_name(out.name + ".publishing")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    files: dict[Target, str] = {}
    html_files: list[tuple[str, str]] = []  # (file, lang)
    seeds = [Target("/", (), lang) for lang in LANGS]
    if wanted is not None:
        seeds = [Target(f"/plans/{p}", (), lang) for p in sorted(wanted) for lang in LANGS]
    queue: deque[Target] = deque(seeds)
    seen = set(seeds)
    with client:  # one event loop for every request
        while queue:
            target = queue.popleft()
            client.cookies.clear()  # the language is the one asked for, never a cookie's
            response = client.get(target.url())
            if response.status_code != 200:
                result.skipped.append(f"{target.url()} ({response.status_code})")
                continue
            kind = response.headers.get("content-type", "application/octet-stream")
            name = _file_of(target, kind)
            files[target] = name
            dest = staging / name
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(response.content)
            result.files += 1
            result.bytes += len(response.content)
            if kind.startswith("text/html"):
                result.pages += 1
                html_files.append((name, target.lang))
                for m in _LINK.finditer(response.text):
                    found = _target(m.group("url"), target.lang)
                    if found in seen or not _public(found.path) or not _within(found, wanted):
                        continue
                    seen.add(found)
                    queue.append(found)
            if progress is not None:
                progress(result.files, result.files + len(queue))
    _write_search(staging, engine, wanted)
    _copy_static(staging)
    for name, lang in html_files:
        page = staging / name
        page.write_text(_relative_links(page.read_text(encoding="utf-8"), name, lang, files), encoding="utf-8")
    if out.exists():
        shutil.rmtree(out)
    staging.rename(out)
    return result


def _one_language(path: str) -> bool:
    """JSON twins and downloads are the same file in either language."""
    return path.startswith("/api/") or bool(posixpath.splitext(path)[1])


def _within(target: Target, wanted: set[int] | None) -> bool:
    """With a chosen set of plans, pages of other plans are not followed (nodes and indicators
    are reached from their own plan's pages only)."""
    if wanted is None:
        return True
    m = re.match(r"^(?:/api/v1)?/plans/(\d+)", target.path)
    return m is None or int(m.group(1)) in wanted


def _opinion_links(html: str, lang: str) -> str:
    """The form needs the live site: its link becomes a sentence naming the live form's address
    (``KEIKAKU_SITE_URL``), or the city's website when the address is not known."""
    from markupsafe import escape

    from keikaku.settings import get_settings
    from keikaku.web.i18n import translator

    t, site = translator(lang), get_settings().site_url

    def sentence(m: re.Match[str]) -> str:
        if not site:
            return f'<span class="static-opinions">{escape(t("cm_static_elsewhere"))}</span>'
        url = escape(f"{site}{m.group('url')}")
        link = f'<a href="{url}" rel="external">{url}</a>'
        return f'<span class="static-opinions">{str(escape(t("cm_static_live"))).replace("{url}", link)}</span>'

    return _OPINION_LINK.sub(sentence, html)


def _relative_links(html: str, name: str, lang: str, files: dict[Target, str]) -> str:
    here = posixpath.dirname(name)
    html = _opinion_links(html, lang)

    def swap(m: re.Match[str]) -> str:
        url = m.group("url")
        if url.startswith("/static/"):
            return f'{m.group("attr")}="{posixpath.relpath(url.lstrip("/"), here or ".")}"'
        target = _target(url, lang)
        file = files.get(target)
        if file is None and target.path.rstrip("/") in ("/search", ""):
            file = ("en/" if target.lang == "en" else "") + "search/index.html"
        if file is None:
            return f'{m.group("attr")}="#unpublished"'
        return f'{m.group("attr")}="{posixpath.relpath(file, here or ".")}"'

    html = _LINK.sub(swap, html)
    html = _PRIVATE_LINK.sub(lambda m: f'<span>{m.group("text")}</span>', html)
    return html


def _copy_static(staging: Path) -> None:
    shutil.copytree(HERE / "static", staging / "static", dirs_exist_ok=True)


def _write_search(staging: Path, engine: Engine, wanted: set[int] | None) -> None:
    """A search page per language and one index of every title, read by static/search.js."""
    index = search_index(engine, plans=wanted)
    (staging / "search-index.json").write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")),
                                               encoding="utf-8")
    template = (HERE / "templates" / "static_search.html").read_text(encoding="utf-8")
    for lang in LANGS:
        folder = staging / ("en/search" if lang == "en" else "search")
        folder.mkdir(parents=True, exist_ok=True)
        index_root = "../../" if lang == "en" else "../"
        root = index_root + ("en/" if lang == "en" else "")  # pages of the language
        words = SEARCH_WORDS[lang]
        page = (template.replace("{{lang}}", lang).replace("{{index_root}}", index_root)
                .replace("{{root}}static/", index_root + "static/").replace("{{root}}", root)
                .replace("{{home_path}}", "index.html"))
        for key, text in words.items():
            page = page.replace("{{" + key + "}}", text)
        (folder / "index.html").write_text(page, encoding="utf-8")


SEARCH_WORDS = {
    "ja": {"title": "検索", "label": "検索語", "button": "検索", "home": "ホーム", "none": "該当するものはありません。",
           "site": "keikaku 総合計画の見える化", "skip": "本文へ移動"},
    "en": {"title": "Search", "label": "Search words", "button": "Search", "home": "Home", "none": "Nothing found.",
           "site": "keikaku: comprehensive plans in the open", "skip": "Skip to content"},
}
