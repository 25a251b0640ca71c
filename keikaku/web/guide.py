"""The staff guide: ``keikaku/guide/{ja,en}/*.md`` (package data, so an installed keikaku has it) rendered as pages at ``/staff/guide``, with its screenshots.

The guide is plain markdown in the repository, readable as files too; this module renders it with
markdown-it-py (raw HTML in the files is shown as text, never passed through), rewrites its links
between guide pages and to ``../img/*.png`` into the site's addresses, and serves the images of
``keikaku/guide/img`` and nothing else. Japanese by default, English with ``?lang=en``. Anyone may read
it (it describes the program, not a city's data); a signed-in reader also sees the staff header.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse
from markdown_it import MarkdownIt
from markupsafe import Markup
from sqlalchemy import Engine

from keikaku.domain.errors import NotFoundError
from keikaku.services import accounts
from keikaku.web.i18n import translator
from keikaku.web.staff import SESSION_COOKIE
from keikaku.web.wordbreak import wbr

GUIDE_DIR = Path(__file__).resolve().parents[1] / "guide"
PAGES = ("index", "planning", "editor", "reviewer")  # the order of the guide's table of contents
LANGS = ("ja", "en")
IMAGE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,80}\.png$")
_PAGE_LINK = re.compile(r"^(?P<slug>[a-z]+)\.md(?P<anchor>#[\w-]*)?$")
_IMAGE_LINK = re.compile(r"^\.\./img/(?P<name>[^/]+)$")


@dataclass(frozen=True)
class GuideLink:
    """One entry of the guide's table of contents."""

    slug: str
    title: str
    url: str
    current: bool


@dataclass(frozen=True)
class GuidePage:
    """A rendered page of the guide: its title (the file's first heading) and body."""

    slug: str
    lang: str
    title: str
    html: Markup
    images: tuple[str, ...]  # the file names under img/ it shows
    links: tuple[str, ...]  # the addresses it links to, as rewritten for the site


def page_url(slug: str, lang: str) -> str:
    path = "/staff/guide" if slug == "index" else f"/staff/guide/{slug}"
    return path + ("?lang=en" if lang == "en" else "")


def image_url(name: str) -> str:
    return f"/staff/guide/img/{name}"


def source_of(slug: str, lang: str, directory: Path = GUIDE_DIR) -> Path:
    """The markdown file of a page; NotFoundError for a page the guide does not have."""
    if slug not in PAGES or lang not in LANGS:
        raise NotFoundError(f"no guide page {slug!r}")
    path = directory / lang / f"{slug}.md"
    if not path.is_file():
        raise NotFoundError(f"the guide page {lang}/{slug}.md is missing")
    return path


def render_page(text: str, *, slug: str, lang: str) -> GuidePage:
    """Markdown → HTML, with links to other guide files (``editor.md``) and to ``../img/NAME.png``
    turned into the site's addresses. Links to anything else are kept as written."""
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = md.parse(text)
    title, images, links = "", [], []
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h1" and not title:
            title = tokens[i + 1].content
        children = token.children or []
        label = i > 0 and tokens[i - 1].type in ("heading_open", "th_open") and tokens[i - 1].tag in ("h1", "h2", "th")
        for k, child in enumerate(children):
            if label and child.type == "text":  # a heading or table header: <wbr> where its words may break
                child.type, child.content = "html_inline", str(wbr(child.content))
            elif child.type == "softbreak" and _joins_without_space(children, k):
                child.type, child.content = "text", ""  # a line broken inside Japanese text: no space
            elif child.type == "link_open":
                href = str(child.attrs.get("href", ""))
                found = _PAGE_LINK.match(href)
                if found and found.group("slug") in PAGES:
                    href = page_url(found.group("slug"), lang) + (found.group("anchor") or "")
                    child.attrs["href"] = href
                links.append(href)
            elif child.type == "image":
                src = str(child.attrs.get("src", ""))
                found = _IMAGE_LINK.match(src)
                if found:
                    images.append(found.group("name"))
                    child.attrs["src"] = image_url(found.group("name"))
                    child.attrs["loading"] = "lazy"
    html = md.renderer.render(tokens, md.options, {})
    return GuidePage(slug, lang, title or slug, Markup(html), tuple(images), tuple(links))


def _wide(char: str) -> bool:
    return bool(char) and ord(char) >= 0x2E80  # CJK, kana, full-width forms


def _joins_without_space(children: list, k: int) -> bool:
    """Whether the line break at ``children[k]`` falls between Japanese characters (on either side)."""
    before = next((c.content for c in reversed(children[:k]) if c.content), "")
    after = next((c.content for c in children[k + 1:] if c.content), "")
    return _wide(before[-1:]) or _wide(after[:1])


class GuideCache:
    """Rendered pages, rebuilt when their file changes."""

    def __init__(self, directory: Path = GUIDE_DIR) -> None:
        self.directory = directory
        self._pages: dict[tuple[str, str], tuple[int, GuidePage]] = {}
        self._lock = threading.Lock()

    def page(self, slug: str, lang: str) -> GuidePage:
        path = source_of(slug, lang, self.directory)
        stamp = path.stat().st_mtime_ns
        with self._lock:
            kept = self._pages.get((slug, lang))
        if kept and kept[0] == stamp:
            return kept[1]
        rendered = render_page(path.read_text(encoding="utf-8"), slug=slug, lang=lang)
        with self._lock:
            self._pages[(slug, lang)] = (stamp, rendered)
        return rendered

    def contents(self, current: str, lang: str) -> list[GuideLink]:
        return [GuideLink(s, self.page(s, lang).title, page_url(s, lang), s == current) for s in PAGES]

    def image(self, name: str) -> Path:
        """A screenshot of the guide: a plain ``name.png`` that exists in img/; NotFoundError otherwise."""
        if not IMAGE_NAME.match(name):
            raise NotFoundError(f"no guide image {name[:100]!r}")
        folder = (self.directory / "img").resolve()
        path = (folder / name).resolve()
        if path.parent != folder or not path.is_file():
            raise NotFoundError(f"no guide image {name!r}")
        return path


def router(engine: Engine, render: Callable[..., HTMLResponse], directory: Path = GUIDE_DIR) -> APIRouter:
    r = APIRouter(include_in_schema=False)
    guide = GuideCache(directory)

    def lang_of(request: Request) -> str:
        lang = request.query_params.get("lang") or request.cookies.get("lang") or "ja"
        return "en" if lang == "en" else "ja"

    def show(request: Request, slug: str) -> HTMLResponse:
        lang = lang_of(request)
        shown = guide.page(slug, lang)
        info = accounts.session_user(engine, request.cookies.get(SESSION_COOKIE))
        ctx = {"user": info.user if info else None, "csrf": info.csrf_token if info else "", "page": shown,
               "contents": guide.contents(slug, lang), "guide_title": translator(lang)("guide")}
        return render(request, "staff/guide.html", ctx, title=shown.title)

    @r.get("/staff/guide", response_class=HTMLResponse)
    def guide_index(request: Request) -> HTMLResponse:
        return show(request, "index")

    @r.get("/staff/guide/{slug}", response_class=HTMLResponse)
    def guide_page(request: Request, slug: str) -> HTMLResponse:
        if slug == "index":
            raise NotFoundError("the guide's index is /staff/guide")
        return show(request, slug)

    @r.get("/staff/guide/img/{name}")
    def guide_image(name: str) -> FileResponse:
        return FileResponse(guide.image(name), media_type="image/png")

    return r
